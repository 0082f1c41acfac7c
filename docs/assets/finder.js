/*
 * The Praxisfinder (/praxis/). The page is complete without JavaScript (a server-rendered list);
 * this script only reads data-* attributes, shows and hides the cases that match the chosen
 * facets, puts the cases suitable for the chosen site type first, counts them, and keeps the
 * state in the URL so that a filtered view can be shared. Labels come from the page, in its
 * language. The form is in the HTML with its final layout: nothing here moves the page on load.
 */
(function () {
  "use strict";
  var praxis = window.praxis;
  var VERDICT_RANK = praxis.VERDICT_RANK;
  var words = praxis.words;
  var verdictsOf = praxis.verdictsOf;
  var fill = praxis.fill;
  var persist = praxis.persist;
  var activate = praxis.activate;
  var checkedValues = praxis.checkedValues;
  var radioValue = praxis.radioValue;
  var signal = praxis.signal;

  /* On a phone the facets fold behind one button (praxis.css shows them on wider screens). */
  function foldable(form) {
    var toggle = form.querySelector(".pk-filter-toggle");
    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      form.classList.toggle("pk-finder--open", open);
    }
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    /* "To the results" folds the facets away, so the list follows the results bar. */
    form.querySelector(".pk-to-results").addEventListener("click", function () { setOpen(false); });
  }

  function finder(form) {
    var list = document.getElementById("pk-results");
    var count = document.getElementById("pk-count");
    var bar = count.parentNode;
    var empty = document.getElementById("pk-empty");
    var unfiltered = count.textContent;
    var total = form.querySelector("[data-filter-total]");
    var items = Array.prototype.slice.call(list.children);
    var facets = Array.prototype.map.call(form.querySelectorAll("details.pk-facet fieldset"), function (set) {
      return set.querySelector("input").name;
    });
    var data = items.map(function (item, index) {
      var entry = { item: item, index: index, verdicts: verdictsOf(item), values: {} };
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

    /* Suitable first, then suitable under conditions, then the rest; alphabetical within. */
    function order(site) {
      var sorted = data.slice();
      if (site) {
        sorted.sort(function (a, b) {
          var rank = (VERDICT_RANK[a.verdicts[site]] || 0) - (VERDICT_RANK[b.verdicts[site]] || 0);
          return rank || a.index - b.index;
        });
      }
      sorted.forEach(function (entry, position) {
        if (list.children[position] !== entry.item) list.insertBefore(entry.item, list.children[position] || null);
      });
    }

    /* What is chosen, in words: the site type, "only suitable", the options. */
    function chosenLabels(site, conditional) {
      var labels = [];
      var fields = form.querySelectorAll("input[data-label]:checked");
      if (site && !conditional) labels.push(form.getAttribute("data-only-suitable"));
      Array.prototype.forEach.call(fields, function (field) { labels.push(field.getAttribute("data-label")); });
      if (site) labels.unshift(form.querySelector('input[name="standorttyp"]:checked').getAttribute("data-label"));
      return labels.filter(function (label, index) { return labels.indexOf(label) === index; });
    }

    function counts(site, conditional, chosen) {
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
    }

    function update(changed) {
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
      order(site);
      counts(site, conditional, chosen);
      /* The count names what is chosen: every tap changes what the live region says. */
      var labels = chosenLabels(site, conditional);
      var found = shown === 0 ? form.getAttribute("data-count-none")
        : shown === 1 ? form.getAttribute("data-count-one")
        : fill(form.getAttribute("data-count-template"), { n: shown });
      count.textContent = labels.length ? found + " – " + labels.join(form.getAttribute("data-separator")) : unfiltered;
      total.textContent = labels.length ? "· " + labels.length : "";
      empty.hidden = shown !== 0;
      if (changed) signal(bar);
      persist(form);
    }

    foldable(form);
    activate(form, update);
  }

  function start() {
    var form = document.getElementById("pk-finder");
    if (form) finder(form);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
