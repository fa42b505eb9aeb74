"""``serve`` and other processes share the store: the app holds no DuckDB lock between requests, follows
what another process writes, and answers 503 (Retry-After) to a save while another process writes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
import sample_ledger
from fastapi.testclient import TestClient
from test_app import BASE, fake_analyser

from fogline.web.app import create_app

EXPORT_DIR = str(Path(__file__).resolve().parent.parent / "export")


def _python(code: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.PIPE, text=True)


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
    holder = _python(f"""
        import sys, duckdb
        con = duckdb.connect({db!r})
        print("holding", flush=True)
        sys.stdin.readline()
    """)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        r = c.post("/api/analyse", data={"text": "Troops clashed near Tovuz at dawn.", "save": "true"})
        assert r.status_code == 503 and r.headers["retry-after"] == "2"
        assert "another process" in r.json()["detail"]
        assert c.get("/api/incidents").status_code == 200  # reads go on from the last snapshot
    finally:
        holder.communicate("\n", timeout=30)
