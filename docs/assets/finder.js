/*
 * The Praxisfinder (/praxis/). The page carries the facets and the first cases; without
 * JavaScript a note leads to the plain list of every case. This script loads a compact filter
 * index (render/finder.py: each case's facet values as option numbers, its verdicts per site
 * type), filters and counts in it, puts the cases suitable for the chosen site type first, and
 * shows the matching cards a page at a time, fetching the files of cards it needs (rendered on
 * the server, in the page's language). The state lives in the URL so that a filtered view can be
 * shared. Labels come from the page, in its language. The form is in the HTML with its final
 * layout: nothing here moves the page on load; a shared link's view stays hidden (pk-restoring)
 * until its cards are there.
 */
(function () {
  "use strict";
  var praxis = window.praxis;
  var fill = praxis.fill;
  var persist = praxis.persist;
  var activate = praxis.activate;
  var checkedValues = praxis.checkedValues;
  var radioValue = praxis.radioValue;
  var signal = praxis.signal;
  var root = document.documentElement;
  var SUITABLE = 0, CONDITIONAL = 1, NO_VERDICT = 3; /* the index's verdict codes (VERDICT_CODES) */

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

  /* An option number from the index's characters: "0" to "~" without the backslash. */
  function code(text, at) {
    var c = text.charCodeAt(at);
    return c - 48 - (c > 92 ? 1 : 0);
  }

  /* The index as typed arrays: per facet all cases' option numbers in one array (case i's are
     flat[start[i]] to flat[start[i + 1]] exclusive), per site type each case's verdict code. */
  function decode(index) {
    var n = index.cases;
    var facets = {};
    Object.keys(index.facets).forEach(function (name) {
      var facet = index.facets[name];
      var parts = facet.cases.split(" ");
      var width = facet.width;
      var start = new Uint32Array(n + 1);
      var flat = new Uint16Array(facet.cases.length);
      var used = 0;
      for (var i = 0; i < n; i++) {
        var text = parts[i] || "";
        start[i] = used;
        for (var at = 0; at < text.length; at += width) {
          flat[used++] = width === 1 ? code(text, at) : code(text, at) * 78 + code(text, at + 1);
        }
      }
      start[n] = used;
      var number = {};
      facet.options.forEach(function (id, k) { number[id] = k; });
      facets[name] = { options: facet.options, number: number, start: start, flat: flat };
    });
    var verdicts = {};
    Object.keys(index.verdicts).forEach(function (site) {
      var text = index.verdicts[site];
      var codes = new Uint8Array(n);
      for (var i = 0; i < n; i++) codes[i] = text.charCodeAt(i) - 48;
      verdicts[site] = codes;
    });
    return { n: n, chunk: index.chunk, step: index.first, version: index.version, facets: facets, verdicts: verdicts };
  }

  /* Which cases match, in the order shown, and how many results each option would give with the
     other facets as they are: one pass over the cases. */
  function match(data, names, site, conditional, chosen) {
    var activeNames = names.filter(function (name) { return chosen[name].length; });
    var active = activeNames.map(function (name) { return data.facets[name]; });
    var wanted = activeNames.map(function (name) {
      var facet = data.facets[name];
      var flags = new Uint8Array(facet.options.length);
      chosen[name].forEach(function (id) { if (id in facet.number) flags[facet.number[id]] = 1; });
      return flags;
    });
    var all = names.map(function (name) { return data.facets[name]; });
    var tallies = all.map(function (facet) { return new Int32Array(facet.options.length); });
    var activeTallies = active.map(function (facet) { return tallies[all.indexOf(facet)]; });
    var codes = site ? data.verdicts[site] : null;
    var buckets = [[], [], [], []];
    for (var i = 0; i < data.n; i++) {
      var verdict = codes ? codes[i] : NO_VERDICT;
      if (codes && !(verdict === SUITABLE || (conditional && verdict === CONDITIONAL))) continue;
      var failed = -1, fails = 0;
      for (var a = 0; a < active.length && fails < 2; a++) {
        var facet = active[a], flags = wanted[a], ok = false;
        for (var k = facet.start[i], end = facet.start[i + 1]; k < end; k++) if (flags[facet.flat[k]]) { ok = true; break; }
        if (!ok) { fails += 1; failed = a; }
      }
      if (fails === 0) {
        buckets[verdict].push(i);
        for (var f = 0; f < all.length; f++) add(tallies[f], all[f], i);
      } else if (fails === 1) {
        add(activeTallies[failed], active[failed], i);
      }
    }
    var counts = {};
    names.forEach(function (name, f) { counts[name] = tallies[f]; });
    /* Suitable first, then suitable under conditions; alphabetical (the index's order) within. */
    return { cases: buckets[0].concat(buckets[1], buckets[2], buckets[3]), counts: counts };
  }

  function add(tally, facet, i) {
    for (var k = facet.start[i], end = facet.start[i + 1]; k < end; k++) tally[facet.flat[k]] += 1;
  }

  function finder(form, data, restoring) {
    var list = document.getElementById("pk-results");
    var count = document.getElementById("pk-count");
    var bar = count.parentNode;
    var empty = document.getElementById("pk-empty");
    var moreRow = document.getElementById("pk-more-row");
    var more = document.getElementById("pk-more");
    var shownLine = document.getElementById("pk-shown");
    var unfiltered = count.textContent;
    var total = form.querySelector("[data-filter-total]");
    var lang = root.getAttribute("lang") || undefined;
    var names = Array.prototype.map.call(form.querySelectorAll("details.pk-facet fieldset"), function (set) {
      return set.querySelector("input").name;
    }).filter(function (name) { return name in data.facets; });
    var folder = form.getAttribute("data-index").replace(/index\.json.*$/, "");
    /* The cards by their place in the index: the page's own first ones, then those fetched. */
    var cards = Array.prototype.slice.call(list.children);
    var chunks = {};
    var result = { cases: [] };
    var limit = data.step;
    var drawn = 0; /* how many cards the list shows */
    var generation = 0;

    function number(n) { return Number(n).toLocaleString(lang); }

    function load(chunk) {
      if (!chunks[chunk]) {
        chunks[chunk] = window.fetch(folder + chunk + ".json?v=" + data.version).then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + response.url);
          return response.json();
        }).then(function (file) {
          var template = document.createElement("template");
          template.innerHTML = file.html;
          var items = template.content.children;
          for (var k = items.length - 1; k >= 0; k--) {
            var at = data.step + chunk * data.chunk + k;
            if (!cards[at]) cards[at] = items[k];
          }
        });
        chunks[chunk].catch(function () { delete chunks[chunk]; }); /* a later step tries again */
      }
      return chunks[chunk];
    }

    /* Show the first `limit` matches; fetch the files of cards that are not there yet. */
    function show(site, then) {
      var wanted = result.cases.slice(0, limit);
      var missing = {};
      /* The page has the first cards; file k holds the data.chunk cards after data.step + k * data.chunk. */
      wanted.forEach(function (i) { if (!cards[i]) missing[Math.floor((i - data.step) / data.chunk)] = true; });
      var needed = Object.keys(missing);
      var mine = ++generation;
      if (!needed.length) {
        draw(wanted, site);
        if (then) then();
        return null;
      }
      list.setAttribute("aria-busy", "true");
      return Promise.all(needed.map(load)).then(function () {
        if (mine !== generation) return;
        draw(wanted, site);
        if (then) then();
      }, function () {
        if (mine !== generation) return;
        list.removeAttribute("aria-busy");
        count.textContent = form.getAttribute("data-load-failed");
        root.classList.remove("pk-restoring");
      });
    }

    function draw(wanted, site) {
      wanted.forEach(function (i, position) {
        var item = cards[i];
        if (list.children[position] !== item) list.insertBefore(item, list.children[position] || null);
        Array.prototype.forEach.call(item.querySelectorAll("[data-verdict-for]"), function (badge) {
          badge.classList.toggle("pk-verdict--chosen", badge.getAttribute("data-verdict-for") === site);
        });
      });
      while (list.children.length > wanted.length) list.removeChild(list.lastElementChild);
      drawn = wanted.length;
      list.removeAttribute("aria-busy");
      if (moreRow) {
        moreRow.hidden = result.cases.length <= drawn;
        shownLine.textContent = fill(form.getAttribute("data-shown-template"), { shown: number(drawn), n: number(result.cases.length) });
      }
      root.classList.remove("pk-restoring");
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

    function showCounts(counts, chosen) {
      names.forEach(function (name) {
        var facet = data.facets[name];
        form.querySelectorAll('input[name="' + name + '"]').forEach(function (input) {
          var target = form.querySelector('[data-count-for="' + name + ":" + input.value + '"]');
          var n = input.value in facet.number ? counts[name][facet.number[input.value]] : 0;
          if (target) target.textContent = "(" + number(n) + ")";
        });
        var selected = form.querySelector('[data-facet-selected="' + name + '"]');
        if (selected) selected.textContent = chosen[name].length ? "· " + number(chosen[name].length) : "";
      });
    }

    function update(changed) {
      var site = radioValue(form, "standorttyp");
      var conditional = form.querySelector('input[name="bedingt"]').checked;
      var chosen = {};
      names.forEach(function (name) { chosen[name] = checkedValues(form, name); });
      result = match(data, names, site, conditional, chosen);
      limit = data.step;
      showCounts(result.counts, chosen);
      var shown = result.cases.length;
      /* The count names what is chosen: every tap changes what the live region says. */
      var labels = chosenLabels(site, conditional);
      var found = shown === 0 ? form.getAttribute("data-count-none")
        : shown === 1 ? form.getAttribute("data-count-one")
        : fill(form.getAttribute("data-count-template"), { n: number(shown) });
      count.textContent = labels.length ? found + " – " + labels.join(form.getAttribute("data-separator")) : unfiltered;
      total.textContent = labels.length ? "· " + number(labels.length) : "";
      empty.hidden = shown !== 0;
      if (changed) signal(bar);
      persist(form);
      show(site);
    }

    /* "Show more": the next page of matches; the keyboard goes on at the first new case. */
    if (more) {
      more.addEventListener("click", function () {
        var first = drawn;
        limit = drawn + data.step;
        show(radioValue(form, "standorttyp"), function () {
          var link = list.children[first] && list.children[first].querySelector("a");
          if (link) link.focus();
        });
      });
    }

    activate(form, update);
    /* activate() shows the page again; a shared link's cards may still be on their way. */
    if (list.hasAttribute("aria-busy") && restoring) root.classList.add("pk-restoring");
    form.setAttribute("data-ready", "");
  }

  /* Until the index is there, the language switcher carries the address's query as it is (as
     praxis.js does with the form's state from then on). */
  function carrySearch() {
    if (!window.location.search) return;
    Array.prototype.forEach.call(document.querySelectorAll("a.md-select__link[hreflang]"), function (link) {
      var href = link.getAttribute("href");
      var hash = href.indexOf("#") === -1 ? "" : href.slice(href.indexOf("#"));
      link.setAttribute("href", href.split(/[?#]/)[0] + window.location.search + hash);
    });
  }

  function start() {
    var form = document.getElementById("pk-finder");
    if (!form) return;
    var restoring = root.classList.contains("pk-restoring");
    foldable(form);
    carrySearch();
    window.fetch(form.getAttribute("data-index")).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + response.url);
      return response.json();
    }).then(function (index) {
      finder(form, decode(index), restoring);
    }, function () {
      document.getElementById("pk-count").textContent = form.getAttribute("data-load-failed");
      root.classList.remove("pk-restoring");
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
