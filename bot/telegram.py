"""The Telegram bot: the same answers as `newsqa ask`, formatted for chat.

python-telegram-bot v22 (asyncio `Application`), long polling. The model runs in worker threads
so the event loop keeps answering; every request to the Bot API waits out 429s and retries
timeouts and 5xx with backoff; the token never reaches a log line.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import html
import logging
import re
import time
import warnings
from collections import defaultdict, deque
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from index.build import NoSeeds, build_index
from index.settings import Settings
from retrieval.answer import Answer
from retrieval.qa import QA
from retrieval.search import Hit
from retrieval.session import Session

log = logging.getLogger(__name__)

LIMIT = 4096  # Telegram's message length limit
CHUNK = 3500  # a passage piece, leaving room for the markup around it
WORKERS = 2  # threads running the model: one per core on the target machine

TEXTS = {
    "help": (
        "我可以回答关于已收录报纸文章的问题，并给出答案所在的原文和出处（文章、文件、行号）。\n"
        "直接发问题即可，在群里请用 /ask 问题，或 @我。\n"
        "命令：/ask 问题 · /source N 查看来源全文 · /about 索引信息\n\n"
        "I answer questions (Chinese or English) about the indexed newspaper articles, citing the passage."
    ),
    "refused": "抱歉，这个机器人只在指定的聊天中提供服务。Sorry, this bot only serves certain chats.",
    "slow_down": "问得太快了，请稍等一分钟再问。You are asking too fast; please wait a minute.",
    "error": "抱歉，处理时出了问题，请稍后再试。Sorry, something went wrong; please try again.",
    "expired": "这个来源已过期（索引已更新），请重新提问。This source has expired; please ask again.",
    "admins": "只有管理员可以重建索引。Only admins can rebuild the index.",
    "ask_usage": "用法：/ask 问题，例如 /ask 跨省通办的事项有多少个？",
    "source_usage": "用法：/source N，例如 /source 2",
}


class RetryingRequest(HTTPXRequest):
    """HTTPXRequest that waits out 429 (retry_after) and retries timeouts and 5xx with backoff.

    Args:
        attempts: tries per request in all.
        backoff: seconds before the first retry; doubled each time.
    """

    def __init__(self, *args, attempts: int = 4, backoff: float = 0.5, **kwargs):
        super().__init__(*args, **kwargs)
        self.attempts = attempts
        self.backoff = backoff

    async def post(self, *args, **kwargs):
        """Send one Bot API request, retrying what Telegram says is temporary."""
        for attempt in range(self.attempts):
            try:
                return await super().post(*args, **kwargs)
            except RetryAfter as exc:
                with warnings.catch_warnings():  # PTB 22 warns that the type becomes timedelta
                    warnings.simplefilter("ignore")
                    delay = exc.retry_after
                delay = delay.total_seconds() if isinstance(delay, timedelta) else float(delay)
                error: TelegramError = exc
            except BadRequest:
                raise  # a request Telegram will never accept; retrying cannot help
            except NetworkError as exc:  # timeouts, 5xx, connection errors
                delay = self.backoff * 2**attempt
                error = exc
            if attempt == self.attempts - 1:
                raise error
            log.warning("Bot API request failed (%s); retrying in %.1f s", error.message, delay)
            await asyncio.sleep(delay)


class RedactToken(logging.Filter):
    """Replaces the bot token wherever it would appear in a log line."""

    def __init__(self, token: str):
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if self.token:
            message = record.getMessage()
            if self.token in message:
                record.msg, record.args = message.replace(self.token, "<token>"), None
        return True


def quiet_http_logs(token: str) -> None:
    """httpx logs every request URL, which holds the token, at INFO: keep it to warnings, and
    redact the token in every handler as a second line of defence."""
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactToken(token))


def source_key(hit: Hit) -> str:
    """Short ASCII callback key for a passage: the same across restarts and reindexes while the
    passage's text is unchanged, so a button either shows that passage or says it expired."""
    c = hit.chunk
    return hashlib.sha1(f"{c.source}\n{c.text}".encode()).hexdigest()[:16]


