"""``serve`` and other processes share the store: the app holds no DuckDB lock between requests (it reads a
private copy, articles on demand), follows what another process writes, and answers 503 (Retry-After) to a
save while another process writes."""

from __future__ import annotations

import gc
import os
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sample_ledger
from fastapi.testclient import TestClient
from test_app import BASE, fake_analyser

from fogline.web.app import create_app
from fogline.web.workspace import StoreCopy, Workspace

EXPORT_DIR = str(Path(__file__).resolve().parent.parent / "export")


def _python(code: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.PIPE, text=True)


@contextmanager
def _holding_write_lock(db: str) -> Iterator[None]:
    """Another process holds the store's write lock for the block."""
    holder = _python(f"""
        import sys, duckdb
        con = duckdb.connect({db!r})
        print("holding", flush=True)
        sys.stdin.readline()
    """)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        yield
    finally:
        holder.communicate("\n", timeout=30)


def _add_later(db: str) -> None:
    """Another writer adds one article ("later") to the store."""
    from fogline.model import Document
    from fogline.store import Store

    with Store.open(db) as store:
        store.add(Document(doc_id="later", source="later.txt", raw="r", text="r", outlet="later.example"))


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[tuple[TestClient, str]]:
    db = str(tmp_path / "ws.duckdb")
    sample_ledger.fill_store(db)
    with TestClient(create_app(db, analyser=fake_analyser), base_url=BASE) as c:
        assert c.get("/api/incidents").status_code == 200  # the app has read the store
        yield c, db


def test_another_process_writes_while_serving(client: tuple[TestClient, str]) -> None:
    c, db = client
    before = c.get("/api/outlets").json()
    proc = _python(f"""
        import sys
        sys.path.insert(0, {EXPORT_DIR!r})
        import sample_ledger
        from fogline.model import Document
        from fogline.store import Store
        with Store.open({db!r}) as store:
            store.add(Document(doc_id="other-process", source="x.txt", raw="r", text="r", outlet="late.example"))
        print("ok")
    """)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and out.strip() == "ok", err
    after = c.get("/api/outlets").json()
    assert {o["outlet"] for o in after} - {o["outlet"] for o in before} == {"late.example"}


def test_a_save_while_another_process_writes_answers_503(client: tuple[TestClient, str]) -> None:
    c, db = client
    with _holding_write_lock(db):
        r = c.post("/api/analyse", data={"text": "Troops clashed near Tovuz at dawn.", "save": "true"})
        assert r.status_code == 503 and r.headers["retry-after"] == "2"
        assert "another process" in r.json()["detail"]
        assert c.get("/api/incidents").status_code == 200  # reads go on from the last snapshot


def test_a_workspace_started_before_a_writer_serves_its_first_request(tmp_path: Path) -> None:
    db = str(tmp_path / "ws.duckdb")
    sample_ledger.fill_store(db)
    with TestClient(create_app(db, analyser=fake_analyser), base_url=BASE) as c, _holding_write_lock(db):
        assert c.get("/api/incidents").status_code == 200  # the copy taken at start-up serves


@pytest.mark.parametrize("url", [
    pytest.param("/api/documents/am1", id="an-article"),
    pytest.param("/report.html", id="the-report"),
    pytest.param("/api/export/acled.csv", id="a-download"),
    pytest.param("/api/outlets", id="the-outlets"),
])
def test_articles_are_read_from_the_copy_while_another_process_writes(client: tuple[TestClient, str],
                                                                       url: str) -> None:
    c, db = client
    with _holding_write_lock(db):
        r = c.get(url)
    assert r.status_code == 200, r.text
    assert r.text


def test_the_snapshot_holds_no_article(tmp_path: Path) -> None:
    db = str(tmp_path / "ws.duckdb")
    sample_ledger.fill_store(db)
    snap = Workspace(db).snapshot()
    assert not snap.ledger.documents._page and not snap.ledger.documents._cache  # type: ignore[attr-defined]
    reader = snap.reader()
    assert reader.documents["am1"].doc_id == "am1"  # read from the copy, cached in this request's reader
    assert not snap.ledger.documents._cache  # type: ignore[attr-defined]


