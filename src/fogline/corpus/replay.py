"""Replaying the last run's grouping decisions inside a partition that new articles touched.

The greedy pass (``clustering._greedy``) walks the items in canonical order; an item's choice (join
group g, or found a group, "kept apart" when more than one fitted) is a function of its *candidate
groups* at its turn: the groups holding one of its blocking partners (the items before it sharing a
key; whether two items are partners depends on the two items alone), each with the members it holds
at that turn, and their order (the order of their founders). Adding items never reorders the others
(the order is made from content), so it suffices to know when those candidate groups are the same as
last time.

Say a group of this pass is *clean* while its members are exactly the members, up to the current
turn, of last run's group with the same founder. A group becomes *dirty* (for good) when

- an item without a prior decision (a new article's event, or one whose last decision is unknown)
  founds or joins it;
- an item compared again decides differently than last time: the group it founds or joins, and the
  group that holds the founder it joined last time (the members that follow it there are missing it).

An item compared again that makes its old choice keeps a clean group clean. By induction on the
turns, every clean group equals last run's group of its founder: its members replayed or re-made
their old choice, and an old member that did not would have made it dirty.

**Invariant.** An item with a prior decision whose every partner lies in a clean group has the same
candidate groups, with the same members, in the same order, as at its turn last time (a new item
among its partners would sit in a dirty group), so ``_choose`` would make the same choice: join the
group its old founder is in (last run's merge reason for it is the reason ``compare`` would write),
or found one with the same note. Every other item is compared again, and so the result equals a full
recompute.

That holds when the items with prior decisions are last run's items *unchanged* and every group of
last run that any of them claims is here complete. The corpus stage hands decisions only for
events whose partition of last run is whole and unchanged in the dirty partition (``corpus._reusable``),
and a pass starts replaying only after checking that each founder claimed is there, founding, with
as many members as last time, and that no item moved between the greedy pass and the copies
(``usable``); anything else regroups the batch from scratch.

**Comparing less.** A compared item is scored only against the groups ``Replay.scope`` names: the dirty
groups holding a partner and its old group when that is clean (every group holding a partner when it was
kept apart last time, had no decision, or its old group is dirty). A clean group is last run's group as it
was at this turn, so it fits and scores as it did then, when the old choice beat it (or, for an item that
founded with no note, did not fit). An item kept apart last time replays without being compared when the
dirty groups near it hold only items without a decision: every group that fitted it then is still here
unchanged (a member that moved would have carried its decision into a dirty group near it), so two or
more still fit. Dirty groups near an item are found from the flagged items of its partners' signatures.

Planning from keys alone which events a pass must read in full was measured and not kept: walking the
partition's events cost as much as parsing them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fogline.corpus.blocking import Earlier
from fogline.corpus.items import Item

Key = tuple[str, str]
Choice = tuple[int | None, str | None]
"""(group to join, None to found one; the merge reason)."""
KEPT_APART = "is vague enough to fit more than one incident; kept apart"
AS_COPY = "joined as a copy of"


def label(key: Key) -> str:
    """How merge reasons name an event: the start of its article id and its event id."""
    return f"{key[0][:12]}/{key[1]}"


def _kept(key: Key) -> str:
    return f"{label(key)} {KEPT_APART}"


@dataclass(slots=True)
class Prior:
    """Last run's greedy decisions: per event key, the founder of the group it was in and its merge reason
    (None for a founder not kept apart); the keys that joined as copies; each founder's member count, and
    its incident (id, fingerprint, reports, merge reasons). ``replayed`` counts the decisions replayed where
    it was used; ``unread``: some incident did not read back (its events count as new)."""

    decisions: dict[Key, tuple[Key, str | None]] = field(default_factory=dict)
    copies: set[Key] = field(default_factory=set)
    sizes: dict[Key, int] = field(default_factory=dict)
    incidents: dict[Key, tuple[str, str, frozenset[Key], list[str]]] = field(default_factory=dict)
    replayed: int = 0
    unread: bool = False

    def stored(self, items: list[Item], reasons: list[str]) -> tuple[str, str] | None:
        """(incident id, fingerprint) of last run's incident when a group is exactly it: the same unchanged
        reports (their events and articles, which the digests cover) and the same merge reasons, in order, so
        assembling it again gives the stored record. A group holding a copy is assembled again: it names its
        origin's outlet, which no digest of its own covers."""
        was = self.incidents.get(items[0].key)
        if was is None or was[3] != reasons or len(was[2]) != len(items):
            return None
        if any(it.key not in was[2] or it.doc.origin_doc_id for it in items):
            return None
        return was[0], was[1]

    def add_incident(self, keys: list[Key], reasons: list[str], incident: tuple[str, str] = ("", "")) -> None:
        """Read one stored incident (its reports, any order, and its merge reasons: one per report that
        joined, by the group's founder or as a copy, and perhaps the founder's "kept apart"); one that does
        not read back that way is left out (its events count as new)."""
        labels = {label(k): k for k in keys}
        notes: dict[Key, str] = {}
        copies: list[Key] = []
        for reason in reasons:
            head, _, rest = reason.partition(" ")
            key = labels.get(head)
            if key is None or key in notes or key in copies:
                self.unread = True
                return
            if rest.startswith(f"{AS_COPY} "):
                copies.append(key)
            else:
                notes[key] = reason
        founders = [k for k in keys if k not in copies and notes.get(k, _kept(k)) == _kept(k)]
        if len(labels) != len(keys) or len(founders) != 1:
            self.unread = True
            return
        founder = founders[0]
        anchor = f" joined {label(founder)}: "
        if any(k != founder and not note.startswith(label(k) + anchor) for k, note in notes.items()):
            self.unread = True
            return
        for k in keys:
            if k not in copies:
                self.decisions[k] = (founder, notes.get(k))
        self.copies.update(copies)
        self.sizes[founder] = len(keys) - len(copies)
        self.incidents[founder] = (*incident, frozenset(keys), reasons)

    def usable(self, items: list[Item], twins: set[Key]) -> bool:
        """Whether every item with a prior decision is where it was: in the greedy pass, or a copy."""
        return all((it.key in self.copies) == (it.key in twins) for it in items
                   if it.key in self.decisions or it.key in self.copies)


