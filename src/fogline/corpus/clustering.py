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

from collections.abc import Iterator
from dataclasses import dataclass, field

from fogline.corpus.blocking import Earlier
from fogline.corpus.items import Item, canonical_order, sort_key
from fogline.corpus.match import compare, content_score, content_words, place_match, topic_words
from fogline.corpus.replay import AS_COPY, KEPT_APART, Prior, Replay, label
from fogline.corpus.rules import MergeRules


@dataclass(slots=True)
class Group:
    """The items of one incident (canonical order) and why each joined."""

    items: list[Item]
    reasons: list[str] = field(default_factory=list)


_UNSEEN = -1.0
"""No score yet (a match scores 0 or more)."""


class _Row:
    """The scores of one signature (``_Pass``) against the signatures its items meet (``met``), found as its
    items take their turns: ``order`` those signatures by their first item, scored in turn up to ``at`` (and
    others out of turn, when a group asks), ``fit`` the ones scored that match; ``sums`` each group's total score
    so far (members summed, total), added up in member order."""

    __slots__ = ("scores", "order", "met", "at", "fit", "sums")

    def __init__(self, order: list[int], met: set[int]) -> None:
        self.scores: dict[int, float | None] = {}
        self.order, self.met, self.at = order, met, 0
        self.fit: list[int] = []
        self.sums: dict[int, tuple[int, float]] = {}


