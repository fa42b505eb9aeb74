from __future__ import annotations

from fogline import nlp
from fogline.model import Document, RawArticle
from fogline.resources import Resources


def test_only_cued_sentences_are_parsed(res: Resources) -> None:
    text = "The weather was mild. Artillery shelled the outskirts of the town at dawn. Markets reopened."
    doc = Document.from_raw(RawArticle("t", "t", text))
    nlp.run(doc, res)
    assert [s.parse is not None for s in doc.sentences] == [False, True, False]
    assert "Shelling/artillery/missile attack" in doc.sentences[1].cues
