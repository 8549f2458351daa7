"""Viterbi and forward-backward against every path enumerated, on small random chains."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from lib.quotes.decode import marginals, viterbi


def _paths(scores: np.ndarray, transitions: np.ndarray) -> dict[tuple[int, ...], float]:
    n, labels = scores.shape
    return {
        path: sum(scores[t, y] for t, y in enumerate(path))
        + sum(transitions[a, b] for a, b in itertools.pairwise(path))
        for path in itertools.product(range(labels), repeat=n)
    }


@pytest.mark.parametrize("seed", range(12))
def test_against_every_path(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, labels = int(rng.integers(1, 6)), int(rng.integers(2, 5))
    scores = rng.normal(0, 3, (n, labels))
    transitions = rng.normal(0, 3, (labels, labels))
    paths = _paths(scores, transitions)
    assert tuple(viterbi(scores, transitions)) == max(paths, key=paths.__getitem__)
    total = np.logaddexp.reduce(list(paths.values()))
    expected = np.zeros((n, labels))
    for path, value in paths.items():
        for t, y in enumerate(path):
            expected[t, y] += np.exp(value - total)
    np.testing.assert_allclose(marginals(scores, transitions), expected, rtol=0, atol=1e-12)


def test_ties_go_to_the_lower_label_and_large_scores_do_not_overflow() -> None:
    assert viterbi(np.zeros((3, 4)), np.zeros((4, 4))).tolist() == [0, 0, 0]
    scores = np.array([[900.0, 0.0], [0.0, 950.0]])
    probability = marginals(scores, np.zeros((2, 2)))
    assert np.isfinite(probability).all()
    np.testing.assert_allclose(probability, [[1, 0], [0, 1]], atol=1e-12)
    assert viterbi(np.zeros((0, 3)), np.zeros((3, 3))).tolist() == []
