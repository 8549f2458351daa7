"""The analytic database: appends, sync from the store (SQLite and a real PostgreSQL server),
drill-down by id, an engine scored later, edits, the schema's documentation, threads."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import replace

import pandas as pd
import pytest

from lib import tables as pandas_summaries
from lib.analysis import analyzer_version
from lib.analytics import Analytics, Filters, db, queries, schema
from lib.store import Store
from lib.tables import build_tables
from tests.analytics.conftest import same_frame


def test_an_append_can_be_repeated_and_duplicates_nothing(seed_corpus):
    articles, analyses = seed_corpus
    layer = Analytics()
    assert layer.append(articles, analyses) == 5
    assert layer.append(articles, analyses) == 0
    assert layer.append(articles[:2], analyses[:2] + analyses[:2]) == 0
    assert layer.count() == 5 and layer.ids() == {a.id for a in articles}
    for table in ("articles", "article_tone"):
        assert layer.frame(f"SELECT count(*) AS n, count(DISTINCT aid) AS d FROM {table}").iloc[0].tolist() == [5, 5]


def test_an_analysis_without_its_article_is_skipped(seed_corpus):
    articles, analyses = seed_corpus
    layer = Analytics()
    assert layer.append(articles[:2], analyses) == 2
    assert layer.ids() == {a.id for a in articles[:2]}


def test_the_aggregates_equal_the_facts(generated):
    """The per-article aggregates the charts read hold what the fact rows say."""
    articles, analyses = generated
    layer = Analytics()
    for start in range(0, len(articles), 40):
        layer.append(articles[start : start + 40], analyses[start : start + 40])
    mismatches = layer.frame(
        """SELECT a.aid FROM articles a LEFT JOIN article_tone t ON t.aid = a.aid AND t.engine = 'textblob'
           LEFT JOIN (SELECT aid, count(*) AS n FROM sentences GROUP BY aid) s ON s.aid = a.aid
           WHERE coalesce(t.n_sentences, 0) <> a.n_sentences OR coalesce(s.n, 0) <> a.n_sentences
           UNION ALL
           SELECT a.aid FROM articles a LEFT JOIN (SELECT aid, count(*) AS n FROM quotes GROUP BY aid) q USING (aid)
           WHERE coalesce(q.n, 0) <> a.n_quotes
           UNION ALL
           SELECT aid FROM (SELECT aid, sum(mentions) AS n FROM actor_tone WHERE level = 'actor' GROUP BY aid) t
           FULL JOIN (SELECT aid, count(*) AS n FROM mentions GROUP BY aid) m USING (aid)
           WHERE t.n IS DISTINCT FROM m.n"""
    )
    assert mismatches.empty


def test_text_is_read_on_drill_down_by_id(seed_corpus):
    articles, analyses = seed_corpus
    layer = Analytics()
    layer.append(articles, analyses)
    analysis = analyses[2]
    sentences = layer.sentences_of(analysis.article_id)
    assert sentences["text"].tolist() == [s.text for s in analysis.sentences]
    assert sentences["polarity_textblob"].tolist() == pytest.approx([s["textblob"][0] for s in analysis.sentiment])
    quote_ids = [f"{analysis.article_id}:{n}" for n in range(len(analysis.quotes))]
    assert layer.quote_texts(quote_ids) == {q: quote.text for q, quote in zip(quote_ids, analysis.quotes, strict=True)}
    # No summary table carries text.
    for name in ("sentences", "quotes", "figures", "mentions", "stance", "evidence"):
        assert "text" not in {c for c, _, _ in schema.TABLES[name]}


def test_an_engine_scored_later_agrees_with_the_tables(seed_corpus):
    from lib.ingest import engine_reads
    from lib.sentiment import get_engine

    articles, analyses = seed_corpus
    layer = Analytics()
    layer.append(articles, analyses)
    seen: list[tuple[int, int]] = []
    scorer = get_engine("vader")
    scored = layer.score_engine(
        "vader", scorer.score, skip=lambda code: not engine_reads(code), progress=lambda *p: seen.append(p)
    )
    assert scored == 5 and seen[-1] == (5, 5)
    assert layer.engines() == ["textblob", "vader"]
    assert layer.score_engine("vader", scorer.score) == 0  # nothing left to score
    tables = build_tables(articles, analyses).with_engine("vader")
    same_frame(
        queries.outlet_tone(layer, Filters(), "vader"), pandas_summaries.outlet_tone(tables, "vader"), ["outlet"]
    )
    same_frame(
        queries.actor_summary(layer, Filters(), "vader", rollup=True),
        pandas_summaries.actor_summary(tables, "vader", rollup=True),
        ["actor", "outlet"],
    )


def test_an_edited_outlet_moves_the_article_in_every_summary(seed_corpus):
    articles, analyses = seed_corpus
    layer = Analytics()
    layer.append(articles, analyses)
    edited = [replace(articles[0], outlet="Republic World", title="NATO open to talks"), *articles[1:]]
    layer.update_metadata(edited[:1])
    tables = build_tables(edited, analyses)
    same_frame(
        queries.outlet_tone(layer, Filters(), "textblob"), pandas_summaries.outlet_tone(tables, "textblob"), ["outlet"]
    )
    same_frame(queries.share_of_voice(layer, Filters()), pandas_summaries.share_of_voice(tables), ["outlet", "speaker"])
    assert queries.outlets(layer) == sorted(set(tables.articles["outlet"]))


def test_every_column_is_documented_and_every_builder_column_has_a_place(seed_corpus):
    for name, columns in schema.TABLES.items():
        assert len({c for c, _, _ in columns}) == len(columns), name
        for column, kind, meaning in columns:
            assert kind.split()[0] in {"INTEGER", "VARCHAR", "DOUBLE", "BOOLEAN", "DATE"}, (name, column)
            assert len(meaning) > 5, (name, column)
    tables = build_tables(*seed_corpus)
    # Columns of the builder's frames that live elsewhere here: outlet and date in articles
    # (joined by the filter), text in the texts tables (drill-down).
    moved = {"outlet", "date", "text", "sentence"}
    stored = {
        "articles": "articles",
        "sentences": "sentences",
        "mentions": "mentions",
        "quotes": "quotes",
        "evidence": "evidence",
        "stance": "stance",
        "figures": "figures",
    }
    for frame_name, table in stored.items():
        frame = getattr(tables, frame_name)
        have = {c for c, _, _ in schema.TABLES[table]} | {"article_id"}
        if table != "articles":
            have -= {"outlet", "date"}
        engines = {c for c in frame.columns if c.startswith(("polarity_", "subjectivity_"))}
        missing = set(frame.columns) - have - engines - (moved if table != "articles" else set())
        assert not missing, (frame_name, missing)


@pytest.mark.parametrize("name", ["textblob", "vader_2", "newsmtsc"])
def test_engine_names_become_columns(name):
    assert schema.engine_columns(name) == (f"polarity_{name}", f"subjectivity_{name}")


@pytest.mark.parametrize("name", ["", "Vader", "x; DROP TABLE articles", "a-b", "1st"])
def test_an_engine_name_that_is_not_an_identifier_is_refused(name):
    from lib.errors import StoreError

    with pytest.raises(StoreError, match="not an engine name"):
        schema.engine_columns(name)


def test_each_thread_has_its_own_cursor_and_queries_while_another_appends(generated):
    articles, analyses = generated
    layer = Analytics()
    layer.append(articles[:20], analyses[:20])
    errors: list[BaseException] = []
    cursors: set[int] = set()
    start = threading.Barrier(9)

    def read() -> None:
        try:
            start.wait()
            cursors.add(id(layer.cursor()))
            for _ in range(15):
                tone = queries.outlet_tone(layer, Filters(), "textblob")
                assert int(tone["articles"].sum()) >= 20
                queries.co_mentions(layer, Filters(actors=("Russia",)))
        except BaseException as exc:  # reported below
            errors.append(exc)

    def write() -> None:
        start.wait()
        for begin in range(20, len(articles), 10):
            layer.append(articles[begin : begin + 10], analyses[begin : begin + 10])

    threads = [threading.Thread(target=read) for _ in range(8)] + [threading.Thread(target=write)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors[:1]
    assert len(cursors) == 8
    assert layer.count() == len(articles)


def test_a_file_survives_a_reopen(tmp_path, seed_corpus):
    path = tmp_path / "analytics.duckdb"
    layer = Analytics(path)
    layer.append(*seed_corpus)
    layer.close()
    again = Analytics(path)
    assert again.count() == 5 and again.engines() == ["textblob"]
    again.close()
    read_only = Analytics(path, read_only=True)
    assert len(queries.outlet_tone(read_only, Filters(), "textblob")) == 3
    read_only.close()


def test_sync_appends_what_the_store_has_and_the_layer_lacks(store, seed_corpus, generated):
    """On SQLite and on a real PostgreSQL server on loopback: the layer synced from the store
    gives the pandas summaries of the store's own content; a second sync reads nothing new."""
    articles = seed_corpus[0] + generated[0][:30]
    analyses = seed_corpus[1] + generated[1][:30]
    store.add_articles(articles)
    store.put_analyses(analyses[:20])
    version = analyzer_version()
    layer = Analytics()
    steps: list[tuple[int, int]] = []
    assert layer.sync(store, version, progress=lambda *p: steps.append(p)) == 20
    assert steps[-1] == (20, 20)
    store.put_analyses(analyses[20:])
    assert layer.sync(store, version) == len(articles) - 20
    assert layer.sync(store, version) == 0
    assert layer.ids() == {a.id for a in articles}
    stored = store.articles()
    tables = build_tables(stored, store.iter_analyses([a.id for a in stored], version))
    for summary, args, keys in [
        ("actor_summary", ("textblob",), ["actor", "outlet"]),
        ("outlet_tone", ("textblob",), ["outlet"]),
        ("speaker_stance", (), ["speaker", "outlet"]),
        ("measures", (), ["measure", "article_id"]),
    ]:
        same_frame(
            getattr(queries, summary)(layer, Filters(), *args), getattr(pandas_summaries, summary)(tables, *args), keys
        )


