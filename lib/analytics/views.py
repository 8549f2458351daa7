"""What the pages show besides the summaries, as SQL over the analytic layer: the sidebar's
choices, the header counts, the article list and its search, the rows behind a chart mark,
and the details of the sentences a drill-down shows, read by id.

Each returns what its pandas namesake in ``lib.views`` (or ``lib.search``) returns over the
frames, tested to agree. Rows with an article come in the store's order (file name, then id),
as the frames built from it; within an article, in the order of the text. Dates are ISO text,
as in the frames."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from lib.analytics.db import Analytics
from lib.analytics.queries import Filters, _check_engine, _query
from lib.search import HIT_COLUMNS, query_terms, with_matches
from lib.tables import (
    ARTICLE_COLUMNS,
    EVIDENCE_COLUMNS,
    FIGURE_COLUMNS,
    MENTION_COLUMNS,
    QUOTE_COLUMNS,
    SENTENCE_COLUMNS,
    STANCE_COLUMNS,
    Tables,
)
from lib.views import CORRECTED_COLUMNS, COUNT_COLUMNS, MATCHES, ROW_COLUMNS, Choices

_DAY = 'CAST(a."date" AS VARCHAR)'
_ORDER = 'a."file", a.article_id'

# The frames' columns of each fact table, as selected from the layer (``a``: its articles row).
_SELECT = {
    "articles": f"""a.article_id, a."file", a.label, a.title, a.outlet, {_DAY} AS "date", a.byline, a.credits,
                   a.url, a.language, a.n_sentences, a.n_words FROM articles a JOIN sel USING (aid)""",
    "mentions": f"""a.article_id, a.outlet, {_DAY} AS "date", m.actor, m.kind, m.rollup, m.sentence_index, m.start,
                   m."end", m.surface, m.via FROM mentions m JOIN sel USING (aid) JOIN articles a USING (aid)""",
    "quotes": f"""a.article_id, a.outlet, {_DAY} AS "date", q.quote_id, q.speaker, q.speaker_rollup,
                 q.speaker_surface, t.text, q.direct, q.cue, q.sentence_index, q.start, q."end", q.targets,
                 q.stance_score, q.stance_label, q.corrected
                 FROM quotes q JOIN sel USING (aid) JOIN articles a USING (aid)
                 LEFT JOIN quote_texts t USING (aid, quote_id)""",
    "evidence": """a.article_id, a.outlet, e.quote_id, e.speaker, e.targets, e.cue, e.polarity, e.weight,
                   e.category, e.negated, e.counted, e.start, e."end", e.sentence_index
                   FROM evidence e JOIN sel USING (aid) JOIN articles a USING (aid)""",
    "stance": """a.article_id, a.outlet, st.speaker, st.speaker_rollup, st.target, st.label, st.score,
                 st.cooperation, st.conflict, st.n_cues, st.n_quotes, st.evidence
                 FROM stance st JOIN sel USING (aid) JOIN articles a USING (aid)""",
    "figures": f"""a.article_id, a.outlet, {_DAY} AS "date", f.value, f.counted, f.counted_surface, f.qualifier,
                  f.about, f.kind, f.unit, f.measure, coalesce(t.text, '') AS sentence, f.sentence_index, f.start,
                  f."end", f.surface, f.corrected
                  FROM figures f JOIN sel USING (aid) JOIN articles a USING (aid)
                  LEFT JOIN sentence_texts t ON t.aid = f.aid AND t.sentence_index = f.sentence_index""",
}
_WITHIN = {
    "articles": "",
    "mentions": ', m.sentence_index, m.start, m."end"',
    "quotes": ", q.sentence_index, q.start",
    "evidence": ", e.quote_id, e.start",
    "stance": ", st.speaker, st.target",
    "figures": ", f.figure_index",
}
_COLUMNS = {
    "articles": ARTICLE_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "quotes": QUOTE_COLUMNS,
    "evidence": EVIDENCE_COLUMNS,
    "stance": STANCE_COLUMNS,
    "figures": FIGURE_COLUMNS,
}


def _rows(
    analytics: Analytics,
    filters: Filters,
    name: str,
    where: Sequence[str] = (),
    params: Sequence[object] = (),
    *,
    limit: int | None = None,
    arrow: bool = False,
) -> pd.DataFrame:
    """The frames' rows of table ``name`` in the filters' selection, under the conditions
    ``where`` (the first ``limit``, None: all); ``arrow`` as ``Analytics.frame``."""
    condition = " AND ".join(where) or "TRUE"
    last = "" if limit is None else f" LIMIT {int(limit)}"
    frame = _query(
        analytics,
        filters,
        f"SELECT {_SELECT[name]} WHERE {condition} ORDER BY {_ORDER}{_WITHIN[name]}{last}",
        params,
        arrow=arrow,
    )
    return frame[_COLUMNS[name]]


def _engine_columns(analytics: Analytics) -> list[str]:
    return sorted(f"{kind}_{engine}" for engine in analytics.engines() for kind in ("polarity", "subjectivity"))


def _sentences(analytics: Analytics, filters: Filters, join: str = "", params: Sequence[object] = ()) -> pd.DataFrame:
    engines = _engine_columns(analytics)
    scores = "".join(f', s."{c}"' for c in engines)
    frame = _query(
        analytics,
        filters,
        f"""SELECT a.article_id, a.outlet, {_DAY} AS "date", s.sentence_index, s.paragraph, s.start, s."end",
                   t.text, s.actors{scores}
            FROM sentences s JOIN sel USING (aid) JOIN articles a USING (aid) {join}
            LEFT JOIN sentence_texts t ON t.aid = s.aid AND t.sentence_index = s.sentence_index
            ORDER BY {_ORDER}, s.sentence_index""",
        params,
    )
    return frame[SENTENCE_COLUMNS + engines]


# ---- the corpus: the sidebar's choices, names ----------------------------------------------------


def choices(analytics: Analytics) -> Choices:
    """The sidebar's choices (``lib.views.Choices``) over the whole layer."""
    from lib.analytics.queries import actors_by_mentions, outlets

    cursor = analytics.cursor()
    row = cursor.execute('SELECT min("date"), max("date"), count(*) FILTER (WHERE "date" IS NULL) FROM articles')
    low, high, undated = row.fetchone() or (None, None, 0)
    return Choices(
        tuple(outlets(analytics)),
        tuple(actors_by_mentions(analytics)),
        low.isoformat() if low is not None else None,
        high.isoformat() if high is not None else None,
        int(undated),
    )


