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
    with pytest.raises(UnknownEngineError, match="textblob, vader"):
        get_engine("bert")


def test_default_first():
    assert engine_names()[0] == "textblob"
