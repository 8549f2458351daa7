"""The column schema of every frame ``build_tables`` makes and every summary built on them:
one constant per column name, and one line of meaning per column of each frame.

A name can mean different things in different frames ("kind" is an actor's kind in
``mentions`` and a figure's kind in ``figures``; "counted" is a flag in ``evidence`` and the
counted thing in ``figures``), so the meanings are kept per frame: ``FRAMES`` for the tables,
``SUMMARIES`` for the summaries, each an ordered ``{column: meaning}`` in the frame's column
order. The sentences carry two columns per scored engine, named by ``polarity_column`` and
``subjectivity_column`` and documented once as ``polarity_<engine>``/``subjectivity_<engine>``.
``tests/tables/test_columns.py`` checks that every column of every frame is documented here.
"""

from __future__ import annotations

# ---- column names -------------------------------------------------------------------
ABOUT = "about"
ACTOR = "actor"
ACTORS = "actors"
ARTICLE_ID = "article_id"
ARTICLES = "articles"
BYLINE = "byline"
CATEGORY = "category"
CONFLICT = "conflict"
COOPERATION = "cooperation"
CORRECTED = "corrected"
COUNTED = "counted"
COUNTED_SURFACE = "counted_surface"
CREDITS = "credits"
CUE = "cue"
DATE = "date"
DIRECT = "direct"
DISAGREE = "disagree"
END = "end"
ENGINE = "engine"
EVIDENCE = "evidence"
FILE = "file"
HIGH = "high"
KIND = "kind"
LABEL = "label"
LANGUAGE = "language"
LOW = "low"
MEASURE = "measure"
MENTIONS = "mentions"
N_CUES = "n_cues"
N_FIGURES = "n_figures"
N_QUOTES = "n_quotes"
N_SENTENCES = "n_sentences"
N_VALUES = "n_values"
N_WORDS = "n_words"
NEGATED = "negated"
OTHER = "other"
OUTLET = "outlet"
PARAGRAPH = "paragraph"
POLARITY = "polarity"
POLARITY_SD = "polarity_sd"
QUALIFIER = "qualifier"
QUOTE_ID = "quote_id"
QUOTES = "quotes"
ROLLUP = "rollup"
SCORE = "score"
SENTENCE = "sentence"
SENTENCE_INDEX = "sentence_index"
SENTENCES = "sentences"
SHARE = "share"
SPEAKER = "speaker"
SPEAKER_ROLLUP = "speaker_rollup"
SPEAKER_SURFACE = "speaker_surface"
SPREAD = "spread"
STANCE_LABEL = "stance_label"
STANCE_SCORE = "stance_score"
START = "start"
SUBJECTIVITY = "subjectivity"
SURFACE = "surface"
TARGET = "target"
TARGETS = "targets"
TEXT = "text"
TITLE = "title"
UNIT = "unit"
URL = "url"
VALUE = "value"
VIA = "via"
WEIGHT = "weight"

# Values that stand for something in a column.
UNKNOWN_OUTLET = "(unknown outlet)"  # OUTLET of an article whose outlet is not known
ALL_TARGETS = "(all)"  # TARGET of the stance row that pools every statement of a speaker

# The sentences' per-engine columns (``polarity_textblob``), and how they are documented.
POLARITY_PREFIX = "polarity_"
SUBJECTIVITY_PREFIX = "subjectivity_"
ENGINE_PATTERN = "<engine>"
# speaker_stance's grouping column, named by its ``by`` argument.
BY_PATTERN = "<by>"


def polarity_column(engine: str) -> str:
    return f"{POLARITY_PREFIX}{engine}"


def subjectivity_column(engine: str) -> str:
    return f"{SUBJECTIVITY_PREFIX}{engine}"


_ENGINE_COLUMNS = {
    polarity_column(ENGINE_PATTERN): "the sentence's polarity by that engine, -1..1 (NaN: the engine does not read "
    "the article's language)",
    subjectivity_column(ENGINE_PATTERN): "its subjectivity by that engine, 0..1 (NaN: the engine gives none, as "
    "VADER, or does not read the language)",
}

