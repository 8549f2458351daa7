"""The pandas summaries of a corpus's tables: per outlet, actor, speaker, target and measure.

Each is computed once per tables object and arguments (``Tables.memo``). Their columns are
documented in ``lib.tables.columns.SUMMARIES``; ``lib.analytics.queries`` answers the same
summaries in SQL, and its tests compare the two.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from typing import Concatenate, ParamSpec

import pandas as pd

from lib.figures import DEFAULT_WINDOW_DAYS, compare_figures
from lib.stance import load_stance_lexicon, pool
from lib.tables.build import Tables
from lib.tables.columns import (
    ABOUT,
    ACTOR,
    ALL_TARGETS,
    ARTICLE_ID,
    ARTICLES,
    BY_PATTERN,
    CONFLICT,
    COOPERATION,
    COUNTED,
    COUNTED_SURFACE,
    DATE,
    DIRECT,
    DISAGREE,
    END,
    ENGINE,
    KIND,
    LABEL,
    MEASURE,
    MENTIONS,
    N_CUES,
    N_FIGURES,
    N_QUOTES,
    N_SENTENCES,
    OTHER,
    OUTLET,
    POLARITY,
    POLARITY_SD,
    QUALIFIER,
    QUOTES,
    ROLLUP,
    SCORE,
    SENTENCE_INDEX,
    SENTENCES,
    SHARE,
    SPEAKER,
    SPEAKER_ROLLUP,
    SPREAD,
    START,
    SUBJECTIVITY,
    SUMMARIES,
    SURFACE,
    TARGET,
    UNIT,
    UNKNOWN_OUTLET,
    VALUE,
    polarity_column,
    subjectivity_column,
)
from lib.types import Figure

_P = ParamSpec("_P")


def _memoized(
    summary: Callable[Concatenate[Tables, _P], pd.DataFrame],
) -> Callable[Concatenate[Tables, _P], pd.DataFrame]:
    """A summary computed once per tables object and arguments (``Tables.memo``): pages
    that share filters, and reruns, reuse it. The result is shared: never modify it in place."""

    @functools.wraps(summary)
    def wrapper(tables: Tables, /, *args: _P.args, **kwargs: _P.kwargs) -> pd.DataFrame:
        key = f"{summary.__name__}:{args!r}:{sorted(kwargs.items())!r}"
        return tables.memo(key, lambda: summary(tables, *args, **kwargs))

    return wrapper


@_memoized
def actor_summary(tables: Tables, engine: str, *, rollup: bool = False) -> pd.DataFrame:
    """Per actor x outlet: mentions, and the mean polarity / subjectivity (with n and
    standard deviation) of the sentences that mention the actor."""
    key = ROLLUP if rollup else ACTOR
    columns = list(SUMMARIES["actor_summary"])
    if tables.mentions.empty:
        return pd.DataFrame(columns=columns)
    mentions = tables.mentions.groupby([key, OUTLET]).size().rename(MENTIONS)
    pairs = tables.mentions[[ARTICLE_ID, SENTENCE_INDEX, key, OUTLET]].drop_duplicates()
    scored = pairs.merge(
        tables.sentences[[ARTICLE_ID, SENTENCE_INDEX, polarity_column(engine), subjectivity_column(engine)]],
        on=[ARTICLE_ID, SENTENCE_INDEX],
    )
    grouped = scored.groupby([key, OUTLET])
    summary = pd.DataFrame(
        {
            POLARITY: grouped[polarity_column(engine)].mean(),
            POLARITY_SD: grouped[polarity_column(engine)].std(),
            SUBJECTIVITY: grouped[subjectivity_column(engine)].mean(),
            N_SENTENCES: grouped.size(),
        }
    )
    out = summary.join(mentions, how="outer").reset_index().rename(columns={key: ACTOR})
    out[ENGINE] = engine
    return out[columns].sort_values([MENTIONS, ACTOR], ascending=[False, True]).reset_index(drop=True)


@_memoized
def outlet_tone(tables: Tables, engine: str) -> pd.DataFrame:
    """Per outlet: articles, sentences, mean polarity (sd) and subjectivity, quotes."""
    columns = list(SUMMARIES["outlet_tone"])
    if tables.sentences.empty:
        return pd.DataFrame(columns=columns)
    grouped = tables.sentences.groupby(OUTLET)
    frame = pd.DataFrame(
        {
            ARTICLES: grouped[ARTICLE_ID].nunique(),
            N_SENTENCES: grouped.size(),
            POLARITY: grouped[polarity_column(engine)].mean(),
            POLARITY_SD: grouped[polarity_column(engine)].std(),
            SUBJECTIVITY: grouped[subjectivity_column(engine)].mean(),
        }
    )
    frame[QUOTES] = tables.quotes.groupby(OUTLET).size().reindex(frame.index).fillna(0).astype(int)
    frame[ENGINE] = engine
    return frame.reset_index()[columns]


@_memoized
def share_of_voice(tables: Tables, *, rollup: bool = False) -> pd.DataFrame:
    """Per outlet x speaker: statements and their share of the outlet's statements."""
    columns = list(SUMMARIES["share_of_voice"])
    if tables.quotes.empty:
        return pd.DataFrame(columns=columns)
    key = SPEAKER_ROLLUP if rollup else SPEAKER
    grouped = tables.quotes.groupby([OUTLET, key])
    frame = pd.DataFrame({QUOTES: grouped.size(), DIRECT: grouped[DIRECT].sum()}).reset_index()
    frame = frame.rename(columns={key: SPEAKER})
    frame[SHARE] = frame[QUOTES] / frame.groupby(OUTLET)[QUOTES].transform("sum")
    return frame[columns].sort_values([OUTLET, QUOTES], ascending=[True, False]).reset_index(drop=True)


