"""Bot benchmark: questions from many chats through the real bot over loopback HTTP.

The bot runs in a child process against the Bot API imitation of the tests (on 127.0.0.1), so
its peak memory is its own. Reports answers per second, the median and p95 time from an
update being queued to the bot's reply reaching the server, and the bot process's peak RSS.

    python benchmarks/bot.py [--questions 200] [--chats 20]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOKEN = "1000:benchmark-token"


def questions() -> list[str]:
    files = [ROOT.parent / "shared" / "eval" / "dev.jsonl", ROOT / "tests" / "data" / "questions.jsonl"]
    return [json.loads(l)["question"] for f in files if f.exists() for l in f.read_text(encoding="utf-8").splitlines() if l.strip()]


async def drive(args, index_dir: Path) -> dict:
    from bot.telegram import build_application
    from index.settings import Settings
    from retrieval.qa import QA
    from tests.fake_telegram import FakeTelegram

    settings = Settings.load(env_file=None, index_dir=index_dir, model_cache_dir=ROOT / "data" / "models",
                             rate_limit_per_minute=10_000)
    qa = QA(settings)
    pool = questions()
    with FakeTelegram(TOKEN) as server:
        s = dataclasses.replace(settings, telegram_bot_token=TOKEN, telegram_api_base_url=server.url)
        app = build_application(s, qa)
        async with app:
            await app.start()
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
            # Burst: every question queued at once; throughput is what counts here.
            started = time.perf_counter()
            for i in range(args.questions):
                server.user_says(pool[i % len(pool)], chat_id=1000 + i % args.chats)
            await server.wait_for(args.questions, timeout=600)
            elapsed = time.perf_counter() - started
            burst = dict(server.replied_at)
            server.asked_at.clear()
            server.replied_at.clear()

            # Closed loop: each chat is a person who asks, reads the reply, asks again.
            async def person(chat: int, n: int) -> None:
                for k in range(n):
                    mine = server.user_says(pool[(chat + k) % len(pool)], chat_id=chat)
                    while mine not in server.replied_at:
                        await asyncio.sleep(0.002)

            per_chat = args.questions // args.chats
            await asyncio.gather(*(person(2000 + c, per_chat) for c in range(args.chats)))
            await app.updater.stop()
            await app.stop()
    waits = sorted(server.replied_at[m] - t for m, t in server.asked_at.items() if m in server.replied_at)
    return {
        "answers": len(burst), "seconds": elapsed, "per_s": len(burst) / elapsed, "closed_loop": len(waits),
        "p50_ms": statistics.median(waits) * 1000, "p95_ms": waits[min(len(waits) - 1, int(0.95 * len(waits)))] * 1000,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--chats", type=int, default=20)
    parser.add_argument("--index", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.index:
        print(json.dumps(asyncio.run(drive(args, args.index))))
        return
    from index.build import build_index
    from index.embed import Embedder
    from index.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.load(env_file=None, index_dir=Path(tmp) / "index", seeds_dir=ROOT / "seeds",
                                 model_cache_dir=ROOT / "data" / "models")
        build_index(settings, Embedder.from_settings(settings))
        out = subprocess.run([sys.executable, __file__, "--questions", str(args.questions), "--chats", str(args.chats),
                              "--index", str(settings.index_dir)], capture_output=True, text=True)
    if out.returncode:
        sys.exit(out.stderr[-3000:])
    r = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"# {time.strftime('%Y-%m-%d %H:%M')} · {platform.machine()} · 2 cores · seed corpus")
    print(f"burst: {r['answers']} questions from {args.chats} chats queued at once, all answered in {r['seconds']:.1f} s: "
          f"{r['per_s']:.1f} answers/s")
    print(f"closed loop: {args.chats} chats each asking, reading the reply, asking again ({r['closed_loop']} questions): "
          f"update → reply p50 {r['p50_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms")
    print(f"bot process peak RSS {r['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
