"""A learned attribution model: a linear-chain CRF that labels source, cue and content spans.

Trained on PolNeAR train (Newell, Margolin & Ruths, LREC 2018) with python-crfsuite (L-BFGS,
L1 + L2); ``lib/quotes/train.py`` builds the sequences and ``python -m lib train-attribution``
retrains the weights in ``lib/data/attribution.crfsuite``.

Tokens are words, numbers and punctuation with character offsets; every quotation mark is a
token of its own. Labels are BIO over SOURCE, CUE and CONTENT. The unit the CRF reads is a run
of consecutive sentences of one paragraph (``CONTEXT``): content often spans sentences and the
source is often in the next one ("… ." he said.). Features need no parser: the word, its lower
case and shape, affixes, a ±2 window, quotation-mark state and distance, sentence and paragraph
position, the reporting-cue lexicon (``speech.yml``), capitalised-name runs and the article's
dictionary mentions.

For speed only sentences that can hold an attribution are tagged (a quotation mark, a cue word
of the lexicon or one that the model weighs as a cue, "according", a colon after a name); a
sentence next to one of them is read with it. The analysis does not hand crfsuite the feature
strings: ``scores`` sums the same features' weights from per-word tables and ``decode`` reads
the tags and marginals from those sums (crfsuite's own, which ``tests/quotes/test_scores.py``
holds them to); crfsuite trains the weights.
"""

from __future__ import annotations

import bisect
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np

from lib.resources import data_path, load_yaml
from lib.types import Mention, Sentence

LABELS = ("SOURCE", "CUE", "CONTENT")
# Sentences read with a gated sentence on each side, inside its paragraph (chosen on a
# held-out slice of PolNeAR train: see train.py).
CONTEXT = 1
MODEL_FILE = "attribution.crfsuite"
# A word the model weighs at least this much as the start of a cue opens the gate.
GATE_WEIGHT = 1.0

_TOKEN = re.compile(
    r"''|``|[\"“”„«»‹›‘]"
    r"|\d+(?:[.,:]\d+)*"
    r"|\w+(?:['’]\w+)*"
    r"|’"
    r"|[^\w\s]"
)
_OPEN = frozenset({"“", "„", "«", "``", "‹"})
_CLOSE = frozenset({"”", "»", "›"})
_TOGGLE = frozenset({'"', "''"})
_MARKS = _OPEN | _CLOSE | _TOGGLE
_SINGLE = frozenset({"‘", "’"})
_MARK_TEXT = re.compile(r"''|``|[\"“”„«»‹›]")
_SHAPE_SUB = (re.compile(r"[A-Z]+"), re.compile(r"[a-z]+"), re.compile(r"\d+"))


# Every character but a blank starts a token, so what lies between two tokens is blank: read as
# (blank, token) pairs, the offsets follow from the lengths (a Match object a token cost more).
_SPACED_TOKEN = re.compile(r"(\s*)(" + _TOKEN.pattern + ")")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, token) in ``text[start:end]``, offsets into ``text``: ``_TOKEN``'s matches."""
    out = []
    position = start
    for blank, token in _SPACED_TOKEN.findall(text, start, len(text) if end is None else end):
        begin = position + len(blank)
        position = begin + len(token)
        out.append((begin, position, token))
    return out


@lru_cache(maxsize=65536)
def _shape(word: str) -> str:
    shape = _SHAPE_SUB[0].sub("X", word)
    shape = _SHAPE_SUB[1].sub("x", shape)
    return _SHAPE_SUB[2].sub("d", shape)[:6]


@dataclass(frozen=True)
class Lexicon:
    """Word lists from ``speech.yml``: lower-case single words and multi-word phrases."""

    cues: frozenset[str]
    cue_phrases: tuple[tuple[str, ...], ...]
    positions: frozenset[str]
    participles: frozenset[str]
    progressives: frozenset[str]
    titles: frozenset[str]
    phrase_starts: frozenset[str]


