"""Over time and Compare from the layer (lib.analytics.over_time) agree with lib.timeseries over
the frames, under every filter."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from lib import timeseries
from lib.analytics import over_time
from lib.tables import build_tables
from lib.timeseries import Group
from tests.analytics.conftest import pandas_filtered, same_frame
from tests.analytics.test_queries import FILTERS, _layer

SERIES = [
    {"by": "outlet", "freq": "week", "metric": "tone"},
    {"by": "outlet", "freq": "day", "metric": "stance"},
    {"by": "actor", "freq": "week", "metric": "tone", "max_series": 3},
    {"by": "actor", "freq": "week", "metric": "tone", "rollup": True, "min_n": 5},
    {"by": "actor", "freq": "day", "metric": "stance", "max_series": 2},
    {"by": "actor", "freq": "week", "metric": "stance", "rollup": True},
]
ROWS = [
    {"by": "outlet", "metric": "tone", "keys": ["Harbour Courier"], "period": None, "freq": "week"},
    {"by": "outlet", "metric": "stance", "keys": None, "period": dt.date(2022, 2, 7), "freq": "week"},
    {"by": "actor", "metric": "tone", "keys": ["Russia", "NATO"], "period": dt.date(2022, 2, 10), "freq": "day"},
    {"by": "actor", "metric": "stance", "keys": ["Russia"], "period": None, "freq": "week", "rollup": True},
]
GROUPS = [
    (Group("Coast", ("Harbour Courier", "Northern Wire")), Group("Inland", ("Valley Gazette", "Plains Daily"))),
    (Group("One", ("Harbour Courier",)), Group("One", ("(unknown outlet)",))),
    (Group("Empty", ()), Group("All", ("Harbour Courier", "Valley Gazette", "Northern Wire"))),
]
KEYS = {"overview": ["group"], "tone": ["group", "actor"], "voice": ["group", "speaker"],
        "stance": ["group", "speaker"], "figures": ["group", "measure"]}  # fmt: skip


@pytest.fixture(scope="module")
def corpora(seed_corpus, generated):
    out = {}
    for name, (articles, analyses) in {"seeds": seed_corpus, "generated": generated}.items():
        out[name] = (_layer(articles, analyses, parts=2), build_tables(articles, analyses))
    return out


@pytest.mark.parametrize("corpus", ["seeds", "generated"])
@pytest.mark.parametrize("filter_name", list(FILTERS))
@pytest.mark.parametrize("kwargs", SERIES, ids=lambda k: "-".join(str(v) for v in k.values()))
def test_the_series_agrees_with_the_frames(corpora, corpus, filter_name, kwargs):
    layer, tables = corpora[corpus]
    filters = FILTERS[filter_name]
    ours = over_time.series(layer, filters, "textblob", **kwargs)
    theirs = timeseries.series(pandas_filtered(tables, filters), "textblob", **kwargs)
    for field in ("by", "freq", "metric", "named", "other", "pooled", "periods", "undated"):
        assert getattr(ours, field) == getattr(theirs, field), field
    same_frame(ours.frame, theirs.frame, ["series", "period"])


@pytest.mark.parametrize("corpus", ["seeds", "generated"])
@pytest.mark.parametrize("filter_name", ["everything", "two outlets", "dates, undated dropped"])
@pytest.mark.parametrize("kwargs", ROWS, ids=lambda k: f"{k['by']}-{k['metric']}-{k['period']}")
def test_the_rows_behind_a_point_agree(corpora, corpus, filter_name, kwargs):
    layer, tables = corpora[corpus]
    filters = FILTERS[filter_name]
    ours = over_time.rows_behind(layer, filters, **kwargs)
    theirs = timeseries.rows_behind(pandas_filtered(tables, filters), **kwargs)
    same_frame(ours, theirs, ["article_id", "sentence_index", "start", "end", "label"])


@pytest.mark.parametrize("corpus", ["seeds", "generated"])
@pytest.mark.parametrize("filter_name", ["everything", "two outlets", "one actor", "no outlet matches"])
@pytest.mark.parametrize("groups", GROUPS, ids=lambda g: f"{g[0].name}-{g[1].name}")
@pytest.mark.parametrize("rollup", [False, True])
def test_the_comparison_agrees_with_the_frames(corpora, corpus, filter_name, groups, rollup):
    layer, tables = corpora[corpus]
    filters = FILTERS[filter_name]
    ours = over_time.compare(layer, filters, *groups, engine="textblob", rollup=rollup)
    theirs = timeseries.compare(pandas_filtered(tables, filters), *groups, engine="textblob", rollup=rollup)
    assert ours.groups == theirs.groups
    for name, keys in KEYS.items():
        same_frame(getattr(ours, name), getattr(theirs, name), keys)


@pytest.mark.parametrize("corpus", ["seeds", "generated"])
@pytest.mark.parametrize(("view", "key"), [("tone", "Russia"), ("voice", ""), ("stance", "NATO"), ("figures", "")])
def test_the_rows_behind_a_comparison_agree(corpora, corpus, view, key):
    layer, tables = corpora[corpus]
    group = GROUPS[0][0]
    for rollup in (False, True):
        ours = over_time.compare_rows(layer, FILTERS["everything"], group, view=view, key=key, rollup=rollup)
        theirs = timeseries.compare_rows(tables, group, view=view, key=key, rollup=rollup)
        same_frame(ours, theirs, ["article_id", "sentence_index", "start", "end", "label"])


def test_the_generated_corpus_has_series_to_compare(corpora):
    layer, _ = corpora["generated"]
    ts = over_time.series(layer, FILTERS["everything"], "textblob", by="actor", max_series=3)
    assert ts.other is not None and len(ts.named) == 3 and isinstance(ts.frame, pd.DataFrame)
