"""lib/charts.py: every chart says its engine and carries what a click needs (customdata)."""

import math

import pandas as pd
import pytest

from lib import charts
from lib.charts import empty_figure, figure_comparison, mention_heatmap, tone_by_outlet
from lib.tables import actor_summary, measures, outlet_tone


def test_tone_chart_is_labelled_and_clickable(seed_tables):
    fig = tone_by_outlet(outlet_tone(seed_tables, "textblob"), "TextBlob (PatternAnalyzer)")
    assert "TextBlob" in fig.layout.xaxis.title.text
    assert all(trace.customdata is not None for trace in fig.data)


def test_heatmap_counts_mentions_in_selectable_cells(seed_tables):
    summary = actor_summary(seed_tables, "textblob")
    fig = mention_heatmap(summary, top=5)
    cells = fig.data[0]
    assert cells.type == "scatter" and cells.marker.symbol == "square"  # a heatmap gives on_select no points
    assert len(set(cells.y)) <= 5
    assert sum(cells.marker.color) <= summary["mentions"].sum() and all(cells.text)
    assert all(len(c) == 2 for c in cells.customdata)


def test_figure_comparison_shows_both_troop_counts(seed_tables):
    rows = measures(seed_tables)  # with each article's label
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
    assert len(fig.data[0].x) == 2 and f"{n} articles" in fig.layout.title.text
    assert {tuple(c)[1] for c in fig.data[0].customdata} == {"troops · Russia"}
    # the usual value blue (0), the other red (1), on the two-colour scale
    usual = rows["value"].mode().iloc[0]
    assert [int(c) for c in fig.data[0].marker.color] == [int(v != usual) for v in fig.data[0].y]
    assert fig.data[0].marker.colorscale[1][1] == "#de2d26"


# ---- many categories: 50 outlets -------------------------------------------------------------

LONG = "The Tallinn Daily Chronicle and Evening Herald"
OUTLETS = [LONG] + [f"Outlet {i:02d}" for i in range(1, 50)]


def _tone(n_small: int = 3) -> pd.DataFrame:
    """50 outlets: the first (long name) with only ``n_small`` sentences and the highest mean."""
    rows = []
    for i, outlet in enumerate(OUTLETS):
        n = n_small if i == 0 else 40 + i
        rows.append({"outlet": outlet, "articles": 2, "n_sentences": n, "polarity": 0.9 if i == 0 else i / 500,
                     "polarity_sd": 0.2, "subjectivity": 0.4, "quotes": 3, "engine": "textblob"})  # fmt: skip
    return pd.DataFrame(rows)


def _rows(fig) -> list[str]:
    return list(dict.fromkeys(v for trace in fig.data for v in (trace.y if trace.y is not None else [])))


def _room(fig) -> float:
    """Pixels per category row of the plot (height less title, legend and axis margins)."""
    margin = fig.layout.margin
    return (fig.layout.height - margin.t - margin.b - 40) / max(1, len(_rows(fig)))


def test_tone_at_50_outlets_keeps_the_top_n_and_pools_the_rest():
    fig = tone_by_outlet(_tone(), "TextBlob (PatternAnalyzer)", max_categories=15, min_n=20)
    rows = _rows(fig)
    assert len(rows) == 16 and rows[-1] == "other 35 outlet(s)"
    assert LONG not in rows  # 3 sentences do not top the ranking: pooled into "other"
    assert _room(fig) >= charts.MIN_ROW_PX
    # the pooled bar drills down to the outlets it pools, not to every outlet
    assert fig.data[0].customdata[-1][0] == "other 35 outlet(s)"
    everyone = list(_tone()["outlet"])
    held = charts.pooled(fig, "other 35 outlet(s)", index=0, every=everyone)
    assert held is not None and len(held) == 35 and LONG in held and not set(held) & set(rows[:-1])
    assert charts.pooled(fig, rows[0], index=0, every=everyone) is None  # a named bar is no pool


def test_without_a_minimum_n_the_small_outlet_tops_the_ranking():
    fig = tone_by_outlet(_tone(), "TextBlob (PatternAnalyzer)", max_categories=15)
    assert fig.layout.yaxis.categoryarray[-1] == LONG  # the top of a y axis is its last category


