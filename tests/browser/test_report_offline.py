"""The self-contained report opened from file:// in an offline browser: map, timeline, no request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sample_ledger
from browserkit import markers_in_view, shot

pytestmark = pytest.mark.browser


def test_report_opens_offline_with_map_and_timeline(browser: Any, tmp_path: Path) -> None:
    from fogline.export.report import render_report

    report = tmp_path / "report.html"
    report.write_text(render_report(sample_ledger.ledger()), encoding="utf-8")
    ctx = browser.new_context(offline=True, viewport={"width": 1200, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    page = ctx.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(report.as_uri())
    page.wait_for_selector("body[data-ready='1']")
    assert markers_in_view(page) >= 1
    assert page.locator("#map svg path").count() > 10  # the inlined basemap
    assert page.locator("svg.timeline rect.bar").count() == 3  # the undated incident is counted apart
    assert page.evaluate("window.__pwned === undefined")
    shot(page, "report.png")
    page.locator("#legend input[data-type='Battles']").uncheck()
    assert page.locator("article.incident-card.hidden").count() == 2
    assert [u for u in requests if not u.startswith("file:")] == []
    assert errors == []
    ctx.close()
