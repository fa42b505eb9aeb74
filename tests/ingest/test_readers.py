from __future__ import annotations

import json
from pathlib import Path

import pytest

from fogline.config import Config
from fogline.ingest import read_bytes, read_paths
from fogline.model import RawArticle, Rejected

HTML = b"""<!DOCTYPE html><html><head><title>Drone strike reported near Aghdam</title>
<meta property="og:site_name" content="Caucasus Wire"><meta name="date" content="2020-10-30">
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Drone strike reported near Aghdam</h1>
<p>A drone struck an armoured vehicle on the road east of Aghdam on Thursday morning, the regional
defence office said in a statement published before noon.</p>
<p>Officials on the other side of the line said they had no information about any strike in the area
and asked reporters to wait for a formal statement later in the day.</p>
<p>Residents of two nearby villages told our correspondent they heard several explosions before dawn
and saw smoke rising from the direction of the highway for about an hour.</p></article>
<footer>Copyright 2020 Caucasus Wire</footer></body></html>"""


def test_plain_text_article() -> None:
    [a] = read_bytes(b"Title line\n\nBody text about a ceasefire.\r\n", "a.txt")
    assert isinstance(a, RawArticle)
    assert a.raw == "Title line\n\nBody text about a ceasefire.\n"
    assert a.source == "a.txt"


def test_html_main_text_and_metadata() -> None:
    [a] = read_bytes(HTML, "page.html")
    assert isinstance(a, RawArticle), a
    assert "armoured vehicle" in a.raw
    assert "Home" not in a.raw
    assert a.meta.title == "Drone strike reported near Aghdam"
    assert a.meta.published == "2020-10-30"


def test_jsonl_rows_with_metadata_and_a_bad_line() -> None:
    rows = [
        {"text": "Protest in Yerevan over the border deal.", "url": "https://example.am/a", "title": "Protest",
         "published": "2020-11-10T09:00:00Z", "outlet": "Example AM"},
        "not an object",
        {"title": "no text"},
    ]
    data = "\n".join(json.dumps(r) for r in rows) + "\n{broken json\n"
    items = read_bytes(data.encode(), "batch.jsonl")
    assert isinstance(items[0], RawArticle)
    assert items[0].meta.published == "2020-11-10" and items[0].meta.outlet == "Example AM"
    assert [type(i).__name__ for i in items[1:]] == ["Rejected", "Rejected", "Rejected"]
    assert items[3].source == "batch.jsonl#4" and "not valid JSON" in items[3].reason


def test_csv_rows_need_a_text_column() -> None:
    good = read_bytes(b"text,outlet\n\"Shells fell on Martuni overnight.\",Artsakh Press\n", "x.csv")
    assert isinstance(good[0], RawArticle) and good[0].meta.outlet == "Artsakh Press"
    [bad] = read_bytes(b"story,outlet\nsomething,else\n", "y.csv")
    assert isinstance(bad, Rejected) and "no text column" in bad.reason and "--text-column" in bad.reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [pytest.param(b"", "empty", id="empty"), pytest.param(b"  \n\n ", "empty", id="whitespace"),
     pytest.param(b"\x00\x01\x02binary", "binary", id="binary"),
     pytest.param(b"x" * 2000, "too large", id="too-large")],
)
def test_bad_inputs_are_rejected_with_reason(data: bytes, reason: str) -> None:
    [r] = read_bytes(data, "bad.txt", Config(max_bytes=1000))
    assert isinstance(r, Rejected)
    assert reason in r.reason and r.source == "bad.txt"


def test_folder_walk_is_sorted_and_skips_other_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Second article body.")
    (tmp_path / "sub" / "a.txt").write_text("First article body.")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\x00")
    (tmp_path / "meta.json").write_text("{}")
    sources = [i.source for i in read_paths([str(tmp_path)])]
    assert sources == [str(tmp_path / "b.txt"), str(tmp_path / "sub" / "a.txt")]


def test_missing_file_is_rejected(tmp_path: Path) -> None:
    [r] = list(read_paths([str(tmp_path / "nope.txt")]))
    assert isinstance(r, Rejected) and "cannot read" in r.reason
