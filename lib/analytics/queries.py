"""The summaries the pages draw, each one SQL query over the analytic tables keyed by the filters.

Each returns the columns of its pandas namesake in ``lib.tables`` (tested to agree): only the
pooling of stance weights into a score and label runs in Python afterwards, over the grouped
rows, through ``lib.stance.pool`` itself, so the thresholds are read in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.analytics.db import Analytics
from lib.analytics.schema import engine_columns
from lib.errors import StoreError
from lib.figures import DEFAULT_WINDOW_DAYS
from lib.stance import load_stance_lexicon, pool
from lib.tables import ALL_TARGETS

DISAGREE_TOLERANCE = 0.10  # as lib.figures.compare_figures: representative values further apart (relative)


@dataclass(frozen=True)
class Filters:
    """What the sidebar restricts the corpus to. Empty ``outlets`` / ``actors``: all of them;
    ``article_ids`` None: all (an empty tuple: none); ``undated`` keeps the articles with no
    known date under any date range (off: they are dropped)."""

    outlets: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    date_range: tuple[dt.date, dt.date] | None = None
    undated: bool = True
    article_ids: tuple[str, ...] | None = None

    def selection(self) -> tuple[str, list[object]]:
        """``sel AS (...)``: the kept articles (aid, article_id, outlet, n_quotes), and its parameters."""
        where: list[str] = []
        params: list[object] = []
        if self.outlets:
            where.append("list_contains(?::VARCHAR[], outlet)")
            params.append(list(self.outlets))
        if self.article_ids is not None:
            where.append("list_contains(?::VARCHAR[], article_id)")
            params.append(list(self.article_ids))
        if self.actors:
            where.append("aid IN (SELECT aid FROM mentions WHERE list_contains(?::VARCHAR[], actor))")
            params.append(list(self.actors))
        if self.date_range is not None:
            low, high = self.date_range
            where.append('("date" BETWEEN ? AND ?' + (' OR "date" IS NULL)' if self.undated else ")"))
            params += [_day(low), _day(high)]
        if not self.undated:
            where.append('"date" IS NOT NULL')
        condition = " AND ".join(where) or "TRUE"
        return f"sel AS (SELECT aid, article_id, outlet, n_quotes FROM articles WHERE {condition})", params


def _day(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(str(value)).date()


def _query(
    analytics: Analytics, filters: Filters, body: str, params: Sequence[object] = (), *, arrow: bool = False
) -> pd.DataFrame:
    selection, selection_params = filters.selection()
    return analytics.frame(f"WITH {selection} {body}", [*selection_params, *params], arrow=arrow)


def _level(rollup: bool) -> str:
    return "rollup" if rollup else "actor"


def _check_engine(analytics: Analytics, engine: str) -> None:
    engine_columns(engine)
    if engine not in analytics.engines():
        raise StoreError(f"no sentence is scored with {engine!r}; scored: {', '.join(analytics.engines()) or 'none'}")


# Mean and sample standard deviation (n - 1, as pandas) from per-article sums.
_TONE = """
    sum(t.sum_polarity) / nullif(sum(t.n_polarity), 0) AS polarity,
    CASE WHEN sum(t.n_polarity) >= 2 THEN sqrt(greatest(0.0,
        (sum(t.sum_polarity2) - sum(t.sum_polarity) * sum(t.sum_polarity) / sum(t.n_polarity))
        / (sum(t.n_polarity) - 1))) END AS polarity_sd,
    sum(t.sum_subjectivity) / nullif(sum(t.n_subjectivity), 0) AS subjectivity
