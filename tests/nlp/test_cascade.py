from __future__ import annotations

import pytest

from fogline import nlp
from fogline.batch import Workers
from fogline.model import Document, RawArticle
from fogline.nlp.frames import FrameGate
from fogline.nlp.phrases import fold
from fogline.resources import Resources


def test_only_cued_sentences_are_parsed(res: Resources) -> None:
    text = "The weather was mild. Artillery shelled the outskirts of the town at dawn. Markets reopened."
    doc = Document.from_raw(RawArticle("t", "t", text))
    nlp.run(doc, res)
    assert [s.parse is not None for s in doc.sentences] == [False, True, False]
    assert "Shelling/artillery/missile attack" in doc.sentences[1].cues


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("Villagers said gunmen stormed the church at night.", True),
        ("A new bakery stormed the charts while the old church reopened.", True),
        ("Gunmen were seen near the bakery.", False),
        ("The church stormed nothing, unless you count the choir.", False),
    ],
    ids=["verb-and-object", "verb-and-object-any-order", "object-only", "unless-word"],
)
def test_frame_gate(text: str, parsed: bool) -> None:
    data = {"frames": [{"then": "Attack", "w": 4, "verbs": ["stormed"], "objects": ["church", "villager*"],
                        "unless": ["choir"]},
                       {"then": "Agreement", "w": 8, "verbs": ["signed"], "objects": ["bakery"]}]}
    gate = FrameGate.from_data(data)
    assert gate.may_fire(text, fold(text)) is parsed


def test_frame_words_of_different_frames_do_not_open_the_gate() -> None:
    data = {"frames": [{"then": "Attack", "verbs": ["stormed"], "objects": ["church"]},
                       {"then": "Agreement", "verbs": ["signed"], "objects": ["treaty"]}]}
    text = "They signed the guest book of the church."
    assert not FrameGate.from_data(data).may_fire(text, fold(text))


def test_run_many_parses_like_run(res: Resources) -> None:
    texts = ["Artillery shelled the town. Markets reopened.", "Police detained ten protesters at the rally."]
    one = [Document.from_raw(RawArticle(f"a{i}", "t", t)) for i, t in enumerate(texts)]
    many = [Document.from_raw(RawArticle(f"a{i}", "t", t)) for i, t in enumerate(texts)]
    for d in one:
        nlp.run(d, res)
    nlp.run_many(many, res)
    for a, b in zip(one, many, strict=True):
        assert [(s.cues, s.parse.text if s.parse is not None else None) for s in a.sentences] == [
            (s.cues, s.parse.text if s.parse is not None else None) for s in b.sentences
        ]


def test_parsed_documents_come_back_from_worker_processes(res: Resources) -> None:
    """A spaCy Span cannot be pickled: workers drop the parses before sending documents back (batch/)."""
    text = "Azerbaijani forces shelled positions near the village, the ministry said."
    raws = [RawArticle(f"w{i}", f"w{i}.txt", text) for i in range(3)]
    with Workers(res, 2) as pool:
        out = list(pool.map(raws))
    assert all(isinstance(d, Document) and d.events for d in out)
