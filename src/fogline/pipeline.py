"""The per-article pipeline: the ordered stages and the one function that runs them.

    RawArticle -> clean -> signals -> nlp -> geo -> extract -> Document (the JSON Lines contract)

Every stage is a plain function ``run(doc, res)`` that fills in its part of the ``Document``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import Callable
from importlib import resources
from importlib.resources.abc import Traversable

from fogline import clean, extract, geo, nlp, signals
from fogline.model import ArticleMeta, Document, RawArticle
from fogline.resources import Resources

Stage = Callable[[Document, Resources], None]
log = logging.getLogger("fogline.pipeline")
_WARNED: set[str] = set()
"""Warm-up files already warned about in this process (one warning each, however often Resources warm)."""

STAGES: list[tuple[str, Stage]] = [
    ("clean", clean.run),      # cut furniture and comments; title; cleaned text with offset map
    ("signals", signals.run),  # publication date, outlet, genre, repost, reliability signals
    ("nlp", nlp.run),          # sentences; cue filter; parser on the sentences that can hold events
    ("geo", geo.run),          # toponyms resolved to the gazetteer, with evidence
    ("extract", extract.run),  # events, actors, dates, casualties, claims
]


def analyse(raw: RawArticle, res: Resources, timings: dict[str, float] | None = None) -> Document:
    """Run every stage on one article and return the analysed document."""
    doc = Document.from_raw(raw)
    for name, stage in STAGES:
        t0 = time.perf_counter()
        stage(doc, res)
        if timings is not None:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - t0
    return doc


WARM_UP = RawArticle(
    doc_id="warm-up", source="<warm-up>",
    raw="Artillery shelled the outskirts of Martuni on Saturday, killing two civilians and wounding five, the "
        "regional administration said. The defence ministry denied firing at the town.\n",
    meta=ArticleMeta(title="Shelling near Martuni", published="2020-10-03"))
"""A short article of our own that takes every stage's main path (cues, parser, places, casualties, claims)."""


def warm_up_articles(node: Traversable | None = None) -> list[RawArticle]:
    """``WARM_UP`` and the articles of ``data/nlp/warmup.json`` (general news and conflict reporting written for
    fogline). A file that cannot be read or is not what it should be is named in one warning, and the
    warm-up goes on with ``WARM_UP`` alone."""
    node = node if node is not None else resources.files("fogline").joinpath("data", "nlp", "warmup.json")
    try:
        data = json.loads(node.read_text(encoding="utf-8"))
        return [WARM_UP, *(RawArticle(doc_id=f"warm-up-{i}", source=f"<warm-up {i}>", raw=a["text"],
                                      meta=ArticleMeta(title=a["title"], published=a["published"]))
                           for i, a in enumerate(data["articles"], 1))]
    except (OSError, ValueError, LookupError, TypeError, AttributeError) as exc:
        if str(node) not in _WARNED:
            _WARNED.add(str(node))
            log.warning("%s: warm-up articles not read (%s: %s); warming up on the built-in article only",
                        node, type(exc).__name__, exc)
        return [WARM_UP]


def warm_up(res: Resources) -> None:
    """Analyse ``warm_up_articles`` once, so that what the stages build on first use (the gazetteer's fuzzy
    keys and common-word table, the number, date and casualty grammars, spaCy's first batch; about 0.5 s of
    CPU) and what they keep for later articles (spaCy's lexemes and tokenizer cache, the lemma cache, the
    gazetteer's rows, key hits and capitalised runs met: the common words and names of news) is built now:
    before worker processes fork, which then share it instead of each filling it on its first articles, and
    outside any article's time budget. A stage that fails here fails again on the articles, where the
    failure is recorded."""
    for raw in warm_up_articles():
        with contextlib.suppress(Exception):  # a failure is reported per article, where it matters
            analyse(raw, res)
