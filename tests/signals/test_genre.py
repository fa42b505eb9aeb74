"""Genre: satire from disclaimers and satire outlets, opinion from markers and voice, report otherwise."""

from __future__ import annotations

import pytest

REPORT = ("Armenia's defence ministry said on Tuesday that two soldiers were wounded by fire from Azerbaijani "
          "positions near the village. Azerbaijan's ministry denied the report and said its units had not fired. "
          "Officials in the district told reporters that the school would stay closed for the rest of the week, "
          "and the regional governor announced new funds for repairs to damaged homes in the area.")


@pytest.mark.parametrize(("name", "genre"), [
    pytest.param("parody.txt", "satire", id="parody-disclaimer"),
    pytest.param("opinion.txt", "opinion", id="opinion-column"),
    pytest.param("report.txt", "report", id="report"),
    pytest.param("page.html", "report", id="html-report"),
])
def test_genre_of_files(from_file, name: str, genre: str) -> None:
    assert from_file(name).genre == genre


def test_parody_signal_points_at_disclaimer(from_file) -> None:
    doc = from_file("parody.txt")
    sig = [s for s in doc.signals if s.kind == "satire_disclaimer"]
    assert sig and all(doc.raw.rfind("Disclaimer") <= s.start for s in sig)


@pytest.mark.parametrize(("url", "outlet", "genre"), [
    pytest.param("https://www.theonion.com/some-story-123", None, "satire", id="satire-url"),
    pytest.param(None, "The Onion", "satire", id="satire-outlet-name"),
    pytest.param("https://example.org/news/2021/story", None, "report", id="unknown-url"),
    pytest.param("https://example.org/opinion/2021/story", None, "opinion", id="opinion-section-url"),
])
def test_genre_from_url_and_outlet(cleaned, url: str | None, outlet: str | None, genre: str) -> None:
    doc = cleaned(f"Soldiers Wounded Near Village\n\n{REPORT}", url=url, outlet=outlet, with_signals=True)
    assert doc.genre == genre


def test_news_about_satire_is_not_satire(cleaned) -> None:
    text = ("Satire Site Fined\n\nA court fined the owner on Monday, officials said. " + REPORT + " "
            + REPORT + "\n\nThe owner said in a statement that a satirical website had every right to exist.\n\n"
            + REPORT)
    doc = cleaned(text, with_signals=True)
    assert doc.genre == "report"


def test_seed_parody(cleaned, shared) -> None:
    doc = cleaned((shared / "seeds" / "000_9c5596f1fa83cccf.txt").read_text(encoding="utf-8"), with_signals=True)
    assert doc.genre == "satire"
    assert "satire_disclaimer" in doc.signal_kinds()


@pytest.mark.parametrize("text", [
    pytest.param("I think we must act, don't you? It's 'clear'.", id="apostrophes"),
    pytest.param("Rock'n'roll o'clock ' '' a'b'c d_e 42x", id="apostrophe-chains"),
    pytest.param("Они заявили — «мы» не отступим; café naïve", id="letters-beyond-ascii"),
    pytest.param("“Quoted” — dashes… and\u00a0spaces", id="punctuation-beyond-ascii"),
    pytest.param("Ереван's mayor and naïve l'été: x² 3rd_place \u0301acute", id="apostrophes-beyond-ascii"),
    pytest.param("broken \udce9 byte and tab\there", id="lone-surrogate"),
])
def test_fast_word_split_matches_the_regex(text: str) -> None:
    from fogline.signals.genre import _WORD, _words

    folded = text.casefold()
    assert sorted(_words(folded)) == sorted(_WORD.findall(folded))