def test_tone_sort_by_n_differs_from_by_value():
    tone = _tone().assign(polarity=lambda f: -f["n_sentences"] / 1000)
    by_value = tone_by_outlet(tone, "TextBlob", min_n=20, sort="value").layout.yaxis.categoryarray[-1]
    by_n = tone_by_outlet(tone, "TextBlob", min_n=20, sort="n").layout.yaxis.categoryarray[-1]
    assert by_value == "Outlet 01" and by_n == "Outlet 49"


def test_long_names_are_cut_on_the_axis_and_whole_on_hover():
    fig = tone_by_outlet(_tone(n_small=500), "TextBlob (PatternAnalyzer)", max_categories=5)
    shown = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    assert len(shown[LONG]) <= charts.LABEL_CHARS and shown[LONG].endswith("…")
    assert LONG in fig.data[0].y  # the hover reads %{y}: the full name


@pytest.mark.parametrize(("whiskers", "words"), [("ci95", "95% CI"), ("sd", "±1 SD")])
def test_whiskers_say_what_they_are(whiskers, words):
    fig = tone_by_outlet(_tone(), "TextBlob (PatternAnalyzer)", min_n=20, whiskers=whiskers)
    assert words in fig.layout.title.subtitle.text and words in fig.data[0].hovertemplate
    half = fig.data[0].error_x.array[0]
    assert math.isclose(half, 0.2 if whiskers == "sd" else 1.96 * 0.2 / math.sqrt(89), rel_tol=1e-6)


def test_n_labels_sit_beside_the_plot_not_on_the_whiskers():
    fig = tone_by_outlet(_tone(), "TextBlob (PatternAnalyzer)", min_n=20)
    notes = [a for a in fig.layout.annotations if a.text.startswith("n=")]
    assert len(notes) == len(_rows(fig)) and all(a.xref == "paper" and a.x >= 1 for a in notes)
    assert fig.layout.margin.r >= 60


def test_the_axis_title_is_short_enough_to_fit():
    fig = tone_by_outlet(_tone(), "TextBlob (PatternAnalyzer)")
    assert len(fig.layout.xaxis.title.text) <= 36 and "TextBlob" in fig.layout.xaxis.title.text


def test_height_grows_with_the_rows():
    small = tone_by_outlet(_tone(n_small=500).head(4), "TextBlob")
    large = tone_by_outlet(_tone(n_small=500), "TextBlob", max_categories=40)
    assert large.layout.height - small.layout.height >= charts.ROW_PX * 30


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        ([(0.0, 1.0, 10), (0.0, 1.0, 10)], (0.0, 1.0, 20)),  # same groups: same mean, sd close to 1
        ([(1.0, 0.0, 2), (3.0, 0.0, 2)], (2.0, math.sqrt(4 / 3), 4)),  # values 1,1,3,3
    ],
)
def test_pooled_mean_and_sd(groups, expected):
    frame = pd.DataFrame(groups, columns=["mean", "sd", "n"])
    mean, sd, n = charts.pool_means(frame, mean="mean", sd="sd", n="n")
    assert math.isclose(mean, expected[0], abs_tol=1e-9) and n == expected[2]
    assert math.isclose(sd, expected[1], rel_tol=0.05)


def test_an_unknown_sort_or_interval_names_the_known_ones():
    with pytest.raises(ValueError, match="ci95"):
        tone_by_outlet(_tone(), "TextBlob", whiskers="iqr")
    with pytest.raises(ValueError, match="value"):
        tone_by_outlet(_tone(), "TextBlob", sort="alphabet")


def _summary() -> pd.DataFrame:
    rows = []
    for a in range(30):
        for o, outlet in enumerate(OUTLETS):
            if (a + o) % 3:
                rows.append({"actor": f"Actor {a:02d}", "outlet": outlet, "mentions": 1 + (a * o) % 7,
                             "polarity": ((a - o) % 11) / 20 - 0.25, "polarity_sd": 0.1, "subjectivity": 0.3,
                             "n_sentences": 1 + (a * o) % 7, "engine": "textblob"})  # fmt: skip
    return pd.DataFrame(rows)


