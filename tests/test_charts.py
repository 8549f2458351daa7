"""lib/charts.py: every chart says its engine and carries what a click needs (customdata)."""

import pandas as pd
import pytest

from lib.charts import empty_figure, figure_comparison, mention_heatmap, tone_by_outlet
from lib.tables import actor_summary, measures, outlet_tone


def test_tone_chart_is_labelled_and_clickable(seed_tables):
    fig = tone_by_outlet(outlet_tone(seed_tables, "textblob"), "TextBlob (PatternAnalyzer)")
    assert "TextBlob" in fig.layout.xaxis.title.text
    assert all(trace.customdata is not None for trace in fig.data)


def test_heatmap_counts_mentions(seed_tables):
    summary = actor_summary(seed_tables, "textblob")
    fig = mention_heatmap(summary, top=5)
    assert len(fig.data[0].y) <= 5
    assert sum(v for row in fig.data[0].z for v in row if v == v) <= summary["mentions"].sum()


def test_figure_comparison_shows_both_troop_counts(seed_tables):
    rows = measures(seed_tables).merge(seed_tables.articles[["article_id", "label"]], on="article_id")
    measure = rows.loc[rows["value"] == 150_000, "measure"].iloc[0]
    fig = figure_comparison(rows, measure)
    assert {150_000, 100_000} <= {float(v) for v in fig.data[0].y}
    assert "disagree" in fig.layout.title.text
    assert {tuple(c) for c in fig.data[0].customdata} == {
        (a, measure) for a in rows.loc[rows["measure"] == measure, "article_id"]
    }


def test_empty_figure_says_why():
    assert "nothing" in empty_figure("nothing to show").layout.annotations[0].text


def test_outlet_scatter_keeps_names_inside_and_markers_bounded(seed_tables):
    from lib.charts import outlet_scatter

    tone = outlet_tone(seed_tables, "textblob")
    fig = outlet_scatter(tone)
    x_low, x_high = fig.layout.xaxis.range
    assert x_low < tone["subjectivity"].min() and x_high > tone["subjectivity"].max()
    assert max(fig.data[0].marker.size) <= 40


def test_a_measure_cited_by_many_articles_is_drawn_by_outlet():
    import pandas as pd

    from lib.charts import MAX_BARS

    n = MAX_BARS + 50
    rows = pd.DataFrame(
        {
            "measure": ["troops · Russia"] * n,
            "article_id": [f"a{i}" for i in range(n)],
            "label": [f"article {i}" for i in range(n)],
            "outlet": ["TASS" if i % 2 else "Reuters" for i in range(n)],
            "value": [100_000 if i % 2 else 150_000 for i in range(n)],
            "disagree": [True] * n,
        }
    )
    fig = figure_comparison(rows, "troops · Russia")
    assert len(fig.data[0].x) == 2 and "350 articles" in fig.layout.title.text
    assert {tuple(c)[1] for c in fig.data[0].customdata} == {"troops · Russia"}


def _dated_measure_rows() -> pd.DataFrame:
    from datetime import date

    return pd.DataFrame(
        {
            "measure": ["troops · Russia"] * 4,
            "article_id": ["a", "b", "c", "d"],
            "outlet": ["Reuters", "Reuters", "TASS", "TASS"],
            "date": [date(2022, 1, 10), date(2022, 2, 10), date(2022, 1, 12), None],
            "value": [100_000, 150_000, 100_000, 130_000],
            "disagree": [False] * 4,
        }
    )


def test_figure_timeline_draws_a_line_per_outlet_over_time():
    from lib.charts import figure_timeline

    fig = figure_timeline(_dated_measure_rows(), "troops · Russia", window_days=7)
    by_outlet = {trace.name: list(trace.y) for trace in fig.data}
    assert by_outlet == {"Reuters": [100_000, 150_000], "TASS": [100_000]}  # the undated article is left out
    assert all(trace.mode == "lines+markers" for trace in fig.data)
    assert "7 days" in fig.layout.title.text and "1 article(s) without a date" in fig.layout.title.text
    assert {tuple(c) for trace in fig.data for c in trace.customdata} == {
        ("a", "troops · Russia"), ("b", "troops · Russia"), ("c", "troops · Russia")
    }  # fmt: skip


@pytest.mark.parametrize(
    ("dates", "message"),
    [([None, None, None, None], "states its date"), ([], "No figure")],
)
def test_figure_timeline_says_why_it_is_empty(dates, message):
    from lib.charts import figure_timeline

    rows = _dated_measure_rows()
    rows = rows.assign(date=dates) if dates else rows.iloc[0:0]
    assert message in figure_timeline(rows, "troops · Russia").layout.annotations[0].text


def test_seed_troop_counts_are_still_flagged_with_a_time_window(seed_tables):
    table = measures(seed_tables, window_days=7)
    troops = table[(table["measure"] == "troops · Russia")]
    assert {150_000, 100_000} <= set(troops["value"]) and troops["disagree"].all()
    assert "date" in table.columns and "unit" in table.columns
