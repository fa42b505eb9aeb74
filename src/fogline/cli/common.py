"""Options and helpers shared by the commands."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click
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
    console.print(f"[red]error:[/] {markup_safe(message)}", soft_wrap=True)  # one line, whatever the width
    raise typer.Exit(code)


DEBUG_ENV = "FOGLINE_DEBUG"
"""Set (to anything) to see the traceback of a failure a command would otherwise report in one line."""
_FILE_ARGS = ("db", "out_path", "folder", "jsonl", "parquet")
"""The options naming a command's files, in the order a failure that names no file of its own is put on."""


def guarded(command: Callable[..., Any]) -> Callable[..., Any]:
    """``command`` with every failure it does not report itself (a damaged store, a file it cannot write, a
    full temporary folder) ended by one line on stderr naming the file and the reason, exit code 2, never a
    traceback (``FOGLINE_DEBUG=1`` shows it). Exits and usage errors pass as they are."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except Exception as exc:
            if os.environ.get(DEBUG_ENV):
                raise
            fail(failure_line(exc, next((kwargs[k] for k in _FILE_ARGS if kwargs.get(k) is not None), None)))

    return run


def failure_line(exc: Exception, file: object | None) -> str:
    """One line for ``exc``: the file it names (an ``OSError``'s own, else ``file``) and the reason."""
    import duckdb

    from fogline.export import ExportError

    if isinstance(exc, StoreError | ExportError | ConfigError):
        return one_line(exc)  # they name their file already
    if isinstance(exc, OSError):
        where = exc.filename if exc.filename is not None else file
        reason = exc.strerror or one_line(exc)
    elif isinstance(exc, duckdb.Error):
        where, reason = file, f"the store failed: {one_line(exc)}"
    else:
        where, reason = file, f"{type(exc).__name__}: {one_line(exc)}"
    return f"{where}: {reason}" if where is not None else reason


def one_line(exc: BaseException) -> str:
    """``exc``'s message on one line, without the query DuckDB quotes after it (``LINE 1: ...``)."""
    lines = []
    for line in str(exc).splitlines():
        if line.startswith(("LINE ", "Did you mean")):
            break
        lines.append(line.strip())
    return " ".join(x for x in lines if x) or type(exc).__name__


def load_config(path: Path | None) -> Config:
    try:
        return Config.load(path)
    except ConfigError as exc:
        fail(str(exc))


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
        fail(str(exc))


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
