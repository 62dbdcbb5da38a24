/*
 * CeCTO Portal: "Copy address" buttons (progressive enhancement).
 *
 * A button with data-copy-address="<input id>" copies that input's value to the
 * clipboard and announces it in the element with data-copy-status="<input id>"
 * (a polite live region). The button stays hidden where the Clipboard API is
 * missing (or without this script): the address can still be selected and copied.
 */
(function () {
  "use strict";

  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }

  var buttons = document.querySelectorAll("[data-copy-address]");
  Array.prototype.forEach.call(buttons, function (button) {
    var id = button.getAttribute("data-copy-address");
    var input = document.getElementById(id);
    var status = document.querySelector('[data-copy-status="' + id + '"]');
    if (!input) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(
        function () {
          if (status) {
            status.textContent = button.getAttribute("data-copied-text") || "Copied";
          }
        },
        function () {
          input.select();
          if (status) {
            status.textContent = "Select the address and copy it.";
          }
        }
      );
    });
  });
})();
