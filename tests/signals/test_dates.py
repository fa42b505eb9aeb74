"""Publication dates from datelines, as EDTF; dates inside body sentences are not publication dates."""

from __future__ import annotations

import pytest

BODY = "The ministry said the talks would continue next week in the capital, officials told reporters."


@pytest.mark.parametrize(("head", "date"), [
    pytest.param("22 October 2020, 13:08Politics", "2020-10-22", id="dmy-time"),
    pytest.param("Posted on March 25, 2022", "2022-03-25", id="posted-mdy"),
    pytest.param("By Anna Melikyan | Sept. 14, 2022", "2022-09-14", id="byline-separator"),
    pytest.param("Yerevan, 3 February 2021", "2021-02-03", id="place-dateline"),
    pytest.param("12.03.2021", "2021-03-12", id="dotted"),
    pytest.param("2020-11-10", "2020-11-10", id="iso"),
    pytest.param("4 октября 2020, 10:15", "2020-10-04", id="russian-month"),
    pytest.param("31 February 2021", None, id="impossible-date"),
])
def test_dateline(cleaned, head: str, date: str | None) -> None:
    doc = cleaned(f"Talks To Continue\n\n{head}\n\n{BODY}", with_signals=True)
    assert doc.published == date


def test_date_in_body_is_not_publication(cleaned) -> None:
    doc = cleaned(f"Talks To Continue\n\n{BODY} The previous round ended on 22 October 2020 without a deal.",
                  with_signals=True)
    assert doc.published is None


@pytest.mark.parametrize(("meta", "edtf"), [
    pytest.param("2020-10-07T09:30:00Z", "2020-10-07", id="iso-datetime"),
    pytest.param("2021-05", "2021-05", id="edtf-month"),
])
def test_metadata_date_kept(res, meta: str, edtf: str) -> None:
    from fogline import clean, signals
    from fogline.model import ArticleMeta, Document, RawArticle

    doc = Document.from_raw(RawArticle("t", "t", f"Title Here\n\n22 October 2020\n\n{BODY}",
                                       meta=ArticleMeta(published=meta)))
    clean.run(doc, res)
    signals.run(doc, res)
    assert doc.published == edtf


def test_publication_on_the_line_after_the_title(cleaned) -> None:
    """Full-article files: line 1 the title, line 2 the publication date, then the body."""
    doc = cleaned(f"Talks To Continue\n2020-09-10\n{BODY}", with_signals=True)
    assert doc.published == "2020-09-10"