def test_heatmap_at_50_outlets_pools_the_columns_it_cannot_fit():
    fig = mention_heatmap(_summary(), max_categories=20, max_columns=15)
    cells = fig.data[0]
    columns = list(dict.fromkeys(cells.x))
    assert len(set(cells.y)) == 20 and len(columns) == 16 and columns[-1].startswith("other ")
    assert charts.NOMINAL_WIDTH / len(columns) >= charts.MIN_COLUMN_PX
    pooled = [c for c, x in zip(cells.customdata, cells.x, strict=True) if x.startswith("other ")]
    assert pooled and all(c[1] == columns[-1] for c in pooled)
    held = charts.pooled(fig, columns[-1], index=1, every=sorted(_summary()["outlet"].unique()))
    assert held is not None and not set(held) & set(columns[:-1])
    assert all(t for t in cells.text)  # the count is written in every cell
    assert _room(fig) >= charts.MIN_ROW_PX


def test_actor_tone_at_50_outlets_names_a_few_outlets_and_pools_the_others():
    fig = charts.actor_tone(_summary(), "TextBlob (PatternAnalyzer)", max_categories=12, max_outlets=6)
    names = [t.name for t in fig.data]
    assert len(names) == 8 and names[-2].startswith("other 44") and names[-1].startswith("all outlets (95% CI")
    assert len(_rows(fig)) == 12 and _room(fig) >= charts.MIN_ROW_PX


def _stance() -> pd.DataFrame:
    rows = []
    for s in range(60):
        for o, outlet in enumerate(OUTLETS[: 1 + s % 5]):
            rows.append({"speaker": f"Speaker {s:02d}", "outlet": outlet, "score": 0.0, "label": "neutral",
                         "cooperation": s % 3, "conflict": o % 2, "n_cues": 1, "n_quotes": 1 if s >= 40 else 2,
                         "articles": 1})  # fmt: skip
    return pd.DataFrame(rows)


def test_speaker_chart_keeps_speakers_with_enough_statements_top_n():
    fig = charts.speaker_stance_chart(_stance(), max_categories=20, min_quotes=3)
    speakers = _rows(fig)
    assert len(speakers) == 20 and not any(s >= "Speaker 40" for s in speakers)  # one-statement speakers are out
    assert _room(fig) >= charts.MIN_ROW_PX
    assert {len(c) for t in fig.data for c in t.customdata} == {5}
    assert any(t.name == "all outlets" for t in fig.data) and len(fig.data) <= 10  # legend: a few outlets


def test_target_matrix_is_a_selectable_grid_with_counts():
    pairs = [(i, j) for i in range(30) for j in range(30) if (i + j) % 4 == 0]
    matrix = pd.DataFrame(
        {
            "speaker": [f"S{i}" for i, _ in pairs],
            "target": [f"T{j}" for _, j in pairs],
            "score": [(i - j) / 10 for i, j in pairs],
            "label": "mixed",
            "n_quotes": [1 + i for i, _ in pairs],
            "n_cues": 1,
        }
    )
    fig = charts.target_heatmap(matrix, max_categories=15)
    cells = fig.data[0]
    assert cells.type == "scatter" and len(set(cells.x)) <= 15 and len(set(cells.y)) <= 15
    assert all(len(c) == 4 and c[3] == "" for c in cells.customdata)


def test_share_of_voice_at_50_outlets_is_one_row_per_outlet_with_the_rest_pooled():
    voices = pd.DataFrame(
        [{"outlet": o, "speaker": f"Speaker {s}", "quotes": 1 + s, "direct": 0} for o in OUTLETS for s in range(12)]
    )
    voices["share"] = voices["quotes"] / voices.groupby("outlet")["quotes"].transform("sum")
    fig = charts.share_of_voice_chart(voices, max_categories=15)
    rows = list(fig.layout.yaxis.categoryarray)
    assert len(rows) == 16 and rows[0] == "other 35 outlet(s)"  # the bottom row
    assert fig.data[0].orientation == "h" and _room(fig) >= charts.MIN_ROW_PX
    totals = pd.Series(0.0, index=_rows(fig))
    for trace in fig.data:
        for x, y in zip(trace.x, trace.y, strict=True):
            totals[y] += x
    assert all(math.isclose(v, 1.0) for v in totals)  # each row's shares add up to 100%


