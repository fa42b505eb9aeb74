"""Options and helpers shared by the commands."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from fogline.config import Config, ConfigError
from fogline.store import Store, StoreError

console = Console(stderr=True)
out = Console()

DB_HELP = "DuckDB file (created if missing); ':memory:' keeps nothing."
ConfigOpt = typer.Option(None, "--config", help="fogline.toml settings file (default ./fogline.toml if present).")


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``error: message`` on stderr and exit with ``code`` (2: a usage error)."""
    console.print(f"[red]error:[/] {markup_safe(message)}")
    raise typer.Exit(code)


def load_config(path: Path | None) -> Config:
    try:
        return Config.load(path)
    except ConfigError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters (terminal escape sequences start with ESC): never printed from stored text."""


def plain(text: object) -> str:
    """Stored text made safe to print: control characters removed (newlines and tabs kept)."""
    return _CONTROLS.sub("", "" if text is None else str(text))


def markup_safe(text: object) -> str:
    """Stored text for a Rich markup string: control characters removed and ``[...]`` escaped."""
    return escape(plain(text))


def cell(text: object) -> Text:
    """Stored text as a table cell that Rich never reads as markup."""
    return Text(plain(text))


LOCK_WAIT_S = 60.0
"""How long a command waits for another process (serve saving, a report reading) to release the store."""


def open_store(db: str, read_only: bool = False) -> Store:
    """The store at ``db``; ``read_only`` for commands that only read (they may run beside each other)."""
    try:
        return Store.open(db, read_only=read_only, lock_wait_s=LOCK_WAIT_S)
    except StoreError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc


ID_COLUMNS = {"documents": "doc_id", "incidents": "incident_id"}


def refuse_ambiguous(store: Store, table: str, prefix: str) -> None:
    """Exit listing the ids when ``prefix`` starts more than one id of ``table`` (documents, incidents)."""
    col = ID_COLUMNS[table]
    rows = store.conn.execute(f"SELECT {col} FROM {table} WHERE {col} LIKE ? || '%' ORDER BY {col} LIMIT 11",
                              [prefix]).fetchall()
    if len(rows) > 1:
        ids = [r[0] for r in rows[:10]] + (["..."] if len(rows) > 10 else [])
        store.close()
        fail(f"{prefix!r} starts {'more than 10' if len(rows) > 10 else len(rows)} ids; "
             f"give more characters: {', '.join(ids)}", code=1)


def valid_date(value: str | None, option: str) -> str | None:
    """A ``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``) option checked to be a real date; exits otherwise."""
    if value is None:
        return None
    from datetime import date

    parts = value.split("-")
    try:
        if not (1 <= len(parts) <= 3 and len(parts[0]) == 4 and all(p.isdigit() for p in parts)):
            raise ValueError(value)
        date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        fail(f"{option} {value!r} is not a date; write YYYY-MM-DD (e.g. 2020-09-27)")
    return value


def print_json(value: object) -> None:
    """Machine-readable output: one JSON document on stdout, nothing else."""
    import json
    import sys

    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=1) + "\n")


def print_csv(columns: list[str], rows: list[list[object]]) -> None:
    """Machine-readable output: a CSV table on stdout with whole ids (never cut to a terminal's width)."""
    import csv
    import sys

    w = csv.writer(sys.stdout)
    w.writerow(columns)
    w.writerows(["" if v is None else v for v in r] for r in rows)
