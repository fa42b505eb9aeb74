"""A private scratch database on disk (SQLite, deleted when closed) where the report puts what it has
made of each incident and of each article's evidence, then reads it back in the report's order.

The report needs its incidents in date order several times (contested claims, cards, the map's data)
and the evidence of every report, which comes from one pass over the articles in the store's order.
Holding both grew with the store (958 MB at 25,000 articles); here they wait on disk (SQLite keeps a
page cache of a few MB and sorts through its own temporary files), so the report's memory stays flat.
Values are JSON text: what goes in comes back equal (dicts, lists, str, int, float, bool, None).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

_SCHEMA = """
CREATE TABLE incidents (seq INTEGER PRIMARY KEY, day TEXT NOT NULL, incident_id TEXT NOT NULL,
                        event_type TEXT NOT NULL, summary TEXT NOT NULL, contest TEXT);
CREATE INDEX incidents_order ON incidents (day, incident_id, seq);
CREATE TABLE reports (seq INTEGER NOT NULL, pos INTEGER NOT NULL, doc_id TEXT NOT NULL, event_id TEXT NOT NULL,
                      report TEXT NOT NULL, PRIMARY KEY (seq, pos));
CREATE INDEX reports_doc ON reports (doc_id);
CREATE TABLE evidence (doc_id TEXT NOT NULL, event_id TEXT NOT NULL, view TEXT NOT NULL,
                       PRIMARY KEY (doc_id, event_id));
"""
_ORDER = "ORDER BY day, incident_id, seq"


class ReportSpill:
    """Incidents (their summary and contest view, ordered by day then id), their reports, and the
    evidence of the articles those reports come from."""

    def __init__(self) -> None:
        # "" opens a private temporary database on disk; the report may be read on another thread (web)
        self._db = sqlite3.connect("", check_same_thread=False)
        self._db.execute("PRAGMA cache_size = -4096")  # KiB: 4 MB of pages, the rest stays on disk
        self._db.execute("PRAGMA temp_store = FILE")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def add_incidents(self, rows: Iterable[tuple[int, str, str, str, dict[str, Any], dict[str, Any] | None,
                                                 list[dict[str, Any]]]]) -> None:
        """(seq, day, incident_id, event_type, summary, contest view or None, reports) of a page of incidents."""
        incidents, reports = [], []
        for seq, day, incident_id, event_type, summary, contest, reps in rows:
            incidents.append((seq, day, incident_id, event_type, json.dumps(summary),
                              json.dumps(contest) if contest else None))
            reports += [(seq, pos, r["doc_id"], r["event_id"], json.dumps(r)) for pos, r in enumerate(reps)]
        self._db.executemany("INSERT INTO incidents VALUES (?, ?, ?, ?, ?, ?)", incidents)
        self._db.executemany("INSERT INTO reports VALUES (?, ?, ?, ?, ?)", reports)

    def wanted(self, doc_ids: list[str]) -> dict[str, set[str]]:
        """doc_id -> the event ids reported from it, among ``doc_ids``."""
        out: dict[str, set[str]] = {}
        for start in range(0, len(doc_ids), 500):
            chunk = doc_ids[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            for doc_id, event_id in self._db.execute(
                    f"SELECT doc_id, event_id FROM reports WHERE doc_id IN ({marks})", chunk):
                out.setdefault(doc_id, set()).add(event_id)
        return out

    def add_evidence(self, rows: Iterable[tuple[str, str, dict[str, Any]]]) -> None:
        """(doc_id, event_id, what the article shows of that event)."""
        self._db.executemany("INSERT OR REPLACE INTO evidence VALUES (?, ?, ?)",
                             [(d, e, json.dumps(v)) for d, e, v in rows])

    def day_types(self) -> Iterator[tuple[str, str]]:
        """(day, event type) of every incident, in the report's order."""
        yield from self._db.cursor().execute(f"SELECT day, event_type FROM incidents {_ORDER}")

    def summaries(self) -> Iterator[dict[str, Any]]:
        """Every incident's summary, in the report's order."""
        for (summary,) in self._db.cursor().execute(f"SELECT summary FROM incidents {_ORDER}"):
            yield json.loads(summary)

    def contests(self) -> Iterator[dict[str, Any]]:
        """The contest view of every contested incident, in the report's order."""
        query = f"SELECT contest FROM incidents WHERE contest IS NOT NULL {_ORDER}"
        for (contest,) in self._db.cursor().execute(query):
            yield json.loads(contest)

    def cards(self) -> Iterator[tuple[dict[str, Any], list[tuple[dict[str, Any], dict[str, Any] | None]]]]:
        """(summary, [(report, its article's evidence or None when the article is not stored)]) per incident,
        in the report's order."""
        for seq, summary in self._db.cursor().execute(f"SELECT seq, summary FROM incidents {_ORDER}"):
            rows = self._db.execute("SELECT r.report, e.view FROM reports r LEFT JOIN evidence e "
                                    "ON e.doc_id = r.doc_id AND e.event_id = r.event_id WHERE r.seq = ? "
                                    "ORDER BY r.pos", [seq]).fetchall()
            yield json.loads(summary), [(json.loads(r), json.loads(v) if v else None) for r, v in rows]

    def doc_count(self) -> int:
        """How many distinct articles the reports come from."""
        row = self._db.execute("SELECT count(DISTINCT doc_id) FROM reports").fetchone()
        return int(row[0]) if row else 0
