"""The parser gate for verb-object frames (data/extract/events.json ``frames``).

A frame types a sentence only when one of its verbs governs one of its objects in the parse
(extract/detect.py), so a sentence can need the parser for a frame only when the text holds a verb
and an object of the *same* frame and none of that frame's "unless" words. Checking that per frame
is exact and keeps sentences that merely mention frame words ("a new bakery opened on the main
square") off the parser, which the summed ``FRAME`` cue score did not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fogline.nlp.phrases import Hit, PhraseIndex

FRAME = "FRAME"  # the pseudo-subtype of frame words among the cues; never an event type
ROLES = (("verb", "verbs"), ("object", "objects"), ("unless", "unless"))


@dataclass(frozen=True, slots=True)
class FrameGate:
    """One phrase index per frame, built as extract/detect.py builds its own."""

    frames: tuple[PhraseIndex[str], ...]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> FrameGate:
        out = []
        for f in data.get("frames", []):
            words: PhraseIndex[str] = PhraseIndex()
            for role, key in ROLES:
                for w in f.get(key, []):
                    words.add(w, role)
            out.append(words)
        return cls(tuple(out))

    def may_fire(self, text: str, folded: str) -> bool:
        """True when some frame has a verb and an object in ``text`` and no word that rules it out."""
        return any(may_fire(words.find(text, folded)) for words in self.frames)


def may_fire(hits: list[Hit[str]]) -> bool:
    """One frame's words found in a text: a verb and an object, and no word that rules the frame out."""
    roles = {r for h in hits for r in h.values}
    return "verb" in roles and "object" in roles and "unless" not in roles
