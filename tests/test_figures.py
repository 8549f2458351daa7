import pytest

from lib.figures import compare_figures, extract_figures, parse_number
from lib.text import split_sentences
from tests.conftest import analyse_text

# (sentence, [(value, counted family, qualifier, about, kind)])
CASES = [
    (
        "Russia has deployed more than 150,000 troops to its borders.",
        [(150000, "troops", "more than", "Russia", "count")],
    ),
    ("At least 30,000 Russian troops are in Belarus.", [(30000, "troops", "at least", "Russia", "count")]),
    ("Russia's presence near Ukraine with 100,000 units on alert.", [(100000, "troops", None, "Russia", "count")]),
    ("Russia massed thirty thousand soldiers.", [(30000, "troops", None, "Russia", "count")]),
    ("Washington sent $350 million of military aid.", [(350_000_000, "aid", None, "United States", "money")]),
    ("Some 100k soldiers waited.", [(100000, "troops", "about", None, "count")]),
    ("Prices rose 8.5% in March.", [(8.5, "%", None, None, "percent")]),
    ("More than 2,000 civilians have been killed.", [(2000, "civilians", "more than", None, "count")]),
    ("Crimea was annexed in 2014 and since 2014 nothing changed.", []),
    ("The Cold War ended 30 years ago.", []),
    ("He spoke at 11 a.m. on Feb. 10, 2022.", []),
    ("The S-400 and Article 5 and a 45-year-old man.", []),
    ("Tensions rose as two countries talked.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_extract_figures(text, expected):
    _, _, _, figures = analyse_text(text)
    got = [(f.value, f.counted, f.qualifier, f.about, f.kind) for f in figures]
    assert got == [tuple(e) for e in expected]


@pytest.mark.parametrize(
    ("number", "scale", "value"),
    [
        ("150,000", None, 150000),
        ("1.5", "million", 1_500_000),
        ("thirty thousand", None, 30000),
        ("two hundred and fifty", None, 250),
        ("100", "k", 100000),
    ],
)
def test_parse_number(number, scale, value):
    assert parse_number(number, scale) == value


def test_disagreement_is_flagged():
    texts = {
        "a": "Russia has more than 150,000 troops.",
        "b": "Russia has 100,000 troops.",
        "c": "Russia has 100,000 troops.",
    }
    by_article = {key: analyse_text(text)[3] for key, text in texts.items()}
    (measure,) = compare_figures(by_article)
    assert measure.key == "troops · Russia"
    assert measure.values == {"a": 150000, "b": 100000, "c": 100000}
    assert measure.disagree


def test_agreement_within_tolerance_is_not_flagged():
    by_article = {
        k: analyse_text(t)[3] for k, t in {"a": "Russia has 100,000 troops.", "b": "Russia has 105,000 troops."}.items()
    }
    assert not compare_figures(by_article)[0].disagree


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("It sent $1 billion over two years to 24 military and civilian sites.", ["USD"]),
        ("Yields rose 2 percentage points.", ["percentage points"]),
        ("We do not have 44 million of these kits.", [""]),
    ],
)
def test_counted_is_never_a_function_word(text, counted):
    sentences = split_sentences(text)
    assert [f.counted for f in extract_figures(text, sentences, [])] == counted
