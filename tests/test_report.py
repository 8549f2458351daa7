"""The manifest and the self-contained HTML report of a view."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pandas as pd
import plotly.graph_objects as go

from lib.export import zip_tables
from lib.report import MAX_ROWS, html_report, manifest, manifest_json


def facts() -> dict:
    return manifest(
        filters={"outlets": "A&B <x>", "engine": "vader"},
        engine="vader",
        analyzer_version="0.4+abc",
        counts={"articles": 3},
        accuracy=[{"component": "quotes", "score": 1.0}],
        now=dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
    )


def test_the_manifest_says_what_the_numbers_depend_on():
    data = facts()
    assert data["sentiment_engine"] == "vader" and data["analyzer_version"] == "0.4+abc"
    assert data["filters"]["outlets"] == "A&B <x>" and data["corpus"] == {"articles": 3}
    assert json.loads(manifest_json(data))["generated"] == "2026-12-01T00:00:00+00:00"


def test_the_zip_carries_the_manifest_beside_the_tables():
    raw = zip_tables({"articles": pd.DataFrame({"id": [1]})}, manifest=manifest_json(facts()))
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        assert sorted(archive.namelist()) == ["articles.csv", "manifest.json"]
        assert json.loads(archive.read("manifest.json"))["sentiment_engine"] == "vader"


def test_the_report_is_self_contained_and_escaped():
    figure = go.Figure(go.Bar(x=["a"], y=[1]))
    frame = pd.DataFrame({"outlet": ["<script>alert(1)</script>"] * (MAX_ROWS + 5), "n": range(MAX_ROWS + 5)})
    page = html_report("Overview", facts(), charts=[("Tone", figure), ("Again", figure)], tables=[("Outlets", frame)])
    assert page.count("* plotly.js v") == 1  # plotly.js inlined once, not fetched
    assert "<script src=" not in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert f"First {MAX_ROWS} of {MAX_ROWS + 5} rows" in page
    assert "A&amp;B &lt;x&gt;" in page and "Measured accuracy" in page


def test_the_report_and_the_manifest_count_the_corrections():
    data = manifest(filters={}, engine="textblob", analyzer_version="0.4", counts={"quotes": 2},
                    corrections={"applied": 2, "no longer applies": 1})  # fmt: skip
    assert data["corrections"] == {"applied": 2, "no longer applies": 1}
    page = html_report("Overview", data, tables=[("Corrections by an analyst", pd.DataFrame({"status": ["applied"]}))])
    assert "Corrections by an analyst" in page and "no longer applies: 1" in page
    assert "corrections" not in facts()  # none given, none said
