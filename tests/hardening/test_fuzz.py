"""Property tests: no input crashes the readers or the whole pipeline (issue 11, measures)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fogline import job
from fogline.config import Config
from fogline.ingest import read_bytes
from fogline.model import RawArticle, Rejected
from fogline.resources import Resources
from fogline.store import Store

FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = [".txt", ".html", ".jsonl", ".csv", ".json", ""]
WORDS = ["Shelling", "hit", "Martuni", "killing", "9999999999", "civilians", "said", "the", "ministry", "on",
         "4 October", "\"", "[/]", "=cmd", "\x00", "\u202e", "Степанакерт", ".", ",", "\n", "denied", "drone"]
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                      max_size=3), max_leaves=8)
rows = st.dictionaries(st.sampled_from(["text", "title", "url", "published", "outlet", "other"]), json_values)


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_readers_never_raise_on_bytes(data: bytes, suffix: str) -> None:
    items = read_bytes(data, f"fuzz{suffix}", Config(max_bytes=2000))
    assert all(isinstance(i, RawArticle | Rejected) for i in items)


@FUZZ
@given(lines=st.lists(rows | json_values, min_size=1, max_size=5))
def test_jsonl_rows_are_kept_or_rejected_one_by_one(lines: list[object]) -> None:
    text = "\n".join(json.dumps(r) for r in lines)
    items = read_bytes(text.encode(), "fuzz.jsonl")
    assert len(items) == sum(1 for line in text.split("\n") if line.strip())
    for item in items:
        if isinstance(item, RawArticle):
            assert all(isinstance(v, str | None) for v in (item.meta.title, item.meta.url, item.meta.outlet))


@FUZZ
@given(cells=st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=3), max_size=5))
def test_csv_never_raises(cells: list[list[str]]) -> None:
    text = "text,outlet\n" + "\n".join(",".join(row) for row in cells)
    assert all(isinstance(i, RawArticle | Rejected) for i in read_bytes(text.encode(), "fuzz.csv"))


@settings(FUZZ, max_examples=30)
@given(words=st.lists(st.sampled_from(WORDS) | st.text(max_size=12), min_size=1, max_size=60))
def test_the_whole_pipeline_never_stops_a_batch(words: list[str], res: Resources) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "fuzz.txt").write_bytes(" ".join(words).encode("utf-8", "surrogatepass"))
        with Store.open(":memory:") as store:
            summary = job.run([folder], store, res, corpus=False)
            stored = store.counts()["documents"]
    assert stored + len(summary.rejected) == 1  # stored or rejected with a reason, never lost