def test_outlet_scatter_names_only_the_largest_outlets():
    fig = charts.outlet_scatter(_tone(n_small=500), max_labels=10)
    named = {o for o, t in zip(fig.data[0].hovertext, fig.data[0].text, strict=True) if t}
    assert len(named) == 10 and len(fig.data[0].hovertext) == 50
    assert {"Outlet 49", "Outlet 01"} <= named  # the largest and the edges (lowest polarity here)


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
        ("a", "troops · Russia", "Reuters"), ("b", "troops · Russia", "Reuters"), ("c", "troops · Russia", "TASS")
    }  # fmt: skip


def test_figure_timeline_at_50_outlets_draws_a_few_lines_and_grey_dots():
    from datetime import date, timedelta

    from lib.charts import figure_timeline

    rows = pd.DataFrame(
        {
            "measure": "troops · Russia",
            "article_id": [f"a{i}" for i in range(200)],
            "outlet": [f"Outlet {i % 50:02d}" if i % 3 else "Big Outlet" for i in range(200)],
            "date": [date(2022, 1, 1) + timedelta(days=i % 60) for i in range(200)],
            "value": [100_000 + 1_000 * (i % 7) for i in range(200)],
            "disagree": True,
        }
    )
    fig = figure_timeline(rows, "troops · Russia", max_outlets=8)
    lines = [t for t in fig.data if t.mode == "lines+markers"]
    dots = [t for t in fig.data if t.mode == "markers"]
    assert len(lines) == 8 and "Big Outlet" in {t.name for t in lines}
    assert len(dots) == 1 and dots[0].name.startswith("other ") and len(dots[0].y) == 200 - sum(len(t.y) for t in lines)
    assert all(len(c) == 3 for t in fig.data for c in t.customdata)  # the outlet is on every hover


def test_the_figure_charts_say_what_their_colours_mean():
    from lib.charts import figure_comparison

    rows = _dated_measure_rows().assign(disagree=True, label=list("abcd"))
    assert (
        "blue: the value most articles give (100,000)"
        in figure_comparison(rows, "troops · Russia").layout.title.subtitle.text
    )


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


@pytest.mark.parametrize(("value", "text"), [(7, "7"), (950, "950"), (5879, "5.9k"), (17_372, "17k")])
def test_grid_cells_hold_short_counts(value, text):
    assert charts.compact(value) == text


def test_a_measure_cited_in_more_outlets_than_columns_fit_is_drawn_down():
    from lib.charts import MAX_COLUMNS, figure_comparison

    n = 3 * MAX_COLUMNS
    rows = pd.DataFrame(
        {
            "measure": ["troops · Russia"] * n,
            "article_id": [f"a{i}" for i in range(n)],
            "label": [f"article {i}" for i in range(n)],
            "outlet": [f"Outlet {i:02d}" for i in range(n)],
            "value": [100_000 if i % 2 else 150_000 for i in range(n)],
            "disagree": [True] * n,
        }
    )
    fig = figure_comparison(rows, "troops · Russia")
    assert fig.layout.yaxis.type == "category" and len(set(fig.data[0].y)) == n
    assert fig.layout.height >= 18 * n


def test_pooled_by_pools_every_group_as_pool_means_does():
    import numpy as np

    from lib.charts import pool_means, pooled_by

    rng = np.random.default_rng(7)
    frame = pd.DataFrame(
        {
            "actor": rng.choice(list("abcdef"), 200),
            "outlet": rng.choice(list("xyz"), 200),
            "polarity": rng.normal(size=200),
            "polarity_sd": rng.random(200),
            "n_sentences": rng.integers(0, 6, 200),
        }
    )
    frame.loc[frame["actor"] == "f", "n_sentences"] = 0  # a group with no sentences
    pooled = pooled_by(frame, "actor", mean="polarity", sd="polarity_sd", n="n_sentences").set_index("actor")
    for actor, group in frame.groupby("actor"):
        mean, sd, n = pool_means(group, mean="polarity", sd="polarity_sd", n="n_sentences")
        row = pooled.loc[actor]
        assert row["n_sentences"] == n and row["outlets"] == group["outlet"].nunique()
        assert np.allclose([row["polarity"], row["polarity_sd"]], [mean, sd], equal_nan=True)
