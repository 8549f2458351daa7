"""The builders: a corpus's analyses as documented pandas frames (``Tables``).

Every frame's columns are named in ``lib.tables.columns``. Metadata (outlet, date, title) is
joined from the articles at build time, so an edited outlet is reflected without re-analysis.
A missing outlet shows as ``UNKNOWN_OUTLET``.

Frames (``Tables``):
    articles   one row per article: ARTICLE_COLUMNS ("label": the title, else the file name)
    sentences  one row per sentence, with each scored engine's columns: SENTENCE_COLUMNS
    mentions   one row per actor mention: MENTION_COLUMNS
    quotes     one row per statement, with its stance: QUOTE_COLUMNS ("corrected": what an
               analyst's correction changed, lib.corrections; empty as analysed)
    evidence   one row per stance cue found in a statement: EVIDENCE_COLUMNS
    stance     one row per article x speaker x target ("(all)" = every statement): STANCE_COLUMNS
    figures    one row per cited figure: FIGURE_COLUMNS ("corrected" likewise)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace

import pandas as pd

from lib.figures import measure_key
from lib.stance import load_stance_lexicon, onlookers, quote_targets, speaker_pool, statement_stance
from lib.tables.columns import (
    ABOUT,
    ACTOR,
    ACTORS,
    ALL_TARGETS,
    ARTICLE_ID,
    BYLINE,
    CATEGORY,
    CONFLICT,
    COOPERATION,
    CORRECTED,
    COUNTED,
    COUNTED_SURFACE,
    CREDITS,
    CUE,
    DATE,
    DIRECT,
    END,
    ENGINE_PATTERN,
    EVIDENCE,
    FILE,
    FRAMES,
    KIND,
    LABEL,
    LANGUAGE,
    MEASURE,
    N_CUES,
    N_QUOTES,
    N_SENTENCES,
    N_WORDS,
    NEGATED,
    OUTLET,
    PARAGRAPH,
    POLARITY,
    POLARITY_PREFIX,
    QUALIFIER,
    QUOTE_ID,
    ROLLUP,
    SCORE,
    SENTENCE,
    SENTENCE_INDEX,
    SPEAKER,
    SPEAKER_ROLLUP,
    SPEAKER_SURFACE,
    STANCE_LABEL,
    STANCE_SCORE,
    START,
    SUBJECTIVITY_PREFIX,
    SURFACE,
    TARGET,
    TARGETS,
    TEXT,
    TITLE,
    UNIT,
    UNKNOWN_OUTLET,
    URL,
    VALUE,
    VIA,
    WEIGHT,
    polarity_column,
    subjectivity_column,
)
from lib.types import Article, ArticleAnalysis, StanceCue


@dataclass(frozen=True)
class Tables:
    articles: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    quotes: pd.DataFrame
    evidence: pd.DataFrame
    stance: pd.DataFrame
    figures: pd.DataFrame
    # Summaries already computed from these very tables (see ``memo``); not a frame.
    _memo: dict[str, pd.DataFrame] = field(default_factory=dict, init=False, repr=False, compare=False)

    def names(self) -> list[str]:
        return [f.name for f in fields(self) if f.init]

    def memo(self, key: str, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        """``compute()`` once per tables object: a page rerun, or another page with the same
        filters, reuses it. The frame is shared: callers must not modify it in place."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @staticmethod
    def concat(parts: Sequence[Tables]) -> Tables:
        """One set of tables from several (a corpus and its uploads), rows in order."""
        return Tables(
            **{name: pd.concat([getattr(part, name) for part in parts], ignore_index=True) for name in parts[0].names()}
        )

    def in_order(self, article_ids: Sequence[str]) -> Tables:
        """The same rows, each frame's rows in the order of ``article_ids`` (stable within an
        article): after some articles' rows were rebuilt and appended."""
        position = {article_id: n for n, article_id in enumerate(article_ids)}

        def ordered(frame: pd.DataFrame) -> pd.DataFrame:
            keys = frame[ARTICLE_ID].map(position).fillna(len(position))
            return frame.iloc[keys.argsort(kind="stable")].reset_index(drop=True)

        return Tables(**{name: ordered(getattr(self, name)) for name in self.names()})

    def engines(self) -> list[str]:
        """The sentiment engines whose scores the sentences carry."""
        return [c.removeprefix(POLARITY_PREFIX) for c in self.sentences.columns if c.startswith(POLARITY_PREFIX)]

    def with_engine(self, engine: str, *, progress: Callable[[int, int], None] | None = None) -> Tables:
        """These tables with ``engine``'s scores on every sentence, computed now if missing.

        Ingest scores with the requested engine (TextBlob) only; another engine is scored
        when first asked for, so it costs nothing to a corpus no one reads with it."""
        if engine in self.engines():
            return self
        from lib.ingest import engine_reads
        from lib.sentiment import get_engine

        scorer = get_engine(engine)
        texts = self.sentences[TEXT].tolist()
        # An article in a language the engine does not read gets no English sentiment (NaN).
        reads = self.articles[LANGUAGE].map(lambda code: engine_reads(code if isinstance(code, str) else None))
        unread = set(self.articles.loc[~reads.astype(bool), ARTICLE_ID])
        skip = self.sentences[ARTICLE_ID].isin(unread).tolist() if unread else [False] * len(texts)
        scores: list[tuple[float, float]] = []
        step = max(1, len(texts) // 100)
        for done, (text, skipped) in enumerate(zip(texts, skip, strict=True), start=1):
            scores.append((float("nan"), float("nan")) if skipped else scorer.score(text))
            if progress and (done % step == 0 or done == len(texts)):
                progress(done, len(texts))
        sentences = self.sentences.copy()
        sentences[polarity_column(engine)] = [p for p, _ in scores]
        sentences[subjectivity_column(engine)] = [s for _, s in scores]
        return replace(self, sentences=sentences)

    def filter(
        self,
        *,
        outlets: Sequence[str] | None = None,
        article_ids: Sequence[str] | None = None,
        date_range: tuple[object, object] | None = None,
    ) -> Tables:
        """The same tables restricted to some outlets, articles or dates (these very tables,
        not a copy, when nothing restricts them)."""
        if not outlets and article_ids is None and date_range is None:
            return self
        keep = self.articles
        if outlets:
            keep = keep[keep[OUTLET].isin(outlets)]
        if article_ids is not None:
            keep = keep[keep[ARTICLE_ID].isin(article_ids)]
        if date_range is not None:
            low, high = date_range
            dates = pd.to_datetime(keep[DATE], errors="coerce")
            inside = dates.isna() | ((dates >= pd.Timestamp(low)) & (dates <= pd.Timestamp(high)))  # type: ignore[arg-type]
            keep = keep[inside]
        ids = set(keep[ARTICLE_ID])
        return Tables(
            **{
                name: frame[frame[ARTICLE_ID].isin(ids)].reset_index(drop=True)
                for name, frame in ((name, getattr(self, name)) for name in self.names())
            }
        )


def outlet_label(outlet: str | None) -> str:
    return outlet or UNKNOWN_OUTLET


def _date(article: Article) -> str | None:
    return article.date.isoformat() if article.date else None


_FLUSH_EVERY = 1000  # articles whose rows are turned into frames at a time
# Each frame's columns, as documented; the sentences' engine columns come after these.
_COLUMNS = {name: [column for column in schema if ENGINE_PATTERN not in column] for name, schema in FRAMES.items()}


def build_tables(articles: Sequence[Article], analyses: Iterable[ArticleAnalysis]) -> Tables:
    """Frames for a corpus, in the order of ``analyses`` (one per article, matched by id;
    an analysis whose article is absent is skipped). ``analyses`` may be a stream: rows
    become frames every thousand articles, so a large corpus never holds every row as a
    Python dict, nor (read from the store) every analysis at once."""
    by_id = {a.id: a for a in articles}
    lexicon = load_stance_lexicon()
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in _COLUMNS}
    chunks: dict[str, list[pd.DataFrame]] = {name: [] for name in _COLUMNS}
    engines: set[str] = set()
    pending = 0

    def flush() -> None:
        engines.update(
            key for row in rows["sentences"] for key in row if key.startswith((POLARITY_PREFIX, SUBJECTIVITY_PREFIX))
        )
        for name, columns in _COLUMNS.items():
            if rows[name]:
                extra = sorted(engines) if name == "sentences" else []
                chunks[name].append(_frame(rows[name], columns + extra))
                rows[name] = []

    for analysis in analyses:
        article = by_id.get(analysis.article_id)
        if article is None:
            continue
        pending += 1
        if pending % _FLUSH_EVERY == 0:
            flush()
        outlet = outlet_label(article.outlet)
        date = _date(article)
        base = {ARTICLE_ID: article.id, OUTLET: outlet}
        rows["articles"].append(
            {
                ARTICLE_ID: article.id,
                FILE: article.file,
                LABEL: article.title or article.file,
                TITLE: article.title,
                OUTLET: outlet,
                DATE: date,
                BYLINE: article.byline,
                CREDITS: "; ".join(article.credits),
                URL: article.url,
                LANGUAGE: article.language,
                N_SENTENCES: len(analysis.sentences),
                N_WORDS: len(article.text.split()),
            }
        )
        actors_in: dict[int, list[str]] = {}
        for mention in analysis.mentions:
            actors_in.setdefault(mention.sentence_index, [])
            if mention.actor not in actors_in[mention.sentence_index]:
                actors_in[mention.sentence_index].append(mention.actor)
            rows["mentions"].append(
                {
                    **base,
                    DATE: date,
                    ACTOR: mention.actor,
                    KIND: mention.kind,
                    ROLLUP: mention.rollup,
                    SENTENCE_INDEX: mention.sentence_index,
                    START: mention.start,
                    END: mention.end,
                    SURFACE: mention.surface,
                    VIA: mention.via,
                }
            )
        for sentence, scores in zip(analysis.sentences, analysis.sentiment, strict=False):
            row: dict[str, object] = {
                **base,
                DATE: date,
                SENTENCE_INDEX: sentence.index,
                PARAGRAPH: sentence.paragraph,
                START: sentence.start,
                END: sentence.end,
                TEXT: sentence.text,
                ACTORS: "; ".join(actors_in.get(sentence.index, [])),
            }
            for engine, (polarity, subjectivity) in scores.items():
                row[polarity_column(engine)] = polarity
                row[subjectivity_column(engine)] = subjectivity
            rows["sentences"].append(row)
        per_speaker: dict[tuple[str, str], list[tuple[int, list[StanceCue]]]] = {}
        rollups: dict[str, str] = {}
        onlooking = onlookers(article.text, analysis.quotes, analysis.mentions, lexicon=lexicon)
        for number, quote in enumerate(analysis.quotes):
            quote_id = f"{article.id}:{number}"
            read = statement_stance(quote, lexicon=lexicon, onlooker=quote.speaker in onlooking)
            cues, stance = list(read.counted), read.stance
            targets = quote_targets(quote, analysis.mentions)
            rows["quotes"].append(
                {
                    **base,
                    DATE: date,
                    QUOTE_ID: quote_id,
                    SPEAKER: quote.speaker,
                    SPEAKER_ROLLUP: quote.speaker_rollup,
                    SPEAKER_SURFACE: quote.speaker_surface,
                    TEXT: quote.text,
                    DIRECT: quote.direct,
                    CUE: quote.cue,
                    SENTENCE_INDEX: quote.sentence_index,
                    START: quote.start,
                    END: quote.end,
                    TARGETS: "; ".join(targets),
                    STANCE_SCORE: stance.score,
                    STANCE_LABEL: stance.label,
                    CORRECTED: quote.corrected,
                }
            )
            for cue in read.cues:
                rows["evidence"].append(
                    {
                        **base,
                        QUOTE_ID: quote_id,
                        SPEAKER: quote.speaker,
                        TARGETS: "; ".join(targets),
                        CUE: cue.cue,
                        POLARITY: cue.polarity,
                        WEIGHT: cue.weight,
                        CATEGORY: cue.category,
                        NEGATED: cue.negated,
                        COUNTED: cue in cues,
                        START: cue.start,
                        END: cue.end,
                        SENTENCE_INDEX: quote.sentence_index,
                    }
                )
            rollups[quote.speaker] = quote.speaker_rollup
            for target in [ALL_TARGETS, *targets]:
                per_speaker.setdefault((quote.speaker, target), []).append((number, cues))
        for (speaker, target), items in per_speaker.items():
            cues = [cue for _, quote_cue_list in items for cue in quote_cue_list]
            stance = speaker_pool([quote_cue_list for _, quote_cue_list in items], lexicon=lexicon)
            rows["stance"].append(
                {
                    **base,
                    SPEAKER: speaker,
                    SPEAKER_ROLLUP: rollups[speaker],
                    TARGET: target,
                    LABEL: stance.label,
                    SCORE: stance.score,
                    COOPERATION: stance.cooperation,
                    CONFLICT: stance.conflict,
                    N_CUES: stance.n_cues,
                    N_QUOTES: len(items),
                    EVIDENCE: _evidence_summary(cues),
                }
            )
        sentence_text = {s.index: s.text for s in analysis.sentences}
        for figure in analysis.figures:
            rows["figures"].append(
                {
                    **base,
                    DATE: date,
                    VALUE: figure.value,
                    COUNTED: figure.counted,
                    COUNTED_SURFACE: figure.counted_surface,
                    QUALIFIER: figure.qualifier,
                    ABOUT: figure.about,
                    KIND: figure.kind,
                    UNIT: figure.unit,
                    MEASURE: measure_key(figure),
                    SENTENCE: sentence_text.get(figure.sentence_index, ""),
                    SENTENCE_INDEX: figure.sentence_index,
                    START: figure.start,
                    END: figure.end,
                    SURFACE: figure.surface,
                    CORRECTED: figure.corrected,
                }
            )
    flush()

    def combined(name: str) -> pd.DataFrame:
        if not chunks[name]:
            return _frame([], _COLUMNS[name] + (sorted(engines) if name == "sentences" else []))
        if len(chunks[name]) == 1:
            return chunks[name][0]
        return pd.concat(chunks[name], ignore_index=True)

    return Tables(**{name: combined(name) for name in _COLUMNS})


def _frame(rows: list[dict[str, object]], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


def _evidence_summary(cues: Sequence[StanceCue]) -> str:
    parts = [f"{cue.cue} ({'+' if cue.polarity > 0 else '-'})" for cue in cues]
    return ", ".join(parts)
