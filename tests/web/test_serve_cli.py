"""``fogline serve`` refuses unsafe settings before binding, and knows which host names it answers to."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from fogline.cli.main import app
from fogline.cli.serve import served_hosts


@pytest.mark.parametrize("token", ["", "  "], ids=["empty", "blank"])
def test_an_empty_token_is_refused(token: str) -> None:
    result = CliRunner().invoke(app, ["serve", "--token", token, "--db", ":memory:"])
    assert result.exit_code == 2 and "empty" in result.output


@pytest.mark.parametrize("host,extra,expected", [
    ("127.0.0.1", [], {"127.0.0.1"}),
    ("10.0.0.5", ["ws.example.org"], {"10.0.0.5", "ws.example.org"}),
], ids=["loopback", "lan-with-name"])
def test_served_hosts(host: str, extra: list[str], expected: set[str]) -> None:
    assert served_hosts(host, extra) == expected


def test_a_wildcard_bind_answers_to_this_machines_names() -> None:
    import socket

    assert socket.gethostname().lower() in served_hosts("0.0.0.0", [])  # noqa: S104