def _words(raw: Any, key: str) -> list[str]:
    values = raw.get(key) or []
    return [str(v) for v in values]


# The cue lists the shipped weights were trained with (a snapshot of speech.yml's, written by
# ``python -m lib train-attribution``): the features read them, so editing the rules' lexicon
# does not change what the model sees.
LEXICON_FILE = "attribution_lexicon.yml"
LEXICON_KEYS = ("cues", "positions", "participles", "progressives", "titles")


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    path = data_path(LEXICON_FILE)
    raw = load_yaml(path if path.exists() else data_path("speech.yml"))
    cues = [c.lower() for c in _words(raw, "cues")]
    return Lexicon(
        cues=frozenset(c for c in cues if " " not in c),
        cue_phrases=tuple(sorted({tuple(c.split()) for c in cues if " " in c})),
        positions=frozenset(w.lower() for w in _words(raw, "positions") if " " not in w),
        participles=frozenset(w.lower() for w in _words(raw, "participles") if " " not in w),
        progressives=frozenset(w.lower() for w in _words(raw, "progressives") if " " not in w),
        titles=frozenset(w.rstrip(".") for w in _words(raw, "titles")),
        phrase_starts=frozenset(c.split()[0] for c in cues if " " in c),
    )


_BUCKETS = ("0", "1", "2", "5", "5", "5", "10", "10", "10", "10", "10")


# The features are UTF-8 bytes: python-crfsuite encodes every str attribute on every call
# (a quarter of building its ItemSequence); ``features_for`` gives them back as str.
# Distance to the previous / next quotation mark, by distance (0..10, then "far").
_QP = tuple(b"qp=" + b.encode() for b in _BUCKETS)
_QN = tuple(b"qn=" + b.encode() for b in _BUCKETS)
_SP = (b"", b"sp=1", b"sp=2", b"sp=3")
_FIRST = ((b"sf", b"si=0"), (b"sf", b"si=n"))
_QKIND = {"open": b"q=open", "close": b"q=close"}
# The class of the word before / after (cue, position, name, mention, quotation mark).
_LEFT_CLASS = {k: f"-1k={k}".encode() for k in ("C", "P", "N", "M", "Qopen", "Qclose")}
_RIGHT_CLASS = {k: f"1k={k}".encode() for k in ("C", "P", "N", "M", "Qopen", "Qclose")}


@dataclass(frozen=True, slots=True)
class _Word:
    """The features of a word that do not depend on its neighbours, and those it gives its
    neighbours in the ±2 window, built once per word."""

    base: tuple[bytes, ...]
    left2: bytes
    left1: tuple[bytes, bytes]  # what the next word gets
    right1: tuple[bytes, bytes]  # what the previous word gets
    right2: bytes
    klass: str  # C (cue), P (position) or ""
    capital: bool
    title: bool
    low: str
    mark: bool  # a quotation mark (``_MARKS``)
    phrase_start: bool  # the first word of a multi-word cue


def _build_word(word: str) -> _Word:
    lex = load_lexicon()
    low = word.lower()
    shape = _shape(word)
    base = ["b", "w=" + low, "s=" + shape, "x3=" + low[-3:]]
    klass = ""
    if low in lex.cues:
        base.append("cue")
        klass = "C"
    elif low in lex.positions:
        base.append("pos")
        klass = "P"
    if low in lex.participles:
        base.append("part")
    if low in lex.progressives:
        base.append("prog")
    capital = word[:1].isupper() and word[:1].isalpha()
    title = capital and word.rstrip(".") in lex.titles
    if title:
        base.append("title")
    if word in _SINGLE:
        base.append("q1")
    return _Word(
        base=tuple(f.encode() for f in base),
        left2=f"-2w={low}".encode(),
        left1=(f"-1w={low}".encode(), f"-1s={shape}".encode()),
        right1=(f"1w={low}".encode(), f"1s={shape}".encode()),
        right2=f"2w={low}".encode(),
        klass=klass,
        capital=capital,
        title=title,
        low=low,
        mark=word in _MARKS,
        phrase_start=low in lex.phrase_starts,
    )


