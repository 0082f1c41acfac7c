/*
 * The matcher "Passt das zu uns?" (/passt-das/): ranks the cases by their verdict for the chosen
 * site type and by how many of their known prerequisites the site has; one nobody knows is "zu
 * klären", neither met nor missing (listed on the card). Says what is missing, and announces the
 * outcome (how many cases suit the site type, the best match and its score) in the results bar
 * after the form. Without JavaScript the page lists every case with its prerequisites.
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

  function matcher(form) {
    var list = document.getElementById("pk-matches");
    var status = document.getElementById("pk-match-status");
    var bar = status.parentNode;
    var items = Array.prototype.slice.call(list.children);

    /* Met of the known prerequisites; those nobody knows ("zu klären") are named, never counted. */
    function score(entry) {
      var values = { met: entry.needs.length - entry.missing.length, total: entry.needs.length, unclear: entry.unclear };
      if (entry.unclear) {
        return entry.missing.length === 0 ? fill(form.getAttribute("data-all-met-unclear"), values)
          : fill(form.getAttribute("data-met-unclear-template"), values);
      }
      return entry.missing.length === 0 ? form.getAttribute("data-all-met") : fill(form.getAttribute("data-met-template"), values);
    }

    /* The outcome in words: how many cases suit the site type, and the one ranked first. The
       best case's title is copied with its markup: a name kept in German keeps its lang. */
    function outcome(site, ranked) {
      var suitable = ranked.filter(function (entry) { return entry.verdict === "geeignet" || entry.verdict === "bedingt-geeignet"; });
      var label = form.querySelector('input[name="standorttyp"]:checked').getAttribute("data-label");
      var text = fill(form.getAttribute("data-summary"), { site: label, n: suitable.length, total: ranked.length });
      if (!suitable.length) return [text];
      var best = suitable[0];
      var template = form.getAttribute("data-best");
      var at = template.indexOf("{best}");
      var values = { score: score(best) };
      var title = document.createElement("span");
      var heading = best.item.querySelector("h2 a") || best.item.querySelector("h2");
      Array.prototype.forEach.call(heading.childNodes, function (node) { title.appendChild(node.cloneNode(true)); });
      return [text + " " + fill(template.slice(0, at), values), title, fill(template.slice(at + "{best}".length), values)];
    }

    /* How many are ticked in each group, beside its heading (seen when it is folded). */
    function counts() {
      Array.prototype.forEach.call(form.querySelectorAll("details"), function (details) {
        var n = details.querySelectorAll("input:checked").length;
        details.querySelector("[data-facet-selected]").textContent = n ? "· " + n : "";
      });
    }

    function update(changed) {
      var site = radioValue(form, "standorttyp");
      var have = {};
      checkedValues(form, "akteur").forEach(function (v) { have["akteur:" + v] = true; });
      checkedValues(form, "ressource").forEach(function (v) { have["ressource:" + v] = true; });
      if (form.querySelector('input[name="rueckendeckung"]').checked) have["rueckendeckung:1"] = true;

      var ranked = items.map(function (item, index) {
        var needs = words(item.getAttribute("data-needs"));
        var missing = needs.filter(function (need) { return !have[need]; });
        var verdict = site ? verdictsOf(item)[site] : "";
        var unclear = Number(item.getAttribute("data-unclear")) || 0;
        return { item: item, index: index, needs: needs, missing: missing, unclear: unclear, verdict: verdict };
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
        entry.item.querySelector("[data-score]").textContent = site ? score(entry) : "";
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
      status.replaceChildren.apply(status, site ? outcome(site, ranked) : [form.getAttribute("data-choose-site")]);
      counts();
      if (changed) signal(bar);
      persist(form);
    }

    activate(form, update);
  }

  function start() {
    var form = document.getElementById("pk-matcher");
    if (form) matcher(form);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
