"""The `newsqa` command as a user runs it: real process, real model, real files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
    result = newsqa("reindex", env={"CHUNK_SIZE": "big"})
    assert result.returncode == 2 and "CHUNK_SIZE" in result.stderr
