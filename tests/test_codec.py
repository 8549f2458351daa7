"""The analysis codec (lib.codec): JSON and back, NaN kept, older JSON still read; the payload digest."""

from __future__ import annotations

import math

from lib import codec
from lib.analysis import analyze_article


def test_an_analysis_survives_the_round_trip(seed_articles):
    analysis = analyze_article(seed_articles[0], engines=["textblob", "vader"])
    back = codec.analysis_from_json(codec.analysis_to_json(analysis))
    assert back.sentences == analysis.sentences and back.quotes == analysis.quotes
    assert back.mentions == analysis.mentions and back.figures == analysis.figures
    assert [s["textblob"] for s in back.sentiment] == [s["textblob"] for s in analysis.sentiment]
    assert all(math.isnan(s["vader"][1]) for s in back.sentiment)  # VADER has no subjectivity


def test_an_analysis_stored_before_corrections_existed_still_decodes(seed_articles):
    import json

    analysis = analyze_article(seed_articles[1])
    data = json.loads(codec.analysis_to_json(analysis))
    for record in (*data["quotes"], *data["figures"]):
        del record["corrected"]  # as stored before the field was added
    back = codec.analysis_from_json(json.dumps(data))
    assert back.quotes == analysis.quotes and back.figures == analysis.figures
    assert all(q.corrected is None for q in back.quotes) and all(f.corrected is None for f in back.figures)


def test_an_analysis_stored_with_candidates_still_decodes_and_none_is_written(seed_articles):
    import json

    analysis = analyze_article(seed_articles[2])
    payload = codec.analysis_to_json(analysis)
    assert "candidates" not in json.loads(payload)  # a field no one read, gone
    old = payload[:-1] + ',"candidates":["Someone"]}'  # as stored before
    assert codec.analysis_from_json(old) == codec.analysis_from_json(payload)


def test_an_analysis_copied_to_another_version_keeps_its_digest(seed_articles):
    import dataclasses

    analysis = dataclasses.replace(analyze_article(seed_articles[0]), analyzer_version="v1")
    copied = dataclasses.replace(analysis, analyzer_version="v2")
    digests = {codec.payload_digest(codec.analysis_to_json(a), a.analyzer_version) for a in (analysis, copied)}
    assert len(digests) == 1


def test_the_digest_changes_with_what_the_analysis_says(seed_articles):
    import dataclasses

    analysis = analyze_article(seed_articles[0])
    fewer = dataclasses.replace(analysis, quotes=analysis.quotes[1:])
    version = analysis.analyzer_version
    assert codec.payload_digest(codec.analysis_to_json(analysis), version) != codec.payload_digest(
        codec.analysis_to_json(fewer), version
    )
