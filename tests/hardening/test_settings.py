"""fogline.toml: the limits of issue 11 are settings, checked when read."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogline.config import Config, ConfigError


def test_limits_are_read(tmp_path: Path) -> None:
    path = tmp_path / "fogline.toml"
    path.write_text("max_bytes = 1000\nmax_text_chars = 500\narticle_timeout_s = 2.5\n")
    cfg = Config.load(path)
    assert (cfg.max_bytes, cfg.max_text_chars, cfg.article_timeout_s) == (1000, 500, 2.5)


@pytest.mark.parametrize("line", [
    pytest.param("article_timeout_s = 0", id="zero-timeout"),
    pytest.param("article_timeout_s = 'soon'", id="text-timeout"),
    pytest.param("article_timeout_s = true", id="bool-timeout"),
    pytest.param("max_text_chars = -1", id="negative-chars"),
    pytest.param("max_bytes = 1.5", id="fractional-bytes"),
])
def test_bad_limits_are_refused_with_the_key(tmp_path: Path, line: str) -> None:
    path = tmp_path / "fogline.toml"
    path.write_text(line + "\n")
    with pytest.raises(ConfigError, match=line.split(" ")[0]):
        Config.load(path)
