"""``fogline show`` prints stored text as text: no Rich markup, no terminal escapes (issue 11, item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fogline.cli.main import app
from fogline.model import Document, Signal
from fogline.store import Store

runner = CliRunner()


@pytest.mark.parametrize(
    ("title", "shown", "absent"),
    [
        pytest.param("[bold red]Ceasefire[/] [link=http://x.example]holds[/link]",
                     "[bold red]Ceasefire[/] [link=http://x.example]holds[/link]", None, id="rich-markup"),
        pytest.param("Breaking \x1b[2J\x1b]0;owned\x07 news", "Breaking [2J]0;owned news", "\x1b", id="ansi-escapes"),
        pytest.param("Closing tag only [/]", "Closing tag only [/]", None, id="stray-closing-tag"),
    ],
)
def test_show_prints_titles_and_text_literally(tmp_path: Path, title: str, shown: str, absent: str | None) -> None:
    db = str(tmp_path / "s.duckdb")
    doc = Document(doc_id="abc123", source="[/]odd.txt", raw=f"{title}\nBody [i]text[/i] \x1b[31mred", title=title)
    doc.text = doc.raw
    doc.signals = [Signal("loaded_language", "[red]x[/]")]
    with Store.open(db) as store:
        store.add(doc)
    result = runner.invoke(app, ["show", "abc123", "--db", db])
    assert result.exit_code == 0, result.output
    assert shown in result.output and "[i]text[/i]" in result.output and "[red]x[/]" in result.output
    assert "\x1b" not in result.output and (absent is None or absent not in result.output)
