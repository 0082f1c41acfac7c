/* The phone menu by keyboard. Material opens its navigation drawer with a <label> for a hidden
   checkbox, which the keyboard cannot reach; the build puts a button (a focusable span with a
   name) inside the label (site/htmlpost.py), this script gives it its keys and state. While the drawer is closed at phone width
   its links are hidden (praxis.css), so Tab never lands on a link nobody sees. */
(function () {
  "use strict";
  var drawer = document.getElementById("__drawer");
  var button = document.querySelector('label.md-header__button[for="__drawer"] .pk-menu-button');
  if (!drawer || !button) return;
  function show() {
    button.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
  }
  button.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      drawer.click();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer.checked) {
      drawer.click();
      button.focus();
    }
  });
  drawer.addEventListener("change", show);
  show();
})();
