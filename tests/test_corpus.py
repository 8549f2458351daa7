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
