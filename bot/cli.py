"""The `newsqa` command line: reindex, ask, chat, eval, run.

Exit status: 0 answered (or done), 1 the articles do not answer the question, 2 bad input
(an empty or unsearchable question, a missing index or seeds folder, a bad setting or file).
"""

from __future__ import annotations

import json
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
        raise Failure(str(exc), 2) from None


def _qa(settings: Settings):
    from index.embed import ModelNotFound
    from index.store import IndexMismatch, IndexMissing
    from retrieval.model import ModelMismatch
    from retrieval.qa import QA

    try:
        return QA(settings, _embedder(settings))
    # ModelNotFound here is the reader's m3e-small, where another model embeds.
    except (IndexMissing, IndexMismatch, ModelMismatch, ModelNotFound) as exc:
        raise Failure(str(exc), 2) from None


def _status(answer) -> int:
    if answer.note in ("empty", "nothing"):
        return 2
    return 0 if answer.found else 1


def render(answer) -> str:
    """An answer as a person reads it in a terminal: the answer, the sentence it stands in (file
    and lines), numbered sources with their scores."""
    if answer.note == "source":
        if not answer.found:
            return answer.text
        c = answer.sources[0].chunk
        return f"{c.title} · {c.cite()}\n{c.text}"
    lines = [answer.text]
    if answer.note and answer.note not in ("empty", "nothing"):
        lines.append(f"({answer.note})")
    evidence = answer.evidence
    if evidence:
        lines.append(f"「{evidence['text']}」（{answer.sources[0].chunk.where} 第{answer.evidence_lines}行）")
    for rank, hit in enumerate(answer.sources, 1):
        c = hit.chunk
        lines.append(f"[{rank}] {c.title} · {c.cite()} · {hit.score:.2f}")
        if not answer.found:
            text = c.text.replace("\n", " ")
            lines.append(f"    {text[:120]}{'…' if len(text) > 120 else ''}")
    return "\n".join(lines)


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log more detail to stderr.")
def cli(verbose: bool) -> None:
    """Ask questions about Chinese newspaper articles and get cited, extractive answers."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s: %(message)s")


@cli.command()
@click.option("--seeds", "seeds", type=click.Path(path_type=Path), help="Folder of page text files and e-paper PDFs (default: SEEDS_DIR).")
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
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(report.summary())


@cli.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per answer.")
@click.option("--batch", type=click.File("r", encoding="utf-8"), help="Questions, one per line ('-' for stdin); needs --json.")
def ask(question: str | None, as_json: bool, batch) -> None:
    """Answer QUESTION (Chinese or English) with the fact, its sentence and numbered sources.

    With --json --batch FILE, answer every line of FILE as an independent question and print
    one JSON object per line, in the same order.
    """
    if batch is not None:
        if not as_json:
            raise Failure("--batch needs --json", 2)
        if question is not None:
            raise Failure("give either QUESTION or --batch, not both", 2)
        qa = _qa(_settings())
        for line in batch:
            click.echo(json.dumps(qa.ask(line.rstrip("\r\n")).to_json(), ensure_ascii=False))
        return
    if question is None:
        raise Failure('give a question, e.g. newsqa ask "跨省通办的事项有多少个？"', 2)
    answer = _qa(_settings()).ask(question)
    click.echo(json.dumps(answer.to_json(), ensure_ascii=False) if as_json else render(answer))
    sys.exit(_status(answer))


HELP = """Type a question in Chinese or English; follow-ups use the last answer.
  /sources     the sources of the last answer
  /source N    the full passage of source N (or: 第二个来源)
  /help        this help
  /quit        leave (or Ctrl-D)"""


@cli.command()
def chat() -> None:
    """Chat in the terminal: questions, follow-ups, /sources, /source N, /help, /quit."""
    try:
        import readline  # noqa: F401  (line editing and history for input())
    except ImportError:
        pass
    from retrieval.session import Session

    settings = _settings()
    qa = _qa(settings)
    session = Session(ttl=settings.context_ttl_seconds)
    interactive = sys.stdin.isatty()
    if interactive:
        click.echo(f"newsqa · {len(qa.index.articles)} articles, {len(qa.index.chunks)} passages. /help for commands.")
    while True:
        try:
            line = input("> " if interactive else "").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if not line:
            continue
        if line in ("/quit", "/exit", "/q"):
            break
        if line == "/help":
            click.echo(HELP)
            continue
        if line == "/sources":
            current = session.current()
            if current:
                click.echo("\n".join(render(current[1]).splitlines()[1:]) or "(no sources)")
            else:
                click.echo("还没有来源，请先提一个问题。")
            continue
        qa.refresh()
        click.echo(render(qa.ask(line, session)))
        click.echo()


@cli.command("eval")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--outside", type=click.Path(path_type=Path), help="Questions about articles not in the corpus: report the share refused.")
@click.option("--misses", is_flag=True, help="Also list each question answered wrongly.")
def eval_(file: Path, outside: Path | None, misses: bool) -> None:
    """Score answers on a JSON Lines question set (question, lang, answers; evidence or file).

    Prints per language: hit@1 and hit@3 (a source holding the gold answer is first / among the
    first three), answer accuracy (the answer holds a gold answer), exact match and F1 (the
    CMRC 2018 way: characters, punctuation and spaces removed, best over the gold answers),
    unanswerable questions refused, answerable questions wrongly refused, and p50/p95 latency.
    With --outside FILE, also the share of FILE's questions (about articles not in the corpus)
    that are refused.
    """
    from retrieval.evaluate import BadEvalFile, evaluate, read_questions, refused_share

    try:
        items = read_questions(file)
        others = read_questions(outside) if outside else []
    except BadEvalFile as exc:
        raise Failure(str(exc), 2) from None
    qa = _qa(_settings())
    for lang, score in evaluate(qa, items).items():
        click.echo(score.row(lang))
        if misses:
            for miss in score.misses:
                click.echo(f"     miss: {miss}")
    if others:
        refused, total = refused_share(qa, others)
        click.echo(f"outside {total:4d}  refused {refused}/{total} ({100 * refused / total:.1f}%)")


@cli.command()
def bot() -> None:
    """Run the Telegram bot (long polling); needs TELEGRAM_BOT_TOKEN in the environment or .env."""
    from bot.telegram import run_bot

    settings = _settings()
    if not settings.telegram_bot_token:
        raise Failure("set TELEGRAM_BOT_TOKEN (environment or .env) to start the bot", 2)
    run_bot(settings, _qa(settings))


@cli.command()
@click.pass_context
def run(ctx: click.Context) -> None:
    """Build the index if there is none yet, then start the Telegram bot when TELEGRAM_BOT_TOKEN
    is set, else the terminal chat (what `make run` does)."""
    from index.store import IndexMissing, read_manifest

    settings = _settings()
    try:
        read_manifest(settings.index_dir)
    except IndexMissing:
        click.echo(f"No index yet at {settings.index_dir}; building it from {settings.seeds_dir} ...")
        ctx.invoke(reindex)
    ctx.invoke(bot if settings.telegram_bot_token else chat)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="newsqa")
