// Back-office behaviour, loaded as a file: the Content-Security-Policy allows no inline script.
// Everything here is an enhancement; every page works without it.
(function () {
  "use strict";

  // Zoom: a click (or Enter) on a document image enlarges it in place instead of opening it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.zoomable");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    var zoomed = link.classList.toggle("zoomed");
    link.setAttribute("aria-expanded", zoomed ? "true" : "false");
    link.title = zoomed ? "Zoom out" : "Zoom";
  });

  // Copy buttons: <button data-copy="element-id"> copies that element's value or text.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-copy]");
    if (!button) {
      return;
    }
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) {
      return;
    }
    var text = "value" in source ? source.value : source.textContent;
    var done = function () {
      var label = button.textContent;
      button.textContent = "Copied";
      button.setAttribute("aria-live", "polite");
      setTimeout(function () { button.textContent = label; }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(source); done(); });
    } else {
      fallback(source);
      done();
    }
  });

  function fallback(source) {
    if (typeof source.select === "function") {
      source.select();
    } else {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    try { document.execCommand("copy"); } catch (e) { /* the text stays selected for a manual copy */ }
  }

  // Confirmation for destructive buttons: <button data-confirm="message">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
})();

// Escape closes a zoomed image.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") {
    return;
  }
  document.querySelectorAll("a.zoomable.zoomed").forEach(function (link) {
    link.classList.remove("zoomed");
    link.setAttribute("aria-expanded", "false");
    link.title = "Zoom";
  });
});
