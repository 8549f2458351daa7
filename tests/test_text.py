import pytest

from lib.text import split_sentences

# (text, expected sentences): news cases the splitter must get right.
CASES = [
    (
        "U.S. officials met on Feb. 10 in Brussels. Talks went on.",
        ["U.S. officials met on Feb. 10 in Brussels.", "Talks went on."],
    ),
    ("Lt. Col. John Smith said it was calm. He left.", ["Lt. Col. John Smith said it was calm.", "He left."]),
    ("Gen. Mark Milley spoke at 11 a.m. on Tuesday.", ["Gen. Mark Milley spoke at 11 a.m. on Tuesday."]),
    ("Troops arrived last month. Analysts disagree.", ["Troops arrived last month.", "Analysts disagree."]),
    (
        "Sen. Maria Lopez (D-Ore.), a member of the panel, spoke. She left.",
        ["Sen. Maria Lopez (D-Ore.), a member of the panel, spoke.", "She left."],
    ),
    ("“We are ready,” he said. “Go.”", ["“We are ready,” he said.", "“Go.”"]),
    (
        '"If Russia was to hit," Biden declared.Earlier he assured that.',
        ['"If Russia was to hit," Biden declared.', "Earlier he assured that."],
    ),
    # a dialogue dash glued to the stop before it begins a sentence; a range does not
    (
        "Berg said no troops would come.- No, we did not agree - said the politician. It rose 5.- 6 now.",
        ["Berg said no troops would come.", "- No, we did not agree - said the politician.", "It rose 5.- 6 now."],
    ),
    ("NATO Leaders Look to Defense\n\nNATO will act.", ["NATO Leaders Look to Defense", "NATO will act."]),
    # ordinary words that nupunkt's legal-text model took for abbreviations end a sentence
    (
        "It sounded like a reproach. Republican leaders were blunt. The mine sold coal. Human rights groups spoke.",
        [
            "It sounded like a reproach.",
            "Republican leaders were blunt.",
            "The mine sold coal.",
            "Human rights groups spoke.",
        ],
    ),
    # real abbreviations and initials still do not
    ("Troops left, etc. and more came. J. Smith saw it.", ["Troops left, etc. and more came.", "J. Smith saw it."]),
    # an acronym opening a sentence ends nothing; one closing a sentence still does
    (
        "U.S. Ambassador to the U.N. Jane Roe spoke. The vote was held at the U.N. It failed.",
        ["U.S. Ambassador to the U.N. Jane Roe spoke.", "The vote was held at the U.N.", "It failed."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split_sentences(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_offsets_point_into_the_text():
    text = "  First one.  Second one.\n\nThird para here."
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
    assert [s.paragraph for s in split_sentences(text)] == [0, 0, 1]
