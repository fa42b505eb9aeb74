"""Events into groups (one group per incident), deterministic and independent of input order.

Items are put in a canonical order made from their content (``items.canonical_order``). Fine items
(a named point and a date of a week or less) go first: each joins the existing group it is
compatible with *entirely* (every member; complete linkage, so compatibility never chains two
villages into one incident), the best-scoring one when several fit. Coarse items (a district or a
region, a month) come after: they join a group only when exactly one fits; when several fit they
stay apart rather than glue distinct incidents together. Satire is grouped on its own, so a parody
can never join, or join up, real reports. Grouping a partition again, an item replays its last choice
where nothing it depended on changed (``corpus.replay``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field

from fogline.corpus.blocking import Earlier
from fogline.corpus.items import Item, canonical_order, sort_key
from fogline.corpus.match import compare, content_words, place_match, topic_words
from fogline.corpus.replay import AS_COPY, KEPT_APART, Prior, Replay, label
from fogline.corpus.rules import MergeRules


@dataclass(slots=True)
class Group:
    """The items of one incident (canonical order) and why each joined."""

    items: list[Item]
    reasons: list[str] = field(default_factory=list)


_UNSEEN = -1.0
"""No score yet (a match scores 0 or more)."""


class _Pass:
    """One item's turn in the greedy pass: the groups of its candidates among the items before it
    (``blocking.Earlier``), and its match scores with them, remembered per signature of the earlier item
    (``_Alike``). It stops comparing with a group at the first incompatible member, and a coarse item once two
    groups fit."""

    __slots__ = ("i", "items", "rules", "alike", "earlier", "row")

    def __init__(self, i: int, items: list[Item], earlier: Earlier, rules: MergeRules, alike: _Alike) -> None:
        self.i, self.items, self.rules, self.alike, self.earlier = i, items, rules, alike, earlier
        self.row = alike.row(i)

    def score(self, j: int) -> float | None:
        """The match score of item ``j`` with this item, None when ``j`` is no candidate before it or
        they cannot be one incident."""
        if j >= self.i or self.alike.doc[j] == self.alike.doc[self.i]:
            return None
        key = self.alike.sig[j]
        if key not in self.row:
            met = self.earlier.meets(self.i, j)
            match = compare(self.items[j], self.items[self.i], self.rules, why=False) if met else None
            self.row[key] = None if match is None else match.score
        return self.row[key]

    def groups(self, group_of: list[int]) -> Iterator[int]:
        """Each group holding a candidate of this item whose signature matches it, once, in no particular
        order (which groups fit does not depend on it). A group is passed over only when one of its members
        is a candidate of a signature that cannot match, so ``_fits`` would reject it anyway."""
        n, i, row, alike = self.earlier.sigs[self.i], self.i, self.row, self.alike
        if n < 0:
            return
        seen: set[int] = set()
        for a in alike.met(self.earlier, n):
            found = alike.members[a]
            if found[0] >= i:
                continue
            score = row.get(a, _UNSEEN)
            if score == _UNSEEN:
                j = next((j for j in found if j >= i or alike.doc[j] != alike.doc[i]), i)
                if j >= i:
                    continue  # its earlier items are all of this item's article: their groups never fit
                score = self.score(j)
            if score is None:
                continue
            for j in found if found[-1] < i else found[:bisect_left(found, i)]:
                if (g := group_of[j]) not in seen:
                    seen.add(g)
                    yield g


class _Alike:
    """Match scores remembered per pair of signatures (an earlier item's, a later one's): two items with the
    same place, dates, type, actor sides (and topics, for crowds) match any third item alike, and are
    candidates of the same items (blocking keys are made of these), unless it comes from their own
    article; reports of one incident often agree on all of these. ``sig`` and ``doc`` are by position,
    ``members`` the positions of each signature's items."""

    def __init__(self, items: list[Item], rules: MergeRules) -> None:
        ids: dict[tuple[object, ...], int] = {}
        said: dict[tuple[str, ...], frozenset[str]] = {}
        self.sig = [ids.setdefault(_signature(it, rules, said), len(ids)) for it in items]
        self.doc = [it.doc.doc_id for it in items]
        self.members: list[list[int]] = [[] for _ in ids]
        for i, n in enumerate(self.sig):
            self.members[n].append(i)
        self._rows: dict[int, dict[int, float | None]] = {}
        self._under: list[list[int]] = []
        self._met: dict[int, list[int]] = {}

    def row(self, i: int) -> dict[int, float | None]:
        """The scores of item ``i``'s signature against earlier signatures found so far."""
        return self._rows.setdefault(self.sig[i], {})

    def met(self, earlier: Earlier, n: int) -> list[int]:
        """The signatures of the items a later item of ``earlier``'s blocking signature ``n`` meets (blocking
        signatures are made of what these are made of), worked out once."""
        if not self._under:
            self._under = [list(dict.fromkeys(self.sig[j] for j in found)) for found in earlier.members]
        found = self._met.get(n)
        if found is None:
            found = self._met[n] = [a for m in earlier.met(n) for a in self._under[m]]
        return found

    def done(self, i: int, earlier: Earlier) -> None:
        """Item ``i`` has had its turn: the scores of its signature and the signatures its blocking
        signature meets are dropped once it is the last item of each (``Earlier.done`` likewise)."""
        n = earlier.sigs[i]
        if n >= 0 and earlier.members[n][-1] == i:
            self._met.pop(n, None)
        a = self.sig[i]
        if self.members[a][-1] == i:
            self._rows.pop(a, None)
        earlier.done(i)


