"""Inline SVG for the report: the incident map over outlines, and the timeline of incidents per day.

Every string that comes from data (place names, actor names, ids) goes through ``esc``.
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from typing import Any

from fogline.export.basemap import Projection, outline_paths
from fogline.export.views import TYPE_COLOURS


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def map_projection(summaries: list[dict[str, Any]], width: float = 800.0) -> Projection:
    pts = [(s["lon"], s["lat"]) for s in summaries if s["lat"] is not None]
    return Projection.fit(pts, width=width)


def basemap_svg(proj: Projection) -> str:
    """The outline layer: country fills, district strokes, country labels."""
    shapes, labels = [], []
    for p in outline_paths(proj):
        shapes.append(f'<path class="{p.kind}" d="{p.d}"><title>{esc(p.name)}</title></path>')
        if p.label_x is not None:
            labels.append(f'<text class="label" x="{p.label_x}" y="{p.label_y}">{esc(p.name)}</text>')
    return f'<g class="basemap">{"".join(shapes)}</g><g class="labels">{"".join(labels)}</g>'


def marker_svg(s: dict[str, Any], proj: Projection) -> str:
    x, y = proj.xy(s["lon"], s["lat"])
    cls = "incident contested" if s["contested"] else "incident"
    tip = f'{s["sub_event_type"]} — {s["location"] or "?"} — {s["date"] or "undated"}'
    if s["fatalities"]:
        tip += f' — {s["fatalities"]} killed'
    return (f'<a href="#inc-{esc(s["incident_id"])}"><circle class="{cls}" data-id="{esc(s["incident_id"])}" '
            f'cx="{x}" cy="{y}" r="{s["radius"]}" fill="{esc(s["colour"])}">'
            f"<title>{esc(tip)}</title></circle></a>")


def map_svg(summaries: list[dict[str, Any]], width: float = 800.0) -> str:
    """The whole map: outlines, then one circle per placed incident (largest drawn first)."""
    proj = map_projection(summaries, width)
    placed = sorted((s for s in summaries if s["lat"] is not None), key=lambda s: -s["radius"])
    markers = "".join(marker_svg(s, proj) for s in placed)
    return (f'<svg class="map" role="img" aria-label="Map of incidents" viewBox="0 0 {proj.width:g} '
            f'{proj.height:g}" xmlns="http://www.w3.org/2000/svg"><rect class="sea" width="100%" height="100%"/>'
            f'{basemap_svg(proj)}<g class="incidents">{markers}</g></svg>')


def _day_range(days: list[str]) -> list[str]:
    """Every day from the first to the last when that is at most 120 days, else only the given days."""
    first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    span = (last - first).days
    if span > 120:
        return days
    return [(first + timedelta(d)).isoformat() for d in range(span + 1)]


def timeline_svg(tl: dict[str, Any], width: float = 800.0, height: float = 180.0) -> str:
    """Stacked bars of incidents per day, coloured by event type."""
    if not tl["days"]:
        return '<p class="empty">No incident has a full date to place on the timeline.</p>'
    counts = {d["day"]: d["counts"] for d in tl["days"]}
    days = _day_range(sorted(counts))
    top = max(d["total"] for d in tl["days"])
    left, bottom, plot_h = 30.0, 30.0, height - 40.0
    step = min((width - left - 10) / len(days), 40.0)
    bars: list[str] = []
    for i, day in enumerate(days):
        y = height - bottom
        for etype, colour in TYPE_COLOURS.items():
            n = counts.get(day, {}).get(etype, 0)
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            bars.append(f'<rect class="bar" x="{left + i * step + 1:.1f}" y="{y:.1f}" width="{max(step - 2, 1):.1f}" '
                        f'height="{h:.1f}" fill="{colour}"><title>{esc(day)}: {n} × {esc(etype)}</title></rect>')
    ticks = _ticks(days, left, step, height - bottom)
    axis = (f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" class="axis"/>'
            f'<text class="tick" x="4" y="{height - bottom - plot_h + 10:.1f}">{top}</text>')
    return (f'<svg class="timeline" role="img" aria-label="Incidents per day" viewBox="0 0 {width:g} {height:g}" '
            f'xmlns="http://www.w3.org/2000/svg">{axis}{"".join(bars)}{ticks}</svg>')


def _ticks(days: list[str], left: float, step: float, base: float) -> str:
    every = max(1, len(days) // 6)
    out = []
    for i in range(0, len(days), every):
        x = left + i * step + step / 2
        out.append(f'<text class="tick" x="{x:.1f}" y="{base + 16:.1f}" text-anchor="middle">{esc(days[i])}</text>')
    return "".join(out)
