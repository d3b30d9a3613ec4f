/* The theme's inline script from Material's partials/javascripts/content.html, as a file:
   the site's Content-Security-Policy runs no inline script. Unchanged; the
   second of its two scripts. */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
