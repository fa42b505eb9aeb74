"""Readers for each container: plain text, HTML (trafilatura), JSON Lines and CSV rows."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from fogline.ingest.dates import edtf_or_none
from fogline.ingest.decode import content_id, normalise
from fogline.model import ArticleMeta, RawArticle, Rejected

META_KEYS = ("url", "title", "published", "outlet")


def article(text: str, source: str, encoding: str, meta: ArticleMeta) -> RawArticle | Rejected:
    """A RawArticle from decoded text, or Rejected when nothing is left to read."""
    raw = normalise(text)
    if not raw.strip():
        return Rejected(source, "empty: no text after decoding", len(text))
    return RawArticle(content_id(raw), source, raw, encoding, meta)


def read_text(text: str, source: str, encoding: str) -> list[RawArticle | Rejected]:
    return [article(text, source, encoding, ArticleMeta())]


def read_html(text: str, source: str, encoding: str) -> list[RawArticle | Rejected]:
    """Main text and metadata of an HTML page, via trafilatura."""
    import trafilatura

    extracted = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    doc: dict[str, Any] = extracted.as_dict() if hasattr(extracted, "as_dict") else (extracted or {})
    if not doc or not (doc.get("text") or "").strip():
        return [Rejected(source, "html: no main text found in the page", len(text))]
    published = edtf_or_none(doc.get("date"))
    meta = ArticleMeta(url=doc.get("url"), title=doc.get("title"), published=published,
                       outlet=doc.get("sitename") or doc.get("hostname"))
    return [article(doc["text"], source, encoding, meta)]


def _meta_from(row: dict[str, Any]) -> ArticleMeta:
    vals = {k: (str(row[k]).strip() or None) if row.get(k) is not None else None for k in META_KEYS}
    vals["published"] = edtf_or_none(vals["published"])
    return ArticleMeta(**vals)


def _row_article(row: Any, source: str, encoding: str) -> RawArticle | Rejected:
    if not isinstance(row, dict):
        return Rejected(source, "row is not an object with a 'text' key")
    text = row.get("text")
    if not isinstance(text, str):
        return Rejected(source, "row has no 'text' string")
    return article(text, source, encoding, _meta_from(row))


def read_jsonl(text: str, source: str, encoding: str) -> Iterator[RawArticle | Rejected]:
    """One article per JSON object line; a bad line is rejected alone."""
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        ref = f"{source}#{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(ref, f"line {n}: not valid JSON ({exc.msg})", len(line))
            continue
        yield _row_article(row, ref, encoding)


def read_csv(text: str, source: str, encoding: str) -> Iterator[RawArticle | Rejected]:
    """One article per CSV row; the header must name a 'text' column."""
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        yield Rejected(source, "csv: header has no 'text' column", len(text))
        return
    for n, row in enumerate(reader, start=2):
        yield _row_article(row, f"{source}#{n}", encoding)


def read_json(text: str, source: str, encoding: str) -> Iterator[RawArticle | Rejected]:
    """A JSON file holding one article object or a list of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejected(source, f"json: not valid JSON ({exc.msg} at line {exc.lineno})", len(text))
        return
    rows = data if isinstance(data, list) else [data]
    for n, row in enumerate(rows):
        yield _row_article(row, f"{source}#{n}" if isinstance(data, list) else source, encoding)
