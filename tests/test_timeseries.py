"""lib.timeseries: series per outlet and actor by day and week (zero-filled, n per point, top N
and "other"), the rows behind a point, groups of outlets compared, and one count per story."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from lib.errors import DataFileError
from lib.ingest import article_id
from lib.timeseries import (
    Group,
    compare,
    compare_rows,
    country_groups,
    outlet_countries,
    period_start,
    periods,
    rows_behind,
    series,
    story_copies,
)
from lib.types import Article

# Made-up articles: two from Alpha Post in the week of Monday 7 February 2022, one from Beta
# Times two weeks later (the week between is empty), one undated.
TEXTS = [
    ("Alpha Post", dt.date(2022, 2, 7),
     "Jens Stoltenberg said that NATO is ready for dialogue with Russia. The talks were calm and useful."),
    ("Alpha Post", dt.date(2022, 2, 9),
     "Sergey Lavrov said that Russia rejects the demands of NATO. The mood was tense. Officials left early."),
    ("Beta Times", dt.date(2022, 2, 21),
     "Jens Stoltenberg said that NATO will defend every ally. Russia denied any plan to attack."),
    ("Beta Times", None, "Russia held exercises near the border. Analysts watched closely."),
]  # fmt: skip


def _article(outlet: str, date: dt.date | None, text: str) -> Article:
    return Article(id=article_id(text), file=f"{outlet}.txt", text=text, title=text[:20], outlet=outlet, date=date)


@pytest.fixture(scope="module")
def tables():
    from lib.corpus import analyse

    return analyse([_article(*row) for row in TEXTS])[1]


@pytest.mark.parametrize(
    ("day", "freq", "start"),
    [
        (dt.date(2022, 2, 7), "week", dt.date(2022, 2, 7)),  # a Monday starts its week
        (dt.date(2022, 2, 13), "week", dt.date(2022, 2, 7)),  # a Sunday ends it
        (dt.date(2022, 2, 14), "week", dt.date(2022, 2, 14)),
        (dt.date(2022, 1, 1), "week", dt.date(2021, 12, 27)),  # across a year's end
        (dt.date(2022, 2, 13), "day", dt.date(2022, 2, 13)),
    ],
)
def test_a_day_falls_in_its_period(day, freq, start):
    assert period_start(day, freq) == start


def test_an_unknown_frequency_names_the_known_ones():
    with pytest.raises(ValueError, match="day, week"):
        period_start(dt.date(2022, 2, 7), "month")


def test_periods_include_the_empty_ones():
    assert periods(dt.date(2022, 2, 9), dt.date(2022, 2, 21), "week") == [
        dt.date(2022, 2, 7),
        dt.date(2022, 2, 14),
        dt.date(2022, 2, 21),
    ]
    assert len(periods(dt.date(2022, 2, 7), dt.date(2022, 2, 21), "day")) == 15


def _point(ts, name, day):
    rows = ts.frame[(ts.frame["series"] == name) & (ts.frame["period"] == day)]
    assert len(rows) == 1, (name, day)
    return rows.iloc[0]


def test_weekly_series_per_outlet_are_zero_filled_with_n(tables):
    ts = series(tables, "textblob", by="outlet", freq="week")
    assert ts.periods == (dt.date(2022, 2, 7), dt.date(2022, 2, 14), dt.date(2022, 2, 21))
    assert set(ts.named) == {"Alpha Post", "Beta Times"} and ts.other is None
    assert len(ts.frame) == 2 * 3  # every series has every period
    first = _point(ts, "Alpha Post", dt.date(2022, 2, 7))
    assert first["tone_n"] == 5 and first["articles"] == 2  # both Alpha articles' sentences
    assert first["stance_n"] == 2  # Stoltenberg's and Lavrov's statements
    sentences = tables.sentences[tables.sentences["outlet"] == "Alpha Post"]["polarity_textblob"]
    assert first["tone"] == pytest.approx(sentences.mean())
    gap = _point(ts, "Alpha Post", dt.date(2022, 2, 14))
    assert gap["tone_n"] == 0 and gap["stance_n"] == 0 and gap["articles"] == 0
    assert math.isnan(gap["tone"]) and math.isnan(gap["stance"])  # a gap, not a zero
    assert ts.undated == 1  # the undated article has no place on the axis


def test_daily_series_hold_every_day_of_the_span(tables):
    ts = series(tables, "textblob", by="outlet", freq="day")
    assert len(ts.periods) == 15
    assert _point(ts, "Alpha Post", dt.date(2022, 2, 9))["tone_n"] == 3
    assert _point(ts, "Alpha Post", dt.date(2022, 2, 8))["tone_n"] == 0


def test_series_per_actor_count_the_sentences_naming_them(tables):
    ts = series(tables, "textblob", by="actor", freq="week", max_series=20)
    nato = _point(ts, "NATO", dt.date(2022, 2, 7))
    assert nato["tone_n"] == 2 and nato["articles"] == 2
    assert _point(ts, "NATO", dt.date(2022, 2, 21))["tone_n"] == 1


def test_stance_per_speaker_counts_their_statements(tables):
    ts = series(tables, "textblob", by="actor", freq="week", metric="stance", max_series=20)
    assert "Jens Stoltenberg" in ts.named and "Sergey Lavrov" in ts.named
    assert _point(ts, "Jens Stoltenberg", dt.date(2022, 2, 7))["stance_n"] == 1
    assert _point(ts, "Jens Stoltenberg", dt.date(2022, 2, 21))["stance_n"] == 1
    assert _point(ts, "Sergey Lavrov", dt.date(2022, 2, 21))["stance_n"] == 0


def test_the_top_series_are_named_and_the_rest_pooled(tables):
    ts = series(tables, "textblob", by="outlet", freq="week", max_series=1)
    assert ts.named == ("Alpha Post",)  # five dated sentences against two
    assert ts.other == "other 1 outlet" and ts.pooled == ("Beta Times",)
    other = _point(ts, ts.other, dt.date(2022, 2, 21))
    assert other["pooled"] and other["tone_n"] == 2


def test_a_minimum_n_sends_small_series_to_other(tables):
    ts = series(tables, "textblob", by="outlet", freq="week", max_series=5, min_n=3)
    assert ts.named == ("Alpha Post",) and ts.pooled == ("Beta Times",)


def test_no_dated_article_gives_an_empty_series(tables):
    undated = tables.filter(article_ids=list(tables.articles.loc[tables.articles["date"].isna(), "article_id"]))
    ts = series(undated, "textblob")
    assert ts.frame.empty and ts.undated == 1


def test_the_rows_behind_a_point_are_its_period_and_series(tables):
    rows = rows_behind(tables, by="outlet", metric="tone", keys=["Alpha Post"], period=dt.date(2022, 2, 7),
                       freq="week")  # fmt: skip
    assert len(rows) == 5
    assert rows_behind(tables, by="outlet", metric="tone", keys=["Alpha Post"], period=dt.date(2022, 2, 14),
                       freq="week").empty  # fmt: skip
    said = rows_behind(tables, by="actor", metric="stance", keys=["Jens Stoltenberg"], period=None, freq="week")
    assert len(said) == 2 and set(said["label"]) == {"statement"}
    named = rows_behind(tables, by="actor", metric="tone", keys=["NATO"], period=dt.date(2022, 2, 21), freq="day")
    assert len(named) == 1 and named["label"].iloc[0] == "NATO"


# ---- groups and the comparison ----------------------------------------------------------------


def test_outlets_are_grouped_by_country_the_largest_first():
    groups = country_groups(
        ["Alpha Post", "Beta Times", "Gamma Daily", "Nowhere News"],
        {"Alpha Post": "Freedonia", "Beta Times": "Sylvania", "Gamma Daily": "Sylvania"},
    )
    assert list(groups) == ["Sylvania", "Freedonia", "(country not known)"]
    assert groups["Sylvania"] == Group("Sylvania", ("Beta Times", "Gamma Daily"))


def test_the_packaged_outlets_state_their_country():
    countries = outlet_countries()
    assert countries and all(isinstance(c, str) and c for c in countries.values())


def test_a_country_that_is_not_text_names_the_file_and_entry(tmp_path):
    path = tmp_path / "outlets.yml"
    path.write_text("outlets:\n  - {name: Alpha Post, country: 12}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"outlets\[0\]\.country"):
        outlet_countries(path)


def test_two_outlets_side_by_side(tables):
    comparison = compare(tables, Group("Alpha Post", ("Alpha Post",)), Group("Beta Times", ("Beta Times",)),
                         engine="textblob")  # fmt: skip
    overview = comparison.overview.set_index("group")
    assert overview.loc["Alpha Post", "articles"] == 2 and overview.loc["Beta Times", "articles"] == 2
    assert overview.loc["Alpha Post", "sentences"] == 5
    voice = comparison.voice
    assert voice.groupby("group")["share"].sum().round(6).eq(1).all()
    assert set(voice.loc[voice["group"] == "Alpha Post", "speaker"]) == {"Jens Stoltenberg", "Sergey Lavrov"}
    assert set(comparison.stance["group"]) == {"Alpha Post", "Beta Times"}
    tone = comparison.tone.set_index(["actor", "group"])
    assert tone.loc[("NATO", "Alpha Post"), "n_sentences"] == 2


def test_a_group_of_outlets_pools_them_and_an_outlet_may_be_in_both(tables):
    both = Group("Everyone", ("Alpha Post", "Beta Times"))
    comparison = compare(tables, both, Group("Alpha Post", ("Alpha Post",)), engine="textblob")
    overview = comparison.overview.set_index("group")
    assert overview.loc["Everyone", "articles"] == 4 and overview.loc["Alpha Post", "articles"] == 2


def test_two_groups_of_one_name_are_told_apart(tables):
    same = Group("Alpha Post", ("Alpha Post",))
    comparison = compare(tables, same, same, engine="textblob")
    assert list(comparison.overview["group"]) == ["Alpha Post", "Alpha Post (B)"]


def test_an_empty_group_compares_as_nothing(tables):
    comparison = compare(tables, Group("Alpha Post", ("Alpha Post",)), Group("None", ()), engine="textblob")
    assert comparison.overview.set_index("group").loc["None", "articles"] == 0
    assert set(comparison.voice["group"]) == {"Alpha Post"}


def test_the_rows_behind_a_comparison_mark(tables):
    beta = Group("Beta Times", ("Beta Times",))
    said = compare_rows(tables, beta, view="stance", key="Jens Stoltenberg")
    assert len(said) == 1 and set(said["article_id"]) <= set(tables.articles["article_id"])
    assert compare_rows(tables, beta, view="voice", key="Sergey Lavrov").empty
    assert len(compare_rows(tables, beta, view="tone", key="Russia")) >= 2
    with pytest.raises(ValueError, match="tone, voice, stance, figures"):
        compare_rows(tables, beta, view="bubbles", key="")


# ---- count each story once ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kept", "links", "copies"),
    [
        ({"a", "b"}, {"b": "a"}, {"b"}),  # a copy of a kept article folds into it
        ({"b"}, {"b": "a"}, set()),  # its original filtered out: the copy stands for the story
        ({"a", "b", "c"}, {"b": "a", "c": "b"}, {"b", "c"}),  # a chain folds into its first
        ({"a", "c"}, {"b": "a", "c": "b"}, {"c"}),  # ... through a copy that is filtered out
        ({"b", "c"}, {"b": "a", "c": "b"}, {"c"}),
        ({"a", "b"}, {}, set()),  # no link, nothing folded
    ],
)
def test_story_copies(kept, links, copies):
    assert story_copies(kept, links) == copies


def test_a_loop_of_links_keeps_one_copy():
    assert story_copies({"a", "b"}, {"a": "b", "b": "a"}) == {"b"}