def _signature(item: Item, rules: MergeRules, said: dict[tuple[str, ...], frozenset[str]]) -> tuple[object, ...]:
    """What ``compare`` and blocking read of an item besides its article. The content words of a crowd's evidence
    are found once per text (``said``: reposts, wire copies and events of one sentence repeat them)."""
    ev, p = item.event, item.event.location
    place = None if p is None else (p.name, p.lat, p.lon, p.precision, p.gazetteer_id, p.country, p.admin1,
                                    p.admin2, p.placetype)
    crowd = None
    if ev.sub_event_type in rules.crowd_types:
        if item.topics is None:
            texts = tuple(sp.text for sp in ev.evidence)
            if texts not in said:
                said[texts] = content_words(texts, rules)
            item.topics = topic_words(ev, rules, said[texts])
        crowd = item.topics
    return place, item.when, ev.sub_event_type, item.sides, crowd


def _label(item: Item) -> str:
    return label(item.key)


def _fits(members: list[int], turn: _Pass) -> float | None:
    """Mean match score when the item is compatible with every member, else None (``_Pass.score`` inlined
    for the scores already known: most of the grouping's time is spent here)."""
    i, row, sig, doc = turn.i, turn.row, turn.alike.sig, turn.alike.doc
    mine = doc[i]
    total = 0.0
    for m in members:
        if m >= i or doc[m] == mine:
            return None
        score = row.get(sig[m], _UNSEEN)
        if score == _UNSEEN:
            score = turn.score(m)
        if score is None:
            return None
        total += score
    return total / len(members)


def _choose(turn: _Pass, groups: list[list[int]], group_of: list[int],
            scope: list[int] | None = None) -> tuple[int | None, int]:
    """(group to join or None, how many groups fit: every one for a fine item, up to two for a coarse one),
    among ``scope`` when given (``Replay.scope``)."""
    scored: list[tuple[float, int]] = []
    fine = turn.items[turn.i].fine
    for g in turn.groups(group_of) if scope is None else scope:
        if (s := _fits(groups[g], turn)) is not None:
            scored.append((s, g))
            if not fine and len(scored) > 1:
                return None, len(scored)
    if not scored:
        return None, 0
    best = max(scored, key=lambda sg: (sg[0], -sg[1]))
    return best[1], len(scored)


