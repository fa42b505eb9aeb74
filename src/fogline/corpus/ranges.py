"""Claims by side and casualty ranges per claimant, UCDP-like low / best / high.

Every report's claims become one view per claimant. A figure an article gives without naming who
claims it is the outlet's own view (role ``outlet``), a party's when the outlet is state-controlled
by a side of the incident. ``best`` is the most conservative figure from a source that is not a
party when there is one, else the lowest party figure; ``best_basis`` says which.
"""

from __future__ import annotations

from dataclasses import dataclass

from fogline.corpus.items import Item
from fogline.corpus.reliability import Lookup
from fogline.corpus.rules import MergeRules
from fogline.model.incident import ClaimantView

DENIALS = ("denies", "disputes")


@dataclass(frozen=True, slots=True)
class Range:
    low: int | None
    best: int | None
    high: int | None
    basis: str | None


def _role(country: str | None, sides: frozenset[str], rules: MergeRules) -> str:
    return "party" if country and rules.side(country) in sides else "non-party"


def _outlet_view(item: Item, sides: frozenset[str], rules: MergeRules, ratings: Lookup) -> ClaimantView:
    outlet = item.doc.outlet or item.doc.doc_id[:12]
    info = ratings(outlet) if item.doc.outlet else None
    country = info.state_country if info and info.state_controlled else None
    role = "party" if country and rules.side(country) in sides else "outlet"
    stance = "denies" if item.event.certainty == "denied" else "asserts"
    return ClaimantView(outlet, country, role, stance, item.event.fatalities, item.event.injured, [item.doc.doc_id])


def _merge(a: ClaimantView, b: ClaimantView) -> None:
    """Fold ``b`` into ``a``: the highest figure this claimant gave; asserting wins over denying."""
    for attr in ("fatalities", "injured"):
        va, vb = getattr(a, attr), getattr(b, attr)
        if vb is not None and (va is None or vb > va):
            setattr(a, attr, vb)
    if a.stance != b.stance:
        a.stance = "asserts" if "asserts" in (a.stance, b.stance) else "disputes"
    a.doc_ids.extend(d for d in b.doc_ids if d not in a.doc_ids)


def claimant_views(items: list[Item], sides: frozenset[str], rules: MergeRules, ratings: Lookup) -> list[ClaimantView]:
    """One view per claimant over the items (satire excluded by the caller), in a stable order."""
    views: dict[tuple[str, str | None], ClaimantView] = {}
    for item in items:
        ev, doc_id = item.event, item.doc.doc_id
        found = [ClaimantView(c.claimant, c.claimant_country, _role(c.claimant_country, sides, rules), c.stance,
                              c.fatalities, c.injured, [doc_id]) for c in ev.claims]
        if (ev.fatalities is not None or ev.injured is not None or not found) and not any(
                v.fatalities is not None or v.injured is not None for v in found):
            found.append(_outlet_view(item, sides, rules, ratings))
        for view in found:
            key = (view.claimant.casefold(), view.country)
            if key in views:
                _merge(views[key], view)
            else:
                views[key] = view
    if len(views) < 2:
        return list(views.values())
    return sorted(views.values(), key=lambda v: (v.role, v.claimant.casefold(), v.country or ""))


_NONE = Range(None, None, None, None)


def casualty_range(views: list[ClaimantView], attr: str) -> Range:
    """low / best / high of ``fatalities`` or ``injured`` over the claimants that give a figure."""
    given, denied = [], []
    for v in views:
        figure = getattr(v, attr)
        if v.stance in DENIALS:
            if figure == 0:
                denied.append((0, v))
        elif figure is not None:
            given.append((figure, v))
    figures = given + denied
    if not figures:
        return _NONE
    low, high = min(f for f, _ in figures), max(f for f, _ in figures)
    neutral = [(f, v) for f, v in figures if v.role != "party"]
    if neutral:
        best, who = min(neutral, key=lambda fv: (fv[0], fv[1].claimant))
        kind = "an unattributed report by" if who.role == "outlet" else "a non-party source,"
        return Range(low, best, high, f"lowest figure from {kind} {who.claimant}")
    best, who = min(figures, key=lambda fv: (fv[0], fv[1].claimant))
    return Range(low, best, high, f"no non-party figure; lowest party figure, from {who.claimant}"
                                  f"{f' ({who.country})' if who.country else ''}")


def contest(items: list[Item], views: list[ClaimantView]) -> list[str]:
    """Why the incident is contested (empty when it is not): a denial beside an assertion, or sides'
    casualty figures that differ."""
    why: list[str] = []
    deniers: set[str] = set()
    asserted = False
    by_side: dict[str, set[int]] = {}
    for v in views:
        if v.stance in DENIALS:
            deniers.add(v.claimant)
        elif v.stance == "asserts":
            asserted = True
        if v.role == "party" and v.country and v.fatalities is not None:
            by_side.setdefault(v.country, set()).add(v.fatalities)
    if deniers and asserted:
        why.append(f"denied or disputed by {', '.join(sorted(deniers))}")
    elif len(items) > 1 and len({it.event.certainty == "denied" for it in items}) == 2:
        why.append("some reports call it denied")
    if len(by_side) > 1 and len(set().union(*by_side.values())) > 1:
        why.append("the sides give different death tolls")
    return why
