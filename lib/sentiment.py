"""Sentiment engines behind one small registry.

Every number the dashboard shows says which engine made it. Engines:

- ``textblob``: TextBlob's PatternAnalyzer (the engine the user asked for). Polarity
  -1..1 and subjectivity 0..1 from the Pattern lexicon bundled in the package; works
  offline (only ``.sentences``/``.tags`` need NLTK downloads, which we never use).
- ``vader``: vaderSentiment's compound score, -1..1 (Hutto & Gilbert 2014), lexicon
  bundled in the package; no subjectivity (reported as NaN).
- ``targeted``: the target-aware model (``lib/targeted.py``, logistic regression fitted on
  NewsMTSC train): expected polarity, -1..1, toward the first name the sentence mentions
  (the whole sentence when it names no one); no subjectivity.

Known weakness, measured in NOTES.md: TextBlob reads "more than 150,000 troops" as
+0.5 (from "more"); read tone charts as lexical tone, not stance.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from lib.errors import UnknownEngineError

NAN = math.nan


class Engine(Protocol):
    name: str
    label: str
    description: str

    def score(self, text: str) -> tuple[float, float]:
        """(polarity -1..1, subjectivity 0..1 or NaN) of one sentence."""
        ...


@dataclass
class TextBlobEngine:
    name: str = "textblob"
    label: str = "TextBlob (PatternAnalyzer)"
    description: str = "TextBlob PatternAnalyzer polarity -1..1 and subjectivity 0..1, Pattern lexicon"

    def __post_init__(self) -> None:
        from textblob.en import sentiment

        # What ``TextBlob(text).sentiment`` computes: PatternAnalyzer.analyze wraps this call's
        # (polarity, subjectivity) in a namedtuple class it builds anew on every call, which
        # costs a fifth of its time; the numbers are the same (tests/test_sentiment.py).
        self._sentiment = sentiment

    def score(self, text: str) -> tuple[float, float]:
        polarity, subjectivity = self._sentiment(text)[:2]
        return float(polarity), float(subjectivity)


@dataclass
class VaderEngine:
    name: str = "vader"
    label: str = "VADER (vaderSentiment)"
    description: str = "VADER compound score -1..1 (Hutto & Gilbert 2014); no subjectivity"

    def __post_init__(self) -> None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        self._analyzer = SentimentIntensityAnalyzer()

    def score(self, text: str) -> tuple[float, float]:
        return float(self._analyzer.polarity_scores(text)["compound"]), NAN


_NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")


@dataclass
class TargetedEngine:
    name: str = "targeted"
    label: str = "Target-aware (NewsMTSC model)"
    description: str = (
        "Logistic regression over the words around a target, fitted on NewsMTSC train: expected polarity -1..1 "
        "toward the first name in the sentence; no subjectivity"
    )

    def __post_init__(self) -> None:
        from lib.quotes import load_speech
        from lib.targeted import load_model

        self._model = load_model()
        self._not_names = load_speech().not_names  # "The", "But": capitalised, never a name

    def score(self, text: str) -> tuple[float, float]:
        match = next((m for m in _NAME.finditer(text) if m.group().split()[0] not in self._not_names), None)
        start, end = (match.start(), match.end()) if match else (0, len(text))
        return float(self._model.polarity(text, start, end)), NAN


_REGISTRY: dict[str, Callable[[], Engine]] = {
    "textblob": TextBlobEngine,
    "vader": VaderEngine,
    "targeted": TargetedEngine,
}
DEFAULT_ENGINE = "textblob"


def engine_names() -> list[str]:
    """Registered engine names, the default first."""
    return sorted(_REGISTRY, key=lambda name: (name != DEFAULT_ENGINE, name))


@cache
def get_engine(name: str) -> Engine:
    """The engine registered under ``name``; an unknown name lists the known ones."""
    try:
        factory = _REGISTRY[name]
    except KeyError:
        raise UnknownEngineError(name, engine_names()) from None
    return factory()


def engine_label(name: str) -> str:
    return get_engine(name).label


def score_sentences(texts: list[str], engines: list[str]) -> list[dict[str, tuple[float, float]]]:
    """Score each text with each named engine."""
    resolved = [get_engine(name) for name in engines]
    return [{engine.name: engine.score(text) for engine in resolved} for text in texts]