def answer_messages(answer: Answer) -> list[str]:
    """An answer as HTML messages under Telegram's limit: fact in bold, sentence quoted, sources."""
    e = html.escape
    blocks = []
    if answer.note == "source":
        return passage_messages(answer.sources[0]) if answer.found else [e(answer.text)]
    if answer.found:
        blocks.append(f"<b>{e(answer.text)}</b>")
        evidence = answer.evidence
        if evidence:
            where = answer.sources[0].chunk.cite(evidence["line_start"], evidence["line_end"])
            blocks.append(f"<blockquote>{e(evidence['text'])}</blockquote>\n<i>{e(where)}</i>")
    else:
        blocks.append(e(answer.text))
    if answer.note and answer.note not in ("empty", "nothing"):
        blocks.append(f"<i>{e(answer.note)}</i>")
    for rank, hit in enumerate(answer.sources, 1):
        c = hit.chunk
        line = f"{rank}. {e(c.title)} · {e(c.cite())}"
        if not answer.found:
            preview = c.text.replace("\n", " ")
            line += f"\n<i>{e(preview[:150])}{'…' if len(preview) > 150 else ''}</i>"
        blocks.append(line)
    return pack(blocks)


def passage_messages(hit: Hit) -> list[str]:
    """The full passage of a source, with its title and line span, split at sentence ends."""
    c = hit.chunk
    head = f"<b>{html.escape(c.title)}</b>\n{html.escape(c.cite())}"
    return pack([head] + [html.escape(piece) for piece in split_sentences(c.text, CHUNK)])


def split_sentences(text: str, limit: int) -> list[str]:
    """Cut text into pieces of at most `limit` characters, at 。！？ where possible."""
    pieces, current = [], ""
    for sentence in re.findall(r".*?(?:[。！？!?]+[”’」』]*|$)", text, flags=re.S):
        while len(sentence) > limit:
            pieces.append(sentence[:limit])
            sentence = sentence[limit:]
        if len(current) + len(sentence) > limit:
            pieces.append(current)
            current = ""
        current += sentence
    if current:
        pieces.append(current)
    return [p for p in pieces if p.strip()]


def pack(blocks: list[str]) -> list[str]:
    """Join HTML blocks into as few messages as fit under the limit; a block is never cut."""
    messages, current = [], ""
    for block in blocks:
        candidate = f"{current}\n{block}" if current else block
        if len(candidate) > LIMIT and current:
            messages.append(current)
            candidate = block
        current = candidate
    if current:
        messages.append(current)
    return messages


class RateLimit:
    """At most `per_minute` events per key in any sliding minute."""

    def __init__(self, per_minute: int):
        self.per_minute = per_minute
        self._events: dict[int, deque[float]] = defaultdict(deque)

    def allow(self, key: int) -> bool:
        """Count one event for `key`; False when it is over the limit."""
        now = time.monotonic()
        events = self._events[key]
        while events and now - events[0] > 60:
            events.popleft()
        if len(events) >= self.per_minute:
            return False
        events.append(now)
        return True