"""


def actor_summary(analytics: Analytics, filters: Filters, engine: str, *, rollup: bool = False) -> pd.DataFrame:
    """Per actor x outlet: mentions, and the mean polarity / subjectivity (with n and standard
    deviation) of the sentences that mention the actor (``lib.tables.actor_summary``).
    Columns: actor, outlet, mentions, polarity, polarity_sd, subjectivity, n_sentences, engine."""
    _check_engine(analytics, engine)
    frame = _query(
        analytics,
        filters,
        f"""SELECT t.actor, sel.outlet, sum(t.mentions)::BIGINT AS mentions, {_TONE},
                   sum(t.n_sentences)::BIGINT AS n_sentences, ? AS engine
            FROM actor_tone t JOIN sel USING (aid) WHERE t.level = ? AND t.engine = ?
            GROUP BY t.actor, sel.outlet ORDER BY mentions DESC, t.actor, sel.outlet""",
        [engine, _level(rollup), engine],
    )
    return frame


def outlet_tone(analytics: Analytics, filters: Filters, engine: str) -> pd.DataFrame:
    """Per outlet: articles, sentences, mean polarity (sd) and subjectivity, quotes
    (``lib.tables.outlet_tone``).
    Columns: outlet, articles, n_sentences, polarity, polarity_sd, subjectivity, quotes, engine."""
    _check_engine(analytics, engine)
    return _query(
        analytics,
        filters,
        f"""SELECT sel.outlet, count(*) AS articles, sum(t.n_sentences)::BIGINT AS n_sentences, {_TONE},
                   sum(sel.n_quotes)::BIGINT AS quotes, ? AS engine
            FROM article_tone t JOIN sel USING (aid) WHERE t.engine = ?
            GROUP BY sel.outlet ORDER BY sel.outlet""",
        [engine, engine],
    )


def share_of_voice(analytics: Analytics, filters: Filters, *, rollup: bool = False) -> pd.DataFrame:
    """Per outlet x speaker: statements and their share of the outlet's statements
    (``lib.tables.share_of_voice``). Columns: outlet, speaker, quotes, direct, share."""
    key = "speaker_rollup" if rollup else "speaker"
    return _query(
        analytics,
        filters,
        f"""SELECT sel.outlet, q."{key}" AS speaker, count(*) AS quotes, sum(q.direct::INTEGER)::BIGINT AS direct,
                   count(*) / sum(count(*)) OVER (PARTITION BY sel.outlet) AS share
            FROM quotes q JOIN sel USING (aid)
            GROUP BY sel.outlet, q."{key}" ORDER BY sel.outlet, quotes DESC, speaker""",
    )


def _pooled(frame: pd.DataFrame) -> pd.DataFrame:
    """Score and label from the summed weights, through ``lib.stance.pool``."""
    lexicon = load_stance_lexicon()
    stances = [
        pool(float(c), float(k), int(n), lexicon=lexicon)
        for c, k, n in zip(frame["cooperation"], frame["conflict"], frame["n_cues"], strict=True)
    ]
    frame["score"] = [s.score for s in stances]
    frame["label"] = [s.label for s in stances]
    return frame


def speaker_stance(analytics: Analytics, filters: Filters, *, by: str = "outlet", rollup: bool = False) -> pd.DataFrame:
    """Per speaker (x outlet, or x article with ``by="article_id"``): the stance over every
    statement, pooled (``lib.tables.speaker_stance``).
    Columns: speaker, <by>, score, label, cooperation, conflict, n_cues, n_quotes, articles."""
    if by not in ("outlet", "article_id"):
        raise StoreError(f"speaker_stance by {by!r}: expected 'outlet' or 'article_id'")
    key = "speaker_rollup" if rollup else "speaker"
    columns = ["speaker", by, "score", "label", "cooperation", "conflict", "n_cues", "n_quotes", "articles"]
    frame = _query(
        analytics,
        filters,
        f"""SELECT st."{key}" AS speaker, sel."{by}", sum(st.cooperation) AS cooperation,
                   sum(st.conflict) AS conflict, sum(st.n_cues)::BIGINT AS n_cues,
                   sum(st.n_quotes)::BIGINT AS n_quotes, count(DISTINCT st.aid) AS articles
            FROM stance st JOIN sel USING (aid) WHERE st.target = ?
            GROUP BY st."{key}", sel."{by}" ORDER BY n_quotes DESC, speaker, sel."{by}" """,
        [ALL_TARGETS],
    )
    return _pooled(frame)[columns]


def target_matrix(analytics: Analytics, filters: Filters, *, rollup: bool = False) -> pd.DataFrame:
    """Speaker -> target: pooled stance score, statements and cues (``lib.tables.target_matrix``).
    Columns: speaker, target, score, label, n_quotes, n_cues."""
    key = "speaker_rollup" if rollup else "speaker"
    frame = _query(
        analytics,
        filters,
        f"""SELECT st."{key}" AS speaker, st.target, sum(st.cooperation) AS cooperation,
                   sum(st.conflict) AS conflict, sum(st.n_cues)::BIGINT AS n_cues,
                   sum(st.n_quotes)::BIGINT AS n_quotes
            FROM stance st JOIN sel USING (aid) WHERE st.target <> ?
            GROUP BY st."{key}", st.target ORDER BY speaker, st.target""",
        [ALL_TARGETS],
    )
    return _pooled(frame)[["speaker", "target", "score", "label", "n_quotes", "n_cues"]]


def _measure_rows(window_days: int | None, measures: Sequence[str] | None = None) -> tuple[str, list[object]]:
    """The CTEs after ``sel`` that the measure summaries share, ending in ``ranked``: one row
    per measure and article (measure, aid, value, n_figures, day, dayno, articles, spread,
    counted, about, kind, unit, disagree), and their parameters. With ``measures``, those
    measures' rows alone (whether a measure is disputed depends on its own rows only)."""
    only = "" if measures is None else " WHERE list_contains(?::VARCHAR[], v.measure)"
    only_figures = "" if measures is None else " WHERE list_contains(?::VARCHAR[], f.measure)"
    # A few measures' articles are put in the store's order among themselves only.
    of_measure = "" if measures is None else " WHERE aid IN (SELECT aid FROM per_article)"
    params: list[object] = [] if measures is None else [list(measures), list(measures)]
    # The largest value near each dated article's: a window over the measure's days, each day's
    # largest value first (a few values per measure and day instead of one row per article).
    if window_days is None:
        near = "NULL::DOUBLE AS high_near FROM daily WHERE FALSE"
        high = "o.high"
    else:
        near = (f"max(v) OVER (PARTITION BY measure ORDER BY dayno "
                f"RANGE BETWEEN {int(window_days)} PRECEDING AND {int(window_days)} FOLLOWING) AS high_near FROM daily")  # fmt: skip
        high = "CASE WHEN d.day IS NULL THEN o.high ELSE greatest(n.high_near, o.high_undated) END"
    sql = f""", per_article AS (
            SELECT v.measure, v.aid, v.value, v.n_figures::BIGINT AS n_figures
            FROM figure_values v JOIN sel USING (aid){only}),
        dated AS (
            SELECT p.*, a."date" AS day, date_diff('day', DATE '1970-01-01', a."date") AS dayno
            FROM per_article p JOIN articles a USING (aid)),
        overall AS (
            SELECT measure, count(*) AS articles, max(value) AS high,
                   max(value) FILTER (WHERE day IS NULL) AS high_undated
            FROM dated GROUP BY measure),
        daily AS (SELECT measure, dayno, max(value) AS v FROM dated WHERE dayno IS NOT NULL GROUP BY ALL),
        near AS (SELECT measure, dayno, {near}),
        spread AS (
            SELECT d.measure, greatest(1.0, max(CASE
                WHEN d.value > 0 THEN high / d.value
                WHEN high > d.value THEN 'inf'::DOUBLE
                ELSE 1.0 END)) AS spread
            FROM (SELECT d.measure, d.value, {high} AS high
                  FROM dated d JOIN overall o USING (measure) LEFT JOIN near n USING (measure, dayno)) d
            GROUP BY d.measure),
        -- The store's order (file name, then id) as a number: sorting by it is cheaper than by the two strings.
        store_order AS (
            SELECT aid, row_number() OVER (ORDER BY "file", article_id) AS ord FROM articles{of_measure}),
        first_seen AS (
            SELECT f.measure,
                   arg_min({{'counted': f.counted, 'about': f.about, 'kind': f.kind, 'unit': f.unit}},
                           (o.ord, f.figure_index)) AS first
            FROM figures f JOIN sel USING (aid) JOIN store_order o USING (aid){only_figures} GROUP BY f.measure),
        ranked AS (
            SELECT d.*, o.articles, s.spread, m.first.counted AS counted, m.first.about AS about,
                   m.first.kind AS kind, m.first.unit AS unit,
                   o.articles > 1 AND s.spread > ? AND coalesce(m.first.about, '') <> ''
                       AND coalesce(m.first.counted, '') <> ''
                       AND split_part(d.measure, ' · ', 1) <> 'percent' AS disagree
            FROM dated d JOIN overall o USING (measure) JOIN spread s USING (measure)
            JOIN first_seen m USING (measure))"""
    return sql, [*params, 1 + DISAGREE_TOLERANCE]


