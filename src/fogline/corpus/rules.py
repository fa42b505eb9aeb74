"""The merge rules of ``data/corpus/compatibility.json``, loaded once into a typed bundle."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

RULES_FILE = "compatibility.json"


class RulesError(ValueError):
    """A merge-rules file that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True, slots=True)
class MergeRules:
    """What makes two events one incident: type groups, place distances, date widening, actor sides."""

    version: str
    type_groups: dict[str, frozenset[str]]
    same_point_km: dict[int, float]
    coarse_placetypes: frozenset[str]
    coarse_km: dict[str, float]
    cell_degrees: float = 0.1
    week_days: int = 3
    uncertain_days: int = 1
    max_span_days: int = 1830
    actor_equivalents: dict[str, str] = field(default_factory=dict)
    excluded_certainty: frozenset[str] = frozenset({"hypothetical"})
    crowd_types: frozenset[str] = frozenset()
    crowd_topic_min_overlap: float = 0.2
    crowd_generic_words: frozenset[str] = frozenset()
    _groups: dict[tuple[str, str], str | None] = field(default_factory=dict, init=False, compare=False, repr=False)

    def type_group(self, a: str, b: str) -> str | None:
        """The name of a group holding both types ("same" when equal), or None when incompatible; worked
        out once per pair of types."""
        if a == b:
            return "same"
        try:
            return self._groups[a, b]
        except KeyError:
            found = next((name for name in sorted(self.type_groups)
                          if a in self.type_groups[name] and b in self.type_groups[name]), None)
            self._groups[a, b] = found
            return found

    def side(self, country: str | None) -> str | None:
        """The side a country code stands for (equivalent codes collapse: XNK -> ARM)."""
        if country is None:
            return None
        return self.actor_equivalents.get(country, country)


def _parse(data: dict[str, Any], label: str) -> MergeRules:
    try:
        equivalents: dict[str, str] = {}
        for group in data.get("actor_equivalents", []):
            for code in group[1:]:
                equivalents[code] = group[0]
        return MergeRules(
            version=str(data["version"]),
            type_groups={k: frozenset(v) for k, v in data["type_groups"].items()},
            same_point_km={int(k): float(v) for k, v in data["same_point_km"].items()},
            coarse_placetypes=frozenset(data["coarse_placetypes"]),
            coarse_km={str(k): float(v) for k, v in data["coarse_km"].items()},
            cell_degrees=float(data.get("cell_degrees", 0.1)),
            week_days=int(data.get("week_days", 3)),
            uncertain_days=int(data.get("uncertain_days", 1)),
            max_span_days=int(data.get("max_span_days", 1830)),
            actor_equivalents=equivalents,
            excluded_certainty=frozenset(data.get("excluded_certainty", ["hypothetical"])),
            crowd_types=frozenset(data.get("crowd_types", [])),
            crowd_topic_min_overlap=float(data.get("crowd_topic_min_overlap", 0.2)),
            crowd_generic_words=frozenset(data.get("crowd_generic_words", [])),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RulesError(f"{label}: bad merge rules: {exc!r}") from exc


def load_rules(path: Path | None = None) -> MergeRules:
    """The shipped rules, or those of ``path``."""
    if path is None:
        return default_rules()
    try:
        return _parse(json.loads(path.read_text(encoding="utf-8")), str(path))
    except (OSError, json.JSONDecodeError) as exc:
        raise RulesError(f"{path}: cannot read merge rules: {exc}") from exc


@lru_cache(maxsize=1)
def default_rules() -> MergeRules:
    text = resources.files("fogline").joinpath("data", "corpus", RULES_FILE).read_text(encoding="utf-8")
    return _parse(json.loads(text), RULES_FILE)
