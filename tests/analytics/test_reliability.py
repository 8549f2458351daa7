"""Reliability under load: 20 sessions uploading at once (threads of one server, and processes
of a shared PostgreSQL deployment), and an ingest killed with SIGKILL, then resumed."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from lib import tables as pandas_summaries
from lib.analysis import analyzer_version
from lib.analytics import Analytics, Filters, queries
from lib.store import Store, analysis_from_json, analysis_to_json
from lib.tables import build_tables
from tests.analytics.conftest import ROOT, same_frame

SESSIONS = 20
OWN = 2  # articles only one session uploads
SHARED = 2  # articles every session uploads (the same files, at once)


def _uploads(articles, analyses):
    """Per session: its own articles and the shared ones, with their analyses."""
    shared = list(zip(articles[:SHARED], analyses[:SHARED], strict=True))
    rest = list(zip(articles[SHARED:], analyses[SHARED:], strict=True))
    return [rest[n * OWN : (n + 1) * OWN] + shared for n in range(SESSIONS)]


def _consistent(layer: Analytics) -> list[str]:
    """What is wrong with the layer's rows (nothing, when each article is whole)."""
    problems = layer.frame(
        """SELECT 'duplicate ' || article_id AS problem FROM articles GROUP BY article_id HAVING count(*) > 1
           UNION ALL
           SELECT 'sentences of ' || a.article_id FROM articles a
           LEFT JOIN (SELECT aid, count(*) AS n FROM sentences GROUP BY aid) s USING (aid)
           LEFT JOIN (SELECT aid, n_sentences AS n FROM article_tone WHERE engine = 'textblob') t USING (aid)
           WHERE coalesce(s.n, 0) <> a.n_sentences OR coalesce(t.n, 0) <> a.n_sentences
           UNION ALL
           SELECT 'quotes of ' || a.article_id FROM articles a
           LEFT JOIN (SELECT aid, count(*) AS n FROM quotes GROUP BY aid) q USING (aid)
           WHERE coalesce(q.n, 0) <> a.n_quotes
           UNION ALL
           SELECT 'rows without an article' FROM (SELECT DISTINCT aid FROM mentions) m
           WHERE m.aid NOT IN (SELECT aid FROM articles)"""
    )
    return problems["problem"].tolist()