@_memoized
def speaker_stance(tables: Tables, *, by: str = OUTLET, rollup: bool = False) -> pd.DataFrame:
    """Per speaker (x outlet): the stance over every statement, from the pooled cues; with
    ``rollup``, per whom the speaker speaks for (Lavrov's statements count for Russia)."""
    overall = tables.stance[tables.stance[TARGET] == ALL_TARGETS]
    key = SPEAKER_ROLLUP if rollup else SPEAKER
    columns = [by if column == BY_PATTERN else column for column in SUMMARIES["speaker_stance"]]
    if overall.empty:
        return pd.DataFrame(columns=columns)
    lexicon = load_stance_lexicon()
    rows = []
    for (speaker, group_value), group in overall.groupby([key, by]):
        stance = pool(float(group[COOPERATION].sum()), float(group[CONFLICT].sum()), int(group[N_CUES].sum()),
                      lexicon=lexicon)  # fmt: skip
        rows.append(
            {
                SPEAKER: speaker,
                by: group_value,
                SCORE: stance.score,
                LABEL: stance.label,
                COOPERATION: stance.cooperation,
                CONFLICT: stance.conflict,
                N_CUES: stance.n_cues,
                N_QUOTES: int(group[N_QUOTES].sum()),
                ARTICLES: group[ARTICLE_ID].nunique(),
            }
        )
    return pd.DataFrame(rows, columns=columns).sort_values([N_QUOTES, SPEAKER], ascending=[False, True])


@_memoized
def target_matrix(tables: Tables, *, rollup: bool = False) -> pd.DataFrame:
    """Speaker -> target: pooled stance score, statements and cues; with ``rollup``, per
    whom the speaker speaks for."""
    pairs = tables.stance[tables.stance[TARGET] != ALL_TARGETS]
    key = SPEAKER_ROLLUP if rollup else SPEAKER
    columns = list(SUMMARIES["target_matrix"])
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    lexicon = load_stance_lexicon()
    rows = []
    for (speaker, target), group in pairs.groupby([key, TARGET]):
        stance = pool(float(group[COOPERATION].sum()), float(group[CONFLICT].sum()), int(group[N_CUES].sum()),
                      lexicon=lexicon)  # fmt: skip
        rows.append(
            {
                SPEAKER: speaker,
                TARGET: target,
                SCORE: stance.score,
                LABEL: stance.label,
                N_QUOTES: int(group[N_QUOTES].sum()),
                N_CUES: stance.n_cues,
            }
        )
    return pd.DataFrame(rows, columns=columns)


