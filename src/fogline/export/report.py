"""The situation report: one self-contained HTML file or Markdown.

The HTML inlines everything it needs (no network): Leaflet and Leaflet.markercluster (vendored in
``web/static/vendor``), the map and timeline scripts the workspace uses, the basemap layers cut to
the incidents' area, and the incidents as JSON.

``write_report(store, out, since=..., region=..., fmt=...)`` is what ``fogline report`` calls.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, select_autoescape

from fogline.export.basemap import OutlineMatcher
from fogline.export.basemap_layers import layers
from fogline.export.ledger import DocumentSource, Filters, Ledger
from fogline.export.views import (
    TYPE_COLOURS,
    contest_view,
    figure_range,
    outlets_view,
    report_view,
    summary,
    timeline,
)
from fogline.model import Incident, Report

_VENDOR_JS = (("vendor", "leaflet", "leaflet.js"), ("vendor", "leaflet.markercluster", "leaflet.markercluster.js"),
              ("fogmap.js",), ("fogtime.js",))
_VENDOR_CSS = (("vendor", "leaflet", "leaflet.css"), ("vendor", "leaflet.markercluster", "MarkerCluster.css"),
               ("vendor", "leaflet.markercluster", "MarkerCluster.Default.css"), ("map.css",))
MAP_MARGIN_DEG = 4.0

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|])")


def _template_text(name: str) -> str:
    return resources.files("fogline").joinpath("export", "templates", name).read_text(encoding="utf-8")


def _static_text(parts: tuple[str, ...]) -> str:
    return resources.files("fogline").joinpath("web", "static", *parts).read_text(encoding="utf-8")


def _env(html: bool = True) -> Environment:
    auto = select_autoescape(default=True, default_for_string=True) if html else False
    env = Environment(autoescape=auto, trim_blocks=True, lstrip_blocks=True)
    env.filters["md"] = md_escape
    env.filters["md_strong"] = md_strong
    env.filters["figures"] = lambda s, what: figure_range(s[f"{what}_low"], s[f"{what}_best"], s[f"{what}_high"])
    return env


def map_bbox(summaries: list[dict[str, Any]]) -> tuple[float, float, float, float] | None:
    """The box of every placed incident, with a margin: the part of the basemap the report inlines."""
    pts = [(s["lon"], s["lat"]) for s in summaries if s["lat"] is not None and s["lon"] is not None]
    if not pts:
        return (40.0, 36.0, 54.0, 45.0)
    m = MAP_MARGIN_DEG
    return (min(p[0] for p in pts) - m, min(p[1] for p in pts) - m, max(p[0] for p in pts) + m,
            max(p[1] for p in pts) + m)


def md_escape(value: object) -> str:
    """Markdown-safe text: markup characters backslash-escaped, HTML made inert, line breaks folded."""
    text = re.sub(r"\s+", " ", "" if value is None else str(value))
    return escape(_MD_SPECIAL.sub(r"\\\1", text), quote=False)


def md_strong(value: object) -> str:
    """``md_escape`` in bold, with surrounding spaces kept outside the asterisks."""
    text = md_escape(value)
    core = text.strip()
    if not core:
        return text
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return f"{lead}**{core}**{trail}"


def card_reports(chosen: list[Incident], ledger: Ledger) -> dict[int, dict[str, Any]]:
    """Each chosen incident's reports as its card shows them (outlet, title, highlighted evidence: a few
    sentences each), by ``id`` of the report, read in one pass over the stored articles in the store's
    order. Pages of articles in the incidents' order each made DuckDB decompress whole blocks of text
    again (8,000 articles: 77 s of 85 s in 55 page reads); one pass is linear, and holds the evidence, never
    the articles."""
    wanted: dict[str, list[Report]] = defaultdict(list)
    for inc in chosen:
        for r in inc.reports:
            wanted[r.doc_id].append(r)
    out: dict[int, dict[str, Any]] = {}
    for doc in ledger.documents.values():
        if not wanted:
            break
        for r in wanted.pop(doc.doc_id, ()):
            out[id(r)] = report_view(r, doc, article=False)
    for reports in wanted.values():  # articles no longer stored
        out.update((id(r), report_view(r, None, article=False)) for r in reports)
    return out


def incident_cards(chosen: list[Incident], summaries: list[dict[str, Any]], ledger: Ledger) -> Iterator[dict[str, Any]]:
    """One card per incident: its summary and its reports' evidence."""
    views = card_reports(chosen, ledger)
    for inc, s in zip(chosen, summaries, strict=True):
        yield {"summary": s, "reports": [views[id(r)] for r in inc.reports]}