def names(analytics: Analytics) -> list[str]:
    """Every actor mentioned and every speaker quoted, sorted."""
    rows = analytics.cursor().execute("SELECT actor FROM mentions UNION SELECT speaker FROM quotes ORDER BY 1")
    return [row[0] for row in rows.fetchall()]


# ---- the view: its articles and counts --------------------------------------------------------


def articles(analytics: Analytics, filters: Filters) -> pd.DataFrame:
    """The selection's articles (``lib.tables.ARTICLE_COLUMNS``), read through Arrow
    (``Analytics.frame``: a row of strings per article)."""
    frame = _rows(analytics, filters, "articles", arrow=True)
    # A column NULL in every row comes as .df() makes it (object, None), not as strings of NaN.
    for column in frame.columns[frame.isna().all()] if len(frame) else ():
        frame[column] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    return frame


def counts(analytics: Analytics, filters: Filters) -> pd.DataFrame:
    """One row of ``lib.views.COUNT_COLUMNS``."""
    frame = _query(
        analytics,
        filters,
        """SELECT count(*) AS articles, count(DISTINCT a.outlet) AS outlets,
                   (SELECT count(DISTINCT actor) FROM mentions JOIN sel USING (aid)) AS actors,
                   (SELECT count(*) FROM quotes JOIN sel USING (aid)) AS statements,
                   (SELECT count(*) FROM figures JOIN sel USING (aid)) AS figures,
                   count(a."date") AS dated, CAST(min(a."date") AS VARCHAR) AS first_date,
                   CAST(max(a."date") AS VARCHAR) AS last_date
            FROM articles a JOIN sel USING (aid)""",
    )
    return frame[COUNT_COLUMNS]


