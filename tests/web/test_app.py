"""Every route of the workspace app, through FastAPI's TestClient, over a real store file."""

from __future__ import annotations

from pathlib import Path

import pytest
import sample_ledger
from fastapi.testclient import TestClient

from fogline.model import Document, Event, Rejected, Span
from fogline.web.app import create_app


def fake_analyser(data: bytes, source: str) -> list[Document | Rejected]:
    """Stands in for the pipeline: one article whose first sentence is an armed clash."""
    text = data.decode("utf-8")
    if not text.strip():
        return [Rejected(source, "empty file")]
    end = text.find(".") + 1 or len(text)
    ev = Event(f"{source}-e1", "Armed clash", "2021-05-01", "day", evidence=[Span(0, end, text[:end])])
    return [Document(doc_id=f"up-{abs(hash(text))}", source=source, raw=text, text=text, title="uploaded",
                     events=[ev])]


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "ws.duckdb")
    sample_ledger.fill_store(path)
    return path


@pytest.fixture()
def client(db: str) -> TestClient:
    with TestClient(create_app(db, analyser=fake_analyser)) as c:
        yield c


@pytest.mark.parametrize("url", ["/", "/api/incidents", "/api/incidents/inc-clash", "/api/basemap", "/api/timeline",
                                 "/api/contested", "/api/outlets", "/api/documents/am1", "/api/config",
                                 "/report.html", "/openapi.json", "/static/app.js", "/static/app.css"])
def test_every_view_answers(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200
    assert "default-src" in r.headers["content-security-policy"]


def test_openapi_describes_every_view(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/incidents", "/api/incidents/{incident_id}", "/api/basemap", "/api/timeline", "/api/contested",
              "/api/outlets", "/api/documents/{doc_id}", "/api/analyse", "/report.html"):
        assert p in paths


@pytest.mark.parametrize("params,expected", [
    ({}, {"inc-clash", "inc-drone", "inc-joke", "inc-rumour"}),
    ({"contested": "true"}, {"inc-clash"}),
    ({"type": "Explosions/Remote violence"}, {"inc-drone", "inc-rumour"}),
    ({"actor": "artsakh"}, {"inc-drone"}),
    ({"outlet": "media.example.az"}, {"inc-clash"}),
    ({"min_confidence": "0.6"}, {"inc-drone"}),
    ({"since": "2020-12-15", "until": "2020-12-31"}, {"inc-joke"}),
    ({"region": "Khojaly"}, {"inc-drone"}),
], ids=["all", "contested", "type", "actor", "outlet", "confidence", "dates", "region"])
def test_incident_filters(client: TestClient, params: dict[str, str], expected: set[str]) -> None:
    got = client.get("/api/incidents", params=params).json()
    assert {s["incident_id"] for s in got} == expected
    assert all(s["x"] is not None for s in got)


def test_incident_detail_highlights_claims(client: TestClient) -> None:
    inc = client.get("/api/incidents/inc-clash").json()
    marks = {p["mark"] for r in inc["reports"] for s in r["sentences"] for p in s}
    assert {"claim-asserts", "claim-denies", "place", "actor"} <= marks
    assert client.get("/api/incidents/nope").status_code == 404


def test_hostile_text_comes_back_as_data_not_markup(client: TestClient) -> None:
    page = client.get("/").text
    assert "__pwned" not in page
    doc = client.get("/api/documents/x1").json()
    assert sample_ledger.HOSTILE in doc["text"]  # JSON data; the page renders it with textContent
    assert client.get("/api/documents/x1").headers["content-type"].startswith("application/json")


def test_paste_an_article_and_save_it(client: TestClient) -> None:
    r = client.post("/api/analyse", data={"text": "Troops clashed near Tovuz at dawn. More later.", "save": "true"})
    body = r.json()
    assert r.status_code == 200 and body["saved"]
    assert body["documents"][0]["events"][0]["sub_event_type"] == "Armed clash"
    new_id = body["saved"][0]
    assert client.get(f"/api/documents/{new_id}").json()["title"] == "uploaded"
    if body["warning"] is None:  # the corpus layer regrouped incidents: the new one is on the map
        shown = client.get("/api/incidents", params={"since": "2021-05-01"}).json()
        assert any(new_id in client.get(f"/api/incidents/{s['incident_id']}").text for s in shown)


def test_upload_a_file(client: TestClient) -> None:
    r = client.post("/api/analyse", files={"file": ("note.txt", b"Shots were fired at a border post.", "text/plain")})
    assert r.status_code == 200 and r.json()["documents"][0]["source"] == "upload:note.txt"


@pytest.mark.parametrize("kwargs,status", [
    ({"data": {}}, 422),
    ({"files": {"file": ("big.txt", b"x" * 3000, "text/plain")}}, 413),
], ids=["nothing-sent", "too-large"])
def test_bad_uploads_are_refused(db: str, kwargs: dict[str, object], status: int) -> None:
    with TestClient(create_app(db, analyser=fake_analyser, max_upload=1000)) as c:
        assert c.post("/api/analyse", **kwargs).status_code == status


def test_writing_needs_the_token_when_one_is_set(db: str) -> None:
    with TestClient(create_app(db, token="s3cret", analyser=fake_analyser)) as c:
        assert c.get("/api/config").json()["token_required"] is True
        assert c.post("/api/analyse", data={"text": "A clash."}).status_code == 401
        wrong = c.post("/api/analyse", data={"text": "A clash."}, headers={"X-Fogline-Token": "wrong"})
        assert wrong.status_code == 401
        ok = c.post("/api/analyse", data={"text": "A clash."}, headers={"X-Fogline-Token": "s3cret"})
        assert ok.status_code == 200
        assert c.get("/api/incidents").status_code == 200  # reading needs no token