def report_context(ledger: Ledger, filters: Filters, title: str | None = None) -> dict[str, Any]:
    """Everything the templates show, as plain data; the incident cards (with the articles' evidence) are
    a generator the template consumes page by page."""
    chosen = ledger.select(filters, OutlineMatcher())
    summaries = [summary(i, ledger) for i in chosen]
    return {
        "title": title or "fogline situation report",
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "filters": {k: v for k, v in (("since", filters.since), ("region", filters.region)) if v},
        "derived": ledger.derived,
        "n_documents": len(ledger.documents),
        "n_incidents": len(chosen),
        "summaries": summaries,
        "incidents": incident_cards(chosen, summaries, ledger),
        "contested": [contest_view(i, ledger) for i in chosen if i.contested],
        "outlets": outlets_view(ledger),
        "timeline": timeline(chosen),
        "colours": TYPE_COLOURS,
        "unplaced": sum(1 for s in summaries if s["lat"] is None),
    }


def report_chunks(ledger: Ledger, filters: Filters | None = None, fmt: str = "html",
                  title: str | None = None) -> Iterator[str]:
    """The report, HTML (self-contained) or Markdown, as pieces of text to write one after the other."""
    if fmt not in ("html", "md"):
        raise ValueError(f"unknown report format {fmt!r}; use html or md")
    ctx = report_context(ledger, filters or Filters(), title)
    if fmt == "md":
        return _env(html=False).from_string(_template_text("report.md.j2")).generate(**ctx)
    summaries = ctx["summaries"]
    data = {"incidents": summaries, "timeline": ctx["timeline"], "colours": TYPE_COLOURS,
            "layers": layers(map_bbox(summaries))}
    css = "\n".join(_static_text(p) for p in _VENDOR_CSS) + "\n" + _template_text("report.css")
    js = "\n".join(_static_text(p) for p in _VENDOR_JS) + "\n" + _template_text("report.js")
    return _env().from_string(_template_text("report.html.j2")).generate(**ctx, css=css, js=js, data=data)


def render_report(ledger: Ledger, filters: Filters | None = None, fmt: str = "html",
                  title: str | None = None) -> str:
    """The report as a string, HTML (self-contained) or Markdown."""
    return "".join(report_chunks(ledger, filters, fmt, title))


def write_report(store: DocumentSource, out: Path, since: str | None = None, region: str | None = None,
                 fmt: str = "html") -> int:
    """Write the report for ``store`` to ``out``; return the number of incidents in it.

    A store with ``fetch`` (``fogline.store.Store``) is read lazily: the report is written as it is
    made, a page of articles at a time, to ``OUT.part``, renamed once complete. A write error (a full
    disk) raises ``ExportError`` with the reason and leaves no partial file."""
    from fogline.export import ExportError

    ledger = Ledger.from_store(store, lazy=hasattr(store, "fetch"))
    filters = Filters(since=since, region=region)
    out = Path(out)
    part = out.with_name(out.name + ".part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with part.open("w", encoding="utf-8") as fh:
            for chunk in report_chunks(ledger, filters, fmt):
                fh.write(chunk)
        part.replace(out)
    except OSError as exc:
        raise ExportError(f"{out}: cannot write: {exc.strerror or exc}") from exc
    finally:
        part.unlink(missing_ok=True)  # whatever stopped the report (after the rename there is none)
    return len(ledger.select(filters, OutlineMatcher()))
