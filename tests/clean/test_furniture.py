"""Whole-line furniture rules: each realistic furniture line is cut, and body lines that resemble it stay."""

from __future__ import annotations

import pytest

from fogline.clean import furniture
from fogline.clean.lines import Label, split_lines

CUT = [
    pytest.param("0 $\n1,200 $\n4,000 $", "donation_widget", id="widget-amounts"),
    pytest.param("$ 10\n$ 25", "donation_widget", id="widget-dollar-first"),
    pytest.param("Do you like this content? Consider helping us!", "donation_appeal", id="appeal"),
    pytest.param("Support RiverPost", "support_outlet", id="support-outlet"),
    pytest.param("Click to see the full-size image", "image_prompt", id="image-prompt"),
    pytest.param("Tap here to view larger image", "image_prompt", id="image-prompt-tap"),
    pytest.param("[embedded content]", "image_prompt", id="embedded"),
    pytest.param("Found a typo? Highlight it and press ctrl + enter", "typo_footer", id="typo-footer"),
    pytest.param("© 2015-2022 Example Media. All rights reserved", "copyright", id="copyright"),
    pytest.param("Tags: army, border, drones", "tags", id="tags"),
    pytest.param("Share this story", "share_prompt", id="share"),
    pytest.param("writer_x (writer_x) wrote,", "journal_repost_header", id="journal-header"),
    pytest.param("This article was first published on Mountain Wire.", "syndication_note", id="syndication"),
    pytest.param("Anonymous comments are disabled in this journal", "journal_comment_form", id="comment-form"),
    pytest.param("By Anna Melikyan", "byline", id="byline"),
    pytest.param("22 October 2020, 13:08Politics", "dateline", id="dateline-dmy"),
    pytest.param("Posted on March 25, 2022", "dateline", id="dateline-prefixed"),
    pytest.param("Read more: Talks resume in Brussels", "read_more", id="read-more"),
    pytest.param("Completing this survey grants you access to Valley Courier alerts at no cost.", "signup_form",
                 id="signup-poll"),
    pytest.param("You can unsubscribe at any time.", "signup_form", id="signup-opt-out"),
    pytest.param("Name This field is for validation purposes and should be left unchanged.", "signup_form",
                 id="signup-validation"),
]

KEPT = [
    pytest.param("The army said 2,500 $ had been paid to each family.", id="money-in-sentence"),
    pytest.param("$50,000", id="single-amount-not-a-widget"),
    pytest.param("By the end of the day, troops had pulled back from the ridge.", id="by-phrase"),
    pytest.param("Support for the ceasefire grew among residents of border villages, polls show.", id="support-word"),
    pytest.param("Read more here about how the mines were laid", id="read-more-in-sentence"),
    pytest.param("On 22 October 2020 the ministry published a long statement about the fighting near the river.",
                 id="date-in-sentence"),
    pytest.param("Farmers who sign up for the scheme may leave it at any time, the ministry said.",
                 id="sign-up-in-sentence"),
]


@pytest.mark.parametrize(("text", "reason"), CUT)
def test_furniture_line_is_cut(res, text: str, reason: str) -> None:
    lines = split_lines(text)
    labels: list[Label | None] = [None] * len(lines)
    furniture.label(lines, labels, res.clean.rules)
    assert all(lab is not None and lab.reason == reason for ln, lab in zip(lines, labels, strict=True) if not ln.blank)


@pytest.mark.parametrize("text", KEPT)
def test_body_line_is_kept(res, text: str) -> None:
    lines = split_lines(text)
    labels: list[Label | None] = [None] * len(lines)
    furniture.label(lines, labels, res.clean.rules)
    assert labels == [None]


def test_rules_name_contract_kinds(res) -> None:
    assert {r.kind for r in res.clean.rules} <= furniture.CUT_KINDS
    assert len({r.id for r in res.clean.rules}) == len(res.clean.rules)


def _first_rule_one_by_one(rules: list[furniture.Rule], line) -> str | None:
    return next((r.id for r in rules if r.matches(line)), None)


@pytest.mark.parametrize("text", [p.values[0] for p in CUT + KEPT] + [
    "Photo: Reuters", "Share on Facebook, Twitter", "BY JOHN SMITH | 12 March 2021", "© 2020", "Tags:",
    "Related stories", "12 $", "click to enlarge", "x (x) wrote in journal_y", "SUPPORT RIVERPOST",
    "Readers who like this reporting can BUY US A COFFEE today", "Sign up for our weekly digest of the valley news"])
def test_combined_rules_pick_the_same_rule(res, text: str) -> None:
    """The rules joined into one regex per line length pick the rule the rules tried in order pick."""
    for line in split_lines(text):
        if not line.blank:
            chosen = res.clean.rules.first_match(line)
            assert (chosen.id if chosen else None) == _first_rule_one_by_one(list(res.clean.rules), line)
