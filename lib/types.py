"""The records the engine passes around. All frozen: analysis never mutates input.

Offsets (``start``, ``end``) are character offsets into ``Article.text``, end
exclusive, so that any record can be highlighted in the text it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One news item, its body text cleaned of page furniture, and what the text states about it.

    ``id`` is derived from the body text (see ``ingest.article_id``), so the same text
    uploaded twice is the same article. Unknown metadata is ``None``, never guessed.
    """

    id: str
    file: str
    text: str
    title: str | None = None
    outlet: str | None = None
    date: dt.date | None = None
    byline: str | None = None
    credits: tuple[str, ...] = ()
    url: str | None = None
    # Where each metadata value came from ("text: date line", "sidecar", "user"), for the Reader.
    provenance: tuple[tuple[str, str], ...] = ()
    # A date stated without its year ("Thursday, February 10"): (month, day, weekday or -1).
    partial_date: tuple[int, int, int] | None = None
    # The body's language (ISO 639-1, "en", "ru"), detected at ingest; None when it could not be told.
    language: str | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence span. ``paragraph`` counts blank-line or line-break separated blocks."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True)
class Mention:
    """An actor named in the text, directly, by alias, adjective, title or pronoun."""

    actor: str
    kind: str  # state | organisation | person | group
    rollup: str  # whom the actor speaks for (itself for states and organisations)
    start: int
    end: int
    surface: str
    sentence_index: int
    via: str  # name | alias | adjective | title | role | pronoun | open (a name the dictionary lacks)


@dataclass(frozen=True)
class Quote:
    """A statement attributed to a speaker: direct (in quotation marks) or reported."""

    speaker: str  # canonical actor or the name as written for people not in the dictionary
    speaker_rollup: str
    text: str
    start: int
    end: int
    sentence_index: int
    direct: bool
    cue: str  # the reporting verb or phrase ("said", "according to", "tweet")
    speaker_surface: str  # how the speaker is referred to at the attribution ("he", "the secretary general")
    # What an analyst's correction changed ("speaker was Sergey Lavrov"); None as analysed (lib.corrections).
    corrected: str | None = None


@dataclass(frozen=True)
class StanceCue:
    """One cue word or phrase found in a statement, with its direction on the axis."""

    cue: str
    polarity: int  # +1 cooperation, -1 conflict
    weight: float
    category: str  # the CAMEO-inspired class, e.g. "appeal for dialogue", "threaten"
    negated: bool
    start: int
    end: int


@dataclass(frozen=True)
class Figure:
    """A numeric figure cited as a fact about the world ("more than 150,000 troops")."""

    value: float
    counted: str  # head noun, normalised to its measure family ("troops")
    counted_surface: str  # as written ("Russian troops")
    qualifier: str | None  # "more than", "at least", "about", "up to", ...
    about: str | None  # the actor the figure describes
    kind: str  # count | money | percent | measure
    unit: str | None  # currency or unit for money and measures
    start: int
    end: int
    sentence_index: int
    surface: str
    # What an analyst's correction changed ("value was 150,000"); None as analysed (lib.corrections).
    corrected: str | None = None


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything the engine derives from one article's text. Metadata is joined later,
    so editing an outlet or date never requires re-analysis."""

    article_id: str
    analyzer_version: str
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    figures: tuple[Figure, ...]
    # Per sentence, per engine: {engine: (polarity, subjectivity or nan)}
    sentiment: tuple[dict[str, tuple[float, float]], ...] = field(default_factory=tuple)
