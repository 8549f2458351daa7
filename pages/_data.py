"""The data behind every page, cached at the UI boundary: settings, the article store, the
session's corpus (the shared store plus this session's private uploads), another engine's
scores, and the tables restricted to the sidebar's filters."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from lib.corpus import load_seeds
from lib.errors import StancewatchError
from lib.ingest import resolve_partial_dates
from lib.overlay import Overlay, OverlayError, analyse, analyse_missing, from_yaml, overlay_version
from lib.sentiment import engine_label
from lib.store import DATABASE_URL_ENV, Store
from lib.tables import Tables, build_tables
from lib.timeseries import story_copies

# ---- settings and store ------------------------------------------------------------------


def secret(name: str, default: Any = None) -> Any:
    """A value from .streamlit/secrets.toml or the environment (STANCEWATCH_<NAME>)."""
    env = os.environ.get(f"STANCEWATCH_{name.upper()}")
    if env is not None:
        return env
    try:
        return st.secrets.get(name, default)
    except Exception:  # no secrets file at all
        return default


def read_only() -> bool:
    return str(secret("read_only", "false")).lower() in ("1", "true", "yes")


@st.cache_resource(show_spinner="Opening the article store…")
def get_store() -> Store:
    url = secret("database_url") or os.environ.get(DATABASE_URL_ENV)
    store = Store.open(url)
    store.ensure_seeds(load_seeds())
    return store


# ---- the corpus ----------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=8)
def _parsed_overlay(text: str) -> Overlay:
    return from_yaml(text, source="the stored dictionary edits")


def current_overlay() -> Overlay:
    """The corpus's dictionary edits (lib.overlay), read from the store on every run."""
    try:
        return _parsed_overlay(get_store().load_overlay())
    except OverlayError as exc:
        st.warning(f"The stored dictionary edits are ignored: {exc}. Fix or clear them on the Dictionary page.")
        return Overlay()


def analysis_version() -> str:
    """The analyzer version under the corpus's dictionary edits: what stored analyses are keyed by."""
    return overlay_version(current_overlay())


# The corpus's frames are built once per store state and shared, not copied, by every
# session and rerun (st.cache_resource: st.cache_data would pickle and unpickle them on each
# rerun, seconds at 10,000 articles). Pages treat them as read-only.
@st.cache_resource(show_spinner=False, max_entries=2)
def _shared_corpus(fingerprint: str, version: str) -> tuple[list[Any], Tables]:
    store = get_store()
    # Excluded articles stay in the store (restorable) but out of every chart.
    excluded = store.excluded_ids()
    articles = [a for a in resolve_partial_dates(store.articles()) if a.id not in excluded]
    # Normally nothing: the caller analysed what was missing, with progress.
    analyse_missing(store, current_overlay(), articles=articles)
    fixes = store.correction_ids()
    tables = _grown(articles, version, fixes) or build_tables(
        articles, store.iter_analyses([a.id for a in articles], version)
    )
    _LAST_BUILD[version] = (articles, tables, fixes)
    return articles, tables


_LAST_BUILD: dict[str, tuple[list[Any], Tables, dict[str, tuple[int, ...]]]] = {}


def _grown(articles: list[Any], version: str, fixes: dict[str, tuple[int, ...]]) -> Tables | None:
    """When the store only gained articles since the last build (an upload), or only some
    articles' corrections changed (lib.corrections), the last build's frames with those
    articles' rows made anew: an upload to a large corpus, or a correction, shows in about a
    second instead of a rebuild. None when anything else changed (an edit, a removal, a date
    resolved differently)."""
    last = _LAST_BUILD.get(version)
    if last is None:
        return None
    old_articles, old_tables, old_fixes = last
    old = {a.id: a for a in old_articles}
    new = [a for a in articles if a.id not in old]
    if len(articles) - len(new) != len(old) or any(old[a.id] != a for a in articles if a.id in old):
        return None
    refixed = {i for i in set(fixes) | set(old_fixes) if i in old and fixes.get(i) != old_fixes.get(i)}
    if not new and not refixed:
        return None
    redo = [a for a in articles if a.id in refixed] + new
    kept = old_tables.filter(article_ids=[a.id for a in old_articles if a.id not in refixed]) if refixed else old_tables
    grown = Tables.concat([kept, build_tables(redo, get_store().iter_analyses([a.id for a in redo], version))])
    return grown.in_order([a.id for a in articles]) if refixed else grown


@st.cache_data(show_spinner=False, max_entries=16)
def _private_tables(_articles: Sequence[Any], ids: tuple[str, ...], version: str) -> Tables:
    overlay = current_overlay()
    return build_tables(list(_articles), [analyse(a, overlay) for a in _articles])


def _analyse_missing_with_progress(store: Store) -> None:
    """Analyse what the store lacks, with a progress bar, before the cached build."""
    missing = store.missing_analyses(analysis_version())
    if not missing:
        return
    articles = store.articles(ids=missing)
    bar = st.progress(0.0, text=f"Analysing {len(articles)} article(s)…")
    analyse_missing(
        store,
        current_overlay(),
        articles=articles,
        progress=lambda done, total: bar.progress(done / total, text=f"Analysed {done}/{total}"),
    )
    bar.empty()