class NewsBot:
    """Telegram handlers around one QA service.

    Args:
        settings: access lists, limits, context lifetime, where to reindex from.
        qa: the answering service (its model is loaded once and shared by all chats).
    """

    def __init__(self, settings: Settings, qa: QA):
        self.settings = settings
        self.qa = qa
        self.pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="newsqa")
        self.sessions: dict[int, Session] = {}
        self.locks: dict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
        self.limit = RateLimit(settings.rate_limit_per_minute)
        self.refused: set[int] = set()
        self._examples: tuple[str, list[str]] | None = None
        self._keys: tuple[str, dict[str, Hit]] | None = None

    def register(self, app: Application) -> None:
        """Attach every handler to the application."""
        app.add_handler(CommandHandler(["start", "help"], self.help))
        app.add_handler(CommandHandler("ask", self.ask))
        app.add_handler(CommandHandler("source", self.source))
        app.add_handler(CommandHandler("about", self.about))
        app.add_handler(CommandHandler("reindex", self.reindex))
        app.add_handler(CallbackQueryHandler(self.button, pattern=r"^src:"))
        app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, self.text))
        app.add_error_handler(self.error)

    async def run(self, func, *args):
        """Run blocking work (the model, a reindex) off the event loop."""
        return await asyncio.get_running_loop().run_in_executor(self.pool, func, *args)

    async def fresh_index(self) -> None:
        """Swap in an index that `newsqa reindex` published meanwhile (loading it off the loop)."""
        if self.qa.stale():
            await self.run(self.qa.refresh)

    # --- gates ---------------------------------------------------------------------------

    async def allowed(self, update: Update) -> bool:
        """False for chats outside ALLOWED_CHAT_IDS, which get one polite refusal and nothing else."""
        chat = update.effective_chat
        if not self.settings.allowed_chat_ids or chat is None or chat.id in self.settings.allowed_chat_ids:
            return True
        if chat.id not in self.refused:
            self.refused.add(chat.id)
            if update.effective_message:
                await update.effective_message.reply_text(TEXTS["refused"])
        if update.callback_query:
            await update.callback_query.answer()
        return False

    def session(self, chat_id: int) -> Session:
        """This chat's conversation memory."""
        if chat_id not in self.sessions:
            self.sessions[chat_id] = Session(ttl=self.settings.context_ttl_seconds)
        return self.sessions[chat_id]

    # --- handlers ------------------------------------------------------------------------

    async def help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start and /help: what the bot knows and three example questions from the corpus."""
        if not await self.allowed(update):
            return
        examples = await self.run(self.examples)
        index = self.qa.index
        text = html.escape(TEXTS["help"]) + f"\n\n已收录 {len(index.articles)} 篇文章、{len(index.chunks)} 个段落。"
        if examples:
            text += "\n\n例如 / e.g.:\n" + "\n".join(f"• {html.escape(q)}" for q in examples)
        await update.effective_message.reply_text(text, parse_mode=ParseMode.HTML)

    async def ask(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/ask QUESTION, in private chats and groups."""
        question = " ".join(context.args or [])
        if not question.strip():
            if await self.allowed(update):
                await update.effective_message.reply_text(TEXTS["ask_usage"])
            return
        await self.answer(update, context, question)

    async def text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Any text in a private chat; in groups only a mention of the bot or a reply to it."""
        message = update.effective_message
        if message is None or not message.text:
            return
        question = message.text
        if update.effective_chat.type != ChatType.PRIVATE:
            me = context.bot
            mention = f"@{me.username}" if me.username else None
            replied = message.reply_to_message is not None and message.reply_to_message.from_user is not None \
                and message.reply_to_message.from_user.id == me.id
            if mention and mention.lower() in question.lower():
                question = re.sub(re.escape(mention), " ", question, flags=re.I)
            elif not replied:
                return
        await self.answer(update, context, question)

    async def answer(self, update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
        """Answer one question in its chat, with source buttons."""
        if not await self.allowed(update):
            return
        chat, message = update.effective_chat, update.effective_message
        user = update.effective_user
        if user is not None and not self.limit.allow(user.id):
            await message.reply_text(TEXTS["slow_down"])
            return
        # "typing…" goes out beside the work, not before it: it must not delay the answer.
        typing = asyncio.create_task(context.bot.send_chat_action(chat.id, ChatAction.TYPING))
        async with self.locks[chat.id]:  # one question at a time per chat keeps follow-ups in order
            await self.fresh_index()
            answer = await self.run(self.qa.ask, question, self.session(chat.id))
        with contextlib.suppress(TelegramError):  # a lost "typing…" must not cost the answer
            await typing
        parts = answer_messages(answer)
        buttons = None
        if answer.note != "source" and answer.sources:
            buttons = InlineKeyboardMarkup(
                [[InlineKeyboardButton(f"来源 {i}", callback_data=f"src:{source_key(h)}") for i, h in enumerate(answer.sources, 1)]]
            )
        for i, part in enumerate(parts):
            await message.reply_text(part, parse_mode=ParseMode.HTML, reply_markup=buttons if i == len(parts) - 1 else None)

    async def source(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/source N: the full passage of source N of this chat's last answer."""
        args = context.args or []
        if len(args) != 1 or not args[0].isdigit():
            if await self.allowed(update):
                await update.effective_message.reply_text(TEXTS["source_usage"])
            return
        await self.answer(update, context, f"/source {args[0]}")

    async def button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A source button: show that passage, or say it expired."""
        query = update.callback_query
        if not await self.allowed(update):
            return
        await query.answer()
        await self.fresh_index()
        hit = self.passages().get(query.data.split(":", 1)[1])
        if hit is None:
            await query.message.reply_text(TEXTS["expired"])
            return
        for part in passage_messages(hit):
            await query.message.reply_text(part, parse_mode=ParseMode.HTML)

    async def about(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/about: what is indexed and when."""
        if not await self.allowed(update):
            return
        await self.fresh_index()
        index = self.qa.index
        dates = [a.date for a in index.articles if a.date]
        newest = _show_date(max(dates, key=_date_order)) if dates else "未知 unknown"
        text = (
            f"文章 articles: {len(index.articles)}\n段落 passages: {len(index.chunks)}\n"
            f"最新文章日期 newest article: {newest}\n索引构建于 built: {index.manifest.get('built_at', '?')}\n"
            f"模型 model: {index.manifest.get('model')}"
        )
        await update.effective_message.reply_text(text)

    async def reindex(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/reindex (admins only): rebuild from the seeds folder and swap the new index in."""
        if not await self.allowed(update):
            return
        user = update.effective_user
        if user is None or user.id not in self.settings.admin_user_ids:
            await update.effective_message.reply_text(TEXTS["admins"])
            return
        await update.effective_message.reply_text("正在重建索引… Reindexing…")
        try:
            report = await self.run(build_index, self.settings, self.qa.embedder)
        except NoSeeds as exc:
            await update.effective_message.reply_text(f"没有重建：{exc}")
            return
        await self.run(self.qa.refresh)
        await update.effective_message.reply_text(report.summary())

    async def error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log a failed update and tell its user; the bot goes on with the next one."""
        log.error("update failed: %s", context.error, exc_info=context.error)
        if isinstance(update, Update) and update.effective_message is not None:
            try:
                await update.effective_message.reply_text(TEXTS["error"])
            except TelegramError:
                log.warning("could not tell the user about the failure")

    def passages(self) -> dict[str, Hit]:
        """Source key → passage of the current index (built once per index version)."""
        index = self.qa.index
        if self._keys is None or self._keys[0] != index.version:
            hits = [Hit(c, 0.0) for c in index.chunks]
            self._keys = (index.version, {source_key(h): h for h in hits})
        return self._keys[1]

    def examples(self) -> list[str]:
        """Three questions the index answers, made from its headlines' numbers (cached per index)."""
        index = self.qa.index
        if self._examples and self._examples[0] == index.version:
            return self._examples[1]
        found = []
        for article in index.articles:
            m = re.search(r"\d+(?:\.\d+)?(个|项|条|名|家|所|座|亿元|万元)", article.title)
            if not m:
                continue
            question = article.title[: m.start()] + "多少" + m.group(1) + article.title[m.end() :] + "？"
            if self.qa.ask(question).found:
                found.append(question)
            if len(found) == 3:
                break
        self._examples = (index.version, found)
        return found


def _date_order(date: str) -> tuple[int, int, int]:
    """An article's ISO date (`2021-03-13`, or `--03-13` without a year) as (year, month, day)."""
    nums = [int(n) for n in re.findall(r"\d+", date)]
    return tuple(([0] * (3 - len(nums)) + nums)[-3:]) if nums else (0, 0, 0)


def _show_date(date: str) -> str:
    """`2021年3月13日`, or `3月13日` when the articles do not say the year."""
    year, month, day = _date_order(date)
    return f"{year}年{month}月{day}日" if year else f"{month}月{day}日"


def build_application(settings: Settings, qa: QA) -> Application:
    """A python-telegram-bot Application wired to the QA service, honouring TELEGRAM_API_BASE_URL.

    Raises:
        ValueError: no TELEGRAM_BOT_TOKEN.
    """
    if not settings.telegram_bot_token:
        raise ValueError("set TELEGRAM_BOT_TOKEN (environment or .env) to start the bot")
    quiet_http_logs(settings.telegram_bot_token)
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token)
        .request(RetryingRequest(connection_pool_size=32, read_timeout=20, connect_timeout=10))
        .get_updates_request(HTTPXRequest(read_timeout=40, connect_timeout=10))
        .concurrent_updates(64)
        .post_init(_set_commands)
    )
    if settings.telegram_api_base_url:
        builder = builder.base_url(settings.telegram_api_base_url)
    app = builder.build()
    NewsBot(settings, qa).register(app)
    return app


async def _set_commands(app: Application) -> None:
    await app.bot.set_my_commands(
        [
            BotCommand("ask", "提问 · ask a question"),
            BotCommand("source", "来源全文 · show source N"),
            BotCommand("about", "索引信息 · what is indexed"),
            BotCommand("help", "帮助 · help"),
        ]
    )


def run_bot(settings: Settings, qa: QA) -> None:
    """Long-poll Telegram until interrupted."""
    app = build_application(settings, qa)
    log.info("bot starting (long polling)")
    app.run_polling(allowed_updates=Update.ALL_TYPES)
