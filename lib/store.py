"""The article store: the only module that touches the database.

SQLite (through SQLAlchemy) in a data folder by default; PostgreSQL for a shared
deployment, chosen by URL (``STANCEWATCH_DATABASE_URL`` or the ``database_url`` secret).
All SQL is SQLAlchemy Core, parameterised.

- Articles are keyed by their content hash: adding the same text twice is a duplicate,
  however many sessions add it at once (``INSERT … ON CONFLICT DO NOTHING``).
- A near-duplicate (a syndicated copy with a changed headline or credit line) is added
  and flagged, by a 64-bit SimHash of word 4-shingles within ``NEAR_DUPLICATE_BITS``
  (``lib.neardup``). Analyses are stored as JSON (``lib.codec``).
- Analyses are stored per article and ``analyzer_version``: an unchanged article is
  never analysed twice; a changed dictionary or engine makes the old ones stale.
- Each write is one transaction, so a process killed mid-ingest leaves whole articles.
- The analyst edits metadata by hand (one article or many at once), deletes articles, and
  excludes them from the analysis (``excluded_ids``: kept, with their analyses, until
  restored); ``fingerprint`` changes with each of these.
- The analyst corrects an analysis (``save_correction``: a statement's speaker, a figure, or
  something that is neither); ``iter_analyses`` hands analyses out with their article's
  corrections applied (``lib.corrections.apply_corrections``), the stored analyses stay as
  the engine made them, and ``fingerprint`` changes with each correction saved or removed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from lib.codec import analysis_from_json, analysis_to_json, payload_digest
from lib.corrections import Correction, apply_corrections, from_row, overlap, statuses
from lib.errors import StoreError
from lib.neardup import NearIndex, simhash
from lib.types import Article, ArticleAnalysis

DATA_DIR_ENV = "STANCEWATCH_DATA_DIR"
DATABASE_URL_ENV = "STANCEWATCH_DATABASE_URL"
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"

metadata = sa.MetaData()
articles_table = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("date", sa.Date),
    sa.Column("byline", sa.Text),
    sa.Column("credits", sa.Text, nullable=False, default="[]"),
    sa.Column("url", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("provenance", sa.Text, nullable=False, default="[]"),
    sa.Column("partial_date", sa.Text),
    sa.Column("language", sa.String(16)),
    sa.Column("simhash", sa.BigInteger, nullable=False),
    sa.Column("near_duplicate_of", sa.String(32)),
    sa.Column("origin", sa.String(16), nullable=False, default="upload"),
    sa.Column("added_at", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)
analyses_table = sa.Table(
    "analyses",
    metadata,
    sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("version", sa.String(64), primary_key=True),
    sa.Column("payload", sa.Text, nullable=False),
    # What the analysis says, whatever version it is filed under (``lib.codec.payload_digest``): an
    # analysis copied unchanged to a new dictionary version keeps its digest. NULL in rows
    # stored before the column existed.
    sa.Column("digest", sa.String(40)),
)
# What every run asks (``state``: the latest change, the analyses at a version), what an upload
# asks after it (``touched_since``) and its near-duplicate look-up (``_StoredNear``: a scan of
# every SimHash), answered from these instead of a scan of the texts and payloads: 0.2 s a
# question at 100,000 articles. A store made before them gets them when opened.
_INDEXES = (
    sa.Index("ix_articles_updated_at", articles_table.c.updated_at),
    sa.Index("ix_analyses_version", analyses_table.c.version),
    sa.Index("ix_articles_simhash", articles_table.c.simhash, articles_table.c.id),
)
# The analyst's edits of the actor dictionary for this corpus (lib.overlay's YAML), one row.
overlay_table = sa.Table(
    "dictionary_overlay",
    metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)
# Articles the analyst set aside: kept in the store (text, analyses, edits) but left out of
# the corpus the pages show, until restored. A table of its own, so a store made before it
# gets it, empty, from ``create_all`` when opened.
excluded_table = sa.Table(
    "excluded_articles",
    metadata,
    sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("excluded_at", sa.DateTime, nullable=False),
)
# An analyst's corrections of an article's analysis (lib.corrections): each names its target
# by span and original value, so it is applied again after a re-analysis where it still fits.
# A table of its own, created when missing (older stores open with none).
corrections_table = sa.Table(
    "corrections",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("target", sa.String(16), nullable=False),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("span_start", sa.Integer, nullable=False),
    sa.Column("span_end", sa.Integer, nullable=False),
    sa.Column("original", sa.Text, nullable=False),
    sa.Column("fix", sa.Text, nullable=False, default="{}"),  # the new values, JSON (Correction.fix)
    sa.Column("created_at", sa.DateTime, nullable=False),
    sqlite_autoincrement=True,  # ids never reused: the fingerprint reads the largest
)
# What an analyst may edit by hand (``update_metadata``), and what an undo puts back.
EDITABLE_FIELDS = ("outlet", "date", "title", "byline", "url")


@dataclass(frozen=True)
class StoreState:
    """A store's state as ``Store.fingerprint`` sums it up, its parts kept, and how many
    articles have an analysis at ``version`` (``Store.state``)."""

    articles: int
    latest: Any  # the latest updated_at (an article added or edited)
    excluded: int
    last_excluded: Any
    corrections: int
    last_correction: Any
    version: str | None = None
    analysed: int = 0

    @property
    def fingerprint(self) -> str:
        return (
            f"{self.articles}:{self.latest}:{self.excluded}:{self.last_excluded}:{self.corrections}:"
            f"{self.last_correction}"
        )


@dataclass(frozen=True)
class AddResult:
    """What happened to one article offered to the store."""

    article: Article
    status: str  # added | duplicate | near-duplicate
    duplicate_of: str | None = None


def database_url(data_dir: Path | None = None) -> tuple[str, bool]:
    """The URL to use and whether it persists: the environment's URL, else SQLite in the
    data folder, else (folder not writable) an in-memory database."""
    if os.environ.get(DATABASE_URL_ENV):
        return os.environ[DATABASE_URL_ENV], True
    folder = Path(os.environ.get(DATA_DIR_ENV) or data_dir or DEFAULT_DATA_DIR)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder):
            pass
    except OSError:
        return "sqlite://", False
    return f"sqlite:///{folder / 'stancewatch.db'}", True


class Store:
    """Articles and their analyses in a SQL database."""

    def __init__(self, url: str, *, persistent: bool = True) -> None:
        self.url = url
        self.persistent = persistent
        kwargs: dict[str, Any] = {"future": True}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
            if url in ("sqlite://", "sqlite:///:memory:"):
                kwargs["poolclass"] = sa.pool.StaticPool
        try:
            self.engine = sa.create_engine(url, **kwargs)
            if url.startswith("sqlite"):
                sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            metadata.create_all(self.engine)
            _add_missing_columns(self.engine)
            for index in _INDEXES:
                index.create(self.engine, checkfirst=True)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open the store at {_redact(url)}: {exc.__class__.__name__}") from exc

    @classmethod
    def open(cls, url: str | None = None, *, data_dir: Path | None = None) -> Store:
        if url:
            return cls(url)
        chosen, persistent = database_url(data_dir)
        return cls(chosen, persistent=persistent)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # ---- articles ------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article], *, origin: str = "upload") -> list[AddResult]:
        """Add articles; each is added, a duplicate (same content hash) or a flagged
        near-duplicate. Safe against concurrent writers."""
        results: list[AddResult] = []
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        try:
            with self.engine.begin() as conn:
                articles = list(articles)
                # A few articles (an upload) look up their candidates in SQL; a batch reads the whole index once.
                known: NearIndex | _StoredNear = _StoredNear(conn) if len(articles) <= _LOOKUPS else _near_index(conn)
                for article in articles:
                    digest = simhash(article.text)
                    near = known.nearest(article.id, digest)
                    values = _article_row(article) | {
                        "simhash": digest,
                        "near_duplicate_of": near,
                        "origin": origin,
                        "added_at": now,
                        "updated_at": now,
                    }
                    statement = _insert_ignore(self.dialect, articles_table, values, ["id"]).returning(
                        articles_table.c.id
                    )
                    if conn.execute(statement).first() is None:  # RETURNING is empty when the row existed
                        results.append(AddResult(article, "duplicate", article.id))
                        continue
                    known.add(article.id, digest)
                    results.append(AddResult(article, "near-duplicate" if near else "added", near))
        except SQLAlchemyError as exc:
            raise StoreError(f"could not add articles: {exc.__class__.__name__}: {exc}") from exc
        return results

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """Every article (by file name), or only those with these ``ids``."""
        query = sa.select(articles_table).order_by(articles_table.c.file, articles_table.c.id)
        with self.engine.connect() as conn:
            if ids is None:
                return [_row_article(row._mapping) for row in conn.execute(query)]
            out: list[Article] = []
            for start in range(0, len(ids), 500):
                chunk = list(ids[start : start + 500])
                out += [_row_article(r._mapping) for r in conn.execute(query.where(articles_table.c.id.in_(chunk)))]
            return out

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(articles_table)).scalar_one())

    def near_index(self) -> NearIndex:
        """The stored articles' SimHash index, to flag near-duplicates among articles that are
        not added (a read-only session's private uploads: ``lib.corpus.ingest_files``)."""
        with self.engine.connect() as conn:
            return _near_index(conn)

    def near_duplicates(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(articles_table.c.id, articles_table.c.near_duplicate_of).where(
                    articles_table.c.near_duplicate_of.is_not(None)
                )
            )
            return {row.id: row.near_duplicate_of for row in rows}

    def fingerprint(self) -> str:
        """Changes whenever an article is added, removed, edited, excluded or restored, and
        whenever a correction is saved or removed: a cache key."""
        return self.state().fingerprint

    def state(self, version: str | None = None) -> StoreState:
        """The parts of ``fingerprint`` (and, with ``version``, how many articles have an
        analysis at it), read in one connection; ``touched_since`` compares two."""
        with self.engine.connect() as conn:
            count, latest = conn.execute(
                sa.select(sa.func.count(), sa.func.max(articles_table.c.updated_at)).select_from(articles_table)
            ).one()
            excluded, last_excluded = conn.execute(
                sa.select(sa.func.count(), sa.func.max(excluded_table.c.excluded_at)).select_from(excluded_table)
            ).one()
            # Ids only grow: a correction saved or removed changes the count or the largest id.
            corrections, last_correction = conn.execute(
                sa.select(sa.func.count(), sa.func.max(corrections_table.c.id)).select_from(corrections_table)
            ).one()
            analysed = 0
            if version is not None:
                query = (
                    sa.select(sa.func.count()).select_from(analyses_table).where(analyses_table.c.version == version)
                )
                analysed = int(conn.execute(query).scalar_one())
        counts: list[Any] = [count, excluded, corrections]
        return StoreState(int(counts[0]), latest, int(counts[1]), last_excluded, int(counts[2]), last_correction,
                          version, analysed)  # fmt: skip

    def touched_since(self, before: StoreState, after: StoreState) -> list[str] | None:
        """The articles added or edited between two states (``state``) when nothing else
        can have changed (no article removed, excluded or restored, no correction saved or
        removed, the same version); None when something else may have (compare
        ``revisions`` then). The bound is inclusive: the article last touched at ``before``
        is named too (a caller comparing revisions finds it unchanged). Whether articles gained
        an analysis is the caller's to check (``StoreState.analysed``). Reads only the touched
        rows' ids."""
        same = (before.excluded, before.last_excluded, before.corrections, before.last_correction, before.version)
        if same != (after.excluded, after.last_excluded, after.corrections, after.last_correction, after.version):
            return None
        if before.latest is None or after.articles < before.articles:
            return None
        query = sa.select(articles_table.c.id, articles_table.c.added_at).where(
            articles_table.c.updated_at >= before.latest
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        added = sum(1 for row in rows if row.added_at > before.latest)
        if before.articles + added != after.articles:  # an article removed as well
            return None
        return [row.id for row in rows]

    def update_metadata(self, article_id: str, values: dict[str, Any]) -> None:
        """Store an analyst's edit of outlet, date, title, byline or URL (``update_metadata_many``)."""
        self.update_metadata_many([article_id], values)

    def update_metadata_many(self, article_ids: Sequence[str], values: dict[str, Any]) -> int:
        """Give each of these articles the same ``values`` (outlet, date, title, byline, URL;
        an empty value clears the field), in one transaction: all of them or, when one id is
        unknown, none. Each edited field's provenance becomes "edited by the user"; a cleared
        date also drops the partial date, so the corpus does not guess it again. Returns how
        many articles were edited."""
        changes = {k: (v or None) for k, v in values.items() if k in EDITABLE_FIELDS}
        ids = list(dict.fromkeys(article_ids))
        if not changes or not ids:
            return 0
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        if "date" in changes and changes["date"] is None:
            changes["partial_date"] = None
        try:
            with self.engine.begin() as conn:
                provenance = _provenance_of(conn, ids)
                params = []
                for article_id in ids:
                    edited = dict(provenance[article_id])
                    edited.update({k: "edited by the user" for k in changes if k in EDITABLE_FIELDS})
                    params.append({"b_id": article_id, "b_provenance": json.dumps(sorted(edited.items()))})
                statement = (
                    sa.update(articles_table)
                    .where(articles_table.c.id == sa.bindparam("b_id"))
                    .values(**changes, provenance=sa.bindparam("b_provenance"), updated_at=now)
                )
                conn.execute(statement, params)
        except SQLAlchemyError as exc:
            raise StoreError(f"could not edit the articles: {exc.__class__.__name__}") from exc
        return len(ids)

    def restore_metadata(self, articles: Sequence[Article]) -> int:
        """Put back the metadata these records hold (``EDITABLE_FIELDS``, their provenance and
        partial date): the undo of an edit, with the records read before it. One transaction;
        articles no longer stored are skipped. Returns how many were restored."""
        if not articles:
            return 0
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        params = []
        for article in articles:
            row = _article_row(article)
            params.append({f"b_{k}": row[k] for k in (*EDITABLE_FIELDS, "provenance", "partial_date", "id")})
        statement = (
            sa.update(articles_table)
            .where(articles_table.c.id == sa.bindparam("b_id"))
            .values(
                **{k: sa.bindparam(f"b_{k}") for k in (*EDITABLE_FIELDS, "provenance", "partial_date")},
                updated_at=now,
            )
        )
        try:
            with self.engine.begin() as conn:
                return int(conn.execute(statement, params).rowcount or 0)
        except SQLAlchemyError as exc:
            raise StoreError(f"could not restore the metadata: {exc.__class__.__name__}") from exc

    def delete_articles(self, article_ids: Sequence[str]) -> int:
        """Remove these articles with their analyses, exclusions and corrections, in one
        transaction. Unknown ids are ignored; returns how many articles were removed. An undo
        adds the article again through ``add_articles`` (its analyses through ``put_analyses``,
        its corrections through ``restore_corrections``)."""
        ids = list(dict.fromkeys(article_ids))
        removed = 0
        try:
            with self.engine.begin() as conn:
                for start in range(0, len(ids), 500):
                    chunk = ids[start : start + 500]
                    conn.execute(sa.delete(excluded_table).where(excluded_table.c.article_id.in_(chunk)))
                    conn.execute(sa.delete(corrections_table).where(corrections_table.c.article_id.in_(chunk)))
                    conn.execute(sa.delete(analyses_table).where(analyses_table.c.article_id.in_(chunk)))
                    result = conn.execute(sa.delete(articles_table).where(articles_table.c.id.in_(chunk)))
                    removed += int(result.rowcount or 0)
        except SQLAlchemyError as exc:
            raise StoreError(f"could not delete the articles: {exc.__class__.__name__}") from exc
        return removed

    def set_excluded(self, article_ids: Sequence[str], excluded: bool) -> int:
        """Exclude these articles from the analysis (``excluded``) or restore them, in one
        transaction: an excluded article stays stored, with its analyses and edits, and
        ``excluded_ids`` names it. Excluding an unknown id is an error (and changes nothing).
        Returns how many articles changed state."""
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return 0
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        changed = 0
        try:
            with self.engine.begin() as conn:
                if not excluded:
                    for start in range(0, len(ids), 500):
                        chunk = ids[start : start + 500]
                        result = conn.execute(sa.delete(excluded_table).where(excluded_table.c.article_id.in_(chunk)))
                        changed += int(result.rowcount or 0)
                    return changed
                _provenance_of(conn, ids)  # every id must be an article
                for article_id in ids:
                    statement = _insert_ignore(
                        self.dialect, excluded_table, {"article_id": article_id, "excluded_at": now}, ["article_id"]
                    ).returning(excluded_table.c.article_id)
                    changed += conn.execute(statement).first() is not None
        except SQLAlchemyError as exc:
            raise StoreError(f"could not change the excluded articles: {exc.__class__.__name__}") from exc
        return changed

    def excluded_ids(self) -> set[str]:
        """Ids of the articles excluded from the analysis."""
        with self.engine.connect() as conn:
            return {row.article_id for row in conn.execute(sa.select(excluded_table.c.article_id))}

    def ensure_seeds(self, seeds: Sequence[Article]) -> int:
        """Load the seed articles once; returns how many were new."""
        return sum(1 for r in self.add_articles(seeds, origin="seed") if r.status != "duplicate")

    # ---- analyses ------------------------------------------------------------------

    def get_analyses(
        self, article_ids: Sequence[str], version: str, *, corrected: bool = True
    ) -> dict[str, ArticleAnalysis]:
        return {a.article_id: a for a in self.iter_analyses(article_ids, version, corrected=corrected)}

    def iter_analyses(
        self, article_ids: Sequence[str], version: str, *, corrected: bool = True
    ) -> Iterator[ArticleAnalysis]:
        """The stored analyses at ``version`` of ``article_ids``, in that order (those
        missing skipped), read 500 at a time: a caller that consumes them as they come
        never holds the whole corpus's analyses. Each comes with its article's corrections
        applied (``lib.corrections``); ``corrected=False`` gives them as the engine made them
        (what is copied to another version or put back by an undo)."""
        with self.engine.connect() as conn:
            for start in range(0, len(article_ids), 500):
                chunk = list(article_ids[start : start + 500])
                rows = conn.execute(
                    sa.select(analyses_table.c.article_id, analyses_table.c.payload).where(
                        analyses_table.c.version == version, analyses_table.c.article_id.in_(chunk)
                    )
                )
                payloads = {row.article_id: row.payload for row in rows}
                fixes = _corrections_of(conn, chunk) if corrected and payloads else {}
                for article_id in chunk:
                    if article_id in payloads:
                        analysis = analysis_from_json(payloads.pop(article_id))
                        if article_id in fixes:
                            analysis = apply_corrections(analysis, fixes[article_id]).analysis
                        yield analysis

    def missing_analyses(self, version: str, ids: Sequence[str] | None = None) -> list[str]:
        """Ids of articles with no analysis at ``version`` (with ``ids``: among those, read 500
        at a time). Each article looks its analysis up by key (NOT EXISTS): "id NOT IN (every
        analysed id)" built that list first, 0.4 s at 100,000 articles on every upload."""
        analysed = sa.exists().where(
            analyses_table.c.article_id == articles_table.c.id, analyses_table.c.version == version
        )
        query = sa.select(articles_table.c.id).where(~analysed)
        if ids is None:
            queries = [query]
        else:
            chunks = [list(ids[start : start + 500]) for start in range(0, len(ids), 500)]
            queries = [query.where(articles_table.c.id.in_(chunk)) for chunk in chunks]
        with self.engine.connect() as conn:
            return [row.id for statement in queries for row in conn.execute(statement)]

    def analysed_ids(self, version: str) -> list[str]:
        """Ids of the articles with an analysis at ``version``, in order of id (what the
        analytic layer's ``sync`` compares with its own, without reading any text)."""
        query = sa.select(analyses_table.c.article_id).where(analyses_table.c.version == version)
        with self.engine.connect() as conn:
            return [row.article_id for row in conn.execute(query.order_by(analyses_table.c.article_id))]

    def analysed_count(self, version: str) -> int:
        """How many articles have an analysis at ``version`` (a cheap part of a cache key)."""
        query = sa.select(sa.func.count()).select_from(analyses_table).where(analyses_table.c.version == version)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def revisions(self, version: str, ids: Sequence[str] | None = None) -> dict[str, tuple[str, str]]:
        """Per article in the corpus (analysed at ``version``, not excluded): its metadata
        revision (when it was added or last edited) and its analysis revision (the analysis's
        digest, and the count and largest id of its corrections), in one query. What a copy
        derived from the store (the analytic layer) compares with its own to find what changed:
        a metadata edit changes the first; a correction saved or removed, or a re-analysis that
        changed the analysis, the second; an analysis copied unchanged to a new dictionary
        version neither. An excluded or deleted article is not here. With ``ids``, only those
        articles (read 500 at a time)."""
        fixes = (
            sa.select(
                corrections_table.c.article_id,
                sa.func.count().label("n"),
                sa.func.max(corrections_table.c.id).label("last"),
            )
            .group_by(corrections_table.c.article_id)
            .subquery()
        )
        query = (
            sa.select(
                articles_table.c.id, articles_table.c.updated_at, analyses_table.c.digest, fixes.c.n, fixes.c.last
            )
            .join(
                analyses_table,
                sa.and_(analyses_table.c.article_id == articles_table.c.id, analyses_table.c.version == version),
            )
            .outerjoin(fixes, fixes.c.article_id == articles_table.c.id)
            .where(articles_table.c.id.not_in(sa.select(excluded_table.c.article_id)))
        )
        if ids is None:
            queries = [query]
        else:
            chunks = [list(ids[start : start + 500]) for start in range(0, len(ids), 500)]
            queries = [query.where(articles_table.c.id.in_(chunk)) for chunk in chunks]
        with self.engine.connect() as conn:
            return {
                row.id: (str(row.updated_at), f"{row.digest or 'v:' + version}:{row.n or 0}:{row.last or 0}")
                for statement in queries
                for row in conn.execute(statement)
            }

    def put_analyses(self, analyses: Iterable[ArticleAnalysis]) -> None:
        self.put_payloads((a.article_id, a.analyzer_version, analysis_to_json(a)) for a in analyses)

    def put_payloads(self, payloads: Iterable[tuple[str, str, str]]) -> None:
        """Store analyses already encoded (article id, analyzer version, JSON)."""
        rows = [{"article_id": a, "version": v, "payload": p, "digest": payload_digest(p, v)} for a, v, p in payloads]
        if not rows:
            return
        try:
            with self.engine.begin() as conn:
                conn.execute(_insert_ignore(self.dialect, analyses_table, None, ["article_id", "version"]), rows)
        except IntegrityError:
            pass  # the article was removed meanwhile
        except SQLAlchemyError as exc:
            raise StoreError(f"could not store analyses: {exc.__class__.__name__}") from exc

    # ---- corrections ---------------------------------------------------------------

    def save_correction(self, correction: Correction) -> int:
        """Keep an analyst's correction; returns its id. It replaces the article's earlier
        corrections of the same item (same kind, an overlapping span, the same original), so
        correcting a corrected statement again keeps one correction. An unknown article is a
        StoreError."""
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        table = corrections_table
        try:
            with self.engine.begin() as conn:
                _provenance_of(conn, [correction.article_id])  # the article must exist
                earlier = conn.execute(
                    sa.select(table.c.id, table.c.span_start, table.c.span_end).where(
                        table.c.article_id == correction.article_id,
                        table.c.target == correction.target,
                        table.c.original == correction.original,
                    )
                )
                replaced = [
                    row.id
                    for row in earlier
                    if overlap(row.span_start, row.span_end, correction.start, correction.end) > 0
                ]
                if replaced:
                    conn.execute(sa.delete(table).where(table.c.id.in_(replaced)))
                row = conn.execute(
                    sa.insert(table)
                    .values(**_correction_row(correction), created_at=correction.created_at or now)
                    .returning(table.c.id)
                ).one()
        except SQLAlchemyError as exc:
            raise StoreError(f"could not keep the correction: {exc.__class__.__name__}") from exc
        return int(row.id)

    def remove_correction(self, correction_id: int) -> bool:
        """Undo a correction; False when there was none with this id."""
        try:
            with self.engine.begin() as conn:
                result = conn.execute(sa.delete(corrections_table).where(corrections_table.c.id == correction_id))
        except SQLAlchemyError as exc:
            raise StoreError(f"could not remove the correction: {exc.__class__.__name__}") from exc
        return bool(result.rowcount)

    def corrections(self, article_ids: Sequence[str] | None = None) -> list[Correction]:
        """The corrections of these articles (every article's by default), oldest first."""
        with self.engine.connect() as conn:
            if article_ids is None:
                query = sa.select(corrections_table).order_by(corrections_table.c.id)
                return [from_row(dict(r._mapping), json.loads(r.fix or "{}")) for r in conn.execute(query)]
            found = _corrections_of(conn, list(article_ids))
        return sorted((c for items in found.values() for c in items), key=lambda c: c.id or 0)

    def correction_ids(self) -> dict[str, tuple[int, ...]]:
        """Article id -> the ids of its corrections (only articles with some): what changed
        since a build of the frames, without reading the corrections themselves."""
        query = sa.select(corrections_table.c.article_id, corrections_table.c.id).order_by(corrections_table.c.id)
        found: dict[str, list[int]] = {}
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                found.setdefault(row.article_id, []).append(int(row.id))
        return {article_id: tuple(ids) for article_id, ids in found.items()}

    def restore_corrections(self, corrections: Sequence[Correction]) -> int:
        """Put back corrections read before a deletion (the deletion's undo), with their
        original dates; those of articles no longer stored are skipped. Returns how many."""
        if not corrections:
            return 0
        try:
            with self.engine.begin() as conn:
                known = {
                    row.id
                    for row in conn.execute(
                        sa.select(articles_table.c.id).where(
                            articles_table.c.id.in_({c.article_id for c in corrections})
                        )
                    )
                }
                rows = [
                    _correction_row(c) | {"created_at": c.created_at or dt.datetime.now(dt.UTC).replace(tzinfo=None)}
                    for c in corrections
                    if c.article_id in known
                ]
                if rows:
                    conn.execute(sa.insert(corrections_table), rows)
        except SQLAlchemyError as exc:
            raise StoreError(f"could not restore the corrections: {exc.__class__.__name__}") from exc
        return len(rows)

    def correction_statuses(
        self, version: str, article_ids: Sequence[str] | None = None
    ) -> list[tuple[Correction, str]]:
        """Each correction (of these articles, else of all) with its status against the
        analysis at ``version``: ``lib.corrections.APPLIED`` or ``STALE`` (no longer applies;
        also when the article has no analysis at this version)."""
        items = self.corrections(article_ids)
        by_article: dict[str, list[Correction]] = {}
        for correction in items:
            by_article.setdefault(correction.article_id, []).append(correction)
        raw = self.get_analyses(list(by_article), version, corrected=False)
        status: dict[int, str] = {}
        for article_id, mine in by_article.items():
            for correction, state in statuses(raw.get(article_id), mine):
                status[id(correction)] = state
        return [(c, status[id(c)]) for c in items]

    # ---- the dictionary overlay ------------------------------------------------------

    def load_overlay(self) -> str:
        """The corpus's dictionary edits (lib.overlay YAML); empty when there are none."""
        with self.engine.connect() as conn:
            text = conn.execute(sa.select(overlay_table.c.text).where(overlay_table.c.id == "corpus")).scalar()
        return str(text or "")

    def save_overlay(self, text: str) -> None:
        """Replace the corpus's dictionary edits (empty text: none)."""
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        try:
            with self.engine.begin() as conn:
                conn.execute(sa.delete(overlay_table).where(overlay_table.c.id == "corpus"))
                if text.strip():
                    conn.execute(sa.insert(overlay_table).values(id="corpus", text=text, updated_at=now))
        except SQLAlchemyError as exc:
            raise StoreError(f"could not store the dictionary edits: {exc.__class__.__name__}") from exc

    def close(self) -> None:
        self.engine.dispose()


# Columns added after a store was first created: (table, column, SQL type). A store made by
# an older version gets them, empty (NULL), when it is opened: its articles stay readable,
# and an empty ``language`` reads as "not detected" (the engine reads such an article).
_ADDED_COLUMNS = (("articles", "language", "VARCHAR(16)"), ("analyses", "digest", "VARCHAR(40)"))


def _add_missing_columns(engine: sa.Engine) -> None:
    inspector = sa.inspect(engine)
    for table, column, kind in _ADDED_COLUMNS:
        if column not in {c["name"] for c in inspector.get_columns(table)}:
            with engine.begin() as conn:
                conn.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN {column} {kind}"))


# Up to this many articles added at once look their near-duplicate candidates up in SQL
# (``_StoredNear``); more read the whole index once.
_LOOKUPS = 16


class _StoredNear:
    """What ``_near_index(conn)`` would answer for a few articles, without reading every
    stored SimHash: per look-up, the stored articles that share one of the index's blocks
    with the new one (the only ones ``NearIndex.nearest`` compares), in the table's order,
    then the articles this transaction added, in the order added. The same answer: the
    first-added article within ``NEAR_DUPLICATE_BITS``."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn
        self.added: list[tuple[str, int]] = []

    def nearest(self, article_id: str, digest: int) -> str | None:
        index = NearIndex()
        column = articles_table.c.simhash
        mask = (1 << index.width) - 1
        # The shift as a literal: PostgreSQL has bigint >> integer, not bigint >> bigint (a bound int).
        same_block = [
            column.op(">>")(sa.literal_column(str(int(block * index.width)))).op("&")(mask) == value
            for block, value in index._keys(digest)
        ]
        mine = {i for i, _ in self.added}
        for row in self.conn.execute(sa.select(articles_table.c.id, column).where(sa.or_(*same_block))):
            if row.simhash is not None and row.id not in mine:
                index.add(row.id, row.simhash)
        for added_id, added_digest in self.added:
            index.add(added_id, added_digest)
        return index.nearest(article_id, digest)

    def add(self, article_id: str, digest: int) -> None:
        self.added.append((article_id, digest))


def _near_index(conn: sa.Connection) -> NearIndex:
    """The SimHash index of the stored articles, read in ``conn`` (within an adding
    transaction, it holds what that transaction sees)."""
    index = NearIndex()
    for row in conn.execute(sa.select(articles_table.c.id, articles_table.c.simhash)):
        if row.simhash is not None:
            index.add(row.id, row.simhash)
    return index


def _correction_row(correction: Correction) -> dict[str, Any]:
    return {
        "article_id": correction.article_id,
        "target": correction.target,
        "action": correction.action,
        "span_start": correction.start,
        "span_end": correction.end,
        "original": correction.original,
        "fix": json.dumps(correction.fix(), ensure_ascii=False),
    }


def _corrections_of(conn: sa.Connection, ids: Sequence[str]) -> dict[str, list[Correction]]:
    """Article id -> its corrections, oldest first (ids read 500 at a time)."""
    found: dict[str, list[Correction]] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        query = (
            sa.select(corrections_table)
            .where(corrections_table.c.article_id.in_(chunk))
            .order_by(corrections_table.c.id)
        )
        for row in conn.execute(query):
            found.setdefault(row.article_id, []).append(from_row(dict(row._mapping), json.loads(row.fix or "{}")))
    return found


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
    except Exception:  # an in-memory database has no WAL; nothing to do
        pass
    finally:
        cursor.close()


def _insert_ignore(dialect: str, table: sa.Table, values: dict[str, Any] | None, keys: list[str]) -> Any:
    """INSERT … ON CONFLICT DO NOTHING; with ``values`` None, a statement to execute with
    a list of rows (one round trip for the batch)."""
    from sqlalchemy.dialects import postgresql, sqlite

    inserts: dict[str, Any] = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
    if dialect not in inserts:
        raise StoreError(f"unsupported database {dialect!r}; use SQLite or PostgreSQL")
    statement = inserts[dialect](table)
    if values is not None:
        statement = statement.values(**values)
    return statement.on_conflict_do_nothing(index_elements=keys)


def _provenance_of(conn: sa.Connection, ids: Sequence[str]) -> dict[str, list[list[str]]]:
    """The stored provenance of each of ``ids``; a StoreError naming the first unknown id."""
    found: dict[str, list[list[str]]] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        query = sa.select(articles_table.c.id, articles_table.c.provenance).where(articles_table.c.id.in_(chunk))
        found.update({row.id: json.loads(row.provenance or "[]") for row in conn.execute(query)})
    missing = [i for i in ids if i not in found]
    if missing:
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise StoreError(f"no article {missing[0]}{more}")
    return found


def _redact(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


def _article_row(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "file": article.file,
        "title": article.title,
        "outlet": article.outlet,
        "date": article.date,
        "byline": article.byline,
        "credits": json.dumps(list(article.credits)),
        "url": article.url,
        "text": article.text,
        "provenance": json.dumps([list(p) for p in article.provenance]),
        "partial_date": json.dumps(article.partial_date) if article.partial_date else None,
        "language": article.language,
    }


def _row_article(row: Any) -> Article:
    date = row["date"]
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    partial = json.loads(row["partial_date"]) if row["partial_date"] else None
    return Article(
        id=row["id"],
        file=row["file"],
        text=row["text"],
        title=row["title"],
        outlet=row["outlet"],
        date=date,
        byline=row["byline"],
        credits=tuple(json.loads(row["credits"] or "[]")),
        url=row["url"],
        provenance=tuple(tuple(p) for p in json.loads(row["provenance"] or "[]")),  # type: ignore[misc]
        partial_date=tuple(partial) if partial else None,  # type: ignore[arg-type]
        language=row.get("language"),
    )
