"""The CRF's features are the ones the shipped weights were trained on.

``crf._unit_features`` is built for speed (one pass, per-word bytes); the reference below is
the plain version it replaced (analyzer 0.4, commit fd5d077), kept here word for word. Every
paragraph of the seeds and of the shared articles (when present), and a few edge texts, must
get the same feature strings in the same order (crfsuite sums the weights in that order).
"""

from __future__ import annotations

import random
import re
from functools import cache

import pytest

from lib.actors import find_mentions, load_dictionary
from lib.quotes import crf
from lib.quotes.crf import _CLOSE, _MARK_TEXT, _MARKS, _OPEN, _SINGLE, Unit, build_units, features_for, load_lexicon
from lib.text import split_sentences
from lib.types import Mention
from tests.conftest import corpus_texts

_BUCKETS = ("0", "1", "2", "5", "5", "5", "10", "10", "10", "10", "10")
_QP = {b: "qp=" + b for b in (*_BUCKETS, "far")}
_QN = {b: "qn=" + b for b in (*_BUCKETS, "far")}
_SP = {1: "sp=1", 2: "sp=2", 3: "sp=3"}
_WINDOW_CLASS = {(o, k): f"{o}k={k}" for o in (-1, 1) for k in ("Qopen", "Qclose", "C", "P", "N", "M")}
_SHAPE_SUB = (re.compile(r"[A-Z]+"), re.compile(r"[a-z]+"), re.compile(r"\d+"))


def _bucket(distance: int) -> str:
    return _BUCKETS[distance] if distance <= 10 else "far"


def _shape(word: str) -> str:
    shape = _SHAPE_SUB[0].sub("X", word)
    shape = _SHAPE_SUB[1].sub("x", shape)
    return _SHAPE_SUB[2].sub("d", shape)[:6]


@cache
def _word(word: str) -> tuple[tuple[str, ...], str, tuple[str, str], tuple[str, str], str, str, bool]:
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
    left1 = ("-1w=" + low, "-1s=" + shape)
    right1 = ("1w=" + low, "1s=" + shape)
    return tuple(base), "-2w=" + low, left1, right1, "2w=" + low, klass, capital


def reference_features(text: str, unit: Unit, paragraph_start: int, mention_at: dict[int, Mention]) -> list[list[str]]:
    lex = load_lexicon()
    tokens = unit.tokens
    n = len(tokens)
    info = [_word(t[2]) for t in tokens]
    inside = len(_MARK_TEXT.findall(text, paragraph_start, unit.sentences[0].start)) % 2 == 1
    marks = [i for i, t in enumerate(tokens) if t[2] in _MARKS]
    klass = [w[5] for w in info]
    extra: list[list[str]] = [[] for _ in range(n)]
    if lex.cue_phrases:
        first_words = lex.phrase_starts
        for i in range(n):
            low = tokens[i][2].lower()
            if low in first_words:
                for cue in lex.cue_phrases:
                    if cue[0] == low and tuple(t[2].lower() for t in tokens[i : i + len(cue)]) == cue:
                        for j in range(i, min(n, i + len(cue))):
                            if not klass[j]:
                                extra[j].append("cue")
                                klass[j] = "C"
    prev_mark = -1
    next_index = 0
    previous_sentence = -1
    position = 0
    paragraph = unit.sentences[0].paragraph
    paragraph_feature = "pi=" + (str(paragraph) if paragraph < 3 else "n")
    sentence_of = unit.sentence_of
    for i in range(n):
        word = tokens[i][2]
        features = extra[i]
        sentence = sentence_of[i]
        if sentence != previous_sentence:
            position = 0
            previous_sentence = sentence
            features.append("sf")
            features.append("si=0" if sentence == 0 else "si=n")
        else:
            position += 1
            if position < 4:
                features.append(_SP[position])
        if word in _MARKS:
            kind = "open" if word in _OPEN else "close" if word in _CLOSE else ("close" if inside else "open")
            features.append("q=" + kind)
            inside = kind == "open"
            prev_mark = i
            klass[i] = "Q" + kind
        else:
            if inside:
                features.append("inq")
            while next_index < len(marks) and marks[next_index] <= i:
                next_index += 1
            if prev_mark >= 0:
                features.append(_QP[_bucket(i - prev_mark)])
            if next_index < len(marks):
                features.append(_QN[_bucket(marks[next_index] - i)])
        if info[i][6] and ((i > 0 and info[i - 1][6] and position > 0) or (i + 1 < n and info[i + 1][6])):
            features.append("nr")
            klass[i] = klass[i] or "N"
        mention = mention_at.get(tokens[i][0]) if mention_at else None
        if mention is not None:
            features.append("m=" + mention.kind)
            features.append("mv=" + mention.via)
            klass[i] = klass[i] or "M"
        features.append(paragraph_feature)
    out: list[list[str]] = []
    for i in range(n):
        features = [*info[i][0], *extra[i]]
        if i > 1:
            features.append(info[i - 2][1])
        if i > 0:
            features.extend(info[i - 1][2])
            if klass[i - 1]:
                features.append(_WINDOW_CLASS[(-1, klass[i - 1])])
        else:
            features.append("-1edge")
        if i + 1 < n:
            features.extend(info[i + 1][3])
            if klass[i + 1]:
                features.append(_WINDOW_CLASS[(1, klass[i + 1])])
        else:
            features.append("1edge")
        if i + 2 < n:
            features.append(info[i + 2][4])
        out.append(features)
    return out


