"""A figure over 2^31 sent to the web app: saved with the figure dropped and its reason, never a 500
(issue 11, item 1). The guard, the worker and the other web defects (items 2, 3, 7, 10) have their
regression tests in tests/web (test_security, test_analysis_worker, test_store_sharing, test_serve_cli)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fogline.model import Claim, Document, Event, Rejected, Span
from fogline.store import Store
from fogline.web.app import create_app

BASE = "http://127.0.0.1:8000"
TEXT = "A spokesman claimed that the strike on Tartar killed 9999999999 civilians. Nobody else gave a figure."


def huge_figure_analyser(data: bytes, source: str) -> list[Document | Rejected]:
    """Stands in for the pipeline: the article's event carries the figure as the extractor read it."""
    text = data.decode("utf-8")
    end = text.index(".") + 1
    ev = Event("huge-e1", "Air/drone strike", "2020-10-03", "day", fatalities=9_999_999_999,
               evidence=[Span(0, end, text[:end])])
    ev.claims = [Claim("A spokesman", None, "asserts", Span(0, 11, text[:11]), fatalities=9_999_999_999)]
    return [Document(doc_id="huge", source=source, raw=text, text=text, title="Huge toll claimed", events=[ev])]


@pytest.mark.parametrize("save", [pytest.param(True, id="saved"), pytest.param(False, id="analysed-only")])
def test_a_figure_over_32_bits_is_dropped_with_its_reason_not_a_500(tmp_path: Path, save: bool) -> None:
    db = str(tmp_path / "ws.duckdb")
    with TestClient(create_app(db, analyser=huge_figure_analyser), base_url=BASE) as c:
        r = c.post("/api/analyse", data={"text": TEXT, "save": str(save).lower()}, headers={"Origin": BASE})
        assert r.status_code == 200, r.text
        assert r.json()["saved"] == (["huge"] if save else [])
    if not save:
        return
    with Store.open(db, read_only=True) as store:
        doc = store.get("huge")
    assert doc is not None and doc.events[0].fatalities is None and doc.events[0].claims[0].fatalities is None
    reasons = [s.detail or "" for s in doc.signals if s.kind == "implausible_figure"]
    assert len(reasons) == 2 and all("9999999999 is above" in r for r in reasons)
