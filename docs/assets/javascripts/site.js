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
  if (typeof document$ !== "undefined") {
    document$.subscribe(labelScrollRegions);
  } else {
    document.addEventListener("DOMContentLoaded", labelScrollRegions);
  }
})();
