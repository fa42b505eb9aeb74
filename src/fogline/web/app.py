"""``fogline serve``: the workspace as a FastAPI app (JSON API with OpenAPI, one page, packaged assets).

Article text is untrusted: the API returns it as JSON and the page renders it with ``textContent``;
responses carry a strict Content-Security-Policy. Uploads are size-limited; writing endpoints ask for
the token when the app was created with one (``fogline serve`` makes one when bound beyond localhost).
"""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, File, Form, Header, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from fogline.export.basemap import outline_paths
from fogline.export.ledger import Filters, Ledger
from fogline.export.report import render_report
from fogline.export.views import TYPE_COLOURS, contest_view, document_view, outlets_view, report_views, timeline
from fogline.model import Document
from fogline.web.workspace import Analyser, Workspace, pipeline_analyser

MAX_UPLOAD_BYTES = 2_000_000
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def _web_file(*parts: str) -> str:
    return resources.files("fogline").joinpath("web", *parts).read_text(encoding="utf-8")


def filters_dep(
    since: str | None = None, until: str | None = None, region: str | None = None,
    type: Annotated[list[str] | None, Query()] = None,  # noqa: A002 - the public query name
    actor: str | None = None, outlet: str | None = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None, contested: bool | None = None,
) -> Filters:
    return Filters(since or None, until or None, region or None, tuple(t for t in type or () if t),
                   actor or None, outlet or None, min_confidence, contested)


def create_app(db_path: str | Path | None, token: str | None = None, *, analyser: Analyser | None = None,
               ledger: Ledger | None = None, max_upload: int = MAX_UPLOAD_BYTES) -> FastAPI:
    """The workspace app over the store at ``db_path`` (or a fixed ``ledger``, for tests and demos)."""
    ws = Workspace(db_path, analyser or pipeline_analyser(), ledger)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        ws.close()

    app = FastAPI(title="fogline workspace", version="1", lifespan=lifespan,
                  description="Incidents, claims and sources from conflict news, with their evidence.")
    app.state.workspace = ws
    app.mount("/static", StaticFiles(packages=[("fogline", "web/static")]), name="static")

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > max_upload + 100_000:
            return JSONResponse({"detail": f"request too large (limit {max_upload} bytes)"}, status_code=413)
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def require_token(x_fogline_token: Annotated[str | None, Header()] = None) -> None:
        if token is not None and not hmac.compare_digest(x_fogline_token or "", token):
            raise HTTPException(status_code=401, detail="this workspace needs its token (X-Fogline-Token header)")

    _read_routes(app, ws)
    _write_routes(app, ws, require_token, max_upload, token is not None)
    return app


def _read_routes(app: FastAPI, ws: Workspace) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(_web_file("templates", "index.html"))

    @app.get("/api/incidents", summary="Incidents passing the filters, with map coordinates")
    def incidents(filters: Annotated[Filters, Depends(filters_dep)]) -> list[dict[str, Any]]:
        return ws.select(filters)

    @app.get("/api/incidents/{incident_id}", summary="One incident: its reports with highlighted evidence")
    def incident(incident_id: str) -> dict[str, Any]:
        snap = ws.snapshot()
        inc = next((i for i in snap.ledger.incidents if i.incident_id == incident_id), None)
        if inc is None:
            raise HTTPException(404, f"no incident {incident_id!r}")
        return {**snap.summaries[incident_id], "reports": report_views(inc, snap.ledger),
                "contest": contest_view(inc, snap.ledger) if inc.claims else None}

    @app.get("/api/basemap", summary="Country and district outlines, projected for the map")
    def basemap() -> dict[str, Any]:
        proj = ws.snapshot().projection
        paths = [{"name": p.name, "kind": p.kind, "d": p.d, "label_x": p.label_x, "label_y": p.label_y}
                 for p in outline_paths(proj)]
        return {"projection": proj.to_dict(), "paths": paths, "colours": TYPE_COLOURS}

    @app.get("/api/timeline", summary="Incidents per day by event type")
    def timeline_view(filters: Annotated[Filters, Depends(filters_dep)]) -> dict[str, Any]:
        snap = ws.snapshot()
        return timeline(snap.ledger.select(filters, ws.matcher))

    @app.get("/api/contested", summary="Contested incidents with their claims side by side")
    def contested(filters: Annotated[Filters, Depends(filters_dep)]) -> list[dict[str, Any]]:
        snap = ws.snapshot()
        return [contest_view(i, snap.ledger) for i in snap.ledger.select(filters, ws.matcher) if i.contested]

    @app.get("/api/outlets", summary="Outlets with their article counts and ratings")
    def outlets() -> list[dict[str, Any]]:
        return outlets_view(ws.snapshot().ledger)

    @app.get("/api/documents/{doc_id}", summary="One analysed article with its events and evidence")
    def document(doc_id: str) -> dict[str, Any]:
        doc = ws.snapshot().ledger.documents.get(doc_id)
        if doc is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return document_view(doc)

    @app.get("/report.html", response_class=HTMLResponse, summary="The self-contained situation report")
    def report(filters: Annotated[Filters, Depends(filters_dep)]) -> HTMLResponse:
        html = render_report(ws.snapshot().ledger, filters)
        return HTMLResponse(html, headers={"Content-Security-Policy": "default-src 'none'; "
                                           "style-src 'unsafe-inline'; script-src 'unsafe-inline'"})


def _write_routes(app: FastAPI, ws: Workspace, require_token: Any, max_upload: int, needs_token: bool) -> None:
    @app.get("/api/config", summary="What the page needs to know: limits and whether writes need a token")
    def config() -> dict[str, Any]:
        return {"max_upload_bytes": max_upload, "token_required": needs_token, "can_save": ws.db_path is not None}

    @app.post("/api/analyse", summary="Analyse a pasted or uploaded article; optionally add it to the store",
              dependencies=[Depends(require_token)])
    async def analyse(
        text: Annotated[str | None, Form()] = None, file: Annotated[UploadFile | None, File()] = None,
        name: Annotated[str | None, Form()] = None, save: Annotated[bool, Form()] = False,
    ) -> dict[str, Any]:
        data, source = await _payload(text, file, name, max_upload)
        items = ws.analyser(data, source) if ws.analyser else []
        docs = [d for d in items if isinstance(d, Document)]
        rejected = [{"source": r.source, "reason": r.reason} for r in items if not isinstance(r, Document)]
        saved = [d.doc_id for d in docs if save and ws.add(d)]
        warning = ws.last_error if saved else None
        return {"documents": [document_view(d) for d in docs], "rejected": rejected, "saved": saved,
                "warning": warning}


async def _payload(text: str | None, file: UploadFile | None, name: str | None, limit: int) -> tuple[bytes, str]:
    if file is not None and file.filename:
        data = await file.read(limit + 1)
        source = f"upload:{Path(file.filename).name}"
    elif text:
        data = text.encode("utf-8")
        source = f"paste:{Path(name).name}" if name else "paste:article.txt"
    else:
        raise HTTPException(422, "send the article as `text` or as `file`")
    if len(data) > limit:
        raise HTTPException(413, f"article too large (limit {limit} bytes)")
    return data, source
