"""Which events of a batch of dirty partitions grouping must read in full, worked out without their records.

Grouping reads of an event its blocking keys, place, date, type, certainty and satire (the light key rows,
``store.corpus.key_rows``), its actor sides and, for a crowd, the topic words of its evidence (columns, and
one JSON path: ``store.corpus.light_columns``): all ``match.compare`` and the greedy pass read. Only
assembling an incident reads the whole record. So ``plan`` runs the pass itself on light items, with last
run's groups (``incident_reports``: the first member in canonical order founded each; a founder kept apart
is told by its record holding the phrase) for decisions to replay (``corpus.replay``), and watches it:

- the groups it changes (dirty), those of a compared founder whose note changed (kept apart or not), and
  those holding a copy or a copied article's event (reassembled every time: they name an origin's outlet)
  are reassembled: their events are read in full;
- the groups a compared event was scored against or joined (``Replay.scope``) go into the real pass whole,
  by their light items, with the groups of the articles copies may repeat (``origin_twin`` picks among them);
- every other group of last run is left out and kept as stored (a stand-in: its id and stored fingerprint).

The real pass (``tasks.group_batch``) then makes the same choices: it keeps the canonical order of what
remains, a compared event's candidate groups are all in it, a replayed event needs only its own group and
the flags of its partners (groups left out are clean), and light items compare exactly as records do. Should
it still want a record it was not handed (a group it reassembles holds a light item), it raises
``replay.Incomplete`` and the batch is planned again reading what was wanting; past ``corpus.RETRIES`` it is
read whole (today's path). The result is the one a full recompute gives in every case: the pass never
assembles an incident from a record it was not handed.
"""

from __future__ import annotations

from dataclasses import dataclass

from fogline.corpus.clustering import group_items, origin_twin
from fogline.corpus.items import DocInfo, Item, canonical_order
from fogline.corpus.match import content_words, topic_words
from fogline.corpus.partition import KeyMaker, KeyRow
from fogline.corpus.replay import KEPT_APART, Key, Prior, label
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
    maker, said = KeyMaker(rules), {}
    return [_light(maker, row, docs[row.doc_id], sides, texts, rules, said) for row, sides, texts in prior.light_rows]


def _light(maker: KeyMaker, row: KeyRow, doc: DocInfo, sides: frozenset[str], texts: list[str] | None,
           rules: MergeRules, said: dict[tuple[str, ...], frozenset[str]]) -> Item:
    """A light item with the actor sides and crowd topics ``compare`` reads (content words found once per text,
    ``said``, as ``clustering`` finds them)."""
    item = maker.item(row, doc)
    item.sides = sides
    if texts is not None:
        key = tuple(texts)
        if key not in said:
            said[key] = content_words(key, rules)
        item.topics = topic_words(item.event, rules, said[key])
    return item


def actor_sides(actors: tuple[str | None, str | None, str | None, str | None], rules: MergeRules) -> frozenset[str]:
    """``items.actor_sides`` of an event from its (actor1, actor1_country, actor2, actor2_country) columns."""
    a1, c1, a2, c2 = actors
    return frozenset(rules.side(c) or name.casefold() for name, c in ((a1, c1), (a2, c2)) if name is not None)


Light = dict[str, tuple[frozenset[str], list[str] | None]]
"""event_id -> (actor sides, evidence texts of a crowd report): what ``match.compare`` reads beyond key rows."""


def plan(rows: list[KeyRow], docs: dict[str, DocInfo], light: Light, reports: dict[str, str], apart: set[str],
         rules: MergeRules, need: set[Key]) -> Plan:
    """What to read of a batch's events (``rows``, ``light``): ``reports`` gives last run's incident of each
    event whose incident may be replayed (whole, every event unchanged), ``apart`` the incidents whose founder
    may have been kept apart, ``need`` the events an earlier attempt found wanting."""
    maker, said = KeyMaker(rules), {}
    items = [_light(maker, r, docs[r.doc_id], *light[r.event_id], rules, said) for r in rows
             if r.certainty not in rules.excluded_certainty]
    out = Plan(set(), [], set())
    by_key = {(r.doc_id, r.event_id): r for r in rows}
    for satire in (False, True):
        loaded, passed, kept = _plan_class([it for it in items if it.doc.satire == satire], reports, apart, rules,
                                           need)
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
                need: set[Key]) -> tuple[set[Key], set[Key], set[str]]:
    """(events to read, events in the pass, incidents left out) of one class (satire or not)."""
    twins = _twins(items, rules)
    prior, incident = _prior(canonical_order([it for it in items if it.key not in twins]), twins, reports, apart)
    every = {it.key for it in items}
    if not prior.decisions:
        return every, every, set()
    prior.watch = True
    found = group_items(items, rules, prior)  # the pass on light items: every choice, as the real pass makes it
    replay = prior.watched
    if replay is None:
        return every, every, set()
    members = [[it.key for it in g.items] for g in found]
    apart_now = {g.items[0].key for g in found if g.reasons and g.reasons[0] == f"{label(g.items[0].key)} {KEPT_APART}"}
    rebuild = {g for g, keys in enumerate(members)  # a founder compared: its note may have changed
               if (k := keys[0]) in replay.compared
               and (k in apart_now) != (prior.decisions.get(k, (k, None))[1] is not None)}
    copied = {g for g, group in enumerate(found) if any(it.doc.origin_doc_id for it in group.items)}
    origins = {twin.doc.doc_id for twin in twins.values()}
    wanted = {g for g, keys in enumerate(members) if any(k in need for k in keys)}
    read = replay.dirty | rebuild | copied | wanted
    passed = read | replay.scored | {g for g, group in enumerate(found) if any(it.doc.doc_id in origins
                                                                               for it in group.items)}
    kept = {incident[keys[0]] for g, keys in enumerate(members) if g not in passed}
    return ({k for g in read for k in members[g]}, {k for g in passed for k in members[g]}, kept)
