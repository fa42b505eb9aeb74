"""The corpus stage's partitions grouped in forked processes give the incidents of one process."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "corpus"))

from synthetic import articles  # noqa: E402

from fogline.batch.local import process_mapper  # noqa: E402
from fogline.store import Store  # noqa: E402


def _incidents(mapper: object, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, str], list[tuple[str, ...]]]:
    import fogline.corpus as corpus

    monkeypatch.setattr(corpus, "BATCH_EVENTS", 40)  # many batches, so several are in flight
    with Store.open(":memory:") as store:
        store.add_many(articles(90))
        corpus.build_corpus(store, mapper=mapper)  # type: ignore[arg-type]
        rows = store.conn.execute("SELECT incident_id, fingerprint FROM incidents").fetchall()
        reports = store.conn.execute("SELECT * FROM incident_reports ORDER BY ALL").fetchall()
    return dict(rows), reports


@pytest.mark.parametrize(("workers", "in_flight"), [
    pytest.param(1, 0, id="one-worker-two-batches-in-flight"),
    pytest.param(2, 1, id="two-workers-one-batch-at-a-time"),
    pytest.param(2, 0, id="two-workers-four-batches-in-flight"),
])
def test_forked_workers_give_the_incidents_of_one_process(workers: int, in_flight: int,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    here = _incidents(None, monkeypatch)
    forked = _incidents(process_mapper(workers, in_flight), monkeypatch)
    assert forked == here
    assert len(here[0]) > 20
