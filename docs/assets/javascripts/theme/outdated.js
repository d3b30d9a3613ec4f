/* The theme's inline script from Material's partials/javascripts/outdated.html, as a file:
   the site's Content-Security-Policy runs no inline script. The base URL comes
   from the script element's data-base attribute. */
var el=document.querySelector("[data-md-component=outdated]"),base=new URL(document.currentScript.dataset.base),outdated=__md_get("__outdated",sessionStorage,base);!0===outdated&&el&&(el.hidden=!1)
