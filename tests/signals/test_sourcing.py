"""Anonymous sourcing and unconfirmed-report signals, with evidence offsets into raw."""

from __future__ import annotations

import pytest

HEAD = "Clashes Reported Near The Border\n\n"


@pytest.mark.parametrize(("sentence", "kind"), [
    pytest.param("According to sources in the army, two posts were abandoned.", "anonymous_sourcing", id="sources"),
    pytest.param("Sources claim the convoy turned back at the bridge.", "anonymous_sourcing", id="sources-claim"),
    pytest.param("According to, several villages changed hands overnight.", "anonymous_sourcing",
                 id="missing-source-name"),
    pytest.param("An official, speaking on condition of anonymity, said the unit withdrew.", "anonymous_sourcing",
                 id="anonymity"),
    pytest.param("It is reported that three soldiers were wounded.", "anonymous_sourcing", id="passive"),
    pytest.param("The ministry has not confirmed the losses.", "unconfirmed", id="not-confirmed"),
    pytest.param("The footage could not be independently verified.", "unconfirmed", id="not-verified"),
    pytest.param("Moscow has yet to confirm the deployment.", "unconfirmed", id="yet-to-confirm"),
])
def test_signal(cleaned, sentence: str, kind: str) -> None:
    doc = cleaned(HEAD + sentence, with_signals=True)
    hits = [s for s in doc.signals if s.kind == kind]
    assert hits
    assert all(doc.raw[s.start:s.end].lower() in sentence.lower() for s in hits)


@pytest.mark.parametrize("sentence", [
    pytest.param("According to the defence ministry, two posts were shelled.", id="named-source"),
    pytest.param("The ministry confirmed the losses on Tuesday.", id="confirmed"),
    pytest.param("Power sources in the city were restored, the utility said.", id="other-sources"),
])
def test_no_signal(cleaned, sentence: str) -> None:
    doc = cleaned(HEAD + sentence, with_signals=True)
    assert not {"anonymous_sourcing", "unconfirmed"} & doc.signal_kinds()


def test_signals_from_comments_are_ignored(from_file) -> None:
    """Comments are cut before text signals run: chatter there raises nothing."""
    doc = from_file("comments_marked.txt")
    assert all(s.start is None or s.start < doc.raw.index("23 Comments") for s in doc.signals)
