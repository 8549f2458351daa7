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
from typing import Any, Protocol

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
        # What ``TextBlob(text).sentiment`` computes, by ``_Pattern`` (the same steps without
        # the per-call overheads; the numbers are the same: tests/test_sentiment.py).
        self._pattern = _Pattern()

    def score(self, text: str) -> tuple[float, float]:
        return self._pattern.score(text)


_CACHE_SIZE = 200_000  # words remembered by _Pattern (cleared when full)


class _Pattern:
    """TextBlob's PatternAnalyzer (``textblob.en.sentiment(text)``, textblob 0.20) step for step,
    reading the same lexicon: Pattern's tokenizer (``textblob._text.find_tokens``) and
    ``Sentiment.assessments``, then the averages. The same operations in the same order, so the
    same floats; what is left out is overhead: PatternAnalyzer's namedtuple class built on every
    call, the lexicon's lazy-dictionary methods (Python calls on every word), regular
    expressions looked up in ``re``'s cache per call (ten per sentence), the contraction
    replacements on text with no apostrophe, and the emoticon sets lower-cased for every word
    that might be one."""

    def __init__(self) -> None:
        from textblob import _text
        from textblob.en import sentiment

        if dict.__len__(sentiment) == 0:
            sentiment.load()
        self._lexicon: dict[str, dict[str | None, Any]] = dict(dict.items(sentiment))
        self._labeler: dict[str, str] = sentiment.labeler
        self._negations = tuple(sentiment.negations)
        self._modifiers = tuple(sentiment.modifiers)
        self._modifier = sentiment.modifier
        self._punctuation = _text.PUNCTUATION
        self._leading = tuple(_text.PUNCTUATION.replace(".", ""))
        self._trailing = (*self._leading, ".")
        self._abbreviations = _text.ABBREVIATIONS
        self._abbr = (_text.RE_ABBR1.match, _text.RE_ABBR2.match, _text.RE_ABBR3.match)
        self._replace = dict(_text.replacements)
        self._contractions = tuple(re.compile(a) for a in self._replace)
        self._pairs = tuple(zip(self._contractions, self._replace.values(), strict=True))
        self._linebreak = re.compile(r"\n{2,}")
        self._eos = _text.EOS
        self._sarcasm = _text.RE_SARCASM
        self._emoticon_re = _text.RE_EMOTICONS
        self._emoticons = tuple((p, frozenset(e.lower() for e in es)) for (_, p), es in _text.EMOTICONS.items())
        self._mood, self._irony = _text.MOOD, _text.IRONY
        self._pieces: dict[str, tuple[str, ...]] = {}  # a run of non-space -> its tokens
        self._plain: dict[str, bool] = {}  # a lower-case word -> _is_plain

    def tokens(self, string: str) -> list[str]:
        """``find_tokens(string)``: Pattern's sentences, each a string of space-separated tokens."""
        if "'" in string:  # every contraction has one
            for pattern, replacement in self._pairs:
                string = pattern.sub(replacement, string)
        string = (
            string.replace("“", " “ ")
            .replace("”", " ” ")
            .replace("‘", " ‘ ")
            .replace("’", " ’ ")
            .replace("'", " ' ")
            .replace('"', ' " ')
        )
        if "\n" in string:
            string = string.replace("\r\n", "\n")
            string = self._linebreak.sub(f" {self._eos} ", string)
        pieces = self._pieces
        if len(pieces) > _CACHE_SIZE:
            pieces.clear()
        tokens: list[str] = []
        # Pattern collapses whitespace and reads every run of non-space followed by a space;
        # what a run splits into depends on the run alone.
        for t in string.split():
            split = pieces.get(t)
            if split is None:
                split = pieces[t] = self._split(t)
            tokens += split
        eos = self._eos
        has_eos = eos in string  # a paragraph break's token (or the word itself) to leave out
        ends = ("...", ".", "!", "?", eos)
        closing = ("'", '"', "”", "’", "...", ".", "!", "?", ")", eos)
        sentences: list[list[str]] = [[]]
        i = j = 0
        n = len(tokens)
        # Pattern's loop steps over every token but acts only at sentence ends: go from one to
        # the next (one it has stepped over is skipped, as there).
        for k in [k for k, t in enumerate(tokens) if t in ends]:
            if k < j:
                continue
            j = k
            while j < n and tokens[j] in closing:
                if tokens[j] in ("'", '"') and sentences[-1].count(tokens[j]) % 2 == 0:
                    break
                j += 1
            if has_eos:
                sentences[-1].extend(t for t in tokens[i:j] if t != eos)
            else:
                sentences[-1].extend(tokens[i:j])
            sentences.append([])
            i = j
            j += 1
        sentences[-1].extend(tokens[i:])
        sarcasm, emoticon = self._sarcasm.sub, self._emoticon_re.sub
        return [emoticon(_joined_emoticon, sarcasm("(!)", " ".join(s))) for s in sentences if len(s) > 0]

    def _split(self, t: str) -> tuple[str, ...]:
        """One run of non-space as Pattern's tokenizer splits it: leading punctuation, the word,
        trailing punctuation, an ellipsis and a final stop unless it ends an abbreviation."""
        leading, trailing, replace = self._leading, self._trailing, self._replace
        if not (t.startswith(leading) or t.endswith(trailing)):
            return (t,)
        abbr1, abbr2, abbr3 = self._abbr
        out = []
        tail = []
        while t.startswith(leading) and t not in replace:
            out.append(t[0])
            t = t[1:]
        while t.endswith(trailing) and t not in replace:
            if t.endswith(leading):
                tail.append(t[-1])
                t = t[:-1]
            if t.endswith("..."):
                tail.append("...")
                t = t[:-3].rstrip(".")
            if t.endswith("."):
                if t in self._abbreviations or abbr1(t) is not None or abbr2(t) is not None or abbr3(t) is not None:
                    break
                tail.append(t[-1])
                t = t[:-1]
        if t != "":
            out.append(t)
        out.extend(reversed(tail))
        return tuple(out)

    def _is_plain(self, w: str) -> bool:
        """Whether ``w`` changes nothing in ``assessments`` when no negation or modifier is
        pending: not in the lexicon, no negation, no "!" or "(!)", no emoticon."""
        entry = self._lexicon.get(w)
        if (entry is not None and None in entry) or w in self._negations or w in ("!", "(!)"):
            return False
        if w.isalpha() is False and len(w) <= 5 and w not in self._punctuation:
            return not any(w in emoticons for _, emoticons in self._emoticons)
        return True

    def assessments(self, words: list[str]) -> list[tuple[list[str], float, float, str | None]]:
        """``Sentiment.assessments`` of lower-case words (part of speech None), negation on."""
        lexicon, labeler, negations, modifiers = self._lexicon, self._labeler, self._negations, self._modifiers
        a: list[dict[str, Any]] = []
        m: str | None = None
        n: str | None = None
        plain = self._plain
        if len(plain) > _CACHE_SIZE:
            plain.clear()
        for w in words:
            if n is None and m is None:
                is_plain = plain.get(w)
                if is_plain is None:
                    is_plain = plain[w] = self._is_plain(w)
                if is_plain:
                    continue
            entry = lexicon.get(w)
            if entry is not None and None in entry:
                p, s, i = entry[None]
                if m is None:
                    a.append({"w": [w], "p": p, "s": s, "i": i, "n": 1, "x": labeler.get(w)})
                if m is not None:
                    last = a[-1]
                    last["w"].append(w)
                    last["p"] = max(-1.0, min(p * last["i"], +1.0))
                    last["s"] = max(-1.0, min(s * last["i"], +1.0))
                    last["i"] = i
                    last["x"] = labeler.get(w)
                if n is not None:
                    last = a[-1]
                    last["w"].insert(0, n)
                    last["i"] = 1.0 / last["i"]
                    last["n"] = -1
                m = None
                n = None
                if any(map(entry.__contains__, modifiers)):
                    m = w
                if w in negations:
                    n = w
            else:
                if w in negations:
                    n = w
                elif n and len(w.strip("'")) > 1:
                    n = None
                if n is not None and m is not None and self._modifier(m):
                    a[-1]["w"].append(n)
                    a[-1]["n"] = -1
                    n = None
                elif m and len(w) > 2:
                    m = None
                if w == "!" and len(a) > 0:
                    a[-1]["w"].append("!")
                    a[-1]["p"] = max(-1.0, min(a[-1]["p"] * 1.25, +1.0))
                if w == "(!)":
                    a.append({"w": [w], "p": 0.0, "s": 1.0, "i": 1.0, "n": 1, "x": self._irony})
                if w.isalpha() is False and len(w) <= 5 and w not in self._punctuation:
                    for p, emoticons in self._emoticons:
                        if w in emoticons:
                            a.append({"w": [w], "p": p, "s": 1.0, "i": 1.0, "n": 1, "x": self._mood})
                            break
        return [(r["w"], r["p"] * -0.5 if r["n"] < 0 else r["p"], r["s"], r["x"]) for r in a]

    def score(self, text: str) -> tuple[float, float]:
        """(polarity, subjectivity): the plain averages over the assessments, 0.0 without any."""
        words = [w.lower() for w in " ".join(self.tokens(text)).split()]
        a = self.assessments(words)
        polarity: float = 0
        subjectivity: float = 0
        count = 0
        for _, p, s, _ in a:
            polarity += 1 * p
            subjectivity += 1 * s
            count += 1
        return float(polarity / float(count or 1)), float(subjectivity / float(count or 1))


def _joined_emoticon(match: re.Match[str]) -> str:
    return match.group(1).replace(" ", "") + match.group(2)


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
    """The engine's label, read from its class when it declares one: the sidebar lists every
    engine, and making one loads its lexicon or model (seconds for all three)."""
    label = getattr(_REGISTRY.get(name), "label", None)
    return label if isinstance(label, str) else get_engine(name).label


def score_sentences(texts: list[str], engines: list[str]) -> list[dict[str, tuple[float, float]]]:
    """Score each text with each named engine."""
    resolved = [get_engine(name) for name in engines]
    return [{engine.name: engine.score(text) for engine in resolved} for text in texts]
