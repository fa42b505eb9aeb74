"""actor1/actor2 from the parse of sentences written for these tests."""

from __future__ import annotations

import pytest

from fogline.extract import roles
from fogline.extract.catalogue import load_catalogue
from fogline.resources import Resources

CAT = load_catalogue()

CASES = [
    ("one-sided-civilians", "Russian forces shelled Kharkiv overnight, killing three civilians.", "shelled",
     ("Military Forces of Russia", "Civilians ({label})")),
    ("passive", "Villagers near Djibo were attacked by JNIM fighters.", "attacked",
     ("JNIM: Group for Support of Islam and Muslims", "Civilians ({label})")),
    ("two-sides", "Sudanese Armed Forces clashed with the RSF in Omdurman.", "clashed",
     ("Military Forces of Sudan", "Rapid Support Forces")),
    ("same-side-no-target", "Israeli jets struck Khan Younis, the Israeli army said.", "struck",
     ("Military Forces of Israel", None)),
    ("speaker-is-no-side", "The German government has said laboratories confirmed the poisoning.", "poisoning",
     (None, None)),
    ("spokesman-is-no-side", "German government spokesman Steffen Seibert said tests confirmed the use of chemical "
     "weapons.", "weapons", (None, None)),
    ("agent-on-nominal-trigger", "Israeli men swept up glass following a rocket attack from the Gaza Strip.",
     "rocket", ("Palestine", None)),
    ("from-on-a-verb-is-the-loser", "Iraqi troops freed four villages from Islamic State fighters on Tuesday.",
     "freed", ("Military Forces of Iraq", None)),
    ("recaptured-from", "Al-Shabaab fighters recaptured the town from Somali government forces after a day of "
     "fighting.", "recaptured", ("Al Shabaab", "Military Forces of Somalia")),
    ("experts-of-the-trigger-are-no-side", "French chemical weapons specialists say lab results show the activist "
     "was poisoned.", "weapons", (None, "Civilians ({label})")),
    ("a-day-is-no-target", "Police officers searched marchers during a banned rally on Belarus's Independence Day.",
     "marchers", ("Protesters ({label})", None)),
    ("speaker-own-side-acts", "The Israeli army said its jets struck targets in Gaza.", "struck",
     ("Military Forces of Israel", None)),
]


@pytest.mark.parametrize(("text", "trigger", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_roles(text: str, trigger: str, want: tuple[str, str | None], res: Resources) -> None:
    parse = next(res.nlp.parse_texts([text]))[:]
    trig = next(t for t in parse if t.text == trigger)
    r = roles.assign(parse, 0, trig, CAT.find(text))
    got = (r.actor1.entry.name if r.actor1 else None, r.actor2.entry.name if r.actor2 else None)
    assert got == want