def test_a_sync_with_worker_processes_writes_what_one_process_writes(tmp_path, generated, monkeypatch):
    articles, analyses = generated
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.add_articles(articles[:40])
    store.put_analyses(analyses[:40])
    monkeypatch.setattr("lib.analytics.db.SYNC_BATCH", 10)
    version = analyzer_version()
    alone, pooled = Analytics(), Analytics()
    steps: list[tuple[int, int]] = []
    assert alone.sync(store, version) == 40
    assert pooled.sync(store, version, workers=2, progress=lambda *p: steps.append(p)) == 40
    assert steps == [(10, 40), (20, 40), (30, 40), (40, 40)]
    for summary, args, keys in [("outlet_tone", ("textblob",), ["outlet"]), ("co_mentions", (), ["actor", "other"]),
                                ("measures", (), ["measure", "article_id"])]:  # fmt: skip
        same_frame(
            getattr(queries, summary)(pooled, Filters(), *args),
            getattr(queries, summary)(alone, Filters(), *args),
            keys,
        )
    store.close()


def test_a_deleted_article_leaves_every_table(seed_corpus):
    articles, analyses = seed_corpus
    layer = Analytics()
    layer.append(articles, analyses)
    gone = articles[1].id
    assert layer.delete([gone, "no-such-id"]) == 1
    assert layer.delete([gone]) == 0
    assert layer.ids() == {a.id for a in articles} - {gone}
    kept = [a for a in articles if a.id != gone]
    tables = build_tables(kept, [a for a in analyses if a.article_id != gone])
    same_frame(queries.target_matrix(layer, Filters()), pandas_summaries.target_matrix(tables), ["speaker", "target"])
    same_frame(queries.co_mentions(layer, Filters()), pandas_summaries.co_mentions(tables), ["actor", "other"])


