"""The workspace's streamed answers (the report, the downloads) when the store or the ledger fails midway:
an error status with the reason, never a truncated page or file under 200."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest
import sample_ledger
from fastapi.testclient import TestClient

from fogline.web.app import create_app

BASE = "http://127.0.0.1:8000"


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    db = str(tmp_path / "ws.duckdb")
    sample_ledger.fill_store(db)
    with TestClient(create_app(db), base_url=BASE, raise_server_exceptions=False) as c:
        yield c


def _fails_after(first: Any) -> Any:
    """A stand-in for a reader that gives ``first`` (a page's worth) and then finds the store damaged."""

    def reader(*_: Any, **__: Any) -> Any:
        if first is not None:
            yield first
        raise duckdb.IOException("Corrupt database file: computed checksum 1 does not match stored checksum 2")

    return reader


def _row() -> dict[str, Any]:
    from fogline.export.tables import SCHEMAS

    return {name: None for name in SCHEMAS["incidents"].names} | {"incident_id": "inc-x", "latitude": 40.0,
                                                                  "longitude": 46.0}


@pytest.mark.parametrize("url,target,first", [
    ("/report.html", "fogline.export.report.joined_view", None),
    ("/report.html?since=2020-01-01", "fogline.export.report.outlets_view", None),
    ("/api/export/incidents.csv", "fogline.web.downloads.incident_rows", "row"),
    ("/api/export/incidents.geojson", "fogline.web.downloads.incident_rows", "row"),
    ("/api/export/acled.csv", "fogline.web.downloads.acled_rows", None),
], ids=["report-cards", "report-outlets", "incidents-csv", "incidents-geojson", "acled-csv"])
def test_failure_midway_is_an_error_status(client: TestClient, monkeypatch: pytest.MonkeyPatch, url: str,
                                           target: str, first: str | None) -> None:
    assert client.get(url).status_code == 200
    if target.endswith(("joined_view", "outlets_view")):
        monkeypatch.setattr(target, lambda *a, **k: next(_fails_after(None)()))
    else:
        monkeypatch.setattr(target, _fails_after(_row() if first else None))
    r = client.get(url)
    assert r.status_code == 500
    assert "Corrupt database file" in r.json()["detail"]
