import pytest

from lib.actors import build_dictionary, find_mentions, find_names
from lib.errors import DataFileError
from lib.text import split_sentences

# (sentence, actors expected in order of mention)
CASES = [
    ("The Kremlin said Moscow would respond.", ["Russia", "Russia"]),
    ("Washington and the Alliance met.", ["United States", "NATO"]),
    ("Russia's troops and Ukrainian forces clashed.", ["Russia", "Ukraine"]),
    ("NATO Secretary General Jens Stoltenberg spoke.", ["Jens Stoltenberg"]),
    ("The NATO chief spoke.", ["Jens Stoltenberg"]),
    ("Stoltenberg met the press. The secretary general said little.", ["Jens Stoltenberg", "Jens Stoltenberg"]),
    ("the military alliance’s chief said on Thursday", ["Jens Stoltenberg"]),
    ("Russian Foreign Minister Sergey Lavrov arrived.", ["Sergey Lavrov"]),
    ("US Ambassador to Moscow John Sullivan spoke. Later Sullivan left.", ["John Sullivan", "John Sullivan"]),
    ("The Washington Post reported it.", []),
    ("The president spoke.", []),  # no president named before: unresolved, not guessed
    ("Tension is rising in the region Bidens counterattack", ["Joe Biden"]),
    ("Ukraine, NATO Secretary-General Jens Stoltenberg said", ["Ukraine", "Jens Stoltenberg"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_mentions(dictionary, text, expected):
    mentions = find_mentions(text, split_sentences(text), dictionary)
    assert [m.actor for m in mentions] == expected
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.surface


def test_people_roll_up(dictionary):
    text = "Lavrov and Austin spoke."
    rollups = [m.rollup for m in find_mentions(text, split_sentences(text), dictionary)]
    assert rollups == ["Russia", "United States"]


def test_unknown_names_are_candidates(dictionary):
    text = "Russian political scientist Sergei Kurginyan said so. Kurginyan added more."
    names = [name for _, _, name in find_names(text, find_mentions(text, [], dictionary))]
    assert "Sergei Kurginyan" in names


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({}, "actors"),
        ({"actors": [{"name": "X"}]}, "kind"),
        ({"actors": [{"name": "X", "kind": "planet"}]}, "one of state"),
        ({"actors": [{"name": "X", "kind": "person", "speaks_for": "Nowhere"}]}, "speaks_for"),
    ],
)
def test_bad_dictionary_names_the_problem(raw, message):
    with pytest.raises(DataFileError, match=message):
        build_dictionary(raw, "test.yml")