def _store_corpus_tables(store, version):
    """The frames the pages build from the store (pages/_data._shared_corpus): excluded left
    out, dates without a year resolved, corrections applied."""
    from lib.ingest import resolve_partial_dates

    excluded = store.excluded_ids()
    articles = [a for a in resolve_partial_dates(store.articles()) if a.id not in excluded]
    return build_tables(articles, store.iter_analyses([a.id for a in articles], version))


def _agrees(layer, store, version):
    tables = _store_corpus_tables(store, version)
    assert layer.ids() == set(tables.articles["article_id"])
    for summary, args, keys in [
        ("outlet_tone", ("textblob",), ["outlet"]),
        ("actor_summary", ("textblob",), ["actor", "outlet"]),
        ("share_of_voice", (), ["outlet", "speaker"]),
        ("speaker_stance", (), ["speaker", "outlet"]),
        ("measures", (), ["measure", "article_id"]),
    ]:
        same_frame(
            getattr(queries, summary)(layer, Filters(), *args), getattr(pandas_summaries, summary)(tables, *args), keys
        )
    frame_dates = dict(zip(tables.articles["article_id"], tables.articles["date"], strict=True))
    rows = layer.cursor().execute('SELECT article_id, "date" FROM articles').fetchall()
    assert {i: (str(d) if d else None) for i, d in rows} == {
        i: (None if pd.isna(d) else str(d)) for i, d in frame_dates.items()
    }


