"""The workspace's API routes: typed reads, streamed downloads, the report, and the analyse endpoint."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Annotated, Any

from fastapi import FastAPI, File, Form, HTTPException, Query, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from fogline.export.basemap_layers import LAYERS, layer_text
from fogline.export.report import report_chunks
from fogline.export.views import TYPE_COLOURS, contest_view, document_view, outlets_view, report_views, timeline
from fogline.model import Document, Rejected
from fogline.web import api, downloads
from fogline.web.params import SelectionDep
from fogline.web.workspace import AnalysisTimeout, AnalysisWorker, Workspace

log = logging.getLogger("fogline.web")
REPORT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
              "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def read_routes(app: FastAPI, ws: Workspace) -> None:

    @app.get("/api/incidents", summary="Incidents passing the filters, a page at a time")
    def incidents(sel: SelectionDep, limit: Annotated[int, Query(ge=1, le=20_000)] = 1000,
                  offset: Annotated[int, Query(ge=0)] = 0) -> api.IncidentPage:
        snap = ws.snapshot()
        chosen = ws.select(sel.filters, sel.place, sel.background, snap)
        sums = snap.summaries
        items = [api.IncidentSummary(**sums[i.incident_id]) for i in chosen[offset:offset + limit]]
        return api.IncidentPage(total=len(chosen), limit=limit, offset=offset, items=items)

    @app.get("/api/incidents/{incident_id}", summary="One incident: its reports, articles with cuts, claims")
    def incident(incident_id: str) -> api.IncidentDetail:
        snap = ws.snapshot()
        inc = snap.by_id.get(incident_id)
        if inc is None:
            raise HTTPException(404, f"no incident {incident_id!r}")
        ledger = snap.reader()
        contest = contest_view(inc, ledger) if inc.claims else None
        if contest is not None:
            contest["summary"] = snap.summaries[incident_id]
        return api.IncidentDetail(**snap.summaries[incident_id], report_views=report_views(inc, ledger),
                                  contest=contest)

    @app.get("/api/timeline", summary="Incidents per day by event type")
    def timeline_view(sel: SelectionDep) -> api.Timeline:
        return api.Timeline(**timeline(ws.select(sel.filters, sel.place, sel.background)))

    @app.get("/api/contested", summary="Contested incidents with their claims side by side")
    def contested(sel: SelectionDep) -> list[api.ContestView]:
        snap = ws.snapshot()
        ledger = snap.reader()
        out = []
        for inc in ws.select(sel.filters, sel.place, sel.background, snap):
            if inc.contested:
                view = contest_view(inc, ledger)
                out.append(api.ContestView(**{**view, "summary": snap.summaries[inc.incident_id]}))
        return out

    _reference_routes(app, ws)
    _download_routes(app, ws)


def _reference_routes(app: FastAPI, ws: Workspace) -> None:
    @app.get("/api/outlets", summary="Outlets with their article counts and ratings")
    def outlets() -> list[api.OutletRow]:
        return [api.OutletRow(**o) for o in outlets_view(ws.snapshot().reader())]

    @app.get("/api/documents/{doc_id}", summary="One analysed article with its events and evidence")
    def document(doc_id: str) -> api.DocumentView:
        doc = ws.snapshot().reader().documents.get(doc_id)
        if doc is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return api.DocumentView(**document_view(doc))

    @app.get("/api/legend", summary="The colour of each event type")
    def legend() -> api.Legend:
        return api.Legend(colours=TYPE_COLOURS)

    @app.get("/api/basemap/{layer}", summary="One offline basemap layer (GeoJSON): admin0, admin1, districts, places",
             response_class=Response)
    def basemap(layer: Annotated[str, PathParam(pattern="^(" + "|".join(LAYERS) + ")$")]) -> Response:
        return Response(layer_text(layer), media_type="application/geo+json",
                        headers={"Cache-Control": "max-age=3600"})

    @app.get("/report.html", response_class=HTMLResponse, summary="The self-contained situation report (streamed)")
    def report(sel: SelectionDep) -> StreamingResponse:
        body = spooled(report_chunks(ws.snapshot().reader(), sel.filters), "the report")
        return StreamingResponse(body, media_type="text/html; charset=utf-8",
                                 headers={"Content-Security-Policy": REPORT_CSP})


def _download_routes(app: FastAPI, ws: Workspace) -> None:
    def stream(sel: Any, make: Any, media: str, name: str) -> StreamingResponse:
        snap = ws.snapshot()
        chosen = replace(snap.reader(), incidents=ws.select(sel.filters, sel.place, sel.background, snap))
        body = spooled(make(chosen), name)
        return StreamingResponse(body, media_type=media,
                                 headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @app.get("/api/export/incidents.csv", summary="The filtered incidents as CSV (streamed)", response_class=Response)
    def incidents_csv(sel: SelectionDep) -> StreamingResponse:
        return stream(sel, downloads.incidents_csv, "text/csv; charset=utf-8", "incidents.csv")

    @app.get("/api/export/incidents.geojson", summary="The filtered, placed incidents as GeoJSON (streamed)",
             response_class=Response)
    def incidents_geojson(sel: SelectionDep) -> StreamingResponse:
        return stream(sel, downloads.incidents_geojson, "application/geo+json", "incidents.geojson")

    @app.get("/api/export/acled.csv", summary="The filtered incidents in ACLED's columns (streamed)",
             response_class=Response)
    def acled_csv(sel: SelectionDep) -> StreamingResponse:
        return stream(sel, downloads.acled_csv, "text/csv; charset=utf-8", "acled.csv")


SPOOL_PIECE = 64_000
"""Characters sent at a time from a spooled response."""


def spooled(chunks: Iterable[str], what: str) -> Iterator[str]:
    """``chunks`` made whole into an anonymous temporary file before the response starts, then sent from
    it a piece at a time: a failure midway (a damaged store, the scratch space full) is an error status
    with the reason (500), never a truncated page under 200. Memory stays flat (the file is on disk); the
    first byte waits for the last chunk."""
    spool = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - closed once sent (or on failure)
    try:
        for chunk in chunks:
            spool.write(chunk)
        spool.seek(0)
    except Exception as exc:
        spool.close()
        log.exception("could not make %s", what)
        raise HTTPException(500, f"could not make {what}: {type(exc).__name__}: {exc}") from exc
    return _sent(spool)


def _sent(spool: IO[str]) -> Iterator[str]:
    try:
        while piece := spool.read(SPOOL_PIECE):
            yield piece
    finally:
        spool.close()


def write_routes(app: FastAPI, ws: Workspace, worker: AnalysisWorker, max_upload: int, needs_token: bool) -> None:
    @app.get("/api/config", summary="What the page needs to know: limits and whether writes need a token")
    def config() -> api.ConfigView:
        return api.ConfigView(max_upload_bytes=max_upload, token_required=needs_token, can_save=ws.db_path is not None)

    @app.post("/api/analyse", summary="Analyse a pasted or uploaded article; optionally add it to the store")
    async def analyse(
        text: Annotated[str | None, Form()] = None, file: Annotated[UploadFile | None, File()] = None,
        name: Annotated[str | None, Form()] = None, save: Annotated[bool, Form()] = False,
    ) -> api.AnalyseResult:
        data, source = await _payload(text, file, name, max_upload)
        try:
            items = await worker.run(data, source)
        except AnalysisTimeout as exc:
            items = [Rejected(source, str(exc))]
        docs = [d for d in items if isinstance(d, Document)]
        rejected = [api.RejectedView(source=r.source, reason=r.reason) for r in items if not isinstance(r, Document)]
        saved = [d.doc_id for d in docs if save and ws.add(d)]
        return api.AnalyseResult(documents=[api.DocumentView(**document_view(d)) for d in docs], rejected=rejected,
                                 saved=saved, warning=ws.last_error if saved else None)


async def _payload(text: str | None, file: UploadFile | None, name: str | None, limit: int) -> tuple[bytes, str]:
    if file is not None and file.filename:
        data = await file.read(limit + 1)
        source = f"upload:{Path(file.filename).name}"
    elif text:
        data = text.encode("utf-8")
        source = f"paste:{Path(name).name}" if name else "paste:article.txt"
    else:
        raise HTTPException(400, "send the article as `text` or as `file`")
    if len(data) > limit:
        raise HTTPException(413, f"article too large (limit {limit} bytes)")
    return data, source
