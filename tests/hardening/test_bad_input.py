"""Readers and decoding: a bad row or byte rejects only itself, with a reason (issue 11, items 4, 5, 6, 9)."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from fogline.config import Config
from fogline.ingest import read_bytes, read_paths, read_stdin
from fogline.ingest.decode import DecodeError, decode
from fogline.model import RawArticle, Rejected

from .cases import GOOD_ROW, csv_big_field, csv_unbalanced, jsonl_mixed, random_high_bytes

CYRILLIC = ("Обстрел Мартуни продолжался всю ночь,", " сообщили местные власти района.")
THREE_BAD_BYTES = CYRILLIC[0].encode() + b"\xff\xfe\xfa" + CYRILLIC[1].encode()


def _kinds(items: list[RawArticle | Rejected]) -> list[str]:
    return ["ok" if isinstance(i, RawArticle) else "rejected" for i in items]


@pytest.mark.parametrize(
    ("name", "data", "kinds", "reason"),
    [
        pytest.param("rows.jsonl", jsonl_mixed().encode(), ["ok", "rejected", "rejected", "rejected", "ok"],
                     "nested too deep", id="jsonl-deep-nul-typed"),
        pytest.param("big.csv", csv_big_field().encode(), ["ok", "ok", "ok"], None, id="csv-185kb-field"),
        pytest.param("quotes.csv", csv_unbalanced().encode(), ["ok", "rejected"], "never closed",
                     id="csv-unbalanced-quote"),
        pytest.param("nul.csv", b'text,outlet\n"Shelling near Martuni on Monday.",A\n"bad \x00 row",B\n',
                     ["ok", "rejected"], "NUL", id="csv-nul-row"),
        pytest.param("short.csv", b'text,outlet\n"Shelling near Martuni on Monday.",A\n"too",many,cells\n',
                     ["ok", "rejected"], "3 fields, header has 2", id="csv-field-count"),
    ],
)
def test_a_bad_row_is_rejected_alone(name: str, data: bytes, kinds: list[str], reason: str | None) -> None:
    items = read_bytes(data, name)
    assert _kinds(items) == kinds, items
    if reason:
        assert any(reason in i.reason for i in items if isinstance(i, Rejected)), items


@pytest.mark.parametrize(
    ("row", "outcome"),
    [
        pytest.param({"title": ["a", "b"]}, "field 'title' must be a string, not list", id="list-title"),
        pytest.param({"outlet": {"name": "x"}}, "field 'outlet' must be a string, not dict", id="dict-outlet"),
        pytest.param({"url": True}, "field 'url' must be a string, not bool", id="bool-url"),
        pytest.param({"title": 1915}, "1915", id="number-title-written-out"),
    ],
)
def test_metadata_fields_are_typed(row: dict[str, object], outcome: str) -> None:
    [item] = read_bytes(__import__("json").dumps({**GOOD_ROW, **row}).encode(), "one.jsonl")
    if isinstance(item, Rejected):
        assert outcome in item.reason
    else:
        assert item.meta.title == outcome and "[" not in (item.meta.title or "")


@pytest.mark.parametrize(
    ("data", "encoding", "text_has"),
    [
        pytest.param(THREE_BAD_BYTES, "utf-8 (3 invalid bytes replaced)",
                     "Обстрел", id="utf8-three-bad-bytes"),
        pytest.param("Обстрел Мартуни продолжался всю ночь.".encode("cp1251"), "cp1251", "Обстрел", id="cp1251-kept"),
        pytest.param("Le ministère a déclaré.".encode("cp1252"), "cp1252", "ministère", id="cp1252-kept"),
    ],
)
def test_decoding_marks_bad_bytes_instead_of_guessing(data: bytes, encoding: str, text_has: str) -> None:
    text, name = decode(data)
    assert name == encoding and text_has in text


def test_random_high_bytes_are_rejected_as_undecodable() -> None:
    with pytest.raises(DecodeError, match="undecodable"):
        decode(random_high_bytes())
    [r] = read_bytes(random_high_bytes(), "noise.txt")
    assert isinstance(r, Rejected) and "undecodable" in r.reason


def test_a_text_longer_than_the_parser_limit_is_rejected_before_parsing() -> None:
    [r] = read_bytes(b"Shelling near Martuni. " * 100, "long.txt", Config(max_text_chars=1000))
    assert isinstance(r, Rejected) and "text too long" in r.reason


def test_a_file_name_that_is_not_utf8_is_kept_as_escapes(tmp_path: Path) -> None:
    with open(os.fsencode(tmp_path) + b"/caf\xe9.txt", "wb") as fh:
        fh.write(b"Troops withdrew from the village on Friday.")
    [item] = list(read_paths([str(tmp_path)]))
    assert isinstance(item, RawArticle) and item.source == f"{tmp_path}/caf\\xe9.txt"
    item.source.encode("utf-8")  # storable


def test_an_unreadable_folder_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "ok.txt").write_text("Troops withdrew from the village on Friday.")
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read_paths([str(tmp_path)]))
    assert _kinds(items) == ["rejected", "ok"]
    assert items[0].source == str(tmp_path / "locked") and "cannot read folder" in items[0].reason


class _EndlessStdin:
    """A standard input that never ends; reading it whole would never return."""

    def __init__(self) -> None:
        self.read_bytes = 0
        self.buffer = self

    def read(self, n: int = -1) -> bytes:
        assert n > 0, "stdin read whole"
        self.read_bytes += n
        return b"x" * n


def test_stdin_size_is_checked_while_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = _EndlessStdin()
    monkeypatch.setattr(sys, "stdin", stdin)
    [r] = read_stdin(Config(max_bytes=200_000))
    assert isinstance(r, Rejected) and "too large" in r.reason
    assert stdin.read_bytes < 300_000


def test_stdin_within_the_limit_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Shelling near Martuni on Monday.")))
    [a] = read_stdin(Config())
    assert isinstance(a, RawArticle) and a.source == "<stdin>"
