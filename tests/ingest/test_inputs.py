"""The inputs people have: scraper columns, dates in many forms, an outlet for plain text, URL lists,
browser folders, and articles in other languages."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from fogline.config import Config
from fogline.ingest import language, read_bytes, read_paths
from fogline.ingest.dates import edtf_or_none
from fogline.ingest.language import detect
from fogline.model import RawArticle, Rejected

STORY = "Artillery fire hit the outskirts of the town overnight and two houses burned, the district office said."


@pytest.mark.parametrize("column", ["text", "maintext", "content", "body", "article"],
                         ids=["text", "maintext", "content", "body", "article"])
def test_common_text_columns_are_recognised(column: str) -> None:
    jsonl = json.dumps({column: STORY, "headline": "Fire in the outskirts", "date_publish": "2020-10-05"})
    [row] = read_bytes(jsonl.encode(), "dump.jsonl")
    assert isinstance(row, RawArticle) and row.raw == STORY
    assert (row.meta.title, row.meta.published) == ("Fire in the outskirts", "2020-10-05")
    [csv_row] = read_bytes(f'{column},title\n"{STORY}",Fire\n'.encode(), "dump.csv")
    assert isinstance(csv_row, RawArticle) and csv_row.raw == STORY


@pytest.mark.parametrize("columns,data", [
    ({"text": "story"}, b'story,when\n"' + STORY.encode() + b'",2020-10-05\n'),
    ({"text": "story", "title": "head", "published": "when"},
     b'story,head,when\n"' + STORY.encode() + b'",Fire,2020-10-05\n'),
], ids=["text-column", "map-title-and-date"])
def test_named_columns(columns: dict[str, str], data: bytes) -> None:
    [row] = read_bytes(data, "x.csv", Config(columns=columns))
    assert isinstance(row, RawArticle) and row.raw == STORY
    if "title" in columns:
        assert (row.meta.title, row.meta.published) == ("Fire", "2020-10-05")


@pytest.mark.parametrize("value,expected", [
    ("2020-09-27T10:00:00Z", "2020-09-27"),
    ("27 September 2020", "2020-09-27"),
    ("Sep 27, 2020", "2020-09-27"),
    ("Sun, 27 Sep 2020 10:15:00 +0000", "2020-09-27"),
    ("27/09/2020", "2020-09-27"),
    ("1601164800", "2020-09-27"),
    ("2020-09", "2020-09"),
], ids=["iso", "day-month-year", "month-day-year", "rfc2822", "slashes-day-first", "epoch-seconds", "month"])
def test_publication_dates_in_common_forms(value: str, expected: str) -> None:
    assert edtf_or_none(value) == expected


def test_an_unreadable_date_is_left_empty_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="fogline.ingest"):
        assert edtf_or_none("the day after the ceasefire", "x.jsonl#3") is None
    assert "x.jsonl#3: publication date" in caplog.text


def test_outlet_for_articles_that_name_none() -> None:
    [txt] = read_bytes(STORY.encode(), "a.txt", Config(outlet="Caucasus Wire"))
    assert isinstance(txt, RawArticle) and txt.meta.outlet == "Caucasus Wire"
    [named] = read_bytes(json.dumps({"text": STORY, "outlet": "Other"}).encode(), "b.jsonl",
                         Config(outlet="Caucasus Wire"))
    assert isinstance(named, RawArticle) and named.meta.outlet == "Other"


def test_a_list_of_urls_is_refused() -> None:
    [item] = read_bytes(b"https://example.org/a\nhttps://example.org/b\n\n", "urls.txt")
    assert isinstance(item, Rejected) and "fetching is not supported offline; save the pages first" in item.reason


def test_browser_files_folders_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "ads.html").write_text("<html><body><p>Buy now</p></body></html>", encoding="utf-8")
    sources = [i.source for i in read_paths([str(tmp_path)])]
    assert len(sources) == 1 and sources[0].endswith("page.txt")


@pytest.mark.parametrize("text,lang", [
    (STORY, "en"),
    ("Артиллерийский огонь ночью поразил окраины города, сгорели два дома, сообщили в районе.", "ru"),
    ("Les tirs d'artillerie ont touché la périphérie de la ville et deux maisons ont brûlé, a dit le bureau.", "fr"),
    ("Gecə artilleriya atəşi şəhərin kənarını vurub və iki ev yanıb, rayon idarəsi bildirib ki, bu da var.", "az"),
    ("Der Bericht² und die Stadt³ sind mit dem Amt in der Nacht, und das ist nicht ein Fall von ihm.", "de"),
    ("The ² and ³ marks of the footnotes are in the text, and it is on the page for the readers.", "en"),
], ids=["english", "russian", "french", "azerbaijani", "german-with-superscripts", "english-with-superscripts"])
def test_language_detector(text: str, lang: str) -> None:
    assert detect(text) == lang


def test_non_english_articles_are_flagged_and_counted(caplog: pytest.LogCaptureFixture) -> None:
    language.seen.clear()
    with caplog.at_level(logging.WARNING, logger="fogline.ingest"):
        [item] = read_bytes("Артиллерийский огонь ночью поразил окраины города.".encode(), "ru.txt")
    assert isinstance(item, RawArticle) and language.seen["ru"] == 1
    assert "ru.txt: written in 'ru', not English" in caplog.text
    language.seen.clear()


@pytest.mark.parametrize(("marker_at", "given", "expected"), [
    pytest.param("root", None, "Folder Wire", id="folder-outlet"),
    pytest.param("sub", None, "Sub Desk", id="nearest-folder-wins"),
    pytest.param("root", "Run Outlet", "Folder Wire", id="folder-beats-run-option"),
    pytest.param(None, "Run Outlet", "Run Outlet", id="run-option-alone"),
])
def test_per_folder_outlet(tmp_path: Path, marker_at: str | None, given: str | None, expected: str) -> None:

    sub = tmp_path / "desk"
    sub.mkdir()
    (sub / "a.txt").write_text("Troops shelled a village\n\nTroops shelled a village on Monday, officials said.\n")
    if marker_at == "root":
        (tmp_path / ".outlet").write_text("Folder Wire\n")
    elif marker_at == "sub":
        (tmp_path / ".outlet").write_text("Folder Wire\n")
        (sub / ".outlet").write_text("Sub Desk\n")
    cfg = Config()
    cfg.outlet = given
    items = list(read_paths([str(tmp_path)], cfg))
    assert [i.meta.outlet for i in items] == [expected]


@pytest.mark.parametrize("text,urls", [
    ("https://example.am/a\n\n  http://example.az/b  \n", 2),
    ("https://example.am/a\nShelling was reported overnight.\n", 0),
    ("Shelling was reported overnight.\nhttps://example.am/a\n", 0),
    ("\n \n", 0),
], ids=["only-urls", "a-url-then-prose", "prose-first", "blank"])
def test_url_lines(text: str, urls: int) -> None:
    from fogline.ingest.formats import url_lines

    assert url_lines(text) == urls


@pytest.mark.parametrize("text", [
    "\u201cShelling resumed,\u201d the mayor said \u2014 twice \u2026 and the \u20ac price rose\u2122.",
    "Ночью обстреляли окраины города, сообщили в районе, и это \u201cправда\u201d.",
    "The word \u1f00 and \u2071 sit just below and above General Punctuation.",
], ids=["latin-with-typographic-punctuation", "cyrillic-with-quotes", "letters-next-to-general-punctuation"])
def test_script_letter_scan_agrees_with_the_highest_letter(text: str) -> None:
    from fogline.ingest.language import _data

    data = _data()
    letters = [c for c in text if c.isalpha()]
    highest = max(letters) >= data["first_script_letter"]
    assert highest <= bool(data["above_first"].search(text))  # never misses a letter the full scan would see


@pytest.mark.parametrize("text", [
    "Shelling resumed at 6am, the mayor's office said (twice).",
    "Ночью обстреляли окраины — «правда», сообщили в районе.",
    "x² 3rd_place naïve l'été \u0301acute tab\there\u00a0nb",
    "broken \udce9 byte",
    "",
], ids=["ascii", "cyrillic-with-punctuation", "signs-digits-marks-and-spaces", "lone-surrogate", "empty"])
def test_letter_runs_match_the_regex(text: str) -> None:
    from fogline.ingest.language import _WORD, letter_runs

    assert letter_runs(text) == _WORD.findall(text)
