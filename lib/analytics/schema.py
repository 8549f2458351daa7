"""The analytic layer's tables: one constant per table, each column with one line of meaning.

Every fact table is keyed by ``aid``, a small integer given to an article when its rows are
appended (its order of arrival); ``articles`` maps it to the store's ``article_id``. Outlet
and date live only in ``articles``: an analyst's edit updates one row, and every query joins
them through the filter. Text (sentences, statements) sits in tables of its own, read only on
drill-down, by id; no summary reads them.

Sentiment: ``sentences`` has a ``polarity_<engine>`` and ``subjectivity_<engine>`` column per
scored engine (added when an engine is first scored); the per-article aggregates are long, one
row per engine.
"""

from __future__ import annotations

import re

from lib.errors import StoreError

# table -> [(column, SQL type, meaning)]
Columns = list[tuple[str, str, str]]

ARTICLES: Columns = [
    ("aid", "INTEGER NOT NULL", "the article's key in this layer, in order of arrival"),
    ("article_id", "VARCHAR NOT NULL", "the store's id (content hash): unique"),
    ("file", "VARCHAR", "the file name it came from"),
    ("label", "VARCHAR", "the title, else the file name"),
    ("title", "VARCHAR", "the title, when known"),
    ("outlet", "VARCHAR NOT NULL", "the outlet, or '(unknown outlet)'"),
    ("date", "DATE", "the publication date; NULL when undated"),
    ("byline", "VARCHAR", "the byline, when known"),
    ("credits", "VARCHAR", "credit lines, '; '-joined"),
    ("url", "VARCHAR", "the source URL, when known"),
    ("language", "VARCHAR", "ISO 639-1 language detected at ingest; NULL when not told"),
    ("n_sentences", "INTEGER", "sentences in the analysis"),
    ("n_words", "INTEGER", "whitespace-separated words in the body"),
    ("n_quotes", "INTEGER", "statements in the analysis"),
    ("revision", "VARCHAR", "the store's revision of the article these rows were made from ('<metadata>|<analysis>')"),
    ("partial_date", "VARCHAR", "a date stated without its year, as JSON [month, day, weekday]; NULL otherwise"),
]
SENTENCES: Columns = [
    ("aid", "INTEGER NOT NULL", "the article"),
    ("sentence_index", "INTEGER NOT NULL", "the sentence's number in the article, from 0"),
    ("paragraph", "INTEGER", "the paragraph it is in"),
    ("start", "INTEGER", "character offset into the article's text"),
    ("end", "INTEGER", "character offset, exclusive"),
    ("actors", "VARCHAR", "actors mentioned, '; '-joined, in order of mention"),
]  # + polarity_<engine> DOUBLE (-1..1), subjectivity_<engine> DOUBLE (0..1): NULL = not scored
SENTENCE_TEXTS: Columns = [
    ("aid", "INTEGER NOT NULL", "the article"),
    ("sentence_index", "INTEGER NOT NULL", "the sentence"),
    ("text", "VARCHAR", "the sentence's text (drill-down only)"),
]
MENTIONS: Columns = [
    ("aid", "INTEGER NOT NULL", "the article"),
    ("actor", "VARCHAR NOT NULL", "the canonical actor"),
    ("kind", "VARCHAR", "state | organisation | person | group"),
    ("rollup", "VARCHAR NOT NULL", "whom the actor speaks for"),
    ("sentence_index", "INTEGER NOT NULL", "the sentence it is in"),
    ("start", "INTEGER", "character offset"),
    ("end", "INTEGER", "character offset, exclusive"),
    ("surface", "VARCHAR", "the words as written"),
    ("via", "VARCHAR", "how it was found: name | alias | adjective | title | role | pronoun | open"),
]
QUOTES: Columns = [
    ("aid", "INTEGER NOT NULL", "the article"),
    ("quote_id", "VARCHAR NOT NULL", "'<article_id>:<n>', the statement's id"),
    ("speaker", "VARCHAR NOT NULL", "who made the statement"),
    ("speaker_rollup", "VARCHAR NOT NULL", "whom the speaker speaks for"),
    ("speaker_surface", "VARCHAR", "how the speaker is referred to at the attribution"),
    ("direct", "BOOLEAN", "in quotation marks (else reported)"),
    ("cue", "VARCHAR", "the reporting verb or phrase"),
    ("sentence_index", "INTEGER", "the sentence it starts in"),
    ("start", "INTEGER", "character offset"),
    ("end", "INTEGER", "character offset, exclusive"),
    ("targets", "VARCHAR", "actors the statement names, '; '-joined"),
    ("stance_score", "DOUBLE", "the statement's stance, -1 (conflict) .. 1 (cooperation)"),
    ("stance_label", "VARCHAR", "conciliatory | confrontational | mixed | neutral"),
    ("corrected", "VARCHAR", "what an analyst's correction changed (lib.corrections); NULL as analysed"),
]
QUOTE_TEXTS: Columns = [
    ("aid", "INTEGER NOT NULL", "the article"),
    ("quote_id", "VARCHAR NOT NULL", "the statement"),
    ("text", "VARCHAR", "the statement's text (drill-down only)"),
]
EVIDENCE: Columns = [
    ("aid", "INTEGER NOT NULL", "the article"),
    ("quote_id", "VARCHAR NOT NULL", "the statement the cue is in"),
    ("speaker", "VARCHAR", "the statement's speaker"),
    ("targets", "VARCHAR", "the statement's targets, '; '-joined"),
    ("cue", "VARCHAR", "the cue word or phrase"),
    ("polarity", "INTEGER", "+1 cooperation, -1 conflict"),
    ("weight", "DOUBLE", "its weight (0: set aside by its context)"),
    ("category", "VARCHAR", "the CAMEO-inspired class"),
    ("negated", "BOOLEAN", "read under a negation"),
    ("counted", "BOOLEAN", "counts for the statement's stance"),
    ("start", "INTEGER", "character offset"),
    ("end", "INTEGER", "character offset, exclusive"),
    ("sentence_index", "INTEGER", "the statement's sentence"),
]
STANCE: Columns = [
    ("aid", "INTEGER NOT NULL", "the article (a per-article aggregate)"),
    ("speaker", "VARCHAR NOT NULL", "the speaker"),
    ("speaker_rollup", "VARCHAR NOT NULL", "whom the speaker speaks for"),
    ("target", "VARCHAR NOT NULL", "the target, or '(all)' for every statement of the speaker"),
    ("label", "VARCHAR", "the pooled stance's label in this article"),
    ("score", "DOUBLE", "the pooled stance's score in this article"),
    ("cooperation", "DOUBLE", "summed cooperation weight (repeats decayed)"),
    ("conflict", "DOUBLE", "summed conflict weight (repeats decayed)"),
    ("n_cues", "INTEGER", "cues that counted"),
    ("n_quotes", "INTEGER", "statements pooled"),
    ("evidence", "VARCHAR", "the counted cues, 'cue (+), cue (-)'"),
]
FIGURES: Columns = [
    ("aid", "INTEGER NOT NULL", "the article"),
    ("figure_index", "INTEGER NOT NULL", "the figure's number in the article (order of citation)"),
    ("value", "DOUBLE", "the value"),
    ("counted", "VARCHAR", "the counted thing's measure family ('troops')"),
    ("counted_surface", "VARCHAR", "the counted thing as written"),
    ("qualifier", "VARCHAR", "'more than', 'about', ..."),
    ("about", "VARCHAR", "the actor the figure describes"),
    ("kind", "VARCHAR", "count | money | percent | measure"),
    ("unit", "VARCHAR", "currency or unit"),
    ("measure", "VARCHAR", "what it measures (figures.measure_key)"),
    ("sentence_index", "INTEGER", "the sentence it is in"),
    ("start", "INTEGER", "character offset"),
    ("end", "INTEGER", "character offset, exclusive"),
    ("surface", "VARCHAR", "as written"),
    ("corrected", "VARCHAR", "what an analyst's correction changed (lib.corrections); NULL as analysed"),
]
# Per-article aggregates, written with the article's rows (the charts read these, not the facts).
ARTICLE_TONE: Columns = [
    ("aid", "INTEGER NOT NULL", "the article"),
    ("engine", "VARCHAR NOT NULL", "the sentiment engine"),
    ("n_sentences", "INTEGER", "sentences"),
    ("n_polarity", "INTEGER", "sentences with a polarity"),
    ("sum_polarity", "DOUBLE", "their polarities summed"),
    ("sum_polarity2", "DOUBLE", "their squared polarities summed (for the standard deviation)"),
    ("n_subjectivity", "INTEGER", "sentences with a subjectivity"),
    ("sum_subjectivity", "DOUBLE", "their subjectivities summed"),
]
ACTOR_TONE: Columns = [
    ("aid", "INTEGER NOT NULL", "the article"),
    ("level", "VARCHAR NOT NULL", "'actor' or 'rollup': which key 'actor' holds"),
    ("actor", "VARCHAR NOT NULL", "the actor (or whom it speaks for)"),
    ("engine", "VARCHAR NOT NULL", "the sentiment engine"),
    ("mentions", "INTEGER", "mentions in the article"),
    ("n_sentences", "INTEGER", "sentences that mention it"),
    ("n_polarity", "INTEGER", "of those, with a polarity"),
    ("sum_polarity", "DOUBLE", "their polarities summed"),
    ("sum_polarity2", "DOUBLE", "their squared polarities summed"),
    ("n_subjectivity", "INTEGER", "of those, with a subjectivity"),
    ("sum_subjectivity", "DOUBLE", "their subjectivities summed"),
]
FIGURE_VALUES: Columns = [
    ("aid", "INTEGER NOT NULL", "the article"),
    ("measure", "VARCHAR", "what its figures measure (figures.measure)"),
    ("value", "DOUBLE", "the article's value for the measure: the one it cites most often, ties to the largest"),
    ("n_figures", "INTEGER", "the article's figures for the measure"),
]
ACTOR_PAIRS: Columns = [
    ("aid", "INTEGER NOT NULL", "the article"),
    ("level", "VARCHAR NOT NULL", "'actor' or 'rollup'"),
    ("actor", "VARCHAR NOT NULL", "one actor of the pair (the smaller name)"),
    ("other", "VARCHAR NOT NULL", "the other actor"),
    ("sentences", "INTEGER", "sentences of the article naming both"),
]

