"""Ingest: files, folders and stdin to ``RawArticle`` records (or ``Rejected`` with the reason).

Formats by extension (or content for stdin): ``.html``/``.htm`` (trafilatura's main text and
metadata), ``.jsonl``/``.ndjson`` and ``.csv`` (one article per row: ``text`` plus optional ``url``,
``title``, ``published``, ``outlet``), anything else plain text. Inputs larger than
``config.max_bytes`` (default 5 MB) are rejected, never truncated; so is an article whose decoded text
is longer than ``config.max_text_chars``. In JSON Lines and CSV a bad row (invalid or deeply nested JSON,
a NUL byte, a wrongly typed field, a field count that differs from the header's) is rejected alone.
A folder that cannot be listed is rejected with the reason; a file name that is not valid UTF-8 is kept
with its undecodable bytes written as ``\\xNN``. A browser's "Save Page As, complete" folder
(``NAME_files/``: ads, scripts, frames) is skipped when walking. ``config.columns`` names the input's
columns (``--text-column``, ``--map``) and ``config.outlet`` the outlet of articles that name none
(``--outlet``). An article not in English is flagged: a warning, and a count in ``language.seen``.
"""

from __future__ import annotations

import functools
import logging
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from fogline.config import Config
from fogline.ingest import language
from fogline.ingest.decode import DecodeError, decode, safe_name
from fogline.ingest.formats import read_csv, read_html, read_json, read_jsonl, read_text
from fogline.model import RawArticle, Rejected

log = logging.getLogger("fogline.ingest")

