"""Cascade speed: end-to-end articles/s on synthetic text, against the full spaCy pipeline on every sentence.

    .venv/bin/python bench/bench_cascade.py [N]

Two corpora of ~600-word articles written from templates here: conflict-dense (every paragraph
reports fighting) and a general news mix (one article in ten about conflict). Prints articles/s for
``pipeline.analyse`` and for the baseline (``spacy.load(MODEL)`` with every component, ``nlp.pipe`` on
all sentences), and their ratio. Targets (issue 4): >= 20/s conflict-dense, >= 100/s mixed, 2 cores.
"""

from __future__ import annotations

import random
import sys
import time

import spacy

from fogline.model import RawArticle
from fogline.nlp import MODEL
from fogline.nlp.split import load_abbreviations, split_sentences
from fogline.pipeline import analyse
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


def rate_pipeline(texts: list[str], res: Resources) -> float:
    t0 = time.perf_counter()
    for i, t in enumerate(texts):
        analyse(RawArticle(f"b{i}", f"bench#{i}", t), res)
    return len(texts) / (time.perf_counter() - t0)


def rate_full_spacy(texts: list[str], nlp: object) -> float:
    abbr = load_abbreviations()
    t0 = time.perf_counter()
    for t in texts:
        sents = [t[a:b] for a, b in split_sentences(t, abbr)]
        for _ in nlp.pipe(sents):  # type: ignore[attr-defined]
            pass
    return len(texts) / (time.perf_counter() - t0)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    res = Resources().warm()
    full = spacy.load(MODEL)
    for label, share in (("conflict-dense", 1.0), ("news mix 1/10", 0.1)):
        texts = corpus(n, share)
        rate_pipeline(texts[:3], res)
        ours = rate_pipeline(texts, res)
        base = rate_full_spacy(texts[: max(5, n // 4)], full)
        print(
            f"{label:<16} fogline {ours:7.1f} articles/s   "
            f"full spaCy every sentence {base:6.1f}/s   ratio {ours / base:5.1f}x"
        )


if __name__ == "__main__":
    main()
