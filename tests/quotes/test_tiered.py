"""The CRF's loops give the same results as plain Python and compiled with numba, and a process
switches to the compiled ones only once it has read enough tokens."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from lib.actors import find_mentions, load_dictionary
from lib.quotes import crf, decode, scores, tiered
from lib.quotes.crf import build_units, load_model
from lib.text import split_sentences
from tests.conftest import corpus_texts


def _calls(text: str) -> list[tuple[np.ndarray, ...]]:
    """The arguments ``Scorer.scores`` passes to ``_score`` for every paragraph of ``text``."""
    model = load_model()
    sentences = split_sentences(text)
    mentions = find_mentions(text, sentences, load_dictionary())
    units = [u for u in build_units(text, sentences) if u.tokens]
    seen: list[tuple[np.ndarray, ...]] = []
    original = scores._score

    def spy(*args):  # type: ignore[no-untyped-def]
        seen.append(args)
        return original(*args)

    scores._score = spy
    try:
        model.scorer.scores(text, units, crf.paragraph_starts(sentences), crf.mention_index(mentions, text))
    finally:
        scores._score = original
    return seen


@pytest.mark.parametrize("text", corpus_texts()[:8], ids=lambda t: t[:30])
def test_python_and_compiled_loops_agree(text: str) -> None:
    transitions = load_model().scorer.weights.transitions
    for args in _calls(text):
        python = tiered.python_of(scores._score)(*args)
        fast = tiered.compiled(tiered.python_of(scores._score))(*args)
        np.testing.assert_allclose(python, fast, rtol=0, atol=1e-12)
        offsets = args[1]
        for a, b in itertools.pairwise(offsets):
            unit = np.ascontiguousarray(python[a:b])
            for name in ("_viterbi", "_marginals"):
                function = tiered.python_of(getattr(decode, name))
                np.testing.assert_allclose(function(unit, transitions), tiered.compiled(function)(unit, transitions),
                                           rtol=0, atol=1e-12)  # fmt: skip


def test_the_switch_comes_with_bulk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tiered, "_read", 0)
    calls: list[str] = []
    monkeypatch.setattr(tiered, "compiled", lambda function: lambda *a: calls.append("compiled") or function(*a))

    @tiered.tiered
    def double(x: int) -> int:
        calls.append("python")
        return 2 * x

    assert double(2) == 4 and calls == ["python"]
    tiered.count(tiered.BULK_TOKENS)
    assert double(3) == 6 and calls == ["python", "compiled", "python"]


def test_without_numba_the_python_loops_go_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tiered, "_read", tiered.BULK_TOKENS)

    def missing(function):  # type: ignore[no-untyped-def]
        raise ImportError("No module named 'numba'")

    monkeypatch.setattr(tiered, "compiled", missing)

    @tiered.tiered
    def double(x: int) -> int:
        return 2 * x

    assert double(4) == 8 and double(5) == 10