def test_twenty_sessions_upload_at_once_on_one_server(store, generated):
    """20 threads (Streamlit sessions) of one server, on SQLite and on PostgreSQL: each
    uploads its own articles and the same shared ones at once, appends its upload to the
    shared analytic layer, then syncs. Nothing is lost or duplicated, every session sees
    every article."""
    articles, analyses = generated
    uploads = _uploads(articles, analyses)
    expected = {a.id for upload in uploads for a, _ in upload}
    layer = Analytics()
    version = analyzer_version()
    start, done = threading.Barrier(SESSIONS), threading.Barrier(SESSIONS)
    seen: dict[int, int] = {}
    errors: list[BaseException] = []

    def session(number: int) -> None:
        try:
            upload = uploads[number]
            start.wait()
            store.add_articles([a for a, _ in upload])
            store.put_analyses([analysis for _, analysis in upload])
            layer.append([a for a, _ in upload], [analysis for _, analysis in upload])
            done.wait()
            layer.sync(store, version)
            seen[number] = int(queries.outlet_tone(layer, Filters(), "textblob")["articles"].sum())
        except BaseException as exc:  # reported below
            errors.append(exc)
            start.abort()
            done.abort()

    threads = [threading.Thread(target=session, args=(n,)) for n in range(SESSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert not errors, errors[:1]
    stored = store.articles()
    assert len(stored) == len(expected) and {a.id for a in stored} == expected
    assert set(store.analysed_ids(version)) == expected
    assert layer.ids() == expected and layer.count() == len(expected)
    assert seen == dict.fromkeys(range(SESSIONS), len(expected))
    assert _consistent(layer) == []


def _server(url: str, folder: str, number: int, articles, payloads: list[str], start, done, results) -> None:
    """One dashboard server of a shared deployment: its own DuckDB file beside PostgreSQL."""
    analyses = [analysis_from_json(p) for p in payloads]
    store = Store(url)
    layer = Analytics(Path(folder) / f"server-{number}.duckdb", threads=1)
    start.wait(600)
    store.add_articles(articles)
    store.put_payloads((a.article_id, a.analyzer_version, p) for a, p in zip(analyses, payloads, strict=True))
    layer.append(articles, analyses)
    done.wait(600)
    layer.sync(store, analyses[0].analyzer_version)
    results.put((number, sorted(layer.ids()), _consistent(layer)))
    layer.close()
    store.close()


@pytest.mark.postgres
def test_twenty_servers_upload_at_once_to_one_postgresql(postgres_url, tmp_path):
    """20 processes, each a server with its own analytic file, upload at once to one
    PostgreSQL on loopback; after a sync each holds every article, once."""
    import sqlalchemy as sa

    from lib.analysis import analyze_articles
    from lib.store import metadata
    from tests.analytics.conftest import generated_corpus

    engine = sa.create_engine(postgres_url)
    metadata.drop_all(engine)
    engine.dispose()
    Store(postgres_url).close()
    articles = generated_corpus(SESSIONS * OWN + SHARED)
    analyses = analyze_articles(articles)
    uploads = _uploads(articles, analyses)
    expected = sorted({a.id for a in articles})
    ctx = multiprocessing.get_context("spawn")
    start, done, results = ctx.Barrier(SESSIONS), ctx.Barrier(SESSIONS), ctx.Queue()
    servers = [
        ctx.Process(
            target=_server,
            args=(
                postgres_url,
                str(tmp_path),
                n,
                [a for a, _ in uploads[n]],
                [analysis_to_json(a) for _, a in uploads[n]],
                start,
                done,
                results,
            ),
        )
        for n in range(SESSIONS)
    ]
    for server in servers:
        server.start()
    reports = [results.get(timeout=600) for _ in servers]
    for server in servers:
        server.join(60)
        assert server.exitcode == 0
    assert sorted(n for n, _, _ in reports) == list(range(SESSIONS))
    assert all(ids == expected for _, ids, _ in reports)
    assert all(problems == [] for _, _, problems in reports)
    store = Store(postgres_url)
    assert sorted(a.id for a in store.articles()) == expected
    store.close()


INGEST = """
import sys
sys.path.insert(0, sys.argv[3])
from lib.analysis import analyze_articles, analyzer_version
from lib.analytics import Analytics
from lib.store import Store
from tests.analytics.conftest import generated_corpus

store, layer = Store(sys.argv[1]), Analytics(sys.argv[2], threads=1)
version = analyzer_version()
layer.sync(store, version)  # what a killed run stored but did not append
articles = generated_corpus(int(sys.argv[4]), seed=5)
for start in range(0, len(articles), 4):
    batch = articles[start : start + 4]
    store.add_articles(batch)
    missing = set(store.missing_analyses(version))
    store.put_analyses(analyze_articles([a for a in batch if a.id in missing]))
    layer.sync(store, version)
    print(layer.count(), flush=True)
print("done", flush=True)
"""


def _ingest(url: str, path: Path, size: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", INGEST, url, str(path), str(ROOT), str(size)], stdout=subprocess.PIPE, text=True
    )


@pytest.mark.parametrize("lines_before_kill", [2, 5])
def test_an_ingest_killed_mid_way_leaves_both_stores_whole_and_resumes(tmp_path, lines_before_kill):
    url, path, size = f"sqlite:///{tmp_path / 'store.db'}", tmp_path / "analytics.duckdb", 40
    process = _ingest(url, path, size)
    assert process.stdout is not None
    for _ in range(lines_before_kill):
        assert process.stdout.readline().strip().isdigit()
    os.kill(process.pid, signal.SIGKILL)
    process.wait(60)
    assert process.returncode == -signal.SIGKILL
    with sqlite3.connect(tmp_path / "store.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    version = analyzer_version()
    store = Store(url)
    layer = Analytics(path)
    assert _consistent(layer) == []
    killed_at = layer.count()
    assert 4 * (lines_before_kill - 1) <= killed_at < size
    assert layer.ids() <= set(store.analysed_ids(version))
    layer.close()
    store.close()
    # The same ingest run again picks up where the killed one stopped.
    again = _ingest(url, path, size)
    out, _ = again.communicate(timeout=300)
    assert again.returncode == 0 and out.strip().endswith("done")
    store, layer = Store(url), Analytics(path)
    stored = store.articles()
    assert len(stored) == size and not store.missing_analyses(version)
    assert layer.ids() == {a.id for a in stored} and _consistent(layer) == []
    tables = build_tables(stored, store.iter_analyses([a.id for a in stored], version))
    same_frame(
        queries.outlet_tone(layer, Filters(), "textblob"), pandas_summaries.outlet_tone(tables, "textblob"), ["outlet"]
    )
    same_frame(queries.co_mentions(layer, Filters()), pandas_summaries.co_mentions(tables), ["actor", "other"])
    layer.close()
    store.close()
