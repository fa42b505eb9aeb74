from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "export"))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file holding the sample ledger (documents and incidents)."""
    import sample_ledger

    path = tmp_path_factory.mktemp("store") / "s.duckdb"
    sample_ledger.fill_store(str(path))
    return path
