// fogline map: Leaflet over an offline vector basemap (Natural Earth + Who's On First, GeoJSON, no tiles),
// clustered incident markers of bounded pixel size, coloured by event type, a dashed ring when contested.
// Shared by the workspace and the self-contained report; builds the DOM with textContent only.
(function (root) {
  "use strict";
  var DEFAULT_BOUNDS = [[38.0, 43.0], [43.0, 51.5]];  // the South Caucasus, when nothing is placed

  function radius(casualties) { return Math.min(22, 5 + 3 * Math.log2(1 + Math.max(0, casualties || 0))); }

  function quantile(sorted, q) { return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0; }

  // The bulk of the points: those within a robust distance of the median (far outliers left out of the view).
  function bulk(points) {
    if (points.length < 4) { return points; }
    var lats = points.map(function (p) { return p[0]; }).sort(function (a, b) { return a - b; });
    var lons = points.map(function (p) { return p[1]; }).sort(function (a, b) { return a - b; });
    var mlat = quantile(lats, 0.5), mlon = quantile(lons, 0.5), k = Math.cos(mlat * Math.PI / 180);
    var dist = points.map(function (p) { return Math.hypot(p[0] - mlat, (p[1] - mlon) * k); });
    var limit = Math.max(4, 3 * quantile(dist.slice().sort(function (a, b) { return a - b; }), 0.75));
    return points.filter(function (p, i) { return dist[i] <= limit; });
  }

  function markerIcon(inc, colour) {
    var r = radius(inc.casualties), node = document.createElement("div");
    node.className = "incident" + (inc.contested ? " contested" : "");
    node.style.width = node.style.height = (2 * r) + "px";
    node.style.backgroundColor = colour;  // CSSOM: allowed under a CSP without 'unsafe-inline'
    node.setAttribute("data-id", inc.incident_id);
    node.title = inc.sub_event_type + " — " + (inc.location || "?") + " — " + (inc.date || "undated") +
      (inc.fatalities_best !== null && inc.fatalities_best !== undefined ? " — " + inc.fatalities_best + " killed" : "");
    return L.divIcon({ html: node, className: "incident-icon", iconSize: [2 * r, 2 * r] });
  }

  function labelIcon(text, cls) {
    var node = document.createElement("span");
    node.textContent = text;
    return L.divIcon({ html: node, className: "map-label " + cls, iconSize: null });
  }

  function basemap(map, layers) {
    var style = {
      admin0: { color: "#8d949c", weight: 1, fillColor: "#f3f1ea", fillOpacity: 1 },
      admin1: { color: "#b9bec4", weight: 0.6, dashArray: "3 3", fill: false },
      districts: { color: "#b3aa95", weight: 0.7, dashArray: "2 3", fill: false },
    };
    ["admin0", "admin1", "districts"].forEach(function (name) {
      if (layers[name]) { L.geoJSON(layers[name], { style: style[name], interactive: false }).addTo(map); }
    });
  }

  // Place labels: capitals and big towns at low zoom, smaller places as one zooms in (at most 120 at once).
  function placeLabels(map, places) {
    var group = L.layerGroup().addTo(map), feats = (places && places.features) || [];
    function redraw() {
      group.clearLayers();
      var z = map.getZoom(), bounds = map.getBounds().pad(0.1), shown = 0;
      var maxRank = z <= 4 ? 1 : z <= 5 ? 2 : z <= 6 ? 4 : z <= 7 ? 6 : 10;
      for (var i = 0; i < feats.length && shown < 120; i++) {
        var f = feats[i], c = f.geometry.coordinates, p = f.properties;
        if (p.rank > maxRank || !bounds.contains([c[1], c[0]])) { continue; }
        L.marker([c[1], c[0]], { icon: labelIcon(p.name, p.capital ? "capital" : "town"), interactive: false, keyboard: false })
          .addTo(group);
        shown++;
      }
    }
    feats.sort(function (a, b) { return a.properties.rank - b.properties.rank; });
    map.on("zoomend moveend", redraw);
    return redraw;
  }

  function legend(colours, note) {
    var ctl = L.control({ position: "topright" });
    ctl.onAdd = function () {
      var box = L.DomUtil.create("div", "map-legend");
      Object.keys(colours).forEach(function (t) {
        var row = L.DomUtil.create("div", "row", box), sw = L.DomUtil.create("span", "swatch", row);
        sw.style.backgroundColor = colours[t];
        row.appendChild(document.createTextNode(t));
      });
      var ring = L.DomUtil.create("div", "row", box);
      L.DomUtil.create("span", "swatch ring", ring);
      ring.appendChild(document.createTextNode("contested"));
      L.DomUtil.create("div", "note", box).textContent = "size: casualties (log scale, capped)";
      ctl.outliers = L.DomUtil.create("div", "note outliers", box);
      return box;
    };
    return ctl;
  }

  function create(el, opts) {
    var map = L.map(el, { zoomSnap: 0.25, minZoom: 1, maxZoom: 10, worldCopyJump: true });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth (public domain); Who's On First (CC BY)");
    basemap(map, opts.layers || {});
    var redrawLabels = placeLabels(map, (opts.layers || {}).places);
    var key = legend(opts.colours || {}, "").addTo(map);
    var cluster = L.markerClusterGroup({ maxClusterRadius: 36, showCoverageOnHover: false, spiderfyOnMaxZoom: true });
    map.addLayer(cluster);
    var api = { map: map, markers: {} };

    api.fit = function (list) {
      var pts = list.filter(function (s) { return s.lat !== null && s.lon !== null; }).map(function (s) { return [s.lat, s.lon]; });
      var core = bulk(pts), left = pts.length - core.length;
      key.outliers.textContent = left ? left + " far incident(s) outside this view" : "";
      if (!core.length) { map.fitBounds(DEFAULT_BOUNDS); } else if (core.length === 1) { map.setView(core[0], 8); } else {
        map.fitBounds(L.latLngBounds(core), { padding: [30, 30], maxZoom: 8 });
      }
      redrawLabels();
    };
    api.set = function (list, fit) {
      cluster.clearLayers();
      api.markers = {};
      var ms = [];
      list.forEach(function (s) {
        if (s.lat === null || s.lon === null) { return; }
        var m = L.marker([s.lat, s.lon], { icon: markerIcon(s, (opts.colours || {})[s.event_type] || "#555"), riseOnHover: true });
        m.on("click", function () { if (opts.onSelect) { opts.onSelect(s.incident_id); } });
        api.markers[s.incident_id] = m;
        ms.push(m);
      });
      cluster.addLayers(ms);
      if (fit) { api.fit(list); }
    };
    api.reveal = function (id) {
      var m = api.markers[id];
      if (m) { cluster.zoomToShowLayer(m, function () { m.openTooltip && m.openTooltip(); }); }
    };
    return api;
  }

  root.FoglineMap = { create: create, radius: radius, bulk: bulk };
})(window);
