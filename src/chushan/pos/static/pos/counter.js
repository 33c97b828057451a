// The counter page: keep the scan field ready for the next barcode (a USB scanner types digits + Enter),
// read barcodes with the camera where the browser has BarcodeDetector, and preview the change for cash.
(function () {
  "use strict";

  function scanField() { return document.getElementById("scan-code"); }

  function refocus() {
    var field = scanField();
    if (field && !document.querySelector("dialog[open]")) { field.focus(); }
  }

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (form && form.id === "scan-form") { form.reset(); refocus(); }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "basket") { refocus(); }
  });

  // Change preview in fen arithmetic (integers), so 0.1 + 0.2 never shows 0.30000000000000004; the server
  // computes the change that counts.
  function fen(text) {
    var match = /^\s*(\d+)(?:\.(\d{1,2}))?\s*$/.exec(text || "");
    if (!match) { return null; }
    return parseInt(match[1], 10) * 100 + parseInt(((match[2] || "") + "00").slice(0, 2), 10);
  }
  document.addEventListener("input", function (event) {
    if (event.target.id !== "tendered") { return; }
    var totalNode = document.querySelector("[data-total]");
    var out = document.getElementById("change-preview");
    if (!totalNode || !out) { return; }
    var total = fen(totalNode.getAttribute("data-total")), given = fen(event.target.value);
    if (total === null || given === null || given < total) { out.textContent = ""; return; }
    var change = given - total;
    out.textContent = out.getAttribute("data-label") || "";
    out.textContent += "¥" + Math.floor(change / 100) + "." + String(change % 100).padStart(2, "0");
  });

  // Camera scanning: only where the browser can detect barcodes itself; the typed field always works.
  var stream = null, timer = null;
  function stop() {
    if (timer) { clearInterval(timer); timer = null; }
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
    var box = document.getElementById("camera");
    if (box) { box.hidden = true; }
  }
  function start() {
    var video = document.getElementById("camera-video"), box = document.getElementById("camera");
    var detector = new window.BarcodeDetector({formats: ["ean_13", "ean_8", "upc_a", "upc_e", "code_128", "qr_code"]});
    navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}}).then(function (s) {
      stream = s; video.srcObject = s; box.hidden = false; video.play();
      timer = setInterval(function () {
        detector.detect(video).then(function (codes) {
          if (!codes.length) { return; }
          var field = scanField();
          field.value = codes[0].rawValue;
          stop();
          field.form.requestSubmit();
        }).catch(function () {});
      }, 250);
    }).catch(function () { stop(); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("camera-button");
    if (button && "BarcodeDetector" in window && navigator.mediaDevices) {
      button.hidden = false;
      button.addEventListener("click", start);
      var stopper = document.getElementById("camera-stop");
      if (stopper) { stopper.addEventListener("click", stop); }
    }
    refocus();
  });
})();
