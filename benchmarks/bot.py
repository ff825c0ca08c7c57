"""Bot benchmark: questions from many chats through the real `newsqa bot` over loopback HTTP.

`newsqa bot` runs as its own process, pointed by TELEGRAM_API_BASE_URL at the Bot API imitation
of the tests on 127.0.0.1, which this script serves and drives. Reports:

- burst: every question queued at once; answers per second;
- closed loop: each chat a person who asks, waits for the reply and asks again; time from the
  update being queued to the bot's reply reaching the server, p50 and p95;
- the bot process's peak resident memory (VmHWM).

    python benchmarks/bot.py [--questions 200] [--chats 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.query import questions  # noqa: E402  (the same question sets)
from tests.fake_telegram import FakeTelegram  # noqa: E402

TOKEN = "1000:benchmark-token"


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def drive(server: FakeTelegram, args) -> tuple[float, list[float]]:
    pool = [item["question"] for item in questions()]
    started = time.perf_counter()
    for i in range(args.questions):
        server.user_says(pool[i % len(pool)], chat_id=1000 + i % args.chats)
    await server.wait_for(args.questions, timeout=600)
    elapsed = time.perf_counter() - started

    waits: list[float] = []

    async def person(chat: int, n: int) -> None:
        for k in range(n):
            before = server.last_sent.get(chat, (0, 0.0))[0]
            asked = time.perf_counter()
            server.user_says(pool[(chat + k) % len(pool)], chat_id=chat)
            while server.last_sent.get(chat, (0, 0.0))[0] == before:
                await asyncio.sleep(0.005)
            waits.append(server.last_sent[chat][1] - asked)

    await asyncio.gather(*(person(2000 + c, args.questions // args.chats) for c in range(args.chats)))
    return elapsed, sorted(waits)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--chats", type=int, default=20)
    args = parser.parse_args()
    newsqa = str(Path(sys.executable).with_name("newsqa"))
    with tempfile.TemporaryDirectory() as tmp, FakeTelegram(TOKEN) as server:
        env = {**os.environ, "INDEX_DIR": f"{tmp}/index", "SEEDS_DIR": str(ROOT / "seeds"),
               "MODEL_CACHE_DIR": str(ROOT / "data" / "models"), "TELEGRAM_BOT_TOKEN": TOKEN,
               "TELEGRAM_API_BASE_URL": server.url, "RATE_LIMIT_PER_MINUTE": "100000"}
        subprocess.run([newsqa, "reindex"], env=env, check=True, capture_output=True)
        bot = subprocess.Popen([newsqa, "bot"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 120
            while not any(m == "getUpdates" for m, _ in server.calls):
                if bot.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"the bot did not start: {bot.stderr.read()[-2000:]}")
                time.sleep(0.1)
            elapsed, waits = asyncio.run(drive(server, args))
            peak = peak_mb(bot.pid)
        finally:
            bot.send_signal(signal.SIGINT)
            try:
                bot.wait(timeout=30)
            except subprocess.TimeoutExpired:
                bot.kill()
    p95 = waits[min(len(waits) - 1, int(0.95 * len(waits)))] * 1000
    print(f"# {time.strftime('%Y-%m-%d %H:%M')} · {platform.machine()} · 2 cores · seed corpus · `newsqa bot` in its own process")
    print(f"burst: {args.questions} questions from {args.chats} chats queued at once, all answered in {elapsed:.1f} s: "
          f"{args.questions / elapsed:.1f} answers/s")
    print(f"closed loop: {args.chats} chats each asking, reading the reply, asking again ({len(waits)} questions): "
          f"update → reply p50 {statistics.median(waits) * 1000:.0f} ms, p95 {p95:.0f} ms")
    print(f"bot process peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
