"""Event -> place linking (extract/locate.py) on sentences we wrote ourselves, places from the real geo stage."""

from __future__ import annotations

import re

import pytest

from fogline.extract.locate import locate
from fogline.geo import run as geo_run
from fogline.geo.resolve import km
from fogline.model import Document, Place, RawArticle, Sentence
from fogline.resources import Resources


def located(text: str, trigger: str, res: Resources) -> Place | None:
    """The event place for the first occurrence of ``trigger`` (sentences split on '. ')."""
    doc = Document.from_raw(RawArticle("t", "t.txt", text))
    geo_run(doc, res)
    sents = [Sentence(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[^.]+\.?", doc.text)]
    pos = doc.text.index(trigger)
    i = next(k for k, s in enumerate(sents) if s.start <= pos < s.end)
    return locate(doc.places, doc.text, sents, i, pos, 0)


# (id, text, trigger word, expected (lat, lon) or None, expected precision or None)
CASES = [
    ("near-village-over-country", "Azerbaijani troops fired on Armenian posts near Koti, Noyemberyan.", "fired",
     (41.132, 45.105), 2),
    ("in-beats-from", "Farmers from Areni protested in Yeghegnadzor on Friday.", "protested", (39.761, 45.333), 1),
    ("quoted-place-ignored", "Marchers carried banners reading 'Justice in Moscow' through central Gyumri.",
     "carried", (40.785, 43.842), 1),
    ("route-end-ignored", "Villagers of Areni blocked the Yerevan-Goris highway at noon.", "blocked",
     (39.726, 45.185), None),
    ("earlier-sentence", "Shelling was reported near Berdavan. Two soldiers were wounded.", "wounded",
     (41.206, 44.998), 2),
    ("unknown-village-stands-in-district", "Sniper fire hit positions near Qarnakhbyur, Vardenis.", "fire",
     (40.183, 45.731), 2),
    ("unknown-village-no-borrowing", "Troops from Yerevan said shots were fired near Qarnakhbyur on Monday.", "fired",
     None, None),
    ("month-is-no-unknown-place", "Shelling resumed near Berdavan in March, officials said.", "Shelling",
     (41.206, 44.998), 2),
    ("possessive-is-the-government", "Protesters in Gyumri marched against Moscow's decision on Friday.",
     "marched", (40.785, 43.842), 1),
    ("sahel-near-gao", "Militants attacked an army post near Gao in northern Mali on Tuesday.", "attacked",
     (16.27, -0.04), 2),
    ("kharkiv-shelled", "Ukrainian officials said Russian artillery shelled Kharkiv overnight.", "shelled",
     (49.98, 36.25), 1),
    ("region-refined-by-focus-town", "Shelling hit Hadrut again. Hadrut residents fled. Clashes in Nagorno-Karabakh "
     "resumed on Friday.", "Clashes", (39.520, 47.032), 2),
    ("host-verb-subject-beats-later-in", "Kharkiv saw protests for days after a strike on a market in Belgorod.",
     "protests", (49.98, 36.25), 1),
    ("country-only-sentence-gets-country", "Russia sent more troops to the region on Monday.", "sent",
     (61.52, 105.32), 3),  # the centre point coders use (country_points.csv)
    ("unnamed-site-gives-nothing", "Guards detained her at the Polish border. She had left Minsk at dawn.",
     "detained", None, None),
    ("driven-to-unnamed-border-gives-nothing", "Minsk guards drove the activist to the border overnight. Crowds in "
     "Minsk marched again. Minsk police made arrests.", "drove", None, None),
    ("expelled-from-the-country-gives-nothing", "Guards in Minsk held him for a day. He was later expelled from "
     "the country by security officers. Minsk saw more marches.", "expelled", None, None),
    ("streets-of-a-town-attach", "An activist was held at the Polish border a day after she was seized on the "
     "streets of Lviv.", "seized", (49.84, 24.03), 1),
    ("speaking-country-is-no-place", "Germany said the activist was poisoned. Doctors in Berlin and in Omsk "
     "treated him.", "poisoned", None, None),
    ("two-areas-alike-decide-nothing", "Two officers were hurt. Protests went on in Portland and Seattle. Portland "
     "police made arrests. Seattle police made arrests.", "hurt", None, None),
    ("struck-country-not-origin", "Two rockets were fired from Gaza into Israel. A rocket hit a house in Ashdod. "
     "Ashdod residents ran to shelters.", "fired", (31.80, 34.65), 3),
    ("dominant-area-with-its-region", "Two officers were hurt. Police in Portland, Oregon, made arrests. Oregon "
     "officials and Portland residents spoke. A man in Seattle watched.", "hurt", (45.52, -122.68), 3),
]


@pytest.mark.parametrize(("text", "trigger", "where", "precision"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_event_place(res: Resources, text: str, trigger: str, where: tuple[float, float] | None,
                     precision: int | None) -> None:
    p = located(text, trigger, res)
    if where is None:
        assert p is None, (p.name, p.evidence) if p else None
        return
    assert p is not None
    assert km(p.lat, p.lon, *where) < 5, (p.name, p.evidence)
    if precision is not None:
        assert p.precision == precision
