"""A small analysed corpus written for these tests (our own words), shared by export, web and browser tests.

Four articles: two outlets telling one contested clash near Hadrut, one drone strike near Parukh, a
parody, and a hostile article whose title and text hold markup that must never run.
"""

from __future__ import annotations

from fogline.model import (
    Actor,
    ArticleMeta,
    Claim,
    ClaimRecord,
    Cut,
    Document,
    Event,
    Incident,
    Place,
    Report,
    Segment,
    Signal,
    Span,
)

HOSTILE = '<script>window.__pwned = 1;</script><img src=x onerror="window.__pwned=2">'

HADRUT = dict(name="Hadrut", lat=39.5200, lon=47.0300, precision=1, gazetteer_id="wof:0001", country="AZE",
              admin1="Khojavend", placetype="locality")
PARUKH = dict(name="Parukh", lat=40.019, lon=46.804, precision=1, gazetteer_id="wof:0002", country="AZE",
              admin1="Khojaly", placetype="locality")
AZ = ("Military Forces of Azerbaijan", "AZE", "military")
AM = ("Military Forces of Armenia", "ARM", "military")
NK = ("Artsakh Defence Army", "XNK", "military")


def _span(text: str, words: str) -> Span:
    i = text.index(words)
    return Span(i, i + len(words), words)


def _actor(spec: tuple[str, str, str], text: str | None = None, words: str | None = None) -> Actor:
    mention = _span(text, words) if text and words else None
    return Actor(spec[0], spec[1], spec[2], mention)  # type: ignore[arg-type]


def _doc(doc_id: str, outlet: str, published: str, title: str, text: str, **kw: object) -> Document:
    return Document(doc_id=doc_id, source=f"tests/{doc_id}.txt", raw=text, meta=ArticleMeta(title=title),
                    title=title, published=published, outlet=outlet, genre="report", text=text, **kw)  # type: ignore[arg-type]


def clash_report_am() -> Document:
    text = ("Yerevan, 12 December. The defence ministry in Yerevan said on Friday that Azerbaijani troops fired on "
            "an army post near Hadrut and that three reservists were wounded. Officials in Baku rejected the "
            "account and called it a provocation.")
    ev = Event("am1-e1", "Armed clash", "2020-12-11", "day", _actor(AZ, text, "Azerbaijani troops"), _actor(AM),
               Place(**HADRUT, mention=_span(text, "Hadrut")), injured=3, certainty="claimed",  # type: ignore[arg-type]
               evidence=[_span(text, "The defence ministry in Yerevan said on Friday that Azerbaijani troops "
                                     "fired on an army post near Hadrut and that three reservists were wounded.")])
    ev.claims = [
        Claim("Ministry of Defence of Armenia", "ARM", "asserts", _span(text, "The defence ministry in Yerevan said"),
              injured=3),
        Claim("Ministry of Defence of Azerbaijan", "AZE", "denies", _span(text, "Officials in Baku rejected the "
                                                                               "account")),
    ]
    doc = _doc("am1", "news.example.am", "2020-12-12", "Reservists hurt near Hadrut, Yerevan says", text,
               events=[ev], signals=[Signal("known_outlet_rating", "mixed")])
    comments = "Comments (2)\nreader_77: Where are the pictures?"
    doc.raw = f"{text}\n\n{comments}"
    doc.segments = [Segment(0, 0, len(text))]
    doc.removed = [Cut("comments", len(text) + 2, len(doc.raw), comments, "reader comments block")]
    return doc


def clash_report_az() -> Document:
    text = ("Baku. Local media reported that Armenian units opened fire near Hadrut on 11 December and that one "
            "Azerbaijani soldier was hurt. The report blamed an Armenian provocation.")
    ev = Event("az1-e1", "Armed clash", "2020-12-11", "day", _actor(AM, text, "Armenian units"), _actor(AZ),
               Place(**HADRUT, mention=_span(text, "Hadrut")), injured=1, certainty="reported",  # type: ignore[arg-type]
               evidence=[_span(text, "Local media reported that Armenian units opened fire near Hadrut on 11 "
                                     "December and that one Azerbaijani soldier was hurt.")])
    ev.claims = [Claim("Azerbaijani media", "AZE", "asserts", _span(text, "Local media reported"), injured=1)]
    return _doc("az1", "media.example.az", "2020-12-11", "Provocation near Hadrut", text, events=[ev],
                signals=[Signal("known_outlet_rating", "state-affiliated")])


