"""Cascade speed: end-to-end articles/s on synthetic text, against the full spaCy pipeline on every sentence.

    .venv/bin/python bench/bench_cascade.py [N] [WORKERS]

Two corpora of ~600-word articles written from templates here: conflict-dense (every paragraph
reports fighting) and a general news mix (one article in ten about conflict). Both sides run on
WORKERS processes (default: every core) forked after loading: fogline through ``batch.Workers`` (the
whole ``analyse``: clean, signals, nlp, geo, extract), the baseline as ``spacy.load(MODEL)`` with every
component and its stock settings, ``nlp.pipe`` on all sentences. Prints articles/s, the ratio, and the
share of sentences the cascade parsed. Targets (issue 4): >= 20/s conflict-dense, >= 100/s mixed, 2 cores.
Wall-clock rates, best of three alternating runs of each side (a busy shared machine only slows runs down).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import sys
import time
from typing import Any

import spacy

from fogline.batch import Workers
from fogline.model import Document, RawArticle
from fogline.nlp import MODEL, sentences
from fogline.nlp.split import load_abbreviations, split_sentences
from fogline.resources import Resources

PLACES = ["Koti", "Berdavan", "Talish", "Martakert", "Hadrut", "Fizuli", "Jabrayil", "Aygedzor", "Chinari", "Yeraskh"]
SIDES = ["Azerbaijani forces", "Armenian troops", "the Artsakh Defence Army", "military forces of Azerbaijan"]
CONFLICT = [
    "On {d} May, {a} shelled positions near {p}, the defence ministry said.",
    "{a} fired with small arms and sniper rifles on the positions of {b} located near {p}.",
    "Two soldiers were wounded when a drone struck a checkpoint outside {p} on {d} May.",
    "The ministry said {a} captured the village of {p} after heavy fighting.",
    "{b} denied the report and said the attack near {p} had been repelled.",
    "Local officials said the school in {p} was damaged but nobody was hurt.",
]
NEWS = [
    "The city council approved a new budget for road repairs in {p} on Tuesday.",
    "Farmers near {p} expect a good harvest after a wet spring, the agency said.",
    "A new bakery opened on the main square, and residents welcomed the longer hours.",
    "The football club signed a young midfielder from a regional academy this week.",
    "Tourism officials said hotel bookings rose by a fifth compared with last year.",
    "The museum will show a collection of carpets from the nineteenth century in the autumn.",
]


def article(rng: random.Random, pool: list[str], words: int = 600) -> str:
    out: list[str] = []
    while sum(len(s.split()) for s in out) < words:
        t = rng.choice(pool)
        out.append(t.format(a=rng.choice(SIDES), b=rng.choice(SIDES), p=rng.choice(PLACES), d=rng.randint(1, 28)))
        if len(out) % 4 == 0:
            out.append("\n")
    return " ".join(out).replace(" \n ", "\n\n")


def corpus(n: int, conflict_share: float, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [article(rng, CONFLICT if rng.random() < conflict_share else NEWS) for _ in range(n)]


def raws(texts: list[str]) -> list[RawArticle]:
    return [RawArticle(f"b{i}", f"bench#{i}", t) for i, t in enumerate(texts)]


def rate_pipeline(texts: list[str], pool: Workers) -> float:
    t0 = time.perf_counter()
    done = [d for d in pool.map(raws(texts)) if isinstance(d, Document)]
    assert len(done) == len(texts), "some articles failed"
    return len(texts) / (time.perf_counter() - t0)


REPEAT = 3
_FULL: Any = None
_ABBR: frozenset[str] = frozenset()


def _full_spacy(text: str) -> int:
    sents = [text[a:b] for a, b in split_sentences(text, _ABBR)]
    return sum(1 for _ in _FULL.pipe(sents))


def rate_full_spacy(texts: list[str], workers: int) -> float:
    """The baseline on ``workers`` forked processes that share the loaded full pipeline."""
    t0 = time.perf_counter()
    if workers > 1:
        with mp.get_context("fork").Pool(workers) as pool:
            pool.map(_full_spacy, texts, chunksize=max(1, len(texts) // (workers * 4)))
    else:
        for t in texts:
            _full_spacy(t)
    return len(texts) / (time.perf_counter() - t0)


def parsed_share(texts: list[str], res: Resources) -> float:
    sents = [s for t in texts for s in sentences(Document.from_raw(RawArticle("x", "x", t)), res.nlp)]
    return sum(1 for s in sents if s.cues) / max(1, len(sents))


def main() -> None:
    global _FULL, _ABBR
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else (os.cpu_count() or 1)
    res = Resources().warm()
    _FULL, _ABBR = spacy.load(MODEL), load_abbreviations()
    print(f"{n} articles per corpus, {workers} processes for both fogline and the baseline")
    with Workers(res, workers) as pool:
        for label, share in (("conflict-dense", 1.0), ("news mix 1/10", 0.1)):
            texts = corpus(n, share)
            rate_pipeline(texts[: 2 * workers], pool)  # warm the workers' lazy caches
            ours = base = 0.0
            for _ in range(REPEAT):  # alternate, keep the best of each: robust to a busy machine
                ours = max(ours, rate_pipeline(texts, pool))
                base = max(base, rate_full_spacy(texts[: max(2 * workers, n // 4)], workers))
            print(
                f"{label:<16} fogline {ours:7.1f} articles/s   "
                f"full spaCy every sentence {base:6.1f}/s   ratio {ours / base:5.1f}x   "
                f"parsed {parsed_share(texts, res):4.0%} of sentences"
            )


if __name__ == "__main__":
    main()
