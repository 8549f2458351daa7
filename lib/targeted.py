"""Target-aware sentiment: how a sentence treats one named target, -1 / 0 / +1.

Sentence-level tone (TextBlob, VADER) answers "is this sentence positive?", not "is it
positive about Lavrov?". This engine reads the words that bear on the target: those near
it (by side and distance, with negation marked), the sentence's lexical tone from VADER
and TextBlob as features, and whether the target is the speaker of a quote. A
multinomial logistic regression weighs them, fitted with AdaGrad on NewsMTSC train only
(Hamborg & Donnay, EACL 2021; MIT licence) and reported on its dev parts. The weights
ship in ``lib/data/targeted_model.json`` (retrain: ``python -m lib train-targeted``).
No neural model; pure Python at predict time.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lib.resources import data_path

LABELS = (-1, 0, 1)
WINDOW = 6
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|n't|[!?]")
_NEGATORS = frozenset({"not", "no", "never", "n't", "without", "nor", "none", "nobody", "cannot", "hardly"})
_QUOTES = re.compile(r"[\"“”]")
_SPEECH = re.compile(r"\b(?:said|says|told|stated|added|argued|claimed|wrote|tweeted|according)\b")


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text.lower())]


@lru_cache(maxsize=1)
def _lexicons() -> tuple[Any, Any]:
    from lib.sentiment import get_engine

    vader = get_engine("vader")._analyzer  # type: ignore[attr-defined]
    return vader, get_engine("textblob")


def _bin(value: float, name: str) -> str:
    return f"{name}:{max(-3, min(3, round(value * 3)))}"


def features(sentence: str, start: int, end: int) -> list[str]:
    """The feature names active for the target ``sentence[start:end]``."""
    vader, textblob = _lexicons()
    tokens = _tokens(sentence)
    inside = [i for i, (s, e, _) in enumerate(tokens) if s < end and e > start]
    first = inside[0] if inside else next((i for i, (s, _, _) in enumerate(tokens) if s >= start), len(tokens))
    last = inside[-1] if inside else first - 1
    out = ["bias"]
    window_words = []
    for index, (_, _, word) in enumerate(tokens):
        if first <= index <= last:
            continue
        out.append(f"s:{word}")
        distance = first - index if index < first else index - last
        if distance <= WINDOW:
            side = "L" if index < first else "R"
            negated = any(t[2] in _NEGATORS for t in tokens[max(0, index - 3) : index])
            word_feature = f"NOT_{word}" if negated else word
            out.append(f"w:{word_feature}")
            out.append(f"{side}:{word_feature}")
            if distance <= 2:
                out.append(f"n:{word_feature}")
            window_words.append(word_feature)
            valence = vader.lexicon.get(word)
            if valence is not None:
                signed = -valence if negated else valence
                out.append(f"wv:{'+' if signed > 0 else '-'}")
    window_text = " ".join(w.removeprefix("NOT_") for w in window_words)
    out.append(_bin(vader.polarity_scores(sentence)["compound"], "sv"))
    out.append(_bin(vader.polarity_scores(window_text)["compound"], "wvc"))
    polarity, subjectivity = textblob.score(sentence)
    out.append(_bin(polarity, "st"))
    out.append(_bin(textblob.score(window_text)[0], "wt"))
    out.append(_bin(subjectivity, "ss"))
    in_quote = len(_QUOTES.findall(sentence[:start])) % 2 == 1
    out.append(f"q:{in_quote}")
    after = sentence[end : end + 25].lower()
    if _SPEECH.search(after):
        out.append("speaker")
    return out


@dataclass
class TargetModel:
    weights: dict[str, list[float]]  # feature -> one weight per label

    def probabilities(self, sentence: str, start: int, end: int) -> list[float]:
        scores = [0.0, 0.0, 0.0]
        for feature in features(sentence, start, end):
            w = self.weights.get(feature)
            if w is not None:
                scores = [a + b for a, b in zip(scores, w, strict=True)]
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return [e / total for e in exp]

    def predict(self, sentence: str, start: int, end: int) -> int:
        probs = self.probabilities(sentence, start, end)
        return LABELS[max(range(3), key=probs.__getitem__)]

    def polarity(self, sentence: str, start: int, end: int) -> float:
        """Expected polarity, -1..1: P(positive) - P(negative)."""
        probs = self.probabilities(sentence, start, end)
        return probs[2] - probs[0]


def train(examples: Sequence[tuple[str, int, int, int]], *, epochs: int = 8, l2: float = 1e-5,
          rate: float = 0.05, seed: int = 13, min_count: int = 2) -> TargetModel:  # fmt: skip
    """Multinomial logistic regression with AdaGrad. ``examples``: (sentence, start, end, label)."""
    featurised = [(features(s, a, b), LABELS.index(label)) for s, a, b, label in examples]
    counts: dict[str, int] = {}
    for feats, _ in featurised:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    keep = {f for f, c in counts.items() if c >= min_count}
    weights: dict[str, list[float]] = {f: [0.0, 0.0, 0.0] for f in keep}
    squares: dict[str, list[float]] = {f: [1e-8, 1e-8, 1e-8] for f in keep}
    order = list(range(len(featurised)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for index in order:
            feats, gold = featurised[index]
            active = [f for f in feats if f in weights]
            scores = [sum(weights[f][k] for f in active) for k in range(3)]
            top = max(scores)
            exp = [math.exp(s - top) for s in scores]
            total = sum(exp)
            for k in range(3):
                gradient = exp[k] / total - (1.0 if k == gold else 0.0)
                for f in active:
                    g = gradient + l2 * weights[f][k]
                    squares[f][k] += g * g
                    weights[f][k] -= rate * g / math.sqrt(squares[f][k])
    pruned = {f: [round(x, 4) for x in w] for f, w in weights.items() if max(abs(x) for x in w) >= 1e-3}
    return TargetModel(pruned)


@lru_cache(maxsize=2)
def load_model(path: Path | None = None) -> TargetModel:
    path = path or data_path("targeted_model.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return TargetModel({f: list(w) for f, w in data["weights"].items()})


def save_model(model: TargetModel, path: Path, *, note: dict[str, Any]) -> None:
    path.write_text(
        json.dumps({"about": note, "labels": list(LABELS), "weights": model.weights}, separators=(",", ":"))
    )


def label_jsonl(path: Path, out: Path | None, *, engine: str = "targeted") -> int:
    """Read NewsMTSC-format lines; write each with ``predicted`` (-1, 0, 1) per target."""
    import sys

    from lib.sentiment import get_engine

    model = load_model() if engine == "targeted" else None
    scorer = None if model else get_engine(engine)
    count = 0
    lines: Iterable[str] = path.read_text(encoding="utf-8").splitlines()
    sink = out.open("w", encoding="utf-8") if out else sys.stdout
    try:
        for line in lines:
            if not line.strip():
                continue
            item = json.loads(line)
            sentence = item["sentence_normalized"]
            for target in item["targets"]:
                if model:
                    target["predicted"] = model.predict(sentence, int(target["from"]), int(target["to"]))
                else:
                    polarity = scorer.score(sentence)[0]  # type: ignore[union-attr]
                    target["predicted"] = 1 if polarity > 0.05 else -1 if polarity < -0.05 else 0
                count += 1
            sink.write(json.dumps(item, ensure_ascii=False) + "\n")
    finally:
        if out:
            sink.close()
    return count
