/* The theme's inline script from Material's partials/javascripts/content.html, as a file:
   the site's Content-Security-Policy runs no inline script. Unchanged; the
   first of its two scripts, included only with the content.tabs.link feature. */
var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.querySelectorAll(".tabbed-set")){var labels=set.querySelector(".tabbed-labels");for(var tab of tabs)for(var label of labels.getElementsByTagName("label"))if(label.innerText.trim()===tab){var input=document.getElementById(label.htmlFor);input.checked=!0;continue e}}
