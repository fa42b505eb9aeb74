"""extract/dates.py: EDTF dates, years only from evidence, relative dates and discourse dating."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogline.extract.dateindex import DateIndex
from fogline.extract.dates import DateMention, find_dates, infer_context_year, resolve_against


def first(text: str, published: str | None = None, context_year: int | None = None) -> DateMention:
    ms = find_dates(text, published, context_year)
    assert ms, f"no date in {text!r}"
    return ms[0]


@pytest.mark.parametrize(
    ("text", "edtf", "precision", "source"),
    [
        ("On 12 October 2020, shells hit a school in the town.", "2020-10-12", "day", "explicit"),
        ("On 2nd of November 2020 a convoy was ambushed.", "2020-11-02", "day", "explicit"),
        ("Late on November 4, 2020 drones struck a depot.", "2020-11-04", "day", "explicit"),
        ("On June 5th 2018, the group laid down its arms.", "2018-06-05", "day", "explicit"),
        ("On October 02, 2018, the cabinet resigned.", "2018-10-02", "day", "explicit"),
        ("The decree is dated 11.12.2020 and was signed in the capital.", "2020-12-11", "day", "explicit"),
        ("The report (2021-03-05) lists the losses.", "2021-03-05", "day", "explicit"),
        ("On 7 May, villagers blocked the road.", "XXXX-05-07", "day", "unknown"),
        ("On December 11th, at around 20:40, a post came under fire.", "XXXX-12-11", "day", "unknown"),
        ("Troops entered the village on March 24.", "XXXX-03-24", "day", "unknown"),
        ("In September 2018, on an unspecified day, a soldier was shot.", "2018-09", "month", "explicit"),
        ("Between 1 and 3 March 2021 the border was quiet.", "2021-03-01/2021-03-03", "week", "explicit"),
        ("From March 4 to 6, the shelling went on.", "XXXX-03-04/XXXX-03-06", "week", "unknown"),
        ("The 1992-1994 war displaced many.", "1992/1994", "year", "explicit"),
        ("Talks have stalled since 2016.", "2016", "year", "explicit"),
        ("The post was hit on 03/04/2020 by mortar fire.", "2020", "year", "explicit"),
        ("Fighting resumed on 25/03/2022 near the ridge.", "2022-03-25", "day", "explicit"),
    ],
    ids=["dmy-year", "ordinal-of", "mdy-comma-year", "mdy-ordinal-year", "mdy-zero-padded", "numeric-dots",
         "iso", "no-year-dmy", "no-year-with-time", "no-year-mdy", "month-year", "day-range",
         "mdy-range-no-year", "war-years", "bare-year", "ambiguous-slash-keeps-year", "slash-day-first"],
)
def test_absolute(text: str, edtf: str, precision: str, source: str) -> None:
    m = first(text)
    assert (m.edtf, m.precision, m.year_source) == (edtf, precision, source)
    assert text[m.start:m.end] == m.text


@pytest.mark.parametrize(
    ("text", "published", "edtf"),
    [
        ("A few hours ago, troops took two hills.", "2020-10-22", "2020-10-22"),
        ("Yesterday, a drone hit a fuel truck.", "2021-05-03", "2021-05-02"),
        ("The day before yesterday a mine exploded.", "2021-05-03", "2021-05-01"),
        ("On Sunday, rockets fell on the city.", "2020-10-07", "2020-10-04"),
        ("Last Wednesday a patrol was ambushed.", "2020-10-07", "2020-09-30"),
        ("Last week, sappers cleared a road.", "2020-10-07", "2020-09-28/2020-10-04"),
        ("Earlier this month the truce collapsed.", "2020-10-07", "2020-10"),
        ("Three days ago a convoy was hit.", "2020-10-07", "2020-10-04"),
        ("On 24 March, soldiers captured a hill.", "2022-03-27", "2022-03-24"),
        ("On 28 December, a shell hit a bakery.", "2021-01-03", "2020-12-28"),
        ("Elections are set for 9 January.", "2020-12-30", "2021-01-09"),
        ("In September the offensive began.", "2020-10-22", "2020-09"),
        ("Thousands marched in the capital over the weekend.", "2020-10-07", "2020-10-03?"),
        ("Last weekend a rally was broken up.", "2020-10-05", "2020-10-03?"),
    ],
    ids=["hours-ago", "yesterday", "day-before-yesterday", "on-sunday", "last-weekday", "last-week",
         "this-month", "n-days-ago", "year-from-publication", "year-back-across-new-year",
         "year-forward-for-upcoming", "month-from-publication", "over-the-weekend", "last-weekend-on-monday"],
)
def test_relative_to_publication(text: str, published: str, edtf: str) -> None:
    m = first(text, published)
    assert m.edtf == edtf
    assert m.year_source == "publication"


@pytest.mark.parametrize(
    "text",
    ["Yesterday, a drone hit a fuel truck.", "On Sunday, rockets fell on the city.", "Last week, sappers left."],
    ids=["yesterday", "weekday", "last-week"],
)
def test_relative_without_publication_is_unknown(text: str) -> None:
    m = first(text)
    assert (m.edtf, m.precision, m.relative) == ("XXXX-XX-XX", "unknown", True)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Troops took the hill on March 24. The following day, drones struck a convoy.", None,
         ["XXXX-03-24", "XXXX-03-25"]),
        ("The depot burned on 10 May 2021. The day before, a warning was posted.", None,
         ["2021-05-10", "2021-05-09"]),
        ("A few hours ago a hill fell. However, the day before, jets were seen.", "2020-10-22",
         ["2020-10-22", "2020-10-21"]),
        ("A raid came on 28 February. Two days later the village was retaken.", None,
         ["XXXX-02-28", "XXXX-03-02?"]),
        ("On 3 April 2021 a mine went off, and on the 5th another one did.", None, ["2021-04-03", "2021-04-05"]),
    ],
    ids=["following-day", "day-before-explicit", "day-before-after-relative", "leap-year-unknown", "on-the-5th"],
)
def test_relative_to_previous(text: str, published: str | None, expected: list[str]) -> None:
    assert [m.edtf for m in find_dates(text, published)] == expected


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("It comes three weeks after rioters stormed the city hall.", "2020-08-27"),
        ("The activist remains in hospital nearly two weeks after the beating.", "2020-09"),
        ("A teenager was charged three days after the riot.", "2020-09-14"),
        ("Shots were fired on 2 September. Two days after the shooting, a vigil was held.", "2020-09-04"),
    ],
    ids=["comes-weeks-after", "approximate-count-month", "never-after-publication", "forward-from-a-date"],
)
def test_count_after_clause(text: str, edtf: str) -> None:
    counted = [m for m in find_dates(text, "2020-09-17") if "after" in m.text]
    assert [m.edtf for m in counted] == [edtf]


def test_resolve_against_anchor() -> None:
    follow = find_dates("The next day, a second strike came.")[0]
    anchor = first("On 30 December 2020 a bridge was blown up.")
    assert resolve_against(follow, anchor).edtf == "2020-12-31"


@pytest.mark.parametrize(
    ("text", "published", "context_year", "edtf"),
    [
        ("On 24 March, troops advanced.", None, 2022, "2022-03-24"),
        ("On 24 March, troops advanced.", "2023-06-01", 2022, "2022-03-24"),
        ("The 2020 ceasefire was violated on March 24.", None, None, "XXXX-03-24"),
        ("Kavkaz 2020 drills ended. On 2 May a clash broke out.", None, None, "XXXX-05-02"),
    ],
    ids=["context-year", "context-beats-publication", "background-year-not-used", "exercise-name-not-used"],
)
def test_year_only_from_evidence(text: str, published: str | None, context_year: int | None, edtf: str) -> None:
    dated = [m for m in find_dates(text, published, context_year) if m.month is not None]
    assert dated[0].edtf == edtf


@pytest.mark.parametrize(
    "text",
    ["Two MiG-29 jets and four Su-25 attack aircraft were moved.", "T-72 tanks crossed the bridge.",
     "GNT-2 gabions protect the checkpoint.", "The drill was named Kavkaz 2020.", "It happened at 13:08 sharp.",
     "© 2007-2020, All Rights Reserved", "Protesters may march 3 km today."],
    ids=["mig-su", "t-72", "gnt-2", "exercise", "time-alone", "copyright", "may-march-verbs"],
)
def test_not_dates(text: str) -> None:
    assert [m for m in find_dates(text) if m.anchor == "none"] == []


def test_background_years_are_flagged() -> None:
    text = "On 11 December 2020 a post was attacked. In May 1992 the town had fallen; the 1992-1994 war ended."
    ms = find_dates(text)
    assert [(m.edtf, m.background) for m in ms] == [("2020-12-11", False), ("1992-05", True), ("1992/1994", True)]


def test_background_against_publication() -> None:
    ms = find_dates("The 1992-1994 war left scars.", "2020-10-01")
    assert ms[0].background


def test_weekday_next_to_a_date_is_one_mention() -> None:
    ms = find_dates("On Sunday, 27 September 2020, fighting broke out.", "2020-10-01")
    assert [m.edtf for m in ms] == ["2020-09-27"]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("The parade took place on 10 December 2020. On December 11th a post was attacked.", 2020),
        ("On 2 January 2021 talks began; on December 30 the last shots were fired.", 2020),
        ("On December 11th a post was attacked. In May 1992 a town fell.", None),
        ("On December 11th a post was attacked. © 2007-2020 the site.", None),
        ("On 10 December 2020 a parade. On 12 March a clash.", None),
        ("No dates at all here.", None),
    ],
    ids=["same-days", "across-new-year", "background-too-far", "copyright-is-not-evidence",
         "one-undated-too-far", "nothing"],
)
def test_infer_context_year(text: str, year: int | None) -> None:
    assert infer_context_year(text) == year


TEXT = (
    "Officials spoke at length about the talks.\n"
    "On December 11th, at around 20:40, the enemy tried to storm a post. Three reservists were wounded.\n"
    "A drone was also downed on 12 December. Later a patrol returned fire.\n"
    "Nobody knows when the next round will come."
)


@pytest.mark.parametrize(
    ("needle", "edtf"),
    [("tried", "XXXX-12-11"), ("wounded", "XXXX-12-11"), ("downed", "XXXX-12-12"), ("returned", None),
     ("knows", None), ("spoke", None)],
    ids=["same-sentence", "paragraph-opener", "own-sentence-date", "not-carried-mid-paragraph",
         "not-across-paragraphs", "before-any-date"],
)
def test_date_index(needle: str, edtf: str | None) -> None:
    ms = find_dates(TEXT)
    idx = DateIndex(TEXT, ms)
    pos = TEXT.index(needle)
    s0 = max(TEXT.rfind(". ", 0, pos) + 2, TEXT.rfind("\n", 0, pos) + 1)
    ends = [i for i in (TEXT.find(".", pos), TEXT.find("\n", pos)) if i != -1]
    got = idx.at(pos, s0, min(ends) if ends else len(TEXT))
    assert (got.edtf if got else None) == edtf


def test_date_index_prefers_nearest_in_sentence() -> None:
    text = "In 2016 talks failed, and on 5 March 2021 a drone hit a truck."
    idx = DateIndex(text, find_dates(text))
    m = idx.at(text.index("hit"), 0, len(text))
    assert m is not None and m.edtf == "2021-03-05"


def test_date_index_opener_with_also() -> None:
    text = "Also on March 26, the two leaders spoke by phone. They agreed to meet."
    idx = DateIndex(text, find_dates(text))
    second = text.index("They")
    m = idx.at(text.index("agreed"), second, len(text))
    assert m is not None and m.edtf == "XXXX-03-26"


@pytest.mark.parametrize(
    ("seed", "published", "wanted"),
    [
        ("001", "2020-10-22", {"2020-10-22", "2020-10-21", "2020-09-27"}),
        ("003", None, {"XXXX-12-11", "XXXX-12-09", "XXXX-12-10"}),
        ("004", None, {"XXXX-03-24", "XXXX-03-25", "XXXX-03-26"}),
    ],
    ids=["001-publication", "003-no-year", "004-following-day"],
)
def test_seeds(shared: Path, seed: str, published: str | None, wanted: set[str]) -> None:
    path = next((shared / "seeds").glob(f"{seed}_*.txt"))
    ms = find_dates(path.read_text(encoding="utf-8"), published)
    edtfs = {m.edtf for m in ms}
    assert wanted <= edtfs
    assert not any(m.year_source != "explicit" and (m.year or 0) not in (0, 2020) for m in ms)


# ---------------------------------------------------------------- events in full articles (issue 9 part 5)

def event_date(text: str, trigger: str, published: str | None) -> str | None:
    """The date ``date_index`` gives an event whose word is ``trigger`` (sentences end at '. ' or a line)."""
    from fogline.extract.dateindex import date_index

    pos = text.index(trigger)
    start = max(text.rfind(". ", 0, pos) + 2, text.rfind("\n", 0, pos) + 1)
    ends = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i != -1]
    end = min(ends) + 1 if ends else len(text)
    index = date_index(text, published)
    m = index.at(pos, start, end) or index.default
    return m.edtf if m is not None else None


@pytest.mark.parametrize(
    ("text", "trigger", "published", "edtf"),
    [
        pytest.param("Riot police broke up a march in the port on Sunday.", "march", "2021-06-15", "2021-06-13",
                     id="weekday-before-a-tuesday"),
        pytest.param("Gunmen stormed a checkpoint on Tuesday.", "stormed", "2021-06-15", "2021-06-15",
                     id="weekday-same-as-publication"),
        pytest.param("Militants ambushed a convoy last Tuesday.", "ambushed", "2021-06-15", "2021-06-08",
                     id="last-weekday-on-that-weekday"),
        pytest.param("A car bomb went off near the market yesterday.", "bomb", "2021-03-01", "2021-02-28",
                     id="yesterday-across-month"),
        pytest.param("Shells fell on the outskirts of the town last night.", "Shells", "2020-01-01", "2019-12-31",
                     id="last-night-across-year"),
        pytest.param("Five people were detained overnight Saturday after scuffles with officers.", "detained",
                     "2021-05-10", "2021-05-08", id="overnight-weekday"),
        pytest.param("Students occupied the rector's office earlier this week.", "occupied", "2021-04-08",
                     "2021-04-05/2021-04-11", id="earlier-this-week"),
        pytest.param("Farmers blocked the highway on 3 May.\nLater they burned tyres at the toll gate.",
                     "burned", "2021-05-20", "2021-05", id="no-date-in-own-paragraph"),
        pytest.param("On 14 April the army shelled the ridge.", "shelled", "2021-05-20", "2021-04-14",
                     id="explicit-date-in-sentence"),
        pytest.param("Police dispersed the crowd, the ministry said on Thursday.", "dispersed", "2021-05-20",
                     "2021-05", id="report-date-is-not-event-date"),
        pytest.param("Rebels seized a depot that was mentioned in Monday's newspaper.", "seized", "2021-05-20",
                     "2021-05", id="possessive-weekday-dates-its-noun"),
        pytest.param("Monday's ambush left the garrison short of men.", "ambush", "2021-05-20", "2021-05-17",
                     id="possessive-weekday-on-the-event-noun"),
        pytest.param("During Saturday's protests, stones were thrown at the riot police.", "thrown", "2021-05-20",
                     "2021-05-15", id="during-a-possessive-frames-the-clause"),
        pytest.param("Amid Tuesday's strike, gunmen torched a bus depot.", "torched", "2021-05-20",
                     "2021-05-18", id="amid-a-possessive-frames-the-clause"),
        pytest.param("Gunmen torched a bus depot after reading Tuesday's newspaper.", "torched", "2021-05-20",
                     "2021-05", id="bare-possessive-still-dates-its-noun"),
        pytest.param("Crowds have marched since the shooting on 2 January, and they clashed with police on Sunday.",
                     "clashed", "2021-05-20", "2021-05-16", id="recent-date-beats-stale-one"),
        pytest.param("The envoy spoke on Friday, a day after militias signed the truce in Tripoli.", "signed",
                     "2021-05-22", "2021-05-20", id="apposed-a-day-after-is-the-day-before"),
        pytest.param("The mayor was freed this morning, two days after gunmen abducted him.", "abducted",
                     "2021-05-22", "2021-05-20", id="apposed-two-days-after"),
        pytest.param("On 3 May troops entered the village.\nThe day after, they burned the school.", "burned",
                     "2021-05-22", "2021-05-04", id="the-day-after-opens-a-paragraph"),
        pytest.param("In a televised address to parliament on Monday, the minister said rebels had shelled the dam.",
                     "shelled", "2021-05-20", "2021-05", id="date-of-a-speech-dates-the-speech"),
        pytest.param("At a press conference on Tuesday, police said that looters torched two banks.", "torched",
                     "2021-05-20", "2021-05", id="date-of-a-press-conference"),
        pytest.param("In the village on Tuesday, gunmen said to be bandits killed four farmers.", "killed",
                     "2021-05-20", "2021-05-18", id="a-place-phrase-is-no-speech"),
        pytest.param("Villagers fled when soldiers torched their huts.", "torched", "2021-05-20", "2021-05",
                     id="undated-gives-publication-month"),
        pytest.param("Villagers fled when soldiers torched their huts.", "torched", None, None,
                     id="undated-without-publication"),
    ],
)
def test_event_dates(text: str, trigger: str, published: str | None, edtf: str | None) -> None:
    assert event_date(text, trigger, published) == edtf


REPOST = ("Reposted from our old site.\n"
          "On 14 March 2012 security forces opened fire on a rally in the capital.\n"
          "Two days later, on 16 March 2012, mourners marched to the cemetery.\n"
          "On Sunday hundreds gathered again outside the ministry.\n")


def test_republished_article_gets_no_file_dates() -> None:
    from fogline.extract.dateindex import date_index
    from fogline.extract.dates import find_dates_in_context, is_repost

    assert is_repost(REPOST, find_dates_in_context(REPOST), "2020-06-02")
    assert event_date(REPOST, "opened fire", "2020-06-02") == "2012-03-14"
    assert event_date(REPOST, "gathered", "2020-06-02") == "XXXX-XX-XX"
    assert date_index(REPOST, "2020-06-02").default is None
    assert not any(m.edtf.startswith("2020") for m in find_dates_in_context(REPOST, "2020-06-02"))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("On 2 April 2016 clashes broke out. On 5 April 2016 a truce held. Four years ago today it began.",
                     id="looks-back"),
        pytest.param("In April 2016 clashes killed dozens. In 2020 the war resumed on 27 September.", id="recent-year"),
        pytest.param("A truce was signed on 12 May 1994.", id="single-date"),
    ],
)
def test_not_a_repost(text: str) -> None:
    from fogline.extract.dates import find_dates, is_repost

    assert not is_repost(text, find_dates(text, "2020-10-01"), "2020-10-01")


def test_stale_date_makes_background() -> None:
    from fogline.extract.dateindex import date_index

    text = "Protesters marched on 2 January."
    index = date_index(text, "2021-05-20")
    m = index.at(text.index("marched"), 0, len(text))
    assert m is not None and m.edtf == "2021-01-02" and index.stale(m)
    assert index.default is not None and not index.stale(index.default)


def test_impossible_day_after_a_month_is_not_stale() -> None:
    from fogline.extract.dateindex import date_index

    text = "On 2 February the army shelled the hills. On the 31st troops entered the town."
    index = date_index(text, "2021-02-20")
    m = index.at(text.index("entered"), text.index("On the 31st"), len(text))
    assert m is not None and not index.stale(m)


@pytest.mark.parametrize(
    ("text", "lend", "adopt"),
    [
        pytest.param("Protesters returned on 4 May.", False, True, id="own-day-dates-the-first-telling"),
        pytest.param("The mutiny began in March.", False, True, id="own-month-dates-the-first-telling"),
        pytest.param("Protesters returned on 4 May.", True, False, id="lent-day-is-not-the-events"),
        pytest.param("They were jailed for last year's protests.", False, False, id="year-alone-is-history"),
    ],
)
def test_adoptable(text: str, lend: bool, adopt: bool) -> None:
    from fogline.extract.dateindex import adoptable, date_index, lent

    m = date_index(text, "2021-05-20").mentions[0]
    assert adoptable(lent(m) if lend else m) is adopt


def test_nothing_to_adopt() -> None:
    from fogline.extract.dateindex import adoptable, lent

    assert adoptable(None) is False
    assert lent(None) is None



def _drafts(*rows: tuple[str, str | None]) -> list:  # type: ignore[type-arg]
    """Drafts at one place in article order, one per paragraph: (subtype, the date its sentence gives)."""
    from fogline.extract.dates import find_dates
    from fogline.extract.events import Draft
    from fogline.model import Place

    out = []
    for i, (subtype, when) in enumerate(rows):
        d = Draft(index=i, subtype=subtype, score=1, trigger=0, paragraph=i, last=i, place=Place("Town", 1.0, 2.0))
        d.date = find_dates(when, "2021-05-20")[0] if when else None
        out.append(d)
    return out


@pytest.mark.parametrize(
    ("rows", "first"),
    [
        pytest.param([("Arrests", None), ("Armed clash", "on Sunday"), ("Arrests", None)], None,
                     id="retelling-with-a-lent-date-leaves-the-first-undated"),
        pytest.param([("Arrests", None), ("Arrests", "in 2021")], None, id="retelling-with-a-year-only-date"),
        pytest.param([("Arrests", None), ("Arrests", "on 16 May")], "2021-05-16", id="retelling-with-its-own-day"),
    ],
)
def test_first_telling_keeps_its_own_date(res, rows: list[tuple[str, str | None]], first: str | None) -> None:  # type: ignore[no-untyped-def]
    from fogline.extract import assemble

    merged = assemble.merge(_drafts(*rows), res.extract.cues, res.extract.catalogue)
    assert merged[0].subtype == "Arrests"
    assert (merged[0].date.edtf if merged[0].date is not None else None) == first


@pytest.mark.parametrize(
    ("paragraphs", "lent"),
    [
        pytest.param([0, 1], True, id="another-kind-in-another-paragraph-only-lends"),
        pytest.param([0, 0], False, id="same-paragraph-dates-it"),
    ],
)
def test_neighbour_date(res, paragraphs: list[int], lent: bool) -> None:  # type: ignore[no-untyped-def]
    from fogline.extract import assemble

    drafts = _drafts(("Armed clash", "on Sunday"), ("Arrests", None))
    for d, p in zip(drafts, paragraphs, strict=True):
        d.place, d.paragraph = None, p
    merged = assemble.merge(drafts, res.extract.cues, res.extract.catalogue)
    assert [m.subtype for m in merged] == ["Armed clash", "Arrests"]
    assert merged[1].date.edtf == "2021-05-16" and merged[1].date.borrowed is lent
