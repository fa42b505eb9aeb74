"""The Python API: ``fogline.analyze`` on text and paths, ``fogline.open`` as records and DataFrames."""

from __future__ import annotations

from pathlib import Path

import pytest

import fogline
from fogline.api import AnalyzeError, DocumentRow, EventRow
from fogline.resources import Resources

ARTICLE = (
    "Police break up a rally in Minsk\n\n"
    "Riot police in Minsk fired tear gas and detained dozens of protesters on Sunday, witnesses said.\n"
)
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory, res: Resources) -> Path:
    from fogline import job
    from fogline.store import Store

    path = tmp_path_factory.mktemp("api") / "ledger.duckdb"
    with Store.open(path) as store:
        job.run([str(EXAMPLES / "01_stepanakert_shelling_2020-10-04.txt"), str(EXAMPLES / "04_hadrut_captured.txt")],
                store, res)
    return path


def test_analyze_text_takes_metadata(res: Resources) -> None:
    doc = fogline.analyze(ARTICLE, published="2020-09-13", outlet="Example Wire", resources=res)
    assert doc.outlet == "Example Wire"
    assert doc.published == "2020-09-13"
    assert [e.sub_event_type for e in doc.events] == ["Protest with intervention"]
    assert doc.events[0].date == "2020-09-13"


def test_analyze_path(res: Resources) -> None:
    doc = fogline.analyze(EXAMPLES / "04_hadrut_captured.txt", resources=res)
    assert doc.source.endswith("04_hadrut_captured.txt")
    assert doc.events


@pytest.mark.parametrize(("given", "why"), [
    pytest.param("   ", "empty", id="empty-text"),
    pytest.param(ARTICLE, "cannot read", id="bad-published"),
])
def test_analyze_refuses_bad_input(res: Resources, given: str, why: str) -> None:
    meta = {"published": "the day before yesterday"} if why == "cannot read" else {}
    with pytest.raises(AnalyzeError, match=why):
        fogline.analyze(given, resources=res, **meta)


def test_open_refuses_a_missing_store(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no store at"):
        fogline.open(tmp_path / "typo.duckdb")
    assert not (tmp_path / "typo.duckdb").exists()


def test_open_gives_records(store_path: Path) -> None:
    with fogline.open(store_path) as ledger:
        docs = ledger.documents(as_frame=False)
        events = ledger.events(as_frame=False)
        assert len(docs) == 2 and all(isinstance(d, DocumentRow) for d in docs)
        assert events and all(isinstance(e, EventRow) for e in events)
        assert ledger.document(docs[0].doc_id[:8]) is not None


def test_open_gives_dataframes(store_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    with fogline.open(store_path) as ledger:
        events = ledger.events()
        incidents = ledger.incidents()
        assert isinstance(events, pd.DataFrame)
        assert {"sub_event_type", "latitude", "longitude", "fatalities", "claimants"} <= set(events.columns)
        assert len(incidents) >= 1 and "confidence" in incidents.columns
        assert len(ledger.documents()) == 2