class _Words(dict[str, _Word]):
    """The ``_Word`` of every word seen, built on first sight: a dict, so that a word seen
    before costs a lookup in C (an ``lru_cache`` call cost a Python call per token); emptied when
    it grows past ``_WORDS_SIZE``. ``cache_clear`` as on an ``lru_cache`` (a new lexicon)."""

    def __missing__(self, word: str) -> _Word:
        if len(self) >= _WORDS_SIZE:
            self.clear()
        built = self[word] = _build_word(word)
        return built

    def cache_clear(self) -> None:
        self.clear()


_WORDS_SIZE = 200_000
_word = _Words()


@dataclass
class Unit:
    """A run of consecutive sentences of one paragraph, tokenised, as the CRF reads it."""

    sentences: list[Sentence]
    tokens: list[tuple[int, int, str]]
    sentence_of: list[int]  # index (into ``sentences``) of each token's sentence


@lru_cache(maxsize=4096)
def _mention_features(kind: str, via: str) -> tuple[bytes, bytes]:
    return f"m={kind}".encode(), f"mv={via}".encode()


def _unit_features(text: str, unit: Unit, paragraph_start: int, mention_at: dict[int, Mention]) -> list[list[bytes]]:
    """Feature strings per token, in the order the weights were trained with: the word's own
    (from a per-word cache), then the context (multi-word cue, position in the sentence,
    quotation marks, names, mentions, paragraph), then the ±2 window with the neighbours' class.

    One pass over the tokens: a word's list is finished (the next word and its class, the word
    after it) once the next word's class is known."""
    tokens = unit.tokens
    n = len(tokens)
    info = list(map(_word.__getitem__, map(itemgetter(2), tokens)))
    klass = [w.klass for w in info]
    # A multi-word cue ("according to") marks the words it covers that have no class yet.
    phrase_cue = [False] * n
    starts = [i for i, w in enumerate(info) if w.phrase_start]
    if starts:
        phrases = load_lexicon().cue_phrases
        lows = [w.low for w in info]
        for i in starts:
            low = lows[i]
            for cue in phrases:
                if cue[0] == low and tuple(lows[i : i + len(cue)]) == cue:
                    for j in range(i, min(n, i + len(cue))):
                        if not klass[j]:
                            phrase_cue[j] = True
                            klass[j] = "C"
    # Quotation-mark state at the unit's start, from the paragraph text before it.
    inside = len(_MARK_TEXT.findall(text, paragraph_start, unit.sentences[0].start)) % 2 == 1
    marks = [i for i, w in enumerate(info) if w.mark]
    marks.append(n)  # a sentinel: no mark after the last one
    next_mark = marks[0]
    next_at = 0
    prev_mark = -1
    previous_sentence = -1
    position = 0
    paragraph = unit.sentences[0].paragraph
    paragraph_feature = f"pi={paragraph if paragraph < 3 else 'n'}".encode()
    sentence_of = unit.sentence_of
    out: list[list[bytes]] = []
    features: list[bytes] = []
    for i in range(n):
        word = info[i]
        previous = features
        features = [*word.base, b"cue"] if phrase_cue[i] else [*word.base]
        sentence = sentence_of[i]
        if sentence != previous_sentence:
            position = 0
            previous_sentence = sentence
            features += _FIRST[sentence != 0]
        else:
            position += 1
            if position < 4:
                features.append(_SP[position])
        if i == next_mark:
            token = tokens[i][2]
            kind = "open" if token in _OPEN else "close" if token in _CLOSE else ("close" if inside else "open")
            features.append(_QKIND[kind])
            inside = kind == "open"
            prev_mark = i
            klass[i] = "Q" + kind
            next_at += 1
            next_mark = marks[next_at]
        else:
            if inside:
                features.append(b"inq")
            if prev_mark >= 0:
                distance = i - prev_mark
                features.append(_QP[distance] if distance <= 10 else b"qp=far")
            if next_mark < n:
                distance = next_mark - i
                features.append(_QN[distance] if distance <= 10 else b"qn=far")
        if word.capital and ((position > 0 and info[i - 1].capital) or (i + 1 < n and info[i + 1].capital)):
            features.append(b"nr")
            klass[i] = klass[i] or "N"
        if mention_at:
            mention = mention_at.get(tokens[i][0])
            if mention is not None:
                features += _mention_features(mention.kind, mention.via)
                klass[i] = klass[i] or "M"
        features.append(paragraph_feature)
        if i > 1:
            features.append(info[i - 2].left2)
        if i > 0:
            features += info[i - 1].left1
            if klass[i - 1]:
                features.append(_LEFT_CLASS[klass[i - 1]])
            # The previous word's list ends with this word (and its class) and the next one.
            previous += word.right1
            if klass[i]:
                previous.append(_RIGHT_CLASS[klass[i]])
            if i + 1 < n:
                previous.append(info[i + 1].right2)
        else:
            features.append(b"-1edge")
        out.append(features)
    features.append(b"1edge")
    return out


