import pytest

from lib.text import caption_spans, headline_span, split_sentences

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


@pytest.mark.parametrize(
    ("text", "caption"),
    [
        # a caption run into the body: present tense, the full date the photo was taken
        (
            "The talks ended late. Foreign Minister Ines Varga speaks to reporters in Vilnius, Lithuania, "
            "Tuesday, March 8, 2022. The ministry said it would reply.",
            "Foreign Minister Ines Varga speaks to reporters in Vilnius, Lithuania, Tuesday, March 8, 2022.",
        ),
        # a place after the date; and a caption the scraper ran into the next quote
        (
            "Ines Varga walks to the podium at the Capitol March 30, 2022, in Washington. '' \"We will act,\" she said.",
            "Ines Varga walks to the podium at the Capitol March 30, 2022, in Washington.",
        ),
        # a news sentence in the past tense that ends with a date is no caption
        ("The talks were held in Istanbul on Tuesday, March 29, 2022.", None),
        ("Ines Varga said the talks were held in Istanbul, March 29, 2022.", None),
    ],
)
def test_photo_captions_run_into_the_text(text, caption):
    spans = caption_spans(text, split_sentences(text))
    assert [text[a:b] for a, b in spans] == ([caption] if caption else [])


def test_a_caption_names_no_actor_counts_no_figure_and_says_nothing():
    from lib.analysis import analyze_article
    from lib.ingest import extract_article

    text = (
        "Kyiv talks stall\n\n"
        "“We will not give up any land,” Volodymyr Zelensky said on Friday. Russian President Vladimir "
        "Putin shakes hands with 300 officials at the Kremlin in Moscow, Russia, June 5, 2019. “Nobody "
        "will decide for us,” he added."
    )
    analysis = analyze_article(extract_article(text, "caption.txt"))
    assert "Vladimir Putin" not in {m.actor for m in analysis.mentions}
    assert [f.value for f in analysis.figures] == []
    assert [q.speaker for q in analysis.quotes] == ["Volodymyr Zelensky", "Volodymyr Zelensky"]


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Varga warns of gas cuts as talks stall\n\nThe minister said on Monday that cuts would start.", True),
        # a lede that ends with a stop, and a text of one paragraph, have no headline
        ("Varga warned of gas cuts as talks stalled.\n\nThe minister said cuts would start.", False),
        ("Varga warns of gas cuts as talks stall", False),
        # a quoted headline without a stop is one; a long first line is a lede run on
        ("NATO: “We follow Russia closely”\n\nThe alliance said it was watching.", True),
        (" ".join(["word"] * 30) + "\n\nThe minister said cuts would start.", False),
    ],
)
def test_the_headline_is_a_short_first_line_without_a_stop(text, headline):
    assert (headline_span(text) is not None) == headline
