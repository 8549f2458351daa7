import pytest

from lib.words import common_word, english_words, ordinary_noun


@pytest.mark.parametrize(
    ("word", "common"),
    [("Now", True), ("Others", True), ("Some", True), ("Critics", True), ("Rose", False), ("Brown", False),
     ("Tester", False), ("Nowak", False), ("Zelensky", False)],
)  # fmt: skip
def test_an_ordinary_word_is_told_from_a_name(word, common):
    assert common_word(word) is common


def test_the_english_words_are_lower_case_words():
    words = english_words()
    assert {"coal", "human", "reproach"} <= words and "Russia" not in words


@pytest.mark.parametrize(
    ("word", "ordinary"),
    [("Operator", True), ("Videos", True), ("Trump", False), ("Baker", False), ("Rose", False), ("Kyiv", False)],
)
def test_an_ordinary_noun_is_a_common_noun_that_is_no_name(word, ordinary):
    assert ordinary_noun(word) is ordinary
