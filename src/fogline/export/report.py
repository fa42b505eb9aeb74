"""The situation report: one self-contained HTML file or Markdown.

The HTML inlines everything it needs (no network): Leaflet and Leaflet.markercluster (vendored in
``web/static/vendor``), the map and timeline scripts the workspace uses, the basemap layers cut to
the incidents' area, and the incidents as JSON.

``write_report(store, out, since=..., region=..., fmt=...)`` is what ``fogline report`` calls.

Memory stays flat as the store grows (peak RSS at 25,000 articles 957 -> about 320 MiB): ``plan_report``
reads the incidents once, in the store's order, filters and summarises them a page at a time (the
background flags of that page's events read for it alone), and puts each summary, contest view and
report in a scratch database on disk (``store.spill.ReportSpill``); one pass over the articles (their
text, signals and reported events, never their records) adds each report's evidence. The templates then
read it all back in the report's order (day, then id), and the map's data is written an incident at a
time. The output is the same, byte for byte, as rendering the whole ledger at once.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from html import escape
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import Any

from jinja2 import Environment, select_autoescape
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from fogline.export.basemap import OutlineMatcher
from fogline.export.basemap_layers import layers
from fogline.export.ledger import (
    DocumentSource,
    Filters,
    Ledger,
    StoredDocuments,
    StoredIncidents,
    day_of,
    passes,
)
from fogline.export.views import (
    TYPE_COLOURS,
    Timeline,
    article_side,
    contest_view,
    figure_range,
    joined_view,
    outlets_view,
    report_side,
    summary,
)
from fogline.model import Document, Incident
from fogline.store.spill import ReportSpill

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
    env.filters["tojson"] = _tojson
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


PAGE = 500
"""Incidents summarised per step (one query for their events' background flags when the store is read lazily)."""
UNDATED = "9999"
"""The day undated incidents sort by (after every dated one, as ``Ledger.select``)."""
_DATA_MARK = "<fogline-report-data {}>"
"""Where the map's data goes in the rendered HTML (written piece by piece by ``_data_json``, never whole): a
mark made anew for each report with a random part. It cannot come from an article: every value the template
writes is escaped (``<`` becomes ``&lt;``, in JSON ``\\u003c``), and the inlined CSS and scripts are checked
not to hold it; so the data goes in its one place whatever the articles say."""


@dataclass(slots=True)
class _Box:
    """The extent of the placed incidents (``map_bbox`` without holding the summaries)."""

    corners: list[float] | None = None  # west, south, east, north

    def add(self, s: dict[str, Any]) -> None:
        lon, lat, c = s["lon"], s["lat"], self.corners
        if lat is None or lon is None:
            return
        self.corners = [lon, lat, lon, lat] if c is None else [min(c[0], lon), min(c[1], lat), max(c[2], lon),
                                                                max(c[3], lat)]

    def bbox(self) -> tuple[float, float, float, float] | None:
        c = self.corners
        return map_bbox([] if c is None else [{"lon": c[0], "lat": c[1]}, {"lon": c[2], "lat": c[3]}])


@dataclass(slots=True)
class ReportPlan:
    """What the report shows, made in one pass over the chosen incidents and one over the articles: the
    incidents' summaries, contest views, reports and evidence wait in a ``ReportSpill`` on disk, the
    counts here."""

    spill: ReportSpill
    n_incidents: int = 0
    unplaced: int = 0
    box: _Box = field(default_factory=_Box)

    def timeline(self) -> dict[str, Any]:
        """``views.timeline`` of the chosen incidents, counted in the report's order (the order of each day's
        types, which the Markdown keeps)."""
        counted = Timeline()
        for day, event_type in self.spill.day_types():
            counted.add_day(None if day == UNDATED else day, event_type)
        return counted.view()


def _unordered(ledger: Ledger) -> Iterator[Incident]:
    held = ledger.incidents
    return held.unordered() if isinstance(held, StoredIncidents) else iter(held)


def _scoped(ledger: Ledger, page: list[Incident]) -> Ledger:
    """``ledger`` with the background flags of ``page``'s events, read for them alone when the store is
    read lazily and no flags are held."""
    if ledger.flags is not None or ledger.source is None:
        return ledger
    from fogline.store.stream import event_flags_of

    keys = [(r.doc_id, r.event_id) for inc in page for r in inc.reports]
    return replace(ledger, flags=event_flags_of(ledger.source, keys))  # type: ignore[arg-type]


def plan_report(ledger: Ledger, filters: Filters) -> ReportPlan:
    """Summarise the incidents that pass ``filters`` and gather their reports' evidence (``ReportPlan``);
    the caller closes ``plan.spill``."""
    plan, places = ReportPlan(ReportSpill()), OutlineMatcher()
    try:
        chosen = (i for i in _unordered(ledger) if passes(i, filters, places))
        while page := list(islice(chosen, PAGE)):
            _add_page(plan, _scoped(ledger, page), page)
        _add_evidence(plan.spill, ledger)
    except BaseException:
        plan.spill.close()
        raise
    return plan


def _add_page(plan: ReportPlan, ledger: Ledger, page: list[Incident]) -> None:
    rows = []
    for inc in page:
        s = summary(inc, ledger)
        contest = contest_view(inc, ledger, s) if inc.contested else None
        rows.append((plan.n_incidents, day_of(inc.date) or UNDATED, inc.incident_id, inc.event_type, s, contest,
                     [report_side(r) for r in inc.reports]))
        plan.n_incidents += 1
        plan.unplaced += s["lat"] is None
        plan.box.add(s)
    plan.spill.add_incidents(rows)


def _add_evidence(spill: ReportSpill, ledger: Ledger) -> None:
    """Each report's evidence, from one pass over the stored articles in the store's order (pages of
    articles in the incidents' order made DuckDB decompress whole blocks of text again and again), stopped
    once every reported article has been read."""
    left = spill.doc_count()
    for batch in _card_documents(ledger, spill):
        if not left:
            return
        wanted = spill.wanted([d.doc_id for d in batch])
        spill.add_evidence((d.doc_id, e, article_side(d, e)) for d in batch for e in sorted(wanted.get(d.doc_id, ())))
        left -= len(wanted)


def _card_documents(ledger: Ledger, spill: ReportSpill) -> Iterator[list[Document]]:
    """The articles, a batch at a time; from a store, only what a card shows of them (title, outlet, date,
    text, signals and the reported events), read from their columns, never their records."""
    from fogline.store import Store

    source = ledger.source
    if not (isinstance(source, Store) and isinstance(ledger.documents, StoredDocuments)):
        docs = iter(ledger.documents.values())
        while batch := list(islice(docs, 250)):
            yield batch
        return
    from fogline.store.documents import card_details, iter_card_texts

    for rows in iter_card_texts(source.conn):
        wanted = spill.wanted([r[0] for r in rows])
        signals, events = card_details(source.conn, sorted(wanted), sorted(e for es in wanted.values() for e in es))
        yield [Document(doc_id, "", "", title=title, published=published, outlet=outlet, url=url, text=text,
                        signals=signals.get(doc_id, []), events=[events[e] for e in sorted(wanted.get(doc_id, ()))
                                                                 if e in events])
               for doc_id, title, published, outlet, url, text in rows]


def _cards(spill: ReportSpill) -> Iterator[dict[str, Any]]:
    """One card per incident: its summary and its reports' evidence."""
    for s, reports in spill.cards():
        yield {"summary": s, "reports": [joined_view(r, a) for r, a in reports]}


def _context(plan: ReportPlan, ledger: Ledger, filters: Filters, title: str | None) -> dict[str, Any]:
    """Everything the templates show; the contested claims and the incident cards are read back from the
    spill as the template consumes them."""
    return {
        "title": title or "fogline situation report",
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "filters": {k: v for k, v in (("since", filters.since), ("region", filters.region)) if v},
        "derived": ledger.derived,
        "n_documents": len(ledger.documents),
        "n_incidents": plan.n_incidents,
        "incidents": _cards(plan.spill),
        "contested": plan.spill.contests(),
        "outlets": outlets_view(ledger),
        "timeline": plan.timeline(),
        "colours": TYPE_COLOURS,
        "unplaced": plan.unplaced,
    }


@dataclass(frozen=True, slots=True)
class _StreamedData:
    """Stands for the map's data in the template: ``tojson`` writes its ``mark`` there, replaced by
    ``_data_json``."""

    mark: str = field(default_factory=lambda: _DATA_MARK.format(secrets.token_hex(16)))


def _tojson(value: object) -> Markup:
    """Jinja's ``tojson`` (keys sorted, HTML-unsafe characters escaped); the mark for ``_StreamedData``."""
    return Markup(value.mark) if isinstance(value, _StreamedData) else htmlsafe_json_dumps(value, sort_keys=True)


def _json(value: object) -> str:
    return str(_tojson(value))


def _data_json(plan: ReportPlan, ctx: dict[str, Any]) -> Iterator[str]:
    """The map's data (``tojson`` of colours, incidents, layers and timeline, keys sorted) one incident at a
    time."""
    yield '{"colours": ' + _json(TYPE_COLOURS) + ', "incidents": ['
    for i, s in enumerate(plan.spill.summaries()):
        yield (", " if i else "") + _json(s)
    yield '], "layers": ' + _json(layers(plan.box.bbox())) + ', "timeline": ' + _json(ctx["timeline"]) + "}"


def render_plan(plan: ReportPlan, ledger: Ledger, filters: Filters, fmt: str = "html",
                title: str | None = None) -> Iterator[str]:
    """The report of ``plan``, HTML (self-contained) or Markdown, as pieces of text to write in turn."""
    ctx = _context(plan, ledger, filters, title)
    if fmt == "md":
        yield from _env(html=False).from_string(_template_text("report.md.j2")).generate(**ctx)
        return
    css = "\n".join(_static_text(p) for p in _VENDOR_CSS) + "\n" + _template_text("report.css")
    js = "\n".join(_static_text(p) for p in _VENDOR_JS) + "\n" + _template_text("report.js")
    data = _StreamedData()
    if data.mark in css or data.mark in js:  # never (a random mark): the one text the template writes unescaped
        raise RuntimeError("the report's data mark occurs in its inlined scripts")
    placed = False
    for chunk in _env().from_string(_template_text("report.html.j2")).generate(**ctx, css=css, js=js, data=data):
        if not placed and data.mark in chunk:
            before, _, after = chunk.partition(data.mark)
            yield before
            yield from _data_json(plan, ctx)
            yield after
            placed = True
        else:
            yield chunk


def report_chunks(ledger: Ledger, filters: Filters | None = None, fmt: str = "html",
                  title: str | None = None) -> Iterator[str]:
    """The report, HTML (self-contained) or Markdown, as pieces of text to write one after the other."""
    if fmt not in ("html", "md"):
        raise ValueError(f"unknown report format {fmt!r}; use html or md")
    return _planned_chunks(ledger, filters or Filters(), fmt, title)


def _planned_chunks(ledger: Ledger, filters: Filters, fmt: str, title: str | None) -> Iterator[str]:
    plan = plan_report(ledger, filters)
    try:
        yield from render_plan(plan, ledger, filters, fmt, title)
    finally:
        plan.spill.close()


def render_report(ledger: Ledger, filters: Filters | None = None, fmt: str = "html",
                  title: str | None = None) -> str:
    """The report as a string, HTML (self-contained) or Markdown."""
    return "".join(report_chunks(ledger, filters, fmt, title))


def write_report(store: DocumentSource, out: Path, since: str | None = None, region: str | None = None,
                 fmt: str = "html") -> int:
    """Write the report for ``store`` to ``out``; return the number of incidents in it.

    A store with ``fetch`` (``fogline.store.Store``) is read lazily: the report is written as it is
    made, a page of articles at a time, to ``OUT.part``, renamed once complete. A file that cannot be
    written (a full disk, a folder in the way) or scratch space that runs out, while the report is planned
    or written, raises ``ExportError`` naming the file and the reason, and leaves no partial file."""
    if fmt not in ("html", "md"):
        raise ValueError(f"unknown report format {fmt!r}; use html or md")
    lazy = hasattr(store, "fetch")
    ledger = Ledger.from_store(store, lazy=lazy, stream=lazy)
    filters = Filters(since=since, region=region)
    out = Path(out)
    part = out.with_name(out.name + ".part")
    try:
        with _export_errors(out):
            plan = plan_report(ledger, filters)
            try:
                out.parent.mkdir(parents=True, exist_ok=True)
                with part.open("w", encoding="utf-8") as fh:
                    for chunk in render_plan(plan, ledger, filters, fmt):
                        fh.write(chunk)
                part.replace(out)
            finally:
                plan.spill.close()
    finally:
        with contextlib.suppress(OSError):  # a folder in the way: there is no part to remove
            part.unlink(missing_ok=True)  # whatever stopped the report (after the rename there is none)
    return plan.n_incidents


@contextlib.contextmanager
def _export_errors(out: Path) -> Iterator[None]:
    """``OSError`` (``out``, its folder, the scratch file) and the scratch database's errors as ``ExportError``
    naming the file and the reason; the store's own errors pass (the caller names the store)."""
    from fogline.export import ExportError, write_error

    try:
        yield
    except OSError as exc:
        raise write_error(out, exc) from exc
    except sqlite3.Error as exc:  # the scratch database (``store.spill``) in the temporary folder
        raise ExportError(f"{out}: cannot make the report: scratch space in {tempfile.gettempdir()}: {exc}") from exc
