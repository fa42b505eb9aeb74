"""The corpus stage's partitions grouped on a local dask.distributed cluster give the incidents of one process."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "corpus"))

from synthetic import articles  # noqa: E402

from fogline.store import Store  # noqa: E402

distributed = pytest.importorskip("distributed")
dask_batch = pytest.importorskip("fogline.batch.dask")


def _incidents(mapper: object, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, str], int, int]:
    import fogline.corpus as corpus

    monkeypatch.setattr(corpus, "BATCH_EVENTS", 40)  # many batches, so both workers get some
    with Store.open(":memory:") as store:
        store.add_many(articles(120))
        result = corpus.build_corpus(store, mapper=mapper)  # type: ignore[arg-type]
        rows = store.conn.execute("SELECT incident_id, fingerprint FROM incidents").fetchall()
        reports = store.conn.execute("SELECT count(*) FROM incident_reports").fetchone()
    return dict(rows), int(reports[0]) if reports else 0, result.regrouped


def test_two_workers_equal_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    one = _incidents(None, monkeypatch)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        two = _incidents(dask_batch.corpus_mapper(client), monkeypatch)
        workers = len(client.scheduler_info()["workers"])
    assert one == two and one[0] and one[2] > 2
    assert workers == 2
