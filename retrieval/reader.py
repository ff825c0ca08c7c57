"""A small reader: which words of one sentence answer a question.

m3e-small's encoder (the embedding model, already on this machine) reads the question and the
sentence together; low-rank adapters on its layers (LoRA) and a pointer head, fitted by `make train`
(`retrieval/train_reader.py`), score each token as the answer's first and as its last. The span
model reads those scores as columns of each span (`retrieval/span.py`): the hand-written columns
measure where the question's words stand around a span, the reader what the sentence says.
"""

from __future__ import annotations

import io
import math
import os
import tempfile
from pathlib import Path

import numpy as np
import torch
from torch import nn
from transformers import AutoTokenizer, BertModel
from transformers.utils import logging as hf_logging

from index.embed import model_path

BASE = "m3e-small"
RANK = 8  # the adapters' rank and scale: LoRA's usual small setting (0.47 MB in half precision at rank 8)
ALPHA = 16
# How much of a long sentence is read (question and sentence together, in tokens); a span beyond
# it has no reader score, a missing value to the span model, in its training as in use. (The
# reader itself is fitted on sentences' first 120 characters: `train_reader.TRAIN_CHARS`.)
MAX_TOKENS = 256
# A question is read up to this many characters (99% of the shared sets' are within 52), so that
# however long it is, most of what is read is the sentence.
QUESTION_CHARS = 64


class _Adapted(nn.Module):
    """A frozen linear layer plus a trainable low-rank update (LoRA): W x + (B A x) · alpha / r."""

    def __init__(self, base: nn.Linear, generator: torch.Generator):
        super().__init__()
        self.base = base
        self.a = nn.Parameter(torch.randn(RANK, base.in_features, generator=generator) * 0.01)
        self.b = nn.Parameter(torch.zeros(base.out_features, RANK))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.base(x) + (x @ self.a.t() @ self.b.t()) * (ALPHA / RANK)


class _Pointer(nn.Module):
    """The encoder with adapters on each layer's query, value and feed-forward projections, and a
    head giving each token a start and an end score."""

    def __init__(self, path: str, seed: int):
        super().__init__()
        generator = torch.Generator().manual_seed(seed)
        verbosity = hf_logging.get_verbosity()
        hf_logging.set_verbosity_error()  # the pooler it drops is not an error
        try:
            self.encoder = BertModel.from_pretrained(path, add_pooling_layer=False)
        finally:
            hf_logging.set_verbosity(verbosity)
        for p in self.encoder.parameters():
            p.requires_grad = False
        for layer in self.encoder.encoder.layer:
            attention = layer.attention.self
            attention.query = _Adapted(attention.query, generator)
            attention.value = _Adapted(attention.value, generator)
            layer.intermediate.dense = _Adapted(layer.intermediate.dense, generator)
            layer.output.dense = _Adapted(layer.output.dense, generator)
        self.head = nn.Linear(self.encoder.config.hidden_size, 2)
        with torch.no_grad():
            bound = 1 / math.sqrt(self.head.in_features)
            self.head.weight.uniform_(-bound, bound, generator=generator)
            self.head.bias.zero_()

    def forward(self, encoded) -> torch.Tensor:
        return self.head(self.encoder(**encoded).last_hidden_state)


class Reader:
    """The pointer: how likely each character of a sentence is to begin and to end a question's answer.

    Args:
        weights: the fitted adapters and head (`trained()`); fresh ones (seeded) when None.
        seed: seeds the fresh adapters.
    """

    def __init__(self, weights: dict[str, torch.Tensor] | None = None, seed: int = 0):
        path = model_path(BASE)
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.net = _Pointer(path, seed)
        if weights is not None:
            if not isinstance(weights, dict) or not all(isinstance(k, str) and isinstance(v, torch.Tensor) for k, v in weights.items()):
                raise ValueError("reader weights are not a table of tensors")
            missing = set(self.trained()) ^ set(weights)
            if missing:
                raise ValueError(f"reader weights do not fit the reader: {sorted(missing)[:3]}")
            self.net.load_state_dict({k: v.float() for k, v in weights.items()}, strict=False)
        self.net.eval()

    @classmethod
    def load(cls, path: Path) -> "Reader":
        """Read fitted weights saved by `save`."""
        return cls(torch.load(path, map_location="cpu", weights_only=True))

    def trained(self) -> dict[str, torch.Tensor]:
        """The weights training changes: the adapters and the head."""
        names = {n for n, p in self.net.named_parameters() if p.requires_grad}
        return {n: t for n, t in self.net.state_dict().items() if n in names}

    def round(self) -> None:
        """Round the fitted weights to half precision, as `save` stores them, so that what training
        measures with them is what the shipped reader computes."""
        with torch.no_grad():
            for p in self.net.parameters():
                if p.requires_grad:
                    p.copy_(p.half().float())

    def save(self, path: Path) -> None:
        """Write the fitted weights in half precision (half the bytes; `round` first), atomically."""
        # Through memory: torch names the archive inside after the file, and a temporary name
        # would make the same weights different bytes.
        buffer = io.BytesIO()
        torch.save({k: v.half() for k, v in sorted(self.trained().items())}, buffer)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(buffer.getvalue())
        os.replace(tmp, path)

    def encode(self, questions: list[str], sentences: list[str], max_tokens: int = MAX_TOKENS):
        """Question–sentence pairs as the encoder reads them, with each token's character offsets."""
        return self.tokenizer(
            [q[:QUESTION_CHARS] for q in questions], sentences, truncation="only_second", max_length=max_tokens, padding=True,
            return_tensors="pt", return_offsets_mapping=True,
        )

    def points(self, question: str, sentence: str) -> tuple[np.ndarray, np.ndarray]:
        """Each character's log-probability of being the answer's first and its last, among the
        sentence's tokens (NaN inside a token, past what is read, and on spaces). Log-probabilities,
        not raw scores, so that readers fitted on other questions give scores on one scale.

        Returns:
            Two float arrays of len(sentence).
        """
        encoded = self.encode([question], [sentence])
        offsets = encoded.pop("offset_mapping")[0].tolist()
        ours, mask = sentence_tokens(encoded, 0)
        with torch.inference_mode():
            logits = torch.log_softmax(self.net(encoded)[0] + mask[:, None], dim=0).numpy()
        first = np.full(len(sentence), np.nan, dtype=np.float32)
        last = np.full(len(sentence), np.nan, dtype=np.float32)
        for (a, b), mine, (start, end) in zip(offsets, ours, logits):
            if mine and b > a:
                first[a], last[b - 1] = start, end
        return first, last

    def span_scores(self, question: str, sentence: str, spans: list[tuple[int, int]]) -> np.ndarray:
        """Each span's score (its first character's start score plus its last's end score) and that
        below the sentence's best span's.

        Returns:
            A float32 array of shape (len(spans), 2), NaN where the reader has no score.
        """
        first, last = self.points(question, sentence)
        score = np.array([first[a] + last[b - 1] if 0 <= a < b <= len(sentence) else np.nan for a, b in spans], dtype=np.float32)
        best = np.nanmax(score) if np.isfinite(score).any() else np.nan
        return np.stack([score, score - best], axis=1)


def sentence_tokens(encoded, row: int) -> tuple[list[bool], torch.Tensor]:
    """Which tokens of an encoded pair are the sentence's, and a mask that leaves only them to
    point at (0 on them, -1e4 elsewhere)."""
    ours = [s == 1 for s in encoded.sequence_ids(row)]
    return ours, torch.tensor([0.0 if mine else -1e4 for mine in ours])
