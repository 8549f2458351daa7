"""Decoding a linear-chain CRF from its state scores: the best tag sequence (Viterbi) and the
marginal probability of every tag at every token (forward-backward).

``scores`` is (tokens, labels): the summed weights of each token's state features;
``transitions`` is (labels, labels), from one tag to the next. Both loops are ``tiered``:
plain Python for a few articles, compiled with numba for many. The results are crfsuite's: ties
go to the lower label id, as in its ``crf1dc_viterbi``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from lib.quotes.tiered import tiered

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@tiered
def _viterbi(scores: FloatArray, transitions: FloatArray) -> IntArray:
    n, labels = scores.shape
    path = np.zeros(n, np.int64)
    if n == 0:
        return path
    back = np.zeros((n, labels), np.int64)
    delta = scores[0].copy()
    step = np.empty(labels)
    for t in range(1, n):
        for j in range(labels):
            best = delta[0] + transitions[0, j]
            arg = 0
            for i in range(1, labels):
                value = delta[i] + transitions[i, j]
                if value > best:
                    best = value
                    arg = i
            step[j] = best + scores[t, j]
            back[t, j] = arg
        delta[:] = step
    last = 0
    for j in range(1, labels):
        if delta[j] > delta[last]:
            last = j
    path[n - 1] = last
    for t in range(n - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


@tiered
def _marginals(scores: FloatArray, transitions: FloatArray) -> FloatArray:
    n, labels = scores.shape
    out = np.zeros((n, labels))
    if n == 0:
        return out
    # Each row shifted by its maximum (the marginals do not change) and exponentiated; alpha and
    # beta are scaled to sum to one at every token.
    state = np.empty((n, labels))
    for t in range(n):
        top = scores[t].max()
        for j in range(labels):
            state[t, j] = np.exp(scores[t, j] - top)
    trans = np.exp(transitions)
    alpha = np.zeros((n, labels))
    beta = np.zeros((n, labels))
    alpha[0] = state[0] / state[0].sum()
    for t in range(1, n):
        for j in range(labels):
            total = 0.0
            for i in range(labels):
                total += alpha[t - 1, i] * trans[i, j]
            alpha[t, j] = total * state[t, j]
        alpha[t] /= alpha[t].sum()
    beta[n - 1] = 1.0
    for t in range(n - 2, -1, -1):
        for i in range(labels):
            total = 0.0
            for j in range(labels):
                total += trans[i, j] * state[t + 1, j] * beta[t + 1, j]
            beta[t, i] = total
        beta[t] /= beta[t].sum()
    for t in range(n):
        norm = 0.0
        for j in range(labels):
            out[t, j] = alpha[t, j] * beta[t, j]
            norm += out[t, j]
        out[t] /= norm
    return out


def viterbi(scores: FloatArray, transitions: FloatArray) -> IntArray:
    """The label id of every token on the best path."""
    return _viterbi(np.ascontiguousarray(scores), transitions)


def marginals(scores: FloatArray, transitions: FloatArray) -> FloatArray:
    """(tokens, labels): the probability of each label at each token, summed over all paths."""
    return _marginals(np.ascontiguousarray(scores), transitions)