def drone_report() -> Document:
    text = ("Stepanakert, 26 March. Drones struck positions near Parukh on 25 March, killing three soldiers of the "
            "Artsakh Defence Army, the local authorities said.")
    ev = Event("nk1-e1", "Air/drone strike", "2022-03-25", "day", _actor(AZ), _actor(NK, text, "Artsakh Defence Army"),
               Place(**PARUKH, mention=_span(text, "Parukh")), fatalities=3, certainty="reported",  # type: ignore[arg-type]
               evidence=[_span(text, "Drones struck positions near Parukh on 25 March, killing three soldiers of "
                                     "the Artsakh Defence Army, the local authorities said.")])
    ev.claims = [Claim("Artsakh authorities", "XNK", "asserts", _span(text, "the local authorities said"),
                       fatalities=3)]
    return _doc("nk1", "wire.example.org", "2022-03-26", "Three soldiers killed in drone strike", text, events=[ev])


def parody() -> Document:
    text = "Paintball veterans claim they took a hill near Hadrut with water balloons. This is a parody site."
    ev = Event("sat1-e1", "Non-state actor overtakes territory", "2020-12-20", "day", None, None,
               Place(**HADRUT, mention=_span(text, "Hadrut")),
               evidence=[_span(text, "Paintball veterans claim they took a hill near Hadrut "  # type: ignore[arg-type]
                                                      "with water balloons.")])
    doc = _doc("sat1", "parody.example.com", "2020-12-21", "Hill taken", text, events=[ev],
               signals=[Signal("satire_disclaimer", None, text.index("This is"), len(text))])
    doc.genre = "satire"
    return doc


def hostile() -> Document:
    text = f"Reports of shelling near Hadrut came in overnight. {HOSTILE} Nobody was hurt, the blog said."
    ev = Event("x1-e1", "Shelling/artillery/missile attack", "XXXX-12-09", "day", None, None,
               Place(**HADRUT, mention=_span(text, "Hadrut")),  # type: ignore[arg-type]
               certainty="rumored", evidence=[_span(text, "Reports of shelling near Hadrut came in overnight.")])
    ev.claims = [Claim("a blog", None, "asserts", _span(text, HOSTILE))]
    return _doc("x1", f"blog{HOSTILE}", "2020-12-10", f"Shelling {HOSTILE}", text, events=[ev])


def documents() -> list[Document]:
    return [clash_report_am(), clash_report_az(), drone_report(), parody(), hostile()]


def incidents(docs: list[Document]) -> list[Incident]:
    by_id = {d.doc_id: d for d in docs}
    am, az, nk, sat, x = (by_id[k] for k in ("am1", "az1", "nk1", "sat1", "x1"))
    clash = Incident("inc-clash", "Armed clash", "2020-12-11", None, am.events[0].location, am.events[0].actor1,
                     am.events[0].actor2, [Report("am1", "am1-e1", am.outlet, am.published),
                                           Report("az1", "az1-e1", az.outlet, az.published)],
                     [ClaimRecord(d.doc_id, f"{d.doc_id}-e1", c) for d in (am, az) for c in d.events[0].claims],
                     injured_low=1, injured_best=1, injured_high=3, independent_sources=2, contested=True,
                     confidence=0.55, reasons=["two independent outlets", "claims disagree"])
    drone = Incident("inc-drone", "Air/drone strike", "2022-03-25", None, nk.events[0].location, nk.events[0].actor1,
                     nk.events[0].actor2, [Report("nk1", "nk1-e1", nk.outlet, nk.published)],
                     [ClaimRecord("nk1", "nk1-e1", nk.events[0].claims[0])], fatalities_low=3, fatalities_best=3,
                     fatalities_high=3, independent_sources=1, confidence=0.7, reasons=["one named source"])
    joke = Incident("inc-joke", "Non-state actor overtakes territory", "2020-12-20", location=sat.events[0].location,
                    reports=[Report("sat1", "sat1-e1", sat.outlet, sat.published, satire=True)], satire_only=True,
                    reasons=["satire only"])
    rumour = Incident("inc-rumour", "Shelling/artillery/missile attack", "XXXX-12-09", location=x.events[0].location,
                      reports=[Report("x1", "x1-e1", x.outlet, x.published)],
                      claims=[ClaimRecord("x1", "x1-e1", x.events[0].claims[0])], confidence=0.1,
                      reasons=[f"rumour {HOSTILE}"])
    return [clash, drone, joke, rumour]


def ledger():  # type: ignore[no-untyped-def]
    from fogline.export.ledger import Ledger

    docs = documents()
    return Ledger.of(docs, incidents(docs))


def fill_store(path: str) -> None:
    """Write the sample documents, and their incidents when the corpus tables exist, into a store file."""
    from fogline.store import Store

    store = Store.open(path)
    try:
        docs = documents()
        for d in docs:
            store.add(d)
        try:
            from fogline.store.incidents import write_incidents
        except ImportError:
            return
        write_incidents(store, incidents(docs))
    finally:
        store.close()
