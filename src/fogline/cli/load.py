"""``fogline load DIR``: import the Parquet parts ``fogline analyze --parquet DIR`` wrote, then build incidents."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

import typer

from fogline.cli.common import DB_HELP, ConfigOpt, fail, load_config, markup_safe, one_line, open_store, out
from fogline.store import StoreError


def register(app: typer.Typer) -> None:
    app.command("load")(load)


def load(
    folder: Path = typer.Argument(..., help="A folder of Parquet parts written by fogline analyze --parquet."),
    db: str = typer.Option("fogline.duckdb", "--db", help=DB_HELP),
    no_corpus: bool = typer.Option(False, "--no-corpus", help="Skip reposts/incidents after loading."),
    workers: int = typer.Option(1, "--workers", "-j", min=1, help="Processes grouping incidents."),
    config: Path | None = ConfigOpt,
) -> None:
    """Import analysed articles from Parquet parts in bulk (one transaction), then build incidents."""
    import duckdb

    from fogline.corpus import build_corpus
    from fogline.corpus.tasks import WorkerFailed
    from fogline.store.parquet import load_parts

    if not folder.is_dir():
        fail(f"{folder} is not a folder")
    store = open_store(db)
    try:
        try:
            added, skipped = load_parts(store, folder)
        except duckdb.Error as exc:  # a part that is no Parquet file, or not one fogline wrote
            fail(f"{folder}: cannot import the Parquet parts: {one_line(exc)}")
        out.print(f"loaded {added} articles ({skipped} already stored) from {markup_safe(folder)}")
        if not no_corpus and added:
            settings = load_config(config)
            with _corpus_workers(workers, settings) as mapper:
                out.print(f"corpus: {build_corpus(store, settings, mapper)}")
    except (OSError, StoreError) as exc:
        fail(str(exc))
    except WorkerFailed as exc:  # the articles are stored; the incidents of the batches before it too
        fail(f"{exc}. Run the same command again to finish the corpus stage.")
    finally:
        store.close()


def _corpus_workers(workers: int, config: Any) -> AbstractContextManager[Any]:
    """A corpus mapper over ``workers`` forked processes, or None (one process: the stage runs here)."""
    if workers <= 1:
        return nullcontext()
    from fogline.batch.corpus_pool import forked  # the batch package loads the analysing pipeline

    return forked(workers, config)