@_memoized
def measures(
    tables: Tables, *, window_days: int | None = DEFAULT_WINDOW_DAYS, measure: str | None = None
) -> pd.DataFrame:
    """Figures grouped by what they measure (the same counted thing, actor and unit), one row
    per measure x article, with the disagreement flag: two articles at most ``window_days``
    apart (None: any two) give different values; further apart, a change over time. With
    ``measure``, that measure's rows only."""
    if measure is not None:
        every = measures(tables, window_days=window_days)
        return every[every[MEASURE] == measure].reset_index(drop=True)
    columns = list(SUMMARIES["measures"])
    if tables.figures.empty:
        return pd.DataFrame(columns=columns)
    by_article: dict[str, list[Figure]] = {}
    for row in tables.figures.to_dict("records"):
        by_article.setdefault(str(row[ARTICLE_ID]), []).append(
            Figure(
                value=float(row[VALUE]),
                counted=str(row[COUNTED]),
                counted_surface=str(row[COUNTED_SURFACE]),
                qualifier=_text_or_none(row[QUALIFIER]),
                about=_text_or_none(row[ABOUT]),
                kind=str(row[KIND]),
                unit=_text_or_none(row[UNIT]),
                start=int(row[START]),
                end=int(row[END]),
                sentence_index=int(row[SENTENCE_INDEX]),
                surface=str(row[SURFACE]),
            )
        )
    outlets = dict(zip(tables.articles[ARTICLE_ID], tables.articles[OUTLET], strict=False))
    labels = dict(zip(tables.articles[ARTICLE_ID], tables.articles[LABEL], strict=False))
    parsed = pd.to_datetime(tables.articles[DATE], errors="coerce")
    dates = {
        str(article_id): None if pd.isna(when) else when.date()
        for article_id, when in zip(tables.articles[ARTICLE_ID], parsed, strict=False)
    }
    counts = tables.figures.groupby([MEASURE, ARTICLE_ID]).size()
    rows = []
    for compared in compare_figures(by_article, dates=dates, window_days=window_days):
        for article_id, value in compared.values.items():
            rows.append(
                {
                    MEASURE: compared.key,
                    COUNTED: compared.counted,
                    ABOUT: compared.about,
                    KIND: compared.kind,
                    UNIT: compared.unit,
                    ARTICLE_ID: article_id,
                    OUTLET: outlets.get(article_id, UNKNOWN_OUTLET),
                    LABEL: labels.get(article_id),
                    DATE: dates.get(article_id),
                    VALUE: value,
                    N_FIGURES: int(counts.get((compared.key, article_id), 0)),
                    ARTICLES: len(compared.values),
                    DISAGREE: compared.disagree,
                    SPREAD: None if math.isinf(compared.spread) else compared.spread,
                }
            )
    return pd.DataFrame(rows, columns=columns)


@_memoized
def outlet_values(
    tables: Tables,
    *,
    window_days: int | None = DEFAULT_WINDOW_DAYS,
    disputed: bool = False,
    measures: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Each outlet's largest value for each measure (with ``disputed``: for the measures
    outlets disagree on only; with ``measures``: those only), the most cited measures first,
    then by name and outlet."""
    columns = list(SUMMARIES["outlet_values"])
    table = _measures_of(tables, window_days, measures)
    if disputed:
        table = table[table[DISAGREE].astype(bool)]
    if table.empty:
        return pd.DataFrame(columns=columns)
    grouped = table.groupby([MEASURE, OUTLET], sort=False).agg(value=(VALUE, "max"), articles=(ARTICLES, "max"))
    grouped = grouped.reset_index().sort_values([ARTICLES, MEASURE, OUTLET], ascending=[False, True, True])
    return grouped[columns].reset_index(drop=True)


@_memoized
def measure_summary(
    tables: Tables, *, window_days: int | None = DEFAULT_WINDOW_DAYS, measures: Sequence[str] | None = None
) -> pd.DataFrame:
    """Per measure: the articles that give it, whether they disagree, how many distinct
    values they give and the smallest and largest (with ``measures``: those only); the
    disputed first, then the most cited."""
    columns = list(SUMMARIES["measure_summary"])
    table = _measures_of(tables, window_days, measures)
    if table.empty:
        return pd.DataFrame(columns=columns)
    grouped = table.groupby(MEASURE, sort=False).agg(
        articles=(ARTICLES, "max"),
        disagree=(DISAGREE, "max"),
        n_values=(VALUE, "nunique"),
        low=(VALUE, "min"),
        high=(VALUE, "max"),
    )
    grouped = grouped.reset_index().sort_values([DISAGREE, ARTICLES, MEASURE], ascending=[False, False, True])
    return grouped[columns].reset_index(drop=True)


def _measures_of(tables: Tables, window_days: int | None, only: Sequence[str] | None) -> pd.DataFrame:
    table = measures(tables, window_days=window_days)
    return table if only is None else table[table[MEASURE].isin(list(only))]


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


@_memoized
def co_mentions(tables: Tables, *, rollup: bool = False) -> pd.DataFrame:
    """Pairs of actors named in the same sentence."""
    key = ROLLUP if rollup else ACTOR
    pairs = tables.mentions[[ARTICLE_ID, SENTENCE_INDEX, key]].drop_duplicates()
    joined = pairs.merge(pairs, on=[ARTICLE_ID, SENTENCE_INDEX])
    joined = joined[joined[f"{key}_x"] < joined[f"{key}_y"]]
    out = joined.groupby([f"{key}_x", f"{key}_y"]).size().rename(SENTENCES).reset_index()
    return out.rename(columns={f"{key}_x": ACTOR, f"{key}_y": OTHER}).sort_values(SENTENCES, ascending=False)
