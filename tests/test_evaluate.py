"""Accuracy on outside gold data (../shared/data); skipped cleanly where it is absent.
The thresholds are regression guards at the measured level, not the targets."""

from __future__ import annotations

import json

import pytest

from lib.evaluate import _name_key, _named, macro_f1, quote_matches
from tests.conftest import DATA

needs = pytest.mark.skipif(not DATA.exists(), reason="../shared/data is not beside the project")


def test_macro_f1_by_hand():
    assert macro_f1([-1, 0, 1], [-1, 0, 1]) == 1.0
    assert round(macro_f1([-1, -1, 1, 1], [-1, 1, 1, 1]), 4) == round((2 / 3 + 0 + 0.8) / 3, 4)


@pytest.mark.parametrize(
    ("source", "text", "named"),
    [("Sen. Lindsey Graham (R-S.C.)", "", True), ("The Indiana governor", "", False), ("The Post", "", True),
     ("Lawmakers", "the lawmakers met", False), ("he", "", False)],
)  # fmt: skip
def test_what_counts_as_a_named_source(source, text, named):
    assert _named(source, text) is named


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mariusz Błaszczak", "Mariusz Blaszczak"),
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky"),
        ("Jens Støre", "Jens Store"),
    ],
)
def test_names_compare_without_accents_and_letters_with_strokes(a, b):
    assert _name_key(a) == _name_key(b)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # a dictionary alias, and another rendering of a dictionary person, is that actor
        ("Group of Seven", "G7", True),
        ("Vassily Nebenzia", "Vasily Nebenzya", True),
        ("Mohammad bin Salman", "Mohammed bin Salman", True),
        # a different given name with the same surname is someone else
        ("Peter Lavrov", "Sergey Lavrov", False),
        ("Group of Seven", "G20", False),
    ],
)
def test_names_compare_through_the_dictionary(a, b, same):
    assert (_name_key(a) == _name_key(b)) is same


def test_quote_matching_is_lenient_on_punctuation():
    assert quote_matches(
        "We are ready to listen to Russia’s concerns", "We are ready to listen to Russia's concerns and"
    )


@needs
def test_newsquant_value_f1():
    from lib.evaluate import evaluate_newsquant

    assert evaluate_newsquant(DATA / "newsquant" / "newsquant_dev.json")["value_f1"] >= 0.85


@needs
def test_polnear_speaker_attribution():
    from lib.evaluate import evaluate_polnear

    result = evaluate_polnear(DATA / "polnear_dev")
    assert result["speaker_recall_named"] >= 0.44 and result["precision"] >= 0.6


@needs
def test_target_aware_engine_beats_sentence_level_textblob_on_newsmtsc():
    from lib.evaluate import evaluate_newsmtsc

    result = evaluate_newsmtsc(DATA / "newsmtsc")
    for part in ("rw", "mt"):
        assert result["targeted"][f"macro_f1_{part}"] >= 0.60
        assert result["targeted"][f"macro_f1_{part}"] > result["textblob"][f"macro_f1_{part}"] + 0.1


def test_target_sentiment_cli_labels_every_target(tmp_path):
    from lib.cli import main

    lines = [
        {
            "sentence_normalized": "Critics slammed Lavrov for his cynical lies.",
            "targets": [{"from": 16, "to": 22, "mention": "Lavrov"}],
        },
        {
            "sentence_normalized": "Stoltenberg praised the brave and generous allies.",
            "targets": [{"from": 0, "to": 11, "mention": "Stoltenberg"}],
        },
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in lines))
    assert main(["target-sentiment", str(source), "--out", str(tmp_path / "out.jsonl")]) == 0
    labelled = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [item["targets"][0]["predicted"] for item in labelled] == [-1, 1]


def test_accuracy_rows_show_what_was_measured_and_skip_what_was_not():
    from lib.evaluate import accuracy_rows

    rows = accuracy_rows(
        {
            "seed_spec": {"quotes": {"rate": 1.0, "total": 30}},
            "polnear": {"speaker_recall_named": 0.61, "named_attributions": 1060, "precision": 0.67, "reported": 1193},
            "newsmtsc": {"vader": {"macro_f1_rw": 0.52, "macro_f1_mt": 0.54}, "dev_targets": {"rw": 343, "mt": 442}},
        }
    )
    components = [r["component"] for r in rows]
    assert components[0] == "quotes" and "statements: precision where the gold source is named" not in components
    assert [r["n"] for r in rows if "vader" in r["component"]] == [343, 442]
    assert accuracy_rows({}) == []


def test_accuracy_rows_carry_the_real_articles_and_say_what_was_tuned_on():
    from lib.evaluate import accuracy_rows

    rows = accuracy_rows(
        {
            "seed_spec": {"quotes": {"rate": 1.0, "total": 30}},
            "articles_spec": {"articles": 24, "statements_recall": {"hit": 8, "total": 10, "rate": 0.8}},
        }
    )
    real = [r for r in rows if r["component"].startswith("statements found")]
    assert real and real[0]["score"] == 0.8 and real[0]["n"] == 10
    assert rows[0]["used for tuning"].startswith("yes")
    assert "misses were read" in real[0]["used for tuning"]


@pytest.mark.parametrize(
    ("value", "numbers"),
    [
        ("150000", [150000.0]),
        ("3.0 - 4.0", [3.0, 4.0]),
        ("3.0-4.0", [3.0, 4.0]),
        ("1e9-2e9", [1e9, 2e9]),
        ("-5", [-5.0]),
        ("3 to 4", [3.0, 4.0]),
        ("1,500", [1500.0]),
        ("n/a", []),
    ],
)
def test_newsquant_values_parse_every_form(value, numbers):
    from lib.evaluate import newsquant_values

    assert newsquant_values(value) == numbers