EDGES = [
    "“We won,” he said. ''Never'' she wrote, \"not ever\". «Non», a-t-il dit. ‘plan’ is ‹x› dead.",
    "According to the ministry, the talks failed. The minister said, according to Reuters: “No.”",
    "A “quote that goes on\nand a paragraph that closes it.” NATO Secretary General Jens Stoltenberg said.",
    "Gen. Mark Milley, U.S. Army, told reporters on Feb. 10 that 150,000 troops were there. I",
    "“One” “two” “three” “four” “five” “six” “seven” “eight” “nine” “ten” “eleven” words, he said.",
    "x",
]


def _texts() -> list[str]:
    return corpus_texts() + EDGES


@pytest.mark.parametrize("text", _texts(), ids=lambda t: t[:30])
def test_features_are_the_ones_the_weights_were_trained_on(text: str) -> None:
    sentences = split_sentences(text)
    mentions = find_mentions(text, sentences, load_dictionary())
    for context in (-1, 0, 1):  # every paragraph; sentences alone; gated-style runs
        units = build_units(text, sentences, None if context < 0 else [i % 3 == 0 for i in range(len(sentences))],
                            context)  # fmt: skip
        starts = crf.paragraph_starts(sentences)
        mention_at = crf.mention_index(mentions, text)
        expected = [reference_features(text, u, starts[u.sentences[0].paragraph], mention_at) for u in units]
        assert features_for(text, units, sentences, mentions) == expected
        assert features_for(text, units, sentences) == [
            reference_features(text, u, starts[u.sentences[0].paragraph], {}) for u in units
        ]


def _reference_pairs(spans, sentence_of):  # type: ignore[no-untyped-def]
    contents = [(s, e) for label, s, e in spans if label == "CONTENT"]
    cues = [(s, e) for label, s, e in spans if label == "CUE"]
    sources = [(s, e) for label, s, e in spans if label == "SOURCE"]

    def near(a, b):  # type: ignore[no-untyped-def]
        sa = {sentence_of[a[0]], sentence_of[a[1] - 1]}
        sb = {sentence_of[b[0]], sentence_of[b[1] - 1]}
        return min(abs(x - y) for x in sa for y in sb) <= 1

    out = []
    for content in contents:
        cue = crf._nearest(content, [c for c in cues if near(c, content)])
        anchor = cue or content
        source = crf._nearest(anchor, [s for s in sources if near(s, anchor)])
        out.append((content, cue, source))
    return out


def test_pair_spans_is_the_reference_pairing() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        n = rng.randint(1, 40)
        sentence_of = sorted(rng.randint(0, 5) for _ in range(n))
        tags = [rng.choice(["O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT"]) for _ in range(n)]
        spans = crf.spans_from_tags(tags)
        assert crf.pair_spans(spans, sentence_of) == _reference_pairs(spans, sentence_of)


def _reference_spans(tags):  # type: ignore[no-untyped-def]
    spans = []
    current = None
    for i, tag in enumerate(tags):
        if tag == "O":
            if current:
                spans.append((current[0], current[1], i))
            current = None
            continue
        prefix, label = tag.split("-", 1)
        if prefix == "B" or current is None or current[0] != label:
            if current:
                spans.append((current[0], current[1], i))
            current = (label, i)
    if current:
        spans.append((current[0], current[1], len(tags)))
    return spans


def test_spans_from_tags_is_the_reference_reading() -> None:
    rng = random.Random(11)
    choices = ["O"] * 6 + ["B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT"] + ["I-CONTENT"] * 6 + ["I-X-Y"]
    for _ in range(3000):
        tags = [rng.choice(choices) for _ in range(rng.randint(0, 60))]
        assert crf.spans_from_tags(tags) == _reference_spans(tags)


_REFERENCE_GATE_TOKEN = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|''|``|[\"“”„«»:]")


def _reference_gated(sentence, words):  # type: ignore[no-untyped-def]
    """``crf.gated`` as it was (analyzer 0.7): one token at a time."""
    for match in _REFERENCE_GATE_TOKEN.finditer(sentence.text):
        token = match.group()
        if token == ":":
            if match.start() > 0 and sentence.text[match.start() - 1].isalpha():
                return True
        elif token in _MARKS or token.lower() in words:
            return True
    return False


GATE_EDGES = [
    "x'''s and o''", "He told it: no", ": at the start", "12: the time", "Ünter: yes", "a ``quoted'' one",
    "Don’t SAID it", "rock’n’roll", "nothing here at all", "„Nein« he", "said3", "3said", "x",
]  # fmt: skip


def test_the_gate_is_the_one_it_replaced() -> None:
    gate = crf.load_model().gate
    for text in [*corpus_texts(), *GATE_EDGES]:
        for sentence in [*split_sentences(text)]:
            assert crf.gated(sentence, gate) == _reference_gated(sentence, gate), sentence.text
        for words in (frozenset({"said", "don’t", "told"}), frozenset()):
            for sentence in split_sentences(text):
                assert crf.gated(sentence, words) == _reference_gated(sentence, words), sentence.text


def test_tokens_are_the_token_patterns_matches() -> None:
    for text in [*corpus_texts(), *EDGES, *GATE_EDGES, " \t lead and trail \n", "", "a\u00a0b\u2009c"]:
        for start, end in [(0, len(text)), *((s.start, s.end) for s in split_sentences(text))]:
            expected = [(m.start(), m.end(), m.group()) for m in crf._TOKEN.finditer(text, start, end)]
            assert crf.tokenize(text, start, end) == expected
