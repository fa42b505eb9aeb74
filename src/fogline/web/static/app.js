// fogline workspace: builds every view with DOM calls and textContent (never innerHTML), so article
// text, however hostile, renders as text.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var state = { proj: null, view: null, colours: {}, selected: null, config: {} };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function swatch(colour) {
    var s = el("span", { "class": "swatch" });
    s.style.backgroundColor = colour;  // CSSOM, allowed under the page's CSP (inline style attributes are not)
    return s;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }
  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": " + r.status); }
      return r.json();
    });
  }
  function query() {
    var form = document.getElementById("filters");
    var params = new URLSearchParams();
    new FormData(form).forEach(function (v, k) {
      if (v === "" || (k === "min_confidence" && v === "0")) { return; }
      params.append(k, v);
    });
    return params.toString();
  }

  // ---- map: basemap, markers, pan and zoom on the viewBox ----
  function setView(v) {
    state.view = v;
    document.getElementById("map").setAttribute("viewBox", [v.x, v.y, v.w, v.h].join(" "));
  }
  function resetView() { setView({ x: 0, y: 0, w: state.proj.width, h: state.proj.height }); }
  function zoom(factor, cx, cy) {
    var v = state.view;
    if (cx === undefined) { cx = v.x + v.w / 2; cy = v.y + v.h / 2; }
    var w = Math.min(Math.max(v.w * factor, state.proj.width / 40), state.proj.width * 4);
    var h = w * v.h / v.w;
    setView({ x: cx - (cx - v.x) * w / v.w, y: cy - (cy - v.y) * h / v.h, w: w, h: h });
  }
  function toMap(evt) {
    var box = document.getElementById("map").getBoundingClientRect(), v = state.view;
    return { x: v.x + (evt.clientX - box.left) / box.width * v.w, y: v.y + (evt.clientY - box.top) / box.height * v.h };
  }
  function wireMap() {
    var map = document.getElementById("map"), drag = null;
    map.addEventListener("wheel", function (e) {
      e.preventDefault();
      var p = toMap(e);
      zoom(e.deltaY < 0 ? 0.8 : 1.25, p.x, p.y);
    }, { passive: false });
    map.addEventListener("pointerdown", function (e) {
      if (e.target.tagName === "circle") { return; }
      drag = { x: e.clientX, y: e.clientY, v: state.view };
      map.classList.add("dragging");
      map.setPointerCapture(e.pointerId);
    });
    map.addEventListener("pointermove", function (e) {
      if (!drag) { return; }
      var box = map.getBoundingClientRect();
      var dx = (e.clientX - drag.x) / box.width * drag.v.w, dy = (e.clientY - drag.y) / box.height * drag.v.h;
      setView({ x: drag.v.x - dx, y: drag.v.y - dy, w: drag.v.w, h: drag.v.h });
    });
    function stop() { drag = null; map.classList.remove("dragging"); }
    map.addEventListener("pointerup", stop);
    map.addEventListener("pointercancel", stop);
    document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.7); });
    document.getElementById("zoom-out").addEventListener("click", function () { zoom(1.4); });
    document.getElementById("zoom-reset").addEventListener("click", resetView);
  }
  function drawBasemap(data) {
    state.proj = data.projection;
    state.colours = data.colours;
    var g = clear(document.getElementById("basemap")), labels = clear(document.getElementById("labels"));
    data.paths.forEach(function (p) {
      var path = svg("path", { "class": p.kind, d: p.d });
      path.appendChild(svg("title", {}, p.name));
      g.appendChild(path);
      if (p.label_x !== null) { labels.appendChild(svg("text", { "class": "label", x: p.label_x, y: p.label_y }, p.name)); }
    });
    resetView();
    var legend = clear(document.getElementById("legend")), select = document.querySelector("#filters select[name=type]");
    while (select.options.length > 1) { select.remove(1); }
    Object.keys(data.colours).forEach(function (t) {
      var item = el("span");
      item.appendChild(swatch(data.colours[t]));
      item.appendChild(document.createTextNode(t));
      legend.appendChild(item);
      select.appendChild(el("option", { value: t }, t));
    });
  }
  function drawMarkers(list) {
    var g = clear(document.getElementById("markers"));
    list.filter(function (s) { return s.x !== null; })
      .sort(function (a, b) { return b.radius - a.radius; })
      .forEach(function (s) {
        var c = svg("circle", { "class": "incident" + (s.contested ? " contested" : ""), cx: s.x, cy: s.y,
          r: s.radius, fill: s.colour, "data-id": s.incident_id });
        c.appendChild(svg("title", {}, s.sub_event_type + " — " + (s.location || "?") + " — " + (s.date || "undated")));
        c.addEventListener("click", function () { openIncident(s.incident_id); });
        g.appendChild(c);
      });
    document.getElementById("count").textContent = list.length + " incident(s)";
    var ol = clear(document.getElementById("incident-list"));
    list.forEach(function (s) {
      var li = el("li", { "data-id": s.incident_id });
      li.appendChild(swatch(s.colour));
      li.appendChild(document.createTextNode((s.date || "undated") + " · " + s.sub_event_type + " · " + (s.location || "unplaced")));
      if (s.contested) { li.appendChild(el("span", { "class": "flag contested" }, "contested")); }
      li.addEventListener("click", function () { openIncident(s.incident_id); });
      ol.appendChild(li);
    });
  }

  // ---- evidence with highlighted claims ----
  function sentence(pieces) {
    var p = el("p", { "class": "evidence" });
    pieces.forEach(function (piece) {
      p.appendChild(piece.mark ? el("mark", { "class": piece.mark }, piece.text) : document.createTextNode(piece.text));
    });
    return p;
  }
  function openIncident(id) {
    state.selected = id;
    document.querySelectorAll("#map circle.selected, #incident-list li.selected").forEach(function (n) { n.classList.remove("selected"); });
    document.querySelectorAll('[data-id="' + CSS.escape(id) + '"]').forEach(function (n) { n.classList.add("selected"); });
    getJSON("/api/incidents/" + encodeURIComponent(id)).then(function (inc) {
      var box = clear(document.getElementById("detail"));
      box.appendChild(el("h2", {}, inc.sub_event_type + " · " + (inc.location || "unplaced") + " · " + (inc.date || "undated")));
      var facts = [inc.actor1, inc.actor2].filter(Boolean).join(" vs ");
      if (inc.fatalities) { facts += " · killed " + inc.fatalities; }
      if (inc.injured) { facts += " · wounded " + inc.injured; }
      facts += " · confidence " + inc.confidence.toFixed(2) + " · " + inc.independent_sources + " independent source(s)";
      var meta = el("p", { "class": "meta" }, facts);
      if (inc.contested) { meta.appendChild(el("span", { "class": "flag contested" }, "contested")); }
      box.appendChild(meta);
      if (inc.reasons.length) { box.appendChild(el("p", { "class": "reasons" }, inc.reasons.join("; "))); }
      if (inc.contest) { box.appendChild(el("p", { "class": "line" }, inc.contest.line)); }
      inc.reports.forEach(function (r) {
        var div = el("div", { "class": "report" });
        div.appendChild(el("p", { "class": "meta" }, (r.outlet || "unknown outlet") + (r.published ? " · " + r.published : "") +
          (r.title ? " · " + r.title : "") + (r.certainty ? " · " + r.certainty : "")));
        r.sentences.forEach(function (s) { div.appendChild(sentence(s)); });
        box.appendChild(div);
      });
    });
  }

  // ---- timeline, contested, outlets ----
  function drawTimeline(tl) {
    var g = clear(document.getElementById("timeline"));
    var W = 800, H = 150, left = 30, base = H - 24;
    g.setAttribute("viewBox", "0 0 " + W + " " + H);
    document.getElementById("undated").textContent = tl.undated ? tl.undated + " incident(s) without a full date are left off the timeline." : "";
    if (!tl.days.length) { g.appendChild(svg("text", { x: 20, y: 40, "class": "tick" }, "no dated incidents")); return; }
    var top = Math.max.apply(null, tl.days.map(function (d) { return d.total; }));
    var step = Math.min((W - left - 10) / tl.days.length, 40);
    tl.days.forEach(function (d, i) {
      var y = base;
      tl.types.forEach(function (t) {
        var n = d.counts[t] || 0;
        if (!n) { return; }
        var h = (base - 10) * n / top;
        y -= h;
        var r = svg("rect", { x: left + i * step + 1, y: y, width: Math.max(step - 2, 1), height: h, fill: tl.colours[t], "class": "bar" });
        r.appendChild(svg("title", {}, d.day + ": " + n + " × " + t));
        g.appendChild(r);
      });
      if (i % Math.max(1, Math.floor(tl.days.length / 6)) === 0) {
        g.appendChild(svg("text", { x: left + i * step + step / 2, y: H - 8, "class": "tick", "text-anchor": "middle" }, d.day));
      }
    });
    g.appendChild(svg("text", { x: 4, y: 20, "class": "tick" }, String(top)));
  }
  function drawContested(list) {
    var box = clear(document.getElementById("contested"));
    if (!list.length) { box.appendChild(el("p", { "class": "note" }, "No contested incident.")); }
    list.forEach(function (c) {
      var art = el("div", { "class": "contest" });
      art.appendChild(el("strong", {}, c.summary.sub_event_type + " · " + (c.summary.location || "unplaced") + " · " + (c.summary.date || "undated")));
      art.appendChild(el("p", {}, c.line));
      var sides = el("div", { "class": "sides" });
      c.sides.forEach(function (side) {
        var col = el("div", { "class": "side" });
        col.appendChild(el("b", {}, side.claimant));
        side.claims.forEach(function (cl) {
          col.appendChild(el("div", { "class": "stance " + cl.stance }, cl.stance));
          if (cl.evidence) { col.appendChild(el("q", {}, cl.evidence)); }
        });
        sides.appendChild(col);
      });
      art.appendChild(sides);
      art.addEventListener("click", function () { openIncident(c.summary.incident_id); });
      box.appendChild(art);
    });
  }
  function drawOutlets(rows) {
    var body = clear(document.querySelector("#outlets tbody"));
    rows.forEach(function (o) {
      var tr = el("tr");
      [o.outlet, o.documents, o.genres, o.reposts, o.ratings.join("; ") || "—"].forEach(function (v) { tr.appendChild(el("td", {}, v)); });
      body.appendChild(tr);
    });
  }
  function refresh() {
    var q = query();
    document.getElementById("report-link").setAttribute("href", "/report.html" + (q ? "?" + q : ""));
    return Promise.all([
      getJSON("/api/incidents?" + q).then(drawMarkers),
      getJSON("/api/timeline?" + q).then(drawTimeline),
      getJSON("/api/contested?" + q).then(drawContested),
      getJSON("/api/outlets").then(drawOutlets),
    ]).then(function () { document.body.setAttribute("data-ready", "1"); });
  }

  // ---- analyse an article ----
  function showAnalysis(result) {
    var box = clear(document.getElementById("analysis"));
    result.rejected.forEach(function (r) { box.appendChild(el("p", { "class": "error" }, "rejected: " + r.reason)); });
    result.documents.forEach(function (d) {
      var head = el("div", { "class": "doc" });
      head.appendChild(el("h3", {}, d.title || "(untitled)"));
      head.appendChild(el("p", { "class": "meta" }, [d.outlet || "unknown outlet", d.published || "undated", d.genre,
        d.events.length + " event(s)", d.signals.map(function (s) { return s.kind; }).join(", ")].join(" · ")));
      d.events.forEach(function (ev) {
        var div = el("div", { "class": "report" });
        div.appendChild(el("p", { "class": "meta" }, ev.sub_event_type + " · " + (ev.location || "unplaced") + " · " +
          (ev.date || "undated") + " · " + ev.certainty));
        ev.sentences.forEach(function (s) { div.appendChild(sentence(s)); });
        head.appendChild(div);
      });
      if (!d.events.length) { head.appendChild(el("p", { "class": "note" }, "No event found in this article.")); }
      box.appendChild(head);
    });
    box.setAttribute("data-done", "1");
    if (result.saved.length) { getJSON("/api/basemap").then(drawBasemap).then(refresh); }
  }
  function wireAnalyse() {
    var form = document.getElementById("analyse-form");
    if (state.config.token_required) { form.querySelector("[name=token]").hidden = false; }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var data = new FormData(form), headers = {}, file = data.get("file");
      if (file && file.size > state.config.max_upload_bytes) {
        clear(document.getElementById("analysis")).appendChild(el("p", { "class": "error" }, "file too large"));
        return;
      }
      if (data.get("token")) { headers["X-Fogline-Token"] = data.get("token"); }
      data.delete("token");
      if (!data.get("save")) { data.delete("save"); }
      fetch("/api/analyse", { method: "POST", body: data, headers: headers }).then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) { throw new Error(body.detail || r.status); }
          return body;
        });
      }).then(showAnalysis).catch(function (err) {
        clear(document.getElementById("analysis")).appendChild(el("p", { "class": "error" }, String(err.message || err)));
      });
    });
  }

  function init() {
    var form = document.getElementById("filters");
    form.addEventListener("change", refresh);
    form.addEventListener("input", function (e) {
      if (e.target.name === "min_confidence") { document.getElementById("conf-out").textContent = e.target.value; }
    });
    form.addEventListener("reset", function () { setTimeout(refresh, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); refresh(); });
    wireMap();
    getJSON("/api/config").then(function (c) { state.config = c; wireAnalyse(); });
    getJSON("/api/basemap").then(drawBasemap).then(refresh);
  }
  document.addEventListener("DOMContentLoaded", init);
})();