def measures(
    analytics: Analytics, filters: Filters, *, window_days: int | None = DEFAULT_WINDOW_DAYS, measure: str | None = None
) -> pd.DataFrame:
    """Figures grouped by what they measure, one row per measure x article, with the
    disagreement flag (``lib.tables.measures`` over ``lib.figures.compare_figures``): an
    article's value is the one it cites most often (ties to the largest); a measure disagrees
    when it names its actor and its counted thing (a percentage of nothing named is not known
    to measure one thing) and two articles at most ``window_days`` apart (None: any two; an
    undated article is compared with every other) give values more than 10 % apart. The largest ratio over close
    pairs is found per article as the lower value, against the largest value near it (a
    window over the dates), never pair by pair: a measure cited by 10,000 articles costs a sort.
    Articles come in the store's order (file name, then id), as the frames built from it, not
    in their order of arrival here (an article whose rows were made again arrives last).
    With ``measure``, that measure's rows only (the Figures page's chosen one).
    Columns: measure, counted, about, kind, unit, article_id, outlet, label, date, value,
    n_figures, articles, disagree, spread."""
    rows, params = _measure_rows(window_days, None if measure is None else [measure])
    frame = _query(
        analytics,
        filters,
        f"""{rows},
            measure_order AS (SELECT measure, row_number() OVER (ORDER BY measure) AS mord FROM overall)
            SELECT r.measure, r.counted, r.about, r.kind, r.unit, sel.article_id, sel.outlet, a.label,
                   r.day AS "date", r.value, r.n_figures, r.articles, r.disagree, r.spread
            FROM ranked r JOIN sel USING (aid) JOIN articles a USING (aid) JOIN store_order so USING (aid)
            JOIN measure_order mo USING (measure)
            ORDER BY r.articles DESC, r.disagree DESC, mo.mord, so.ord""",
        params,
        arrow=True,  # one row per measure and article: strings, numbers, dates, never-NULL flags
    )
    # As the pandas summary: an infinite spread (a value against zero) is None; dates are dates.
    spread = frame["spread"].astype("float64")
    frame["spread"] = spread.astype(object).where(~np.isinf(spread), None)
    days = pd.to_datetime(frame["date"])
    frame["date"] = pd.Series(days.dt.date, index=frame.index, dtype=object).where(days.notna(), None)
    return frame


