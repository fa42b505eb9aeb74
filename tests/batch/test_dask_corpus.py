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


def test_workers_write_parquet_parts_that_load_like_direct_analyze(tmp_path: Path) -> None:
    from fogline import job
    from fogline.resources import Resources
    from fogline.store.incidents import load_incidents
    from fogline.store.parquet import load_parts

    folder = tmp_path / "in"
    folder.mkdir()
    for i, place in enumerate(("Martuni", "Ganja", "Hadrut")):
        text = (f"Title: Shelling near {place}\nDate: 2020-10-0{i + 3}\n\nArtillery shelled {place} on "
                f"Saturday, killing two civilians, local officials said.")
        (folder / f"a{i}.txt").write_text(text, encoding="utf-8")
    res = Resources()
    with Store.open(":memory:") as direct:
        job.run([str(folder)], direct, res)
        want = ([d.to_contract() for d in direct.documents()], [i.to_dict() for i in load_incidents(direct)])
    with Store.open(":memory:") as ledger, distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        summary = job.run([str(folder)], ledger, res, cluster=client, parquet=tmp_path / "parts")
        assert summary.stored == 3 and not summary.rejected
        load_parts(ledger, tmp_path / "parts")
        from fogline.corpus import build_corpus

        build_corpus(ledger, res)
        got = ([d.to_contract() for d in ledger.documents()], [i.to_dict() for i in load_incidents(ledger)])
    assert got == want
