/*
 * Small accessibility fixes on top of Material for MkDocs. No third-party code.
 *
 * Wide tables scroll sideways inside .md-typeset__scrollwrap on small screens. A scrolling
 * region must be reachable by keyboard (WCAG 2.1.1), so each one is made focusable and named.
 */
(function () {
  function labelScrollRegions() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (region) {
      if (region.hasAttribute("tabindex")) return;
      var caption = region.querySelector("caption");
      region.setAttribute("tabindex", "0");
      region.setAttribute("role", "region");
      region.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table (scrolls sideways on small screens)");
    });
  }
  /*
   * Glossary abbreviations show their meaning on hover. Keyboard users need it on focus too
   * (WCAG 1.4.13), so the first use of each abbreviation on a page becomes focusable; later
   * uses are left out of the tab order to keep it short. The glossary page lists them all.
   */
  function focusableAbbreviations() {
    var seen = {};
    document.querySelectorAll(".md-typeset abbr[title]").forEach(function (abbr) {
      var key = abbr.textContent;
      if (seen[key] || abbr.hasAttribute("tabindex")) return;
      seen[key] = true;
      abbr.setAttribute("tabindex", "0");
    });
  }
  /*
   * A page's own larger script (the propose form's) is named by the page, in
   * data-script, and loaded only there, once: other pages do not download it.
   */
  var loaded = {};
  function loadPageScripts() {
    document.querySelectorAll("[data-script]").forEach(function (element) {
      var url = new URL(element.getAttribute("data-script"), document.baseURI).href;
      if (loaded[url]) return;
      loaded[url] = true;
      var script = document.createElement("script");
      script.src = url;
      document.body.appendChild(script);
    });
  }
  /*
   * Search shows the best pages only (search-worker.js). When more match, the worker says
   * how many on the "un-search" channel, and the count above the results says so, instead
   * of the theme's count of the pages shown. Either may come first: each checks the other.
   */
  var matches = null;
  var watched = typeof WeakSet === "function" ? new WeakSet() : null;
  function showAllMatches() {
    var meta = document.querySelector(".md-search-result__meta");
    if (!meta || !matches || matches.total <= matches.shown) return;
    if (meta.textContent.indexOf(matches.shown + " ") !== 0) return;
    meta.textContent = "The best " + matches.shown + " of " + matches.total.toLocaleString("en-GB") + " matching pages";
  }
  if (typeof BroadcastChannel === "function") {
    new BroadcastChannel("un-search").onmessage = function (event) {
      matches = event.data;
      showAllMatches();
    };
  }
  function watchSearchCount() {
    var meta = document.querySelector(".md-search-result__meta");
    if (!meta || !watched || watched.has(meta) || typeof MutationObserver !== "function") return;
    watched.add(meta);
    new MutationObserver(showAllMatches).observe(meta, { childList: true, characterData: true, subtree: true });
  }
  function enhance() {
    labelScrollRegions();
    focusableAbbreviations();
    loadPageScripts();
    watchSearchCount();
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(enhance);
  } else {
    document.addEventListener("DOMContentLoaded", enhance);
  }
})();
