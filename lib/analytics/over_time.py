"""Over time and Compare as SQL over the analytic layer: ``lib.timeseries``'s ``series``,
``rows_behind``, ``compare`` and ``compare_rows``, each returning what its namesake returns
over the frames (tested to agree). The counting runs in DuckDB, one query per part keyed by
the filters; the naming of the series, the zero-filling and the pooling of stance weights
are ``lib.timeseries``'s own (``naming``, ``assemble``, ``combine``) and ``lib.stance.pool``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from lib.analytics.db import Analytics
from lib.analytics.queries import Filters, _check_engine, _query
from lib.stance import load_stance_lexicon, pool
from lib.tables import ALL_TARGETS
from lib.timeseries import (
    BY,
    COMPARE_VIEWS,
    FIGURE_COLUMNS,
    FREQS,
    METRICS,
    OVERVIEW_COLUMNS,
    SERIES_COLUMNS,
    STANCE_COLUMNS,
    TONE_COLUMNS,
    VOICE_COLUMNS,
    Comparison,
    Group,
    TimeSeries,
    _check,
    assemble,
    combine,
    naming,
    period_end,
    periods,
)
from lib.views import ROW_COLUMNS

_ORDER = 'a."file", a.article_id'


def _period(freq: str) -> str:
    """The SQL for a dated article's period: the day, or the Monday of its ISO week."""
    return 'a."date"' if freq == "day" else "CAST(date_trunc('week', a.\"date\") AS DATE)"


def _dated(freq: str) -> str:
    """``dated``: the selection's dated articles with their period (after ``sel``)."""
    return f""", dated AS (SELECT aid, a.outlet, {_period(freq)} AS period FROM sel JOIN articles a USING (aid)
                          WHERE a."date" IS NOT NULL)"""


def _keyed(by: str, metric: str, rollup: bool, engine: str) -> tuple[str, str]:
    """``tone_rows`` (key, aid, sentence_index, polarity, period) and ``stance_rows`` (key,
    aid, cooperation, conflict, n_cues, n_quotes, period) of the dated articles: one row per
    sentence and series it counts for, one per article and speaker (or outlet)."""
    polarity = f's."polarity_{engine}"'
    if by == "outlet":
        tone = f"""tone_rows AS (SELECT d.outlet AS key, s.aid, s.sentence_index, {polarity} AS polarity, d.period
                                 FROM sentences s JOIN dated d USING (aid))"""
    else:
        key = "rollup" if rollup else "actor"
        tone = f"""pairs AS (SELECT DISTINCT m."{key}" AS key, m.aid, m.sentence_index FROM mentions m
                             JOIN dated USING (aid)),
                   tone_rows AS (SELECT p.key, p.aid, p.sentence_index, {polarity} AS polarity, d.period
                                 FROM pairs p JOIN sentences s ON s.aid = p.aid AND s.sentence_index = p.sentence_index
                                 JOIN dated d ON d.aid = p.aid)"""
    speaker = "d.outlet" if by == "outlet" else f'st."{"speaker_rollup" if rollup else "speaker"}"'
    stance = f"""stance_rows AS (SELECT {speaker} AS key, st.aid, st.cooperation, st.conflict, st.n_cues, st.n_quotes,
                                        d.period
                                 FROM stance st JOIN dated d USING (aid) WHERE st.target = '{ALL_TARGETS}')"""
    return tone, stance