def test_a_copy_is_deleted_once_nothing_reads_it(tmp_path: Path) -> None:
    db = str(tmp_path / "ws.duckdb")
    sample_ledger.fill_store(db)
    copy = StoreCopy(db)
    folder = copy.folder
    assert sorted(p.name for p in folder.iterdir()) == ["owner.pid", "ws.duckdb"]
    assert len(list(copy.ledger().documents.values())) == len(sample_ledger.documents())
    del copy
    gc.collect()
    assert not folder.exists()


def test_a_change_makes_a_new_copy_and_lets_the_old_one_go(tmp_path: Path) -> None:
    db = str(tmp_path / "ws.duckdb")
    sample_ledger.fill_store(db)
    ws = Workspace(db)
    first = ws.snapshot()
    folder = first.ledger.source.folder  # type: ignore[union-attr]
    assert ws.snapshot() is first  # unchanged store: the same snapshot
    _add_later(db)
    second = ws.snapshot()
    assert second is not first and "later" in second.ledger.documents
    del first
    gc.collect()
    assert not folder.exists()


def test_a_log_left_by_a_writer_is_copied_and_checkpointed(tmp_path: Path) -> None:
    db = str(tmp_path / "ws.duckdb")
    sample_ledger.fill_store(db)
    proc = _python(f"""
        import os, duckdb
        con = duckdb.connect({db!r})
        con.execute("SET checkpoint_threshold = '1GB'")
        con.execute("UPDATE documents SET outlet = 'logged.example' WHERE doc_id = 'am1'")
        print(os.path.exists({db!r} + ".wal"), flush=True)
        os._exit(0)  # as after kill -9: the change is in the log only
    """)
    out, err = proc.communicate(timeout=120)
    assert out.strip() == "True", err
    copy = StoreCopy(db)
    assert not (copy.folder / "ws.duckdb.wal").exists()
    assert copy.ledger().doc_outlet("am1") == "logged.example"


def test_a_copy_that_cannot_be_written_keeps_the_last_snapshot(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from fogline.store import StoreError

    db = str(tmp_path / "ws.duckdb")
    sample_ledger.fill_store(db)
    ws = Workspace(db)
    first = ws.snapshot()
    _add_later(db)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", full)
    assert ws.snapshot() is first  # the old snapshot goes on
    with pytest.raises(StoreError, match="No space left on device"):
        StoreCopy(db)


def test_copies_left_by_a_killed_serve_are_swept(tmp_path: Path) -> None:
    from fogline.web.workspace import sweep_stale_copies

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    here = socket.gethostname()
    owners = {"killed": f"{gone.pid}@{here}", "running": f"{os.getpid()}@{here}", "unreadable": "?",
              "huge-pid": f"{10 ** 20}@{here}", "other-host": f"{gone.pid}@elsewhere.example"}
    for name, owner in owners.items():
        (tmp_path / f"fogline-serve-{name}").mkdir()
        (tmp_path / f"fogline-serve-{name}" / "owner.pid").write_text(owner)
    (tmp_path / "fogline-serve-killed" / "ws.duckdb").write_bytes(b"x" * 1024)
    assert sweep_stale_copies(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"fogline-serve-{n}" for n in sorted(owners) if n != "killed"]


def test_requests_go_on_with_the_last_snapshot_while_one_makes_the_next_copy(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from fogline.web import workspace

    db = str(tmp_path / "ws.duckdb")
    sample_ledger.fill_store(db)
    ws = Workspace(db)
    first = ws.snapshot()
    _add_later(db)
    copying, release = threading.Event(), threading.Event()
    real_copy = workspace.private_copy

    def slow_copy(path: str, folder: Path) -> object:
        copying.set()
        release.wait(30)
        return real_copy(path, folder)

    monkeypatch.setattr(workspace, "private_copy", slow_copy)
    made: list[object] = []
    refresher = threading.Thread(target=lambda: made.append(ws.snapshot()))
    refresher.start()
    assert copying.wait(30)
    assert ws.snapshot() is first  # answered at once from the last snapshot
    release.set()
    refresher.join(30)
    assert made and made[0] is not first and ws.snapshot() is made[0]
    assert "later" in ws.snapshot().ledger.documents
