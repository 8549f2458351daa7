"""The engine over every real 2022 article in ../shared/data/articles (skipped when absent): no id
or code read as a figure, no measure label that repeats its unit, no statement in a language the
engine does not read."""

from __future__ import annotations

import re

import pytest

from tests.conftest import DATA

ARTICLES = DATA / "articles"
pytestmark = [
    pytest.mark.data,
    pytest.mark.skipif(not ARTICLES.is_dir(), reason="../shared/data/articles is not beside the project"),
]


@pytest.fixture(scope="module")
def analysed():
    from lib.analysis import analyze_article
    from lib.ingest import load_folder

    articles = load_folder(ARTICLES)
    return [(article, analyze_article(article)) for article in articles]


def test_all_48_are_read(analysed):
    assert len(analysed) == 48


def test_no_figure_is_an_id_or_a_code(analysed):
    values = [(a.file, f.value, f.surface) for a, an in analysed for f in an.figures]
    assert values, "the articles cite figures"
    assert [v for v in values if v[1] >= 1e13] == []


def test_no_measure_label_repeats_its_unit(analysed):
    from lib.figures import measure_key

    labels = {measure_key(f) for _, an in analysed for f in an.figures}
    repeated = [label for label in labels if re.search(r"(%|percent|USD|EUR|GBP|RUB)\W+\1\b", label)]
    assert repeated == []


def test_every_statement_has_a_speaker_and_text(analysed):
    for article, analysis in analysed:
        for quote in analysis.quotes:
            assert quote.speaker.strip() and quote.text.strip(), (article.file, quote)
            assert article.text[quote.start : quote.end].strip() == quote.text.strip() or "''" in article.text
