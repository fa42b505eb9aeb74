"""The workspace and the report driven in headless Chromium (Debian's), as an analyst would use them."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import sample_ledger

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"

if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is absent (apt-get install chromium); browser tests skipped",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = str(tmp_path_factory.mktemp("ws") / "ws.duckdb")
    sample_ledger.fill_store(db)
    port = _free_port()
    exe = shutil.which("fogline", path=str(Path(sys.executable).parent)) or "fogline"
    proc = subprocess.Popen([exe, "serve", "--db", db, "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/api/config", timeout=1)  # noqa: S310 - localhost only
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"fogline serve exited: {proc.stderr.read().decode() if proc.stderr else ''}")
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    pg = ctx.new_page()
    yield pg
    ctx.close()


def _shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)  # type: ignore[attr-defined]


def test_map_filters_and_incident(server: str, page: object) -> None:
    page.goto(server + "/")  # type: ignore[attr-defined]
    page.wait_for_selector("body[data-ready='1']")  # type: ignore[attr-defined]
    assert page.locator("#map circle.incident").count() == 4  # type: ignore[attr-defined]
    assert page.locator("#map path.country").count() > 3  # type: ignore[attr-defined]
    _shot(page, "workspace-map.png")
    page.select_option("#filters select[name=contested]", "true")  # type: ignore[attr-defined]
    sync_api.expect(page.locator("#map circle.incident")).to_have_count(1)  # type: ignore[attr-defined]
    page.locator("#map circle.incident").first.click()  # type: ignore[attr-defined]
    page.wait_for_selector("#detail mark.claim-denies")  # type: ignore[attr-defined]
    assert "Officials in Baku rejected the account" in page.inner_text("#detail")  # type: ignore[attr-defined]
    _shot(page, "workspace-incident.png")


def test_zoom_changes_the_view(server: str, page: object) -> None:
    page.goto(server + "/")  # type: ignore[attr-defined]
    page.wait_for_selector("body[data-ready='1']")  # type: ignore[attr-defined]
    before = page.get_attribute("#map", "viewBox")  # type: ignore[attr-defined]
    page.click("#zoom-in")  # type: ignore[attr-defined]
    assert page.get_attribute("#map", "viewBox") != before  # type: ignore[attr-defined]


def test_uploaded_script_is_shown_not_run(server: str, page: object, tmp_path: Path) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text("Border clash reported\n\nArmenian and Azerbaijani troops exchanged fire near Tovuz on "
                       f"12 July 2020, the defence ministry in Baku said. {sample_ledger.HOSTILE}\n", encoding="utf-8")
    page.goto(server + "/")  # type: ignore[attr-defined]
    page.wait_for_selector("body[data-ready='1']")  # type: ignore[attr-defined]
    page.set_input_files("#analyse-form input[type=file]", str(article))  # type: ignore[attr-defined]
    page.click("#analyse-form button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_selector("#analysis[data-done='1'], #analysis .error", timeout=120_000)  # type: ignore[attr-defined]
    assert page.evaluate("window.__pwned === undefined")  # type: ignore[attr-defined]
    assert page.locator("#analysis script, #analysis img").count() == 0  # type: ignore[attr-defined]
    _shot(page, "workspace-upload.png")


def test_report_opens_offline_with_map_and_timeline(browser: object, tmp_path: Path) -> None:
    from fogline.export.report import render_report

    report = tmp_path / "report.html"
    report.write_text(render_report(sample_ledger.ledger()), encoding="utf-8")
    ctx = browser.new_context(offline=True, viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    requests: list[str] = []
    page = ctx.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report.as_uri())
    assert page.locator("svg.map circle.incident").count() == 4
    assert page.locator("svg.timeline rect.bar").count() == 3
    assert page.evaluate("window.__pwned === undefined")
    _shot(page, "report.png")
    assert [u for u in requests if not u.startswith("file:")] == []
    ctx.close()
