"""What the pages show besides the summaries, over the frames (``lib.tables.Tables``): the
sidebar's choices, the header counts, the rows behind a chart mark (drill-downs) and the
details of the sentences shown.

These are the fallback (the analytic layer switched off, or a session with private uploads)
and the reference: each has an SQL namesake in ``lib.analytics.views`` over the layer,
tested to return the same rows. The rows behind a mark are ``ROW_COLUMNS``: the sentence
(article_id, sentence_index) and the span to highlight in it (start, end, label; an empty
span at the sentence's start when nothing in particular is marked)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from lib.tables import Tables, polarity_column

ROW_COLUMNS = ["article_id", "sentence_index", "start", "end", "label"]
COUNT_COLUMNS = ["articles", "outlets", "actors", "statements", "figures", "dated", "first_date", "last_date"]
"""``counts``: articles, outlets, distinct actors mentioned, statements, cited figures,
articles with a known date, and the first and last of those dates (ISO; None when none)."""
CORRECTED_COLUMNS = ["article_id", "sentence_index", "what", "corrected"]
"""``corrections``: a corrected statement or figure (what: "statement" | "figure") and what
the analyst's correction changed (``lib.corrections``)."""
MATCHES = ("actor", "rollup", "either")  # mention_rows: which key the actor is matched on


@dataclass(frozen=True)
class Choices:
    """The sidebar's choices over the whole corpus: every outlet (by name), every actor (the
    most mentioned first), the span of known dates (None when no article has one) and the
    number of undated articles."""

    outlets: tuple[str, ...]
    actors: tuple[str, ...]
    first_date: str | None
    last_date: str | None
    undated: int


def choices(tables: Tables) -> Choices:
    articles, mentions = tables.articles, tables.mentions
    counts = mentions.groupby("actor").size().rename("n").reset_index() if not mentions.empty else None
    actors = () if counts is None else tuple(counts.sort_values(["n", "actor"], ascending=[False, True])["actor"])
    dates = articles["date"].dropna()
    return Choices(
        tuple(sorted(articles["outlet"].dropna().unique())),
        actors,
        str(dates.min()) if not dates.empty else None,
        str(dates.max()) if not dates.empty else None,
        int(articles["date"].isna().sum()),
    )


def names(tables: Tables) -> list[str]:
    """Every actor mentioned and every speaker quoted, sorted (the correction panel's choices)."""
    return sorted(set(tables.mentions["actor"]) | set(tables.quotes["speaker"]))


def articles(tables: Tables) -> pd.DataFrame:
    """The articles' metadata (``lib.tables.ARTICLE_COLUMNS``)."""
    return tables.articles


def counts(tables: Tables) -> pd.DataFrame:
    """One row of ``COUNT_COLUMNS``."""
    dates = tables.articles["date"].dropna()
    row = [
        len(tables.articles),
        int(tables.articles["outlet"].nunique()),
        int(tables.mentions["actor"].nunique()),
        len(tables.quotes),
        len(tables.figures),
        len(dates),
        str(dates.min()) if not dates.empty else None,
        str(dates.max()) if not dates.empty else None,
    ]
    return pd.DataFrame([row], columns=COUNT_COLUMNS)


def article_tone(tables: Tables, engine: str) -> pd.DataFrame:
    """Per article with sentences: the mean polarity of its sentences by ``engine``.
    Columns: article_id, polarity."""
    column = polarity_column(engine)
    per_article: pd.DataFrame = tables.sentences.groupby("article_id", as_index=False)[[column]].mean()
    return per_article.rename(columns={column: "polarity"})


def daily_tone(tables: Tables, engine: str) -> pd.DataFrame:
    """Per day with a dated article: its articles and the mean of their polarity by ``engine``
    (``article_tone``; an article with no scored sentence counts, its tone does not).
    Columns: date (ISO text), articles, polarity; by date."""
    dated = tables.articles.dropna(subset=["date"])
    if dated.empty:
        return pd.DataFrame({"date": pd.Series(dtype=object), "articles": pd.Series(dtype="int64"),
                             "polarity": pd.Series(dtype="float64")})  # fmt: skip
    frame = dated[["article_id", "date"]].merge(article_tone(tables, engine), on="article_id", how="left")
    frame["date"] = frame["date"].astype(str)
    per_day = frame.groupby("date").agg(articles=("article_id", "count"), polarity=("polarity", "mean"))
    return per_day.reset_index()


def open_actors(tables: Tables) -> pd.DataFrame:
    """Per actor: whether every mention of it was found outside the dictionary (lib.actors,
    "open"). Columns: actor, open."""
    found = tables.mentions.groupby("actor")["via"].agg(lambda via: bool((via == "open").all()))
    return found.rename("open").reset_index()


def outlet_names(tables: Tables) -> list[str]:
    """Every outlet of the selection's articles, sorted."""
    return sorted(tables.articles["outlet"].unique())


def speakers(tables: Tables, *, rollup: bool = False) -> list[str]:
    """Every speaker quoted (or whom they speak for), sorted."""
    return sorted(tables.quotes["speaker_rollup" if rollup else "speaker"].unique())


def _narrowed(frame: pd.DataFrame, outlets: Sequence[str] | None, day: str | None) -> pd.DataFrame:
    if outlets is not None:
        frame = frame[frame["outlet"].isin(list(outlets))]
    if day:
        frame = frame[frame["date"] == day]
    return frame


