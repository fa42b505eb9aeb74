"""The last corpus run's decisions, read back so that grouping a partition again can replay them
(``corpus.replay``): for the stored incidents holding some events, their reports, their merge reasons (why
each report joined, or why it was kept apart) and their fingerprints."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyarrow as pa

if TYPE_CHECKING:
    from fogline.store import Store

PriorRow = tuple[str, str, list[str], list[str], list[str]]

PRIOR_SQL = """
WITH m AS (SELECT incident_id, list(doc_id ORDER BY event_id) AS docs, list(event_id ORDER BY event_id) AS events
           FROM incident_reports
           WHERE incident_id IN (SELECT incident_id FROM incident_reports
                                 WHERE event_id IN (SELECT id FROM _fogline_prior))
           GROUP BY incident_id)
SELECT m.incident_id, i.fingerprint, m.docs, m.events, json_extract_string(i.record, '$.merge_reasons[*]')
FROM m JOIN incidents i USING (incident_id)
WHERE i.rowid IN (SELECT rowid FROM incidents WHERE incident_id IN (SELECT incident_id FROM m))
ORDER BY m.incident_id
"""


def prior_incidents(store: Store, event_ids: list[str]) -> list[PriorRow]:
    """(incident_id, fingerprint, its reports' doc ids, their event ids, its merge reasons) of every stored
    incident holding one of ``event_ids``."""
    if not event_ids:
        return []
    store.conn.register("_fogline_prior", pa.table({"id": pa.array(event_ids, pa.string())}))
    try:
        rows = store.conn.execute(PRIOR_SQL).fetchall()
    finally:
        store.conn.unregister("_fogline_prior")
    return [(i, fp, list(docs or []), list(events or []), list(reasons or [])) for i, fp, docs, events, reasons in rows]
