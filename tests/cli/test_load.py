"""``fogline analyze --parquet DIR`` then ``fogline load DIR`` gives the store a direct ``analyze`` gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fogline.cli.main import app
from fogline.store import Store
from fogline.store.incidents import load_incidents

runner = CliRunner()

ARTICLES = {
    "shelling.txt": "Title: Shelling near Martuni\nDate: 2020-10-03\n\nArtillery shelled the outskirts of Martuni "
                    "on Saturday, killing two civilians, local officials said. The ministry denied firing.",
    "shelling-again.txt": "Title: Martuni shelled\nDate: 2020-10-03\n\nTwo civilians were killed when shells hit "
                          "Martuni on Saturday, according to the regional administration.",
    "drone.txt": "Title: Drone strike in Ganja\nDate: 2020-10-11\n\nA drone struck a residential block in Ganja "
                 "on Sunday, wounding five people, the prosecutor's office said.",
    "markets.txt": "Title: Markets\nDate: 2020-10-06\n\nThe currency held steady on Tuesday as traders waited "
                   "for the central bank's decision on interest rates.",
}


def _contents(db: Path) -> tuple[list[dict], list[tuple], list[dict], int]:
    with Store.open(db, read_only=True) as store:
        docs = [d.to_contract() for d in store.documents()]
        events = [(doc_id, ev.to_dict()) for doc_id, ev in store.events()]
        incidents = [inc.to_dict() for inc in load_incidents(store)]
        samples = store.conn.execute("SELECT count(*) FROM corpus_shingles").fetchone()
    return docs, events, incidents, int(samples[0]) if samples else 0


@pytest.mark.parametrize("workers", [pytest.param("1", id="one-process"), pytest.param("2", id="two-processes")])
def test_parquet_then_load_equals_direct_analyze(tmp_path: Path, workers: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    direct, parts, loaded = tmp_path / "direct.duckdb", tmp_path / "parts", tmp_path / "loaded.duckdb"
    assert runner.invoke(app, ["analyze", str(folder), "--db", str(direct)]).exit_code == 0
    result = runner.invoke(app, ["analyze", str(folder), "--db", ":memory:", "--parquet", str(parts)])
    assert result.exit_code == 0, result.output
    assert {"documents", "events"} <= {p.name for p in parts.iterdir()}
    result = runner.invoke(app, ["load", str(parts), "--db", str(loaded), "-j", workers])
    assert result.exit_code == 0 and "loaded 4 articles" in result.output
    assert _contents(loaded) == _contents(direct) and _contents(direct)[2]
    again = runner.invoke(app, ["load", str(parts), "--db", str(loaded)])
    assert "loaded 0 articles (4 already stored)" in again.output


def test_load_needs_a_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["load", str(tmp_path / "missing"), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2


@pytest.mark.parametrize("command", [pytest.param("analyze", id="analyze"), pytest.param("load", id="load")])
def test_a_failed_corpus_worker_is_an_error_naming_what_to_do(tmp_path: Path, command: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import fogline.corpus as corpus
    from fogline.batch.corpus_pool import WorkerFailed

    def fails(*args: object, **kwargs: object) -> None:
        raise WorkerFailed("corpus stage: worker process 4242 exited")

    folder, parts = tmp_path / "in", tmp_path / "parts"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    assert runner.invoke(app, ["analyze", str(folder), "--db", ":memory:", "--parquet", str(parts)]).exit_code == 0
    monkeypatch.setattr(corpus, "build_corpus", fails)
    source = str(folder if command == "analyze" else parts)
    result = runner.invoke(app, [command, source, "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2
    assert "worker process 4242 exited" in result.output and "Run the same command again" in result.output
