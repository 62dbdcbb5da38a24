/*
 * CeCTO Portal: progressive enhancement only.
 *
 * Mobile navigation toggle. Without this script the header panel (menu,
 * search, account links) is always visible. With it, narrow screens show a
 * "Menu" button that opens and closes the panel and keeps aria-expanded in
 * step; CSS hides the closed panel only when <html> has .has-nav-toggle.
 */
(function () {
  "use strict";

  var toggle = document.querySelector("[data-nav-toggle]");
  var panel = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (!toggle || !panel) {
    return;
  }

  function isOpen() {
    return toggle.getAttribute("aria-expanded") === "true";
  }

  function setOpen(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    panel.classList.toggle("is-open", open);
  }

  setOpen(false);
  toggle.hidden = false;
  document.documentElement.classList.add("has-nav-toggle");

  toggle.addEventListener("click", function () {
    setOpen(!isOpen());
  });

  // Escape closes the open menu and returns focus to its button.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isOpen()) {
      setOpen(false);
      toggle.focus();
    }
  });

  // Crossing to the desktop layout resets the state, so a later return to a
  // narrow window starts closed.
  var desktop = window.matchMedia("(min-width: 64em)");
  var reset = function () {
    setOpen(false);
  };
  if (desktop.addEventListener) {
    desktop.addEventListener("change", reset);
  } else if (desktop.addListener) {
    desktop.addListener(reset);
  }
})();
