"""The situation report: one self-contained HTML file (inline SVG, CSS, JS; no network) or Markdown.

``write_report(store, out, since=..., region=..., fmt=...)`` is what ``fogline report`` calls.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, select_autoescape

from fogline.export.basemap import OutlineMatcher
from fogline.export.ledger import DocumentSource, Filters, Ledger
from fogline.export.svg import map_svg, timeline_svg
from fogline.export.views import (
    TYPE_COLOURS,
    contest_view,
    outlets_view,
    report_views,
    summary,
    timeline,
)

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|])")


def _template_text(name: str) -> str:
    return resources.files("fogline").joinpath("export", "templates", name).read_text(encoding="utf-8")


def _env(html: bool = True) -> Environment:
    auto = select_autoescape(default=True, default_for_string=True) if html else False
    env = Environment(autoescape=auto, trim_blocks=True, lstrip_blocks=True)
    env.filters["md"] = md_escape
    env.filters["md_strong"] = md_strong
    return env


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


def report_context(ledger: Ledger, filters: Filters, title: str | None = None) -> dict[str, Any]:
    """Everything the templates show, as plain data."""
    chosen = ledger.select(filters, OutlineMatcher())
    summaries = [summary(i, ledger) for i in chosen]
    cards = [{"summary": s, "reports": report_views(i, ledger)} for s, i in zip(summaries, chosen, strict=True)]
    return {
        "title": title or "fogline situation report",
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "filters": {k: v for k, v in (("since", filters.since), ("region", filters.region)) if v},
        "derived": ledger.derived,
        "n_documents": len(ledger.documents),
        "incidents": cards,
        "contested": [contest_view(i, ledger) for i in chosen if i.contested],
        "outlets": outlets_view(ledger),
        "timeline": timeline(chosen),
        "colours": TYPE_COLOURS,
        "unplaced": sum(1 for s in summaries if s["lat"] is None),
    }


def render_report(ledger: Ledger, filters: Filters | None = None, fmt: str = "html",
                  title: str | None = None) -> str:
    """The report as a string, HTML (self-contained) or Markdown."""
    ctx = report_context(ledger, filters or Filters(), title)
    if fmt == "md":
        return _env(html=False).from_string(_template_text("report.md.j2")).render(**ctx)
    if fmt != "html":
        raise ValueError(f"unknown report format {fmt!r}; use html or md")
    env = _env()
    summaries = [c["summary"] for c in ctx["incidents"]]
    return env.from_string(_template_text("report.html.j2")).render(
        **ctx, css=_template_text("report.css"), js=_template_text("report.js"),
        map_svg=map_svg(summaries), timeline_svg=timeline_svg(ctx["timeline"]),
    )


def write_report(store: DocumentSource, out: Path, since: str | None = None, region: str | None = None,
                 fmt: str = "html") -> int:
    """Write the report for ``store`` to ``out``; return the number of incidents in it."""
    ledger = Ledger.from_store(store)
    filters = Filters(since=since, region=region)
    text = render_report(ledger, filters, fmt)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return len(ledger.select(filters, OutlineMatcher()))