@dataclass(frozen=True)
class Corpus:
    articles: list[Any]
    tables: Tables
    private_ids: frozenset[str]
    # The store's state the tables were built from (Store.fingerprint: edits, corrections).
    fingerprint: str = ""


def corpus() -> Corpus:
    """The session's corpus: the shared store plus this session's private uploads."""
    try:
        store = get_store()
        _analyse_missing_with_progress(store)
        fingerprint = store.fingerprint()
        articles, tables = _shared_corpus(fingerprint, analysis_version())
    except StancewatchError as exc:
        st.error(
            f"The article store could not be read: {exc}. Check the database URL in the secrets, or remove it to use the local SQLite file."
        )
        st.stop()
    private = st.session_state.get("private_articles", [])
    if not private:
        return Corpus(articles, tables, frozenset(), fingerprint)
    private_tables = _private_tables(private, tuple(a.id for a in private), analysis_version())
    merged = Tables.concat([tables, private_tables])
    return Corpus([*articles, *private], merged, frozenset(a.id for a in private), fingerprint)


def article_texts() -> dict[str, str]:
    """Article id -> full text, kept per session (the cached frames hold no full text)."""
    data = st.session_state.get("_texts")
    articles = corpus().articles
    key = (len(articles), hash(tuple(a.id for a in articles)))  # a delete and an upload can keep the count
    if data is None or data[0] != key:
        data = (key, {a.id: a.text for a in articles})
        st.session_state["_texts"] = data
    return data[1]  # type: ignore[no-any-return]


@st.cache_data(show_spinner="Looking for names the dictionary lacks…", max_entries=4)
def _candidates(_articles: Sequence[Any], key: tuple[str, ...], version: str) -> list[tuple[str, int]]:
    from lib.actors import candidate_actors
    from lib.overlay import overlay_dictionary

    dictionary = overlay_dictionary(current_overlay())
    return candidate_actors((a.text for a in _articles), dictionary).most_common()


def candidates(data: Corpus) -> list[tuple[str, int]]:
    """Recurring names the dictionary (with the corpus's edits) lacks, cached per corpus
    and dictionary: it reads every text."""
    return _candidates(data.articles, tuple(a.id for a in data.articles), analysis_version())


# ---- engines and filters ---------------------------------------------------------------------

_SCORED: OrderedDict[tuple[str, str], Tables] = OrderedDict()
_SCORED_LOCK = threading.Lock()


def with_engine(tables: Tables, key: str, engine: str) -> Tables:
    """The corpus's tables with ``engine``'s scores. The requested engine's come with the
    analysis; another is scored once per corpus and engine, with a progress bar, and kept
    for every session (the last few corpora)."""
    if engine in tables.engines():
        return tables
    with _SCORED_LOCK:
        if (key, engine) in _SCORED:
            _SCORED.move_to_end((key, engine))
            return _SCORED[(key, engine)]
        label = engine_label(engine)
        bar = st.progress(0.0, text=f"Scoring {len(tables.sentences):,} sentences with {label}…")
        scored = tables.with_engine(
            engine,
            progress=lambda done, total: bar.progress(done / total, text=f"{label}: {done:,}/{total:,} sentences"),
        )
        bar.empty()
        _SCORED[(key, engine)] = scored
        while len(_SCORED) > 4:
            _SCORED.popitem(last=False)
        return scored


@st.cache_resource(show_spinner=False, max_entries=8)
def filtered(
    _tables: Tables,
    key: str,
    outlets: tuple[str, ...],
    actors: tuple[str, ...],
    dates: Any,
    undated: bool = True,
    once: bool = False,
) -> Tables:
    """The tables restricted to the sidebar's filters; ``undated=False`` drops the articles
    with no known date (else they are kept under any date range); ``once`` ("count each story
    once") drops the near-duplicates found at upload of another article still kept."""
    ids: set[str] | None = None
    if actors:
        ids = set(_tables.mentions.loc[_tables.mentions["actor"].isin(actors), "article_id"].unique())
    if not undated:
        dated = set(_tables.articles.loc[_tables.articles["date"].notna(), "article_id"])
        ids = dated if ids is None else ids & dated
    kept = _tables.filter(
        outlets=list(outlets) or None, article_ids=None if ids is None else list(ids), date_range=dates
    )
    if not once:
        return kept
    copies = story_copies(kept.articles["article_id"], near_duplicate_links())
    return kept.filter(article_ids=list(set(kept.articles["article_id"]) - copies)) if copies else kept


def near_duplicate_links() -> dict[str, str]:
    """Stored article -> the article it is a near-duplicate of (found at upload, lib.neardup)."""
    store = get_store()
    return _near_links(store.fingerprint())


@st.cache_data(show_spinner=False, max_entries=4)
def _near_links(fingerprint: str) -> dict[str, str]:
    return get_store().near_duplicates()


def corpus_key(data: Corpus) -> str:
    """What the filtered tables depend on besides the filters (cache key)."""
    articles = data.tables.articles
    return (
        f"{analysis_version()}:{data.fingerprint}:{len(data.articles)}:{len(data.tables.sentences)}:{hash(tuple(sorted(a.id for a in data.articles)))}:"
        f"{articles['outlet'].tolist()}:{articles['date'].tolist()}"
    )
