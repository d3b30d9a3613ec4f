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
  function enhance() {
    labelScrollRegions();
    focusableAbbreviations();
    loadPageScripts();
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(enhance);
  } else {
    document.addEventListener("DOMContentLoaded", enhance);
  }
})();
