"""Heavy things built once (spaCy pipeline, gazetteer, catalogues) and passed to every stage.

Each stage package exposes ``load(config)`` returning its own typed bundle; ``Resources`` builds
each bundle lazily, the first time a stage asks, and keeps it for every later article.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from fogline.config import Config

if TYPE_CHECKING:
    from fogline.clean import CleanResources
    from fogline.extract import ExtractResources
    from fogline.geo import GeoResources
    from fogline.nlp import NlpResources
    from fogline.signals import SignalResources


class Resources:
    """The per-process bundle of loaded resources; cheap to create, each part loads on first use."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self._warm = False

    @cached_property
    def clean(self) -> CleanResources:
        from fogline import clean

        return clean.load(self.config)

    @cached_property
    def signals(self) -> SignalResources:
        from fogline import signals

        return signals.load(self.config)

    @cached_property
    def nlp(self) -> NlpResources:
        from fogline import nlp

        return nlp.load(self.config)

    @cached_property
    def geo(self) -> GeoResources:
        from fogline import geo

        return geo.load(self.config)

    @cached_property
    def extract(self) -> ExtractResources:
        from fogline import extract

        return extract.load(self.config)

    def warm(self) -> Resources:
        """Load everything now (before forking workers or timing a run), and run one short article through
        the stages so that what they build on first use is built too (``pipeline.warm_up``)."""
        if not self._warm:
            for name in ("clean", "signals", "nlp", "geo", "extract"):
                getattr(self, name)
            from fogline.pipeline import warm_up

            self._warm = True
            warm_up(self)
        return self
