"""Each SQL summary returns what its pandas namesake (lib.tables) returns, under every filter."""

from __future__ import annotations

import datetime as dt

import pytest

from lib import tables as pandas_summaries
from lib.analytics import Analytics, Filters, queries
from lib.errors import StoreError
from lib.tables import build_tables
from tests.analytics.conftest import pandas_filtered, same_frame

# (summary, positional arguments, keyword arguments, the columns that make a row unique)
SUMMARIES = [
    ("actor_summary", ("textblob",), {}, ["actor", "outlet"]),
    ("actor_summary", ("textblob",), {"rollup": True}, ["actor", "outlet"]),
    ("outlet_tone", ("textblob",), {}, ["outlet"]),
    ("share_of_voice", (), {}, ["outlet", "speaker"]),
    ("share_of_voice", (), {"rollup": True}, ["outlet", "speaker"]),
    ("speaker_stance", (), {}, ["speaker", "outlet"]),
    ("speaker_stance", (), {"rollup": True}, ["speaker", "outlet"]),
    ("speaker_stance", (), {"by": "article_id"}, ["speaker", "article_id"]),
    ("target_matrix", (), {}, ["speaker", "target"]),
    ("target_matrix", (), {"rollup": True}, ["speaker", "target"]),
    ("measures", (), {}, ["measure", "article_id"]),
    ("measures", (), {"window_days": None}, ["measure", "article_id"]),
    ("measures", (), {"window_days": 3}, ["measure", "article_id"]),
    ("measures", (), {"measure": "troops · Russia"}, ["measure", "article_id"]),
    ("outlet_values", (), {}, ["measure", "outlet"]),
    ("outlet_values", (), {"disputed": True}, ["measure", "outlet"]),
    ("outlet_values", (), {"window_days": None, "disputed": True}, ["measure", "outlet"]),
    ("measure_summary", (), {}, ["measure"]),
    ("measure_summary", (), {"window_days": None}, ["measure"]),
    ("measure_summary", (), {"measures": ["troops · Russia", "no such measure"]}, ["measure"]),
    ("outlet_values", (), {"measures": ["troops · Russia"]}, ["measure", "outlet"]),
    ("outlet_values", (), {"disputed": True, "measures": ["troops · Russia"]}, ["measure", "outlet"]),
    ("co_mentions", (), {}, ["actor", "other"]),
    ("co_mentions", (), {"rollup": True}, ["actor", "other"]),
]
FEB = (dt.date(2022, 2, 5), dt.date(2022, 2, 20))
FILTERS = {
    "everything": Filters(),
    "two outlets": Filters(outlets=("Harbour Courier", "(unknown outlet)")),
    "one actor": Filters(actors=("NATO",)),
    "dates, undated kept": Filters(date_range=FEB),
    "dates, undated dropped": Filters(date_range=FEB, undated=False),
    "undated dropped": Filters(undated=False),
    "outlet and actor and dates": Filters(
        outlets=("Valley Gazette", "Northern Wire"), actors=("Russia", "Ukraine"), date_range=FEB
    ),
    "no outlet matches": Filters(outlets=("No Such Outlet",)),
}


def _layer(articles, analyses, parts: int) -> Analytics:
    """The analytic layer filled by ``parts`` appends (an ingest, then uploads)."""
    layer = Analytics()
    step = -(-len(articles) // parts)
    for start in range(0, len(articles), step):
        layer.append(articles[start : start + step], analyses[start : start + step])
    return layer


@pytest.fixture(scope="module")
def corpora(seed_corpus, generated):
    out = {}
    for name, (articles, analyses) in {"seeds": seed_corpus, "generated": generated}.items():
        out[name] = (_layer(articles, analyses, parts=3), build_tables(articles, analyses))
    return out


@pytest.mark.parametrize("corpus", ["seeds", "generated"])
@pytest.mark.parametrize("filter_name", list(FILTERS))
@pytest.mark.parametrize(("summary", "args", "kwargs", "keys"), SUMMARIES)
def test_the_query_agrees_with_the_pandas_summary(corpora, corpus, filter_name, summary, args, kwargs, keys):
    layer, tables = corpora[corpus]
    filters = FILTERS[filter_name]
    ours = getattr(queries, summary)(layer, filters, *args, **kwargs)
    theirs = getattr(pandas_summaries, summary)(pandas_filtered(tables, filters), *args, **kwargs)
    same_frame(ours, theirs, keys)


def test_the_generated_corpus_exercises_every_summary(corpora):
    """The comparison above means something only if the corpus has rows everywhere."""
    layer, _ = corpora["generated"]
    everything = Filters()
    assert len(queries.outlet_tone(layer, everything, "textblob")) == 5  # four outlets and the unknown one
    assert len(queries.measures(layer, everything)) > 20
    assert queries.measures(layer, everything)["disagree"].any()
    assert len(queries.target_matrix(layer, everything)) > 10
    assert len(queries.co_mentions(layer, everything)) > 20
    assert len(queries.share_of_voice(layer, FILTERS["dates, undated dropped"])) > 0


def test_article_ids_restrict_like_the_tables(corpora):
    layer, tables = corpora["seeds"]
    some = tuple(tables.articles["article_id"][:2])
    for filters in (Filters(article_ids=some), Filters(article_ids=())):
        ours = queries.speaker_stance(layer, filters, by="article_id")
        theirs = pandas_summaries.speaker_stance(pandas_filtered(tables, filters), by="article_id")
        same_frame(ours, theirs, ["speaker", "article_id"])


def test_rows_come_in_the_order_the_pages_show(corpora):
    layer, _ = corpora["generated"]
    summary = queries.actor_summary(layer, Filters(), "textblob")
    assert summary["mentions"].is_monotonic_decreasing
    stance = queries.speaker_stance(layer, Filters())
    assert stance["n_quotes"].is_monotonic_decreasing
    table = queries.measures(layer, Filters())
    assert table["articles"].is_monotonic_decreasing


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda layer: queries.outlet_tone(layer, Filters(), "vader"), "no sentence is scored with 'vader'"),
        (lambda layer: queries.outlet_tone(layer, Filters(), "Robert'); DROP"), "not an engine name"),
        (lambda layer: queries.speaker_stance(layer, Filters(), by="text"), "expected 'outlet' or 'article_id'"),
    ],
)
def test_bad_arguments_are_errors_that_say_what_is_expected(corpora, call, message):
    layer, _ = corpora["seeds"]
    with pytest.raises(StoreError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call(layer)