def build_units(
    text: str, sentences: Sequence[Sentence], selected: Sequence[bool] | None = None, context: int = CONTEXT
) -> list[Unit]:
    """Runs of sentences to tag: each selected sentence with ``context`` neighbours on each side
    inside its paragraph, consecutive ones merged (``context`` < 0: the whole paragraph; 0: each
    selected sentence alone). With nothing selected out (training), a unit is a paragraph."""
    n = len(sentences)
    chosen = [True] * n if selected is None else list(selected)
    keep = [False] * n
    for i in range(n):
        if not chosen[i]:
            continue
        if context < 0:
            j = i
            while j >= 0 and sentences[j].paragraph == sentences[i].paragraph:
                keep[j] = True
                j -= 1
            j = i + 1
            while j < n and sentences[j].paragraph == sentences[i].paragraph:
                keep[j] = True
                j += 1
            continue
        for j in range(max(0, i - context), min(n, i + context + 1)):
            if sentences[j].paragraph == sentences[i].paragraph:
                keep[j] = True
    units: list[Unit] = []
    run: list[Sentence] = []
    for i in range(n):
        if keep[i] and run and context != 0 and sentences[i].paragraph == run[-1].paragraph:
            run.append(sentences[i])
            continue
        if run:
            units.append(_make_unit(text, run))
            run = []
        if keep[i]:
            run = [sentences[i]]
    if run:
        units.append(_make_unit(text, run))
    return units


def _make_unit(text: str, run: list[Sentence]) -> Unit:
    tokens: list[tuple[int, int, str]] = []
    sentence_of: list[int] = []
    for index, sentence in enumerate(run):
        found = tokenize(text, sentence.start, sentence.end)
        tokens.extend(found)
        sentence_of.extend([index] * len(found))
    return Unit(sentences=list(run), tokens=tokens, sentence_of=sentence_of)


def paragraph_starts(sentences: Sequence[Sentence]) -> dict[int, int]:
    starts: dict[int, int] = {}
    for sentence in sentences:
        starts.setdefault(sentence.paragraph, sentence.start)
    return starts


def mention_index(mentions: Sequence[Mention], text: str) -> dict[int, Mention]:
    """Mentions by the start offset of every token they cover."""
    index: dict[int, Mention] = {}
    for mention in mentions:
        for start, _, _ in tokenize(text, mention.start, mention.end):
            index.setdefault(start, mention)
    return index


