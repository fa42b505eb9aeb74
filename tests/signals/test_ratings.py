"""Outlet ratings: lookups by URL, domain and name; user overrides; the compiled file and its sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogline.config import Config
from fogline.signals import ratings_build
from fogline.signals.ratings import load_ratings, shipped_path


@pytest.fixture(scope="module")
def ratings():
    return load_ratings(Config())


@pytest.mark.parametrize(("query", "category", "state", "country"), [
    pytest.param("https://southfront.org/some-article/", "unreliable", False, None, id="url"),
    pytest.param("SouthFront", "unreliable", False, None, id="name-from-domain-stem"),
    pytest.param("www.theonion.com", "satire", False, None, id="satire-domain"),
    pytest.param("The Borowitz Report", "satire", False, None, id="satire-name"),
    pytest.param("https://www.newyorker.com/humor/borowitz-report/x", "satire", False, None, id="rated-section"),
    pytest.param("news.cctv.com", "state-controlled", True, "CHN", id="gmf-subdomain"),
    pytest.param("Azertac", "state-controlled", True, "AZE", id="gmf-name-az"),
    pytest.param("https://armenpress.am/eng/news/1", "state-controlled", True, "ARM", id="gmf-url-am"),
])
def test_lookup(ratings, query: str, category: str, state: bool, country: str | None) -> None:
    r = ratings.lookup(query)
    assert r is not None
    assert (r.category, r.state_controlled, r.state_country) == (category, state, country)


@pytest.mark.parametrize("query", ["CGTN: Central Asia", "example.org", "", "Lake Sevan Gazette"])
def test_unknown(ratings, query: str) -> None:
    assert ratings.lookup(query) is None


def test_user_overrides(tmp_path: Path) -> None:
    user = tmp_path / "mine.csv"
    user.write_text("domain,name,category,credibility_score,state_controlled,state_country\n"
                    "southfront.org,SouthFront,propaganda,0.05,false,\n"
                    "valley-wire.example,Valley Wire,reliable,0.9,false,\n", encoding="utf-8")
    r = load_ratings(Config(outlet_ratings=user))
    assert r.lookup("southfront.org").category == "propaganda"
    assert r.lookup("Valley Wire").credibility_score == 0.9
    assert r.lookup("theonion.com").category == "satire"


def test_user_file_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("domain,name,credibility_score\n,,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.csv:2"):
        load_ratings(Config(outlet_ratings=bad))
    with pytest.raises(ValueError, match="not found"):
        load_ratings(Config(outlet_ratings=tmp_path / "missing.csv"))


def test_shipped_file_is_versioned_and_attributed() -> None:
    path = shipped_path()
    assert path.read_text(encoding="utf-8").startswith("# version: ")
    for name in ("ATTRIBUTION.md", "LICENSE-CRED-1", "LICENSE-GMF"):
        assert (path.parent / name).is_file()


def test_compiler_reproduces_shipped_file(shared, tmp_path: Path) -> None:
    n = ratings_build.build(shared, tmp_path)
    assert n > 3000
    assert (tmp_path / "outlets.csv").read_text(encoding="utf-8") == shipped_path().read_text(encoding="utf-8")
