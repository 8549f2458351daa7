"""The Dask path gives exactly the single-process result (LocalCluster of worker processes on loopback)."""

from __future__ import annotations

import dataclasses

import pytest

pytest.importorskip("dask.distributed")


def _comparable(analysis):
    return dataclasses.replace(analysis, sentiment=tuple({k: v[0] for k, v in s.items()} for s in analysis.sentiment))


def test_dask_equals_single_process(seed_articles):
    from lib.analysis import analyze_article
    from lib.distributed import analyse_on_dask

    articles = seed_articles * 3  # several shards
    seen: list[int] = []
    on_dask = analyse_on_dask(articles, workers=2, shard_size=4, progress=lambda done, total: seen.append(done))
    single = [analyze_article(a) for a in articles]
    assert [_comparable(a) for a in on_dask] == [_comparable(a) for a in single]
    assert seen[-1] == len(articles)


def test_ingest_command_with_dask_fills_the_store(tmp_path, seed_articles):
    from lib.analysis import analyzer_version
    from lib.cli import main
    from lib.store import Store
    from tests.conftest import ROOT

    url = f"sqlite:///{tmp_path / 'dask.db'}"
    assert main(["ingest", str(ROOT / "seeds"), "--database-url", url, "--dask", "local", "--workers", "2"]) == 0
    store = Store(url)
    assert store.count() == 5 and store.missing_analyses(analyzer_version()) == []