TABLES: dict[str, Columns] = {
    "articles": ARTICLES,
    "sentences": SENTENCES,
    "sentence_texts": SENTENCE_TEXTS,
    "mentions": MENTIONS,
    "quotes": QUOTES,
    "quote_texts": QUOTE_TEXTS,
    "evidence": EVIDENCE,
    "stance": STANCE,
    "figures": FIGURES,
    "article_tone": ARTICLE_TONE,
    "actor_tone": ACTOR_TONE,
    "actor_pairs": ACTOR_PAIRS,
    "figure_values": FIGURE_VALUES,
}
# The fact tables an article's rows go to (the aggregates are computed from them).
FACT_TABLES = ("articles", "sentences", "sentence_texts", "mentions", "quotes", "quote_texts", "evidence", "stance",
               "figures")  # fmt: skip
AGGREGATE_TABLES = ("article_tone", "actor_tone", "actor_pairs", "figure_values")
# Made from the facts when a layer file made before it is opened (``Analytics``), as appending makes them.
FILL_FIGURE_VALUES = """
    INSERT INTO figure_values
    WITH counts AS (SELECT aid, measure, value, count(*) AS n FROM figures WHERE aid BETWEEN ? AND ? GROUP BY ALL)
    SELECT aid, measure, arg_max(value, (n, value)), sum(n) FROM counts GROUP BY aid, measure"""

