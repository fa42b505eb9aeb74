"""``fogline incidents`` (a table of incidents) and ``fogline incident ID`` (one, reports and claims side by side)."""

from __future__ import annotations

import typer
from rich.table import Table

from fogline.cli.common import (
    DB_HELP,
    cell,
    console,
    markup_safe,
    open_store,
    out,
    print_csv,
    print_json,
    refuse_ambiguous,
    valid_date,
)
from fogline.model import Incident
from fogline.store.incidents import load_incident, load_incidents


def register(app: typer.Typer) -> None:
    app.command("incidents")(incidents)
    app.command("incident")(incident)


def place_matches(inc: Incident, place: str) -> bool:
    """Whether ``place`` is in the incident's location, district or region name, ASCII-folded both sides."""
    from fogline.export.acled import proper_name
    from fogline.geo.textnorm import fold

    loc = inc.location
    if loc is None:
        return False
    want = fold(place).strip()
    return any(want in fold(proper_name(n)) for n in (loc.name, loc.admin1, loc.admin2) if n)


def _range(low: int | None, best: int | None, high: int | None) -> str:
    if best is None:
        return ""
    return str(best) if low == high else f"{best} ({low}-{high})"


def incidents(
    db: str = typer.Option("fogline.duckdb", "--db", help=DB_HELP),
    since: str | None = typer.Option(None, "--since", help="Only incidents on or after this date (YYYY-MM-DD)."),
    place: str | None = typer.Option(None, "--place", help="Only incidents whose place, district or region matches "
                                                           "(accents and case ignored: Agdere finds Ağdərə)."),
    contested: bool = typer.Option(False, "--contested", help="Only incidents one side denies or disputes."),
    as_json: bool = typer.Option(False, "--json", help="Print the incidents as JSON (every field) on stdout."),
    as_csv: bool = typer.Option(False, "--csv", help="Print the table as CSV on stdout (ids never cut)."),
) -> None:
    """List incidents: date, type, place, reports, independent sources, deaths (best, low-high), confidence."""
    since = valid_date(since, "--since")
    store = open_store(db, read_only=True)
    found = load_incidents(store, since=since, contested=True if contested else None)
    store.close()
    if place:
        found = [i for i in found if place_matches(i, place)]
    if as_json:
        print_json([inc.to_dict() for inc in found])
        return
    rows = [_row(inc) for inc in found]
    if as_csv:
        print_csv(list(COLUMNS), rows)
        return
    t = Table(title=f"{len(found)} incidents")
    for col in COLUMNS:
        t.add_column(col, no_wrap=col == "id", overflow="fold")
    for r in rows:
        t.add_row(*map(cell, r))
    out.print(t)


COLUMNS = ("id", "date", "type", "place", "reports", "indep.", "deaths", "contested", "conf.")


def _row(inc: Incident) -> list[object]:
    date = inc.date or "?"
    if inc.date_end:
        date += f"..{inc.date_end[5:]}"
    return [inc.incident_id, date, inc.sub_event_type, inc.location.name if inc.location else "", len(inc.reports),
            inc.independent_sources, _range(inc.fatalities_low, inc.fatalities_best, inc.fatalities_high),
            "yes" if inc.contested else "", "satire" if inc.satire_only else f"{inc.confidence:.2f}"]


def _reports_table(inc: Incident) -> Table:
    t = Table(title="reports")
    for col in ("outlet", "published", "type", "date", "place", "deaths", "certainty", "counts", "evidence"):
        t.add_column(col)
    for r in inc.reports:
        counts = "satire" if r.satire else ("yes" if r.independent else f"copy of {(r.origin_doc_id or '')[:10]}")
        t.add_row(*map(cell, (r.outlet or r.doc_id[:12], r.published, r.sub_event_type, r.date, r.place,
                              r.fatalities, r.certainty, counts, (r.evidence or "")[:70])))
    return t


def _claims_table(inc: Incident) -> Table:
    t = Table(title="claims by claimant")
    for col in ("claimant", "country", "role", "stance", "deaths", "injured", "reports"):
        t.add_column(col)
    for v in inc.claimants:
        t.add_row(*map(cell, (v.claimant, v.country, v.role, v.stance, v.fatalities, v.injured, len(v.doc_ids))))
    return t


def incident(
    incident_id: str = typer.Argument(..., help="Incident id (or a unique prefix)."),
    db: str = typer.Option("fogline.duckdb", "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the incident as JSON (every field) on stdout."),
) -> None:
    """Show one incident: summary, every report, every claimant's position and figures, why they merged."""
    store = open_store(db, read_only=True)
    refuse_ambiguous(store, "incidents", incident_id)
    inc = load_incident(store, incident_id)
    store.close()
    if inc is None:
        console.print(f"[red]error:[/] no incident with id {markup_safe(repr(incident_id))} in {markup_safe(db)}")
        raise typer.Exit(1)
    if as_json:
        print_json(inc.to_dict())
        return
    place = markup_safe(inc.location.name if inc.location else "?")
    out.print(f"[bold]{inc.sub_event_type}[/] at {place} on {inc.date or '?'}"
              f"{'..' + inc.date_end if inc.date_end else ''}  [dim]{inc.incident_id}[/]")
    out.print(f"deaths {_range(inc.fatalities_low, inc.fatalities_best, inc.fatalities_high) or 'not reported'}"
              f"{f' (best: {inc.best_basis})' if inc.best_basis else ''}")
    flags = ("  [bold red]CONTESTED[/]" if inc.contested else "") + ("  SATIRE ONLY" if inc.satire_only else "")
    out.print(f"confidence {inc.confidence:.2f}: {markup_safe('; '.join(inc.reasons))}{flags}")
    out.print(_reports_table(inc))
    out.print(_claims_table(inc))
    for why in inc.merge_reasons:
        out.print(f"[dim]- {markup_safe(why)}[/]")
