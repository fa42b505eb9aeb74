// The report's map (Leaflet, inlined) and timeline, built from the JSON the report carries.
// Event-type boxes, the background box and a timeline brush narrow the map and the incident cards.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("fog-data").textContent);
  var state = { types: {}, background: false, since: null, until: null };
  var fmap = FoglineMap.create(document.getElementById("map"), {
    layers: data.layers, colours: data.colours,
    onSelect: function (id) {
      var card = document.getElementById("inc-" + id);
      document.querySelectorAll("article.selected").forEach(function (a) { a.classList.remove("selected"); });
      if (card) { card.classList.add("selected"); card.scrollIntoView({ behavior: "smooth", block: "start" }); }
    },
  });
  function shown(s) {
    if (state.types[s.event_type] === false) { return false; }
    if (s.background && !state.background) { return false; }
    if (state.since && (!s.day || s.day < state.since)) { return false; }
    return !(state.until && (!s.day || s.day > state.until));
  }
  function apply(fit) {
    var list = data.incidents.filter(shown), ids = {};
    list.forEach(function (s) { ids[s.incident_id] = true; });
    fmap.set(list, fit);
    document.querySelectorAll("article.incident-card").forEach(function (card) {
      card.classList.toggle("hidden", !ids[card.id.slice(4)]);
    });
    document.getElementById("tl-range").textContent = state.since ? " · showing " + state.since + " to " + state.until : "";
  }
  document.querySelectorAll("#legend input[data-type]").forEach(function (box) {
    box.addEventListener("change", function () { state.types[box.getAttribute("data-type")] = box.checked; apply(true); });
  });
  document.getElementById("show-background").addEventListener("change", function (e) {
    state.background = e.target.checked;
    apply(true);
  });
  var tl = FoglineTimeline.create(document.getElementById("timeline"), {
    colours: data.colours,
    onBrush: function (since, until) { state.since = since; state.until = until; apply(true); },
  });
  tl.set(data.timeline.days);
  document.getElementById("tl-in").addEventListener("click", tl.zoomIn);
  document.getElementById("tl-out").addEventListener("click", tl.zoomOut);
  document.getElementById("tl-all").addEventListener("click", tl.all);
  apply(true);
  document.body.setAttribute("data-ready", "1");
})();