def mention_rows(
    tables: Tables,
    actor: str,
    *,
    match: str = "actor",
    outlets: Sequence[str] | None = None,
    day: str | None = None,
) -> pd.DataFrame:
    """The mentions of ``actor`` (``match``: by the actor itself, by whom it speaks for
    ("rollup"), or by either), in ``outlets`` (None: any) on ``day`` (ISO; None: any), as
    ``ROW_COLUMNS`` (label: the actor mentioned)."""
    if match not in MATCHES:
        raise ValueError(f"unknown match {match!r}; known: {', '.join(MATCHES)}")
    mentions = tables.mentions
    if match == "either":
        hits = mentions[(mentions["actor"] == actor) | (mentions["rollup"] == actor)]
    else:
        hits = mentions[mentions[match] == actor]
    hits = _narrowed(hits, outlets, day)
    return hits.assign(label=hits["actor"])[ROW_COLUMNS].reset_index(drop=True)


def sentence_rows(
    tables: Tables, engine: str, *, outlets: Sequence[str] | None = None, day: str | None = None
) -> pd.DataFrame:
    """The sentences of ``outlets`` (None: any) on ``day`` (None: any), the most negative by
    ``engine`` first, as ``ROW_COLUMNS`` (an empty span: nothing in particular is marked)."""
    rows = _narrowed(tables.sentences, outlets, day).sort_values(polarity_column(engine), kind="stable")
    return rows.assign(end=rows["start"], label="")[ROW_COLUMNS].reset_index(drop=True)


def statements(
    tables: Tables,
    *,
    speaker: str | None = None,
    target: str | None = None,
    outlet: str | None = None,
    rollup: bool = False,
) -> pd.DataFrame:
    """The statements (``lib.tables.QUOTE_COLUMNS``, with their text) by ``speaker`` (or whom
    they speak for, with ``rollup``) naming ``target`` in ``outlet``; None: any."""
    quotes = tables.quotes
    if speaker:
        quotes = quotes[quotes["speaker_rollup" if rollup else "speaker"] == speaker]
    if target:
        named = [target in str(names or "").split("; ") for names in quotes["targets"]]
        quotes = quotes[pd.Series(named, index=quotes.index, dtype=bool)]
    if outlet:
        quotes = quotes[quotes["outlet"] == outlet]
    return quotes.reset_index(drop=True)


def figures(
    tables: Tables, *, measure: str | None = None, article_id: str | None = None, limit: int | None = None
) -> pd.DataFrame:
    """The cited figures (``lib.tables.FIGURE_COLUMNS``, with their sentence) of ``measure``
    in ``article_id``; None: any (the first ``limit``; None: all)."""
    rows = tables.figures
    if measure is not None:
        rows = rows[rows["measure"] == measure]
    if article_id:
        rows = rows[rows["article_id"] == article_id]
    return (rows if limit is None else rows.head(limit)).reset_index(drop=True)


def sentences(tables: Tables) -> pd.DataFrame:
    """The sentences with their text (``lib.tables.SENTENCE_COLUMNS`` and the engines' scores)."""
    return tables.sentences


def mentions(tables: Tables) -> pd.DataFrame:
    return tables.mentions


def evidence(tables: Tables) -> pd.DataFrame:
    return tables.evidence


# ---- the details of what a drill-down shows, by id ---------------------------------------------


def _at(frame: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    keys = pairs[["article_id", "sentence_index"]].drop_duplicates()
    return frame.merge(keys, on=["article_id", "sentence_index"])


def articles_at(tables: Tables, article_ids: Sequence[str]) -> pd.DataFrame:
    """These articles' rows (as ``articles``), in the frames' order."""
    return tables.articles[tables.articles["article_id"].isin(list(article_ids))].reset_index(drop=True)


def sentences_at(tables: Tables, pairs: pd.DataFrame) -> pd.DataFrame:
    """The sentences (as ``sentences``) at these (article_id, sentence_index) pairs."""
    return _at(tables.sentences, pairs).reset_index(drop=True)


def mentions_at(tables: Tables, pairs: pd.DataFrame) -> pd.DataFrame:
    """The mentions in the sentences at these pairs. Columns: article_id, sentence_index,
    start, end, actor."""
    return _at(tables.mentions, pairs)[["article_id", "sentence_index", "start", "end", "actor"]].reset_index(drop=True)


def corrections(tables: Tables) -> pd.DataFrame:
    """The statements and figures an analyst corrected (``CORRECTED_COLUMNS``)."""
    parts = []
    for frame, what in ((tables.quotes, "statement"), (tables.figures, "figure")):
        if "corrected" in frame.columns:
            fixed = frame[frame["corrected"].notna()]
            parts.append(fixed[["article_id", "sentence_index"]].assign(what=what, corrected=fixed["corrected"]))
    if not parts:
        return pd.DataFrame(columns=CORRECTED_COLUMNS)
    return pd.concat(parts, ignore_index=True)[CORRECTED_COLUMNS]


def evidence_of(tables: Tables, quote_ids: Sequence[str]) -> pd.DataFrame:
    """The stance cues (``lib.tables.EVIDENCE_COLUMNS``) of these statements."""
    return tables.evidence[tables.evidence["quote_id"].isin(list(quote_ids))].reset_index(drop=True)
