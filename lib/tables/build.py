"""The analysis of a corpus as documented pandas frames, and the summaries built on them.

Every frame's columns are named once, here. Metadata (outlet, date, title) is joined from
the articles at build time, so an edited outlet is reflected without re-analysis. A
missing outlet shows as ``UNKNOWN_OUTLET``.

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

import functools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Concatenate, ParamSpec

import pandas as pd

from lib.figures import DEFAULT_WINDOW_DAYS, compare_figures, measure_key
from lib.stance import load_stance_lexicon, pool, quote_targets, speaker_pool, statement_stance
from lib.types import Article, ArticleAnalysis, Figure, StanceCue

UNKNOWN_OUTLET = "(unknown outlet)"
ALL_TARGETS = "(all)"

ARTICLE_COLUMNS = [
    "article_id",
    "file",
    "label",
    "title",
    "outlet",
    "date",
    "byline",
    "credits",
    "url",
    "language",
    "n_sentences",
    "n_words",
]
SENTENCE_COLUMNS = [
    "article_id",
    "outlet",
    "date",
    "sentence_index",
    "paragraph",
    "start",
    "end",
    "text",
    "actors",
]  # + "polarity_<engine>", "subjectivity_<engine>" for each engine
MENTION_COLUMNS = [
    "article_id",
    "outlet",
    "date",
    "actor",
    "kind",
    "rollup",
    "sentence_index",
    "start",
    "end",
    "surface",
    "via",
]
QUOTE_COLUMNS = [
    "article_id",
    "outlet",
    "date",
    "quote_id",
    "speaker",
    "speaker_rollup",
    "speaker_surface",
    "text",
    "direct",
    "cue",
    "sentence_index",
    "start",
    "end",
    "targets",
    "stance_score",
    "stance_label",
    "corrected",
]
EVIDENCE_COLUMNS = [
    "article_id",
    "outlet",
    "quote_id",
    "speaker",
    "targets",
    "cue",
    "polarity",
    "weight",
    "category",
    "negated",
    "counted",
    "start",
    "end",
    "sentence_index",
]
STANCE_COLUMNS = [
    "article_id",
    "outlet",
    "speaker",
    "speaker_rollup",
    "target",
    "label",
    "score",
    "cooperation",
    "conflict",
    "n_cues",
    "n_quotes",
    "evidence",
]
FIGURE_COLUMNS = [
    "article_id",
    "outlet",
    "date",
    "value",
    "counted",
    "counted_surface",
    "qualifier",
    "about",
    "kind",
    "unit",
    "measure",
    "sentence",
    "sentence_index",
    "start",
    "end",
    "surface",
    "corrected",
]


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
            keys = frame["article_id"].map(position).fillna(len(position))
            return frame.iloc[keys.argsort(kind="stable")].reset_index(drop=True)

        return Tables(**{name: ordered(getattr(self, name)) for name in self.names()})

    def engines(self) -> list[str]:
        """The sentiment engines whose scores the sentences carry."""
        return [c.removeprefix("polarity_") for c in self.sentences.columns if c.startswith("polarity_")]

    def with_engine(self, engine: str, *, progress: Callable[[int, int], None] | None = None) -> Tables:
        """These tables with ``engine``'s scores on every sentence, computed now if missing.

        Ingest scores with the requested engine (TextBlob) only; another engine is scored
        when first asked for, so it costs nothing to a corpus no one reads with it."""
        if engine in self.engines():
            return self
        from lib.ingest import engine_reads
        from lib.sentiment import get_engine

        scorer = get_engine(engine)
        texts = self.sentences["text"].tolist()
        # An article in a language the engine does not read gets no English sentiment (NaN).
        reads = self.articles["language"].map(lambda code: engine_reads(code if isinstance(code, str) else None))
        unread = set(self.articles.loc[~reads.astype(bool), "article_id"])
        skip = self.sentences["article_id"].isin(unread).tolist() if unread else [False] * len(texts)
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
            keep = keep[keep["outlet"].isin(outlets)]
        if article_ids is not None:
            keep = keep[keep["article_id"].isin(article_ids)]
        if date_range is not None:
            low, high = date_range
            dates = pd.to_datetime(keep["date"], errors="coerce")
            inside = dates.isna() | ((dates >= pd.Timestamp(low)) & (dates <= pd.Timestamp(high)))  # type: ignore[arg-type]
            keep = keep[inside]
        ids = set(keep["article_id"])
        return Tables(
            **{
                name: frame[frame["article_id"].isin(ids)].reset_index(drop=True)
                for name, frame in ((name, getattr(self, name)) for name in self.names())
            }
        )


def outlet_label(outlet: str | None) -> str:
    return outlet or UNKNOWN_OUTLET


def _date(article: Article) -> str | None:
    return article.date.isoformat() if article.date else None


_FLUSH_EVERY = 1000  # articles whose rows are turned into frames at a time


def build_tables(articles: Sequence[Article], analyses: Iterable[ArticleAnalysis]) -> Tables:
    """Frames for a corpus, in the order of ``analyses`` (one per article, matched by id;
    an analysis whose article is absent is skipped). ``analyses`` may be a stream: rows
    become frames every thousand articles, so a large corpus never holds every row as a
    Python dict, nor (read from the store) every analysis at once."""
    by_id = {a.id: a for a in articles}
    lexicon = load_stance_lexicon()
    names = ("a", "s", "m", "q", "e", "st", "f")
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in names}
    chunks: dict[str, list[pd.DataFrame]] = {name: [] for name in names}
    engines: set[str] = set()
    pending = 0

    def flush() -> None:
        columns = dict(zip(names, (ARTICLE_COLUMNS, SENTENCE_COLUMNS, MENTION_COLUMNS, QUOTE_COLUMNS,
                                   EVIDENCE_COLUMNS, STANCE_COLUMNS, FIGURE_COLUMNS), strict=True))  # fmt: skip
        engines.update(key for row in rows["s"] for key in row if key.startswith(("polarity_", "subjectivity_")))
        for name in names:
            if rows[name]:
                extra = sorted(engines) if name == "s" else []
                chunks[name].append(_frame(rows[name], columns[name] + extra))
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
        base = {"article_id": article.id, "outlet": outlet}
        rows["a"].append(
            {
                "article_id": article.id,
                "file": article.file,
                "label": article.title or article.file,
                "title": article.title,
                "outlet": outlet,
                "date": date,
                "byline": article.byline,
                "credits": "; ".join(article.credits),
                "url": article.url,
                "language": article.language,
                "n_sentences": len(analysis.sentences),
                "n_words": len(article.text.split()),
            }
        )
        actors_in: dict[int, list[str]] = {}
        for mention in analysis.mentions:
            actors_in.setdefault(mention.sentence_index, [])
            if mention.actor not in actors_in[mention.sentence_index]:
                actors_in[mention.sentence_index].append(mention.actor)
            rows["m"].append(
                {
                    **base,
                    "date": date,
                    "actor": mention.actor,
                    "kind": mention.kind,
                    "rollup": mention.rollup,
                    "sentence_index": mention.sentence_index,
                    "start": mention.start,
                    "end": mention.end,
                    "surface": mention.surface,
                    "via": mention.via,
                }
            )
        for sentence, scores in zip(analysis.sentences, analysis.sentiment, strict=False):
            row: dict[str, object] = {
                **base,
                "date": date,
                "sentence_index": sentence.index,
                "paragraph": sentence.paragraph,
                "start": sentence.start,
                "end": sentence.end,
                "text": sentence.text,
                "actors": "; ".join(actors_in.get(sentence.index, [])),
            }
            for engine, (polarity, subjectivity) in scores.items():
                row[f"polarity_{engine}"] = polarity
                row[f"subjectivity_{engine}"] = subjectivity
            rows["s"].append(row)
        per_speaker: dict[tuple[str, str], list[tuple[int, list[StanceCue]]]] = {}
        rollups: dict[str, str] = {}
        for number, quote in enumerate(analysis.quotes):
            quote_id = f"{article.id}:{number}"
            read = statement_stance(quote, lexicon=lexicon)
            cues, stance = list(read.counted), read.stance
            targets = quote_targets(quote, analysis.mentions)
            rows["q"].append(
                {
                    **base,
                    "date": date,
                    "quote_id": quote_id,
                    "speaker": quote.speaker,
                    "speaker_rollup": quote.speaker_rollup,
                    "speaker_surface": quote.speaker_surface,
                    "text": quote.text,
                    "direct": quote.direct,
                    "cue": quote.cue,
                    "sentence_index": quote.sentence_index,
                    "start": quote.start,
                    "end": quote.end,
                    "targets": "; ".join(targets),
                    "stance_score": stance.score,
                    "stance_label": stance.label,
                    "corrected": quote.corrected,
                }
            )
            for cue in read.cues:
                rows["e"].append(
                    {
                        **base,
                        "quote_id": quote_id,
                        "speaker": quote.speaker,
                        "targets": "; ".join(targets),
                        "cue": cue.cue,
                        "polarity": cue.polarity,
                        "weight": cue.weight,
                        "category": cue.category,
                        "negated": cue.negated,
                        "counted": cue in cues,
                        "start": cue.start,
                        "end": cue.end,
                        "sentence_index": quote.sentence_index,
                    }
                )
            rollups[quote.speaker] = quote.speaker_rollup
            for target in [ALL_TARGETS, *targets]:
                per_speaker.setdefault((quote.speaker, target), []).append((number, cues))
        for (speaker, target), items in per_speaker.items():
            cues = [cue for _, quote_cue_list in items for cue in quote_cue_list]
            stance = speaker_pool([quote_cue_list for _, quote_cue_list in items], lexicon=lexicon)
            rows["st"].append(
                {
                    **base,
                    "speaker": speaker,
                    "speaker_rollup": rollups[speaker],
                    "target": target,
                    "label": stance.label,
                    "score": stance.score,
                    "cooperation": stance.cooperation,
                    "conflict": stance.conflict,
                    "n_cues": stance.n_cues,
                    "n_quotes": len(items),
                    "evidence": _evidence_summary(cues),
                }
            )
        sentence_text = {s.index: s.text for s in analysis.sentences}
        for figure in analysis.figures:
            rows["f"].append(
                {
                    **base,
                    "date": date,
                    "value": figure.value,
                    "counted": figure.counted,
                    "counted_surface": figure.counted_surface,
                    "qualifier": figure.qualifier,
                    "about": figure.about,
                    "kind": figure.kind,
                    "unit": figure.unit,
                    "measure": measure_key(figure),
                    "sentence": sentence_text.get(figure.sentence_index, ""),
                    "sentence_index": figure.sentence_index,
                    "start": figure.start,
                    "end": figure.end,
                    "surface": figure.surface,
                    "corrected": figure.corrected,
                }
            )
    flush()

    def combined(name: str, columns: list[str]) -> pd.DataFrame:
        if not chunks[name]:
            return _frame([], columns)
        if len(chunks[name]) == 1:
            return chunks[name][0]
        return pd.concat(chunks[name], ignore_index=True)

    return Tables(
        articles=combined("a", ARTICLE_COLUMNS),
        sentences=combined("s", SENTENCE_COLUMNS + sorted(engines)),
        mentions=combined("m", MENTION_COLUMNS),
        quotes=combined("q", QUOTE_COLUMNS),
        evidence=combined("e", EVIDENCE_COLUMNS),
        stance=combined("st", STANCE_COLUMNS),
        figures=combined("f", FIGURE_COLUMNS),
    )


def _frame(rows: list[dict[str, object]], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


def _evidence_summary(cues: Sequence[StanceCue]) -> str:
    parts = [f"{cue.cue} ({'+' if cue.polarity > 0 else '-'})" for cue in cues]
    return ", ".join(parts)


# ---- summaries --------------------------------------------------------------------------


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


def polarity_column(engine: str) -> str:
    return f"polarity_{engine}"


def subjectivity_column(engine: str) -> str:
    return f"subjectivity_{engine}"


@_memoized
def actor_summary(tables: Tables, engine: str, *, rollup: bool = False) -> pd.DataFrame:
    """Per actor x outlet: mentions, and the mean polarity / subjectivity (with n and
    standard deviation) of the sentences that mention the actor.
    Columns: actor, outlet, mentions, polarity, polarity_sd, subjectivity, n_sentences, engine."""
    key = "rollup" if rollup else "actor"
    columns = ["actor", "outlet", "mentions", "polarity", "polarity_sd", "subjectivity", "n_sentences", "engine"]
    if tables.mentions.empty:
        return pd.DataFrame(columns=columns)
    mentions = tables.mentions.groupby([key, "outlet"]).size().rename("mentions")
    pairs = tables.mentions[["article_id", "sentence_index", key, "outlet"]].drop_duplicates()
    scored = pairs.merge(
        tables.sentences[["article_id", "sentence_index", polarity_column(engine), subjectivity_column(engine)]],
        on=["article_id", "sentence_index"],
    )
    grouped = scored.groupby([key, "outlet"])
    summary = pd.DataFrame(
        {
            "polarity": grouped[polarity_column(engine)].mean(),
            "polarity_sd": grouped[polarity_column(engine)].std(),
            "subjectivity": grouped[subjectivity_column(engine)].mean(),
            "n_sentences": grouped.size(),
        }
    )
    out = summary.join(mentions, how="outer").reset_index().rename(columns={key: "actor"})
    out["engine"] = engine
    return out[columns].sort_values(["mentions", "actor"], ascending=[False, True]).reset_index(drop=True)


@_memoized
def outlet_tone(tables: Tables, engine: str) -> pd.DataFrame:
    """Per outlet: articles, sentences, mean polarity (sd) and subjectivity, quotes.
    Columns: outlet, articles, n_sentences, polarity, polarity_sd, subjectivity, quotes, engine."""
    columns = ["outlet", "articles", "n_sentences", "polarity", "polarity_sd", "subjectivity", "quotes", "engine"]
    if tables.sentences.empty:
        return pd.DataFrame(columns=columns)
    grouped = tables.sentences.groupby("outlet")
    frame = pd.DataFrame(
        {
            "articles": grouped["article_id"].nunique(),
            "n_sentences": grouped.size(),
            "polarity": grouped[polarity_column(engine)].mean(),
            "polarity_sd": grouped[polarity_column(engine)].std(),
            "subjectivity": grouped[subjectivity_column(engine)].mean(),
        }
    )
    frame["quotes"] = tables.quotes.groupby("outlet").size().reindex(frame.index).fillna(0).astype(int)
    frame["engine"] = engine
    return frame.reset_index()[columns]


@_memoized
def share_of_voice(tables: Tables, *, rollup: bool = False) -> pd.DataFrame:
    """Per outlet x speaker: statements and their share of the outlet's statements.
    Columns: outlet, speaker, quotes, direct, share."""
    columns = ["outlet", "speaker", "quotes", "direct", "share"]
    if tables.quotes.empty:
        return pd.DataFrame(columns=columns)
    key = "speaker_rollup" if rollup else "speaker"
    grouped = tables.quotes.groupby(["outlet", key])
    frame = pd.DataFrame({"quotes": grouped.size(), "direct": grouped["direct"].sum()}).reset_index()
    frame = frame.rename(columns={key: "speaker"})
    frame["share"] = frame["quotes"] / frame.groupby("outlet")["quotes"].transform("sum")
    return frame[columns].sort_values(["outlet", "quotes"], ascending=[True, False]).reset_index(drop=True)


@_memoized
def speaker_stance(tables: Tables, *, by: str = "outlet", rollup: bool = False) -> pd.DataFrame:
    """Per speaker (x outlet): the stance over every statement, from the pooled cues; with
    ``rollup``, per whom the speaker speaks for (Lavrov's statements count for Russia).
    Columns: speaker, <by>, score, label, cooperation, conflict, n_cues, n_quotes, articles."""
    overall = tables.stance[tables.stance["target"] == ALL_TARGETS]
    key = "speaker_rollup" if rollup else "speaker"
    columns = ["speaker", by, "score", "label", "cooperation", "conflict", "n_cues", "n_quotes", "articles"]
    if overall.empty:
        return pd.DataFrame(columns=columns)
    lexicon = load_stance_lexicon()
    rows = []
    for (speaker, group_value), group in overall.groupby([key, by]):
        stance = pool(float(group["cooperation"].sum()), float(group["conflict"].sum()), int(group["n_cues"].sum()),
                      lexicon=lexicon)  # fmt: skip
        rows.append(
            {
                "speaker": speaker,
                by: group_value,
                "score": stance.score,
                "label": stance.label,
                "cooperation": stance.cooperation,
                "conflict": stance.conflict,
                "n_cues": stance.n_cues,
                "n_quotes": int(group["n_quotes"].sum()),
                "articles": group["article_id"].nunique(),
            }
        )
    return pd.DataFrame(rows, columns=columns).sort_values(["n_quotes", "speaker"], ascending=[False, True])


@_memoized
def target_matrix(tables: Tables, *, rollup: bool = False) -> pd.DataFrame:
    """Speaker -> target: pooled stance score, statements and cues; with ``rollup``, per
    whom the speaker speaks for.
    Columns: speaker, target, score, label, n_quotes, n_cues."""
    pairs = tables.stance[tables.stance["target"] != ALL_TARGETS]
    key = "speaker_rollup" if rollup else "speaker"
    columns = ["speaker", "target", "score", "label", "n_quotes", "n_cues"]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    lexicon = load_stance_lexicon()
    rows = []
    for (speaker, target), group in pairs.groupby([key, "target"]):
        stance = pool(float(group["cooperation"].sum()), float(group["conflict"].sum()), int(group["n_cues"].sum()),
                      lexicon=lexicon)  # fmt: skip
        rows.append(
            {
                "speaker": speaker,
                "target": target,
                "score": stance.score,
                "label": stance.label,
                "n_quotes": int(group["n_quotes"].sum()),
                "n_cues": stance.n_cues,
            }
        )
    return pd.DataFrame(rows, columns=columns)


@_memoized
def measures(tables: Tables, *, window_days: int | None = DEFAULT_WINDOW_DAYS) -> pd.DataFrame:
    """Figures grouped by what they measure (the same counted thing, actor and unit), one row
    per measure x article, with the disagreement flag: two articles at most ``window_days``
    apart (None: any two) give different values; further apart, a change over time.
    Columns: measure, counted, about, kind, unit, article_id, outlet, date, value, n_figures,
    articles, disagree, spread."""
    columns = [
        "measure",
        "counted",
        "about",
        "kind",
        "unit",
        "article_id",
        "outlet",
        "date",
        "value",
        "n_figures",
        "articles",
        "disagree",
        "spread",
    ]
    if tables.figures.empty:
        return pd.DataFrame(columns=columns)
    by_article: dict[str, list[Figure]] = {}
    for row in tables.figures.to_dict("records"):
        by_article.setdefault(str(row["article_id"]), []).append(
            Figure(
                value=float(row["value"]),
                counted=str(row["counted"]),
                counted_surface=str(row["counted_surface"]),
                qualifier=_text_or_none(row["qualifier"]),
                about=_text_or_none(row["about"]),
                kind=str(row["kind"]),
                unit=_text_or_none(row["unit"]),
                start=int(row["start"]),
                end=int(row["end"]),
                sentence_index=int(row["sentence_index"]),
                surface=str(row["surface"]),
            )
        )
    outlets = dict(zip(tables.articles["article_id"], tables.articles["outlet"], strict=False))
    parsed = pd.to_datetime(tables.articles["date"], errors="coerce")
    dates = {
        str(article_id): None if pd.isna(when) else when.date()
        for article_id, when in zip(tables.articles["article_id"], parsed, strict=False)
    }
    counts = tables.figures.groupby(["measure", "article_id"]).size()
    rows = []
    for measure in compare_figures(by_article, dates=dates, window_days=window_days):
        for article_id, value in measure.values.items():
            rows.append(
                {
                    "measure": measure.key,
                    "counted": measure.counted,
                    "about": measure.about,
                    "kind": measure.kind,
                    "unit": measure.unit,
                    "article_id": article_id,
                    "outlet": outlets.get(article_id, UNKNOWN_OUTLET),
                    "date": dates.get(article_id),
                    "value": value,
                    "n_figures": int(counts.get((measure.key, article_id), 0)),
                    "articles": len(measure.values),
                    "disagree": measure.disagree,
                    "spread": None if math.isinf(measure.spread) else measure.spread,
                }
            )
    return pd.DataFrame(rows, columns=columns)


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


@_memoized
def co_mentions(tables: Tables, *, rollup: bool = False) -> pd.DataFrame:
    """Pairs of actors named in the same sentence. Columns: actor, other, sentences."""
    key = "rollup" if rollup else "actor"
    pairs = tables.mentions[["article_id", "sentence_index", key]].drop_duplicates()
    joined = pairs.merge(pairs, on=["article_id", "sentence_index"])
    joined = joined[joined[f"{key}_x"] < joined[f"{key}_y"]]
    out = joined.groupby([f"{key}_x", f"{key}_y"]).size().rename("sentences").reset_index()
    return out.rename(columns={f"{key}_x": "actor", f"{key}_y": "other"}).sort_values("sentences", ascending=False)