def article_tone(analytics: Analytics, filters: Filters, engine: str) -> pd.DataFrame:
    """Per article with sentences: their mean polarity by ``engine``. Columns: article_id, polarity."""
    _check_engine(analytics, engine)
    return _query(
        analytics,
        filters,
        f"""SELECT a.article_id, t.sum_polarity / nullif(t.n_polarity, 0) AS polarity
            FROM article_tone t JOIN sel USING (aid) JOIN articles a USING (aid) WHERE t.engine = ?
            ORDER BY {_ORDER}""",
        [engine],
    )


def daily_tone(analytics: Analytics, filters: Filters, engine: str) -> pd.DataFrame:
    """Per day with a dated article: its articles and their mean polarity by ``engine``
    (``lib.views.daily_tone``). Columns: date, articles, polarity."""
    _check_engine(analytics, engine)
    return _query(
        analytics,
        filters,
        f"""SELECT {_DAY} AS "date", count(*) AS articles, avg(t.sum_polarity / nullif(t.n_polarity, 0)) AS polarity
            FROM sel JOIN articles a USING (aid) LEFT JOIN article_tone t ON t.aid = a.aid AND t.engine = ?
            WHERE a."date" IS NOT NULL GROUP BY a."date" ORDER BY a."date" """,
        [engine],
    )


def open_actors(analytics: Analytics, filters: Filters) -> pd.DataFrame:
    """Per actor: whether every mention of it was found outside the dictionary. Columns: actor, open."""
    return _query(
        analytics,
        filters,
        "SELECT m.actor, bool_and(m.via = 'open') AS open FROM mentions m JOIN sel USING (aid) GROUP BY m.actor "
        "ORDER BY m.actor",
    )


def outlet_names(analytics: Analytics, filters: Filters) -> list[str]:
    """Every outlet of the selection's articles, sorted (``lib.views.outlet_names``)."""
    return _query(analytics, filters, "SELECT DISTINCT outlet FROM sel ORDER BY 1")["outlet"].tolist()


def speakers(analytics: Analytics, filters: Filters, *, rollup: bool = False) -> list[str]:
    """Every speaker quoted in the selection (or whom they speak for), sorted."""
    key = "speaker_rollup" if rollup else "speaker"
    frame = _query(
        analytics, filters, f'SELECT DISTINCT q."{key}" AS speaker FROM quotes q JOIN sel USING (aid) ORDER BY 1'
    )
    return frame["speaker"].tolist()


# ---- the rows behind a mark ----------------------------------------------------------------------


def _narrowed(outlets: Sequence[str] | None, day: str | None) -> tuple[list[str], list[object]]:
    where: list[str] = []
    params: list[object] = []
    if outlets is not None:
        where.append("list_contains(?::VARCHAR[], a.outlet)")
        params.append(list(outlets))
    if day:
        where.append(f"{_DAY} = ?")
        params.append(day)
    return where, params


def mention_rows(
    analytics: Analytics,
    filters: Filters,
    actor: str,
    *,
    match: str = "actor",
    outlets: Sequence[str] | None = None,
    day: str | None = None,
) -> pd.DataFrame:
    """The mentions of ``actor`` as ``lib.views.ROW_COLUMNS`` (``lib.views.mention_rows``)."""
    if match not in MATCHES:
        raise ValueError(f"unknown match {match!r}; known: {', '.join(MATCHES)}")
    matched = "(m.actor = ? OR m.rollup = ?)" if match == "either" else f'm."{match}" = ?'
    where, params = _narrowed(outlets, day)
    return _query(
        analytics,
        filters,
        f"""SELECT a.article_id, m.sentence_index, m.start, m."end", m.actor AS label
            FROM mentions m JOIN sel USING (aid) JOIN articles a USING (aid)
            WHERE {" AND ".join([matched, *where])}
            ORDER BY {_ORDER}, m.sentence_index, m.start, m."end" """,
        [actor, actor, *params] if match == "either" else [actor, *params],
    )[ROW_COLUMNS]


def sentence_rows(
    analytics: Analytics,
    filters: Filters,
    engine: str,
    *,
    outlets: Sequence[str] | None = None,
    day: str | None = None,
) -> pd.DataFrame:
    """The sentences of ``outlets`` on ``day``, the most negative first, as ``ROW_COLUMNS``."""
    _check_engine(analytics, engine)
    polarity = f"polarity_{engine}"
    where, params = _narrowed(outlets, day)
    return _query(
        analytics,
        filters,
        f"""SELECT a.article_id, s.sentence_index, s.start, s.start AS "end", '' AS label
            FROM sentences s JOIN sel USING (aid) JOIN articles a USING (aid)
            WHERE {" AND ".join(where) or "TRUE"}
            ORDER BY s."{polarity}" NULLS LAST, {_ORDER}, s.sentence_index""",
        params,
    )[ROW_COLUMNS]


