"""The workspace's guard: allowed hosts, same-origin writes, the token (also for reads off loopback),
security headers on every response (500 included), and report/docs with their own offline CSP."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import sample_ledger
from fastapi.testclient import TestClient
from test_app import BASE, fake_analyser

from fogline.model import Document, Rejected
from fogline.web.app import create_app
from fogline.web.security import host_name

HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options")


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "ws.duckdb")
    sample_ledger.fill_store(path)
    return path


def _count(c: TestClient) -> int:
    return int(c.get("/api/incidents").json()["total"])


@pytest.mark.parametrize("header,value", [("host", "h:8000"), ("host", "[::1]:8000"), ("host", "localhost")],
                         ids=["name-port", "ipv6", "bare"])
def test_host_name(header: str, value: str) -> None:
    assert host_name(value) in {"h", "::1", "localhost"}


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example"],
                         ids=["rebinding", "rebinding-port", "lookalike"])
def test_other_host_names_are_refused(db: str, host: str) -> None:
    with TestClient(create_app(db), base_url=BASE) as c:
        r = c.get("/api/incidents", headers={"Host": host})
        assert r.status_code == 400 and "host" in r.json()["detail"]
        assert all(h in r.headers for h in HEADERS)


def test_an_allowed_host_is_served(db: str) -> None:
    with TestClient(create_app(db, hosts=frozenset({"ws.example.org"})), base_url="http://ws.example.org") as c:
        assert c.get("/api/incidents").status_code == 200


@pytest.mark.parametrize("headers", [
    {"Origin": "http://localhost:9999"},
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
], ids=["other-localhost-port", "other-site", "opaque-origin", "fetch-cross-site", "fetch-same-site"])
def test_cross_origin_writes_are_refused(db: str, headers: dict[str, str]) -> None:
    with TestClient(create_app(db, analyser=fake_analyser), base_url=BASE) as c:
        before = _count(c)
        r = c.post("/api/analyse", data={"text": "Troops clashed near Tovuz.", "save": "true"}, headers=headers)
        assert r.status_code == 403
        assert _count(c) == before


def test_same_origin_writes_pass(db: str) -> None:
    with TestClient(create_app(db, analyser=fake_analyser), base_url=BASE) as c:
        r = c.post("/api/analyse", data={"text": "Troops clashed near Tovuz."},
                   headers={"Origin": BASE, "Sec-Fetch-Site": "same-origin"})
        assert r.status_code == 200


def test_writing_needs_the_token_when_one_is_set(db: str) -> None:
    with TestClient(create_app(db, token="s3cret", analyser=fake_analyser), base_url=BASE) as c:
        assert c.get("/api/config").json()["token_required"] is True
        assert c.post("/api/analyse", data={"text": "A clash."}).status_code == 401
        wrong = c.post("/api/analyse", data={"text": "A clash."}, headers={"X-Fogline-Token": "wrong"})
        assert wrong.status_code == 401
        ok = c.post("/api/analyse", data={"text": "A clash."}, headers={"X-Fogline-Token": "s3cret"})
        assert ok.status_code == 200
        assert c.get("/api/incidents").status_code == 200  # on loopback, reading needs no token


@pytest.mark.parametrize("url", ["/", "/api/incidents", "/openapi.json", "/docs", "/static/app.js", "/report.html"])
def test_off_loopback_every_route_needs_the_token(db: str, url: str) -> None:
    app = create_app(db, token="s3cret", read_token=True, hosts=frozenset({"10.0.0.5"}))
    with TestClient(app, base_url="http://10.0.0.5:8000") as c:
        assert c.get(url).status_code == 401
        assert c.get(url, headers={"X-Fogline-Token": "s3cret"}).status_code == 200


def test_opening_the_page_with_the_token_sets_a_strict_cookie(db: str) -> None:
    app = create_app(db, token="s3cret", read_token=True, hosts=frozenset({"10.0.0.5"}))
    with TestClient(app, base_url="http://10.0.0.5:8000") as c:
        assert c.get("/?token=wrong", follow_redirects=False).status_code == 401
        r = c.get("/?token=s3cret", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/"
        assert "samesite=strict" in r.headers["set-cookie"].lower() and "httponly" in r.headers["set-cookie"].lower()
        assert c.get("/api/incidents").status_code == 200  # the cookie now rides along


@pytest.mark.parametrize("kwargs", [{"token": ""}, {"token": "   "}, {"read_token": True}],
                         ids=["empty-token", "blank-token", "reads-without-token"])
def test_unsafe_settings_are_refused(db: str, kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        create_app(db, **kwargs)  # type: ignore[arg-type]


def test_a_500_keeps_the_security_headers(db: str) -> None:
    app = create_app(db)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("kaput")

    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as c:
        r = c.get("/boom")
        assert r.status_code == 500 and "kaput" not in r.text
        assert all(h in r.headers for h in HEADERS)


def test_report_and_docs_keep_their_own_assets_offline(db: str) -> None:
    with TestClient(create_app(db), base_url=BASE) as c:
        report = c.get("/report.html")
        assert "'unsafe-inline'" in report.headers["content-security-policy"]
        assert "connect-src" not in report.headers["content-security-policy"]  # default-src 'none': no requests
        docs = c.get("/docs")
        assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text and "cdn" not in docs.text.lower()
        assert "script-src 'self'" in docs.headers["content-security-policy"]


def slow_analyser(data: bytes, source: str) -> list[Document | Rejected]:
    time.sleep(2)
    return fake_analyser(data, source)


def test_an_analysis_over_its_budget_is_rejected_with_a_reason(db: str) -> None:
    with TestClient(create_app(db, analyser=slow_analyser, analysis_timeout=0.2), base_url=BASE) as c:
        body = c.post("/api/analyse", data={"text": "Troops clashed near Tovuz.", "save": "true"}).json()
        assert body["saved"] == [] and "budget" in body["rejected"][0]["reason"]