def read_prior(rows: list[tuple[str, str, list[str], list[str], list[str]]], reusable: set[str]) -> Prior | None:
    """A ``Prior`` from ``store.regroup.prior_rows``, of the incidents whose every event is in
    ``reusable``; None when there is none."""
    prior = Prior()
    for incident_id, fp, docs, events, reasons in rows:
        if docs and len(docs) == len(events) and all(e in reusable for e in events):
            prior.add_incident(list(zip(docs, events, strict=True)), reasons, (incident_id, fp))
    return prior if prior.decisions else None


class Replay:
    """One greedy pass replaying ``Prior``: per position, (position of last run's founder, its merge reason)
    or None; the dirty groups (indices of this pass) and a flag per position set once its group is dirty."""

    def __init__(self, prior: Prior, old: list[tuple[int, str | None] | None]) -> None:
        self.prior, self.old = prior, old
        self.dirty: set[int] = set()
        self.flag = bytearray(len(old))
        self.flagged: dict[int, list[int]] = {}
        """Flagged positions by blocking signature, to find the dirty groups near an item from its partners'
        signatures alone."""
        self.sigs: list[int] = []

    @classmethod
    def start(cls, prior: Prior, items: list[Item]) -> Replay | None:
        """A replay of ``items`` (canonical order), or None when a group of last run that they claim is
        not whole here."""
        pos = {it.key: i for i, it in enumerate(items)}
        old: list[tuple[int, str | None] | None] = [None] * len(items)
        counts: dict[int, int] = {}
        for i, it in enumerate(items):
            if (was := prior.decisions.get(it.key)) is None:
                continue
            f = pos.get(was[0], -1)
            if f < 0 or f > i or prior.decisions[was[0]][0] != was[0]:
                return None
            old[i] = (f, was[1])
            counts[f] = counts.get(f, 0) + 1
        if any(prior.sizes[items[f].key] != n for f, n in counts.items()):
            return None
        return cls(prior, old) if counts else None

    def decide(self, i: int, earlier: Earlier, groups: list[list[int]], group_of: list[int]) -> Choice | None:
        """Item ``i``'s choice of last run, (group to join or None to found one, its merge reason), when
        every group holding one of its partners is clean, or when it was kept apart and the dirty ones hold
        only new items (``_apart_again``); else None (compare it)."""
        self.sigs = earlier.sigs
        was = self.old[i]
        if was is None:
            return None
        founder, note = was
        if (self.dirty and (near := self.dirty_near(i, earlier, group_of))
                and (founder != i or note is None or not self._apart_again(near, groups))):
            return None
        if founder == i:
            self.prior.replayed += 1
            return None, note
        g = group_of[founder]
        if g in self.dirty or groups[g][0] != founder:
            return None
        self.prior.replayed += 1
        return g, note

    def _apart_again(self, near: set[int], groups: list[list[int]]) -> bool:
        """An item kept apart last time (two or more groups fitted) is kept apart again when the dirty groups
        near it hold only items without a prior decision: every group of last run that fitted it (all its
        members partners of the item) is still here as it was, since a member that moved would have taken
        its last-run decision into a dirty group near it."""
        return not self.prior.unread and all(self.old[m] is None for g in near for m in groups[g])

    def dirty_near(self, i: int, earlier: Earlier, group_of: list[int]) -> set[int]:
        """The dirty groups holding a partner of item ``i``."""
        n = earlier.sigs[i]
        if n < 0:
            return set()
        flagged = self.flagged
        return {group_of[j] for m in earlier.met(n) if m in flagged for j in flagged[m] if j < i}

    def scope(self, i: int, earlier: Earlier, groups: list[list[int]], group_of: list[int]) -> list[int] | None:
        """The groups item ``i``, compared, need be scored against: those holding a partner (None: all of them)
        that are dirty, and its old group when that is clean. A clean group is last run's group as it was at
        this turn, so it fits and scores as it did: had it beaten the old choice it would have been chosen
        then; an item that founded with no group fitting (note None) fitted none of them, one that joined (a
        coarse one only when no other fitted) preferred its old group to every other. Only an item kept apart
        last time (two or more fitted, which ones unknown) or whose old group is dirty is scored against all."""
        allowed = self._allowed(i, groups, group_of)
        return None if allowed is None else sorted(self.dirty_near(i, earlier, group_of) | allowed)

    def _allowed(self, i: int, groups: list[list[int]], group_of: list[int]) -> set[int] | None:
        """Beyond the dirty groups near it: its clean old group (none for a founder that fitted none); None
        for every group near it."""
        was = self.old[i]
        if was is None:
            return None
        founder, note = was
        if founder == i:
            return None if note is not None else set()
        g = group_of[founder]
        if g in self.dirty or groups[g][0] != founder:
            return None
        return {g}

    def decided(self, i: int, groups: list[list[int]], group_of: list[int]) -> None:
        """After item ``i`` was compared: the groups it changed are dirty."""
        g, was = group_of[i], self.old[i]
        if was is None or groups[g][0] != was[0]:
            self._spoil(g, groups)
            if was is not None:
                self._spoil(group_of[was[0]], groups)
        if g in self.dirty:
            self._flag(i)

    def _spoil(self, g: int, groups: list[list[int]]) -> None:
        """Group ``g`` is dirty from now on: so is every member's flag."""
        if g not in self.dirty:
            self.dirty.add(g)
            for m in groups[g]:
                self._flag(m)

    def _flag(self, m: int) -> None:
        if not self.flag[m]:
            self.flag[m] = 1
            if (n := self.sigs[m]) >= 0:
                self.flagged.setdefault(n, []).append(m)
