"""lib/targeted.py: the target-aware engine reads the words that bear on the target."""

from lib.targeted import features, load_model


def _span(sentence: str, target: str) -> tuple[int, int]:
    start = sentence.index(target)
    return start, start + len(target)


def test_polarity_follows_the_words_about_the_target():
    model = load_model()
    praised = "Analysts praised Merkel for her steady and courageous leadership."
    attacked = "Protesters accused Merkel of betraying voters and lying about the deal."
    assert model.polarity(praised, *_span(praised, "Merkel")) > model.polarity(attacked, *_span(attacked, "Merkel"))
    assert model.predict(attacked, *_span(attacked, "Merkel")) == -1


def test_same_sentence_different_targets_can_differ():
    model = load_model()
    sentence = "Smith praised the brave rescuers and condemned the corrupt officials who delayed them."
    rescuers = model.polarity(sentence, *_span(sentence, "rescuers"))
    officials = model.polarity(sentence, *_span(sentence, "officials"))
    assert rescuers > officials


def test_features_mark_negation():
    sentence = "Voters do not trust Jones."
    assert any("not" in f or "neg" in f for f in features(sentence, *_span(sentence, "Jones")))
