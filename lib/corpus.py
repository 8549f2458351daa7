"""A corpus: articles read from paths, analysed, and turned into tables.

The one place that ties ingest, analysis and tables together for the CLI, the
benchmark and the dashboard.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from lib.analysis import Progress, analyze_articles, iter_payloads
from lib.errors import IngestError, StancewatchError
from lib.ingest import Loaded, Sidecar, language_note, load_languages, load_paths, parse_sidecar, read_articles
from lib.neardup import simhash
from lib.store import Store
from lib.tables import Tables, build_tables
from lib.types import Article, ArticleAnalysis

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
__all__ = ["FileOutcome", "Loaded", "analyse", "ingest_files", "load_paths", "load_seeds", "store_analyses"]


def analyse(
    articles: Sequence[Article], *, workers: int = 1, progress: Progress | None = None
) -> tuple[list[ArticleAnalysis], Tables]:
    analyses = analyze_articles(articles, workers=workers, progress=progress)
    return analyses, build_tables(articles, analyses)


def load_seeds() -> list[Article]:
    return load_paths([SEEDS_DIR]).articles


LogFn = Callable[[str], None]
_T = TypeVar("_T")


# ---- the store-backed corpus the dashboard shows -------------------------------------


@dataclass(frozen=True)
class FileOutcome:
    """One uploaded file's result, as the sidebar reports it."""

    name: str
    status: str  # added | duplicate | near-duplicate | rejected | partly added | metadata (a sidecar CSV)
    message: str
    article_ids: tuple[str, ...] = ()
    # Article id -> the article it is a near-duplicate of (lib.neardup), for the ones flagged.
    near: tuple[tuple[str, str], ...] = ()


def store_analyses(store: Store, articles: Sequence[Article], *, progress: Progress | None = None) -> int:
    """Analyse the ``articles`` the store has no current analysis for and write them out
    as they come, holding none in memory (batch ingest of a large corpus). Returns how
    many were analysed."""
    from lib.analysis import analyzer_version, default_workers

    missing_ids = set(store.missing_analyses(analyzer_version(), ids=[a.id for a in articles]))
    missing = [a for a in articles if a.id in missing_ids]
    workers = default_workers() if len(missing) >= 200 else 1
    for batch in _batches(iter_payloads(missing, workers=workers, progress=progress), 500):
        store.put_payloads(batch)
    return len(missing)


def _batches(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    batch: list[_T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest_files(
    store: Store | None,
    files: Sequence[tuple[str, bytes]],
    *,
    known_ids: set[str] | None = None,
    progress: Progress | None = None,
    column_map: dict[str, str] | None = None,
    reference: Store | None = None,
) -> tuple[list[FileOutcome], list[Article]]:
    """Read uploaded files and add their articles to ``store`` (or, with no store, return
    them for a private session corpus). A rejected file never touches the store. A sidecar
    CSV among the files (a ``file`` column, no text column) gives the others' metadata.
    Private articles are flagged as near-duplicates of the ``reference`` store's articles
    (read, never written: a read-only session) and of each other, as the store flags its own."""
    outcomes: list[FileOutcome] = []
    kept: list[Article] = []
    known = set(known_ids or ())
    sidecar = Sidecar()
    articles_files: list[tuple[str, bytes]] = []
    private_index = reference.near_index() if store is None and reference is not None else None
    if store is None and private_index is None:
        from lib.neardup import NearIndex

        private_index = NearIndex()
    for name, data in files:
        parsed = parse_sidecar(name, data)
        if parsed is None:
            articles_files.append((name, data))
            continue
        sidecar = sidecar.merged(parsed)
        described = sum(1 for other, _ in files if other.replace("\\", "/").rsplit("/", 1)[-1] in parsed.rows)
        outcomes.append(
            FileOutcome(
                parsed.name,
                "metadata",
                f"metadata for {len(parsed.rows)} file(s), {described} of them in this upload",
            )
        )
    for done, (name, data) in enumerate(articles_files, start=1):
        try:
            result = read_articles(name, data, column_map=column_map, sidecar=sidecar)
        except IngestError as exc:
            outcomes.append(
                FileOutcome(exc.source, "rejected", f"{exc.reason}" + (f" — {exc.hint}" if exc.hint else ""))
            )
            if progress:
                progress(done, len(articles_files))
            continue
        notes = []
        if result.encoding:
            notes.append(f"decoded as {result.encoding}")
        if result.problems:
            notes.append(f"{len(result.problems)} row(s) skipped: {'; '.join(result.problems[:3])}")
        notes.extend(_language_notes(result.articles))
        if store is not None:
            try:
                added = store.add_articles(result.articles)
            except StancewatchError as exc:
                outcomes.append(FileOutcome(result.name, "rejected", str(exc)))
                continue
            statuses = [r.status for r in added]
            near = tuple(
                (r.article.id, r.duplicate_of) for r in added if r.status == "near-duplicate" and r.duplicate_of
            )
        else:
            statuses, near_list = [], []
            for article in result.articles:
                if article.id in known:
                    statuses.append("duplicate")
                    continue
                digest = simhash(article.text)
                original = private_index.nearest(article.id, digest) if private_index is not None else None
                if private_index is not None:
                    private_index.add(article.id, digest)
                statuses.append("near-duplicate" if original else "added")
                if original:
                    near_list.append((article.id, original))
                known.add(article.id)
            near = tuple(near_list)
            kept.extend(a for a, s in zip(result.articles, statuses, strict=True) if s != "duplicate")
        known.update(a.id for a in result.articles)
        counts = {s: statuses.count(s) for s in dict.fromkeys(statuses)}
        if len(result.articles) == 1:
            status = statuses[0]
            message = {
                "added": "added",
                "duplicate": "already in the corpus (same text)",
                "near-duplicate": "added; a near-duplicate of an article already in the corpus (syndicated copy?)",
            }[status]
        else:
            status = "added" if counts.get("added") or counts.get("near-duplicate") else "duplicate"
            message = ", ".join(f"{n} {s}" for s, n in counts.items())
        if notes:
            message += " (" + "; ".join(notes) + ")"
        if result.problems and status == "added":
            status = "partly added"
        outcomes.append(FileOutcome(result.name, status, message, tuple(a.id for a in result.articles), near))
        if progress:
            progress(done, len(articles_files))
    return outcomes, kept


def _language_notes(articles: Sequence[Article]) -> list[str]:
    """The upload report's line on articles the engine cannot read (not in English)."""
    unread = [a for a in articles if language_note(a.language)]
    if not unread:
        return []
    if len(articles) == 1:
        return [str(language_note(unread[0].language))]
    names = load_languages()
    counts: dict[str, int] = {}
    for article in unread:
        counts[names.name(article.language)] = counts.get(names.name(article.language), 0) + 1
    listed = ", ".join(f"{n} in {language}" for language, n in counts.items())
    return [f"{listed}: kept, but they add no statements, figures or sentiment, since the engine reads English only"]