def series(
    analytics: Analytics,
    filters: Filters,
    engine: str,
    *,
    by: str = "outlet",
    freq: str = "week",
    metric: str = "tone",
    rollup: bool = False,
    max_series: int = 8,
    min_n: int = 1,
) -> TimeSeries:
    """Tone and stance per ``by`` and period (``lib.timeseries.series``)."""
    _check(by, BY, "series kind")
    _check(freq, FREQS, "frequency")
    _check(metric, METRICS, "measure")
    _check_engine(analytics, engine)
    span_row = _query(
        analytics,
        filters,
        f"""{_dated(freq)} SELECT (SELECT count(*) FROM sel) - count(*) AS undated, min(period) AS first,
                                  max(period) AS last FROM dated""",
    ).iloc[0]
    undated = int(span_row["undated"])
    if pd.isna(span_row["first"]):
        return TimeSeries(pd.DataFrame(columns=SERIES_COLUMNS), by, freq, metric, (), None, (), (), undated)
    span = tuple(periods(pd.Timestamp(span_row["first"]).date(), pd.Timestamp(span_row["last"]).date(), freq))
    tone, stance = _keyed(by, metric, rollup, engine)
    head = f"{_dated(freq)}, {tone}, {stance}"
    if metric == "tone":
        totals_sql = "SELECT key, count(polarity) AS n FROM tone_rows GROUP BY key HAVING count(polarity) > 0"
    else:
        totals_sql = "SELECT key, sum(n_quotes) AS n FROM stance_rows GROUP BY key"
    totals = _query(analytics, filters, f"{head} {totals_sql}").set_index("key")["n"]
    named, rest, other, labels = naming(totals, by=by, metric=metric, max_series=max_series, min_n=min_n)
    mapping = [list(labels), list(labels.values())]
    labelled = f"""{head}, labels AS (SELECT unnest(?::VARCHAR[]) AS key, unnest(?::VARCHAR[]) AS series),
        tone_l AS (SELECT DISTINCT l.series, t.aid, t.sentence_index, t.polarity, t.period
                   FROM tone_rows t JOIN labels l USING (key)),
        stance_l AS (SELECT l.series, s.* FROM stance_rows s JOIN labels l USING (key))"""
    # One pass: per series, period and article the sentences' sums and the statements' weights,
    # then per series and period the mean, the sample SD (n - 1, as pandas) and the articles.
    counted = _query(
        analytics,
        filters,
        f"""{labelled},
            per_article AS (
                SELECT series, period, aid, count(polarity) AS n, sum(polarity) AS sp, sum(polarity * polarity) AS sp2,
                       NULL::DOUBLE AS cooperation, NULL::DOUBLE AS conflict, NULL::DOUBLE AS n_quotes
                FROM tone_l GROUP BY series, period, aid
                UNION ALL
                SELECT series, period, aid, 0, NULL, NULL, sum(cooperation), sum(conflict), sum(n_quotes)
                FROM stance_l GROUP BY series, period, aid)
            SELECT series, period, sum(sp) / nullif(sum(n), 0) AS tone,
                   CASE WHEN sum(n) >= 2 THEN sqrt(greatest(0.0,
                       (sum(sp2) - sum(sp) * sum(sp) / sum(n)) / (sum(n) - 1))) END AS tone_sd,
                   sum(n) AS tone_n, sum(cooperation) AS cooperation, sum(conflict) AS conflict,
                   sum(n_quotes) AS n_quotes, count(DISTINCT aid) AS articles
            FROM per_article GROUP BY series, period""",
        mapping,
    )
    counted = counted.assign(period=[pd.Timestamp(p).date() for p in counted["period"]]).set_index(["series", "period"])
    tone_stats = counted.loc[counted["tone_n"] > 0, ["tone", "tone_sd", "tone_n"]]
    sums = counted.loc[counted["n_quotes"].notna(), ["cooperation", "conflict", "n_quotes"]].astype("float64")
    return assemble(
        tone_stats, sums, counted["articles"],
        named=named, other=other, pooled=rest, span=span, by=by, freq=freq, metric=metric, undated=undated,
    )  # fmt: skip