# ---- the frames (lib.tables.build) --------------------------------------------------
FRAMES: dict[str, dict[str, str]] = {
    "articles": {
        ARTICLE_ID: "the store's id (content hash of the body): unique",
        FILE: "the file name it came from",
        LABEL: "the title, else the file name",
        TITLE: "the title, when known",
        OUTLET: f"the outlet, or {UNKNOWN_OUTLET!r}",
        DATE: "the publication date, ISO 'YYYY-MM-DD'; None when undated",
        BYLINE: "the byline, when known",
        CREDITS: "credit lines, '; '-joined",
        URL: "the source URL, when known",
        LANGUAGE: "ISO 639-1 language detected at ingest; None when not told",
        N_SENTENCES: "sentences in the analysis",
        N_WORDS: "whitespace-separated words in the body",
    },
    "sentences": {
        ARTICLE_ID: "the article",
        OUTLET: "the article's outlet",
        DATE: "the article's date",
        SENTENCE_INDEX: "the sentence's number in the article, from 0",
        PARAGRAPH: "the paragraph it is in",
        START: "character offset into the article's text",
        END: "character offset, exclusive",
        TEXT: "the sentence's text",
        ACTORS: "actors mentioned, '; '-joined, in order of mention",
        **_ENGINE_COLUMNS,
    },
    "mentions": {
        ARTICLE_ID: "the article",
        OUTLET: "the article's outlet",
        DATE: "the article's date",
        ACTOR: "the canonical actor",
        KIND: "state | organisation | person | group",
        ROLLUP: "whom the actor speaks for (itself for states and organisations)",
        SENTENCE_INDEX: "the sentence it is in",
        START: "character offset",
        END: "character offset, exclusive",
        SURFACE: "the words as written",
        VIA: "how it was found: name | alias | adjective | title | role | pronoun | open",
    },
    "quotes": {
        ARTICLE_ID: "the article",
        OUTLET: "the article's outlet",
        DATE: "the article's date",
        QUOTE_ID: "'<article_id>:<n>', the statement's id",
        SPEAKER: "who made the statement",
        SPEAKER_ROLLUP: "whom the speaker speaks for",
        SPEAKER_SURFACE: "how the speaker is referred to at the attribution",
        TEXT: "the statement's text",
        DIRECT: "in quotation marks (else reported)",
        CUE: "the reporting verb or phrase",
        SENTENCE_INDEX: "the sentence it starts in",
        START: "character offset",
        END: "character offset, exclusive",
        TARGETS: "actors the statement names, '; '-joined",
        STANCE_SCORE: "the statement's stance, -1 (conflict) .. 1 (cooperation)",
        STANCE_LABEL: "conciliatory | confrontational | mixed | neutral",
        CORRECTED: "what an analyst's correction changed (lib.corrections); None as analysed",
    },
    "evidence": {
        ARTICLE_ID: "the article",
        OUTLET: "the article's outlet",
        QUOTE_ID: "the statement the cue is in",
        SPEAKER: "the statement's speaker",
        TARGETS: "the statement's targets, '; '-joined",
        CUE: "the cue word or phrase",
        POLARITY: "+1 cooperation, -1 conflict",
        WEIGHT: "its weight (0: set aside by its context)",
        CATEGORY: "the CAMEO-inspired class",
        NEGATED: "read under a negation",
        COUNTED: "counts for the statement's stance",
        START: "character offset",
        END: "character offset, exclusive",
        SENTENCE_INDEX: "the statement's sentence",
    },
    "stance": {
        ARTICLE_ID: "the article (one row per article x speaker x target)",
        OUTLET: "the article's outlet",
        SPEAKER: "the speaker",
        SPEAKER_ROLLUP: "whom the speaker speaks for",
        TARGET: f"the target, or {ALL_TARGETS!r} for every statement of the speaker",
        LABEL: "the pooled stance's label in this article",
        SCORE: "the pooled stance's score in this article",
        COOPERATION: "summed cooperation weight (repeats decayed)",
        CONFLICT: "summed conflict weight (repeats decayed)",
        N_CUES: "cues that counted",
        N_QUOTES: "statements pooled",
        EVIDENCE: "the counted cues, 'cue (+), cue (-)'",
    },
    "figures": {
        ARTICLE_ID: "the article",
        OUTLET: "the article's outlet",
        DATE: "the article's date",
        VALUE: "the value",
        COUNTED: "the counted thing's measure family ('troops')",
        COUNTED_SURFACE: "the counted thing as written",
        QUALIFIER: "'more than', 'about', ...",
        ABOUT: "the actor the figure describes",
        KIND: "count | money | percent | measure",
        UNIT: "currency or unit",
        MEASURE: "what it measures (lib.figures.measure_key)",
        SENTENCE: "the text of the sentence it is in",
        SENTENCE_INDEX: "the sentence it is in",
        START: "character offset",
        END: "character offset, exclusive",
        SURFACE: "as written",
        CORRECTED: "what an analyst's correction changed (lib.corrections); None as analysed",
    },
}

