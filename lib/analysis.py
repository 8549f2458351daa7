"""Analyse articles: sentences, actor mentions, sentiment, quotes and figures.

``analyze_article`` depends only on the article's text and the packaged data files, so its
result can be stored and reused under ``ANALYZER_VERSION``: editing an outlet or date never
re-analyses, while a changed dictionary or lexicon changes the version and does.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from typing import TypeVar

from lib.actors import Dictionary, candidate_actors, find_mentions, load_dictionary
from lib.figures import extract_figures
from lib.ingest import engine_reads
from lib.quotes import find_quotes
from lib.resources import data_fingerprint
from lib.sentiment import DEFAULT_ENGINE, score_sentences
from lib.text import caption_spans, split_sentences
from lib.types import Article, ArticleAnalysis

ENGINE_VERSION = "0.7"
DATA_FILES = (
    "actors.yml",
    "names.yml",
    "figures.yml",
    "speech.yml",
    "stance.yml",
    "outlets.yml",
    "languages.yml",
    "sentences.yml",
    "attribution.crfsuite",
    "attribution_lexicon.yml",  # the learned attribution model: new weights re-analyse
)

Progress = Callable[[int, int], None]
_T = TypeVar("_T")


@lru_cache(maxsize=1)
def analyzer_version() -> str:
    """The engine version plus a fingerprint of the data files it reads."""
    return f"{ENGINE_VERSION}+{data_fingerprint(*DATA_FILES)}"


def analyze_article(
    article: Article, *, dictionary: Dictionary | None = None, engines: Sequence[str] | None = None
) -> ArticleAnalysis:
    """Everything derived from one article's text. Sentences are scored with ``engines``,
    by default the requested engine only (others are scored on demand: Tables.with_engine).
    An article in a language the engine does not read (``ingest.engine_reads``) keeps its
    sentences and actors but gets no statements, figures or sentiment (NaN: not scored)."""
    dictionary = dictionary or load_dictionary()
    engines = list(engines or [DEFAULT_ENGINE])
    text = article.text
    sentences = split_sentences(text)
    captions = caption_spans(text, sentences)
    mentions = find_mentions(text, sentences, dictionary)
    if captions:  # whoever only a photo caption names is not in the article
        mentions = [m for m in mentions if not any(a <= m.start < b for a, b in captions)]
    if engine_reads(article.language):
        quotes = find_quotes(text, sentences, mentions, dictionary, captions=captions)
        figures = extract_figures(text, sentences, mentions, captions=captions)
        sentiment = score_sentences([s.text for s in sentences], engines)
    else:
        quotes, figures = [], []
        sentiment = [{engine: (float("nan"), float("nan")) for engine in engines} for _ in sentences]
    return ArticleAnalysis(
        article_id=article.id,
        analyzer_version=analyzer_version(),
        sentences=tuple(sentences),
        mentions=tuple(mentions),
        quotes=tuple(quotes),
        figures=tuple(figures),
        sentiment=tuple(sentiment),
    )


def _analyze_one(article: Article) -> ArticleAnalysis:
    return analyze_article(article)


def _analyze_to_json(article: Article) -> tuple[str, str, str]:
    from lib.codec import analysis_to_json

    analysis = analyze_article(article)
    return analysis.article_id, analysis.analyzer_version, analysis_to_json(analysis)


def iter_analyses(
    articles: Sequence[Article], *, workers: int = 1, progress: Progress | None = None
) -> Iterator[ArticleAnalysis]:
    """Analyses of ``articles`` in order, as they are ready (in worker processes when
    ``workers`` > 1), reporting progress; a caller that writes them out holds none."""
    yield from _mapped(_analyze_one, articles, workers, progress)


def iter_payloads(
    articles: Sequence[Article], *, workers: int = 1, progress: Progress | None = None
) -> Iterator[tuple[str, str, str]]:
    """(article id, analyzer version, JSON) per article, serialised where it was analysed:
    for writing to the store, the parent process then neither rebuilds nor re-encodes the
    records (which cost a third of a core at 100,000 articles)."""
    yield from _mapped(_analyze_to_json, articles, workers, progress)


def _mapped(
    function: Callable[[Article], _T], articles: Sequence[Article], workers: int, progress: Progress | None
) -> Iterator[_T]:
    total = len(articles)
    if workers <= 1 or total < 50:
        for done, article in enumerate(articles, start=1):
            yield function(article)
            if progress:
                progress(done, total)
        return
    chunk = max(1, min(64, total // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for done, result in enumerate(pool.map(function, articles, chunksize=chunk), start=1):
            yield result
            if progress and (done % 25 == 0 or done == total):
                progress(done, total)


def analyze_articles(
    articles: Sequence[Article], *, workers: int = 1, progress: Progress | None = None
) -> list[ArticleAnalysis]:
    """Analyse many articles, in worker processes when ``workers`` > 1, reporting progress."""
    return list(iter_analyses(articles, workers=workers, progress=progress))


def default_workers() -> int:
    return max(1, (os.cpu_count() or 1))


def find_candidates(articles: Iterable[Article], *, min_count: int = 2) -> list[tuple[str, int]]:
    """Recurring capitalised names that the dictionary lacks: candidate actors."""
    counts = candidate_actors((a.text for a in articles), load_dictionary(), min_count=min_count)
    return counts.most_common()
