"""User settings: which gazetteers, which outlet-rating overrides, input limits.

Read from a TOML file (``--config FILE`` or ``./fogline.toml`` when present); every key is optional.

```toml
max_bytes = 5_000_000            # larger inputs are rejected, not truncated
max_text_chars = 500_000         # an article whose decoded text is longer is rejected before parsing
article_timeout_s = 60           # an article still being analysed after this is abandoned and rejected
gazetteers = ["az-am", "world"]  # shipped layers by name, or paths to compiled gazetteer files
outlet_ratings = "my_outlets.csv" # extra or overriding outlet ratings (domain,category,score,...)
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_MAX_TEXT_CHARS = 500_000
DEFAULT_ARTICLE_TIMEOUT_S = 60.0


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names the file and the reason."""


@dataclass(slots=True)
class Config:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS
    article_timeout_s: float = DEFAULT_ARTICLE_TIMEOUT_S
    gazetteers: list[str] = field(default_factory=lambda: ["az-am", "world"])
    outlet_ratings: Path | None = None
    columns: dict[str, str] = field(default_factory=dict)  # fogline field -> input column (--map, --text-column)
    outlet: str | None = None  # outlet of articles whose input names none (--outlet)

    @classmethod
    def load(cls, path: Path | None = None) -> Config:
        if path is None:
            local = Path("fogline.toml")
            if not local.is_file():
                return cls()
            path = local
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read config: {exc}") from exc
        return cls._from_dict(data, path)

    @classmethod
    def _from_dict(cls, data: dict[str, object], path: Path) -> Config:
        cfg = cls()
        unknown = set(data) - {"max_bytes", "max_text_chars", "article_timeout_s", "gazetteers", "outlet_ratings"}
        if unknown:
            raise ConfigError(f"{path}: unknown keys {sorted(unknown)}")
        for key in ("max_bytes", "max_text_chars"):
            if key in data:
                value = data[key]
                if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                    raise ConfigError(f"{path}: {key} must be a positive integer")
                setattr(cfg, key, value)
        if "article_timeout_s" in data:
            value = data["article_timeout_s"]
            if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
                raise ConfigError(f"{path}: article_timeout_s must be a positive number of seconds")
            cfg.article_timeout_s = float(value)
        if "gazetteers" in data:
            gz = data["gazetteers"]
            if not isinstance(gz, list) or not all(isinstance(g, str) for g in gz):
                raise ConfigError(f"{path}: gazetteers must be a list of names or paths")
            cfg.gazetteers = list(gz)
        if "outlet_ratings" in data:
            cfg.outlet_ratings = (path.parent / str(data["outlet_ratings"])).resolve()
        return cfg
