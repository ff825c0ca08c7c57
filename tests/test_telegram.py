"""The real bot, driven over real HTTP through python-telegram-bot's own stack, against a Bot API
imitation on 127.0.0.1 (tests/fake_telegram.py). No bot method is patched."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import subprocess
import sys
from pathlib import Path


from bot.telegram import LIMIT, answer_messages, build_application
from index.build import build_index
from retrieval.answer import Answer
from retrieval.qa import QA
from retrieval.search import Hit
from index.chunk import Chunk, Sentence
from tests.conftest import SEED
from tests.fake_telegram import FakeTelegram

TOKEN = "123456789:AAtest-Token_never-logged"


def drive(settings, qa, scenario, **overrides) -> None:
    """Start the bot against a fresh imitation server, run `scenario(server)`, stop the bot."""

    async def main():
        with FakeTelegram(TOKEN) as server:
            s = dataclasses.replace(settings, telegram_bot_token=TOKEN, telegram_api_base_url=server.url, **overrides)
            app = build_application(s, qa)
            async with app:
                await app.start()
                await app.updater.start_polling(poll_interval=0.0, timeout=1)
                try:
                    await scenario(server)
                finally:
                    await app.updater.stop()
                    await app.stop()

    asyncio.run(main())


def test_private_question_is_answered_with_its_source(seed_index_settings, qa):
    async def scenario(server):
        server.user_says("跨省通办的事项有多少个？", chat_id=11)
        [reply] = await server.wait_for(1, chat_id=11)
        assert reply["parse_mode"] == "HTML"
        first_line = reply["text"].splitlines()[0]
        assert first_line.startswith("<b>") and "55个" in first_line
        assert "<blockquote>" in reply["text"] and "000_8393807093eb2e80.txt:5-10" in reply["text"]
        quoted = reply["text"].split("<blockquote>")[1]
        assert "55个" in quoted and "</blockquote>\n<i>000_8393807093eb2e80.txt:" in quoted  # the evidence and where it stands
        buttons = reply["reply_markup"]["inline_keyboard"][0]
        assert len(buttons) == 3 and all(len(b["callback_data"].encode()) <= 64 for b in buttons)
        assert any(method == "sendChatAction" and p["action"] == "typing" for method, p in server.calls)

    drive(seed_index_settings, qa, scenario)


def test_source_command_and_button_and_expired_button(seed_index_settings, qa):
    async def scenario(server):
        server.user_says("天博扩建项目的厂房面积有多大？", chat_id=12)
        [answer] = await server.wait_for(1, chat_id=12)
        server.user_says("/source 2", chat_id=12)
        [_, second] = await server.wait_for(2, chat_id=12)
        title_line = answer["text"].splitlines()[-2] if answer["text"].count("\n") >= 3 else ""
        assert "<b>" in second["text"] and ":" in second["text"].splitlines()[1]
        assert second["text"].splitlines()[0].replace("<b>", "").replace("</b>", "") in title_line
        button = answer["reply_markup"]["inline_keyboard"][0][0]
        server.user_presses(button["callback_data"], chat_id=12)
        [*_, shown] = await server.wait_for(3, chat_id=12)
        assert "2万多平方米" in shown["text"]
        server.user_presses("src:0123456789abcdef", chat_id=12)
        [*_, expired] = await server.wait_for(4, chat_id=12)
        assert "过期" in expired["text"]

    drive(seed_index_settings, qa, scenario)


def test_groups_answer_only_ask_mentions_and_replies(seed_index_settings, qa):
    async def scenario(server):
        group = -100
        server.user_says("山东省省长是谁？", chat_id=group, user_id=5, chat_type="supergroup")
        await asyncio.sleep(1.5)
        assert server.messages(group) == []
        server.user_says("@newsqa_test_bot 山东省省长是谁？", chat_id=group, user_id=5, chat_type="supergroup",
                         entities=[{"type": "mention", "offset": 0, "length": 16}])
        [first] = await server.wait_for(1, chat_id=group)
        assert "李干杰" in first["text"]
        server.user_says("/ask 曲阜市工信局党组书记是谁？", chat_id=group, user_id=5, chat_type="supergroup")
        server.user_says("天博扩建项目的负责人是谁？", chat_id=group, user_id=6, chat_type="supergroup", reply_to_bot=True)
        replies = await server.wait_for(3, chat_id=group)
        texts = " ".join(r["text"] for r in replies)
        assert "翟德军" in texts and "孔令忍" in texts

    drive(seed_index_settings, qa, scenario)


def test_chat_outside_allowed_list_gets_one_refusal(seed_index_settings, qa):
    async def scenario(server):
        server.user_says("跨省通办的事项有多少个？", chat_id=21)
        server.user_says("跨省通办的事项有多少个？", chat_id=99)
        server.user_says("/source 1", chat_id=99)
        [ok] = await server.wait_for(1, chat_id=21)
        assert "55个" in ok["text"]
        await asyncio.sleep(1.0)
        refused = server.messages(99)
        assert len(refused) == 1 and "只在指定的聊天" in refused[0]["text"] and "55" not in refused[0]["text"]

    drive(seed_index_settings, qa, scenario, allowed_chat_ids=frozenset({21}))


def test_fifty_questions_from_ten_chats_at_once(seed_index_settings, qa):
    questions = ["跨省通办的事项有多少个？", "山东省省长是谁？", "天博扩建厂房面积有多大？", "外围缓冲带有多少亩？", "水井封填工作用了多长时间完成？"]
    facts = ["55个", "李干杰", "2万多平方米", "1260", "20多天"]

    async def scenario(server):
        for chat in range(301, 311):
            for q in questions:
                server.user_says(q, chat_id=chat)
        server.user_says("/help", chat_id=400)
        replies = await server.wait_for(51, timeout=120)
        help_reply = next(m for m in replies if int(m["chat_id"]) == 400)
        assert "例如" in help_reply["text"] and "已收录 6 篇文章" in help_reply["text"]
        for chat in range(301, 311):
            texts = [m["text"] for m in server.messages(chat)]
            assert len(texts) == 5
            for fact in facts:
                assert any(fact in t for t in texts), (chat, fact)

    drive(seed_index_settings, qa, scenario)


def test_429_and_500_are_retried_until_the_answer_arrives(seed_index_settings, qa):
    async def scenario(server):
        server.fail_next("sendMessage", 429, retry_after=1)
        server.user_says("跨省通办的事项有多少个？", chat_id=31)
        [reply] = await server.wait_for(1, chat_id=31)
        assert "55个" in reply["text"]
        server.fail_next("sendMessage", 500, times=2)
        server.user_says("山东省省长是谁？", chat_id=32)
        [reply] = await server.wait_for(1, chat_id=32)
        assert "李干杰" in reply["text"]
        attempts = [p for m, p in server.calls if m == "sendMessage"]
        assert len(attempts) == 5  # 1 refused + 1 delivered, 2 refused + 1 delivered

    drive(seed_index_settings, qa, scenario)


def test_token_never_reaches_the_logs(seed_index_settings, qa, caplog):
    caplog.set_level(logging.DEBUG)
    logging.getLogger().addHandler(caplog.handler)

    async def scenario(server):
        server.fail_next("sendMessage", 500)
        server.user_says("跨省通办的事项有多少个？", chat_id=41)
        await server.wait_for(1, chat_id=41)

    drive(seed_index_settings, qa, scenario)
    assert "sendMessage" in caplog.text  # the logs did capture the bot's traffic
    assert TOKEN not in caplog.text and TOKEN.split(":")[1] not in caplog.text


def test_rate_limit_and_failing_update(seed_index_settings, qa):
    class Flaky(QA):
        def __init__(self, inner):
            self.__dict__.update(inner.__dict__)

        def ask(self, question, session=None):
            if "boom" in question:
                raise RuntimeError("simulated failure")
            return super().ask(question, session)

    async def scenario(server):
        server.user_says("boom 跨省通办", chat_id=51)
        [error] = await server.wait_for(1, chat_id=51)
        assert "出了问题" in error["text"]
        for _ in range(3):
            server.user_says("跨省通办的事项有多少个？", chat_id=51)
        replies = await server.wait_for(4, chat_id=51)
        assert sum("55个" in r["text"] for r in replies) == 2  # the failure used one of three
        assert sum("太快" in r["text"] for r in replies) == 1

    drive(seed_index_settings, Flaky(qa), scenario, rate_limit_per_minute=3)


def test_reindex_in_another_process_is_picked_up_live(settings, real_embedder):
    build_index(settings, real_embedder)
    live = QA(settings, real_embedder)

    async def scenario(server):
        server.user_says("嘉祥县高铁沿线封填了多少眼水井？", chat_id=61)
        [before] = await server.wait_for(1, chat_id=61)
        assert "336眼" in before["text"]
        page = settings.seeds_dir / SEED.name
        page.write_text(page.read_text(encoding="utf-8").replace("336眼水井", "338眼水井"), encoding="utf-8")
        newsqa = str(Path(sys.executable).with_name("newsqa"))
        done = await asyncio.to_thread(subprocess.run, [newsqa, "reindex"], capture_output=True, text=True,
                                       env=dict(os.environ), timeout=300)
        assert done.returncode == 0, done.stderr
        server.user_says("嘉祥县高铁沿线封填了多少眼水井？", chat_id=61)
        [_, after] = await server.wait_for(2, chat_id=61)
        assert "338眼" in after["text"]

    drive(settings, live, scenario)


def test_admin_reindex_and_about(settings, real_embedder):
    build_index(settings, real_embedder)

    async def scenario(server):
        server.user_says("/reindex", chat_id=71, user_id=71)
        [refused] = await server.wait_for(1, chat_id=71)
        assert "管理员" in refused["text"]
        server.user_says("/reindex", chat_id=72, user_id=72)
        replies = await server.wait_for(2, chat_id=72, timeout=120)
        assert "indexed 1 file(s): 6 articles" in replies[-1]["text"]
        server.user_says("/about", chat_id=72, user_id=72)
        replies = await server.wait_for(3, chat_id=72)
        assert "articles: 6" in replies[-1]["text"] and "3月13日" in replies[-1]["text"]

    drive(settings, QA(settings, real_embedder), scenario, admin_user_ids=frozenset({72}))


def _hit(text: str, title: str = "标题<b>") -> Hit:
    chunk = Chunk("f:1/1", "f:1", title, "f.txt", "", [Sentence(text, 1, 9)])
    return Hit(chunk, 1.0)


def test_replies_are_escaped_and_split_under_the_limit():
    answer = Answer("q", "<script>x</script>", True, [_hit("文本<i>。")], Sentence("<b>句子</b>", 1, 1))
    [message] = answer_messages(answer)
    assert "&lt;script&gt;" in message and "&lt;b&gt;句子" in message and "标题&lt;b&gt;" in message
    long = "这是一个很长的句子，用来测试消息拆分。" * 600
    parts = answer_messages(Answer("source 1", long, True, [_hit(long)], note="source"))
    assert len(parts) > 2 and all(len(p) <= LIMIT for p in parts)
    assert all(p.endswith("。") for p in parts[1:-1])
