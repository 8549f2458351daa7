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


# Pattern's tokenizer and assessments at their edges: contractions, abbreviations, quotation
# marks, emoticons (also spelled with spaces: "X D" is read as "XD"), sarcasm, negation across
# small words, modifiers, exclamation marks, paragraph breaks.
PATTERN_EDGES = [
    "",
    " ",
    "I can't say it won't work, we didn't, they'd, I'm, it's, we'll, you're, we've.",
    "U.S. Gen. Lt. Col. Feb. 10, a.m. etc. T. De Smedt vs. Mr. X.",
    "“Hello,” he said... ‘no’ 'yes' \"ok\" (really?!) [sic] {x} ...",
    "XD X D :) : ) :-D 8-) <3 ♥ ;'( >:[ =/ o_O",
    "That is great (!) and ( ! ) so what!!",
    "not very good, really not good, never good, not a good plan, really is a good one",
    "terribly horrible, surprisingly bad, hardly happy, extremely unpleasant!",
    "Good.\n\nBad!\r\n\r\nWorse...",
    "a END-OF-SENTENCE b. c END-OF-SENTENCE. Good.",
    "No. Not. Never! n't",
    "He said: 'It is a wonderful, wonderful day.' Was it?",
]


def _shared_sentences() -> list[str]:
    from pathlib import Path

    from lib.text import split_sentences

    root = Path(__file__).resolve().parent.parent
    files = sorted((root / "seeds").glob("*.txt")) + sorted(
        (root.parent / "shared" / "data" / "articles").glob("*.txt")
    )
    return [s.text for f in files for s in split_sentences(f.read_text(encoding="utf-8"))]


def test_textblob_engine_gives_textblobs_numbers_on_every_sentence():
    """The engine's own PatternAnalyzer steps (lib.sentiment._Pattern) give TextBlob's floats exactly."""
    engine = get_engine("textblob")
    texts = PATTERN_EDGES + _shared_sentences()
    differ = [t for t in texts if engine.score(t) != tuple(TextBlob(t).sentiment)]
    assert not differ
