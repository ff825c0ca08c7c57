"""The one settings object, read from the environment and `.env`, passed down to every layer."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from dotenv import dotenv_values

DEFAULT_MODEL = "m3e-small"
BACKENDS = ("torch", "onnx", "onnx-int8")
LAYOUTS = ("auto", "article", "page")  # SEEDS_LAYOUT: how seed files are read (index.layout)


def _int_set(raw: str) -> frozenset[int]:
    return frozenset(int(x) for x in raw.replace(",", " ").split())


@dataclass(frozen=True)
class Settings:
    """Every setting of newsqa; `.env.example` documents each one."""

    seeds_dir: Path = Path("seeds")
    seeds_layout: str = "auto"
    seeds_year: int = 0
    index_dir: Path = Path("data/index")
    embedding_model: str = DEFAULT_MODEL
    embedding_backend: str = "onnx-int8"
    model_cache_dir: Path = Path("data/models")
    # Held out, passages of 150, 250, 300 and 400 characters answered no better (BENCHMARKS.md).
    chunk_size: int = 200
    embed_batch_size: int = 32
    telegram_bot_token: str = field(default="", repr=False)
    telegram_api_base_url: str = ""
    allowed_chat_ids: frozenset[int] = frozenset()
    admin_user_ids: frozenset[int] = frozenset()
    rate_limit_per_minute: int = 10
    context_ttl_seconds: int = 900

    @classmethod
    def load(cls, env_file: str | Path | None = ".env", **overrides) -> "Settings":
        """Build settings from defaults, then `.env`, then the process environment, then `overrides`.

        Args:
            env_file: a dotenv file to read if it exists; None skips it.
            overrides: field values that win over everything else (e.g. from CLI flags).

        Returns:
            A frozen Settings.

        Raises:
            ValueError: a setting has a value of the wrong shape; the message names it.
        """
        values: dict[str, str] = {}
        if env_file and Path(env_file).is_file():
            values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
        values.update(os.environ)
        kwargs = {}
        for f in fields(cls):
            raw = values.get(f.name.upper())
            if raw is None or raw == "":
                continue
            try:
                kwargs[f.name] = _convert(f.name, raw)
            except ValueError:
                raise ValueError(f"setting {f.name.upper()}={raw!r} is not valid") from None
        kwargs.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**kwargs)
        if settings.seeds_layout not in LAYOUTS:
            raise ValueError(f"setting SEEDS_LAYOUT={settings.seeds_layout!r} is not one of {', '.join(LAYOUTS)}")
        if settings.seeds_year and not 1900 <= settings.seeds_year <= 2100:
            raise ValueError(f"setting SEEDS_YEAR={settings.seeds_year!r} is not a year")
        if settings.embedding_backend not in BACKENDS:
            raise ValueError(
                f"setting EMBEDDING_BACKEND={settings.embedding_backend!r} is not one of {', '.join(BACKENDS)}"
            )
        return settings


def _convert(name: str, raw: str):
    default = Settings.__dataclass_fields__[name].default
    if isinstance(default, Path):
        return Path(raw).expanduser()
    if isinstance(default, frozenset):
        return _int_set(raw)
    if isinstance(default, int):
        value = int(raw)
        if value <= 0:
            raise ValueError(name)
        return value
    return raw.strip()
