"""``fogline show DOC_ID``: one article, its cut spans marked, its signals, places and events."""

from __future__ import annotations

import typer
from rich.table import Table
from rich.text import Text

from fogline.cli.common import (
    DB_HELP,
    cell,
    console,
    fail,
    markup_safe,
    open_store,
    out,
    plain,
    print_json,
    refuse_ambiguous,
)
from fogline.model import Document
from fogline.store.records import RecordError


def register(app: typer.Typer) -> None:
    app.command("show")(show)


def show(
    doc_id: str = typer.Argument(..., help="Document id (or a unique prefix)."),
    db: str = typer.Option("fogline.duckdb", "--db", help=DB_HELP),
    raw: bool = typer.Option(True, "--raw/--clean", help="Raw text with cuts struck through, or clean text."),
    as_json: bool = typer.Option(False, "--json", help="Print the article as its contract JSON object on stdout."),
) -> None:
    """Print one stored article: text with cut spans marked, then signals, places and events."""
    store = open_store(db, read_only=True)
    refuse_ambiguous(store, "documents", doc_id)
    try:
        doc = store.document(doc_id)
    except RecordError as exc:  # a damaged record: say which article, no traceback
        fail(str(exc))
    finally:
        store.close()
    if doc is None:
        console.print(f"[red]error:[/] no document with id {markup_safe(repr(doc_id))} in {markup_safe(db)}")
        raise typer.Exit(1)
    if as_json:
        print_json(doc.to_contract())
        return
    out.print(f"[bold]{markup_safe(doc.title or '(no title)')}[/]  [dim]{doc.doc_id}  {markup_safe(doc.source)}[/]")
    out.print(f"published {markup_safe(doc.published or '?')}  outlet {markup_safe(doc.outlet or '?')}  "
              f"genre {markup_safe(doc.genre)}  repost {'yes' if doc.is_repost else 'no'}\n")
    out.print(marked_text(doc) if raw and doc.raw else Text(plain(doc.text)))
    _signals(doc)
    _places(doc)
    _events(doc)


def marked_text(doc: Document) -> Text:
    """The raw text with every cut span struck through and labelled with its kind."""
    text, pos = Text(), 0
    for cut in sorted(doc.removed, key=lambda c: c.start):
        if cut.start < pos:
            continue
        text.append(plain(doc.raw[pos:cut.start]))
        label = f"[{cut.kind}: {cut.reason}] " if cut.reason else f"[{cut.kind}] "
        text.append(plain(label), style="bold magenta")
        text.append(plain(doc.raw[cut.start:cut.end]), style="dim strike")
        pos = cut.end
    text.append(plain(doc.raw[pos:]))
    return text


def _signals(doc: Document) -> None:
    t = Table(title="signals")
    for col in ("kind", "detail", "evidence"):
        t.add_column(col)
    for s in doc.signals:
        ev = doc.raw[s.start:s.end] if s.start is not None and s.end is not None and doc.raw else ""
        t.add_row(cell(s.kind), cell(s.detail), cell(ev[:80]))
    out.print(t)


def _places(doc: Document) -> None:
    t = Table(title="places")
    for col in ("mention", "name", "lat", "lon", "admin2", "precision", "score"):
        t.add_column(col)
    for p in doc.places:
        t.add_row(cell(p.mention.text if p.mention else ""), cell(p.name), f"{p.lat:.4f}", f"{p.lon:.4f}",
                  cell(p.admin2), str(p.precision), f"{p.score:.2f}")
    out.print(t)


def _events(doc: Document) -> None:
    t = Table(title="events")
    for col in ("date", "sub_event_type", "actor1", "actor2", "location", "killed", "injured", "certainty", "claims"):
        t.add_column(col)
    for e in doc.events:
        claims = "; ".join(f"{c.claimant} {c.stance}" for c in e.claims)
        t.add_row(cell(e.date), cell(e.sub_event_type), cell(e.actor1.name if e.actor1 else ""),
                  cell(e.actor2.name if e.actor2 else ""), cell(e.location.name if e.location else ""),
                  str(e.fatalities or ""), str(e.injured or ""), cell(e.certainty), cell(claims))
    out.print(t)
