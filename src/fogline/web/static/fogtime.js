// fogline timeline: incidents per day on a real time axis (stacked by event type), zoomable with the
// wheel or the buttons, brushable (drag) to pick a date range. Shared by the workspace and the report.
(function (root) {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg", DAY = 86400000, W = 900, H = 150, LEFT = 34, RIGHT = 10, BASE = H - 22;
  var STEPS = [[1, "day"], [7, "day"], [30.44, "month"], [91.3, "month"], [365.25, "year"], [1826, "year"],
    [3652, "year"], [18262, "year"], [36525, "year"]];

  function node(tag, attrs, text) {
    var n = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text !== undefined) { n.textContent = String(text); }
    return n;
  }
  function ms(day) { return Date.parse(day + "T00:00:00Z"); }
  function iso(t) { return new Date(t).toISOString().slice(0, 10); }
  function label(t, unit) {
    var s = iso(t);
    return unit === "year" ? s.slice(0, 4) : unit === "month" ? s.slice(0, 7) : s;
  }
  // The default window: the 2nd to 98th percentile of incidents (weighted by each day's count), so a few
  // outlying years stay reachable by zooming out without squeezing the bulk into one bar.
  function bulkDomain(days) {
    var sorted = days.slice().sort(function (a, b) { return ms(a.day) - ms(b.day); });
    var total = sorted.reduce(function (n, d) { return n + d.total; }, 0), seen = 0, lo = null, hi = null;
    sorted.forEach(function (d) {
      seen += d.total;
      if (lo === null && seen > 0.02 * total) { lo = ms(d.day); }
      if (hi === null && seen >= 0.98 * total) { hi = ms(d.day); }
    });
    var pad = Math.max(3 * DAY, (hi - lo) * 0.04);
    return [lo - pad, hi + pad + DAY];
  }

  // Tick times on calendar boundaries: every n days, the first of every n months, or 1 January every n years.
  function calendarTicks(dom, step) {
    var out = [], d = new Date(dom[0]), y = d.getUTCFullYear(), n;
    if (step[1] === "day") {
      n = step[0];
      for (var t = Math.ceil(dom[0] / (n * DAY)) * n * DAY; t <= dom[1]; t += n * DAY) { out.push(t); }
    } else if (step[1] === "month") {
      n = Math.round(step[0] / 30.44);
      for (var m = d.getUTCMonth() + 1; Date.UTC(y, m, 1) <= dom[1]; m += n) { out.push(Date.UTC(y, m, 1)); }
    } else {
      n = Math.round(step[0] / 365.25);
      for (var yy = Math.ceil((y + 1) / n) * n; Date.UTC(yy, 0, 1) <= dom[1]; yy += n) { out.push(Date.UTC(yy, 0, 1)); }
    }
    return out;
  }

  function create(svgEl, opts) {
    var st = { days: [], full: null, dom: null, brush: null };
    svgEl.setAttribute("viewBox", "0 0 " + W + " " + H);
    svgEl.setAttribute("preserveAspectRatio", "none");
    function x(t) { return LEFT + (t - st.dom[0]) / (st.dom[1] - st.dom[0]) * (W - LEFT - RIGHT); }
    function t(px) { return st.dom[0] + (px - LEFT) / (W - LEFT - RIGHT) * (st.dom[1] - st.dom[0]); }
    function ticks(g) {
      var span = (st.dom[1] - st.dom[0]) / DAY, step = STEPS[STEPS.length - 1];
      for (var i = 0; i < STEPS.length; i++) { if (span / STEPS[i][0] <= 8) { step = STEPS[i]; break; } }
      calendarTicks(st.dom, step).forEach(function (tt) {
        g.appendChild(node("line", { x1: x(tt), x2: x(tt), y1: BASE, y2: BASE + 4, "class": "axis" }));
        g.appendChild(node("text", { x: x(tt), y: H - 6, "class": "tick", "text-anchor": "middle" }, label(tt, step[1])));
      });
    }
    function draw() {
      while (svgEl.firstChild) { svgEl.removeChild(svgEl.firstChild); }
      if (!st.days.length) { svgEl.appendChild(node("text", { x: 20, y: 40, "class": "tick" }, "no dated incidents")); return; }
      var g = node("g"), top = 1, pxDay = x(DAY) - x(0);
      st.days.forEach(function (d) { top = Math.max(top, d.total); });
      st.days.forEach(function (d) {
        var t0 = ms(d.day), y = BASE;
        if (t0 + DAY < st.dom[0] || t0 > st.dom[1]) { return; }
        Object.keys(opts.colours).forEach(function (type) {
          var n = d.counts[type] || 0, h = (BASE - 12) * n / top;
          if (!n) { return; }
          y -= h;
          var r = node("rect", { x: x(t0), y: y, width: Math.max(1.5, pxDay - 0.5), height: h, fill: opts.colours[type], "class": "bar" });
          r.appendChild(node("title", {}, d.day + ": " + n + " × " + type));
          g.appendChild(r);
        });
      });
      g.appendChild(node("line", { x1: LEFT, x2: W - RIGHT, y1: BASE, y2: BASE, "class": "axis" }));
      g.appendChild(node("text", { x: 4, y: 16, "class": "tick" }, String(top)));
      ticks(g);
      if (st.brush) {
        g.appendChild(node("rect", { x: Math.min(x(st.brush[0]), x(st.brush[1])), y: 4,
          width: Math.abs(x(st.brush[1]) - x(st.brush[0])), height: BASE - 4, "class": "brush" }));
      }
      svgEl.appendChild(g);
    }
    function toPx(e) { var b = svgEl.getBoundingClientRect(); return (e.clientX - b.left) / b.width * W; }
    function zoom(factor, centre) {
      var c = centre === undefined ? (st.dom[0] + st.dom[1]) / 2 : centre;
      var w = Math.max(7 * DAY, (st.dom[1] - st.dom[0]) * factor);
      st.dom = [c - (c - st.dom[0]) * w / (st.dom[1] - st.dom[0]), c + (st.dom[1] - c) * w / (st.dom[1] - st.dom[0])];
      draw();
    }
    svgEl.addEventListener("wheel", function (e) {
      if (!st.dom) { return; }
      e.preventDefault();
      zoom(e.deltaY < 0 ? 0.75 : 1.33, t(toPx(e)));
    }, { passive: false });
    var start = null;
    svgEl.addEventListener("pointerdown", function (e) { if (st.dom) { start = t(toPx(e)); svgEl.setPointerCapture(e.pointerId); } });
    svgEl.addEventListener("pointermove", function (e) { if (start !== null) { st.brush = [start, t(toPx(e))]; draw(); } });
    svgEl.addEventListener("pointerup", function (e) {
      if (start === null) { return; }
      var end = t(toPx(e)), moved = Math.abs(x(end) - x(start)) > 4;
      st.brush = moved ? [Math.min(start, end), Math.max(start, end)] : null;
      start = null;
      draw();
      if (opts.onBrush) { opts.onBrush(st.brush ? iso(st.brush[0]) : null, st.brush ? iso(st.brush[1]) : null); }
    });
    return {
      set: function (days, keepView) {
        st.days = days;
        var times = days.map(function (d) { return ms(d.day); }).sort(function (a, b) { return a - b; });
        st.full = times.length ? [times[0] - DAY, times[times.length - 1] + 2 * DAY] : null;
        if (!keepView || !st.dom) { st.dom = times.length ? bulkDomain(days) : null; }
        draw();
      },
      zoomIn: function () { if (st.dom) { zoom(0.5); } },
      zoomOut: function () { if (st.dom) { zoom(2); } },
      all: function () { if (st.full) { st.dom = st.full.slice(); draw(); } },
      clearBrush: function () { st.brush = null; if (st.dom) { draw(); } },
      domain: function () { return st.dom ? [iso(st.dom[0]), iso(st.dom[1])] : null; },
    };
  }

  root.FoglineTimeline = { create: create };
})(window);
