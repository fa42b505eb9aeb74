from __future__ import annotations

import pytest

from fogline.extract.catalogue import load_catalogue

CAT = load_catalogue()


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("military forces of Azerbaijan", "Military Forces of Azerbaijan", "AZE"),
        ("the Artsakh Defense Army", "Military Forces of Artsakh", "XNK"),
        ("Armenian Defence Ministry", "Ministry of Defence of Armenia", "ARM"),
        ("Shushan Stepanyan", "Ministry of Defence of Armenia", "ARM"),
        ("pro-Azerbaijani sources", "pro-Azerbaijani sources", "AZE"),
        ("Azeri troops", "Military Forces of Azerbaijan", "AZE"),
        ("Russia's peacekeepers", "Peacekeepers (Russia)", "RUS"),
    ],
    ids=["of-country", "de-facto", "ministry", "office-holder", "pro-sources", "azeri", "possessive"],
)
def test_catalogue(text: str, name: str, country: str) -> None:
    m = CAT.find(text)[-1]
    assert (m.entry.name, m.entry.country) == (name, country)


def test_coordination() -> None:
    ms = CAT.find("Armenian and Azerbaijani forces exchanged fire")
    assert [(m.entry.name, m.entry.country) for m in ms[:2]] == [
        ("Military Forces of Armenia", "ARM"),
        ("Military Forces of Azerbaijan", "AZE"),
    ]
