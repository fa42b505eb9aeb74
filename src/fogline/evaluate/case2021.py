"""Event typing on CASE 2021 task 2 snippets (1,019 news snippets, 30 labels).

Each snippet is analysed as an article; its predicted label is the first event's sub_event_type
(mapped to the task's codes), or NONE when no event comes out. The five labels outside ACLED
(DIPLO, ATTRIB, ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER) expect NONE. Figure: macro-F1 over
the 25 ACLED subtypes (target >= 0.70), plus the share of non-ACLED snippets left without an event.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from fogline.evaluate import Metric
from fogline.model import RawArticle
from fogline.pipeline import analyse
from fogline.resources import Resources

DATASET = "event-types-case2021"
CODES = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash",
    "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence",
    "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
}
NON_ACLED = ("DIPLO", "ATTRIB", "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER")
NONE = "NONE"


def load(shared: Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    path = shared / "eval" / "dev" / DATASET / "test_set_final_release_with_labels.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [(r["id"], r["EventSnippet"], r["SubType"]) for r in csv.DictReader(fh, delimiter="\t")]
    if limit:
        rows = rows[:: max(1, len(rows) // limit)][:limit]  # a spread subset, every label kept in proportion
    return rows


def predict(text: str, ident: str, res: Resources) -> str:
    doc = analyse(RawArticle(f"case-{ident}", f"{DATASET}#{ident}", text), res)
    return doc.events[0].sub_event_type if doc.events else NONE


def macro_f1(pairs: list[tuple[str, str]], labels: list[str]) -> float:
    tp, fp, fn = Counter(), Counter(), Counter()
    for gold, got in pairs:
        if gold == got:
            tp[gold] += 1
        else:
            fp[got] += 1
            fn[gold] += 1
    f1s = []
    for lab in labels:
        p = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        r = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def pairs(shared: Path, res: Resources, limit: int | None = None) -> list[tuple[str, str]]:
    out = []
    for ident, text, code in load(shared, limit):
        gold = CODES.get(code, NONE)
        out.append((gold, predict(text, ident, res)))
    return out


def run(shared: Path, res: Resources, limit: int | None = None) -> list[Metric]:
    got = pairs(shared, res, limit)
    present = sorted({g for g, _ in got if g != NONE})
    non = [p for p in got if p[0] == NONE]
    return [
        Metric(DATASET, "macro-F1 (25 ACLED subtypes)", macro_f1(got, present), len(got), ">= 0.70"),
        Metric(DATASET, "accuracy", sum(g == p for g, p in got) / (len(got) or 1), len(got)),
        Metric(DATASET, "non-ACLED snippets with no event", sum(p == NONE for _, p in non) / (len(non) or 1), len(non)),
    ]
