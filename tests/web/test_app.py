"""Every route of the workspace app, through FastAPI's TestClient, over a real store file."""

from __future__ import annotations

from pathlib import Path

import pytest
import sample_ledger
from fastapi.testclient import TestClient

from fogline.model import Document, Event, Rejected, Span
from fogline.web.app import create_app

BASE = "http://127.0.0.1:8000"


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
    with TestClient(create_app(db, analyser=fake_analyser), base_url=BASE) as c:
        yield c


@pytest.mark.parametrize("url", [
    "/", "/api/incidents", "/api/incidents/inc-clash", "/api/basemap/admin0", "/api/basemap/places",
    "/api/basemap/districts", "/api/legend", "/api/timeline", "/api/contested", "/api/outlets", "/api/documents/am1",
    "/api/config", "/report.html", "/openapi.json", "/docs", "/favicon.ico", "/static/app.js", "/static/fogmap.js",
    "/static/vendor/leaflet/leaflet.js", "/static/vendor/swagger-ui/swagger-ui-bundle.js",
    "/api/export/incidents.csv", "/api/export/incidents.geojson", "/api/export/acled.csv",
])
def test_every_view_answers(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200
    assert "default-src" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_openapi_documents_every_field(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for p in ("/api/incidents", "/api/incidents/{incident_id}", "/api/basemap/{layer}", "/api/timeline",
              "/api/contested", "/api/outlets", "/api/documents/{doc_id}", "/api/analyse", "/report.html",
              "/api/export/incidents.csv", "/api/export/incidents.geojson", "/api/export/acled.csv"):
        assert p in spec["paths"]
    summary = spec["components"]["schemas"]["IncidentSummary"]["properties"]
    assert summary["fatalities_best"] == {"anyOf": [{"type": "integer"}, {"type": "null"}], "title": "Fatalities Best"}
    assert not {"x", "y", "radius", "colour"} & set(summary)
    page = spec["paths"]["/api/incidents"]["get"]
    assert {"limit", "offset", "since", "place", "background"} <= {q["name"] for q in page["parameters"]}
    assert page["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/IncidentPage"}


@pytest.mark.parametrize("params,expected", [
    ({}, {"inc-clash", "inc-drone", "inc-joke", "inc-rumour"}),
    ({"contested": "true"}, {"inc-clash"}),
    ({"type": "Explosions/Remote violence"}, {"inc-drone", "inc-rumour"}),
    ({"actor": "artsakh"}, {"inc-drone"}),
    ({"outlet": "media.example.az"}, {"inc-clash"}),
    ({"min_confidence": "0.6"}, {"inc-drone"}),
    ({"since": "2020-12-15", "until": "2020-12-31"}, {"inc-joke"}),
    ({"region": "Khojaly"}, {"inc-drone"}),
    ({"place": "hadr"}, {"inc-clash", "inc-joke", "inc-rumour"}),
    ({"place": "Azerbaijan"}, {"inc-clash", "inc-drone", "inc-joke", "inc-rumour"}),
], ids=["all", "contested", "type", "actor", "outlet", "confidence", "dates", "region", "place-name",
        "place-country"])
def test_incident_filters(client: TestClient, params: dict[str, str], expected: set[str]) -> None:
    got = client.get("/api/incidents", params=params).json()
    assert {s["incident_id"] for s in got["items"]} == expected
    assert got["total"] == len(expected)


def test_figures_are_numbers(client: TestClient) -> None:
    clash = client.get("/api/incidents", params={"contested": "true"}).json()["items"][0]
    assert (clash["injured_low"], clash["injured_high"]) == (1, 3)
    assert isinstance(clash["lat"], float) and isinstance(clash["casualties"], int)


def test_pagination(client: TestClient) -> None:
    first = client.get("/api/incidents", params={"limit": 2}).json()
    rest = client.get("/api/incidents", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == rest["total"] == 4
    assert len(first["items"]) == len(rest["items"]) == 2
    assert not {i["incident_id"] for i in first["items"]} & {i["incident_id"] for i in rest["items"]}


@pytest.mark.parametrize("params,needle", [
    ({"since": "notadate"}, "since"),
    ({"until": "2020-13-45"}, "until"),
    ({"since": "2021-01-01", "until": "2020-01-01"}, "after"),
    ({"limit": "0"}, "limit"),
    ({"min_confidence": "2"}, "min_confidence"),
], ids=["bad-since", "bad-until", "reversed", "limit-zero", "confidence-range"])
def test_bad_parameters_answer_400_with_a_message(client: TestClient, params: dict[str, str], needle: str) -> None:
    r = client.get("/api/incidents", params=params)
    assert r.status_code == 400 and needle in r.json()["detail"]


def test_downloads_stream_the_filtered_incidents(client: TestClient) -> None:
    csv_text = client.get("/api/export/incidents.csv", params={"contested": "true"}).text
    assert csv_text.splitlines()[0].startswith("incident_id,event_type") and len(csv_text.splitlines()) == 2
    geo = client.get("/api/export/incidents.geojson").json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 4
    acled = client.get("/api/export/acled.csv")
    assert acled.text.startswith("event_id_cnty,event_date") and "attachment" in acled.headers["content-disposition"]


def test_incident_detail_shows_article_with_cuts(client: TestClient) -> None:
    inc = client.get("/api/incidents/inc-clash").json()
    am = next(r for r in inc["report_views"] if r["doc_id"] == "am1")
    marks = {p["mark"] for p in am["article"]}
    assert {"cut-comments", "evidence", "claim-denies"} <= marks
    assert "".join(p["text"] for p in am["article"]).endswith("Where are the pictures?")
    assert am["ratings"] == ["known_outlet_rating: mixed"]
    assert [s["claimant"] for s in inc["contest"]["sides"]][:2] == ["Ministry of Defence of Armenia",
                                                                   "Ministry of Defence of Azerbaijan"]


def test_incident_detail_highlights_claims(client: TestClient) -> None:
    inc = client.get("/api/incidents/inc-clash").json()
    marks = {p["mark"] for r in inc["report_views"] for s in r["sentences"] for p in s}
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
        shown = client.get("/api/incidents", params={"since": "2021-05-01"}).json()["items"]
        assert any(new_id in client.get(f"/api/incidents/{s['incident_id']}").text for s in shown)


def test_upload_a_file(client: TestClient) -> None:
    r = client.post("/api/analyse", files={"file": ("note.txt", b"Shots were fired at a border post.", "text/plain")})
    assert r.status_code == 200 and r.json()["documents"][0]["source"] == "upload:note.txt"


@pytest.mark.parametrize("kwargs,status", [
    ({"data": {}}, 400),
    ({"files": {"file": ("big.txt", b"x" * 3000, "text/plain")}}, 413),
], ids=["nothing-sent", "too-large"])
def test_bad_uploads_are_refused(db: str, kwargs: dict[str, object], status: int) -> None:
    with TestClient(create_app(db, analyser=fake_analyser, max_upload=1000), base_url=BASE) as c:
        assert c.post("/api/analyse", **kwargs).status_code == status
