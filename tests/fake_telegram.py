"""A small imitation of the Telegram Bot API on 127.0.0.1, for driving the real bot over HTTP.

It speaks the methods the bot uses (getMe, deleteWebhook, getUpdates with long polling,
sendMessage, sendChatAction, editMessageText, answerCallbackQuery, setMyCommands), records
every call, and can be told to fail the next calls of a method (429 with retry_after, 500).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

BOT = {"id": 4242, "is_bot": True, "first_name": "NewsQA", "username": "newsqa_test_bot",
       "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # the default backlog of 5 drops connections when many chats ask at once


class FakeTelegram:
    """The server; `url` is what TELEGRAM_API_BASE_URL should be."""

    def __init__(self, token: str):
        self.token = token
        self.calls: list[tuple[str, dict]] = []
        self.sent: list[dict] = []
        self.sent_at: list[float] = []  # when each sendMessage arrived, in the order of `sent`
        self.last_sent: dict[int, tuple[int, float]] = {}  # chat_id → (messages so far, time of the last)
        self.faults: dict[str, list[tuple[int, dict]]] = {}
        self._updates: list[dict] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._cond = threading.Condition()
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address
        return f"http://{host}:{port}/bot"

    def __enter__(self) -> "FakeTelegram":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        with self._cond:
            self._cond.notify_all()
        self._server.shutdown()
        self._server.server_close()

    # --- what tests do -------------------------------------------------------------------

    def fail_next(self, method: str, status: int, times: int = 1, retry_after: int | None = None) -> None:
        """Make the next `times` calls of `method` fail with `status`."""
        body = {"ok": False, "error_code": status, "description": "Too Many Requests" if status == 429 else "Internal Server Error"}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        self.faults.setdefault(method, []).extend([(status, body)] * times)

    def user_says(self, text: str, chat_id: int, user_id: int | None = None, chat_type: str = "private",
                  reply_to_bot: bool = False, entities: list[dict] | None = None) -> int:
        """Queue a text message update, as Telegram would deliver it; returns its message_id."""
        user_id = user_id or chat_id
        message = {
            "message_id": next(self._message_ids), "date": int(time.time()), "text": text,
            "chat": {"id": chat_id, "type": chat_type, **({"title": "group"} if chat_type != "private" else {"first_name": "u"})},
            "from": {"id": user_id, "is_bot": False, "first_name": f"user{user_id}"},
        }
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if entities:
            message["entities"] = entities
        if reply_to_bot:
            message["reply_to_message"] = {"message_id": 1, "date": int(time.time()), "text": "earlier answer",
                                           "chat": message["chat"], "from": BOT}
        self._push({"message": message})
        return message["message_id"]

    def user_presses(self, data: str, chat_id: int, user_id: int | None = None) -> None:
        """Queue a callback query from an inline button under one of the bot's messages."""
        user_id = user_id or chat_id
        self._push({"callback_query": {
            "id": str(next(self._message_ids)), "chat_instance": "ci", "data": data,
            "from": {"id": user_id, "is_bot": False, "first_name": "u"},
            "message": {"message_id": 7, "date": int(time.time()), "text": "answer",
                        "chat": {"id": chat_id, "type": "private", "first_name": "u"}, "from": BOT},
        }})

    async def wait_for(self, count: int, chat_id: int | None = None, timeout: float = 60.0) -> list[dict]:
        """The bot's messages (to `chat_id`, if given) once there are `count` of them."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.messages(chat_id)
            if len(got) >= count:
                return got
            await asyncio.sleep(0.05)
        raise AssertionError(f"expected {count} messages to {chat_id}, got {self.messages(chat_id)}")

    def messages(self, chat_id: int | None = None) -> list[dict]:
        """The sendMessage calls so far (to `chat_id`, if given)."""
        return [m for m in list(self.sent) if chat_id is None or int(m["chat_id"]) == chat_id]

    # --- the server ----------------------------------------------------------------------

    def _push(self, update: dict) -> None:
        with self._cond:
            update["update_id"] = next(self._update_ids)
            self._updates.append(update)
            self._cond.notify_all()

    def _get_updates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 2.0)
        with self._cond:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            if not self._updates and timeout:
                self._cond.wait(timeout)
            return list(self._updates[:100])

    def _respond(self, method: str, params: dict):
        if method == "getMe":
            return BOT
        if method in ("deleteWebhook", "setMyCommands", "sendChatAction", "answerCallbackQuery"):
            return True
        if method == "getUpdates":
            return self._get_updates(params)
        if method in ("sendMessage", "editMessageText"):
            if method == "sendMessage":
                self.sent.append(params)
                now = time.perf_counter()
                self.sent_at.append(now)
                chat = int(params.get("chat_id", 0))
                self.last_sent[chat] = (self.last_sent.get(chat, (0, 0.0))[0] + 1, now)
            chat_id = int(params.get("chat_id", 0))
            return {"message_id": next(self._message_ids), "date": int(time.time()), "text": params.get("text", ""),
                    "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"}, "from": BOT}
        return None

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_POST(self):
                prefix = f"/bot{server.token}/"
                if not self.path.startswith(prefix):
                    return self._send(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                method = self.path[len(prefix):]
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                params = {}
                for key, value in parse_qsl(raw, keep_blank_values=True):
                    try:
                        params[key] = json.loads(value)
                    except ValueError:
                        params[key] = value
                server.calls.append((method, params))
                faults = server.faults.get(method)
                if faults:
                    status, body = faults.pop(0)
                    return self._send(status, body)
                result = server._respond(method, params)
                if result is None:
                    return self._send(404, {"ok": False, "error_code": 404, "description": "Not Found: method"})
                self._send(200, {"ok": True, "result": result})

            def _send(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the bot gave up on a long poll while shutting down

        return Handler
