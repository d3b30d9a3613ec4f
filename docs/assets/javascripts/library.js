/*
 * Case-study library filter. Progressive enhancement: without JavaScript the page lists every
 * case study grouped by neighbourhood. With it, the cards are gathered into one newest-first
 * list that can be filtered by several facets at once. Within a facet, options are "any of";
 * across facets, "all of". Counts show how many case studies each option would give with the
 * other facets' choices. The choice is kept in the address (?neighbourhood=a&tool=pdsa) so a
 * filtered view can be shared. No third-party code.
 */
(function () {
  function init() {
    var root = document.querySelector(".un-library");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";

    var form = root.querySelector(".un-filter");
    var results = root.querySelector("[data-results]");
    var groups = root.querySelector("[data-groups]");
    var status = root.querySelector("[data-status]");
    var facets = Array.prototype.map.call(form.querySelectorAll("fieldset"), function (fieldset) {
      return fieldset.querySelector("input").name;
    });

    // One card per case study (a study in two neighbourhoods appears twice when grouped).
    var seen = {};
    var cards = [];
    root.querySelectorAll(".un-card").forEach(function (card) {
      if (seen[card.dataset.slug]) return;
      seen[card.dataset.slug] = true;
      var values = {};
      facets.forEach(function (name) {
        values[name] = (card.getAttribute("data-" + name) || "").split(" ").filter(Boolean);
      });
      cards.push({ node: card, date: card.dataset.date, slug: card.dataset.slug, values: values });
    });
    cards.sort(function (a, b) {
      return a.date < b.date ? 1 : a.date > b.date ? -1 : a.slug < b.slug ? 1 : -1;
    });
    var fragment = document.createDocumentFragment();
    cards.forEach(function (card) {
      var item = card.node;
      fragment.appendChild(item);
    });
    results.appendChild(fragment);
    groups.hidden = true;
    results.hidden = false;
    form.hidden = false;

    var boxes = form.querySelectorAll("input[type=checkbox]");
    var counters = {};
    boxes.forEach(function (box) {
      counters[box.name + "=" + box.value] = box.parentNode.querySelector("[data-count]");
    });

    function chosen() {
      var picked = {};
      facets.forEach(function (name) { picked[name] = []; });
      boxes.forEach(function (box) { if (box.checked) picked[box.name].push(box.value); });
      return picked;
    }

    function matches(card, name, options) {
      if (!options.length) return true;
      var have = card.values[name];
      for (var i = 0; i < options.length; i++) if (have.indexOf(options[i]) !== -1) return true;
      return false;
    }

    function apply(updateAddress) {
      var picked = chosen();
      var counts = {};
      var shown = 0;
      cards.forEach(function (card) {
        var ok = {};
        var failures = 0;
        facets.forEach(function (name) {
          ok[name] = matches(card, name, picked[name]);
          if (!ok[name]) failures++;
        });
        card.node.hidden = failures > 0;
        if (!failures) shown++;
        // An option's count: cards that pass every other facet and carry that option.
        facets.forEach(function (name) {
          if (failures - (ok[name] ? 0 : 1) > 0) return;
          card.values[name].forEach(function (value) {
            var key = name + "=" + value;
            counts[key] = (counts[key] || 0) + 1;
          });
        });
      });
      Object.keys(counters).forEach(function (key) {
        counters[key].textContent = counts[key] || 0;
      });
      status.textContent = "Showing " + shown + " of " + cards.length + " case " + (cards.length === 1 ? "study" : "studies") + ".";
      if (updateAddress) {
        var query = new URLSearchParams();
        facets.forEach(function (name) { picked[name].forEach(function (v) { query.append(name, v); }); });
        var search = query.toString();
        history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
      }
    }

    var params = new URLSearchParams(location.search);
    boxes.forEach(function (box) {
      if (params.getAll(box.name).indexOf(box.value) !== -1) {
        box.checked = true;
        box.closest("details").open = true;
      }
    });
    form.addEventListener("change", function () { apply(true); });
    form.querySelector("[data-clear]").addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; });
      apply(true);
    });
    apply(false);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