_ENGINE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,31}$")


def engine_columns(engine: str) -> tuple[str, str]:
    """The sentences' columns for ``engine``; the name becomes an identifier, so it is checked."""
    if not _ENGINE_NAME.match(engine):
        raise StoreError(f"not an engine name: {engine!r} (lower-case letters, digits and _)")
    return f"polarity_{engine}", f"subjectivity_{engine}"


def create_statements() -> list[str]:
    """CREATE TABLE IF NOT EXISTS for every table, and the indexes the look-ups by id use."""
    out = []
    for name, columns in TABLES.items():
        body = ", ".join(f'"{column}" {kind}' for column, kind, _ in columns)
        out.append(f"CREATE TABLE IF NOT EXISTS {name} ({body})")
    # Columns added after a layer file was first made: an older file gets them, empty.
    out.append("ALTER TABLE articles ADD COLUMN IF NOT EXISTS revision VARCHAR")
    out.append("ALTER TABLE articles ADD COLUMN IF NOT EXISTS partial_date VARCHAR")
    out.append("ALTER TABLE quotes ADD COLUMN IF NOT EXISTS corrected VARCHAR")  # corrections (lib.corrections)
    out.append("ALTER TABLE figures ADD COLUMN IF NOT EXISTS corrected VARCHAR")
    out.append("CREATE UNIQUE INDEX IF NOT EXISTS articles_article_id ON articles (article_id)")
    out.append("CREATE UNIQUE INDEX IF NOT EXISTS articles_aid ON articles (aid)")
    return out
