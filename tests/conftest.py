"""Shared fixtures: the ../shared folder (skips with a reason when absent) and loaded resources."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogline.resources import Resources

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared beside the project; tests that need it skip on a user's machine without it."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"../shared is absent ({SHARED}): seeds and eval sets are only beside a development checkout")
    return SHARED


@pytest.fixture(scope="session")
def res() -> Resources:
    """One Resources for the whole session: the spaCy pipeline and gazetteer load once."""
    return Resources()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA
