"""Reader-comment sections: cut with known markers, and by structure on sections never seen before."""

from __future__ import annotations

import pytest

BODY = (
    "Evacuation Of Villages Continues\n\n"
    "Local authorities said on Sunday that buses had taken about 200 residents from three villages near the "
    "front line to the regional centre.\n\n"
    "The defence ministry said shelling had damaged a school and a water tower overnight. Officials said no "
    "one was killed.\n\n"
    "A spokesperson for the regional governor told reporters that more buses would leave on Monday.\n\n"
)


@pytest.mark.parametrize(("name", "gone", "kept"), [
    pytest.param("comments_marked.txt", ["wake up people", "grumpy_farmer77", "Sort by"], "could be verified",
                 id="known-markers"),
    pytest.param("comments_unseen.txt", ["mountain_eagle", "praying for you", "keep dreaming"], "three weeks",
                 id="unseen-structure"),
])
def test_comment_section_cut(res, cleaned, from_file, name: str, gone: list[str], kept: str) -> None:
    doc = from_file(name)
    assert all(g not in doc.text for g in gone)
    assert kept in doc.text
    assert any(c.kind == "comments" for c in doc.removed)


UNSEEN = [
    pytest.param(
        "Tigran_88\nyou people never learn lol\n\nsara.m\nwhat a joke, who believes this??\n\nTigran_88\n"
        "sorry but you are the joke here mate\n\nold_soldier\nhaha this again\n",
        id="handles-and-chatter"),
    pytest.param(
        "Reply\n3 hours ago\nthat is just your opinion bro\n\nReply\n5 hours ago\nnobody asked you lol\n\n"
        "Reply\n1 day ago\nomg stop it, both of you!!\n",
        id="reply-meta-lines"),
]


@pytest.mark.parametrize("tail", UNSEEN)
def test_structural_detector(res, cleaned, from_file, tail: str) -> None:
    doc = cleaned(BODY + tail)
    assert [c.reason for c in doc.removed if c.kind == "comments"] == ["comment_section_structure"]
    assert doc.text.endswith("more buses would leave on Monday.")


ARTICLE_ENDINGS = [
    pytest.param(
        "Background\n\nThe two sides signed a ceasefire in November 2020. \"You will see,\" one officer said, "
        "\"that the line holds.\"\n\nWhat comes next\n\nTalks are due to resume in Brussels, the EU said.\n",
        id="subheadings-and-quotes"),
    pytest.param(
        "Key figures\n\nKilled\n12 soldiers, according to the ministry\n\nWounded\n31, the ministry said\n\n"
        "Missing\n4, officials reported\n",
        id="fact-box"),
    pytest.param(
        "I asked a farmer what he would do now. He shrugged.\n\n\"You plant again,\" he said. \"What else?\"\n",
        id="first-person-close"),
]


@pytest.mark.parametrize("tail", ARTICLE_ENDINGS)
def test_article_endings_are_never_cut_as_comments(res, cleaned, from_file, tail: str) -> None:
    doc = cleaned(BODY + tail)
    assert not any(c.kind == "comments" for c in doc.removed)
    assert tail.strip().splitlines()[-1] in doc.text


def test_seed_comment_section_without_markers(res, cleaned, from_file, shared) -> None:
    """Seed 004 with its comment-section markers and 'Support' lines removed: structure alone finds it."""
    raw = (shared / "seeds" / "004_25a4a03b214109cb.txt").read_text(encoding="utf-8")
    for marker in ("Notify of\n", "Newest Most Voted\n", "Inline Feedbacks\n", "View all comments\n",
                   "Would love your thoughts, please comment.x", "\nSupport SouthFront\n"):
        raw = raw.replace(marker, "\n")
    doc = cleaned(raw)
    assert "Konigsberg" not in doc.text and "Kuriles" not in doc.text
    assert "capturing the village of Farukh on March 24" in doc.text
