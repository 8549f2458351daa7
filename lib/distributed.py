"""Batch ingest on Dask: the same per-article analysis mapped over shards of a corpus,
on a local cluster of worker processes or an existing scheduler, results written to the
store by the client (PostgreSQL for a multi-machine deployment).

    python -m lib ingest PATH... [--dask local|tcp://scheduler:8786] [--database-url URL]

Workers need this project importable (same code and data files) and nothing else: they
receive articles and return analyses; only the client talks to the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from lib.analysis import analyze_article
from lib.types import Article, ArticleAnalysis

Progress = Callable[[int, int], None]


def _analyse_shard(articles: list[Article]) -> list[ArticleAnalysis]:
    return [analyze_article(article) for article in articles]


def shards(articles: Sequence[Article], size: int) -> list[list[Article]]:
    return [list(articles[i : i + size]) for i in range(0, len(articles), size)]


def analyse_on_dask(
    articles: Sequence[Article],
    *,
    scheduler: str = "local",
    workers: int | None = None,
    shard_size: int = 200,
    progress: Progress | None = None,
) -> list[ArticleAnalysis]:
    """Analyse ``articles`` on Dask; the result is in input order, equal to
    ``[analyze_article(a) for a in articles]``."""
    from dask.distributed import Client, LocalCluster, as_completed

    cluster: Any = None
    if scheduler == "local":
        cluster = LocalCluster(
            n_workers=workers or None, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None,
        )  # fmt: skip
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        parts = shards(articles, shard_size)
        futures = client.map(_analyse_shard, parts, pure=False)
        index_of = {future.key: i for i, future in enumerate(futures)}
        results: list[list[ArticleAnalysis] | None] = [None] * len(parts)
        done = 0
        for future in as_completed(futures):
            results[index_of[future.key]] = future.result()
            done += len(parts[index_of[future.key]])
            if progress:
                progress(done, len(articles))
        return [analysis for part in results for analysis in (part or [])]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
