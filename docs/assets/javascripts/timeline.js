/*
 * Timeline filter: show one neighbourhood's events (or the programme's). Without JavaScript
 * every event is listed. Months left empty by the filter are hidden too.
 */
(function () {
  function init() {
    var page = document.querySelector(".un-timeline-page");
    if (!page || page.dataset.ready) return;
    page.dataset.ready = "1";
    var form = page.querySelector(".un-timeline-filter");
    var select = form.querySelector("select");
    var status = page.querySelector("[data-timeline-status]");
    var events = page.querySelectorAll(".un-event");
    function apply() {
      var who = select.value;
      var shown = 0;
      events.forEach(function (event) {
        event.hidden = Boolean(who) && event.dataset.for !== who;
        if (!event.hidden) shown++;
      });
      page.querySelectorAll(".un-month").forEach(function (month) {
        month.hidden = !month.querySelector(".un-event:not([hidden])");
      });
      status.textContent = "Showing " + shown + " of " + events.length + " events.";
    }
    var wanted = new URLSearchParams(location.search).get("for");
    if (wanted) select.value = wanted;
    select.addEventListener("change", function () {
      var query = select.value ? "?for=" + encodeURIComponent(select.value) : "";
      history.replaceState(null, "", location.pathname + query + location.hash);
      apply();
    });
    form.hidden = false;
    apply();
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
