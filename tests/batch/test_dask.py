"""The per-article stage on a local dask.distributed cluster gives what one process gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogline import job
from fogline.resources import Resources
from fogline.store import Store
from fogline.store.incidents import load_incidents

distributed = pytest.importorskip("distributed")
dask_batch = pytest.importorskip("fogline.batch.dask")

ARTICLES = {
    "a1.txt": "Title: Shelling near Martuni\nDate: 2020-10-03\n\nArtillery shelled the outskirts of Martuni on "
              "Saturday, killing two civilians, local officials said. The defence ministry denied firing.",
    "a2.txt": "Title: Martuni shelled again\nDate: 2020-10-03\n\nTwo civilians were killed when shells hit "
              "Martuni on Saturday, according to the regional administration.",
    "a3.txt": "Title: Drone strike in Ganja\nDate: 2020-10-11\n\nA drone struck a residential block in Ganja "
              "on Sunday, wounding five people, the prosecutor's office said.",
    "a4.txt": "Title: Protest in Yerevan\nDate: 2020-10-05\n\nSeveral hundred people marched peacefully in "
              "Yerevan on Monday to demand a ceasefire.",
    "a5.txt": "Title: Markets\nDate: 2020-10-06\n\nThe currency held steady on Tuesday as traders waited for "
              "the central bank's decision on interest rates.",
    "a6.txt": "Title: Clashes in the north\nDate: 2020-10-07\n\nSoldiers clashed with rebels near Kharkiv "
              "on Wednesday; three fighters died, the army said.",
}


def _run(folder: Path, res: Resources, cluster: object = None) -> tuple[list[dict], list[tuple], list[dict]]:
    with Store.open(":memory:") as store:
        job.run([str(folder)], store, res, cluster=cluster)
        docs = [d.to_contract() for d in store.documents()]
        events = [(doc_id, ev.to_dict()) for doc_id, ev in store.events()]
        incidents = [inc.to_dict() for inc in load_incidents(store)]
    return docs, events, incidents


@pytest.mark.slow
def test_two_dask_workers_give_the_single_process_output(tmp_path: Path, res: Resources) -> None:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    alone = _run(tmp_path, res)
    dask_batch._LOADED[repr(res.config)] = res.warm()  # in-process workers share the session's models
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        on_cluster = _run(tmp_path, res, client)
    assert on_cluster[0] == alone[0]
    assert on_cluster[1] == alone[1]
    assert on_cluster[2] == alone[2]
    assert len(alone[0]) == len(ARTICLES) and alone[1]


@pytest.mark.parametrize(("spec", "n"), [("local:2", 2), ("tcp://10.0.0.5:8786", None)], ids=["local", "address"])
def test_cluster_spec(spec: str, n: int | None) -> None:
    assert dask_batch.parse_cluster(spec) == n


@pytest.mark.parametrize("spec", ["local:", "local:0", "local:x"], ids=["no-count", "zero", "not-a-number"])
def test_bad_local_cluster_spec(spec: str) -> None:
    with pytest.raises(ValueError, match="local:N"):
        dask_batch.parse_cluster(spec)


class _Future:
    """A finished task's stand-in: its result, or the error a lost worker gives."""

    def __init__(self, result: object) -> None:
        self._result = result
        self.released = False

    def result(self) -> object:
        if isinstance(self._result, Exception):
            raise self._result
        return self._result

    def release(self) -> None:
        self.released = True


def test_an_article_of_a_lost_task_gets_a_reason_and_the_others_their_outcomes() -> None:
    from fogline.model import RawArticle

    raws = [RawArticle(doc_id=f"d{n}", source=f"in/{n}.txt", raw=f"Article {n}.") for n in range(5)]
    chunks = dask_batch._chunks(raws, 2)
    futures = [_Future(["ok0", "ok1"]), _Future(OSError("worker lost")), _Future(["ok4"])]
    out = list(dask_batch._analysed(chunks, futures))
    assert [len(c) for c in chunks] == [2, 2, 1]
    assert out[:2] == ["ok0", "ok1"] and out[4] == "ok4"
    assert out[2] == ("in/2.txt", "analysis failed on the cluster: OSError: worker lost")
    assert out[3][0] == "in/3.txt"
    assert all(f.released for f in futures)


def test_the_articles_of_a_lost_task_are_sent_again_one_by_one() -> None:
    from fogline.model import RawArticle

    raws = [RawArticle(doc_id=f"d{n}", source=f"in/{n}.txt", raw=f"Article {n}.") for n in range(3)]
    killer = "d1"  # its analysis kills the worker, whichever task it is in

    def alone(one: list[RawArticle]) -> _Future:
        return _Future(MemoryError("worker killed") if one[0].doc_id == killer else [f"ok-{one[0].doc_id}"])

    out = list(dask_batch._analysed([raws], [_Future(MemoryError("worker killed"))], alone))
    assert out[0] == "ok-d0" and out[2] == "ok-d2"
    assert out[1] == ("in/1.txt", "analysis failed on the cluster: MemoryError: worker killed")
