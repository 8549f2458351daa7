"""lib.tables.columns: every column of every frame and summary, built on the seeds, has one
line of meaning, and every documented column is made."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.tables import columns, summaries
from lib.tables.columns import BY_PATTERN, ENGINE_PATTERN, FRAMES, SUMMARIES, meaning


@pytest.fixture(scope="module")
def scored(seed_tables):
    """The seeds' tables with a second engine, so that each engine's columns are seen."""
    return seed_tables.with_engine("vader")


def summary_frames(tables) -> dict[str, tuple[pd.DataFrame, str | None]]:
    """Every summary, with the column it was grouped ``by`` (speaker_stance's)."""
    return {
        "actor_summary": (summaries.actor_summary(tables, "vader"), None),
        "outlet_tone": (summaries.outlet_tone(tables, "textblob"), None),
        "share_of_voice": (summaries.share_of_voice(tables), None),
        "speaker_stance": (summaries.speaker_stance(tables), "outlet"),
        "target_matrix": (summaries.target_matrix(tables, rollup=True), None),
        "measures": (summaries.measures(tables), None),
        "outlet_values": (summaries.outlet_values(tables), None),
        "measure_summary": (summaries.measure_summary(tables), None),
        "co_mentions": (summaries.co_mentions(tables), None),
    }


def documented(frame: pd.DataFrame, name: str, *, by: str | None = None) -> list[str]:
    """The frame's columns as the schema names them (an engine's as polarity_<engine>)."""
    out = []
    for column in frame.columns:
        if column == by:
            out.append(BY_PATTERN)
        elif column.startswith((columns.POLARITY_PREFIX, columns.SUBJECTIVITY_PREFIX)) and name == "sentences":
            out.append(column.split("_", 1)[0] + "_" + ENGINE_PATTERN)
        else:
            out.append(column)
    return list(dict.fromkeys(out))


@pytest.mark.parametrize("name", list(FRAMES))
def test_every_column_of_every_frame_is_documented_and_every_documented_column_is_made(scored, name):
    frame = getattr(scored, name)
    assert not frame.empty, name  # the seeds make a row of every frame
    assert documented(frame, name) == list(FRAMES[name]), f"document new columns of {name} in lib.tables.columns"
    assert all(meaning(name, column) for column in frame.columns)


@pytest.mark.parametrize("name", list(SUMMARIES))
def test_every_column_of_every_summary_is_documented(scored, name):
    frame, by = summary_frames(scored)[name]
    assert not frame.empty, name
    assert documented(frame, name, by=by) == list(SUMMARIES[name]), f"document new columns of {name}"


def test_every_summary_is_documented():
    public = {n for n in vars(summaries) if not n.startswith("_") and callable(getattr(summaries, n))}
    made_here = {n for n in public if getattr(summaries, n).__module__ == summaries.__name__}
    assert made_here == set(SUMMARIES)


def test_the_empty_frames_have_the_documented_columns():
    from lib.tables import build_tables

    empty = build_tables([], [])
    for name in FRAMES:
        assert documented(getattr(empty, name), name) == [c for c in FRAMES[name] if ENGINE_PATTERN not in c]


def test_speaker_stance_by_article_names_its_grouping_column(scored):
    frame = summaries.speaker_stance(scored, by="article_id")
    assert documented(frame, "speaker_stance", by="article_id") == list(SUMMARIES["speaker_stance"])
    assert meaning("speaker_stance", "article_id", by="article_id") == SUMMARIES["speaker_stance"][BY_PATTERN]


@pytest.mark.parametrize(
    ("frame", "column", "found"),
    [
        ("sentences", "polarity_textblob", "polarity by that engine"),
        ("sentences", "subjectivity_vader", "subjectivity by that engine"),
        ("mentions", "kind", "state | organisation"),
        ("figures", "kind", "count | money"),
        ("evidence", "counted", "counts for the statement's stance"),
    ],
)
def test_a_name_means_what_its_frame_says(frame, column, found):
    assert found in meaning(frame, column)


@pytest.mark.parametrize(
    ("frame", "column", "message"),
    [("mentions", "polarity_textblob", "not documented; documented: article_id"), ("nothing", "x", "known: articles")],
)
def test_an_unknown_column_or_frame_is_an_error_that_names_the_known_ones(frame, column, message):
    with pytest.raises(KeyError, match=message):
        meaning(frame, column)


def test_one_constant_per_column_name():
    names = {c for schema in (*FRAMES.values(), *SUMMARIES.values()) for c in schema if "<" not in c}
    constants = {value for key, value in vars(columns).items() if key.isupper() and isinstance(value, str)}
    assert names <= constants


# What the seeds leave empty, and why; any other empty column is one the builders do not fill
# (a row key spelled otherwise than its schema entry is dropped, and the column left empty).
EMPTY_ON_THE_SEEDS = {
    "articles": {"url"},  # plain-text seeds state no URL
    "sentences": {"subjectivity_vader"},  # VADER gives no subjectivity
    "quotes": {"corrected"},  # nothing corrected
    "figures": {"unit", "corrected"},  # no money or measure among the seeds' figures
}


@pytest.mark.parametrize("name", list(FRAMES))
def test_every_documented_column_is_filled_somewhere_on_the_seeds(scored, name):
    frame = getattr(scored, name)
    empty = {column for column in frame.columns if frame[column].isna().all()}
    assert empty == EMPTY_ON_THE_SEEDS.get(name, set())
