"""Outlet from metadata, signature lines and the URL; repost markers."""

from __future__ import annotations

import pytest

BODY = "Officials said on Friday that the road to the border had been reopened to civilian traffic."


@pytest.mark.parametrize(("raw", "url", "outlet"), [
    pytest.param(f"Road Reopens\n\n{BODY}\n\nSupport RiverPost", None, "RiverPost", id="support-line"),
    pytest.param(f"Road Reopens\n\n{BODY}\n\n© 2021 Highland Courier. All rights reserved.", None, "Highland Courier",
                 id="copyright-line"),
    pytest.param(f"Road Reopens\n\nGORIS, Armenia (Valley Wire) — {BODY}", None, "Valley Wire", id="agency-dateline"),
    pytest.param(f"Road Reopens\n\n{BODY}", "https://www.southfront.org/road-reopens/", "southfront.org",
                 id="url-rated-domain"),
    pytest.param(f"Road Reopens\n\n{BODY}", "https://news.example.net/a/1", "news.example.net", id="url-unknown"),
    pytest.param(f"Road Reopens\n\n{BODY}\n\n© 2007-2020, All Rights Reserved", None, None, id="no-owner-named"),
])
def test_outlet(cleaned, raw: str, url: str | None, outlet: str | None) -> None:
    assert cleaned(raw, url=url, with_signals=True).outlet == outlet


def test_metadata_outlet_wins(cleaned) -> None:
    doc = cleaned(f"Road Reopens\n\n{BODY}\n\nSupport RiverPost", outlet="Mountain Daily", with_signals=True)
    assert doc.outlet == "Mountain Daily"


@pytest.mark.parametrize(("name", "repost", "outlet"), [
    pytest.param("repost_journal.txt", True, "Caucasus Ledger", id="journal-repost"),
    pytest.param("syndicated.txt", True, "Caspian Wire", id="syndicated"),
    pytest.param("widgets.txt", False, "FrontlineDigest", id="own-article"),
])
def test_repost(from_file, name: str, repost: bool, outlet: str) -> None:
    doc = from_file(name)
    assert doc.is_repost is repost
    assert doc.outlet == outlet
    assert ("repost_marker" in doc.signal_kinds()) is repost


def test_known_outlet_rating_signal(cleaned) -> None:
    doc = cleaned(f"Road Reopens\n\n{BODY}\n\nSupport SouthFront", with_signals=True)
    sig = [s for s in doc.signals if s.kind == "known_outlet_rating"]
    assert sig and "unreliable" in (sig[0].detail or "")


def test_donation_signals(from_file) -> None:
    doc = from_file("widgets.txt")
    donations = [s for s in doc.signals if s.kind == "donation_appeal"]
    assert len(donations) >= 3
    assert all(doc.raw[s.start:s.end] in {c.text for c in doc.removed} for s in donations)
