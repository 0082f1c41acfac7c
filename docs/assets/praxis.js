/*
 * Shared by every page: the helpers the Praxisfinder (finder.js) and the matcher (matcher.js)
 * use, the search page (Pagefind), printing a case sheet or its transfer check, and scrollable
 * tables that keyboard users can reach.
 */
(function () {
  "use strict";

  var VERDICT_RANK = { "geeignet": 0, "bedingt-geeignet": 1, "nicht-geeignet": 2 };

  function words(value) {
    return value ? value.split(" ").filter(Boolean) : [];
  }

  function verdictsOf(item) {
    var map = {};
    words(item.getAttribute("data-verdicts")).forEach(function (pair) {
      var parts = pair.split(":");
      map[parts[0]] = parts[1];
    });
    return map;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) {
      return key in values ? String(values[key]) : "";
    });
  }

  /* Read the form's state from the URL (only names and values the form knows). */
  function restore(form, params) {
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name) return;
      var values = params.getAll(field.name);
      if (field.type === "checkbox") {
        if (params.has(field.name)) field.checked = values.indexOf(field.value) !== -1;
      } else if (field.type === "radio") {
        if (params.has(field.name)) field.checked = values[0] === field.value;
      }
    });
  }

  /* Write the form's state into the URL, leaving out what equals the default. */
  function persist(form) {
    var params = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name) return;
      var differs = field.checked !== field.defaultChecked;
      if (field.type === "radio" && field.checked && field.value) params.append(field.name, field.value);
      if (field.type === "checkbox" && field.checked && !field.defaultChecked) params.append(field.name, field.value);
      if (field.type === "checkbox" && !field.checked && field.defaultChecked && differs) params.append(field.name, "0");
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", url);
  }

  /* Restore the state from the URL, follow every change, show the form, apply it once. */
  function activate(form, update) {
    restore(form, new URLSearchParams(window.location.search));
    form.addEventListener("change", update);
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    form.hidden = false;
    update();
  }

  function checkedValues(form, name) {
    return Array.prototype.filter
      .call(form.querySelectorAll('input[name="' + name + '"]'), function (f) { return f.checked && f.value !== "0"; })
      .map(function (f) { return f.value; });
  }

  function radioValue(form, name) {
    var chosen = form.querySelector('input[name="' + name + '"]:checked');
    return chosen ? chosen.value : "";
  }

  window.praxis = { VERDICT_RANK: VERDICT_RANK, persist: persist, words: words, verdictsOf: verdictsOf, fill: fill, activate: activate, checkedValues: checkedValues, radioValue: radioValue };

  /* ---------------------------------------------------------------------- Search -- */
  function search(element) {
    var bundle = element.getAttribute("data-bundle");
    var script = document.createElement("script");
    script.src = bundle + "pagefind-ui.js";
    script.onload = function () {
      /* global PagefindUI */
      /* No autofocus: on a phone the keyboard would cover the page's introduction. */
      new PagefindUI({ element: "#pk-search", bundlePath: bundle, showSubResults: true, showImages: false, autofocus: false });
      /* The visible label above the field (search.md.j2) names it; Pagefind gives it only a title. */
      var input = element.querySelector("input.pagefind-ui__search-input");
      var label = document.getElementById("pk-search-label");
      if (input && label) {
        input.id = "pk-search-input";
        label.htmlFor = input.id;
      }
    };
    document.head.appendChild(script);
  }

  /* Tables wider than a phone scroll inside Material's wrapper; keyboard users must reach it. */
  function scrollableTables() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (wrap) {
      if (wrap.scrollWidth <= wrap.clientWidth + 1 || wrap.hasAttribute("tabindex")) return;
      var caption = wrap.querySelector("caption");
      var heading = wrap.previousElementSibling;
      while (heading && !/^H[2-4]$/.test(heading.tagName)) heading = heading.previousElementSibling;
      var name = caption ? caption.textContent : heading ? heading.textContent : "";
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      if (name) wrap.setAttribute("aria-label", name.replace(/\s+/g, " ").trim());
    });
  }

  function start() {
    window.addEventListener("load", function () { window.requestAnimationFrame(scrollableTables); });
    window.addEventListener("resize", scrollableTables);
    // What a case page prints: its case sheet, or its transfer check alone (the button below the
    // transfer check, or an address ending in #transfer-check, as its QR code carries).
    var transferCheck = document.getElementById("transfer-check");
    function printMode(mode) {
      if (mode) document.documentElement.setAttribute("data-pk-print", mode);
      else document.documentElement.removeAttribute("data-pk-print");
    }
    function modeFromAddress() {
      printMode(transferCheck && window.location.hash === "#transfer-check" ? "transfer-check" : "");
    }
    modeFromAddress();
    window.addEventListener("hashchange", modeFromAddress);
    window.addEventListener("afterprint", modeFromAddress);
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
      button.addEventListener("click", function () {
        printMode(button.getAttribute("data-print"));
        window.print();
      });
    });
    var searchElement = document.getElementById("pk-search");
    if (searchElement) search(searchElement);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