def outlet_values(
    analytics: Analytics,
    filters: Filters,
    *,
    window_days: int | None = DEFAULT_WINDOW_DAYS,
    disputed: bool = False,
    measures: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Each outlet's largest value for each measure (``lib.tables.outlet_values``); with
    ``disputed``, for the measures outlets disagree on only (``measures``' ``disagree``): the
    side-by-side tables, without a row per article. With ``measures``, those measures' rows
    only (what an upload changes). Columns: measure, outlet, value, articles (that give the
    measure); the measures most cited first, then by name and outlet."""
    if not disputed:
        # Every measure: the articles' values alone (no window, no spread to compute).
        only = "" if measures is None else " WHERE list_contains(?::VARCHAR[], v.measure)"
        return _query(
            analytics,
            filters,
            f""", cited AS (
                    SELECT v.measure, v.aid, v.value, count(*) OVER (PARTITION BY v.measure) AS articles
                    FROM figure_values v JOIN sel USING (aid){only})
                SELECT c.measure, sel.outlet, max(c.value) AS value, max(c.articles) AS articles
                FROM cited c JOIN sel USING (aid)
                GROUP BY c.measure, sel.outlet ORDER BY max(c.articles) DESC, c.measure, sel.outlet""",
            [] if measures is None else [list(measures)],
        )
    rows, params = _measure_rows(window_days, measures)
    return _query(
        analytics,
        filters,
        f"""{rows}
            SELECT r.measure, sel.outlet, max(r.value) AS value, max(r.articles) AS articles
            FROM ranked r JOIN sel USING (aid) WHERE r.disagree
            GROUP BY r.measure, sel.outlet
            ORDER BY max(r.articles) DESC, r.measure, sel.outlet""",
        params,
    )


def measure_summary(
    analytics: Analytics,
    filters: Filters,
    *,
    window_days: int | None = DEFAULT_WINDOW_DAYS,
    measures: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Per measure (``lib.tables.measure_summary``): the articles that give it, whether they
    disagree, how many distinct values they give and the smallest and largest (with
    ``measures``: those only). Columns: measure, articles, disagree, n_values, low, high; the
    disputed first, then the most cited, then by name."""
    rows, params = _measure_rows(window_days, measures)
    return _query(
        analytics,
        filters,
        f"""{rows}
            SELECT measure, max(articles) AS articles, bool_or(disagree) AS disagree,
                   count(DISTINCT value) AS n_values, min(value) AS low, max(value) AS high
            FROM ranked GROUP BY measure ORDER BY disagree DESC, articles DESC, measure""",
        params,
    )


def co_mentions(analytics: Analytics, filters: Filters, *, rollup: bool = False) -> pd.DataFrame:
    """Pairs of actors named in the same sentence (``lib.tables.co_mentions``).
    Columns: actor, other, sentences."""
    return _query(
        analytics,
        filters,
        """SELECT p.actor, p.other, sum(p.sentences)::BIGINT AS sentences
           FROM actor_pairs p JOIN sel USING (aid) WHERE p.level = ?
           GROUP BY p.actor, p.other ORDER BY sentences DESC, p.actor, p.other""",
        [_level(rollup)],
    )


def outlets(analytics: Analytics) -> list[str]:
    """Every outlet, by name (the sidebar's choices)."""
    return [row[0] for row in analytics.cursor().execute("SELECT DISTINCT outlet FROM articles ORDER BY 1").fetchall()]


def actors_by_mentions(analytics: Analytics) -> list[str]:
    """Every actor, most mentioned first (the sidebar's choices)."""
    rows = (
        analytics.cursor().execute("SELECT actor FROM mentions GROUP BY actor ORDER BY count(*) DESC, actor").fetchall()
    )
    return [row[0] for row in rows]