def rows_behind(
    analytics: Analytics,
    filters: Filters,
    *,
    by: str,
    metric: str,
    keys: Sequence[str] | None,
    period: dt.date | None,
    freq: str,
    rollup: bool = False,
) -> pd.DataFrame:
    """The sentences behind a point of ``series`` (``lib.timeseries.rows_behind``)."""
    _check(by, BY, "series kind")
    _check(metric, METRICS, "measure")
    where: list[str] = []
    params: list[object] = []
    if period is not None:
        where.append('a."date" BETWEEN ? AND ?')
        params += [period, period_end(period, freq)]
    if metric == "stance":
        key = "a.outlet" if by == "outlet" else f'q."{"speaker_rollup" if rollup else "speaker"}"'
        table, alias, span, label = "quotes", "q", 'q.start, q."end"', "'statement'"
    elif by == "outlet":
        key, table, alias, span, label = "a.outlet", "sentences", "s", "s.start, s.start", "''"
    else:
        key = f'm."{"rollup" if rollup else "actor"}"'
        table, alias, span, label = "mentions", "m", 'm.start, m."end"', "m.actor"
    if keys is not None:
        where.append(f"list_contains(?::VARCHAR[], {key})")
        params.append(list(keys))
    frame = _query(
        analytics,
        filters,
        f"""SELECT a.article_id, {alias}.sentence_index, {span}, {label} AS label
            FROM {table} {alias} JOIN sel USING (aid) JOIN articles a USING (aid)
            WHERE {" AND ".join(where) or "TRUE"} ORDER BY {_ORDER}, {alias}.sentence_index, {alias}.start""",
        params,
    )
    frame.columns = ROW_COLUMNS
    return frame


# ---- two groups side by side ------------------------------------------------------------------


def _of_group(filters: Filters, group: Group) -> Filters:
    """The filters narrowed to the group's outlets (none when it has none)."""
    if not group.outlets:
        return replace(filters, article_ids=())
    outlets = [o for o in group.outlets if o in filters.outlets] if filters.outlets else list(group.outlets)
    return replace(filters, outlets=tuple(outlets)) if outlets else replace(filters, article_ids=())


def _side(analytics: Analytics, filters: Filters, group: Group, engine: str, rollup: bool) -> dict[str, pd.DataFrame]:
    sel = _of_group(filters, group)
    name = group.name
    polarity = f's."polarity_{engine}"'
    lexicon = load_stance_lexicon()
    totals = _query(
        analytics,
        sel,
        f"""SELECT (SELECT count(*) FROM sel) AS articles,
                   (SELECT count(*) FROM sentences s JOIN sel USING (aid)) AS sentences,
                   (SELECT avg({polarity}) FROM sentences s JOIN sel USING (aid)) AS tone,
                   (SELECT stddev_samp({polarity}) FROM sentences s JOIN sel USING (aid)) AS tone_sd,
                   (SELECT count(*) FROM quotes JOIN sel USING (aid)) AS statements,
                   (SELECT count(*) FROM figures JOIN sel USING (aid)) AS figures,
                   (SELECT count(*) FROM stance st JOIN sel USING (aid) WHERE st.target = ?) AS n_overall,
                   (SELECT sum(st.cooperation) FROM stance st JOIN sel USING (aid) WHERE st.target = ?) AS cooperation,
                   (SELECT sum(st.conflict) FROM stance st JOIN sel USING (aid) WHERE st.target = ?) AS conflict,
                   (SELECT sum(st.n_cues) FROM stance st JOIN sel USING (aid) WHERE st.target = ?) AS n_cues""",
        [ALL_TARGETS] * 4,
    ).iloc[0]
    stance_all = (
        pool(float(totals["cooperation"]), float(totals["conflict"]), int(totals["n_cues"]), lexicon=lexicon).score
        if int(totals["n_overall"])
        else float("nan")
    )
    overview = pd.DataFrame(
        [[name, len(group.outlets), int(totals["articles"]), int(totals["sentences"]),
          float(totals["tone"]) if pd.notna(totals["tone"]) else float("nan"),
          float(totals["tone_sd"]) if pd.notna(totals["tone_sd"]) else float("nan"),
          int(totals["statements"]), stance_all, int(totals["figures"])]],
        columns=OVERVIEW_COLUMNS,
    )  # fmt: skip
    key = "rollup" if rollup else "actor"
    tone = _query(
        analytics,
        sel,
        f"""SELECT p.key AS actor, ? AS "group", avg({polarity}) AS tone, stddev_samp({polarity}) AS tone_sd,
                   count({polarity}) AS n_sentences
            FROM (SELECT DISTINCT m."{key}" AS key, m.aid, m.sentence_index FROM mentions m JOIN sel USING (aid)) p
            JOIN sentences s ON s.aid = p.aid AND s.sentence_index = p.sentence_index
            GROUP BY p.key ORDER BY p.key""",
        [name],
    )[TONE_COLUMNS]
    speaker = "speaker_rollup" if rollup else "speaker"
    voice = _query(
        analytics,
        sel,
        f"""SELECT q."{speaker}" AS speaker, ? AS "group", count(*) AS quotes, sum(q.direct::INTEGER) AS direct,
                   count(*) / greatest(1, sum(count(*)) OVER ()) AS share
            FROM quotes q JOIN sel USING (aid) GROUP BY q."{speaker}" ORDER BY quotes DESC, speaker""",
        [name],
    )[VOICE_COLUMNS]
    sums = _query(
        analytics,
        sel,
        f"""SELECT st."{speaker}" AS speaker, sum(st.cooperation) AS cooperation, sum(st.conflict) AS conflict,
                   sum(st.n_cues) AS n_cues, sum(st.n_quotes) AS n_quotes
            FROM stance st JOIN sel USING (aid) WHERE st.target = ? GROUP BY st."{speaker}" ORDER BY 1""",
        [ALL_TARGETS],
    )
    rows = []
    for who, cooperation, conflict, n_cues, n_quotes in sums.itertuples(index=False, name=None):
        pooled = pool(float(cooperation), float(conflict), int(n_cues), lexicon=lexicon)
        rows.append({"speaker": who, "group": name, "score": pooled.score, "label": pooled.label,
                     "n_quotes": int(n_quotes), "n_cues": pooled.n_cues})  # fmt: skip
    stance = pd.DataFrame(rows, columns=STANCE_COLUMNS)
    figures = _query(
        analytics,
        sel,
        """SELECT measure, ? AS "group", median(high) AS value, min(high) AS low, max(high) AS high,
                  sum(n) AS n_figures, count(*) AS articles
           FROM (SELECT f.measure, f.aid, max(f.value) AS high, count(*) AS n FROM figures f JOIN sel USING (aid)
                 GROUP BY f.measure, f.aid)
           GROUP BY measure ORDER BY measure""",
        [name],
    )[FIGURE_COLUMNS]
    return {"overview": overview, "tone": tone, "voice": voice, "stance": stance, "figures": figures}


