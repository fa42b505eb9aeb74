"""``fogline serve``: the interactive workspace (map, timeline, sources, filters, analyse an article)."""

from __future__ import annotations

import secrets
import socket
from pathlib import Path

import typer

from fogline.cli.common import DB_HELP, ConfigOpt, console, fail, load_config

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
WILDCARD = {"0.0.0.0", "::"}  # noqa: S104 - names, not a bind


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def served_hosts(host: str, extra: list[str]) -> frozenset[str]:
    """The host names the app answers to: loopback, the bound address, this machine's names, ``extra``."""
    names = {host, *extra} - WILDCARD
    if host in WILDCARD:
        names |= {socket.gethostname(), socket.getfqdn()}
    return frozenset(n.lower() for n in names if n)


def _check_store(db: str) -> None:
    """Exit with the reason when ``--db`` names a file that is no fogline store (a folder, a damaged or foreign
    file); a missing one is created, a busy one is fine (the workspace serves once the writer lets go)."""
    if db == ":memory:" or not Path(db).exists():
        return
    from fogline.store import Store, StoreError
    from fogline.store.db import StoreLocked

    try:
        Store.open(db, read_only=True).close()
    except StoreLocked:
        return
    except StoreError as exc:
        fail(str(exc))


def serve(
    db: str = typer.Option("fogline.duckdb", "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; localhost by default."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    token: str | None = typer.Option(None, "--token", envvar="FOGLINE_TOKEN",
                                     help="Token the workspace asks for (writes; every route off loopback). "
                                          "Made up when binding beyond localhost; an empty token is refused."),
    allow_host: list[str] = typer.Option([], "--allow-host",
                                         help="Another host name clients use to reach the workspace (repeatable)."),
    analysis_timeout: float | None = typer.Option(None, "--analysis-timeout", min=1.0,
                                                  help="Seconds an uploaded article may take to analyse before it "
                                                       "is stopped and rejected (default: article_timeout_s of "
                                                       "fogline.toml, 60 s)."),
    config: Path | None = ConfigOpt,
) -> None:
    """Serve the workspace on http://HOST:PORT (JSON API, its description under /docs, all offline)."""
    import uvicorn

    from fogline.web.app import create_app

    if token is not None and not token.strip():
        console.print("[red]error:[/] --token is empty; give a real token, or none (one is made when needed)")
        raise typer.Exit(2)
    remote = host not in LOOPBACK
    if remote and token is None:
        token = secrets.token_urlsafe(18)
    _check_store(db)
    budget = analysis_timeout if analysis_timeout is not None else load_config(config).article_timeout_s
    app = create_app(db, token=token, hosts=served_hosts(host, allow_host), read_token=remote,
                     analysis_timeout=budget)
    shown = "localhost" if host in WILDCARD else host
    if remote:
        console.print(f"bound to {host}: every route needs the token. Open "
                      f"http://{shown}:{port}/?token={token} once (it sets a cookie), or send X-Fogline-Token.")
    console.print(f"fogline workspace on http://{shown}:{port}/ (store {db}, read through a private copy)")
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=5)
