"""One article's failure of any kind is rejected with its reason; the batch goes on (issue 11, items 1, 2, 4)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import fogline.store
from fogline import batch, job, pipeline
from fogline.cli.main import app
from fogline.model import Document
from fogline.resources import Resources
from fogline.store import Store

from .cases import write_mixed_folder

runner = CliRunner()


def _exploding(name: str, stage: pipeline.Stage) -> pipeline.Stage:
    def run(doc: Document, res: Resources) -> None:
        if doc.raw.startswith("EXPLODE"):
            raise RuntimeError("a stage failed on purpose")
        if doc.raw.startswith("SLOW"):
            while True:
                time.sleep(0.01)
        stage(doc, res)

    return run


@pytest.fixture()
def failing_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "STAGES", [(n, _exploding(n, s)) for n, s in pipeline.STAGES])


@pytest.fixture()
def store_refuses_marked(monkeypatch: pytest.MonkeyPatch) -> None:
    real = fogline.store.insert_documents

    def insert(conn: object, docs: list[Document]) -> None:
        if any("STOREFAIL" in doc.raw for doc in docs):
            raise OSError(28, "No space left on device")
        real(conn, docs)

    monkeypatch.setattr(fogline.store, "insert_documents", insert)


@pytest.mark.usefixtures("failing_stages", "store_refuses_marked")
def test_mixed_folder_keeps_every_good_article_and_lists_every_bad_one(tmp_path: Path, res: Resources) -> None:
    good, bad = write_mixed_folder(tmp_path / "in")
    (tmp_path / "in" / "storefail.txt").write_text("STOREFAIL\n\nShelling hit Martuni on Monday.\n")
    bad.add(str(tmp_path / "in" / "storefail.txt"))
    with Store.open(":memory:") as store:
        summary = job.run([str(tmp_path / "in")], store, res, corpus=False)
        stored = {d.source for d in store.documents()}
        listed = {r.source for r in store.rejected()}
    assert good <= stored, good - stored
    assert bad <= listed, bad - listed
    assert not stored & listed
    reasons = {r.source: r.reason for r in summary.rejected}
    assert "a stage failed on purpose" in reasons[str(tmp_path / "in" / "explode.txt")]
    assert "No space left" in reasons[str(tmp_path / "in" / "storefail.txt")]


def test_cli_lists_rejects_with_markup_in_their_names_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "[").mkdir()
    (folder / "[" / "]broken[bold].txt").write_bytes(b"")
    (folder / "empty.txt").write_bytes(b" ")
    result = runner.invoke(app, ["analyze", str(folder), "--db", str(tmp_path / "s.duckdb"), "--no-corpus"])
    assert result.exit_code == 1, result.output
    assert "[/]broken[bold].txt:emptyfile" in "".join(result.output.split())


@pytest.mark.parametrize(("workers", "budget"), [pytest.param(1, 1, id="in-process"),
                                                  pytest.param(2, 4, id="worker-pool")])  # a fresh worker warms up
@pytest.mark.usefixtures("failing_stages")
def test_a_stuck_article_times_out_and_the_batch_goes_on(tmp_path: Path, workers: int, budget: int, res: Resources,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a_slow.txt").write_text("SLOW\n\nThis article never finishes.\n")
    (tmp_path / "b_fine.txt").write_text("Drones struck a depot near Aghdam on Sunday, the ministry said.\n")
    monkeypatch.setattr(res.config, "article_timeout_s", budget)
    with Store.open(":memory:") as store:
        summary = job.run([str(tmp_path)], store, res, workers=workers, corpus=False)
        assert [d.source for d in store.documents()] == [str(tmp_path / "b_fine.txt")]
    [rejected] = summary.rejected
    assert rejected.source == str(tmp_path / "a_slow.txt") and f"timed out after {budget} s" in rejected.reason


@pytest.mark.usefixtures("failing_stages")
def test_a_worker_deaf_to_its_timer_is_killed_and_the_pool_restarted(tmp_path: Path, res: Resources,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "GRACE_S", 1.0)
    monkeypatch.setattr(batch, "deadline", lambda seconds: _no_deadline())  # as if stuck inside C code
    (tmp_path / "a_slow.txt").write_text("SLOW\n\nThis article never finishes.\n")
    (tmp_path / "b_fine.txt").write_text("Drones struck a depot near Aghdam on Sunday, the ministry said.\n")
    monkeypatch.setattr(res.config, "article_timeout_s", 3)
    with Store.open(":memory:") as store:
        summary = job.run([str(tmp_path)], store, res, workers=2, corpus=False)
        assert [d.source for d in store.documents()] == [str(tmp_path / "b_fine.txt")]
    assert "worker stopped" in summary.rejected[0].reason


def _no_deadline():  # type: ignore[no-untyped-def]
    import contextlib

    return contextlib.nullcontext()


def test_sigterm_stops_analyze_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    proc = subprocess.Popen([sys.executable, "-m", "fogline.cli.main", "analyze", "-", "--db", str(db)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not db.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.0)  # the store is open; analyze now waits on stdin
    os.kill(proc.pid, signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err.decode()
    assert b"stopped" in err and b"Traceback" not in err
    with Store.open(db) as store:
        assert store.counts()["documents"] == 0


def test_a_full_disk_during_a_run_ends_with_a_message_not_a_traceback(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(job, "_pending", full)  # the first write of the run fails
    (tmp_path / "a.txt").write_text("Drones struck a depot near Aghdam on Sunday.\n")
    result = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--db", ":memory:", "--jsonl",
                                 str(tmp_path / "out.jsonl")])
    assert result.exit_code == 2 and "No space left on device" in result.output
    assert not isinstance(result.exception, OSError)
