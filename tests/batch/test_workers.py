"""The analysing process collects young garbage less often while it analyses, and as before afterwards."""

from __future__ import annotations

import gc

from fogline import batch
from fogline.model import Document, RawArticle
from fogline.resources import Resources


def test_in_process_workers_raise_the_young_threshold_while_in_use(res: Resources) -> None:
    before = gc.get_threshold()
    raw = RawArticle("w1", "w1.txt", "Troops shelled a bridge near Martuni on Monday, officials said.\n")
    with batch.Workers(res, 1) as pool:
        [doc] = list(pool.map([raw]))
        assert gc.get_threshold()[0] == batch.YOUNG_OBJECTS
    assert isinstance(doc, Document)
    assert gc.get_threshold() == before
