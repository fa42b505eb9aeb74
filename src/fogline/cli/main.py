"""The ``fogline`` command. Each command is thin: it parses options and calls one library function."""

from __future__ import annotations

import importlib

import typer

from fogline.cli import analyze, evaluate, export, show
from fogline.cli.common import guarded

app = typer.Typer(
    name="fogline",
    help="Turn conflict news of mixed reliability into a sourced, geocoded ledger of events and claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

analyze.register(app)
show.register(app)
export.register(app)
evaluate.register(app)

# Commands of later stages, each in its own module with register(app) (or a Typer sub-app).
for _name in ("incidents", "report", "serve", "load"):
    try:
        importlib.import_module(f"fogline.cli.{_name}").register(app)
    except ModuleNotFoundError as exc:
        if exc.name != f"fogline.cli.{_name}":
            raise
try:
    from fogline.cli.gazetteer import app as gazetteer_app

    app.add_typer(gazetteer_app, name="gazetteer")
except ModuleNotFoundError as exc:
    if exc.name != "fogline.cli.gazetteer":
        raise

for _info in [*app.registered_commands, *(c for g in app.registered_groups if g.typer_instance
                                          for c in g.typer_instance.registered_commands)]:
    _info.callback = guarded(_info.callback)  # every failure one line naming the file, never a traceback


if __name__ == "__main__":
    app()
