"""The CRF's state scores computed from its weights directly, for all the units of an article at
once.

A token's score for a label is the sum of the weights of its state features (``crf``'s
``_unit_features``, the features the weights were trained on). Most of those features belong to
a word and to its place in the ±2 window, so every word seen gets, once, the summed weights of
what it gives itself and of what it gives each neighbour (a row of ``_Table``). The rest
(position in the sentence, quotation marks, names, mentions, paragraph, the neighbours' class)
are rows of one small context table (``_CONTEXT``), added by one loop (``tiered``: plain Python
for a few articles, compiled with numba for many). The
result equals crfsuite's own sum (up to the order of the additions); ``decode`` then reads the
tags from it. Passing the feature strings to crfsuite cost more than the rest of the analysis.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter

import numpy as np
from numpy.typing import NDArray

from lib.quotes import crf
from lib.quotes.tiered import count, tiered
from lib.types import Mention

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

# The class a word gives its neighbours' features ("-1k=…", "1k=…"), as a code: 0 is none.
CLASSES = ("", "C", "P", "N", "M", "Qopen", "Qclose")
_CODE = {name: code for code, name in enumerate(CLASSES)}
_C, _N, _M, _QOPEN, _QCLOSE = (_CODE[k] for k in ("C", "N", "M", "Qopen", "Qclose"))
# A quotation mark's kind, per word: not one, opening, closing, straight (by the state before).
_NOT_MARK, _OPENS, _CLOSES, _STRAIGHT = -1, 0, 1, 2
_BEGIN, _WORD = itemgetter(0), itemgetter(2)  # of a token (start, end, word)
# Rows of a table grown as words arrive; a table this full is emptied before the next article.
_TABLE_SIZE = 200_000

# The context features, one row each in this order (the kernel reads them by these offsets).
_CONTEXT = (
    [b"cue", b"sf", b"si=0", b"si=n", *crf._SP[1:], crf._QKIND["open"], crf._QKIND["close"], b"inq"]
    + [*crf._QP, b"qp=far", *crf._QN, b"qn=far", b"nr", b"pi=0", b"pi=1", b"pi=2", b"pi=n"]
    + [crf._LEFT_CLASS[k] for k in CLASSES[1:]]
    + [crf._RIGHT_CLASS[k] for k in CLASSES[1:]]
    + [b"-1edge", b"1edge"]
)
_AT = {name: i for i, name in enumerate(_CONTEXT)}
CUE, SF, SI0, SIN, SP1 = _AT[b"cue"], _AT[b"sf"], _AT[b"si=0"], _AT[b"si=n"], _AT[b"sp=1"]
QOPEN, QCLOSE, INQ, QP, QN = _AT[b"q=open"], _AT[b"q=close"], _AT[b"inq"], _AT[b"qp=0"], _AT[b"qn=0"]
NR, PI, LK, RK = _AT[b"nr"], _AT[b"pi=0"], _AT[b"-1k=C"] - 1, _AT[b"1k=C"] - 1
LEFT_EDGE, RIGHT_EDGE = _AT[b"-1edge"], _AT[b"1edge"]


@dataclass(frozen=True)
class Weights:
    """A model's state weights as a matrix (attribute id, label id; the last row is zero, for an
    attribute the model does not have) and its transitions (from label, to label)."""

    labels: tuple[str, ...]
    index: dict[bytes, int]
    state: FloatArray
    transitions: FloatArray

    def row(self, name: bytes) -> FloatArray:
        found: FloatArray = self.state[self.index.get(name, -1)]
        return found

    def total(self, names: Iterable[bytes]) -> FloatArray:
        rows = [self.index.get(name, -1) for name in names]
        total: FloatArray = self.state[rows].sum(axis=0) if rows else np.zeros(len(self.labels))
        return total


def read_weights(model: crf.ModelFile) -> Weights:
    labels = len(model.labels)
    state = np.zeros((len(model.attributes) + 1, labels))
    transitions = np.zeros((labels, labels))
    for kind, src, dst, weight in model.features:
        if kind == 0:
            state[src, dst] = weight
        else:
            transitions[src, dst] = weight
    return Weights(
        labels=tuple(model.labels),
        index={name.encode(): i for i, name in enumerate(model.attributes)},
        state=state,
        transitions=transitions,
    )


@dataclass
class _Table:
    """Per word (a row): the summed weights of its own features and of those it gives the word
    two before it, one before, one after and two after (``words``, five rows per word); its
    class, whether it is capitalised, its kind of quotation mark, whether it starts a multi-word
    cue, and its lower case."""

    weights: Weights
    rows: dict[str, int] = field(default_factory=dict)
    lows: list[str] = field(default_factory=list)
    size: int = 0
    words: FloatArray = field(init=False)
    klass: NDArray[np.int8] = field(init=False)
    capital: NDArray[np.bool_] = field(init=False)
    mark: NDArray[np.int8] = field(init=False)
    phrase_start: NDArray[np.bool_] = field(init=False)

    def __post_init__(self) -> None:
        labels = len(self.weights.labels)
        self.words = np.zeros((5 * 4096, labels))
        self.klass = np.zeros(4096, np.int8)
        self.capital = np.zeros(4096, np.bool_)
        self.mark = np.zeros(4096, np.int8)
        self.phrase_start = np.zeros(4096, np.bool_)

    def _grow(self) -> None:
        def doubled(old: NDArray[np.generic]) -> NDArray[np.generic]:
            new = np.zeros((2 * len(old), *old.shape[1:]), old.dtype)
            new[: len(old)] = old
            return new

        self.words = doubled(self.words)  # type: ignore[assignment]
        self.klass = doubled(self.klass)  # type: ignore[assignment]
        self.capital = doubled(self.capital)  # type: ignore[assignment]
        self.mark = doubled(self.mark)  # type: ignore[assignment]
        self.phrase_start = doubled(self.phrase_start)  # type: ignore[assignment]

    def clear(self) -> None:
        self.rows.clear()
        self.lows.clear()
        self.size = 0

    def lookup(self, words: Sequence[str]) -> IntArray:
        rows = self.rows
        try:
            return np.fromiter(map(rows.__getitem__, words), np.int64, len(words))
        except KeyError:  # a word not seen before
            for word in dict.fromkeys(words):
                if word not in rows:
                    self._add(word)
            return np.fromiter(map(rows.__getitem__, words), np.int64, len(words))

    def _add(self, word: str) -> None:
        if self.size >= len(self.klass):
            self._grow()
        built = crf._word[word]
        row, weights = self.size, self.weights
        self.words[5 * row : 5 * row + 5] = (
            weights.total(built.base),
            weights.row(built.left2),
            weights.total(built.left1),
            weights.total(built.right1),
            weights.row(built.right2),
        )
        self.klass[row] = _CODE[built.klass]
        self.capital[row] = built.capital
        token = built.low
        self.mark[row] = (
            _NOT_MARK
            if not built.mark
            else _OPENS
            if token in crf._OPEN
            else _CLOSES
            if token in crf._CLOSE
            else _STRAIGHT
        )
        self.phrase_start[row] = built.phrase_start
        self.lows.append(built.low)
        self.rows[word] = row
        self.size += 1


@tiered
def _score(
    rows: IntArray,
    offsets: IntArray,
    sentence_of: IntArray,
    paragraph: IntArray,
    inside_at_start: NDArray[np.bool_],
    phrase_cue: NDArray[np.bool_],
    mention_row: IntArray,
    words: FloatArray,
    word_klass: NDArray[np.int8],
    capital: NDArray[np.bool_],
    mark: NDArray[np.int8],
    context: FloatArray,
    mentions: FloatArray,
) -> FloatArray:
    """crf._unit_features, summed: the same features, in the same cases, as rows."""
    n = rows.size
    labels = words.shape[1]
    out = np.zeros((n, labels))
    klass = np.zeros(n, np.int64)
    inq = np.zeros(n, np.bool_)
    for unit in range(offsets.size - 1):
        first, stop = offsets[unit], offsets[unit + 1]
        # The classes first (a word's window features read its neighbours' final class).
        inside = inside_at_start[unit]
        position = 0
        for i in range(first, stop):
            word = rows[i]
            code = word_klass[word]
            if phrase_cue[i]:
                code = 1  # C
            if i == first or sentence_of[i] != sentence_of[i - 1]:
                position = 0
            else:
                position += 1
            kind = mark[word]
            if kind >= 0:
                opens = kind == 0 or (kind == 2 and not inside)
                inside = opens
                code = 5 if opens else 6  # Qopen, Qclose
                out[i] += context[QOPEN if opens else QCLOSE]
            else:
                inq[i] = inside
            if capital[word] and ((position > 0 and capital[rows[i - 1]]) or (i + 1 < stop and capital[rows[i + 1]])):
                out[i] += context[NR]
                if code == 0:
                    code = 3  # N
            if mention_row[i] >= 0:
                out[i] += mentions[mention_row[i]]
                if code == 0:
                    code = 4  # M
            klass[i] = code
        # The features of each token.
        previous_mark = -1
        position = 0
        for i in range(first, stop):
            word = rows[i]
            row = out[i]
            row += words[5 * word]
            if phrase_cue[i]:
                row += context[CUE]
            if i == first or sentence_of[i] != sentence_of[i - 1]:
                position = 0
                row += context[SF]
                row += context[SI0 if sentence_of[i] == 0 else SIN]
            else:
                position += 1
                if position < 4:
                    row += context[SP1 + position - 1]
            if mark[word] >= 0:
                previous_mark = i
            else:
                if inq[i]:
                    row += context[INQ]
                if previous_mark >= 0:
                    row += context[QP + min(i - previous_mark, 11)]
            row += context[PI + paragraph[unit]]
            if i - 2 >= first:
                row += words[5 * rows[i - 2] + 1]
            if i - 1 >= first:
                row += words[5 * rows[i - 1] + 2]
                if klass[i - 1]:
                    row += context[LK + klass[i - 1]]
            else:
                row += context[LEFT_EDGE]
            if i + 1 < stop:
                row += words[5 * rows[i + 1] + 3]
                if klass[i + 1]:
                    row += context[RK + klass[i + 1]]
            else:
                row += context[RIGHT_EDGE]
            if i + 2 < stop:
                row += words[5 * rows[i + 2] + 4]
        next_mark = -1
        for i in range(stop - 1, first - 1, -1):
            if mark[rows[i]] >= 0:
                next_mark = i
            elif next_mark >= 0:
                out[i] += context[QN + min(next_mark - i, 11)]
    return out


class Scorer:
    """The state scores of a model's weights for the units of an article."""

    def __init__(self, weights: Weights) -> None:
        self.weights = weights
        self._table = _Table(weights)
        self._context = np.stack([weights.row(name) for name in _CONTEXT])
        self._mention_rows: dict[tuple[str, str], int] = {}
        self._mentions = np.zeros((1, len(weights.labels)))

    def _mention(self, mention: Mention) -> int:
        key = (mention.kind, mention.via)
        found = self._mention_rows.get(key)
        if found is None:
            found = self._mention_rows[key] = len(self._mention_rows)
            if found >= len(self._mentions):
                self._mentions = np.concatenate([self._mentions, np.zeros_like(self._mentions)])
            self._mentions[found] = self.weights.total(crf._mention_features(*key))
        return found

    def scores(
        self, text: str, units: Sequence[crf.Unit], starts: dict[int, int], mention_at: dict[int, Mention]
    ) -> list[FloatArray]:
        """(tokens, labels) per unit: ``starts`` gives each paragraph's first offset
        (``crf.paragraph_starts``), ``mention_at`` the mentions by token start (``crf.mention_index``)."""
        tokens = [token for unit in units for token in unit.tokens]
        n = len(tokens)
        if n == 0:
            return [np.zeros((0, len(self.weights.labels))) for _ in units]
        table = self._table
        if table.size > _TABLE_SIZE:
            table.clear()
        lengths = [len(unit.tokens) for unit in units]
        offsets = np.zeros(len(units) + 1, np.int64)
        np.cumsum(lengths, out=offsets[1:])
        count(n)
        rows = table.lookup(list(map(_WORD, tokens)))
        # A multi-word cue ("according to") marks the words it covers that have no class yet.
        phrase_cue = np.zeros(n, np.bool_)
        phrase_starts = np.flatnonzero(table.phrase_start[rows])
        if phrase_starts.size:
            unit_end = np.repeat(offsets[1:], lengths)
            klass = table.klass[rows]
            phrases = crf.load_lexicon().cue_phrases
            lows = table.lows
            for i in phrase_starts.tolist():
                end = int(unit_end[i])
                for cue in phrases:
                    covered = range(i, min(end, i + len(cue)))
                    if cue[0] == lows[rows[i]] and tuple(lows[rows[j]] for j in covered) == cue:
                        for j in covered:
                            if not klass[j] and not phrase_cue[j]:
                                phrase_cue[j] = True
        mention_row = np.full(n, -1, np.int64)
        if mention_at:
            begins = np.fromiter(map(_BEGIN, tokens), np.int64, n)
            keys = np.fromiter(mention_at, np.int64, len(mention_at))
            found = np.searchsorted(begins, keys)
            hit = found < n
            hit[hit] = begins[found[hit]] == keys[hit]
            for key, i in zip(keys[hit].tolist(), found[hit].tolist(), strict=True):
                mention_row[i] = self._mention(mention_at[key])
        inside_at_start = np.fromiter(
            (
                len(crf._MARK_TEXT.findall(text, starts[unit.sentences[0].paragraph], unit.sentences[0].start)) % 2
                for unit in units
            ),
            np.bool_,
            len(units),
        )
        out = _score(
            rows,
            offsets,
            np.fromiter(itertools.chain.from_iterable(unit.sentence_of for unit in units), np.int64, n),
            np.fromiter((min(unit.sentences[0].paragraph, 3) for unit in units), np.int64, len(units)),
            inside_at_start,
            phrase_cue,
            mention_row,
            table.words,
            table.klass,
            table.capital,
            table.mark,
            self._context,
            self._mentions,
        )
        return np.split(out, offsets[1:-1])
