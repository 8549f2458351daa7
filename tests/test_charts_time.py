"""lib.charts_time at 50 outlets: the Over time and Compare charts stay legible (a line per
named series plus one "other", a row per category with room, the n shown), every mark is
selectable and carries the customdata the pages' drill-down reads."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from lib.charts import MIN_ROW_PX, OTHER_COLOR
from lib.charts_time import MAX_SERIES, compare_chart, timeline_chart
from lib.ingest import article_id
from lib.timeseries import COMPARE_VIEWS, Group, compare, series
from lib.types import Article

OUTLETS = [
    f"Outlet {i:02d} {'& Sons ' if i % 7 == 0 else ''}{'of the Very Long Name ' * (i % 3)}#{i}" for i in range(50)
]
# Made-up sentences, one pattern per line: a statement, a figure, a sentence naming actors.
SENTENCES = [
    "Jens Stoltenberg said that NATO is ready for dialogue with Russia.",
    "Sergey Lavrov said that Russia rejects the demands and warns of a response.",
    "Russia has gathered {n},000 troops near the border with Ukraine.",
    "Volodymyr Zelensky said that Ukraine will defend itself.",
    "Antony Blinken said that the United States wants a peaceful solution.",
    "The talks in Geneva ended without an agreement.",
]


def _article(index: int) -> Article:
    picked = [SENTENCES[(index + k) % len(SENTENCES)].format(n=60 + index % 5 * 10) for k in range(3)]
    text = f"Story {index}. " + " ".join(picked)
    return Article(
        id=article_id(text),
        file=f"story-{index}.txt",
        text=text,
        title=f"Story {index}",
        outlet=OUTLETS[index % len(OUTLETS)],
        date=dt.date(2022, 1, 3) + dt.timedelta(days=(index * 5) % 70),
    )


@pytest.fixture(scope="module")
def tables():
    from lib.corpus import analyse

    built = analyse([_article(i) for i in range(150)])[1]
    assert built.articles["outlet"].nunique() == 50
    return built


def _plot_height(fig) -> float:
    layout = fig.layout
    return layout.height - layout.margin.t - layout.margin.b


@pytest.mark.parametrize(("by", "metric"), [("outlet", "tone"), ("outlet", "stance"), ("actor", "tone"),
                                            ("actor", "stance")])  # fmt: skip
def test_the_timeline_names_the_top_series_and_pools_the_rest(tables, by, metric):
    ts = series(tables, "textblob", by=by, freq="week", metric=metric, max_series=8)
    fig = timeline_chart(ts, "TextBlob (PatternAnalyzer)")
    shown = [t for t in fig.data if t.showlegend is not False]
    assert len(shown) == len(ts.named) + (1 if ts.other else 0) <= MAX_SERIES + 1
    if by == "outlet":
        assert ts.other and ts.other.startswith("other ") and len(ts.pooled) == 50 - len(ts.named)
        assert shown[-1].line.color == OTHER_COLOR
    for trace in fig.data:
        assert trace.type == "scatter" and trace.customdata is not None  # selectable, with what to drill into
        series_names = {row[0] for row in trace.customdata}
        assert len(series_names) == 1 and series_names <= {*ts.named, ts.other}
        assert all(dt.date.fromisoformat(row[1]) in ts.periods for row in trace.customdata)
    assert all(len(label.name) <= 24 for label in shown)  # long outlet names are cut in the legend


def test_an_empty_period_is_a_gap_and_its_n_a_zero(tables):
    ts = series(tables, "textblob", by="outlet", freq="day", max_series=3)
    fig = timeline_chart(ts, "TextBlob")
    means, counts = fig.data[0], fig.data[1]
    assert means.connectgaps is False
    gaps = [i for i, n in enumerate(counts.y) if n == 0]
    assert gaps, "a daily series of a sparse corpus has empty days"
    assert all(means.y[i] is None or math.isnan(means.y[i]) for i in gaps)
    assert all(row[2] == 0 for i, row in enumerate(means.customdata) if i in gaps)  # n in the hover
    assert "gaps" in fig.layout.title.subtitle.text


def test_a_timeline_without_dates_says_so(tables):
    undated = tables.filter(article_ids=[])
    fig = timeline_chart(series(undated, "textblob"), "TextBlob")
    assert "date" in fig.layout.annotations[0].text


@pytest.fixture(scope="module")
def comparison(tables):
    half = len(OUTLETS) // 2
    return compare(tables, Group("First half", tuple(OUTLETS[:half])), Group("Second half", tuple(OUTLETS[half:])),
                   engine="textblob")  # fmt: skip


@pytest.mark.parametrize("view", list(COMPARE_VIEWS))
@pytest.mark.parametrize("top", [3, 12])
def test_each_comparison_chart_has_room_for_its_rows(comparison, view, top):
    fig = compare_chart(comparison, view, engine_label="TextBlob (PatternAnalyzer)", max_categories=top)
    rows = list(fig.layout.yaxis.categoryarray)
    assert 1 <= len(rows) <= top + (1 if view == "voice" else 0)  # + the pooled other speakers
    assert _plot_height(fig) / len(rows) >= MIN_ROW_PX
    marks = [t for t in fig.data if t.customdata is not None]
    assert {t.name for t in marks} == {"First half", "Second half"}
    for side, trace in zip("ab", marks, strict=True):
        assert all(row[2] == side and row[3] == view for row in trace.customdata)
        assert all(row[1] == trace.name for row in trace.customdata)
    joins = [t for t in fig.data if t.customdata is None]
    assert all(t.hoverinfo == "skip" for t in joins)  # the joining line is no mark
    assert len(fig.layout.annotations) == len(rows)  # the n per group, one per row


def test_the_voice_chart_pools_the_other_speakers(comparison):
    fig = compare_chart(comparison, "voice", max_categories=1)
    rows = list(fig.layout.yaxis.categoryarray)[::-1]  # the first row at the top
    assert len(rows) == 2 and rows[-1].startswith("other ")
    pooled = [row for t in fig.data if t.customdata is not None for row in t.customdata if row[0] == ""]
    assert len(pooled) == 2  # one per group, with the empty key the drill-down reads as "any"


def test_figures_are_compared_on_a_log_axis(comparison):
    fig = compare_chart(comparison, "figures")
    assert fig.layout.xaxis.type == "log"


def test_an_unknown_view_names_the_known_ones(comparison):
    with pytest.raises(ValueError, match="tone, voice, stance, figures"):
        compare_chart(comparison, "bubbles")
