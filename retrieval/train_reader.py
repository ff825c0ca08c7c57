"""Fit the reader (`retrieval/reader.py`): for each question of the shared sets, the sentence of its
article that holds the gold answer, and where in it the answer stands. Called by `retrieval/train.py`.

Seeded throughout, on a fixed number of threads: the same items give the same weights.
"""

from __future__ import annotations

import math
import random
import re
import time
from dataclasses import dataclass

import torch
from torch import nn

from index.chunk import sentence_bounds
from index.text import as_read, script
from retrieval.query import clean, read_question
from retrieval.reader import Reader, sentence_tokens

# The training settings of the reader measured first (BENCHMARKS.md, "A small reader"; it also
# learnt which sentence holds the answer): AdamW at 1e-3 with 100 warm-up steps then a linear
# decay, batches of 8, three epochs (after one, alone in the gold sentence, DRCD F1 .45 against .59
# after three). Not searched further: each try costs a quarter of an hour here.
EPOCHS = 3
BATCH = 8
LEARNING_RATE = 1e-3
WEIGHT_DECAY = 0.01
WARMUP = 100
# Sentences are read up to 120 characters in training (160 tokens with the question): a longer
# read costs more per step and few answers stand further in.
TRAIN_CHARS = 120
TRAIN_TOKENS = 160
THREADS = 2  # fixed, so that a machine runs the sums in the same order each time (another CPU may round them otherwise)


@dataclass(frozen=True)
class Item:
    """A question, the sentence holding its answer (both as questions and sentences are read), and
    the answer's place in it."""

    question: str
    sentence: str
    start: int
    end: int


def items(article: dict) -> list[Item]:
    """The reading items of an article (`title`, `text`, `qas` in SQuAD's form): the first gold
    answer of each question, where it stands whole in one sentence (of one line) of at most
    TRAIN_CHARS, both read as the index and the question analysis read them."""
    text = article["text"]
    traditional = script(text) == "hant"
    bounds, at = [], 0
    for line in text.split("\n"):
        bounds += [(at + a, at + b) for a, b in sentence_bounds(line)]
        at += len(line) + 1
    out = []
    for qa in article["qas"]:
        answer = qa["answers"][0]
        gold, at = str(answer["text"]), answer.get("answer_start", -1)
        if text[at : at + len(gold)] != gold:
            # The text was stripped, or the offset is off: the occurrence nearest to it.
            found = [m.start() for m in re.finditer(re.escape(gold), text)]
            at = min(found, key=lambda k: abs(k - at)) if found else -1
        if at < 0 or not gold.strip():
            continue
        question = read_question(clean(qa["question"].replace("\n", " "))[0])
        for a, b in bounds:
            if a <= at and at + len(gold) <= b and at + len(gold) - a <= TRAIN_CHARS:
                out.append(Item(question, as_read(text[a:b], traditional), at - a, at - a + len(gold)))
                break
    return out


def fit(data: list[Item], seed: int) -> Reader:
    """The reader fitted on these items: cross-entropy of the gold answer's first and last token
    among the sentence's tokens.

    Args:
        data: the items to learn from.
        seed: seeds the adapters' start and the order of the items.

    Returns:
        The fitted reader, its weights rounded as they are saved.
    """
    threads = torch.get_num_threads()
    torch.manual_seed(seed)
    torch.set_num_threads(THREADS)
    try:
        return _fit(data, seed)
    finally:
        torch.set_num_threads(threads)


def _fit(data: list[Item], seed: int) -> Reader:
    reader = Reader(seed=seed)
    net = reader.net
    net.train()
    params = [p for p in net.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(params, lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY)
    steps = EPOCHS * math.ceil(len(data) / BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: min(1.0, (s + 1) / WARMUP) * max(0.0, 1 - s / steps))
    order = random.Random(seed)
    started, step = time.time(), 0
    for epoch in range(EPOCHS):
        shuffled = order.sample(data, len(data))
        for k in range(0, len(shuffled), BATCH):
            batch = shuffled[k : k + BATCH]
            encoded = reader.encode([i.question for i in batch], [i.sentence[:TRAIN_CHARS] for i in batch], TRAIN_TOKENS)
            offsets = encoded.pop("offset_mapping").tolist()
            logits = net(encoded)
            loss, counted = torch.zeros(()), 0
            for row, item in enumerate(batch):
                ours, mask = sentence_tokens(encoded, row)
                tokens = [t for t, mine in enumerate(ours) if mine]
                first = [t for t in tokens if offsets[row][t][0] <= item.start < offsets[row][t][1]]
                last = [t for t in tokens if offsets[row][t][0] < item.end <= offsets[row][t][1]]
                if not (first and last):  # cut off by the token limit
                    continue
                loss = loss + nn.functional.cross_entropy((logits[row, :, 0] + mask)[None], torch.tensor([first[0]]))
                loss = loss + nn.functional.cross_entropy((logits[row, :, 1] + mask)[None], torch.tensor([last[0]]))
                counted += 1
            if counted:
                optimiser.zero_grad()
                (loss / (2 * counted)).backward()
                optimiser.step()
            schedule.step()
            step += 1
            if step % 200 == 0:
                print(f"  reader: epoch {epoch + 1}, step {step}/{steps}, {time.time() - started:.0f} s", flush=True)
    net.eval()
    reader.round()
    return reader