class _Pass:
    """The greedy pass over items in canonical order: the groups so far, and match scores remembered per pair
    of signatures (an earlier item's, a later one's). Two items with the same place, dates, type, actor sides
    (and topics, for crowds) match any third item alike and are candidates of the same items (blocking keys are
    made of these), unless it comes from their own article; reports of one incident often agree on all of
    these. A group fits an item when no member shares its article and every member's signature matches (complete
    linkage); its score is the members' mean. ``sig`` and ``doc`` are by position, ``members`` the positions
    of each signature's items."""

    def __init__(self, items: list[Item], rules: MergeRules) -> None:
        self.items, self.rules, self.earlier = items, rules, Earlier(items, rules)
        ids: dict[tuple[object, ...], int] = {}
        said: dict[tuple[str, ...], frozenset[str]] = {}
        self.sig = [ids.setdefault(_signature(it, rules, said), len(ids)) for it in items]
        self.doc = [it.doc.doc_id for it in items]
        self.members: list[list[int]] = [[] for _ in ids]
        for i, a in enumerate(self.sig):
            self.members[a].append(i)
        self.groups: list[list[int]] = []
        self.group_of = [-1] * len(items)
        self._docs: list[set[str]] = []  # each group's articles
        self._kinds: list[dict[int, None]] = []  # each group's signatures
        self._placed: list[dict[int, None]] = [{} for _ in ids]  # the groups holding each signature's items so far
        self._rows: dict[int, _Row] = {}
        self._met: dict[int, tuple[list[int], set[int]]] = {}
        self._under: list[list[int]] = []
        self._first: list[int] = []
        self._why: dict[tuple[int, int], str] = {}

    def _row(self, a: int, n: int) -> _Row:
        """The row of signature ``a`` (of blocking signature ``n``)."""
        row = self._rows.get(a)
        if row is None:
            found = self._met.get(n)
            if found is None:
                if not self._under:
                    self._under = [list(dict.fromkeys(self.sig[j] for j in found)) for found in self.earlier.members]
                    self._first = [found[0] for found in self.members]
                order = sorted((b for m in self.earlier.met(n) for b in self._under[m]), key=self._first.__getitem__)
                found = self._met[n] = (order, set(order))
            row = self._rows[a] = _Row(*found)
        return row

    def _score(self, row: _Row, b: int, i: int) -> float | None:
        """Item ``i``'s match score with the items of signature ``b`` (None when they never meet or cannot be
        one incident), whatever their articles."""
        s = row.scores.get(b, _UNSEEN)
        if s == _UNSEEN:
            s = None
            if b in row.met:
                s = content_score(self.items[self.members[b][0]], self.items[i], self.rules)
                if s is not None:
                    row.fit.append(b)
            row.scores[b] = s
        return s

    def _near(self, row: _Row, i: int) -> Iterator[int]:
        """Each group holding an item before ``i`` of a signature that matches it, once: the groups of the
        signatures found to match so far, then of each further one as it is scored, signatures in the order of
        their first items (how they are found does not change which groups fit)."""
        seen: set[int] = set()
        placed, order, members, fit = self._placed, row.order, self.members, row.fit
        k = 0
        while True:
            while k < len(fit):
                for g in placed[fit[k]]:
                    if g not in seen:
                        seen.add(g)
                        yield g
                k += 1
            while row.at < len(order) and members[b := order[row.at]][0] < i and (
                    b in row.scores or self._score(row, b, i) is None):
                row.at += 1
            if row.at == len(order) or members[order[row.at]][0] >= i:
                return
            row.at += 1

    def _fits(self, g: int, i: int, row: _Row) -> float | None:
        """Mean match score of item ``i`` with group ``g`` when compatible with every member, else None. The
        total is added up member by member as the group grows, in member order."""
        if self.doc[i] in self._docs[g]:
            return None
        if any(self._score(row, b, i) is None for b in self._kinds[g]):
            return None
        members, sig, scores = self.groups[g], self.sig, row.scores
        k, total = row.sums.get(g, (0, 0.0))
        for m in members[k:]:
            total += scores[sig[m]]  # type: ignore[operator]
        row.sums[g] = (len(members), total)
        return total / len(members)

    def choose(self, i: int, scope: list[int] | None = None) -> tuple[int | None, int]:
        """(group to join or None, how many groups fit: every one for a fine item, up to two for a coarse one),
        among the groups holding an item of a matching signature, or among ``scope`` when given
        (``Replay.scope``)."""
        n = self.earlier.sigs[i]
        if n < 0:
            return None, 0
        row = self._row(self.sig[i], n)
        scored: list[tuple[float, int]] = []
        fine = self.items[i].fine
        for g in self._near(row, i) if scope is None else scope:
            if (s := self._fits(g, i, row)) is not None:
                scored.append((s, g))
                if not fine and len(scored) > 1:
                    return None, len(scored)
        if not scored:
            return None, 0
        best = max(scored, key=lambda sg: (sg[0], -sg[1]))
        return best[1], len(scored)

    def place(self, i: int, g: int | None) -> int:
        """Item ``i`` joins group ``g``, or founds one (None); returns its group."""
        if g is None:
            g = len(self.groups)
            self.groups.append([])
            self._docs.append(set())
            self._kinds.append({})
        self.groups[g].append(i)
        self.group_of[i] = g
        self._docs[g].add(self.doc[i])
        self._kinds[g][self.sig[i]] = None
        self._placed[self.sig[i]][g] = None
        return g

    def note(self, i: int, g: int | None, fits: int) -> str | None:
        """The merge reason of item ``i``: why it joined group ``g`` (its founder), or that it was kept apart.
        The reasons are the same for every pair of items of the same two signatures."""
        items = self.items
        if g is None:
            return f"{_label(items[i])} {KEPT_APART}" if fits > 1 else None
        anchor = self.groups[g][0]
        why = self._why.get(pair := (self.sig[anchor], self.sig[i]))
        if why is None:
            match = compare(items[anchor], items[i], self.rules)  # its reasons, this time
            assert match is not None
            why = self._why[pair] = "; ".join(match.reasons)
        return f"{_label(items[i])} joined {_label(items[anchor])}: {why}"

    def done(self, i: int) -> None:
        """Item ``i`` has had its turn: its signature's row, and its blocking signature's list of signatures met,
        are dropped once it is the last item of each (``Earlier.done`` likewise)."""
        earlier, a = self.earlier, self.sig[i]
        if self.members[a][-1] == i:
            self._rows.pop(a, None)
        n = earlier.sigs[i]
        if n >= 0 and earlier.members[n][-1] == i:
            self._met.pop(n, None)
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


def _greedy(items: list[Item], rules: MergeRules, prior: Prior | None = None) -> list[Group]:
    """Each item in turn joins a group or founds one; with ``prior``, an item whose candidate groups are
    as they were last run replays its old choice instead (``corpus.replay``)."""
    turns = _Pass(items, rules)
    earlier, groups, group_of = turns.earlier, turns.groups, turns.group_of
    replay = Replay.start(prior, items) if prior is not None else None
    notes: list[list[str]] = []
    for i in range(len(items)):
        old = replay.decide(i, earlier, groups, group_of) if replay is not None else None
        if old is not None:
            g, note = old
        else:
            g, fits = turns.choose(i, None if replay is None else replay.scope(i, earlier, groups, group_of))
            note = turns.note(i, g, fits)
        g = turns.place(i, g)
        if g == len(notes):
            notes.append([])
        if note is not None:
            notes[g].append(note)
        if replay is not None and old is None:
            replay.decided(i, groups, group_of)
        turns.done(i)
    return [Group([items[i] for i in members], reasons) for members, reasons in zip(groups, notes, strict=True)]


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
