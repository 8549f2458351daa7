"""Reading real articles (../shared/data/articles): every one ingests and analyses without error."""

from __future__ import annotations

import pytest

from lib.corpus import analyse, load_paths
from tests.conftest import DATA

ARTICLES = DATA / "articles"


@pytest.mark.skipif(not ARTICLES.exists(), reason="../shared/data/articles is not beside the project")
def test_every_real_article_ingests_and_analyses():
    loaded = load_paths([ARTICLES])
    assert loaded.errors == []
    assert len(loaded.articles) == 48
    _, tables = analyse(loaded.articles)
    assert len(tables.articles) == 48
    guardian = [a for a in loaded.articles if a.file.startswith("guardian_")]
    assert guardian and all(a.outlet == "The Guardian" and a.date for a in guardian)  # from index.csv beside them
    assert tables.quotes["speaker"].nunique() > 40
    assert len(tables.figures) > 20


def test_load_paths_reports_bad_paths_and_keeps_going(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Lavrov said that Russia wants talks with NATO in Geneva.")
    loaded = load_paths([good, tmp_path / "missing.txt"])
    assert len(loaded.articles) == 1 and loaded.errors == [f"{tmp_path / 'missing.txt'}: no such file or folder"]


def test_store_analyses_writes_what_is_missing_once(tmp_path, seed_articles):
    from lib.analysis import analyzer_version
    from lib.corpus import store_analyses
    from lib.store import Store

    store = Store(f"sqlite:///{tmp_path / 'x.db'}")
    store.add_articles(seed_articles)
    seen = []
    assert store_analyses(store, seed_articles, progress=lambda d, t: seen.append((d, t))) == len(seed_articles)
    assert seen[-1] == (len(seed_articles), len(seed_articles))
    assert store.missing_analyses(analyzer_version()) == []
    assert store_analyses(store, seed_articles) == 0
