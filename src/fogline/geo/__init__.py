"""Stage `geo` (placeholder until its issue lands)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fogline.config import Config
from fogline.model import Document

if TYPE_CHECKING:
    from fogline.resources import Resources


@dataclass(slots=True)
class GeoResources:
    """What this stage loads once per process."""


def load(config: Config) -> GeoResources:
    return GeoResources()


def run(doc: Document, res: Resources) -> None:
    """Fill in this stage's part of ``doc``."""