def statements(
    analytics: Analytics,
    filters: Filters,
    *,
    speaker: str | None = None,
    target: str | None = None,
    outlet: str | None = None,
    rollup: bool = False,
) -> pd.DataFrame:
    """The statements with their text (``lib.views.statements``)."""
    where: list[str] = []
    params: list[object] = []
    if speaker:
        where.append(f'q."{"speaker_rollup" if rollup else "speaker"}" = ?')
        params.append(speaker)
    if target:
        where.append("list_contains(string_split(coalesce(q.targets, ''), '; '), ?)")
        params.append(target)
    if outlet:
        where.append("a.outlet = ?")
        params.append(outlet)
    return _rows(analytics, filters, "quotes", where, params)


def figures(
    analytics: Analytics,
    filters: Filters,
    *,
    measure: str | None = None,
    article_id: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """The cited figures with their sentence (``lib.views.figures``)."""
    where: list[str] = []
    params: list[object] = []
    if measure is not None:
        where.append("f.measure = ?")
        params.append(measure)
    if article_id:
        where.append("a.article_id = ?")
        params.append(article_id)
    if limit is None:
        return _rows(analytics, filters, "figures", where, params)
    # The first figures, then only their sentences' texts (joined before the limit, every
    # sentence's text was read: 0.25 s for the first 500 at 100,000 articles).
    condition = " AND ".join(where) or "TRUE"
    frame = _query(
        analytics,
        filters,
        f""", picked AS (
                SELECT f.*, a.article_id, a.outlet, {_DAY} AS "date", a."file" AS file_name
                FROM figures f JOIN sel USING (aid) JOIN articles a USING (aid)
                WHERE {condition} ORDER BY {_ORDER}{_WITHIN["figures"]} LIMIT {int(limit)})
            SELECT p.*, coalesce(t.text, '') AS sentence
            FROM picked p LEFT JOIN (SELECT * FROM sentence_texts WHERE aid IN (SELECT aid FROM picked)) t
                ON t.aid = p.aid AND t.sentence_index = p.sentence_index
            ORDER BY p.file_name, p.article_id, p.figure_index""",
        params,
    )
    return frame[_COLUMNS["figures"]]


def sentences(analytics: Analytics, filters: Filters) -> pd.DataFrame:
    """The selection's sentences with their text and every engine's scores."""
    return _sentences(analytics, filters)


def mentions(analytics: Analytics, filters: Filters) -> pd.DataFrame:
    return _rows(analytics, filters, "mentions")


def evidence(analytics: Analytics, filters: Filters) -> pd.DataFrame:
    return _rows(analytics, filters, "evidence")


def tables(analytics: Analytics, filters: Filters) -> Tables:
    """The selection as the frames (``lib.tables.Tables``): a download of the whole analysis."""
    return Tables(
        articles=articles(analytics, filters),
        sentences=sentences(analytics, filters),
        mentions=mentions(analytics, filters),
        quotes=_rows(analytics, filters, "quotes"),
        evidence=evidence(analytics, filters),
        stance=_rows(analytics, filters, "stance"),
        figures=figures(analytics, filters),
    )


# ---- the details of what a drill-down shows, by id ---------------------------------------------

_PAIRS = "(SELECT unnest(?::VARCHAR[]) AS article_id, unnest(?::INTEGER[]) AS sentence_index)"


def _pairs(pairs: pd.DataFrame) -> list[object]:
    keys = pairs[["article_id", "sentence_index"]].drop_duplicates()
    return [keys["article_id"].astype(str).tolist(), [int(i) for i in keys["sentence_index"]]]


def articles_at(analytics: Analytics, article_ids: Sequence[str]) -> pd.DataFrame:
    """These articles' rows (``lib.tables.ARTICLE_COLUMNS``; a drill-down's titles), by id."""
    frame = _rows(analytics, Filters(article_ids=tuple(article_ids)), "articles")
    return frame.reset_index(drop=True)


def sentences_at(analytics: Analytics, pairs: pd.DataFrame) -> pd.DataFrame:
    """The sentences at these (article_id, sentence_index) pairs, with their text and scores."""
    return _sentences(
        analytics,
        Filters(),
        f"JOIN {_PAIRS} p ON p.article_id = a.article_id AND p.sentence_index = s.sentence_index",
        _pairs(pairs),
    )


def mentions_at(analytics: Analytics, pairs: pd.DataFrame) -> pd.DataFrame:
    """The mentions in the sentences at these pairs. Columns: article_id, sentence_index, start, end, actor."""
    return analytics.frame(
        f"""SELECT a.article_id, m.sentence_index, m.start, m."end", m.actor
            FROM mentions m JOIN articles a USING (aid)
            JOIN {_PAIRS} p ON p.article_id = a.article_id AND p.sentence_index = m.sentence_index
            ORDER BY {_ORDER}, m.sentence_index, m.start""",
        _pairs(pairs),
    )


def corrections(analytics: Analytics) -> pd.DataFrame:
    """The statements and figures an analyst corrected (``lib.views.CORRECTED_COLUMNS``)."""
    frame = analytics.frame(
        """SELECT a.article_id, q.sentence_index, 'statement' AS what, q.corrected
           FROM quotes q JOIN articles a USING (aid) WHERE q.corrected IS NOT NULL
           UNION ALL
           SELECT a.article_id, f.sentence_index, 'figure' AS what, f.corrected
           FROM figures f JOIN articles a USING (aid) WHERE f.corrected IS NOT NULL"""
    )
    return frame[CORRECTED_COLUMNS]


def evidence_of(analytics: Analytics, quote_ids: Sequence[str]) -> pd.DataFrame:
    """The stance cues of these statements (``lib.tables.EVIDENCE_COLUMNS``)."""
    return _rows(analytics, Filters(), "evidence", ["list_contains(?::VARCHAR[], e.quote_id)"], [list(quote_ids)])


# ---- the article list and its search ----------------------------------------------------------


def search(analytics: Analytics, filters: Filters, query: str) -> pd.DataFrame:
    """Sentences and statements holding every term of ``query`` (``lib.search.search``)."""
    terms = query_terms(query)
    if not terms:
        return pd.DataFrame(columns=HIT_COLUMNS)
    holding = " AND ".join(["contains(lower(t.text), ?)"] * len(terms))
    frame = _query(
        analytics,
        filters,
        f"""SELECT a.article_id, t.sentence_index, 'sentence' AS "where", t.text
            FROM sentence_texts t JOIN sel USING (aid) JOIN articles a USING (aid) WHERE {holding}
            UNION ALL
            SELECT a.article_id, q.sentence_index, 'statement' AS "where", t.text
            FROM quote_texts t JOIN quotes q USING (aid, quote_id) JOIN sel USING (aid) JOIN articles a USING (aid)
            WHERE {holding}
            ORDER BY article_id, sentence_index, "where" """,
        [*terms, *terms],
    )
    return frame[HIT_COLUMNS]


def article_list(analytics: Analytics, filters: Filters, engine: str, *, query: str = "") -> pd.DataFrame:
    """One row per article of the selection (``lib.search.article_list``)."""
    _check_engine(analytics, engine)
    frame = _query(
        analytics,
        filters,
        f"""SELECT a.article_id, a.outlet, {_DAY} AS "date", coalesce(a.title, a.label) AS title, a.language,
                   a.n_sentences AS sentences, coalesce(a.n_quotes, 0)::BIGINT AS statements,
                   coalesce(f.n, 0)::BIGINT AS figures, t.sum_polarity / nullif(t.n_polarity, 0) AS tone
            FROM articles a JOIN sel USING (aid)
            LEFT JOIN (SELECT aid, count(*) AS n FROM figures GROUP BY aid) f USING (aid)
            LEFT JOIN (SELECT * FROM article_tone WHERE engine = ?) t USING (aid)
            ORDER BY {_ORDER}""",
        [engine],
    )
    return with_matches(frame, search(analytics, filters, query) if query_terms(query) else None)
