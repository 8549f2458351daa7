"""Each SQL view (lib.analytics.views) returns what its pandas namesake (lib.views, lib.search)
returns over the frames, under every filter: the pages draw either, the layer by default."""

from __future__ import annotations

import pandas as pd
import pytest

from lib import search as pandas_search
from lib import views as pandas_views
from lib.analytics import views
from lib.tables import build_tables
from tests.analytics.conftest import pandas_filtered, same_frame
from tests.analytics.test_queries import FILTERS, _layer

MENTION_KEYS = ["article_id", "start", "end", "label"]
SENTENCE_KEYS = ["article_id", "sentence_index"]
# (view, positional arguments, keyword arguments, the columns that make a row unique)
VIEWS = [
    ("articles", (), {}, ["article_id"]),
    ("counts", (), {}, ["articles"]),
    ("article_tone", ("textblob",), {}, ["article_id"]),
    ("daily_tone", ("textblob",), {}, ["date"]),
    ("open_actors", (), {}, ["actor"]),
    ("mention_rows", ("Russia",), {}, ["article_id", "start", "end", "label"]),
    ("mention_rows", ("Russia",), {"match": "rollup"}, ["article_id", "start", "end", "label"]),
    ("mention_rows", ("Russia",), {"match": "either", "outlets": ("Harbour Courier",)}, MENTION_KEYS),
    ("mention_rows", ("NATO",), {"day": "2022-02-10"}, ["article_id", "start", "end", "label"]),
    ("sentence_rows", ("textblob",), {}, ["article_id", "sentence_index"]),
    ("sentence_rows", ("textblob",), {"outlets": ("Valley Gazette", "(unknown outlet)")}, SENTENCE_KEYS),
    ("statements", (), {}, ["quote_id"]),
    ("statements", (), {"speaker": "Russia", "rollup": True}, ["quote_id"]),
    ("statements", (), {"speaker": "Jens Stoltenberg", "target": "Russia"}, ["quote_id"]),
    ("statements", (), {"outlet": "Northern Wire"}, ["quote_id"]),
    ("figures", (), {}, ["article_id", "start", "end"]),
    ("figures", (), {"limit": 3}, ["article_id", "start", "end"]),
    ("sentences", (), {}, ["article_id", "sentence_index"]),
    ("mentions", (), {}, ["article_id", "start", "end", "actor"]),
    ("evidence", (), {}, ["quote_id", "start", "end", "cue"]),
    ("search", ("troops",), {}, ["article_id", "sentence_index", "where"]),
    ("search", ('"peace talks" russia',), {}, ["article_id", "sentence_index", "where"]),
    ("article_list", ("textblob",), {}, ["article_id"]),
    ("article_list", ("textblob",), {"query": "nato"}, ["article_id"]),
]
LISTS = [("speakers", {}), ("speakers", {"rollup": True}), ("outlet_names", {})]
PANDAS = {"search": pandas_search.search, "article_list": pandas_search.article_list}


@pytest.fixture(scope="module")
def corpora(seed_corpus, generated):
    out = {}
    for name, (articles, analyses) in {"seeds": seed_corpus, "generated": generated}.items():
        out[name] = (_layer(articles, analyses, parts=3), build_tables(articles, analyses))
    return out


def _pandas(name):
    return PANDAS.get(name) or getattr(pandas_views, name)


@pytest.mark.parametrize("corpus", ["seeds", "generated"])
@pytest.mark.parametrize("filter_name", list(FILTERS))
@pytest.mark.parametrize(("view", "args", "kwargs", "keys"), VIEWS)
def test_the_view_agrees_with_the_frames(corpora, corpus, filter_name, view, args, kwargs, keys):
    layer, tables = corpora[corpus]
    filters = FILTERS[filter_name]
    ours = getattr(views, view)(layer, filters, *args, **kwargs)
    theirs = _pandas(view)(pandas_filtered(tables, filters), *args, **kwargs)
    same_frame(ours, theirs, keys)


@pytest.mark.parametrize("corpus", ["seeds", "generated"])
@pytest.mark.parametrize("filter_name", list(FILTERS))
@pytest.mark.parametrize(("view", "kwargs"), LISTS)
def test_the_lists_agree_with_the_frames(corpora, corpus, filter_name, view, kwargs):
    layer, tables = corpora[corpus]
    filters = FILTERS[filter_name]
    assert getattr(views, view)(layer, filters, **kwargs) == getattr(pandas_views, view)(
        pandas_filtered(tables, filters), **kwargs
    )


@pytest.mark.parametrize("corpus", ["seeds", "generated"])
def test_the_corpus_wide_views_agree(corpora, corpus):
    layer, tables = corpora[corpus]
    assert views.choices(layer) == pandas_views.choices(tables)
    assert views.names(layer) == pandas_views.names(tables)
    same_frame(views.corrections(layer), pandas_views.corrections(tables), ["article_id", "sentence_index", "what"])


@pytest.mark.parametrize("corpus", ["seeds", "generated"])
def test_the_details_by_id_agree(corpora, corpus):
    layer, tables = corpora[corpus]
    pairs = tables.mentions[tables.mentions["actor"] == "Russia"][["article_id", "sentence_index"]].head(40)
    assert not pairs.empty
    for name, keys in (("sentences_at", ["article_id", "sentence_index"]),
                       ("mentions_at", ["article_id", "sentence_index", "start", "end", "actor"])):  # fmt: skip
        same_frame(getattr(views, name)(layer, pairs), getattr(pandas_views, name)(tables, pairs), keys)
    article_ids = sorted(set(pairs["article_id"]))[:3]
    same_frame(views.articles_at(layer, article_ids), pandas_views.articles_at(tables, article_ids), ["article_id"])
    assert sorted(views.articles_at(layer, article_ids)["article_id"]) == article_ids
    quote_ids = tables.quotes["quote_id"].head(12).tolist()
    same_frame(views.evidence_of(layer, quote_ids), pandas_views.evidence_of(tables, quote_ids),
               ["quote_id", "start", "end", "cue"])  # fmt: skip


def test_the_whole_selection_as_frames(corpora):
    layer, tables = corpora["generated"]
    ours = views.tables(layer, FILTERS["two outlets"])
    theirs = pandas_filtered(tables, FILTERS["two outlets"])
    keys = {"articles": ["article_id"], "sentences": ["article_id", "sentence_index"],
            "mentions": ["article_id", "start", "end", "actor"], "quotes": ["quote_id"],
            "evidence": ["quote_id", "start", "end", "cue"], "stance": ["article_id", "speaker", "target"],
            "figures": ["article_id", "start", "end"]}  # fmt: skip
    for name in theirs.names():
        same_frame(getattr(ours, name), getattr(theirs, name), keys[name])


def test_the_rows_behind_a_mark_exist_in_the_corpus(corpora):
    """The comparisons above mean something only if the drill-downs find rows."""
    layer, _ = corpora["generated"]
    everything = FILTERS["everything"]
    assert len(views.mention_rows(layer, everything, "Russia")) > 10
    assert len(views.statements(layer, everything, speaker="Russia", rollup=True)) > 0
    assert len(views.search(layer, everything, "troops")) > 0
    assert isinstance(views.counts(layer, everything), pd.DataFrame)