# ---- the summaries (lib.tables.summaries) -------------------------------------------
SUMMARIES: dict[str, dict[str, str]] = {
    "actor_summary": {
        ACTOR: "the actor (with rollup, whom it speaks for)",
        OUTLET: "the outlet",
        MENTIONS: "mentions of the actor in the outlet",
        POLARITY: "mean polarity of the sentences that mention it",
        POLARITY_SD: "their polarity's standard deviation",
        SUBJECTIVITY: "their mean subjectivity",
        N_SENTENCES: "sentences that mention it",
        ENGINE: "the sentiment engine",
    },
    "outlet_tone": {
        OUTLET: "the outlet",
        ARTICLES: "its articles",
        N_SENTENCES: "its sentences",
        POLARITY: "their mean polarity",
        POLARITY_SD: "their polarity's standard deviation",
        SUBJECTIVITY: "their mean subjectivity",
        QUOTES: "its statements",
        ENGINE: "the sentiment engine",
    },
    "share_of_voice": {
        OUTLET: "the outlet",
        SPEAKER: "the speaker (with rollup, whom the speaker speaks for)",
        QUOTES: "the speaker's statements in the outlet",
        DIRECT: "of those, in quotation marks",
        SHARE: "the speaker's share of the outlet's statements, 0..1",
    },
    "speaker_stance": {
        SPEAKER: "the speaker (with rollup, whom the speaker speaks for)",
        BY_PATTERN: "what the rows are grouped by: the outlet (default) or the article_id",
        SCORE: "the stance pooled over every statement, -1..1",
        LABEL: "its label",
        COOPERATION: "summed cooperation weight",
        CONFLICT: "summed conflict weight",
        N_CUES: "cues that counted",
        N_QUOTES: "statements pooled",
        ARTICLES: "articles they come from",
    },
    "target_matrix": {
        SPEAKER: "the speaker (with rollup, whom the speaker speaks for)",
        TARGET: "the actor the statements name",
        SCORE: "the stance pooled over those statements, -1..1",
        LABEL: "its label",
        N_QUOTES: "statements pooled",
        N_CUES: "cues that counted",
    },
    "measures": {
        MEASURE: "what the figures measure (lib.figures.measure_key)",
        COUNTED: "the counted thing's measure family",
        ABOUT: "the actor the figures describe",
        KIND: "count | money | percent | measure",
        UNIT: "currency or unit",
        ARTICLE_ID: "the article (one row per measure x article)",
        OUTLET: "the article's outlet",
        LABEL: "the article's label (its title, else its file)",
        DATE: "the article's date (datetime.date); None when undated",
        VALUE: "the article's representative value for the measure",
        N_FIGURES: "the article's figures for the measure",
        ARTICLES: "articles that give the measure",
        DISAGREE: "two articles close in time (within the window) give different values",
        SPREAD: "largest / smallest value among articles close in time; None when unbounded",
    },
    "outlet_values": {
        MEASURE: "a measure (with disputed: one two articles close in time give different values for)",
        OUTLET: "an outlet that gives it",
        VALUE: "the outlet's largest value for it",
        ARTICLES: "articles that give the measure",
    },
    "measure_summary": {
        MEASURE: "what the figures measure",
        ARTICLES: "articles that give the measure",
        DISAGREE: "two articles close in time (within the window) give different values",
        N_VALUES: "distinct values the articles give",
        LOW: "the smallest",
        HIGH: "the largest",
    },
    "co_mentions": {
        ACTOR: "one actor of the pair (the smaller name; with rollup, whom it speaks for)",
        OTHER: "the other actor",
        SENTENCES: "sentences naming both",
    },
}


def meaning(frame: str, column: str, *, by: str | None = None) -> str:
    """The meaning of ``column`` in ``frame`` (a name in ``FRAMES`` or ``SUMMARIES``). A
    sentences' engine column is read as ``polarity_<engine>`` (``subjectivity_<engine>``);
    the column a summary was grouped ``by`` as ``<by>``. A KeyError names what is documented."""
    known = FRAMES.get(frame) or SUMMARIES.get(frame)
    if known is None:
        raise KeyError(f"no frame {frame!r}; known: {', '.join([*FRAMES, *SUMMARIES])}")
    if by is not None and column == by and BY_PATTERN in known:
        return known[BY_PATTERN]
    if column in known:
        return known[column]
    for prefix in (POLARITY_PREFIX, SUBJECTIVITY_PREFIX):
        pattern = prefix + ENGINE_PATTERN
        if column.startswith(prefix) and pattern in known:
            return known[pattern]
    raise KeyError(f"column {column!r} of {frame!r} is not documented; documented: {', '.join(known)}")


# Each frame's columns in order (the sentences' engine columns come after these).
ARTICLE_COLUMNS = list(FRAMES["articles"])
SENTENCE_COLUMNS = [c for c in FRAMES["sentences"] if ENGINE_PATTERN not in c]
MENTION_COLUMNS = list(FRAMES["mentions"])
QUOTE_COLUMNS = list(FRAMES["quotes"])
EVIDENCE_COLUMNS = list(FRAMES["evidence"])
STANCE_COLUMNS = list(FRAMES["stance"])
FIGURE_COLUMNS = list(FRAMES["figures"])
