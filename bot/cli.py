"""The `newsqa` command line."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from index.settings import Settings


class Failure(click.ClickException):
    """A failure the user can act on: a message, no traceback, and an exit status."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


def _settings(**overrides) -> Settings:
    try:
        return Settings.load(**overrides)
    except ValueError as exc:
        raise Failure(str(exc), 2) from None


def _embedder(settings: Settings):
    from index.embed import Embedder, ModelNotFound

    try:
        return Embedder.from_settings(settings)
    except ModelNotFound as exc:
        raise Failure(str(exc)) from None


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log more detail to stderr.")
def cli(verbose: bool) -> None:
    """Ask questions about Chinese newspaper articles and get cited, extractive answers."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s: %(message)s")


@cli.command()
@click.option("--seeds", "seeds", type=click.Path(path_type=Path), help="Folder of page text files (default: SEEDS_DIR).")
@click.option("--full", is_flag=True, help="Re-embed every passage instead of only new or changed ones.")
def reindex(seeds: Path | None, full: bool) -> None:
    """Build or update the index from the page files in the seeds folder.

    Unchanged passages keep their vectors; changed files are re-embedded; removed files drop
    out. The new index replaces the old one atomically.
    """
    from index.build import NoSeeds, build_index, seed_files

    settings = _settings(seeds_dir=seeds)
    try:
        seed_files(settings.seeds_dir)  # fail fast, before the model loads
        report = build_index(settings, _embedder(settings), full=full, progress=sys.stderr.isatty())
    except NoSeeds as exc:
        raise Failure(str(exc), 2) from None
    for reason in report.skipped:
        click.echo(f"warning: skipped {reason}", err=True)
    click.echo(report.summary())


@cli.command()
def chat() -> None:
    """Chat in the terminal: type a question, get the closest passages."""
    from index.store import IndexMismatch, IndexMissing, load_index
    from retrieval.search import dense_search

    settings = _settings()
    embedder = _embedder(settings)
    try:
        index = load_index(settings.index_dir, settings.embedder_id, embedder.dim)
    except (IndexMissing, IndexMismatch) as exc:
        raise Failure(str(exc), 2) from None
    click.echo("Ask a question (empty line or Ctrl-D to quit).")
    while True:
        try:
            question = input("> ").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if not question:
            break
        for rank, hit in enumerate(dense_search(index, embedder.encode([question])[0], 3), 1):
            c = hit.chunk
            click.echo(f"[{rank}] {c.title} · {c.source}:{c.line_start}-{c.line_end} ({hit.score:.2f})\n    {c.text}")


@cli.command()
@click.pass_context
def run(ctx: click.Context) -> None:
    """Build the index if there is none yet, then start chatting (what `make run` does)."""
    from index.store import IndexMissing, read_manifest

    settings = _settings()
    try:
        read_manifest(settings.index_dir)
    except IndexMissing:
        click.echo(f"No index yet at {settings.index_dir}; building it from {settings.seeds_dir} ...")
        ctx.invoke(reindex)
    ctx.invoke(chat)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="newsqa")
