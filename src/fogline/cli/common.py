"""Options and helpers shared by the commands."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

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


def open_store(db: str) -> Store:
    try:
        return Store.open(db)
    except StoreError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
