"""Text samples: content-defined, so shared text gives shared sampled hashes whatever surrounds it."""

from __future__ import annotations

import numpy as np
import pytest

from fogline.store.sample import sorted_distinct, text_sample

TEXT = ("Artillery fire reached the northern edge of the valley before dawn, and the regional office said two "
        "farm buildings burned while crews waited for the shelling to stop before they could reach them.")


@pytest.mark.parametrize(("other", "shared_at_least"), [
    pytest.param(TEXT, 1.0, id="same-text"),
    pytest.param("BREAKING:   " + TEXT.upper() + " -- more soon", 0.9, id="case-chrome-and-spaces"),
    pytest.param(TEXT[: len(TEXT) // 2], 0.3, id="first-half"),
])
def test_shared_text_shares_samples(other: str, shared_at_least: float) -> None:
    a, b = set(text_sample(TEXT).tolist()), set(text_sample(other).tolist())
    assert a and len(a & b) >= shared_at_least * min(len(a), len(b))


def test_unrelated_text_shares_nothing() -> None:
    other = "The city council voted on Thursday to repave the old market road and plant trees along the river."
    assert not set(text_sample(TEXT).tolist()) & set(text_sample(other).tolist())


def test_long_text_grows_the_power_tables() -> None:
    text = " ".join(f"w{i}" for i in range(20000))  # longer than the first power table
    assert len(text_sample(text)) > len(text) // 32


@pytest.mark.parametrize("values", [
    pytest.param([], id="empty"),
    pytest.param([7], id="one"),
    pytest.param([5, 5, 5], id="all-equal"),
    pytest.param([2**64 - 1, 3, 2**63, 3, 0, 2**64 - 1], id="repeats-and-extremes"),
    pytest.param(list(range(500, 0, -1)) * 2, id="many-descending-twice"),
])
def test_sorted_distinct_equals_numpy_unique(values: list[int]) -> None:
    a = np.array(values, dtype=np.uint64)
    got = sorted_distinct(a)
    assert got.dtype == np.uint64 and got.tolist() == np.unique(a).tolist()
