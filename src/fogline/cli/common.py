"""Options and helpers shared by the commands."""

from __future__ import annotations

import re
from pathlib import Path

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
