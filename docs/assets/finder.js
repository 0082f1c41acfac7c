/*
 * The Praxisfinder (/praxis/). The page is complete without JavaScript (a server-rendered list);
 * this script only reads data-* attributes, shows and hides the cases that match the chosen
 * facets, counts them, and keeps the state in the URL so that a filtered view can be shared.
 * Labels come from the page, in its language.
 */
(function () {
  "use strict";
  var praxis = window.praxis;
  var words = praxis.words;
  var verdictsOf = praxis.verdictsOf;
  var fill = praxis.fill;
  var persist = praxis.persist;
  var activate = praxis.activate;
  var checkedValues = praxis.checkedValues;
  var radioValue = praxis.radioValue;

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

  function start() {
    var form = document.getElementById("pk-finder");
    if (form) finder(form);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
