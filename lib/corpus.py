"""A corpus: articles read from paths, analysed, and turned into tables.

The one place that ties ingest, analysis and tables together for the CLI, the
benchmark and the dashboard.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lib.analysis import Progress, analyze_articles
from lib.errors import IngestError, StancewatchError
from lib.formats import SUPPORTED, read_file
from lib.ingest import apply_metadata, read_sidecar, resolve_partial_dates
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
        yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
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