def test_refresh_follows_every_kind_of_change_in_the_store(store, seed_corpus, generated, monkeypatch):
    """On SQLite and on a real PostgreSQL server: after an upload, a metadata edit (one and
    many), an exclusion and its undo, a correction and its removal, a deletion and its undo,
    and a re-analysis under a new version, the refreshed layer gives the summaries of the
    frames built from the store, and touches only the articles that changed."""
    from lib import corrections as c

    monkeypatch.setattr("lib.analytics.db.SYNC_BATCH", 7)
    articles = seed_corpus[0] + generated[0][:25]
    analyses = {a.article_id: a for a in seed_corpus[1] + generated[1][:25]}
    store.add_articles(articles[:20])
    store.put_analyses(analyses[a.id] for a in articles[:20])
    version = analyzer_version()
    layer = Analytics()
    steps: list[tuple[int, int]] = []
    assert layer.refresh(store, version, progress=lambda *p: steps.append(p)).added == 20
    assert steps[-1] == (20, 20)
    _agrees(layer, store, version)
    assert not layer.refresh(store, version).changed

    store.add_articles(articles[20:])  # an upload: analysed later
    assert not layer.refresh(store, version).changed
    store.put_analyses(analyses[a.id] for a in articles[20:])
    assert layer.refresh(store, version).added == len(articles) - 20
    _agrees(layer, store, version)

    one, many = articles[0], [a.id for a in articles[5:15]]
    store.update_metadata(one.id, {"outlet": "Edited Times", "date": dt.date(2022, 3, 1), "title": "New title"})
    store.update_metadata_many(many, {"outlet": "Bulk Herald"})
    assert layer.refresh(store, version) == type(layer.refresh(store, version))(edited=11)
    _agrees(layer, store, version)
    assert "Bulk Herald" in set(queries.outlets(layer))

    store.set_excluded(many[:3], True)
    assert layer.refresh(store, version).removed == 3
    _agrees(layer, store, version)
    store.set_excluded(many[:3], False)
    assert layer.refresh(store, version).added == 3
    _agrees(layer, store, version)

    quoted = next(a for a in articles if analyses[a.id].quotes)
    said = analyses[quoted.id].quotes[0]
    fix = store.save_correction(c.speaker_fix(quoted.id, said.start, said.end, said.speaker, "Somebody Else"))
    assert layer.refresh(store, version).rebuilt == 1
    _agrees(layer, store, version)
    assert "Somebody Else" in set(queries.share_of_voice(layer, Filters())["speaker"])
    store.remove_correction(fix)
    assert layer.refresh(store, version).rebuilt == 1
    assert "Somebody Else" not in set(queries.share_of_voice(layer, Filters())["speaker"])

    gone = articles[3]
    store.delete_articles([gone.id])
    assert layer.refresh(store, version).removed == 1 and gone.id not in layer.ids()
    store.add_articles([gone])  # the undo
    store.put_analyses([analyses[gone.id]])
    assert layer.refresh(store, version).added == 1
    _agrees(layer, store, version)

    # A dictionary edit: a new version; the copies are unchanged, one article re-analysed differently.
    newer = "newer-version"
    redone = next(a for a in articles if len(analyses[a.id].quotes) > 1)
    store.put_analyses(
        replace(analyses[a.id], analyzer_version=newer, quotes=analyses[a.id].quotes[1:])
        if a.id == redone.id
        else replace(analyses[a.id], analyzer_version=newer)
        for a in articles
    )
    assert layer.refresh(store, newer) == type(layer.refresh(store, newer))(rebuilt=1)
    _agrees(layer, store, newer)


