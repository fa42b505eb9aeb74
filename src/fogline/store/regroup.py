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


def prior_incidents(store: Store, event_ids: list[str]) -> pa.Table | None:
    """(incident_id, fingerprint, its reports' doc ids, their event ids, its merge reasons) of every stored
    incident holding one of ``event_ids``, as Arrow columns (None for no event): the writer hands them on as
    read, and ``prior_rows`` makes them rows where they are used."""
    if not event_ids:
        return None
    store.conn.register("_fogline_prior", pa.table({"id": pa.array(event_ids, pa.string())}))
    try:
        return store.conn.sql(PRIOR_SQL).to_arrow_table()
    finally:
        store.conn.unregister("_fogline_prior")


def prior_rows(table: pa.Table) -> list[PriorRow]:
    """The rows of a ``prior_incidents`` table."""
    columns = [table.column(n).to_pylist() for n in range(5)]
    return [(i, fp, docs or [], events or [], reasons or [])
            for i, fp, docs, events, reasons in zip(*columns, strict=True)]