def features_for(
    text: str, units: Sequence[Unit], sentences: Sequence[Sentence], mentions: Sequence[Mention] = ()
) -> list[list[list[str]]]:
    """The feature strings of every token of every unit (for training and inspection)."""
    starts = paragraph_starts(sentences)
    mention_at = mention_index(mentions, text)
    return [
        [
            [f.decode() for f in token]
            for token in _unit_features(text, unit, starts[unit.sentences[0].paragraph], mention_at)
        ]
        for unit in units
    ]


def gate_words(extra: frozenset[str] = frozenset()) -> frozenset[str]:
    """Lower-case words that open the gate: the lexicon's cues and their kin, and ``extra``."""
    lex = load_lexicon()
    first_words = {phrase[0] for phrase in lex.cue_phrases}
    return frozenset(
        lex.cues | lex.positions | lex.participles | lex.progressives | first_words | extra | {"according"}
    )


_GATE_MARK = re.compile(r"''|``|[\"“”„«»]")
_GATE_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


def gated(sentence: Sentence, words: frozenset[str]) -> bool:
    """Can the sentence hold an attribution: a quotation mark, a cue word (a run of letters,
    with an apostrophe's ending, in ``words`` in lower case), a colon after a letter."""
    text = sentence.text
    if _GATE_MARK.search(text) or not words.isdisjoint(map(str.lower, _GATE_WORD.findall(text))):
        return True
    colon = text.find(":", 1)
    while colon > 0:
        if text[colon - 1].isalpha():
            return True
        colon = text.find(":", colon + 1)
    return False


# A tag's label and whether it opens a span ("B-"), for the tags the model has.
_READ_TAG = {f"{prefix}-{label}": (label, prefix == "B") for prefix in "BI" for label in LABELS}


