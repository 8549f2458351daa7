import math

import pytest
from textblob import TextBlob

from lib.errors import UnknownEngineError
from lib.sentiment import engine_names, get_engine

SENTENCES = [
    "This is a dangerous moment for European security.",
    "We are ready to listen to Russia's concerns.",
    "Russia has deployed more than 150,000 troops.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_textblob_engine_is_textblob(sentence):
    polarity, subjectivity = get_engine("textblob").score(sentence)
    assert (polarity, subjectivity) == tuple(TextBlob(sentence).sentiment)


def test_vader_has_no_subjectivity():
    polarity, subjectivity = get_engine("vader").score("A terrible, deadly attack.")
    assert polarity < -0.5 and math.isnan(subjectivity)


def test_unknown_engine_lists_known():
    with pytest.raises(UnknownEngineError, match="textblob, targeted, vader"):
        get_engine("bert")


def test_default_first():
    assert engine_names()[0] == "textblob"


@pytest.mark.parametrize(
    ("sentence", "sign"),
    [("Voters praised Halvorsen for her courage.", 1), ("Critics condemned Halvorsen for the brutal attack.", -1)],
)
def test_the_target_aware_engine_scores_toward_the_first_name(sentence, sign):
    polarity, subjectivity = get_engine("targeted").score(sentence)
    assert polarity * sign > 0.2
    assert math.isnan(subjectivity)


def test_the_target_aware_engine_is_offered_beside_textblob_and_vader():
    assert set(engine_names()) == {"textblob", "vader", "targeted"}
