"""A corpus: articles read from paths, analysed, and turned into tables.

The one place that ties ingest, analysis and tables together for the CLI, the
benchmark and the dashboard.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from lib.analysis import Progress, analyze_articles, iter_payloads
from lib.errors import IngestError, StancewatchError
from lib.formats import SUPPORTED, read_file
from lib.ingest import apply_metadata, is_sidecar, read_sidecar, resolve_partial_dates
from lib.store import Store
from lib.tables import Tables, build_tables
from lib.types import Article, ArticleAnalysis

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


@dataclass
class Loaded:
    articles: list[Article] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _files(path: Path) -> Iterable[Path]:
    if path.is_dir():
        yield from sorted(
            p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED and not is_sidecar(p)
        )
    else:
        yield path


def load_paths(paths: Sequence[Path]) -> Loaded:
    """Read files and folders into articles; a bad path is an error line, not a stop."""
    loaded = Loaded()
    seen: set[str] = set()
    for path in paths:
        if not path.exists():
            loaded.errors.append(f"{path}: no such file or folder")
            continue
        sidecars: dict[Path, dict[str, dict[str, str]]] = {}
        for file in _files(path):
            try:
                result = read_file(file.name, file.read_bytes())
            except IngestError as exc:
                loaded.errors.append(f"{file}: {exc.reason}" + (f" ({exc.hint})" if exc.hint else ""))
                continue
            except OSError as exc:
                loaded.errors.append(f"{file}: cannot be read ({exc.strerror})")
                continue
            if result.encoding:
                loaded.notes.append(f"{file}: decoded as {result.encoding}")
            loaded.notes.extend(f"{file}: {problem}" for problem in result.problems)
            folder = file.parent
            sidecar = sidecars.setdefault(folder, read_sidecar(folder))
            for article in result.articles:
                if article.id in seen:
                    loaded.notes.append(f"{file}: duplicate of an article already read; skipped")
                    continue
                seen.add(article.id)
                extra = {k: v for k, v in sidecar.get(file.name, {}).items() if getattr(article, k, None) in (None, ())}
                if extra:
                    try:
                        article = apply_metadata(article, extra, "sidecar: metadata.csv")
                    except StancewatchError as exc:
                        loaded.notes.append(str(exc))
                loaded.articles.append(article)
    loaded.articles = resolve_partial_dates(loaded.articles)
    return loaded


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
    status: str  # added | duplicate | near-duplicate | rejected | partly added
    message: str
    article_ids: tuple[str, ...] = ()


def store_analyses(store: Store, articles: Sequence[Article], *, progress: Progress | None = None) -> int:
    """Analyse the ``articles`` the store has no current analysis for and write them out
    as they come, holding none in memory (batch ingest of a large corpus). Returns how
    many were analysed."""
    from lib.analysis import analyzer_version, default_workers

    missing_ids = set(store.missing_analyses(analyzer_version()))
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
) -> tuple[list[FileOutcome], list[Article]]:
    """Read uploaded files and add their articles to ``store`` (or, with no store, return
    them for a private session corpus). A rejected file never touches the store."""
    outcomes: list[FileOutcome] = []
    kept: list[Article] = []
    known = set(known_ids or ())
    for done, (name, data) in enumerate(files, start=1):
        try:
            result = read_file(name, data, column_map=column_map)
        except IngestError as exc:
            outcomes.append(
                FileOutcome(exc.source, "rejected", f"{exc.reason}" + (f" — {exc.hint}" if exc.hint else ""))
            )
            if progress:
                progress(done, len(files))
            continue
        notes = []
        if result.encoding:
            notes.append(f"decoded as {result.encoding}")
        if result.problems:
            notes.append(f"{len(result.problems)} row(s) skipped: {'; '.join(result.problems[:3])}")
        if store is not None:
            try:
                added = store.add_articles(result.articles)
            except StancewatchError as exc:
                outcomes.append(FileOutcome(result.name, "rejected", str(exc)))
                continue
            statuses = [r.status for r in added]
        else:
            statuses = ["duplicate" if a.id in known else "added" for a in result.articles]
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
            status = "added" if counts.get("added") else "duplicate"
            message = ", ".join(f"{n} {s}" for s, n in counts.items())
        if notes:
            message += " (" + "; ".join(notes) + ")"
        if result.problems and status == "added":
            status = "partly added"
        outcomes.append(FileOutcome(result.name, status, message, tuple(a.id for a in result.articles)))
        if progress:
            progress(done, len(files))
    return outcomes, kept
