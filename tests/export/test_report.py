"""The situation report: self-contained, escaped, with map, timeline, contest, outlets and evidence."""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

import pytest
import sample_ledger

from fogline.export.ledger import Filters, Ledger
from fogline.export.report import md_escape, render_report, write_report


@pytest.fixture(scope="module")
def html() -> str:
    return render_report(sample_ledger.ledger())


def test_report_is_self_contained(html: str) -> None:
    assert not re.search(r"""<(script|img|iframe)[^>]*\ssrc\s*=""", html), "no external script or image"
    assert "<link" not in html and "@import" not in html
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html), "no remote CSS resource"
    assert "L.markerClusterGroup" in html and "FoglineMap" in html, "Leaflet and the map script are inlined"


def _data(html: str) -> dict:  # type: ignore[type-arg]
    m = re.search(r'<script type="application/json" id="fog-data">(.*?)</script>', html, re.S)
    assert m
    return json.loads(m.group(1))


def test_report_has_every_section(html: str) -> None:
    for anchor in ('id="map"', '<svg class="timeline"', 'id="contested"', 'id="outlets"', 'id="incidents"'):
        assert anchor in html
    data = _data(html)
    assert len(data["incidents"]) == 4
    assert {"admin0", "admin1", "districts", "places"} <= set(data["layers"])
    assert all(isinstance(s["casualties"], int) and "radius" not in s for s in data["incidents"])
    assert "Ministry of Defence of Armenia: 3 wounded, asserts" in html
    assert '<mark class="claim-denies">Officials in Baku rejected the account</mark>' in html


def test_basemap_is_cut_to_the_incidents(html: str) -> None:
    names = {f["properties"]["name"] for f in _data(html)["layers"]["places"]["features"]}
    assert {"Stepanakert", "Baku"} & names and "Lima" not in names


def test_article_markup_is_escaped(html: str) -> None:
    assert sample_ledger.HOSTILE not in html
    assert "&lt;script&gt;window.__pwned" in html
    markup = re.sub(r"<script\b.*?</script>", "", html, flags=re.S)  # the inlined libraries are code, not data
    assert "onerror=" not in markup.replace("onerror=&#34;", "").replace("onerror=&quot;", "")
    data_block = re.search(r'id="fog-data">(.*?)</script>', html, re.S)
    assert data_block and "<" not in data_block.group(1)


@pytest.mark.parametrize("filters,expected", [
    (Filters(since="2021-01-01"), {"inc-drone"}),
    (Filters(region="Armenia"), set()),
    (Filters(region="Azerbaijan"), {"inc-clash", "inc-drone", "inc-joke", "inc-rumour"}),
    (Filters(region="Khojaly"), {"inc-drone"}),
    (Filters(contested=True), {"inc-clash"}),
], ids=["since", "region-none", "region-country", "region-admin1", "contested"])
def test_report_filters(filters: Filters, expected: set[str]) -> None:
    html = render_report(sample_ledger.ledger(), filters)
    assert set(re.findall(r'class="incident-card" id="inc-([\w-]+)"', html)) == expected


def test_markdown_digest_escapes_and_lists_incidents() -> None:
    md = render_report(sample_ledger.ledger(), fmt="md")
    assert md.startswith("# fogline situation report")
    assert "### Air/drone strike · Parukh · 2022-03-25" in md
    assert "<script>" not in md and "&lt;script&gt;" in md


@pytest.mark.parametrize("raw,expected", [("a*b_c", "a\\*b\\_c"), ("<b>", "&lt;b&gt;"), ("x\n\ny", "x y")],
                         ids=["emphasis", "html", "newlines"])
def test_md_escape(raw: str, expected: str) -> None:
    assert md_escape(raw) == expected


def test_write_report_from_a_store(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    sample_ledger.fill_store(db)
    from fogline.store import Store

    with Store.open(db) as store:
        assert write_report(store, tmp_path / "r.html", since="2020-12-01") == 3
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_command_reads_the_store_read_only(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from fogline.cli.main import app

    db = str(tmp_path / "s.duckdb")
    sample_ledger.fill_store(db)
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", "--db", db, "-o", str(out)])
    assert result.exit_code == 0 and "4 incidents" in result.output
    assert 'id="fog-data"' in out.read_text(encoding="utf-8")
    missing = CliRunner().invoke(app, ["report", "--db", str(tmp_path / "none.duckdb"), "-o", str(out)])
    assert missing.exit_code == 2 and "no fogline store there" in " ".join(missing.output.split())


_OLD_MARK = "\x00fogline-report-data\x00"  # the fixed mark the report used before: any article could hold it


@pytest.mark.parametrize("field,words", [
    ("title", f"Shelling {_OLD_MARK} near Hadrut"),
    ("title", "Shelling <fogline-report-data 0123456789abcdef0123456789abcdef> near Hadrut"),
    ("outlet", f"wire{_OLD_MARK}.example"),
    ("text", "Shelling near Hadrut.</script><script>window.__pwned = 3;</script><!-- then "),
], ids=["old-mark-in-title", "new-mark-shape-in-title", "old-mark-in-outlet", "script-end-in-text"])
def test_data_block_survives_article_text(field: str, words: str) -> None:
    docs = sample_ledger.documents()
    drone = next(d for d in docs if d.doc_id == "nk1")
    setattr(drone, field, words)
    if field == "text":
        drone.title = words
    html = render_report(Ledger.of(docs, sample_ledger.incidents(docs)))
    assert html.count('<script type="application/json" id="fog-data">') == 1
    data = _data(html)
    assert len(data["incidents"]) == 4
    assert "<" not in re.search(r'id="fog-data">(.*?)</script>', html, re.S).group(1)  # type: ignore[union-attr]
    assert escape(words) in html  # the article's words are shown, escaped, where they belong
    assert html.count('"incidents": [') == 1
