"""fogline: a sourced, geocoded ledger of what happened in a conflict, and who says so.

``fogline.analyze(text_or_path, **meta)`` analyses one article; ``fogline.open(db)`` reads a store
(see ``fogline.api``). Both load lazily, so ``import fogline`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from fogline.api import Ledger
    from fogline.model import Document


def analyze(text_or_path: Any, **meta: Any) -> Document:
    """Analyse one article (text, or a path to a file); see ``fogline.api.analyze``."""
    from fogline.api import analyze as _analyze

    return _analyze(text_or_path, **meta)


def open(path: Any = "fogline.duckdb") -> Ledger:  # noqa: A001 - the API's name, as in ``fogline.open(db)``
    """Open an existing store for reading: ``.documents()``, ``.events()``, ``.incidents()``."""
    from fogline.api import open_store

    return open_store(path)


__all__ = ["__version__", "analyze", "open"]
