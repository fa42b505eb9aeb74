"""``fogline show DOC_ID``: one article, its cut spans marked, its signals, places and events."""

from __future__ import annotations

import typer
from rich.table import Table
from rich.text import Text

from fogline.cli.common import DB_HELP, console, open_store, out
from fogline.model import Document


def register(app: typer.Typer) -> None:
    app.command("show")(show)


def show(
    doc_id: str = typer.Argument(..., help="Document id (or a unique prefix)."),
    db: str = typer.Option("fogline.duckdb", "--db", help=DB_HELP),
    raw: bool = typer.Option(True, "--raw/--clean", help="Raw text with cuts struck through, or clean text."),
) -> None:
    """Print one stored article: text with cut spans marked, then signals, places and events."""
    store = open_store(db)
    doc = store.document(doc_id)
    store.close()
    if doc is None:
        console.print(f"[red]error:[/] no document with id {doc_id!r} in {db}")
        raise typer.Exit(1)
    out.print(f"[bold]{doc.title or '(no title)'}[/]  [dim]{doc.doc_id}  {doc.source}[/]")
    out.print(f"published {doc.published or '?'}  outlet {doc.outlet or '?'}  genre {doc.genre}  "
              f"repost {'yes' if doc.is_repost else 'no'}\n")
    out.print(marked_text(doc) if raw and doc.raw else Text(doc.text))
    _signals(doc)
    _places(doc)
    _events(doc)


def marked_text(doc: Document) -> Text:
    """The raw text with every cut span struck through and labelled with its kind."""
    text, pos = Text(), 0
    for cut in sorted(doc.removed, key=lambda c: c.start):
        if cut.start < pos:
            continue
        text.append(doc.raw[pos:cut.start])
        text.append(f"[{cut.kind}: {cut.reason}] " if cut.reason else f"[{cut.kind}] ", style="bold magenta")
        text.append(doc.raw[cut.start:cut.end], style="dim strike")
        pos = cut.end
    text.append(doc.raw[pos:])
    return text


def _signals(doc: Document) -> None:
    t = Table(title="signals")
    for col in ("kind", "detail", "evidence"):
        t.add_column(col)
    for s in doc.signals:
        ev = doc.raw[s.start:s.end] if s.start is not None and s.end is not None and doc.raw else ""
        t.add_row(s.kind, s.detail or "", ev[:80])
    out.print(t)


def _places(doc: Document) -> None:
    t = Table(title="places")
    for col in ("mention", "name", "lat", "lon", "admin2", "precision", "score"):
        t.add_column(col)
    for p in doc.places:
        t.add_row(p.mention.text if p.mention else "", p.name, f"{p.lat:.4f}", f"{p.lon:.4f}", p.admin2 or "",
                  str(p.precision), f"{p.score:.2f}")
    out.print(t)


def _events(doc: Document) -> None:
    t = Table(title="events")
    for col in ("date", "sub_event_type", "actor1", "actor2", "location", "killed", "injured", "certainty", "claims"):
        t.add_column(col)
    for e in doc.events:
        claims = "; ".join(f"{c.claimant} {c.stance}" for c in e.claims)
        t.add_row(e.date or "", e.sub_event_type, e.actor1.name if e.actor1 else "", e.actor2.name if e.actor2 else "",
                  e.location.name if e.location else "", str(e.fatalities or ""), str(e.injured or ""),
                  e.certainty, claims)
    out.print(t)
