// The product page's option picker sits outside the add-to-cart form: carry the chosen SKU into it.
// Without script the form carries its own option list instead (inside <noscript>).
document.addEventListener("change", function (event) {
  var choice = event.target.closest && event.target.closest("input[name=sku][type=radio]");
  var hidden = document.querySelector("#add-to-cart input[data-sku-from-picker]");
  if (choice && hidden) { hidden.value = choice.value; }
});
