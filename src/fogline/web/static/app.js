// fogline workspace: builds every view with DOM calls and textContent (never innerHTML), so article
// text, however hostile, renders as text. The filters live in the address (shareable views).
(function () {
  "use strict";
  var state = { colours: {}, config: {}, map: null, timeline: null, selected: null, list: [] };
  var LIST_MAX = 400;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function swatch(colour) {
    var s = el("span", { "class": "swatch" });
    s.style.backgroundColor = colour || "#555";  // CSSOM, allowed under the page's CSP
    return s;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }
  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw new Error(body.detail || (url + ": " + r.status)); }
        return body;
      });
    });
  }
  function range(lo, best, hi) {
    var vals = [lo, best, hi].filter(function (v) { return v !== null && v !== undefined; });
    if (!vals.length) { return ""; }
    var a = Math.min.apply(null, vals), b = Math.max.apply(null, vals);
    return a === b ? String(a) : a + "–" + b;
  }

  // ---- filters <-> address ----
  function query() {
    var params = new URLSearchParams();
    new FormData(document.getElementById("filters")).forEach(function (v, k) {
      if (v === "" || (k === "min_confidence" && v === "0")) { return; }
      params.append(k, v);
    });
    return params.toString();
  }
  function restore() {
    var form = document.getElementById("filters"), params = new URLSearchParams(location.search);
    params.forEach(function (v, k) {
      var field = form.elements.namedItem(k);
      if (!field) { return; }
      if (field.type === "checkbox") { field.checked = v === "true"; } else { field.value = v; }
    });
    document.getElementById("conf-out").textContent = form.elements.namedItem("min_confidence").value;
  }

  // ---- list and map ----
  function line(s) {
    var parts = [s.date || "undated", s.sub_event_type, s.location || "unplaced"];
    var who = [s.actor1, s.actor2].filter(Boolean).join(" vs ");
    if (who) { parts.push(who); }
    var dead = range(s.fatalities_low, s.fatalities_best, s.fatalities_high);
    if (dead) { parts.push(dead + " killed"); }
    parts.push(s.reports + " report(s): " + (s.outlets.join(", ") || "unknown outlet"));
    return parts.join(" · ");
  }
  function drawList(page) {
    state.list = page.items;
    state.map.set(page.items, true);
    document.getElementById("count").textContent = page.total + " incident(s)" +
      (page.total > page.items.length ? " (first " + page.items.length + " drawn)" : "");
    var ol = clear(document.getElementById("incident-list"));
    var newest = page.items.slice().sort(function (a, b) {  // newest first, undated last
      var da = a.day || "", db = b.day || "";  // day: a full date with a known year, else null
      return da < db ? 1 : da > db ? -1 : 0;
    });
    newest.slice(0, LIST_MAX).forEach(function (s) {
      var li = el("li", { "data-id": s.incident_id });
      li.appendChild(swatch(state.colours[s.event_type]));
      li.appendChild(document.createTextNode(line(s)));
      if (s.contested) { li.appendChild(el("span", { "class": "flag contested" }, "contested")); }
      if (s.background) { li.appendChild(el("span", { "class": "flag" }, "background")); }
      li.addEventListener("click", function () { openIncident(s.incident_id); state.map.reveal(s.incident_id); });
      ol.appendChild(li);
    });
    document.getElementById("more").textContent = page.items.length > LIST_MAX ?
      "The list shows the newest " + LIST_MAX + "; narrow the filters or download the CSV for all." : "";
  }

  // ---- source view ----
  function runs(pieces, cls) {
    var p = el("p", { "class": cls });
    pieces.forEach(function (piece) {
      if (!piece.mark) { p.appendChild(document.createTextNode(piece.text)); return; }
      var m = el("mark", { "class": piece.mark }, piece.text);
      if (piece.mark.indexOf("cut-") === 0) { m.title = "cut: " + piece.mark.slice(4); }
      p.appendChild(m);
    });
    return p;
  }
  function contest(box, c) {
    box.appendChild(el("p", { "class": "line" }, c.line));
    var sides = el("div", { "class": "sides" });
    c.sides.forEach(function (side) {
      var col = el("div", { "class": "side" });
      col.appendChild(el("b", {}, side.claimant));
      side.claims.forEach(function (cl) {
        var figs = [cl.fatalities !== null ? cl.fatalities + " killed" : "", cl.injured !== null ? cl.injured + " wounded" : ""];
        col.appendChild(el("div", { "class": "stance " + cl.stance }, cl.stance + " " + figs.filter(Boolean).join(", ")));
        if (cl.evidence) { col.appendChild(el("q", {}, cl.evidence)); }
        if (cl.outlet) { col.appendChild(el("div", { "class": "note" }, "via " + cl.outlet)); }
      });
      sides.appendChild(col);
    });
    box.appendChild(sides);
  }
  function reportView(r, first) {
    var div = el("div", { "class": "report" });
    div.appendChild(el("p", { "class": "meta" }, [r.outlet || "unknown outlet", r.published, r.title, r.certainty,
      r.is_repost ? "repost" : "", r.satire ? "satire" : ""].filter(Boolean).join(" · ")));
    div.appendChild(el("p", { "class": "ratings" }, r.ratings.length ? "outlet rating: " + r.ratings.join("; ") : "outlet rating: none on file"));
    r.sentences.forEach(function (s) { div.appendChild(runs(s, "evidence")); });
    var details = el("details", { "class": "article" });
    if (first) { details.open = true; }
    var cuts = r.article.filter(function (p) { return p.mark && p.mark.indexOf("cut-") === 0; }).length;
    details.appendChild(el("summary", {}, "the article as received (" + cuts + " cut span(s) marked)"));
    details.appendChild(runs(r.article, "article-text"));
    div.appendChild(details);
    return div;
  }
  function openIncident(id) {
    state.selected = id;
    document.querySelectorAll(".selected").forEach(function (n) { n.classList.remove("selected"); });
    document.querySelectorAll('[data-id="' + CSS.escape(id) + '"]').forEach(function (n) { n.classList.add("selected"); });
    return getJSON("/api/incidents/" + encodeURIComponent(id)).then(function (inc) {
      var box = clear(document.getElementById("detail"));
      box.appendChild(el("h2", {}, inc.sub_event_type + " · " + (inc.location || "unplaced") + " · " + (inc.date || "undated")));
      var facts = [[inc.actor1, inc.actor2].filter(Boolean).join(" vs ")];
      var dead = range(inc.fatalities_low, inc.fatalities_best, inc.fatalities_high);
      var hurt = range(inc.injured_low, inc.injured_best, inc.injured_high);
      if (dead) { facts.push("killed " + dead); }
      if (hurt) { facts.push("wounded " + hurt); }
      facts.push("confidence " + inc.confidence.toFixed(2), inc.independent_sources + " independent source(s)");
      var meta = el("p", { "class": "meta" }, facts.filter(Boolean).join(" · "));
      if (inc.contested) { meta.appendChild(el("span", { "class": "flag contested" }, "contested")); }
      box.appendChild(meta);
      if (inc.reasons.length) { box.appendChild(el("p", { "class": "reasons" }, "confidence: " + inc.reasons.join("; "))); }
      if (inc.contest) { contest(box, inc.contest); }
      inc.report_views.forEach(function (r, i) { box.appendChild(reportView(r, i === 0)); });
      box.setAttribute("data-id-shown", id);
    }).catch(showError);
  }

  // ---- timeline, contested, outlets ----
  function drawTimeline(tl) {
    state.timeline.set(tl.days, true);
    document.getElementById("undated").textContent = tl.undated ? tl.undated + " incident(s) without a full date are left off the timeline." : "";
  }
  function drawContested(list) {
    var box = clear(document.getElementById("contested"));
    if (!list.length) { box.appendChild(el("p", { "class": "note" }, "No contested incident.")); }
    list.forEach(function (c) {
      var art = el("div", { "class": "contest" });
      art.appendChild(el("strong", {}, c.summary.sub_event_type + " · " + (c.summary.location || "unplaced") + " · " + (c.summary.date || "undated")));
      contest(art, c);
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
  function showError(err) { document.getElementById("status").textContent = " " + String(err.message || err); }
  function refresh() {
    var q = query(), suffix = q ? "?" + q : "";
    history.replaceState(null, "", location.pathname + suffix);
    document.getElementById("report-link").setAttribute("href", "/report.html" + suffix);
    ["csv", "geojson", "acled"].forEach(function (k) {
      var a = document.getElementById("dl-" + k), base = a.getAttribute("href").split("?")[0];
      a.setAttribute("href", base + suffix);
    });
    document.getElementById("status").textContent = "";
    return Promise.all([
      getJSON("/api/incidents?limit=20000" + (q ? "&" + q : "")).then(drawList),
      getJSON("/api/timeline" + suffix).then(drawTimeline),
      getJSON("/api/contested" + suffix).then(drawContested),
    ]).then(function () { document.body.setAttribute("data-ready", "1"); }).catch(showError);
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
        ev.sentences.forEach(function (s) { div.appendChild(runs(s, "evidence")); });
        head.appendChild(div);
      });
      if (!d.events.length) { head.appendChild(el("p", { "class": "note" }, "No event found in this article.")); }
      box.appendChild(head);
    });
    if (result.warning) { box.appendChild(el("p", { "class": "error" }, result.warning)); }
    box.setAttribute("data-done", "1");
    if (result.saved.length) { refresh(); }
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
      fetch("/api/analyse", { method: "POST", body: data, headers: headers, credentials: "same-origin" }).then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) { throw new Error(body.detail || r.status); }
          return body;
        });
      }).then(showAnalysis).catch(function (err) {
        clear(document.getElementById("analysis")).appendChild(el("p", { "class": "error" }, String(err.message || err)));
      });
    });
  }

  function loadLayers() {
    var names = ["admin0", "admin1", "districts", "places"], layers = {};
    return Promise.all(names.map(function (n) {
      return getJSON("/api/basemap/" + n).then(function (g) { layers[n] = g; });
    })).then(function () { return layers; });
  }
  function wireTimeline() {
    var form = document.getElementById("filters");
    state.timeline = FoglineTimeline.create(document.getElementById("timeline"), {
      colours: state.colours,
      onBrush: function (since, until) {
        form.elements.namedItem("since").value = since || "";
        form.elements.namedItem("until").value = until || "";
        refresh();
      },
    });
    document.getElementById("tl-in").addEventListener("click", state.timeline.zoomIn);
    document.getElementById("tl-out").addEventListener("click", state.timeline.zoomOut);
    document.getElementById("tl-all").addEventListener("click", state.timeline.all);
  }
  function init() {
    var form = document.getElementById("filters");
    restore();
    form.addEventListener("change", refresh);
    form.addEventListener("input", function (e) {
      if (e.target.name === "min_confidence") { document.getElementById("conf-out").textContent = e.target.value; }
    });
    form.addEventListener("reset", function () { setTimeout(function () { state.timeline.clearBrush(); refresh(); }, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); refresh(); });
    getJSON("/api/config").then(function (c) { state.config = c; wireAnalyse(); });
    getJSON("/api/outlets").then(drawOutlets);
    Promise.all([getJSON("/api/legend"), loadLayers()]).then(function (got) {
      state.colours = got[0].colours;
      var select = form.elements.namedItem("type"), wanted = new URLSearchParams(location.search).get("type");
      Object.keys(state.colours).forEach(function (t) { select.appendChild(el("option", { value: t }, t)); });
      if (wanted) { select.value = wanted; }
      state.map = FoglineMap.create(document.getElementById("map"), { layers: got[1], colours: state.colours, onSelect: openIncident });
      window.foglineWorkspace = state;  // for the browser tests and the console
      wireTimeline();
      return refresh();
    }).catch(showError);
  }
  document.addEventListener("DOMContentLoaded", init);
})();
