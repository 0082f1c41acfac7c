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
    carryQuery(query);
  }

  /* The language switcher (Material's, in the header) leads to the same view in another
     language: its links get the state's query; the values are ids, the same in every language. */
  function carryQuery(query) {
    Array.prototype.forEach.call(document.querySelectorAll("a.md-select__link[hreflang]"), function (link) {
      var href = link.getAttribute("href");
      var hash = href.indexOf("#") === -1 ? "" : href.slice(href.indexOf("#"));
      link.setAttribute("href", href.split(/[?#]/)[0] + (query ? "?" + query : "") + hash);
    });
  }

  /* A shared link opens the groups in which something is chosen, so the reader sees it. */
  function openChosen(form) {
    Array.prototype.forEach.call(form.querySelectorAll("details"), function (details) {
      var chosen = Array.prototype.some.call(details.querySelectorAll("input"), function (field) {
        return field.checked !== field.defaultChecked;
      });
      if (chosen) details.open = true;
    });
  }

  /* Restore the state from the URL, follow every change, apply it once. The form is in the page
     from the start (hidden by CSS only without scripting), so nothing moves when this runs;
     update(changed) learns whether the reader changed something (true) or the page loaded. */
  function activate(form, update) {
    restore(form, new URLSearchParams(window.location.search));
    openChosen(form);
    form.addEventListener("change", function () { update(true); });
    form.addEventListener("reset", function () { window.setTimeout(function () { update(true); }, 0); });
    update(false);
    document.documentElement.classList.remove("pk-restoring");
  }

  /* A visible sign that a tap did something: the results bar lights up briefly (praxis.css). */
  function signal(element) {
    element.classList.remove("pk-changed");
    void element.offsetWidth; // restart the animation
    element.classList.add("pk-changed");
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

  window.praxis = { VERDICT_RANK: VERDICT_RANK, persist: persist, words: words, verdictsOf: verdictsOf, fill: fill, activate: activate, checkedValues: checkedValues, radioValue: radioValue, signal: signal };

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
