"""Captions with photo credits and repeated lines."""

from __future__ import annotations

import pytest

BODY = "Soldiers dug new trenches along the ridge this week, the local commander said in an interview."


@pytest.mark.parametrize(("caption", "reason"), [
    pytest.param("A checkpoint on the mountain road. (Source: Valley TV via Telegram)", "photo_credit_caption",
                 id="source-credit"),
    pytest.param("Refugees wait for buses in Goris. (Photo: A. Sargsyan)", "photo_credit_caption", id="photo-credit"),
    pytest.param("Photo: Ministry of Defence", "photo_credit", id="credit-line"),
])
def test_credit_captions_cut(res, cleaned, from_file, caption: str, reason: str) -> None:
    doc = cleaned(f"Trenches On The Ridge\n\n{caption}\n\n{BODY}\n\n{caption}")
    assert caption not in doc.text
    assert {c.reason for c in doc.removed if c.kind == "caption"} == {reason}
    assert BODY in doc.text


def test_repeated_paragraph_keeps_first_copy(res, cleaned, from_file) -> None:
    para = "The ministry said the trenches were a defensive measure and posed no threat to anyone."
    doc = cleaned(f"Trenches On The Ridge\n\n{BODY}\n\n{para}\n\n{para}")
    assert doc.text.count(para) == 1
    assert [c.reason for c in doc.removed] == ["title", "repeated_line"]


def test_short_repeated_answers_stay(res, cleaned, from_file) -> None:
    doc = cleaned(f"Trenches On The Ridge\n\n{BODY}\n\nYes.\n\nThe officer was asked again.\n\nYes.")
    assert doc.text.count("Yes.") == 2


def test_seed_captions(res, cleaned, from_file, shared) -> None:
    raw = (shared / "seeds" / "000_9c5596f1fa83cccf.txt").read_text(encoding="utf-8")
    doc = cleaned(raw)
    assert "(Source:" not in doc.text
    assert "Gazprom, the Russian majority state-owned energy company" in doc.text
