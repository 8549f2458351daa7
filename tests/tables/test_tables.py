"""lib.tables on the seeds: frames, summaries, filters and engines scored on demand."""

import math

import pandas as pd

from lib.sentiment import get_engine
from lib.tables import (
    UNKNOWN_OUTLET,
    actor_summary,
    measures,
    outlet_tone,
    polarity_column,
    share_of_voice,
)


def test_sentences_carry_the_requested_engine_only(seed_tables):
    assert seed_tables.engines() == ["textblob"]
    row = seed_tables.sentences.iloc[0]
    assert row[polarity_column("textblob")] == get_engine("textblob").score(row["text"])[0]


def test_another_engine_is_scored_on_demand_with_progress(seed_tables):
    seen = []
    scored = seed_tables.with_engine("vader", progress=lambda done, total: seen.append((done, total)))
    assert scored.engines() == ["textblob", "vader"]
    assert seen[-1] == (len(seed_tables.sentences), len(seed_tables.sentences))
    first = scored.sentences.iloc[3]
    assert first["polarity_vader"] == get_engine("vader").score(first["text"])[0]
    assert math.isnan(first["subjectivity_vader"])
    assert "polarity_vader" not in seed_tables.sentences  # the original is left alone
    assert scored.with_engine("vader") is scored


def test_actor_summary_counts_and_means(seed_tables):
    summary = actor_summary(seed_tables, "textblob")
    nato = summary[summary["actor"] == "NATO"]
    assert nato["mentions"].sum() == (seed_tables.mentions["actor"] == "NATO").sum()
    assert (nato["n_sentences"] > 0).all() and nato["polarity"].between(-1, 1).all()
    assert set(summary["engine"]) == {"textblob"}


def test_rollup_counts_people_for_whom_they_speak(seed_tables):
    plain = actor_summary(seed_tables, "textblob")
    rolled = actor_summary(seed_tables, "textblob", rollup=True)
    assert "Jens Stoltenberg" in set(plain["actor"]) and "Jens Stoltenberg" not in set(rolled["actor"])
    assert (
        rolled.loc[rolled["actor"] == "NATO", "mentions"].sum() > plain.loc[plain["actor"] == "NATO", "mentions"].sum()
    )


def test_outlet_tone_has_one_row_per_outlet(seed_tables):
    tone = outlet_tone(seed_tables, "textblob")
    assert sorted(tone["outlet"]) == sorted(seed_tables.articles["outlet"].unique())
    assert not seed_tables.articles["outlet"].isna().any()  # an unstated outlet shows as UNKNOWN_OUTLET
    assert UNKNOWN_OUTLET in set(tone["outlet"]) or seed_tables.articles["outlet"].ne(UNKNOWN_OUTLET).all()
    assert tone["n_sentences"].sum() == len(seed_tables.sentences)


def test_share_of_voice_sums_to_one_per_outlet(seed_tables):
    voices = share_of_voice(seed_tables)
    share = next(c for c in voices.columns if "share" in c)
    assert voices.groupby("outlet")[share].sum().round(6).eq(1).all()


def test_troop_figures_disagree_across_outlets(seed_tables):
    rows = measures(seed_tables)
    troops = rows[rows["value"].isin([150_000, 100_000])]
    assert not troops.empty and troops["disagree"].all()
    assert troops["outlet"].nunique() >= 2


def test_filter_keeps_every_frame_consistent(seed_tables):
    outlet = seed_tables.articles["outlet"].iloc[0]
    kept = seed_tables.filter(outlets=[outlet])
    ids = set(kept.articles["article_id"])
    assert len(ids) >= 1
    for name in kept.names():
        assert set(getattr(kept, name)["article_id"]) <= ids
    nothing = seed_tables.filter(date_range=(pd.Timestamp("1990-01-01"), pd.Timestamp("1990-01-02")))
    assert nothing.articles["date"].isna().all()  # only undated articles survive a date filter


def test_concat_keeps_every_row_in_order(seed_tables):
    first = seed_tables.filter(article_ids=list(seed_tables.articles["article_id"][:2]))
    rest = seed_tables.filter(article_ids=list(seed_tables.articles["article_id"][2:]))
    joined = type(seed_tables).concat([first, rest])
    for name in seed_tables.names():
        assert len(getattr(joined, name)) == len(getattr(seed_tables, name))
    assert list(joined.articles["article_id"]) == list(seed_tables.articles["article_id"])


def test_summaries_are_computed_once_per_tables_object(seed_tables):
    first = actor_summary(seed_tables, "textblob", rollup=True)
    assert actor_summary(seed_tables, "textblob", rollup=True) is first
    assert actor_summary(seed_tables, "textblob") is not first  # other arguments, other summary
    narrowed = seed_tables.filter(outlets=[seed_tables.articles["outlet"].iloc[0]])
    assert actor_summary(narrowed, "textblob", rollup=True)["mentions"].sum() <= first["mentions"].sum()
    assert measures(seed_tables) is measures(seed_tables)


def test_rows_rebuilt_for_some_articles_go_back_in_the_corpus_order(seed_tables):
    ids = list(seed_tables.articles["article_id"])
    first = seed_tables.filter(article_ids=ids[:1])
    rest = seed_tables.filter(article_ids=ids[1:])
    shuffled = type(seed_tables).concat([rest, first])
    back = shuffled.in_order(ids)
    for name in seed_tables.names():
        assert getattr(back, name).equals(getattr(seed_tables, name)), name
