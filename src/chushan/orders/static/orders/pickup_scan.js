// The counter: a USB or Bluetooth scanner types the 8 digits into the field like a keyboard. Where the browser
// can read QR codes from the camera (BarcodeDetector), a button scans with it instead.
(function () {
  var field = document.querySelector("input[data-scan=pickup]");
  var button = document.querySelector("[data-scan-start]");
  if (!field || !button || !("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    var video = document.querySelector("[data-scan-video]");
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.hidden = false;
      video.srcObject = stream;
      video.play();
      var tick = function () {
        detector.detect(video).then(function (codes) {
          var found = codes.map(function (c) { return c.rawValue; }).filter(function (v) { return /^[0-9]{8}$/.test(v); });
          if (found.length) {
            stream.getTracks().forEach(function (t) { t.stop(); });
            field.value = found[0];
            field.form.submit();
          } else { window.requestAnimationFrame(tick); }
        }).catch(function () { window.requestAnimationFrame(tick); });
      };
      tick();
    });
  });
})();
