"""The CRF's state scores summed from the weights are crfsuite's: for every token of every unit
of the seeds and the shared articles (when present), and of a few edge texts, the score of each
label equals the sum of the weights of the token's feature strings (``features_for``, what the
weights were trained on), and the tags read from them are the tags crfsuite gives."""

from __future__ import annotations

import numpy as np
import pytest

from lib.actors import find_mentions, load_dictionary
from lib.quotes import crf
from lib.quotes.crf import build_units, features_for, load_model
from lib.quotes.decode import marginals, viterbi
from lib.text import split_sentences
from tests.conftest import corpus_texts

EDGES = [
    "“A quote that goes on\nand a paragraph that closes it.” NATO Secretary General Jens Stoltenberg said.",
    'He said “one” and “two” and "three", according to the Kremlin. Officials said: “four.”',
    "“Unclosed, he said. And the next sentence ends it,” Biden told reporters in Washington on Monday.",
    '"""Three straight marks""" she said; ‘single’ ones too — and a lone " mark.',
    "The U.S. State Department, Secretary of State Antony Blinken, Defense Secretary Lloyd J. Austin said.",
    "x",
]


def _reference(text: str, units: list[crf.Unit], sentences, mentions) -> list[np.ndarray]:  # type: ignore[no-untyped-def]
    weights = load_model().scorer.weights
    return [
        np.array([weights.total(f.encode() for f in token) for token in unit]).reshape(-1, len(weights.labels))
        for unit in features_for(text, units, sentences, mentions)
    ]


@pytest.mark.parametrize("text", corpus_texts() + EDGES, ids=lambda t: t[:30])
def test_scores_are_the_summed_weights_of_the_feature_strings(text: str) -> None:
    model = load_model()
    sentences = split_sentences(text)
    mentions = find_mentions(text, sentences, load_dictionary())
    starts = crf.paragraph_starts(sentences)
    for context in (-1, 0, 1):  # every paragraph; sentences alone; gated-style runs
        units = build_units(text, sentences, None if context < 0 else [i % 3 == 0 for i in range(len(sentences))],
                            context)  # fmt: skip
        for with_mentions in (mentions, []):
            found = model.scorer.scores(text, units, starts, crf.mention_index(with_mentions, text))
            expected = _reference(text, units, sentences, with_mentions)
            assert len(found) == len(expected)
            for got, want in zip(found, expected, strict=True):
                np.testing.assert_allclose(got, want, rtol=0, atol=1e-9)


@pytest.mark.parametrize("text", corpus_texts()[:12], ids=lambda t: t[:30])
def test_tags_and_marginals_are_crfsuites(text: str) -> None:
    import pycrfsuite

    model = load_model()
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model.path))
    sentences = split_sentences(text)
    mentions = find_mentions(text, sentences, load_dictionary())
    units = [u for u in build_units(text, sentences) if u.tokens]
    feats = features_for(text, units, sentences, mentions)
    scores = model.scorer.scores(text, units, crf.paragraph_starts(sentences), crf.mention_index(mentions, text))
    labels = model.scorer.weights.labels
    transitions = model.scorer.weights.transitions
    for unit_scores, unit_feats in zip(scores, feats, strict=True):
        tags = [labels[i] for i in viterbi(unit_scores, transitions)]
        assert tags == tagger.tag(unit_feats)
        probability = marginals(unit_scores, transitions)
        expected = [[tagger.marginal(label, t) for label in labels] for t in range(len(unit_feats))]
        np.testing.assert_allclose(probability, expected, rtol=0, atol=1e-9)
