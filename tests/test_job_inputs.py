"""``analyze`` with an input that waits on its producer (a named pipe, standard input): what came before it
is analysed and written at once, not held until the producer sends more."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

from fogline import job
from fogline.model import RawArticle

ARTICLE = "Shelling was reported near the village of {} on Monday, the regional governor said."
WAIT_S = 240.0
"""How long the test waits for a line before it calls the run stuck (loading the models takes a while on a
loaded machine; this is a deadlock guard, not a timing)."""


def _line(proc: subprocess.Popen[str]) -> dict[str, object]:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], WAIT_S)
    assert ready, "the article before the waiting input was never written"
    return json.loads(proc.stdout.readline())  # type: ignore[no-any-return]


@pytest.mark.parametrize("second", ["named-pipe", "stdin"], ids=["named-pipe", "stdin"])
def test_article_before_a_waiting_input_is_written_first(tmp_path: Path, second: str) -> None:
    first = tmp_path / "first"
    os.mkfifo(first)
    later = tmp_path / "later"
    if second == "named-pipe":
        os.mkfifo(later)
        arg = str(later)
    else:
        arg = "-"
    proc = subprocess.Popen([sys.executable, "-m", "fogline.cli.main", "analyze", str(first), arg, "--db", ":memory:",
                             "--no-corpus", "--jsonl", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, encoding="utf-8")
    try:
        with first.open("w", encoding="utf-8") as fh:  # the producer writes one article ...
            fh.write(ARTICLE.format("Talish"))
        assert proc.stdin is not None
        assert "Talish" in str(_line(proc)["text"])  # ... and waits: that article is out already
        if second == "named-pipe":
            proc.stdin.close()
            with later.open("w", encoding="utf-8") as fh:
                fh.write(ARTICLE.format("Madagiz"))
        else:
            proc.stdin.write(ARTICLE.format("Madagiz"))
            proc.stdin.close()
        assert "Madagiz" in str(_line(proc)["text"])
        assert proc.wait(timeout=WAIT_S) == 0
    finally:
        proc.kill()
        proc.wait()


class _Waiting:
    """Inputs whose third item comes from a producer that may wait."""

    def __init__(self, n: int) -> None:
        self.items = [RawArticle(f"d{i}", f"s{i}", "text") for i in range(n)]
        self.read = 0

    def __iter__(self) -> _Waiting:
        return self

    def __next__(self) -> RawArticle:
        if self.read == len(self.items):
            raise StopIteration
        self.read += 1
        return self.items[self.read - 1]

    def next_may_wait(self) -> bool:
        return self.read == 2


def test_chunks_go_out_before_a_wait() -> None:
    items = _Waiting(5)
    chunks = job._chunks(items)
    assert [c.doc_id for c in next(chunks)] == ["d0", "d1"]
    assert next(chunks) == [] and items.read == 2  # nothing read ahead of the waiting input
    assert [c.doc_id for c in next(chunks)] == ["d2", "d3", "d4"]
    assert next(chunks, None) is None
