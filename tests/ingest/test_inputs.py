"""``read_paths``' inputs: which of them may wait on a producer (read to the end of what it sends)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fogline.config import Config
from fogline.ingest import may_wait, read_paths
from fogline.model import Rejected


@pytest.mark.parametrize("kind,waits", [("file", False), ("folder", False), ("named-pipe", True), ("gone", False)],
                         ids=["regular-file", "folder", "named-pipe", "name-gone"])
def test_may_wait(tmp_path: Path, kind: str, waits: bool) -> None:
    path = tmp_path / kind
    if kind == "file":
        path.write_text("x", encoding="utf-8")
    elif kind == "folder":
        path.mkdir()
    elif kind == "named-pipe":
        os.mkfifo(path)
    assert may_wait(path) is waits


def test_rejected_input_never_waits() -> None:
    assert may_wait(Rejected("a folder", "cannot read folder")) is False


def test_next_may_wait_looks_at_the_next_input_only(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Shelling was reported near the town on Monday.", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe")
    inputs = read_paths([str(tmp_path / "a.txt"), str(tmp_path / "pipe")], Config())
    assert inputs.next_may_wait() is False
    assert next(inputs).source.endswith("a.txt")  # type: ignore[union-attr]
    assert inputs.next_may_wait() is True  # the pipe comes next: nothing has opened it
