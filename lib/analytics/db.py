"""The DuckDB database of the analytic layer: appends, sync from the store, drill-down by id.

One connection per ``Analytics``; each thread gets its own cursor (a DuckDB connection is not
thread-safe, and Streamlit runs each session in a thread of its own). Writes take a lock, so
appends from concurrent sessions are serialised within the process; DuckDB itself lets one
process open a database file for writing.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from lib.analytics.schema import FILL_FIGURE_VALUES, TABLES, create_statements, engine_columns
from lib.errors import StoreError
from lib.tables import Tables, build_tables
from lib.types import Article, ArticleAnalysis

Progress = Callable[[int, int], None]
SYNC_BATCH = 500  # articles read from the store and appended per transaction


@dataclass(frozen=True)
class Refreshed:
    """What ``Analytics.refresh`` changed, in articles."""

    added: int = 0
    rebuilt: int = 0
    edited: int = 0
    removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.rebuilt or self.edited or self.removed)


class Analytics:
    """The analysed corpus as typed tables in DuckDB (a file, or in memory with ``path`` None)."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False, threads: int | None = None) -> None:
        self.path = str(path) if path else ":memory:"
        config: dict[str, Any] = {}
        if threads:
            config["threads"] = threads
        try:
            self._connection = duckdb.connect(self.path, read_only=read_only, config=config)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the analytic database {self.path}: {exc}") from exc
        self._local = threading.local()
        self._write = threading.Lock()
        self._refresh = threading.Lock()
        if not read_only:
            with self._write:
                tables = {row[0] for row in self._connection.execute("SHOW TABLES").fetchall()}
                for statement in create_statements():
                    self._connection.execute(statement)
                if "articles" in tables and "figure_values" not in tables:
                    # A layer made before the per-article figure values: made from its figures now.
                    self._connection.execute(FILL_FIGURE_VALUES, [0, 2**31 - 1])

    # ---- connections -------------------------------------------------------------------

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor (made on first use)."""
        cursor: duckdb.DuckDBPyConnection | None = getattr(self._local, "cursor", None)
        if cursor is None:
            cursor = self._connection.cursor()
            self._local.cursor = cursor
        return cursor

    def frame(self, sql: str, params: Sequence[object] = (), *, arrow: bool = False) -> pd.DataFrame:
        """The result of one parameterised query, as a frame. ``arrow``: read through Arrow, for
        a large result of strings: they become the frame's string columns without a Python
        object per cell (``.df()`` makes one and pandas converts it again: 0.4 s more for a
        275,000-row summary). Its types differ from ``.df()``'s where a column has NULLs in
        integers or booleans, or is a DECIMAL, so only for queries whose columns are strings,
        doubles, dates and integers or booleans that are never NULL; dates come as ``.df()``
        gives them (``datetime64[us]``)."""
        if not arrow:
            return self.cursor().execute(sql, list(params)).df()
        frame: pd.DataFrame = (
            self.cursor().sql(sql, params=list(params)).to_arrow_table().to_pandas(date_as_object=False)
        )
        for index, dtype in enumerate(frame.dtypes):
            if pd.api.types.is_datetime64_dtype(dtype) and dtype != "datetime64[us]":
                frame.isetitem(index, frame.iloc[:, index].astype("datetime64[us]").to_numpy())
        return frame

    def close(self) -> None:
        self._connection.close()

    # ---- what is there -----------------------------------------------------------------

    def count(self) -> int:
        row = self.cursor().execute("SELECT count(*) FROM articles").fetchone()
        return int(row[0]) if row else 0

    def ids(self) -> set[str]:
        return {row[0] for row in self.cursor().execute("SELECT article_id FROM articles").fetchall()}

    def measures_of(self, article_ids: Sequence[str]) -> set[str]:
        """The measures these articles cite (their figure values): what their rows change in
        a per-measure summary."""
        rows = self.cursor().execute(
            "SELECT DISTINCT v.measure FROM figure_values v JOIN articles a USING (aid) "
            "WHERE list_contains(?::VARCHAR[], a.article_id)",
            [list(article_ids)],
        )
        return {row[0] for row in rows.fetchall()}

    def engines(self) -> list[str]:
        """The engines whose scores the sentences carry (a column each)."""
        rows = self.cursor().execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'sentences' "
            "AND column_name LIKE 'polarity_%' ORDER BY column_name"
        )
        return [row[0].removeprefix("polarity_") for row in rows.fetchall()]

    # ---- writing -----------------------------------------------------------------------

    def append(self, articles: Sequence[Article], analyses: Iterable[ArticleAnalysis]) -> int:
        """Append the rows of these analyses (one per article, matched by id) and their
        per-article aggregates, in one transaction; articles already here are skipped, so an
        append can be repeated. Returns how many articles were added. Nothing else is read."""
        by_id = {a.id: a for a in articles}
        wanted = [a for a in analyses if a.article_id in by_id]
        if not wanted:
            return 0
        present = self._present(self.cursor(), [a.article_id for a in wanted])
        fresh: dict[str, ArticleAnalysis] = {}
        for analysis in wanted:
            if analysis.article_id not in present:
                fresh.setdefault(analysis.article_id, analysis)
        if not fresh:
            return 0
        return self.append_tables(build_tables([by_id[i] for i in fresh], list(fresh.values())))

    def append_tables(self, tables: Tables) -> int:
        """Append the builder's frames (``lib.tables.build_tables``, made here or in a worker
        process) in one transaction, skipping the articles already here."""
        with self._write:
            cursor = self.cursor()
            present = self._present(cursor, tables.articles["article_id"].tolist())
            if present:
                keep = ~tables.articles["article_id"].isin(present)
                tables = tables.filter(article_ids=tables.articles.loc[keep, "article_id"].tolist())
            if tables.articles.empty:
                return 0
            cursor.execute("BEGIN TRANSACTION")
            try:
                row = cursor.execute("SELECT coalesce(max(aid), 0) FROM articles").fetchone()
                first = int(row[0]) + 1 if row else 1
                aids = {article_id: first + n for n, article_id in enumerate(tables.articles["article_id"])}
                engines = [c.removeprefix("polarity_") for c in tables.sentences.columns if c.startswith("polarity_")]
                for engine in engines:
                    for column in engine_columns(engine):
                        cursor.execute(f'ALTER TABLE sentences ADD COLUMN IF NOT EXISTS "{column}" DOUBLE')
                for name, frame in _fact_frames(tables, aids).items():
                    _insert(cursor, name, frame)
                last = first + len(aids) - 1
                _aggregate(cursor, first, last, engines)
                cursor.execute("COMMIT")
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
            return len(aids)

    def _present(self, cursor: duckdb.DuckDBPyConnection, article_ids: list[str]) -> set[str]:
        rows = cursor.execute(
            "SELECT article_id FROM articles WHERE list_contains(?::VARCHAR[], article_id)", [article_ids]
        )
        return {row[0] for row in rows.fetchall()}

    def sync(self, store: Any, version: str, *, workers: int = 1, progress: Progress | None = None) -> int:
        """Append what the store has analysed at ``version`` and this layer lacks, a batch
        of articles per transaction (reads only those articles and analyses: never the whole
        store). With ``workers`` > 1, worker processes read the batches and build their rows
        (the stance reading of every statement is most of the cost) while this process only
        writes. A sync cut short (a process killed) resumes where it stopped. Returns how many
        articles were appended."""
        have = self.ids()
        missing = [i for i in store.analysed_ids(version) if i not in have]
        # Recorded with the rows, so a later ``refresh`` sees these articles as current.
        revisions: dict[str, tuple[str, str]] = store.revisions(version) if missing else {}
        chunks = [missing[start : start + SYNC_BATCH] for start in range(0, len(missing), SYNC_BATCH)]
        done = written = 0
        for chunk, (tables, partial) in self._built(store, version, chunks, workers):
            done += self.append_tables(tables)
            self._set_state(partial, revisions)
            written += len(chunk)
            if progress:
                progress(written, len(missing))
        return done

    def refresh(
        self,
        store: Any,
        version: str,
        *,
        workers: int = 1,
        progress: Progress | None = None,
        only: Sequence[str] | None = None,
    ) -> Refreshed:
        """Make this layer what the store's corpus is at ``version``, touching only what
        changed: the store's per-article revisions (``Store.revisions``, one query) against
        the ones kept here. An article the store lacks (deleted, excluded, or not analysed at
        this version) is removed; a new one (an upload, an undo) appended; one whose analysis
        revision differs (a correction saved or removed, a re-analysis that changed it) has
        its rows made again; one whose metadata alone changed (an edit of outlet, date, title,
        one article or many) has its one ``articles`` row updated. Then dates stated without
        a year are resolved against the corpus's other dates, as the frames path does
        (``lib.ingest.resolve_partial_dates``). With ``workers`` > 1 the rows of many
        articles are made in worker processes (as ``sync``). Safe to call from many threads
        at once. With ``only``, the same for those articles alone (what ``Store.touched_since``
        names: an upload reads its own rows, not every article's revision)."""
        with self._refresh:
            wanted: dict[str, tuple[str, str]] = store.revisions(version, ids=only)
            if only is None:
                rows = self.cursor().execute("SELECT article_id, revision FROM articles").fetchall()
            else:
                rows = (
                    self.cursor()
                    .execute(
                        "SELECT article_id, revision FROM articles WHERE list_contains(?::VARCHAR[], article_id)",
                        [list(only)],
                    )
                    .fetchall()
                )
            have = {article_id: tuple((revision or "|").split("|", 1)) for article_id, revision in rows}
            gone = [i for i in have if i not in wanted]
            rebuilt = [i for i, rev in wanted.items() if i in have and have[i][1] != rev[1]]
            edited = [i for i, rev in wanted.items() if i in have and have[i][1] == rev[1] and have[i][0] != rev[0]]
            added = [i for i in wanted if i not in have]
            self.delete(gone + rebuilt)
            todo = sorted(rebuilt + added)
            chunks = [todo[start : start + SYNC_BATCH] for start in range(0, len(todo), SYNC_BATCH)]
            done = 0
            for chunk, (tables, partial) in self._built(store, version, chunks, workers):
                self.append_tables(tables)
                self._set_state(partial, wanted)
                done += len(chunk)
                if progress:
                    progress(done, len(todo))
            for start in range(0, len(edited), SYNC_BATCH):
                articles = store.articles(ids=edited[start : start + SYNC_BATCH])
                self.update_metadata(articles)
                self._set_state(_partial_dates(articles), wanted)
            if gone or todo or edited:
                self.resolve_partial_dates()
            return Refreshed(added=len(added), rebuilt=len(rebuilt), edited=len(edited), removed=len(gone))

    def _built(
        self, store: Any, version: str, chunks: list[list[str]], workers: int
    ) -> Iterator[tuple[list[str], tuple[Tables, dict[str, str | None]]]]:
        """Each chunk's rows (``build_tables``) and its articles' dates without a year, made
        in this process or, with ``workers`` > 1 and more than one chunk of a store another
        process can open, in worker processes (the stance reading of every statement is most
        of the cost) while this process only writes."""
        in_memory = store.url in ("sqlite://", "sqlite:///:memory:")  # not reachable from another process
        if workers > 1 and len(chunks) > 1 and not in_memory:
            import multiprocessing

            # spawn: a forked child would inherit this process's DuckDB connection and threads.
            with multiprocessing.get_context("spawn").Pool(workers) as pool:
                jobs = [(store.url, chunk, version) for chunk in chunks]
                yield from zip(chunks, pool.imap(_build_chunk, jobs), strict=True)
            return
        for chunk in chunks:
            yield chunk, _rows(store, chunk, version)

    def _set_state(self, partial: dict[str, str | None], revisions: dict[str, tuple[str, str]]) -> None:
        """Record, for each of these articles (id -> its date without a year, JSON, or None),
        that date and the store revision its rows were made from."""
        frame = pd.DataFrame(
            [[i, "|".join(revisions[i]) if i in revisions else None, p] for i, p in partial.items()],
            columns=["article_id", "revision", "partial_date"],
            dtype=object,
        )
        if frame.empty:
            return
        with self._write:
            cursor = self.cursor()
            cursor.register("_state", frame)
            try:
                cursor.execute(
                    "UPDATE articles SET revision = b.revision, partial_date = b.partial_date FROM _state b "
                    "WHERE articles.article_id = b.article_id"
                )
            finally:
                cursor.unregister("_state")

    def partial_dates(self) -> dict[str, Any]:
        """Article id -> the date the articles stated without a year were given (``resolve_partial_dates``)."""
        rows = self.cursor().execute('SELECT article_id, "date" FROM articles WHERE partial_date IS NOT NULL')
        return dict(rows.fetchall())

    def resolve_partial_dates(self) -> int:
        """Give each article whose text states a date without its year ("Thursday, February
        10") the year the corpus's known dates allow (``lib.ingest.resolve_partial_dates``,
        over this layer's other dates), or none. Returns how many articles have a date so."""
        from lib.ingest import resolve_partial_dates

        cursor = self.cursor()
        partial = cursor.execute("SELECT article_id, partial_date FROM articles WHERE partial_date IS NOT NULL")
        rows = partial.fetchall()
        if not rows:
            return 0
        known = cursor.execute(
            'SELECT DISTINCT "date" FROM articles WHERE partial_date IS NULL AND "date" IS NOT NULL'
        ).fetchall()
        stand_ins = [Article(id=f"known:{n}", file="", text="", date=day) for n, (day,) in enumerate(known)]
        undated = [Article(id=i, file="", text="", partial_date=tuple(json.loads(p))) for i, p in rows]  # type: ignore[arg-type]
        resolved = {a.id: a.date for a in resolve_partial_dates([*stand_ins, *undated]) if a.id in dict(rows)}
        with self._write:
            self.cursor().executemany(
                'UPDATE articles SET "date" = ? WHERE article_id = ?', [[day, i] for i, day in resolved.items()]
            )
        return sum(day is not None for day in resolved.values())

    def update_metadata(self, articles: Iterable[Article]) -> None:
        """Take an analyst's edits (outlet, date, title, byline, URL) of articles already
        here: one row each in ``articles``, which every query joins."""
        from lib.tables import outlet_label

        rows = [[outlet_label(a.outlet), a.date, a.title, a.title or a.file, a.byline, a.url, a.id] for a in articles]
        if not rows:
            return
        # One UPDATE joined with the edits (executemany costs about a millisecond a row).
        frame = pd.DataFrame(
            rows, columns=["outlet", "date", "title", "label", "byline", "url", "article_id"], dtype=object
        )
        with self._write:
            cursor = self.cursor()
            cursor.register("_edits", frame)
            try:
                cursor.execute(
                    'UPDATE articles SET outlet = b.outlet, "date" = CAST(b."date" AS DATE), title = b.title, '
                    "label = b.label, byline = b.byline, url = b.url FROM _edits b "
                    "WHERE articles.article_id = b.article_id"
                )
            finally:
                cursor.unregister("_edits")

    def delete(self, article_ids: Sequence[str]) -> int:
        """Remove these articles' rows from every table, in one transaction (an analyst's
        delete in the store; a sync does not bring them back once the store has dropped their
        analyses). Returns how many articles were removed."""
        with self._write:
            cursor = self.cursor()
            rows = cursor.execute(
                "SELECT aid FROM articles WHERE list_contains(?::VARCHAR[], article_id)", [list(article_ids)]
            ).fetchall()
            aids = [row[0] for row in rows]
            if not aids:
                return 0
            cursor.execute("BEGIN TRANSACTION")
            try:
                for name in TABLES:
                    cursor.execute(f"DELETE FROM {name} WHERE list_contains(?::INTEGER[], aid)", [aids])
                cursor.execute("COMMIT")
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
            return len(aids)

    def score_engine(self, engine: str, score: Callable[[str], tuple[float, float]], *,
                     skip: Callable[[str | None], bool] | None = None, progress: Progress | None = None) -> int:  # fmt: skip
        """Score ``engine`` on the sentences of every article not yet scored with it (read
        from the texts, written to the engine's columns and aggregates), a batch of articles
        per transaction. ``skip(language)`` leaves an article unscored (NULL: an engine that
        does not read its language). Returns how many articles were scored."""
        polarity, subjectivity = engine_columns(engine)
        with self._write:
            cursor = self.cursor()
            cursor.execute(f'ALTER TABLE sentences ADD COLUMN IF NOT EXISTS "{polarity}" DOUBLE')
            cursor.execute(f'ALTER TABLE sentences ADD COLUMN IF NOT EXISTS "{subjectivity}" DOUBLE')
            todo = cursor.execute(
                "SELECT aid, language FROM articles WHERE n_sentences > 0 AND aid NOT IN "
                "(SELECT aid FROM article_tone WHERE engine = ?) ORDER BY aid",
                [engine],
            ).fetchall()
            for start in range(0, len(todo), SYNC_BATCH):
                batch = todo[start : start + SYNC_BATCH]
                unread = {aid for aid, language in batch if skip is not None and skip(language)}
                low, high = batch[0][0], batch[-1][0]
                texts = cursor.execute(
                    "SELECT aid, sentence_index, text FROM sentence_texts WHERE list_contains(?::INTEGER[], aid)",
                    [[aid for aid, _ in batch]],
                ).fetchall()
                scored = [(aid, index, *((None, None) if aid in unread else score(text or "")))
                          for aid, index, text in texts]  # fmt: skip
                frame = pd.DataFrame(scored, columns=["aid", "sentence_index", "p", "s"], dtype=object)
                frame["p"] = frame["p"].map(_null).astype("float64")
                frame["s"] = frame["s"].map(_null).astype("float64")
                cursor.execute("BEGIN TRANSACTION")
                try:
                    cursor.register("_scores", frame)
                    cursor.execute(
                        f'UPDATE sentences SET "{polarity}" = b.p, "{subjectivity}" = b.s FROM _scores b '
                        "WHERE sentences.aid = b.aid AND sentences.sentence_index = b.sentence_index"
                    )
                    cursor.unregister("_scores")
                    # The batch's span may hold articles scored before: their aggregates are made again.
                    for table in ("article_tone", "actor_tone"):
                        cursor.execute(f"DELETE FROM {table} WHERE engine = ? AND aid BETWEEN ? AND ?",
                                       [engine, low, high])  # fmt: skip
                    _aggregate(cursor, low, high, [engine], pairs=False)
                    cursor.execute("COMMIT")
                except BaseException:
                    cursor.execute("ROLLBACK")
                    raise
                if progress:
                    progress(start + len(batch), len(todo))
            return len(todo)

    # ---- drill-down (text, by id) ------------------------------------------------------

    def sentences_of(self, article_id: str) -> pd.DataFrame:
        """One article's sentences with their text and every engine's scores."""
        return self.frame(
            "SELECT a.article_id, s.*, t.text FROM sentences s JOIN articles a USING (aid) "
            "JOIN sentence_texts t USING (aid, sentence_index) WHERE a.article_id = ? ORDER BY s.sentence_index",
            [article_id],
        ).drop(columns=["aid"])

    def quote_texts(self, quote_ids: Sequence[str]) -> dict[str, str]:
        """The text of these statements, by id."""
        rows = self.cursor().execute(
            "SELECT quote_id, text FROM quote_texts WHERE list_contains(?::VARCHAR[], quote_id)", [list(quote_ids)]
        )
        return {row[0]: row[1] for row in rows.fetchall()}


_WORKER_STORES: dict[str, Any] = {}


def _build_chunk(job: tuple[str, list[str], str]) -> tuple[Tables, dict[str, str | None]]:
    """In a worker process: one batch's rows, read from the store (opened once per process)."""
    from lib.store import Store

    url, ids, version = job
    if url not in _WORKER_STORES:
        _WORKER_STORES[url] = Store(url)
    return _rows(_WORKER_STORES[url], ids, version)


def _rows(store: Any, ids: list[str], version: str) -> tuple[Tables, dict[str, str | None]]:
    """The rows of these articles at ``version``, and their dates without a year."""
    articles = store.articles(ids=ids)
    return build_tables(articles, store.iter_analyses(ids, version)), _partial_dates(articles)


def _partial_dates(articles: Iterable[Article]) -> dict[str, str | None]:
    """Article id -> its date stated without a year (JSON [month, day, weekday]) when it has
    no date, else None."""
    return {a.id: json.dumps(list(a.partial_date)) if a.partial_date and a.date is None else None for a in articles}


def _null(value: float | None) -> float | None:
    return None if value is None or value != value else value


def _fact_frames(tables: Tables, aids: dict[str, int]) -> dict[str, pd.DataFrame]:
    """The rows of each fact table, from the builder's frames (outlet and date only in articles,
    text in the texts tables)."""

    def keyed(frame: pd.DataFrame) -> pd.DataFrame:
        out = frame.copy()
        out.insert(0, "aid", out["article_id"].map(aids))
        return out

    articles = keyed(tables.articles)
    articles["n_quotes"] = articles["article_id"].map(tables.quotes.groupby("article_id").size()).fillna(0)
    sentences = keyed(tables.sentences)
    quotes = keyed(tables.quotes)
    figures = keyed(tables.figures)
    figures["figure_index"] = figures.groupby("aid").cumcount()
    return {
        "articles": articles,
        "sentences": sentences.drop(columns=["text"]),
        "sentence_texts": sentences[["aid", "sentence_index", "text"]],
        "mentions": keyed(tables.mentions),
        "quotes": quotes.drop(columns=["text"]),
        "quote_texts": quotes[["aid", "quote_id", "text"]],
        "evidence": keyed(tables.evidence),
        "stance": keyed(tables.stance),
        "figures": figures,
    }


def _insert(cursor: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    # A column the builder does not make (yet) stays NULL rather than failing the append.
    columns = [c for c, _, _ in TABLES[name] if c in frame.columns]
    if name == "sentences":
        columns += [c for c in frame.columns if c.startswith(("polarity_", "subjectivity_"))]
    selected = ", ".join('CAST("date" AS DATE)' if c == "date" else f'"{c}"' for c in columns)
    cursor.register("_batch", frame)
    try:
        quoted = ", ".join(f'"{c}"' for c in columns)
        cursor.execute(f"INSERT INTO {name} ({quoted}) SELECT {selected} FROM _batch")
    finally:
        cursor.unregister("_batch")


def _aggregate(cursor: duckdb.DuckDBPyConnection, first: int, last: int, engines: Sequence[str], *,
               pairs: bool = True) -> None:  # fmt: skip
    """The per-article aggregates (AGGREGATE_TABLES) of articles ``first``..``last`` (aids),
    from their facts: the tone per engine, and (``pairs``: articles appended, not scored
    with another engine) the co-mentions and the figure values."""
    span = [first, last]
    for engine in engines:
        polarity, subjectivity = engine_columns(engine)
        p, s = f's."{polarity}"', f's."{subjectivity}"'
        cursor.execute(
            f"INSERT INTO article_tone SELECT s.aid, ?, count(*), count({p}), sum({p}), sum({p} * {p}), "
            f"count({s}), sum({s}) FROM sentences s WHERE s.aid BETWEEN ? AND ? GROUP BY s.aid",
            [engine, *span],
        )
        for level, key in (("actor", "actor"), ("rollup", "rollup")):
            cursor.execute(
                f"""
                INSERT INTO actor_tone
                WITH counts AS (
                    SELECT aid, "{key}" AS actor, count(*) AS mentions FROM mentions
                    WHERE aid BETWEEN ? AND ? GROUP BY ALL),
                pairs AS (
                    SELECT DISTINCT aid, sentence_index, "{key}" AS actor FROM mentions WHERE aid BETWEEN ? AND ?),
                scored AS (
                    SELECT pairs.aid, pairs.actor, count(*) AS n, count({p}) AS np, sum({p}) AS sp,
                           sum({p} * {p}) AS sp2, count({s}) AS ns, sum({s}) AS ss
                    FROM pairs JOIN sentences s ON s.aid = pairs.aid AND s.sentence_index = pairs.sentence_index
                    GROUP BY ALL)
                SELECT counts.aid, ?, counts.actor, ?, counts.mentions, coalesce(scored.n, 0),
                       coalesce(scored.np, 0), scored.sp, scored.sp2, coalesce(scored.ns, 0), scored.ss
                FROM counts LEFT JOIN scored ON scored.aid = counts.aid AND scored.actor = counts.actor
                """,
                [*span, *span, level, engine],
            )
    if not pairs:
        return
    for level, key in (("actor", "actor"), ("rollup", "rollup")):
        cursor.execute(
            f"""
            INSERT INTO actor_pairs
            WITH pairs AS (
                SELECT DISTINCT aid, sentence_index, "{key}" AS actor FROM mentions WHERE aid BETWEEN ? AND ?)
            SELECT x.aid, ?, x.actor, y.actor, count(*) FROM pairs x JOIN pairs y
            ON x.aid = y.aid AND x.sentence_index = y.sentence_index AND x.actor < y.actor GROUP BY ALL
            """,
            [*span, level],
        )
    cursor.execute(FILL_FIGURE_VALUES, span)
