"""``fogline serve``: the interactive workspace (map, filters, evidence, analyse an article)."""

from __future__ import annotations

import secrets

import typer

from fogline.cli.common import DB_HELP, console

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    db: str = typer.Option("fogline.duckdb", "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; localhost by default."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    token: str | None = typer.Option(None, "--token", envvar="FOGLINE_TOKEN",
                                     help="Token writing endpoints ask for (made up when binding beyond localhost)."),
) -> None:
    """Serve the workspace on http://HOST:PORT (JSON API and its OpenAPI description under /docs)."""
    import uvicorn

    from fogline.web.app import create_app

    if host not in LOOPBACK and token is None:
        token = secrets.token_urlsafe(18)
        console.print(f"bound to {host}: writing endpoints need the token [bold]{token}[/] (X-Fogline-Token)")
    console.print(f"fogline workspace on http://{host}:{port}/ (store {db})")
    uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="warning")