def spans_from_tags(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(label, first token, last token + 1) of every BIO span; an I after another label starts one."""
    spans: list[tuple[str, int, int]] = []
    label: str | None = None  # the open span's label
    begin = 0
    for i, tag in enumerate(tags):
        if tag == "O":
            if label is not None:
                spans.append((label, begin, i))
                label = None
            continue
        read = _READ_TAG.get(tag)
        if read is None:
            prefix, name = tag.split("-", 1)
            read = (name, prefix == "B")
        if read[1] or read[0] != label:
            if label is not None:
                spans.append((label, begin, i))
            label, begin = read[0], i
    if label is not None:
        spans.append((label, begin, len(tags)))
    return spans


@dataclass(frozen=True)
class Attribution:
    """One attributed statement: its content, cue and source as character offsets (end exclusive)."""

    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None  # None when the sentence window has no source span
    sentence_index: int  # of the content's first sentence
    confidence: float  # the model's marginal probability for the content span (0..1)


def _nearest(target: tuple[int, int], candidates: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The candidate token span nearest to ``target`` (token gap; ties go to the later one)."""
    best: tuple[int, int] | None = None
    best_gap = 10**9
    for cand in candidates:
        gap = cand[0] - target[1] if cand[0] >= target[1] else target[0] - cand[1] if cand[1] <= target[0] else 0
        if gap < best_gap or (gap == best_gap and best is not None and cand[0] > best[0]):
            best, best_gap = cand, gap
    return best


def pair_spans(
    spans: Sequence[tuple[str, int, int]], sentence_of: Sequence[int]
) -> list[tuple[tuple[int, int], tuple[int, int] | None, tuple[int, int] | None]]:
    """Each content span with its cue and source (token spans): the nearest cue in the same or an
    adjacent sentence, then the source nearest that cue (same or adjacent sentence)."""
    contents = [(s, e) for label, s, e in spans if label == "CONTENT"]
    cues = [(s, e) for label, s, e in spans if label == "CUE"]
    sources = [(s, e) for label, s, e in spans if label == "SOURCE"]

    def near(a: tuple[int, int], b: tuple[int, int]) -> bool:
        # The sentences of the spans' first and last tokens, the nearest pair at most one apart.
        a0, a1 = sentence_of[a[0]], sentence_of[a[1] - 1]
        b0, b1 = sentence_of[b[0]], sentence_of[b[1] - 1]
        return -1 <= a0 - b0 <= 1 or -1 <= a0 - b1 <= 1 or -1 <= a1 - b0 <= 1 or -1 <= a1 - b1 <= 1

    out = []
    for content in contents:
        cue = _nearest(content, [c for c in cues if near(c, content)])
        anchor = cue or content
        source = _nearest(anchor, [s for s in sources if near(s, anchor)])
        out.append((content, cue, source))
    return out


def _chars(tokens: Sequence[tuple[int, int, str]], span: tuple[int, int] | None) -> tuple[int, int] | None:
    return None if span is None else (tokens[span[0]][0], tokens[span[1] - 1][1])


def _mostly_covered(sentence: Sentence, covered: Sequence[tuple[int, int]]) -> bool:
    """Whether spans of ``covered`` (sorted by start, not overlapping) fill 60% of the sentence."""
    if not covered:
        return False
    index = max(0, bisect.bisect_left(covered, (sentence.start, -1)) - 1)
    inside = 0
    for start, end in covered[index:]:
        if start >= sentence.end:
            break
        inside += max(0, min(sentence.end, end) - max(sentence.start, start))
    return inside >= 0.6 * max(1, sentence.end - sentence.start)


@dataclass(frozen=True)
class ModelFile:
    """What a crfsuite CRF1d model file holds: its labels and attributes (by id) and its
    features as (type, attribute or label id, label id, weight) records, the weights exact."""

    labels: list[str]
    attributes: list[str]
    features: list[tuple[int, int, int, float]]  # type 0: a state feature, 1: a transition


def read_model(path: Path) -> ModelFile:
    """Read from the file itself, crfsuite's CRF1d format (little-endian): a header of offsets;
    the features as (type, attribute id, label id, float64 weight) records; the labels and the
    attributes as CQDB string tables, whose backward array gives each id's record (id, size, the
    string and a NUL)."""
    data = path.read_bytes()
    magic, _, kind, _, _, num_labels, num_attrs, off_features, off_labels, off_attrs = struct.unpack_from(
        "<4sI4s7I", data, 0
    )
    if magic != b"lCRF" or kind != b"FOMC":
        from lib.errors import StancewatchError

        raise StancewatchError(f"{path}: not a crfsuite CRF1d model (magic {magic!r}, type {kind!r})")

    def strings(offset: int, count: int) -> list[str]:
        backward = offset + struct.unpack_from("<I", data, offset + 20)[0]
        out = []
        for (record,) in struct.iter_unpack("<I", data[backward : backward + 4 * count]):
            size = struct.unpack_from("<I", data, offset + record + 4)[0]
            start = offset + record + 8
            out.append(data[start : start + size - 1].decode("utf-8"))
        return out

    count = struct.unpack_from("<I", data, off_features + 8)[0]
    first = off_features + 12
    return ModelFile(
        labels=strings(off_labels, num_labels),
        attributes=strings(off_attrs, num_attrs),
        features=list(struct.iter_unpack("<IIId", data[first : first + 20 * count])),
    )


def state_features(path: Path) -> list[tuple[str, str, float]]:
    """(attribute, label, weight) of every state feature of the weights at ``path``, the weight
    as ``pycrfsuite.Tagger.info()`` gives it (printed with six decimals and read back), read
    from the file (``read_model``): ``info()`` dumps the whole model as text and parses it back,
    which cost 0.75 s of CPU on every process that loaded the model."""
    model = read_model(path)
    return [
        (model.attributes[src], model.labels[dst], float(f"{weight:f}"))
        for kind_of, src, dst, weight in model.features
        if kind_of == 0  # a state feature (1: a transition)
    ]


class AttributionModel:
    """Tags the gated sentences of an article and pairs the spans into attributions.

    The tags are read from state scores summed from the weights (``scores``) and decoded
    (``decode``), which gives crfsuite's tags and marginals without passing it the feature strings;
    ``tag_units`` asks crfsuite itself (training and the tests that hold the two equal)."""

    def __init__(self, path: Path, *, context: int = CONTEXT) -> None:
        from lib.quotes.scores import Scorer, read_weights

        self.path = path
        self.context = context
        model = read_model(path)
        learned = {
            attr[2:]
            for kind, src, dst, weight in model.features
            if kind == 0
            and model.labels[dst] == "B-CUE"
            and (attr := model.attributes[src]).startswith("w=")
            and float(f"{weight:f}") >= GATE_WEIGHT
            and attr[2:].isalpha()
        }
        self.gate = gate_words(frozenset(learned))
        self.scorer = Scorer(read_weights(model))
        labels = self.scorer.weights.labels
        self._content = [labels.index("B-CONTENT"), labels.index("I-CONTENT")]
        self._tagger: Any = None

    def tag_units(self, units: Sequence[Unit], features: Sequence[list[list[str]]]) -> list[list[str]]:
        """crfsuite's tags for the units' feature strings (``features_for``)."""
        import pycrfsuite

        if self._tagger is None:
            self._tagger = pycrfsuite.Tagger()
            self._tagger.open(str(self.path))
        out: list[list[str]] = []
        for unit, feats in zip(units, features, strict=True):
            if not unit.tokens:
                out.append([])
                continue
            out.append(list(self._tagger.tag(pycrfsuite.ItemSequence(feats))))
        return out

    def units(self, text: str, sentences: Sequence[Sentence], covered: Sequence[tuple[int, int]] = ()) -> list[Unit]:
        """The reading units: each gated sentence with its neighbours; a sentence that statements
        found already cover (``covered``, mostly) is not read again."""
        spans = sorted(covered)
        selected = [gated(s, self.gate) and not _mostly_covered(s, spans) for s in sentences]
        return build_units(text, sentences, selected, self.context)

    def attributions(
        self,
        text: str,
        sentences: Sequence[Sentence],
        mentions: Sequence[Mention] = (),
        *,
        covered: Sequence[tuple[int, int]] = (),
    ) -> list[Attribution]:
        """Attributions in ``text`` (content, cue, source spans with offsets into ``text``);
        sentences mostly inside the ``covered`` spans are not read."""
        from lib.quotes.decode import marginals, viterbi

        units = [unit for unit in self.units(text, sentences, covered) if unit.tokens]
        if not units:
            return []
        mention_at = mention_index(mentions, text) if mentions else {}
        transitions = self.scorer.weights.transitions
        labels = self.scorer.weights.labels
        found: list[Attribution] = []
        for unit, scores in zip(
            units, self.scorer.scores(text, units, paragraph_starts(sentences), mention_at), strict=True
        ):
            path = viterbi(scores, transitions)
            if not (path == self._content[0]).any() and not (path == self._content[1]).any():
                continue  # no content span, nothing to pair
            tags = [labels[i] for i in path.tolist()]
            probability = marginals(scores, transitions)
            tokens = unit.tokens
            for content, cue, source in pair_spans(spans_from_tags(tags), unit.sentence_of):
                chosen = probability[np.arange(content[0], content[1]), path[content[0] : content[1]]].tolist()
                start, end = tokens[content[0]][0], tokens[content[1] - 1][1]
                found.append(
                    Attribution(
                        content=(start, end),
                        cue=_chars(tokens, cue),
                        source=_chars(tokens, source),
                        sentence_index=unit.sentences[unit.sentence_of[content[0]]].index,
                        confidence=round(sum(chosen) / len(chosen), 4),
                    )
                )
        return found


@lru_cache(maxsize=4)
def load_model(path: Path | None = None) -> AttributionModel:
    """The shipped CRF (``lib/data/attribution.crfsuite``) or the one at ``path``."""
    return AttributionModel(path or data_path(MODEL_FILE))
