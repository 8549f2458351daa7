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


def test_an_article_not_in_english_adds_no_sentiment_with_any_engine():
    from lib.ingest import extract_article
    from tests.test_ingest import RUSSIAN, UKRAINIAN

    english = extract_article('Stoltenberg said: "NATO is ready for talks, and that is good news."', "en.txt")
    articles = [extract_article(RUSSIAN, "ru.txt"), extract_article(UKRAINIAN, "uk.txt"), english]
    _, tables = analyse(articles)
    languages = [code if isinstance(code, str) else None for code in tables.articles["language"]]
    assert dict(zip(tables.articles["file"], languages, strict=True)) == {
        "ru.txt": "ru", "uk.txt": "uk", "en.txt": None  # one short sentence: too short to tell, read as English
    }  # fmt: skip
    vader = tables.with_engine("vader")
    for engine in ("textblob", "vader"):
        scores = vader.sentences.set_index("article_id")[f"polarity_{engine}"]
        assert scores.loc[[a.id for a in articles[:2]]].isna().all()
        assert scores.loc[[english.id]].notna().all()
    assert set(tables.quotes["article_id"]) == {english.id} and set(tables.figures["article_id"]) <= {english.id}


def test_private_uploads_are_flagged_as_near_duplicates_of_the_store_and_of_each_other(tmp_path, seed_articles):
    """A read-only session's uploads are never written, but a syndicated copy of a stored
    article, or of another private upload, is flagged as the store would flag it."""
    from lib.corpus import ingest_files
    from lib.store import Store

    store = Store(f"sqlite:///{tmp_path / 'db'}")
    store.add_articles(seed_articles[:2])
    copy_of_stored = "Syndicated by another desk\n" + seed_articles[0].text + "\nCredit | AA"
    fresh = seed_articles[3].text
    files = [
        ("copy.txt", copy_of_stored.encode()),
        ("fresh.txt", fresh.encode()),
        ("fresh-again.txt", ("From our partners\n" + fresh).encode()),
    ]
    outcomes, private = ingest_files(None, files, known_ids={a.id for a in seed_articles[:2]}, reference=store)
    assert [o.status for o in outcomes] == ["near-duplicate", "added", "near-duplicate"]
    assert dict(outcomes[0].near) == {outcomes[0].article_ids[0]: seed_articles[0].id}
    assert dict(outcomes[2].near) == {outcomes[2].article_ids[0]: outcomes[1].article_ids[0]}
    assert len(private) == 3 and store.count() == 2  # nothing written
