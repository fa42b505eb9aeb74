"""Which events of a batch of dirty partitions grouping must read in full, worked out from keys alone.

The greedy pass replays an unchanged event's last decision unless a group among its candidates changed
(``corpus.replay``); it needs the record of an event only to compare it (the event, and every member of
the groups holding one of its partners, which it is scored against) or to assemble a group that changed.
Everything the pass reads of the others (canonical order, blocking keys, satire, certainty, the twins of
copies) is in the light key rows (``store.corpus.key_rows``), and last run's groups are in
``incident_reports``. So ``plan`` runs the pass on light items first, with last run's groups for
decisions, and marks what the real pass will need:

- an event is compared where the real pass would compare it (``Replay.decide``, on the same flags), and
  scored against the groups ``Replay.scope`` names (the dirty groups holding a partner and its old group;
  all of them for one kept apart last time): those members are read;
- what it then chooses is unknown here. An event that had a decision is assumed to make it again (the usual
  case), one without (new or changed) to found a group of its own, dirty from the start, so its later
  partners are compared in turn (downstream, cascading). A choice known from an earlier attempt
  (``outcomes``) is taken as it was, with the groups it changed dirty;
- a group holding a compared event, or one of a copy's article (reassembled every time, as it names its
  origin's outlet), is *touched*: it goes into the real pass whole (members not compared by their keys alone,
  ``Prior.light``), with the articles copies may repeat; every other group of last run is left out and
  kept as stored (a stand-in: its id and stored fingerprint).

Leaving untouched groups out changes nothing for the rest: the real pass keeps the canonical order of what
remains, a compared event's candidate groups are all in the pass, and a replayed event needs only its own
group and the flags of its partners (untouched groups are clean). The plan can be wrong only where an event
chooses otherwise than assumed (a new one joins a group, an old one changes its mind); then the real pass
stops at the first record it wants (``replay.Incomplete``, with the choices made so far), and the batch is
planned again knowing those choices and reading what was wanting; past ``corpus.RETRIES`` it is read whole
(today's path). The result is the one a full recompute gives in every case: the real pass never uses a record
it was not handed.
"""

from __future__ import annotations

from dataclasses import dataclass

from fogline.corpus.blocking import Earlier
from fogline.corpus.clustering import origin_twin
from fogline.corpus.items import DocInfo, Item, canonical_order
from fogline.corpus.match import content_words, topic_words
from fogline.corpus.partition import KeyMaker, KeyRow
from fogline.corpus.replay import Key, Prior, Replay, near_groups
from fogline.corpus.rules import MergeRules

UNKNOWN = "?"
"""The note of a founder that may have been kept apart (its incident's record says so somewhere): what
matters to ``Replay.scope`` is only that it has one."""


@dataclass(slots=True)
class Plan:
    """Event ids to read in full; the key rows of the other events of the pass; the stored incidents left out."""

    load: set[str]
    light: list[KeyRow]
    kept: set[str]


def light_items(prior: Prior | None, docs: dict[str, DocInfo], rules: MergeRules) -> list[Item]:
    """Items of the events a batch hands by their keys and actor sides alone (``Prior.light_rows``): all that
    ``match.compare`` reads of them but a crowd's topics."""
    if prior is None or not prior.light_rows:
        return []
    maker, out = KeyMaker(rules), []
    for row, sides, texts in prior.light_rows:
        item = maker.item(row, docs[row.doc_id])
        item.sides = sides
        if texts is not None:
            item.topics = topic_words(item.event, rules, content_words(tuple(texts), rules))
        out.append(item)
    return out


def actor_sides(actors: tuple[str | None, str | None, str | None, str | None], rules: MergeRules) -> frozenset[str]:
    """``items.actor_sides`` of an event from its (actor1, actor1_country, actor2, actor2_country) columns."""
    a1, c1, a2, c2 = actors
    return frozenset(rules.side(c) or name.casefold() for name, c in ((a1, c1), (a2, c2)) if name is not None)


def plan(rows: list[KeyRow], docs: dict[str, DocInfo], reports: dict[str, str], apart: set[str], rules: MergeRules,
         outcomes: dict[Key, Key], need: set[Key]) -> Plan | None:
    """What to read of a batch's events (``rows``): ``reports`` gives last run's incident of each event whose
    incident may be replayed (whole, every event unchanged), ``apart`` the incidents whose founder may have been
    kept apart, ``outcomes`` the choices known from an earlier attempt, ``need`` the events it found wanting.
    None: read them all."""
    maker = KeyMaker(rules)
    items = [maker.item(r, docs[r.doc_id]) for r in rows if r.certainty not in rules.excluded_certainty]
    out = Plan(set(), [], set())
    by_key = {(r.doc_id, r.event_id): r for r in rows}
    for satire in (False, True):
        found = _plan_class([it for it in items if it.doc.satire == satire], reports, apart, rules, outcomes, need)
        if found is None:
            return None
        loaded, passed, kept = found
        out.load.update(k[1] for k in loaded)
        out.light.extend(by_key[k] for k in passed if k not in loaded)
        out.kept |= kept
    return out


