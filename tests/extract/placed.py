"""Analyse a test sentence with places pinned by the test (so extract is tested without the gazetteer)."""

from __future__ import annotations

from fogline import extract, nlp
from fogline.model import Document, Event, Place, RawArticle, Span
from fogline.resources import Resources

Places = dict[str, tuple[float, float, str]]


def analyse_placed(text: str, res: Resources, places: Places, published: str | None = None) -> list[Event]:
    """nlp and extract on ``text``, every mention of a name in ``places`` resolved to its (lat, lon, ISO3)."""
    doc = Document.from_raw(RawArticle("t", "t", text))
    doc.published = published
    nlp.run(doc, res)
    for name, (lat, lon, iso) in places.items():
        start = text.find(name)
        while start >= 0:
            doc.places.append(Place(name, lat, lon, 1, country=iso, mention=Span(start, start + len(name), name)))
            start = text.find(name, start + 1)
    extract.run(doc, res)
    return doc.events
