"""The workspace's analysis runs off the event loop with a time budget: a slow upload does not stop other
requests, the real pipeline runs in a worker process that is killed when it overruns, and the next
upload gets a fresh worker."""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sample_ledger
import uvicorn
from test_app import fake_analyser

from fogline.model import Document, Rejected
from fogline.web.workspace import AnalysisTimeout, AnalysisWorker

ARTICLE = (b"Border clash reported\n\nArmenian and Azerbaijani troops exchanged fire near Tovuz on 12 July 2020, "
           b"the defence ministry in Baku said.")


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[str]:
    from fogline.web.app import create_app

    gate = threading.Event()

    def held_analyser(data: bytes, source: str) -> list[Document | Rejected]:
        gate.wait(30)
        return fake_analyser(data, source)

    db = str(tmp_path / "ws.duckdb")
    sample_ledger.fill_store(db)
    app = create_app(db, analyser=held_analyser)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        gate.set()
        server.should_exit = True
        thread.join(timeout=20)


def test_a_slow_analysis_does_not_block_other_requests(server: str) -> None:
    import httpx

    done = threading.Event()

    def upload() -> None:
        httpx.post(server + "/api/analyse", data={"text": "Troops clashed near Tovuz."}, timeout=60)
        done.set()

    threading.Thread(target=upload, daemon=True).start()
    time.sleep(0.3)
    assert httpx.get(server + "/api/incidents", timeout=10).status_code == 200
    assert not done.is_set()  # the upload is still being analysed, yet the read was answered


@pytest.mark.slow
def test_the_pipeline_worker_is_stopped_at_its_budget_and_replaced() -> None:
    async def scenario() -> list[Document | Rejected]:
        worker = AnalysisWorker(None, timeout_s=0.05)
        try:
            with pytest.raises(AnalysisTimeout, match="budget"):
                await worker.run(ARTICLE, "upload:slow.txt")
            worker.timeout_s = 300
            return await worker.run(ARTICLE, "upload:next.txt")
        finally:
            worker.close()

    with cf.ThreadPoolExecutor(1) as pool:  # its own thread: another test's event loop may be running here
        items = pool.submit(asyncio.run, scenario()).result()
    assert isinstance(items[0], Document) and items[0].events