def _twins(items: list[Item], rules: MergeRules) -> dict[Key, Item]:
    """Each copy's event -> the origin event it follows (as ``clustering`` attaches them)."""
    by_doc: dict[str, list[Item]] = {}
    for it in items:
        by_doc.setdefault(it.doc.doc_id, []).append(it)
    out: dict[Key, Item] = {}
    for it in items:
        origin = by_doc.get(it.doc.origin_doc_id or "")
        if origin and (twin := origin_twin(it, origin, rules)) is not None:
            out[it.key] = twin
    return out


def _prior(order: list[Item], twins: dict[Key, Item], reports: dict[str, str],
           apart: set[str]) -> tuple[Prior, dict[Key, str]]:
    """Last run's decisions as incident membership tells them: the first member in canonical order founded
    the group (perhaps kept apart: ``apart``), the others joined it (copies follow their twins); and each
    founder's incident id."""
    prior, founders, incident = Prior(), {}, {}
    for it in order:
        inc = reports.get(it.event.event_id)
        if inc is None:
            continue
        founder = founders.setdefault(inc, it.key)
        prior.decisions[it.key] = (founder, UNKNOWN if founder == it.key and inc in apart else None)
        prior.sizes[founder] = prior.sizes.get(founder, 0) + 1
        incident[founder] = inc
    prior.copies = {k for k, twin in twins.items() if twin.event.event_id in reports}
    return prior, incident


def _plan_class(items: list[Item], reports: dict[str, str], apart: set[str], rules: MergeRules,
                outcomes: dict[Key, Key], need: set[Key]) -> tuple[set[Key], set[Key], set[str]] | None:
    """(events to read, events in the pass, incidents left out) of one class (satire or not); None: all."""
    twins = _twins(items, rules)
    order = canonical_order([it for it in items if it.key not in twins])
    prior, incident = _prior(order, twins, reports, apart)
    replay = Replay.start(prior, order) if prior.decisions else None
    if replay is None:
        every = {it.key for it in items}
        return every, every, set()
    groups, group_of, load, scored = _simulate(order, replay, rules, outcomes, need)
    if groups is None:
        return None
    keys = [it.key for it in order]
    pos = {k: i for i, k in enumerate(keys)}
    copied = {group_of[pos[twin.key]] for twin in twins.values()}
    copied |= {group_of[i] for i, it in enumerate(order) if it.doc.origin_doc_id}
    for g in copied:
        for m in groups[g]:
            load[m] = 1
    touched = {g for g, members in enumerate(groups) if any(load[m] or scored[m] for m in members)}
    origins = {twin.doc.doc_id for twin in twins.values()}
    touched |= {group_of[i] for i, it in enumerate(order) if it.doc.doc_id in origins}
    loaded = {keys[m] for m in range(len(keys)) if load[m]} | set(twins)
    passed = {keys[m] for g in touched for m in groups[g]} | set(twins)
    kept = {incident[keys[members[0]]] for g, members in enumerate(groups) if g not in touched}
    return loaded, passed, kept


def _simulate(order: list[Item], replay: Replay, rules: MergeRules, outcomes: dict[Key, Key],
              need: set[Key]) -> tuple[list[list[int]] | None, list[int], bytearray, bytearray]:
    """The greedy pass on light items: groups, each item's group, which items must be read in full (those of
    the groups to reassemble) and which be in the pass (compared, or in a group one is scored against)."""
    earlier = Earlier(order, rules)
    keys = [it.key for it in order]
    pos = {k: i for i, k in enumerate(keys)}
    groups: list[list[int]] = []
    group_of = [-1] * len(order)
    load = bytearray(k in need for k in keys)
    scored = bytearray(len(order))
    rebuild: set[int] = set()
    for i in range(len(order)):
        old = replay.decide(i, earlier, groups, group_of)
        if old is not None:
            g = old[0]
        else:
            scored[i] = 1
            scope = replay.scope(i, earlier, groups, group_of)
            for h in near_groups(i, earlier, group_of) if scope is None else scope:
                for m in groups[h]:
                    scored[m] = 1
            known, was = outcomes.get(keys[i]), replay.old[i]
            founder = pos.get(known, -1) if known is not None else (was[0] if was is not None else i)
            if founder < 0 or founder > i:
                return None, group_of, load, scored
            g = None if founder == i else group_of[founder]
            if g is None:
                rebuild.add(len(groups))  # its note may change: fitting one group, two or none
        if g is None:
            g = len(groups)
            groups.append([])
        groups[g].append(i)
        group_of[i] = g
        if old is None:
            replay.decided(i, groups, group_of)
        earlier.done(i)
    for g in replay.dirty | rebuild:  # reassembled
        for m in groups[g]:
            load[m] = 1
    return groups, group_of, load, scored
