"""The analysis codec (lib.codec): JSON and back, NaN kept; the store re-exports it."""

from __future__ import annotations

import math

import pytest

from lib import codec, store
from lib.analysis import analyze_article


def test_an_analysis_survives_the_round_trip(seed_articles):
    analysis = analyze_article(seed_articles[0], engines=["textblob", "vader"])
    back = codec.analysis_from_json(codec.analysis_to_json(analysis))
    assert back.sentences == analysis.sentences and back.quotes == analysis.quotes
    assert back.mentions == analysis.mentions and back.figures == analysis.figures
    assert [s["textblob"] for s in back.sentiment] == [s["textblob"] for s in analysis.sentiment]
    assert all(math.isnan(s["vader"][1]) for s in back.sentiment)  # VADER has no subjectivity


@pytest.mark.parametrize("name", ["analysis_to_json", "analysis_from_json"])
def test_the_store_still_offers_the_old_names(name):
    assert getattr(store, name) is getattr(codec, name)


def test_an_analysis_stored_before_corrections_existed_still_decodes(seed_articles):
    import json

    analysis = analyze_article(seed_articles[1])
    data = json.loads(codec.analysis_to_json(analysis))
    for record in (*data["quotes"], *data["figures"]):
        del record["corrected"]  # as stored before the field was added
    back = codec.analysis_from_json(json.dumps(data))
    assert back.quotes == analysis.quotes and back.figures == analysis.figures
    assert all(q.corrected is None for q in back.quotes) and all(f.corrected is None for f in back.figures)
