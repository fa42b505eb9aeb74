"""The workspace driven in headless Chromium as an analyst would use it, over the sample store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sample_ledger
from browserkit import markers_in_view, serve_store, shot, until

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = str(tmp_path_factory.mktemp("ws") / "ws.duckdb")
    sample_ledger.fill_store(db)
    yield from serve_store(db)


def _open(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']")


def _zoom_centre(page: Any) -> tuple[float, float, float]:
    return tuple(page.evaluate("() => { const m = window.foglineWorkspace.map.map, c = m.getCenter();"
                               " return [m.getZoom(), c.lat, c.lng]; }"))


def test_map_shows_markers_basemap_and_legend(server: str, page: Any) -> None:
    _open(page, server + "/")
    assert markers_in_view(page) >= 1
    assert page.locator("#map svg path").count() > 20  # countries, provinces and districts, drawn offline
    assert page.locator("#map .map-label").count() > 0
    assert "contested" in page.inner_text("#map .map-legend")
    shot(page, "workspace-map.png")


def test_clicking_a_marker_opens_its_sources_with_cuts(server: str, page: Any) -> None:
    _open(page, server + "/?contested=true")
    assert page.input_value("#filters select[name=contested]") == "true"  # the address keeps the filters
    marker = page.locator("#map .incident-icon .incident")
    until(page, "document.querySelectorAll('#map .incident-icon').length === 1")
    assert "contested" in (marker.get_attribute("class") or "")
    marker.click()
    page.wait_for_selector("#detail mark.claim-denies")
    detail = page.inner_text("#detail")
    assert "Officials in Baku rejected the account" in detail
    assert page.locator("#detail .sides .side").count() >= 2  # claims side by side, one column per claimant
    assert page.locator("#detail mark.cut-comments").count() == 1  # the reader comments that were cut
    assert "outlet rating: known_outlet_rating: mixed" in detail and "confidence:" in detail
    shot(page, "workspace-incident.png")


def test_filtering_refits_the_map_and_the_address_keeps_it(server: str, page: Any) -> None:
    _open(page, server + "/")
    before = _zoom_centre(page)
    page.fill("#filters input[name=place]", "Khojaly")
    page.press("#filters input[name=place]", "Enter")
    until(page, "location.search.includes('place=Khojaly')")
    until(page, "document.querySelectorAll('#incident-list li').length === 1")
    after = _zoom_centre(page)
    assert after != before
    assert abs(after[1] - 40.02) < 0.5 and abs(after[2] - 46.80) < 0.5  # centred on the one incident left
    assert markers_in_view(page) == 1
    shot(page, "workspace-filtered.png")
    _open(page, page.url)  # a shared link shows the same view
    assert page.input_value("#filters input[name=place]") == "Khojaly"
    assert page.locator("#incident-list li").count() == 1


def test_brushing_the_timeline_filters_map_and_list(server: str, page: Any) -> None:
    _open(page, server + "/")
    total = page.locator("#incident-list li").count()
    box = page.locator("#timeline").bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 40)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + 40, steps=5)
    page.mouse.up()
    until(page, "location.search.includes('since=') && location.search.includes('until=')")
    until(page, f"document.querySelectorAll('#incident-list li').length < {total}")
    assert page.locator("#timeline rect.brush").count() == 1
    shot(page, "workspace-brushed.png")


def test_uploaded_script_is_shown_not_run(server: str, page: Any, tmp_path: Path) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text("Border clash reported\n\nArmenian and Azerbaijani troops exchanged fire near Tovuz on "
                       f"12 July 2020, the defence ministry in Baku said. {sample_ledger.HOSTILE}\n", encoding="utf-8")
    _open(page, server + "/")
    page.set_input_files("#analyse-form input[type=file]", str(article))
    page.click("#analyse-form button[type=submit]")
    page.wait_for_selector("#analysis[data-done='1'], #analysis .error", timeout=180_000)
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("#analysis script, #analysis img").count() == 0
    shot(page, "workspace-upload.png")


def test_docs_render_offline(server: str, page: Any) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "fogline workspace" in page.inner_text(".swagger-ui .info .title")
    page.wait_for_selector(".swagger-ui .opblock")
    assert page.locator(".swagger-ui .opblock").count() >= 10
    assert [u for u in requests if not u.startswith(server)] == []
    shot(page, "docs.png")
