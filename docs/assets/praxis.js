/*
 * Praxisfinder and matcher. Both pages are complete without JavaScript (a server-rendered list);
 * this script only reads data-* attributes, shows and hides list items, and keeps the state in
 * the URL so that a filtered view can be shared. Labels come from the page, in its language.
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

  /* ---------------------------------------------------------------- Praxisfinder -- */
  function finder(form) {
    var list = document.getElementById("pk-results");
    var count = document.getElementById("pk-count");
    var empty = document.getElementById("pk-empty");
    var items = Array.prototype.slice.call(list.children);
    var facets = Array.prototype.map.call(form.querySelectorAll("details.pk-facet fieldset"), function (set) {
      return set.querySelector("input").name;
    });
    var data = items.map(function (item) {
      var entry = { item: item, verdicts: verdictsOf(item), values: {} };
      facets.forEach(function (name) { entry.values[name] = words(item.getAttribute("data-" + name)); });
      return entry;
    });

    function siteMatches(entry, site, conditional) {
      if (!site) return true;
      var verdict = entry.verdicts[site];
      return verdict === "geeignet" || (conditional && verdict === "bedingt-geeignet");
    }

    function facetMatches(entry, name, chosen) {
      if (!chosen.length) return true;
      return chosen.some(function (value) { return entry.values[name].indexOf(value) !== -1; });
    }

    function update() {
      var site = radioValue(form, "standorttyp");
      var conditional = form.querySelector('input[name="bedingt"]').checked;
      var chosen = {};
      facets.forEach(function (name) { chosen[name] = checkedValues(form, name); });
      var shown = 0;
      data.forEach(function (entry) {
        var ok = siteMatches(entry, site, conditional) && facets.every(function (name) {
          return facetMatches(entry, name, chosen[name]);
        });
        entry.item.hidden = !ok;
        if (ok) shown += 1;
        Array.prototype.forEach.call(entry.item.querySelectorAll("[data-verdict-for]"), function (badge) {
          badge.classList.toggle("pk-verdict--chosen", badge.getAttribute("data-verdict-for") === site);
        });
      });
      /* How many results each option would give, with the other facets as they are. */
      facets.forEach(function (name) {
        form.querySelectorAll('input[name="' + name + '"]').forEach(function (input) {
          var n = data.filter(function (entry) {
            return siteMatches(entry, site, conditional) && facets.every(function (other) {
              return other === name ? entry.values[name].indexOf(input.value) !== -1 : facetMatches(entry, other, chosen[other]);
            });
          }).length;
          var target = form.querySelector('[data-count-for="' + name + ":" + input.value + '"]');
          if (target) target.textContent = "(" + n + ")";
        });
        var selected = form.querySelector('[data-facet-selected="' + name + '"]');
        if (selected) selected.textContent = chosen[name].length ? "· " + chosen[name].length : "";
      });
      count.textContent = shown === 0 ? form.getAttribute("data-count-none")
        : shown === 1 ? form.getAttribute("data-count-one")
        : fill(form.getAttribute("data-count-template"), { n: shown });
      empty.hidden = shown !== 0;
      persist(form);
    }

    activate(form, update);
  }

  /* --------------------------------------------------------------------- Matcher -- */
  function matcher(form) {
    var list = document.getElementById("pk-matches");
    var status = document.getElementById("pk-match-status");
    var items = Array.prototype.slice.call(list.children);

    function update() {
      var site = radioValue(form, "standorttyp");
      var have = {};
      checkedValues(form, "akteur").forEach(function (v) { have["akteur:" + v] = true; });
      checkedValues(form, "ressource").forEach(function (v) { have["ressource:" + v] = true; });
      if (form.querySelector('input[name="rueckendeckung"]').checked) have["rueckendeckung:1"] = true;

      var ranked = items.map(function (item, index) {
        var needs = words(item.getAttribute("data-needs"));
        var missing = needs.filter(function (need) { return !have[need]; });
        var verdict = site ? verdictsOf(item)[site] : "";
        return { item: item, index: index, needs: needs, missing: missing, verdict: verdict };
      });
      if (site) {
        ranked.sort(function (a, b) {
          var byVerdict = (VERDICT_RANK[a.verdict] || 0) - (VERDICT_RANK[b.verdict] || 0);
          if (byVerdict) return byVerdict;
          var shareA = a.needs.length ? (a.needs.length - a.missing.length) / a.needs.length : 1;
          var shareB = b.needs.length ? (b.needs.length - b.missing.length) / b.needs.length : 1;
          if (shareA !== shareB) return shareB - shareA;
          if (a.missing.length !== b.missing.length) return a.missing.length - b.missing.length;
          return a.index - b.index;
        });
      }
      ranked.forEach(function (entry) {
        list.appendChild(entry.item);
        var score = entry.item.querySelector("[data-score]");
        var met = entry.needs.length - entry.missing.length;
        score.textContent = !site ? "" : entry.missing.length === 0 ? form.getAttribute("data-all-met")
          : fill(form.getAttribute("data-met-template"), { met: met, total: entry.needs.length });
        var missingBox = entry.item.querySelector(".pk-missing");
        missingBox.hidden = !site || entry.missing.length === 0;
        Array.prototype.forEach.call(missingBox.querySelectorAll("[data-missing]"), function (li) {
          li.hidden = entry.missing.indexOf(li.getAttribute("data-missing")) === -1;
        });
        entry.item.querySelector(".pk-needs").hidden = Boolean(site);
        entry.item.classList.toggle("pk-match--unsuitable", entry.verdict === "nicht-geeignet");
        Array.prototype.forEach.call(entry.item.querySelectorAll("[data-verdict-for]"), function (badge) {
          badge.hidden = Boolean(site) && badge.getAttribute("data-verdict-for") !== site;
        });
      });
      status.textContent = site ? "" : form.getAttribute("data-choose-site");
      persist(form);
    }

    activate(form, update);
  }

  /* ---------------------------------------------------------------------- Search -- */
  function search(element) {
    var bundle = element.getAttribute("data-bundle");
    var script = document.createElement("script");
    script.src = bundle + "pagefind-ui.js";
    script.onload = function () {
      /* global PagefindUI */
      new PagefindUI({ element: "#pk-search", bundlePath: bundle, showSubResults: true, showImages: false, autofocus: true });
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
    var finderForm = document.getElementById("pk-finder");
    if (finderForm) finder(finderForm);
    var matcherForm = document.getElementById("pk-matcher");
    if (matcherForm) matcher(matcherForm);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