Item = RawArticle | Rejected
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FOLDER_SUFFIXES = {"", ".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".csv"}
"""Files picked up when walking a folder; other files there (images, .json, ...) are skipped, not rejected.
A file named explicitly is always read."""
ROW_KINDS = {"jsonl", "csv", "json"}
"""Containers of one article per row: a NUL byte there rejects its row, not the whole file."""


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
    kind = _kind(data, source)
    try:
        text, encoding = decode(data, rows=kind in ROW_KINDS)
    except DecodeError as exc:
        return [Rejected(source, str(exc), len(data))]
    cols = config.columns
    readers = {"html": read_html, "jsonl": functools.partial(read_jsonl, columns=cols),
               "csv": functools.partial(read_csv, columns=cols), "json": functools.partial(read_json, columns=cols),
               "text": read_text}
    try:
        return [_flagged(_bounded(item, config), config) for item in readers[kind](text, source, encoding)]
    except Exception as exc:  # noqa: BLE001 - a reader failing on one file must not stop the batch
        return [Rejected(source, f"could not read: {type(exc).__name__}: {exc}", len(data))]


def _bounded(item: Item, config: Config) -> Item:
    """The article, or Rejected when its text is longer than the parser's limit."""
    if isinstance(item, RawArticle) and len(item.raw) > config.max_text_chars:
        return Rejected(item.source, f"text too long: {len(item.raw)} characters > limit {config.max_text_chars}",
                        len(item.raw))
    return item


def _flagged(item: Item, config: Config) -> Item:
    """The article with the run's outlet when it names none, and a warning when it is not in English."""
    if not isinstance(item, RawArticle):
        return item
    if config.outlet and not item.meta.outlet:
        item.meta.outlet = config.outlet
    lang = language.detect(item.raw)
    if lang != "en":
        language.seen[lang] += 1
        log.warning("%s: written in %r, not English: fogline finds events in English text only", item.source, lang)
    return item


def iter_files(paths: Iterable[str]) -> Iterator[Path | str | Rejected]:
    """Files named, and files under folders named (recursively, sorted); ``-`` is stdin.
    A folder that cannot be listed comes as Rejected."""
    for p in paths:
        if p == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(root: Path) -> Iterator[Path | Rejected]:
    errors: list[OSError] = []
    found = []
    for folder, dirs, names in os.walk(root, onerror=errors.append):
        dirs[:] = [d for d in dirs if not d.endswith("_files")]
        for name in names:
            f = Path(folder) / name
            if not name.startswith(".") and f.suffix.lower() in FOLDER_SUFFIXES and f.is_file():
                found.append(f)
    for exc in errors:
        yield Rejected(safe_name(exc.filename or root), f"cannot read folder: {exc.strerror or exc}")
    yield from sorted(found)


def read_stdin(config: Config) -> list[Item]:
    """Standard input, read in chunks with the size limit applied while reading."""
    data, chunks, size = sys.stdin.buffer, [], 0
    while chunk := data.read(1 << 16):
        size += len(chunk)
        if size > config.max_bytes:
            return [Rejected("<stdin>", f"too large: more than {config.max_bytes} bytes (limit)", size)]
        chunks.append(chunk)
    return read_bytes(b"".join(chunks), "<stdin>", config)


def read_paths(paths: Iterable[str], config: Config | None = None) -> Inputs:
    """Every article in the files, folders and stdin named, in a stable order (``Inputs``)."""
    return Inputs(paths, config or Config())


class Inputs(Iterator[Item]):
    """The articles of ``read_paths``, read an input at a time. ``next_may_wait()`` says whether the next
    one must be read from an input that may wait on its producer (standard input that is not a regular
    file, a named pipe, a device: each is read to its end), so that a caller holding articles hands them
    on before asking (``job._chunks``) rather than leaving them waiting for the producer's next one."""

    def __init__(self, paths: Iterable[str], config: Config) -> None:
        self._config = config
        self._files = iter_files(paths)
        self._next_file: Path | str | Rejected | None = None
        self._held: list[Item] = []
        self._outlets: dict[Path, str | None] = {}  # per folder as named, for this call (the working folder may change)

    def __iter__(self) -> Inputs:
        return self

    def __next__(self) -> Item:
        while not self._held:
            f = self._take_file()
            self._held = self._items(f)[::-1]
        return self._held.pop()

    def next_may_wait(self) -> bool:
        """True when the next article comes from an input that may wait on its producer."""
        if self._held:
            return False
        if self._next_file is None:
            self._next_file = next(self._files, None)
        return self._next_file is not None and may_wait(self._next_file)

    def _take_file(self) -> Path | str | Rejected:
        f, self._next_file = self._next_file, None
        if f is None:
            f = next(self._files)  # StopIteration: the end
        return f

    def _items(self, f: Path | str | Rejected) -> list[Item]:
        if f == "-":
            return read_stdin(self._config)
        if isinstance(f, Rejected):
            return [f]
        assert isinstance(f, Path)
        if f.parent not in self._outlets:
            self._outlets[f.parent] = folder_outlet(f.parent.resolve())
        outlet, items = self._outlets[f.parent], _read_file(f, self._config)
        for item in items:
            unnamed = isinstance(item, RawArticle) and item.meta.outlet in (None, self._config.outlet)
            if outlet and unnamed:
                item.meta.outlet = outlet  # type: ignore[union-attr]
        return items


def may_wait(f: Path | str | Rejected) -> bool:
    """Whether reading ``f`` (a path, ``-`` for stdin) may wait on a producer: anything but a regular file."""
    if isinstance(f, Rejected):
        return False
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode if f == "-" else Path(f).stat().st_mode
    except (OSError, ValueError, AttributeError):  # stdin closed or replaced (no file number); a name gone
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


OUTLET_FILE = ".outlet"
"""A file of this name holds, on its first line, the outlet of the articles in its folder and the folders
below it (the nearest one wins); an article's own metadata still comes first, ``--outlet`` last."""


@functools.cache
def folder_outlet(folder: Path) -> str | None:
    """The outlet a ``.outlet`` file in ``folder`` or above it names, or None."""
    marker = folder / OUTLET_FILE
    try:
        name = marker.read_text(encoding="utf-8").strip().splitlines()[0].strip() if marker.is_file() else ""
    except (OSError, UnicodeDecodeError, IndexError):
        name = ""
    if name:
        return name
    return folder_outlet(folder.parent) if folder.parent != folder else None


def _read_file(f: Path, config: Config) -> list[Item]:
    source = safe_name(f)
    try:
        size = f.stat().st_size
        if size > config.max_bytes:
            return [Rejected(source, f"too large: {size} bytes > limit {config.max_bytes}", size)]
        data = f.read_bytes()
    except OSError as exc:
        return [Rejected(source, f"cannot read: {exc.strerror or exc}")]
    return read_bytes(data, source, config)


__all__ = ["Inputs", "Item", "iter_files", "may_wait", "read_bytes", "read_paths", "read_stdin"]
