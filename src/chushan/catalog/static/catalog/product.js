// The headline price follows the chosen SKU; without script every option still shows its own price.
document.addEventListener("change", function (event) {
  var choice = event.target.closest && event.target.closest("input[name=sku][data-price]");
  var out = document.querySelector("[data-testid=price]");
  if (choice && out) { out.textContent = "¥" + choice.dataset.price; }
});