def _greedy(items: list[Item], rules: MergeRules, prior: Prior | None = None) -> list[Group]:
    """Each item in turn joins a group or founds one; with ``prior``, an item whose candidate groups are
    as they were last run replays its old choice instead (``corpus.replay``)."""
    earlier, alike = Earlier(items, rules), _Alike(items, rules)
    replay = Replay.start(prior, items) if prior is not None else None
    groups: list[list[int]] = []
    notes: list[list[str]] = []
    group_of = [-1] * len(items)
    for i in range(len(items)):
        old = replay.decide(i, earlier, groups, group_of) if replay is not None else None
        if old is not None:
            g, note = old
        else:
            g, fits = _choose(_Pass(i, items, earlier, rules, alike), groups, group_of,
                              None if replay is None else replay.scope(i, earlier, groups, group_of))
            note = _note(items, i, None if g is None else groups[g][0], fits, rules)
        if g is None:
            g = len(groups)
            groups.append([])
            notes.append([])
        groups[g].append(i)
        group_of[i] = g
        if note is not None:
            notes[g].append(note)
        if replay is not None and old is None:
            replay.decided(i, groups, group_of)
        alike.done(i, earlier)
    return [Group([items[i] for i in members], reasons) for members, reasons in zip(groups, notes, strict=True)]


def _note(items: list[Item], i: int, anchor: int | None, fits: int, rules: MergeRules) -> str | None:
    """The merge reason of item ``i``: why it joined the group of ``anchor``, or that it was kept apart."""
    if anchor is None:
        return f"{_label(items[i])} {KEPT_APART}" if fits > 1 else None
    match = compare(items[anchor], items[i], rules)  # its reasons, this time
    assert match is not None
    return f"{_label(items[i])} joined {_label(items[anchor])}: {'; '.join(match.reasons)}"


def origin_twin(copy: Item, origin_items: list[Item], rules: MergeRules) -> Item | None:
    """The origin article's event a copy's event repeats: compatible type and place, any date (a
    copy may resolve "today" against its own later date)."""
    best: tuple[tuple[object, ...], Item] | None = None
    for o in origin_items:
        group = rules.type_group(copy.event.sub_event_type, o.event.sub_event_type)
        a, b = copy.event.location, o.event.location
        if group is None or (a is None) != (b is None):
            continue
        if a is not None and b is not None and not place_match(a, b, rules)[0]:
            continue
        rank = (0 if group == "same" else 1, sort_key(o))
        if best is None or rank < best[0]:
            best = (rank, o)
    return best[1] if best else None


def _group_with_copies(items: list[Item], rules: MergeRules, prior: Prior | None = None) -> list[Group]:
    """Group ``items``; events of copies follow the matching event of their origin article. ``prior`` is
    replayed only where every item it knows is where it was (in the greedy pass, or a copy)."""
    by_doc: dict[str, list[Item]] = {}
    for it in items:
        by_doc.setdefault(it.doc.doc_id, []).append(it)
    twins: dict[tuple[str, str], Item] = {}
    for it in items:
        origin = by_doc.get(it.doc.origin_doc_id or "")
        twin = origin_twin(it, origin, rules) if origin else None
        if twin is not None:
            twins[it.key] = twin
    if prior is not None and not prior.usable(items, set(twins)):
        prior = None
    groups = _greedy(canonical_order([it for it in items if it.key not in twins] if twins else items), rules, prior)
    if not twins:
        return groups
    where = {it.key: g for g in groups for it in g.items}
    for it in canonical_order([it for it in items if it.key in twins]):
        g, twin = where[twins[it.key].key], twins[it.key]
        g.items.append(it)
        g.reasons.append(f"{_label(it)} {AS_COPY} {_label(twin)} (its article repeats "
                         f"{twin.doc.doc_id[:12]}); not counted as corroboration")
    return groups


def group_items(items: list[Item], rules: MergeRules, prior: Prior | None = None) -> list[Group]:
    """Every usable item in exactly one group; excluded certainties (hypothetical) are left out. ``prior``:
    last run's decisions, to replay where nothing they depended on changed (the groups are the same)."""
    usable = [it for it in items if it.event.certainty not in rules.excluded_certainty]
    real = _group_with_copies([it for it in usable if not it.doc.satire], rules, prior)
    satire = _group_with_copies([it for it in usable if it.doc.satire], rules, prior)
    return real + satire
