"""Readers for each container: plain text, HTML (trafilatura), JSON Lines and CSV rows.

Rows name their fields the way their scraper did: the article text is the first of ``text``, ``maintext``,
``content``, ``body``, ``article`` present (``columns={"text": "story"}`` names another); likewise the
title, date, url and outlet have their common names (``ALIASES``). A plain-text file that is only a list
of URLs is rejected: fogline never fetches.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import Iterator
from typing import Any

from fogline.ingest.dates import edtf_or_none
from fogline.ingest.decode import content_id, normalise
from fogline.model import ArticleMeta, RawArticle, Rejected

META_KEYS = ("url", "title", "published", "outlet")
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "content", "body", "article", "article_text", "full_text"),
    "title": ("title", "headline", "heading"),
    "published": ("published", "date_publish", "date", "pubdate", "published_at", "publication_date",
                  "datetime"),
    "url": ("url", "link", "href"),
    "outlet": ("outlet", "source_domain", "sitename", "site", "publisher"),
}
_URL_LINE = re.compile(r"^https?://\S+$")
OFFLINE = "fetching is not supported offline; save the pages first"


def canonical(row: dict[str, Any], columns: dict[str, str] | None = None) -> dict[str, Any]:
    """The row with fogline's field names: ``columns`` (field -> column) first, then the common aliases."""
    out = dict(row)
    for key, names in ALIASES.items():
        chosen = (columns or {}).get(key)
        if chosen is not None:
            out[key] = row.get(chosen)
            continue
        found = next((n for n in names if isinstance(row.get(n), str) and row[n].strip()), None)
        out[key] = row.get(found) if found else row.get(key)
    return out


def article(text: str, source: str, encoding: str, meta: ArticleMeta) -> RawArticle | Rejected:
    """A RawArticle from decoded text, or Rejected when nothing is left to read."""
    raw = normalise(text)
    if not raw.strip():
        return Rejected(source, "empty: no text after decoding", len(text))
    return RawArticle(content_id(raw), source, raw, encoding, meta)


def read_text(text: str, source: str, encoding: str) -> list[RawArticle | Rejected]:
    urls = url_lines(text)
    if urls:
        return [Rejected(source, f"a list of {urls} URL(s): {OFFLINE}", len(text))]
    return [article(text, source, encoding, ArticleMeta())]


def url_lines(text: str) -> int:
    """How many lines ``text`` holds when every line that is not blank is a URL, else 0 (read up to the
    first line that is not one: an article's first line)."""
    n = 0
    for line in text.splitlines():
        stripped = line.strip()
        if stripped:
            if not _URL_LINE.match(stripped):
                return 0
            n += 1
    return n


def read_html(text: str, source: str, encoding: str) -> list[RawArticle | Rejected]:
    """Main text and metadata of an HTML page, via trafilatura."""
    import trafilatura

    extracted = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    doc: dict[str, Any] = extracted.as_dict() if hasattr(extracted, "as_dict") else (extracted or {})
    if not doc or not (doc.get("text") or "").strip():
        return [Rejected(source, "html: no main text found in the page", len(text))]
    published = edtf_or_none(doc.get("date"), source)
    meta = ArticleMeta(url=doc.get("url"), title=doc.get("title"), published=published,
                       outlet=doc.get("sitename") or doc.get("hostname"))
    return [article(doc["text"], source, encoding, meta)]


class RowError(ValueError):
    """One row that cannot be an article; the message says why."""


def _meta_value(row: dict[str, Any], key: str) -> str | None:
    """A metadata field as text: strings stripped, numbers written out, anything else refused."""
    value = row.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise RowError(f"field {key!r} must be a string, not {type(value).__name__}")
    return str(value).strip() or None


def _meta_from(row: dict[str, Any], source: str) -> ArticleMeta:
    vals = {k: _meta_value(row, k) for k in META_KEYS}
    vals["published"] = edtf_or_none(vals["published"], source)
    return ArticleMeta(**vals)


