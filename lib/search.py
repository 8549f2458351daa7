"""The article list and full-text search behind the Articles page.

``article_list`` is one row per article with what an analyst sorts by (statements,
figures, tone); ``search`` finds the sentences and statements holding every term of a
query (case-insensitive; a "quoted phrase" is one term)."""

from __future__ import annotations

import re
import shlex

import pandas as pd

from lib.tables import Tables, polarity_column

# Columns of ``article_list`` (``language`` only when the articles carry one).
ARTICLE_LIST_COLUMNS = [
    "article_id",
    "outlet",
    "date",
    "title",
    "language",
    "sentences",
    "statements",
    "figures",
    "tone",
    "matches",
    "first_match",
]
# Columns of ``search``: where a hit is ("sentence" or "statement"), and its text.
HIT_COLUMNS = ["article_id", "sentence_index", "where", "text"]


def query_terms(query: str) -> list[str]:
    """The terms of a search box's query: words, and "quoted phrases" kept whole."""
    try:
        parts = shlex.split(query)
    except ValueError:  # an unbalanced quote: read the words as they are
        parts = query.replace('"', " ").split()
    return [p.strip().lower() for p in parts if p.strip()]


def _holding(texts: pd.Series, terms: list[str]) -> pd.Series:
    folded = texts.fillna("").astype(str).str.lower()
    keep = pd.Series(True, index=texts.index)
    for term in terms:
        keep &= folded.str.contains(re.escape(term), regex=True)
    return keep


def search(tables: Tables, query: str) -> pd.DataFrame:
    """Sentences and statements that hold every term of ``query`` (none for an empty query).
    A statement spanning sentences is one hit, at the sentence it starts in."""
    terms = query_terms(query)
    if not terms:
        return pd.DataFrame(columns=HIT_COLUMNS)
    sentences = tables.sentences[_holding(tables.sentences["text"], terms)]
    quotes = tables.quotes[_holding(tables.quotes["text"], terms)]
    hits = pd.concat(
        [
            sentences[["article_id", "sentence_index", "text"]].assign(where="sentence"),
            quotes[["article_id", "sentence_index", "text"]].assign(where="statement"),
        ],
        ignore_index=True,
    )
    return hits[HIT_COLUMNS].sort_values(["article_id", "sentence_index", "where"]).reset_index(drop=True)


def article_list(tables: Tables, engine: str, *, query: str = "") -> pd.DataFrame:
    """One row per article: outlet, date, title, language (when known), sentences,
    statements, figures, tone (mean sentence polarity by ``engine``). With a query, only
    the articles holding it, with the number of hits and the first sentence hit."""
    articles = tables.articles
    frame = pd.DataFrame(
        {
            "article_id": articles["article_id"],
            "outlet": articles["outlet"],
            "date": articles["date"],
            "title": articles["title"].where(articles["title"].notna(), articles["label"]),
            "language": articles["language"] if "language" in articles.columns else None,
            "sentences": articles["n_sentences"],
        }
    )
    counts = {
        "statements": tables.quotes.groupby("article_id").size(),
        "figures": tables.figures.groupby("article_id").size(),
    }
    for name, series in counts.items():
        frame[name] = frame["article_id"].map(series).fillna(0).astype(int)
    column = polarity_column(engine)
    if column in tables.sentences.columns:
        frame["tone"] = frame["article_id"].map(tables.sentences.groupby("article_id")[column].mean())
    else:
        frame["tone"] = float("nan")
    return with_matches(frame, search(tables, query) if query_terms(query) else None)


def with_matches(frame: pd.DataFrame, hits: pd.DataFrame | None) -> pd.DataFrame:
    """The article list ``frame`` with each article's number of search ``hits`` and its first
    sentence hit, keeping only the articles hit (all of them, with no match, when ``hits`` is
    None: no query). Shared by this list and the analytic layer's (``lib.analytics.views``)."""
    frame = frame.copy()
    frame["matches"] = 0
    frame["first_match"] = pd.NA
    if hits is not None:
        by_article = hits.groupby("article_id")
        frame["matches"] = frame["article_id"].map(by_article.size()).fillna(0).astype(int)
        frame["first_match"] = frame["article_id"].map(by_article["sentence_index"].min())
        frame = frame[frame["matches"] > 0]
    return frame[ARTICLE_LIST_COLUMNS].reset_index(drop=True)


def term_spans(text: str, terms: list[str], *, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Where each term occurs in ``text[start:end]`` (case-insensitive), as offsets into
    ``text``: the spans to highlight in a hit."""
    original = text[start:end]
    window = original.lower()
    if len(window) != len(original):  # a letter whose lower case is longer: offsets would shift
        return []
    spans = []
    for term in terms:
        if not term:
            continue
        at = window.find(term)
        while at >= 0:
            spans.append((start + at, start + at + len(term)))
            at = window.find(term, at + len(term))
    return sorted(spans)
