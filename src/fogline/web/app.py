"""``fogline serve``: the workspace as a FastAPI app (typed JSON API, offline docs, one page, packaged assets).

Article text is untrusted: the API returns it as JSON and the page renders it with ``textContent``.
``security.Guard`` checks hosts, origins and the token and sets the security headers on every
response. The app reads a private copy of the store (``workspace.StoreCopy``), made again when the file
changes, and writes through short write connections, so other processes can use the store while the
workspace runs; analysis runs off the event loop with a time budget.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from fogline.store.api import StoreBusy
from fogline.web import routes
from fogline.web.security import LOOPBACK, Guard
from fogline.web.workspace import Analyser, AnalysisWorker, Workspace

MAX_UPLOAD_BYTES = 2_000_000
ANALYSIS_TIMEOUT_S = 120.0


def web_file(*parts: str) -> str:
    return resources.files("fogline").joinpath("web", *parts).read_text(encoding="utf-8")


def create_app(db_path: str | Path | None, token: str | None = None, *, analyser: Analyser | None = None,
               ledger: Any = None, max_upload: int = MAX_UPLOAD_BYTES, hosts: frozenset[str] = LOOPBACK,
               read_token: bool = False, analysis_timeout: float = ANALYSIS_TIMEOUT_S) -> FastAPI:
    """The workspace app over the store at ``db_path`` (or a fixed ``ledger``, for tests and demos).

    ``hosts``: the host names served (loopback by default); ``read_token``: every route needs the token
    (for a non-loopback bind). An empty token is refused.
    """
    guard = Guard(token, read_token, frozenset(hosts) | LOOPBACK, max_upload + 100_000)
    ws = Workspace(db_path, ledger)
    worker = AnalysisWorker(analyser, analysis_timeout)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        ws.prime()
        yield
        worker.close()
        ws.close()

    app = FastAPI(title="fogline workspace", version="2", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Incidents, claims and sources from conflict news, with their evidence.")
    app.state.workspace = ws
    app.mount("/static", StaticFiles(packages=[("fogline", "web/static")]), name="static")
    app.middleware("http")(guard)
    _handlers(app)
    _pages(app)
    routes.read_routes(app, ws)
    routes.write_routes(app, ws, worker, max_upload, token is not None)
    return app


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def bad_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        msgs = [f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
                for e in exc.errors()]
        return JSONResponse({"detail": "; ".join(msgs)}, status_code=400)

    @app.exception_handler(StoreBusy)
    async def busy(_: Request, exc: StoreBusy) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "2"})


def _pages(app: FastAPI) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(web_file("templates", "index.html"))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(web_file("templates", "docs.html"), headers={"Content-Security-Policy": (
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(web_file("static", "favicon.svg"), media_type="image/svg+xml",
                        headers={"Cache-Control": "max-age=86400"})