def _row_article(row: Any, source: str, encoding: str,
                 columns: dict[str, str] | None = None) -> RawArticle | Rejected:
    if not isinstance(row, dict):
        return Rejected(source, "row is not an object with a 'text' key")
    row = canonical(row, columns)
    text = row.get("text")
    if not isinstance(text, str):
        name = (columns or {}).get("text")
        return Rejected(source, f"row has no {name!r} string" if name else
                        f"row has no text string (looked for {', '.join(ALIASES['text'])}; name it with --text-column)")
    if any("\x00" in v for v in row.values() if isinstance(v, str)):
        return Rejected(source, "row holds a NUL byte", len(text))
    try:
        meta = _meta_from(row, source)
    except RowError as exc:
        return Rejected(source, f"row: {exc}", len(text))
    return article(text, source, encoding, meta)


def read_jsonl(text: str, source: str, encoding: str,
               columns: dict[str, str] | None = None) -> Iterator[RawArticle | Rejected]:
    """One article per JSON object line; a bad line is rejected alone."""
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        ref = f"{source}#{n}"
        if "\x00" in line:
            yield Rejected(ref, f"line {n}: holds a NUL byte", len(line))
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(ref, f"line {n}: not valid JSON ({exc.msg})", len(line))
            continue
        except RecursionError:
            yield Rejected(ref, f"line {n}: JSON nested too deep", len(line))
            continue
        yield _row_article(row, ref, encoding, columns)


def read_csv(text: str, source: str, encoding: str,
             columns: dict[str, str] | None = None) -> Iterator[RawArticle | Rejected]:
    """One article per CSV row; the header must name a text column (an alias or ``columns["text"]``).
    A bad row is rejected alone; a row whose field count differs from the header's (an unbalanced
    quote swallows the rows after it) is rejected with that reason."""
    csv.field_size_limit(max(len(text), csv.field_size_limit()))
    buf = io.StringIO(text, newline="")
    reader = csv.reader(buf)
    header = next(reader, None)
    wanted = [columns["text"]] if columns and "text" in columns else list(ALIASES["text"])
    if not header or not set(wanted) & set(header):
        yield Rejected(source, f"csv: header has no text column (looked for {', '.join(wanted)}; "
                               f"name it with --text-column)", len(text))
        return
    odd_quotes = text.count('"') % 2 == 1
    for n in itertools.count(2):
        first = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Rejected(f"{source}#{n}", f"csv row at line {first}: {exc}")
            continue
        if not cells:
            continue
        if odd_quotes and reader.line_num > first and buf.tell() >= len(text):
            yield Rejected(f"{source}#{n}", f"csv row at line {first}: a quote opened here is never closed")
            return
        yield _csv_row(header, cells, f"{source}#{n}", encoding, (first, reader.line_num), columns)


def _csv_row(header: list[str], cells: list[str], ref: str, encoding: str, lines: tuple[int, int],
             columns: dict[str, str] | None) -> RawArticle | Rejected:
    first, last = lines
    if len(cells) != len(header):
        hint = " (an unbalanced quote?)" if last > first else ""
        return Rejected(ref, f"csv row at line {first}: {len(cells)} fields, header has {len(header)}{hint}",
                        sum(len(c) for c in cells))
    return _row_article(dict(zip(header, cells, strict=True)), ref, encoding, columns)


def read_json(text: str, source: str, encoding: str,
              columns: dict[str, str] | None = None) -> Iterator[RawArticle | Rejected]:
    """A JSON file holding one article object or a list of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejected(source, f"json: not valid JSON ({exc.msg} at line {exc.lineno})", len(text))
        return
    except RecursionError:
        yield Rejected(source, "json: nested too deep", len(text))
        return
    rows = data if isinstance(data, list) else [data]
    for n, row in enumerate(rows):
        yield _row_article(row, f"{source}#{n}" if isinstance(data, list) else source, encoding, columns)