def test_a_date_without_its_year_takes_the_year_the_corpus_allows(seed_corpus):
    articles, analyses = seed_corpus
    layer = Analytics()
    dated = [replace(a, date=dt.date(2022, 2, 1 + n)) for n, a in enumerate(articles[:4])]
    # Thursday, 10 February: 2022 is the only year near the corpus's dates where it is a Thursday.
    partial = replace(articles[4], date=None, partial_date=(2, 10, 3))
    layer.append([*dated, partial], analyses)
    layer._set_state(db._partial_dates([*dated, partial]), {})
    assert layer.resolve_partial_dates() == 1
    row = layer.cursor().execute('SELECT "date" FROM articles WHERE article_id = ?', [partial.id]).fetchone()
    assert row == (dt.date(2022, 2, 10),)


def test_a_layer_made_by_sync_is_current_for_refresh(tmp_path, generated, monkeypatch):
    """``sync`` (the benchmark's and ingest's path, with worker processes) records the store
    revisions with the rows: a refresh afterwards has nothing to redo."""
    articles, analyses = generated
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.add_articles(articles[:30])
    store.put_analyses(analyses[:30])
    monkeypatch.setattr("lib.analytics.db.SYNC_BATCH", 10)
    version = analyzer_version()
    for workers in (1, 2):
        layer = Analytics()
        assert layer.sync(store, version, workers=workers) == 30
        assert not layer.refresh(store, version).changed
    store.update_metadata(articles[0].id, {"outlet": "After Sync"})
    assert layer.refresh(store, version).edited == 1
    store.close()


def test_a_refresh_of_the_touched_articles_alone_agrees_with_the_whole_comparison(store, seed_corpus, generated):
    """What the pages do after an upload or an edit (pages/_data._current_layer): the store
    names the articles touched since the layer's last state (Store.touched_since), and only
    those are compared; the layer is then what a whole refresh would make it."""
    import time

    articles = seed_corpus[0] + generated[0][:12]
    analyses = {a.article_id: a for a in seed_corpus[1] + generated[1][:12]}
    store.add_articles(articles[:10])
    store.put_analyses(analyses[a.id] for a in articles[:10])
    version = analyzer_version()
    layer = Analytics()
    layer.refresh(store, version)
    before = store.state(version)
    time.sleep(0.002)
    store.add_articles(articles[10:])  # an upload
    store.put_analyses(analyses[a.id] for a in articles[10:])
    store.update_metadata(articles[0].id, {"outlet": "Edited Times"})
    after = store.state(version)
    touched = store.touched_since(before, after)
    # The new articles and the edited one (and those added with the last state's latest
    # timestamp: the bound is inclusive, here the first batch, found unchanged).
    assert touched is not None and {a.id for a in articles[10:]} | {articles[0].id} <= set(touched)
    done = layer.refresh(store, version, only=touched)
    assert done.added == after.analysed - before.analysed == len(articles) - 10 and done.edited == 1
    assert not layer.refresh(store, version).changed  # the whole comparison finds nothing left
    _agrees(layer, store, version)
