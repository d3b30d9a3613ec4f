/*
 * Case-study library filter. Progressive enhancement: without JavaScript the page lists the
 * newest case studies and links to every year's listing. With it, the filter form appears;
 * the first time a reader filters (or opens a filtered address), the compact list of every
 * case study (data-src, made by the build) is fetched once, and the filter works over all of
 * them. Within a facet, options are "any of"; across facets, "all of". Counts show how many
 * case studies each option would give with the other facets' choices. The choice is kept in
 * the address (?neighbourhood=a&tool=pdsa) so a filtered view can be shared. At most PAGE
 * cards are added at a time, so a filter change stays quick however large the library.
 * No third-party code; every text is set as text.
 */
(function () {
  var PAGE = 20;

  function init() {
    var root = document.querySelector(".un-library");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    var form = root.querySelector(".un-filter");
    var results = root.querySelector("[data-results]");
    if (!form || !results) return;
    var status = root.querySelector("[data-status]");
    var moreArea = root.querySelector("[data-more-area]");
    var more = root.querySelector("[data-more]");
    var total = Number(root.dataset.total);
    var shownAtFirst = Number(root.dataset.shown);
    var boxes = form.querySelectorAll("input[type=checkbox]");
    var counters = {};
    boxes.forEach(function (box) {
      counters[box.name + "=" + box.value] = box.parentNode.querySelector("[data-count]");
    });

    var data = null;      // {names, values, studies}, once fetched
    var loading = null;   // the fetch, while under way
    var matching = [];    // the studies that match the current choice, newest first
    var rendered = 0;     // how many of them are in the list

    function load() {
      if (!loading) {
        status.textContent = "Loading the list of every case study…";
        loading = fetch(root.dataset.src, { credentials: "same-origin" })
          .then(function (response) {
            if (!response.ok) throw new Error(response.status);
            return response.json();
          })
          .then(function (json) {
            data = {
              names: json.facets.map(function (f) { return f[0]; }),
              values: json.facets.map(function (f) { return f[1]; }),
              studies: json.studies,
              counters: []  // [facet index, value index, element] for each option shown
            };
            Object.keys(counters).forEach(function (key) {
              var at = key.indexOf("=");
              var f = data.names.indexOf(key.slice(0, at));
              var v = f === -1 ? -1 : data.values[f].indexOf(key.slice(at + 1));
              data.counters.push([f, v, counters[key]]);
            });
            return data;
          });
      }
      return loading;
    }

    function chosen() {
      // For each facet (in the data's order), the set of chosen value indexes, or null.
      var picked = data.names.map(function () { return null; });
      boxes.forEach(function (box) {
        if (!box.checked) return;
        var f = data.names.indexOf(box.name);
        var v = f === -1 ? -1 : data.values[f].indexOf(box.value);
        if (v === -1) return;
        (picked[f] = picked[f] || {})[v] = true;
      });
      return picked;
    }

    function card(study) {
      var li = document.createElement("li");
      li.className = "un-card";
      li.dataset.date = study[4];
      data.names.forEach(function (name, f) {
        li.setAttribute("data-" + name, study[7 + f].map(function (v) { return data.values[f][v]; }).join(" "));
      });
      var h3 = document.createElement("h3");
      h3.className = "un-card__title";
      var a = document.createElement("a");
      a.href = study[0];
      a.textContent = study[1];
      h3.appendChild(a);
      if (study[6]) {
        var badge = document.createElement("span");
        badge.className = "un-badge";
        badge.textContent = "Illustrative example";
        h3.appendChild(document.createTextNode(" "));
        h3.appendChild(badge);
      }
      var meta = document.createElement("p");
      meta.className = "un-card__meta";
      var time = document.createElement("time");
      time.dateTime = study[4];
      time.textContent = study[3];
      meta.appendChild(time);
      meta.appendChild(document.createTextNode(" · " + study[5]));
      var summary = document.createElement("p");
      summary.textContent = study[2];
      li.appendChild(h3);
      li.appendChild(meta);
      li.appendChild(summary);
      return li;
    }

    function describe() {
      var word = function (n) { return n === 1 ? "case study" : "case studies"; };
      if (matching.length <= rendered) {
        status.textContent = "Showing " + matching.length + " of " + total + " " + word(total) + ".";
      } else if (matching.length === total) {
        status.textContent = "Showing the " + rendered + " newest of " + total + " " + word(total) + ".";
      } else {
        status.textContent = "Showing the " + rendered + " newest of " + matching.length + " matching " +
          word(matching.length) + " (" + total + " in all).";
      }
      moreArea.hidden = rendered >= matching.length;
    }

    function showMore() {
      var fragment = document.createDocumentFragment();
      var end = Math.min(matching.length, rendered + PAGE);
      for (var i = rendered; i < end; i++) fragment.appendChild(card(matching[i]));
      results.appendChild(fragment);
      rendered = end;
      describe();
    }

    function apply(updateAddress) {
      var picked = chosen();
      var facets = data.names.length;
      var counts = data.names.map(function () { return {}; });
      matching = [];
      data.studies.forEach(function (study) {
        var failed = -1;
        var failures = 0;
        for (var f = 0; f < facets; f++) {
          if (!picked[f]) continue;
          var have = study[7 + f];
          var ok = false;
          for (var i = 0; i < have.length; i++) if (picked[f][have[i]]) { ok = true; break; }
          if (!ok) { failures++; failed = f; }
        }
        if (!failures) matching.push(study);
        if (failures > 1) return;
        // An option's count: studies that pass every other facet and carry that option.
        for (var g = 0; g < facets; g++) {
          if (failures && g !== failed) continue;
          var values = study[7 + g];
          for (var j = 0; j < values.length; j++) counts[g][values[j]] = (counts[g][values[j]] || 0) + 1;
        }
      });
      data.counters.forEach(function (counter) {
        var text = String(counter[1] === -1 ? 0 : counts[counter[0]][counter[1]] || 0);
        if (counter[2].textContent !== text) counter[2].textContent = text;
      });
      results.textContent = "";
      rendered = 0;
      showMore();
      if (updateAddress) {
        var query = new URLSearchParams();
        boxes.forEach(function (box) { if (box.checked) query.append(box.name, box.value); });
        var search = query.toString();
        history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
      }
    }

    function whenLoaded(then) {
      load().then(then, function () {
        status.textContent = "The filter could not load the list of case studies; every case study is listed by year below.";
      });
    }

    var params = new URLSearchParams(location.search);
    var restored = false;
    boxes.forEach(function (box) {
      if (params.getAll(box.name).indexOf(box.value) !== -1) {
        box.checked = true;
        box.closest("details").open = true;
        restored = true;
      }
    });
    form.hidden = false;
    moreArea.hidden = total <= shownAtFirst;
    form.addEventListener("change", function () { whenLoaded(function () { apply(true); }); });
    form.querySelector("[data-clear]").addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; });
      whenLoaded(function () { apply(true); });
    });
    more.addEventListener("click", function () {
      if (data) { showMore(); return; }
      whenLoaded(function () { apply(false); showMore(); });
    });
    if (restored) whenLoaded(function () { apply(false); });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
