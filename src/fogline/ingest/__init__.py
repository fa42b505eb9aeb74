"""Ingest: files, folders and stdin to ``RawArticle`` records (or ``Rejected`` with the reason).

Formats by extension (or content for stdin): ``.html``/``.htm`` (trafilatura's main text and
metadata), ``.jsonl``/``.ndjson`` and ``.csv`` (one article per row: ``text`` plus optional ``url``,
``title``, ``published``, ``outlet``), anything else plain text. Inputs larger than
``config.max_bytes`` (default 5 MB) are rejected, never truncated.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from fogline.config import Config
from fogline.ingest.decode import DecodeError, decode
from fogline.ingest.formats import read_csv, read_html, read_json, read_jsonl, read_text
from fogline.model import RawArticle, Rejected

Item = RawArticle | Rejected
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FOLDER_SUFFIXES = {"", ".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".csv"}
"""Files picked up when walking a folder; other files there (images, .json, ...) are skipped, not rejected.
A file named explicitly is always read."""


def _kind(data: bytes, source: str) -> str:
    suffix = Path(source.split("#")[0]).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    if suffix == ".json":
        return "json"
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def read_bytes(data: bytes, source: str, config: Config | None = None) -> list[Item]:
    """Every article in one input's bytes; never raises for bad input."""
    config = config or Config()
    if not data.strip():
        return [Rejected(source, "empty file", len(data))]
    if len(data) > config.max_bytes:
        return [Rejected(source, f"too large: {len(data)} bytes > limit {config.max_bytes}", len(data))]
    try:
        text, encoding = decode(data)
    except DecodeError as exc:
        return [Rejected(source, str(exc), len(data))]
    readers = {"html": read_html, "jsonl": read_jsonl, "csv": read_csv, "json": read_json, "text": read_text}
    try:
        return list(readers[_kind(data, source)](text, source, encoding))
    except Exception as exc:  # noqa: BLE001 - a reader failing on one file must not stop the batch
        return [Rejected(source, f"could not read: {type(exc).__name__}: {exc}", len(data))]


def iter_files(paths: Iterable[str]) -> Iterator[Path | str]:
    """Files named, and files under folders named (recursively, sorted); ``-`` is stdin."""
    for p in paths:
        if p == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and not f.name.startswith(".") and f.suffix.lower() in FOLDER_SUFFIXES:
                    yield f
        else:
            yield path


def read_paths(paths: Iterable[str], config: Config | None = None) -> Iterator[Item]:
    """Every article in the files, folders and stdin named, in a stable order."""
    config = config or Config()
    for f in iter_files(paths):
        if f == "-":
            yield from read_bytes(sys.stdin.buffer.read(), "<stdin>", config)
            continue
        assert isinstance(f, Path)
        try:
            size = f.stat().st_size
            if size > config.max_bytes:
                yield Rejected(str(f), f"too large: {size} bytes > limit {config.max_bytes}", size)
                continue
            data = f.read_bytes()
        except OSError as exc:
            yield Rejected(str(f), f"cannot read: {exc.strerror or exc}")
            continue
        yield from read_bytes(data, str(f), config)


__all__ = ["Item", "read_bytes", "read_paths", "iter_files"]
