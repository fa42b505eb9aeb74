"""Helpers for the browser tests: served workspaces, screenshots under test-artifacts/ (gitignored) for
review, markers in the map's viewport, and polling from Python (the pages' CSP forbids eval)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, proc: subprocess.Popen[bytes] | None = None, tries: int = 300) -> None:
    for _ in range(tries):
        try:
            urllib.request.urlopen(url, timeout=1)  # noqa: S310 - localhost only
            return
        except OSError:
            if proc is not None and proc.poll() is not None:
                pytest.fail(f"fogline serve exited: {proc.stderr.read().decode() if proc.stderr else ''}")
            time.sleep(0.2)
    pytest.fail(f"{url} never answered")


def serve_store(db: str) -> Iterator[str]:
    """``fogline serve`` on a free port over ``db``, for the length of the generator."""
    port = free_port()
    exe = shutil.which("fogline", path=str(Path(sys.executable).parent)) or "fogline"
    proc = subprocess.Popen([exe, "serve", "--db", db, "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/api/config", proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def serve_app(app: Any) -> Iterator[str]:
    """An app object served by uvicorn in a thread (for synthetic ledgers that live only in memory)."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/api/config")
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=20)


def shot(page: Any, name: str, full: bool = False) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=full)
    return path


def markers_in_view(page: Any) -> int:
    """How many incident markers or clusters are drawn inside the map's box."""
    return int(page.evaluate("""() => {
        const box = document.getElementById('map').getBoundingClientRect();
        const icons = document.querySelectorAll('#map .incident-icon, #map .marker-cluster');
        return [...icons].filter(n => { const r = n.getBoundingClientRect();
            const x = r.left + r.width / 2, y = r.top + r.height / 2;
            return x >= box.left && x <= box.right && y >= box.top && y <= box.bottom; }).length;
    }"""))


def until(page: Any, expr: str, timeout_s: float = 20.0) -> None:
    """Wait until the JavaScript expression is true (polled from Python: the page's CSP forbids eval)."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(f"() => Boolean({expr})"):
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {expr}")
        time.sleep(0.1)
