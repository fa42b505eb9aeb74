"""The workspace over stores the real pipeline built: the five seeds, and a mixed store (the seeds, the
bundled examples and forty articles from elsewhere in the world). At first load the map shows markers
inside the viewport, framed on the bulk of the incidents rather than on far outliers."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browserkit import ROOT, markers_in_view, serve_store, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _analyse(db: Path, *folders: Path) -> str:
    exe = shutil.which("fogline", path=str(Path(sys.executable).parent)) or "fogline"
    done = subprocess.run([exe, "analyze", *map(str, folders), "--db", str(db)], capture_output=True, text=True,
                          timeout=900, check=False)
    assert done.returncode in (0, 1), done.stderr  # 1: some inputs rejected, the rest stored
    return str(db)


@pytest.fixture(scope="module")
def seeds_server(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_store(_analyse(tmp_path_factory.mktemp("seeds") / "seeds.duckdb", shared / "seeds"))


@pytest.fixture(scope="module")
def mixed_server(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = _analyse(tmp_path_factory.mktemp("mixed") / "mixed.duckdb", shared / "seeds", ROOT / "examples",
                  shared / "eval" / "dev" / "fullnews" / "articles")
    yield from serve_store(db)


def _first_load(page: Any, url: str) -> dict[str, Any]:
    page.goto(url + "/")
    page.wait_for_selector("body[data-ready='1']")
    return dict(page.evaluate("""() => { const w = window.foglineWorkspace, b = w.map.map.getBounds();
        return {placed: w.list.filter(s => s.lat !== null).length, zoom: w.map.map.getZoom(),
                inView: w.list.filter(s => s.lat !== null && b.contains([s.lat, s.lon])).length}; }"""))


def test_seeds_map_shows_markers_at_first_load(seeds_server: str, page: Any) -> None:
    state = _first_load(page, seeds_server)
    assert state["placed"] > 0 and markers_in_view(page) >= 1
    assert state["inView"] >= 0.8 * state["placed"]  # the Karabakh incidents, not a world view
    shot(page, "seeds-map.png")
    page.locator("#incident-list li").first.click()
    page.wait_for_selector("#detail .report details.article")
    assert page.locator("#detail .report").count() >= 1
    shot(page, "seeds-incident.png")


def test_mixed_store_frames_the_bulk(mixed_server: str, page: Any) -> None:
    state = _first_load(page, mixed_server)
    assert state["placed"] > 10 and markers_in_view(page) >= 1
    assert state["inView"] >= 0.5 * state["placed"]
    shot(page, "mixed-map.png")