def compare(
    analytics: Analytics, filters: Filters, group_a: Group, group_b: Group, *, engine: str, rollup: bool = False
) -> Comparison:
    """Two groups side by side (``lib.timeseries.compare``)."""
    _check_engine(analytics, engine)
    return combine(group_a, group_b, engine, lambda group: _side(analytics, filters, group, engine, rollup))


def compare_rows(
    analytics: Analytics, filters: Filters, group: Group, *, view: str, key: str, rollup: bool = False
) -> pd.DataFrame:
    """The sentences behind a mark of a comparison (``lib.timeseries.compare_rows``)."""
    _check(view, COMPARE_VIEWS, "comparison view")
    if view == "tone":
        column, table, alias, label = f'm."{"rollup" if rollup else "actor"}"', "mentions", "m", "m.actor"
    elif view in ("voice", "stance"):
        column, table, alias = f'q."{"speaker_rollup" if rollup else "speaker"}"', "quotes", "q"
        label = "'statement'"
    else:
        column, table, alias, label = "f.measure", "figures", "f", "f.measure"
    where = ["list_contains(?::VARCHAR[], a.outlet)"]
    params: list[object] = [list(group.outlets)]
    if key:
        where.append(f"{column} = ?")
        params.append(key)
    frame = _query(
        analytics,
        filters,
        f"""SELECT a.article_id, {alias}.sentence_index, {alias}.start, {alias}."end", {label} AS label
            FROM {table} {alias} JOIN sel USING (aid) JOIN articles a USING (aid)
            WHERE {" AND ".join(where)} ORDER BY {_ORDER}, {alias}.sentence_index, {alias}.start""",
        params,
    )
    frame.columns = ROW_COLUMNS
    return frame
