"""The data behind every page, cached at the UI boundary: settings, the article store, the
session's corpus (the shared store plus this session's private uploads), another engine's
scores, and the tables restricted to the sidebar's filters."""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
import streamlit.emojis  # compiled at start: else the first page showing an alert pays ~0.2 s
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from lib import search, timeseries
from lib import tables as frames
from lib import views as frame_views
from lib.analysis import default_workers
from lib.analytics import Analytics, over_time, queries
from lib.analytics import Filters as LayerFilters
from lib.analytics import views as layer_views
from lib.corpus import load_seeds
from lib.errors import StancewatchError, StoreError
from lib.figures import DEFAULT_WINDOW_DAYS
from lib.ingest import resolve_partial_dates
from lib.overlay import Overlay, OverlayError, analyse, analyse_missing, from_yaml, overlay_version
from lib.sentiment import DEFAULT_ENGINE, engine_label
from lib.stance import load_stance_lexicon
from lib.store import DATA_DIR_ENV, DATABASE_URL_ENV, DEFAULT_DATA_DIR, Store, StoreState
from lib.tables import Tables, build_tables
from lib.timeseries import story_copies
from lib.views import Choices

_LOG = logging.getLogger(__name__)

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
    seeds = load_seeds()
    present = {a.id for a in store.articles(ids=[s.id for s in seeds])}
    # Adding checks each text against every stored one for near-duplicates: only the missing seeds.
    if len(present) < len(seeds):
        store.ensure_seeds([s for s in seeds if s.id not in present])
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


def _analyse_missing_with_progress(store: Store, state: StoreState) -> None:
    """Analyse what the store lacks, with a progress bar, before the cached build. When the
    layer was last made current with a state at this version where nothing was missing, only
    the articles added or edited since (``Store.touched_since``: an upload) are looked at."""
    version = analysis_version()
    held = _open_layer() if layer_enabled() else None
    before = held.state if held is not None else None
    touched = None
    if before is not None and before.version == version and before.analysed == before.articles:
        touched = store.touched_since(before, state)
    missing = store.missing_analyses(version, ids=touched) if touched is not None else store.missing_analyses(version)
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
    """The session's corpus. With the analytic layer on (``analytics``: the layer, current
    with the store at ``layer_key``), every page draws from it and the frames are never
    built; else (the layer switched off or not opened, or this session's private uploads)
    ``articles`` and ``tables`` are the shared store's (built once per store state and
    shared) plus the private uploads'."""

    private: tuple[Any, ...]  # this session's private uploads (read-only mode)
    private_ids: frozenset[str]
    # The store's state the tables were built from (Store.fingerprint: edits, corrections).
    fingerprint: str = ""
    version: str = ""
    analytics: Analytics | None = None
    layer_key: str = ""

    @cached_property
    def _frames(self) -> tuple[list[Any], Tables]:
        articles, tables = _shared_corpus(self.fingerprint, self.version)
        if not self.private:
            return articles, tables
        private_tables = _private_tables(self.private, tuple(a.id for a in self.private), self.version)
        return [*articles, *self.private], Tables.concat([tables, private_tables])

    @property
    def articles(self) -> list[Any]:
        """Every article with its text (the frames' path only: it reads the whole store)."""
        return self._frames[0]

    @property
    def tables(self) -> Tables:
        """The corpus's frames (the frames' path only: building them reads every analysis)."""
        return self._frames[1]

    def count(self) -> int:
        return self.analytics.count() if self.analytics is not None else len(self.articles)

    def ids(self) -> set[str]:
        """Every article id (what an upload to this session is checked against)."""
        return (
            self.analytics.ids() | set(self.private_ids)
            if self.analytics is not None
            else {a.id for a in self.articles}
        )

    def article(self, article_id: str) -> Any:
        """One article with its text: a private upload, else the store's, by id."""
        for article in self.private:
            if article.id == article_id:
                return article
        if self.analytics is None:
            return next(a for a in self.articles if a.id == article_id)
        found = get_store().articles(ids=[article_id])
        if not found:
            raise StoreError(f"article {article_id} is no longer in the store")
        return found[0]

    def texts(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Article id -> full text, read by id (a drill-down shows a few)."""
        wanted = set(article_ids)
        out = {a.id: a.text for a in self.private if a.id in wanted}
        rest = [i for i in dict.fromkeys(article_ids) if i not in out]
        if rest:
            out |= {a.id: a.text for a in get_store().articles(ids=rest)}
        return out


def corpus() -> Corpus:
    """The session's corpus: the shared store plus this session's private uploads; the
    analytic layer made current with the store when it draws the pages."""
    private = tuple(st.session_state.get("private_articles", []))
    try:
        store = get_store()
        version = analysis_version()
        state = store.state(version)
        # An analysis per article at this version (analyses go with their article): none is
        # missing, so the store is not asked which (most runs); else they are made first.
        if state.analysed != state.articles:
            _analyse_missing_with_progress(store, state)
            state = store.state(version)
        fingerprint = state.fingerprint
        held = _current_layer(store, version, state) if layer_enabled() and not private else None
        if held is not None:
            return Corpus((), frozenset(), fingerprint, version, held.analytics, held.key)
        data = Corpus(private, frozenset(a.id for a in private), fingerprint, version)
        data.tables  # noqa: B018 -- built here, inside the error handling
    except StancewatchError as exc:
        st.error(
            f"The article store could not be read: {exc}. Check the database URL in the secrets, or remove it to use the local SQLite file."
        )
        st.stop()
    return data


def article_texts(article_ids: Sequence[str]) -> dict[str, str]:
    """Article id -> full text of these articles, read by id (the cached frames and the
    layer hold no full text)."""
    return corpus().texts(article_ids)


@st.cache_data(show_spinner="Looking for names the dictionary lacks…", max_entries=4)
def _candidates(_articles: Sequence[Any], key: tuple[str, ...], version: str) -> list[tuple[str, int]]:
    from lib.actors import candidate_actors
    from lib.overlay import overlay_dictionary

    dictionary = overlay_dictionary(current_overlay())
    return candidate_actors((a.text for a in _articles), dictionary).most_common()


def candidates(data: Corpus) -> list[tuple[str, int]]:
    """Recurring names the dictionary (with the corpus's edits) lacks, cached per corpus
    and dictionary: it reads every text (from the store, when the layer draws the pages)."""
    if data.analytics is not None:
        return _stored_candidates(data.layer_key, analysis_version())
    return _candidates(data.articles, tuple(a.id for a in data.articles), analysis_version())


@st.cache_data(show_spinner="Looking for names the dictionary lacks…", max_entries=4)
def _stored_candidates(key: str, version: str) -> list[tuple[str, int]]:
    from lib.actors import candidate_actors
    from lib.overlay import overlay_dictionary

    store = get_store()
    excluded = store.excluded_ids()
    texts = (a.text for a in store.articles() if a.id not in excluded)
    return candidate_actors(texts, overlay_dictionary(current_overlay())).most_common()


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
    """Article -> the article it is a near-duplicate of (found at upload, lib.neardup): the
    stored ones, and this session's private uploads (read-only mode)."""
    store = get_store()
    private: dict[str, str] = st.session_state.get("private_near", {})
    stored = _near_links(store.fingerprint())
    return {**stored, **private} if private else stored


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


# ---- the analytic layer (lib.analytics): the summaries as SQL ---------------------------------

LAYER_SWITCH = "analytics"  # secret / STANCEWATCH_ANALYTICS: "off" draws the summaries from the frames
LAYER_FILE = "stancewatch.duckdb"


def layer_enabled() -> bool:
    return str(secret(LAYER_SWITCH, "on")).lower() not in ("0", "off", "false", "no")


def _layer_path(store: Store) -> Path | None:
    """Where the process's layer lives: a DuckDB file beside the SQLite store (same folder,
    ``stancewatch.duckdb``), or for PostgreSQL in the data folder, named after the database;
    None (in memory) for a store that does not persist or a folder that cannot be written."""
    if not store.persistent or store.url in ("sqlite://", "sqlite:///:memory:"):
        return None
    if store.url.startswith("sqlite:///"):
        return Path(store.url.removeprefix("sqlite:///")).with_name(LAYER_FILE)
    folder = Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)
    digest = hashlib.sha1(store.url.encode(), usedforsecurity=False).hexdigest()[:12]
    if not os.access(folder, os.W_OK):
        return None
    return folder / f"stancewatch-{digest}.duckdb"


@dataclass
class _Layer:
    analytics: Analytics
    key: str = ""  # the store state the layer was last made current with
    state: StoreState | None = None  # that state's parts (Store.state)
    scored: dict[str, str] = field(default_factory=dict)  # engine -> the key it was scored at
    # The last refresh when it touched named articles only (an upload, an edit): (the key before,
    # the key after, the measures those articles cite before and after). Per-measure summaries
    # made at the key before are then patched, not made again (``View.get``).
    transition: tuple[str, str, frozenset[str]] | None = None
    # Per-measure summaries by (name, filters, arguments): (the key they were made at, the result).
    per_measure: OrderedDict[tuple[Any, ...], tuple[str, pd.DataFrame]] = field(default_factory=OrderedDict)


@st.cache_resource(show_spinner=False)
def _open_layer() -> _Layer | None:
    """One analytic layer per server process, shared by every session (a cursor per thread).
    None when its file is held by another process (DuckDB lets one process write a file):
    the pages then draw from the frames."""
    store = get_store()
    path = _layer_path(store)
    # The stance lexicon pools every speaker's weights: loaded with the layer, not on the first Stance page.
    load_stance_lexicon()
    try:
        return _Layer(Analytics(path))
    except StancewatchError as exc:
        _LOG.warning("analytic layer not opened, the pages use the frames: %s", exc)
        return None


_LAYER_LOCK = threading.Lock()


def _current_layer(store: Store, version: str, state: StoreState) -> _Layer | None:
    """The process's analytic layer, made current with the store at ``state``
    (``Store.state`` at ``version``); None when it could not be opened (the pages then draw
    from the frames).

    Kept current cheaply: when the store's state (``Store.fingerprint``, the analysis version
    and the count of analyses at it) differs from the one the layer was last refreshed at,
    ``Analytics.refresh`` compares the store's per-article revisions with its own and redoes
    only what changed (uploads, edits, exclusions, deletions and their undo, corrections,
    re-analyses); otherwise nothing is read. When only articles were added or edited since
    (``Store.touched_since``: an upload), only those articles' revisions are read, and the
    whole comparison is made only if the count of analyses says something else changed too.
    An upload is one article appended: the frames are never built."""
    held = _open_layer()
    if held is None:
        return None
    key = f"{version}:{state.fingerprint}:{state.analysed}"
    with _LAYER_LOCK:
        if held.key != key:
            bars: list[Any] = []

            def shown(done: int, total: int) -> None:
                # A bar only for a large refresh (a first fill, an analyzer upgrade): an upload is one article.
                if total >= 100:
                    if not bars:
                        bars.append(st.progress(0.0))
                    bars[0].progress(done / total, text=f"Analytic layer: {done:,}/{total:,} articles")

            before = held.state
            touched = store.touched_since(before, state) if before is not None and held.key else None
            cited: set[str] = set()
            if before is not None and touched is not None:
                cited = held.analytics.measures_of(touched)
                guessed = held.analytics.partial_dates()
                done = held.analytics.refresh(store, version, workers=default_workers(), progress=shown, only=touched)
                # The articles touched, and those whose year-less date the refresh resolved anew.
                now = held.analytics.partial_dates()
                moved = [i for i in set(guessed) | set(now) if guessed.get(i) != now.get(i)]
                cited |= held.analytics.measures_of([*touched, *moved])
                if done.added != state.analysed - before.analysed:  # an article analysed that was not touched
                    touched = None
            held.transition = (held.key, key, frozenset(cited)) if touched is not None and held.key else None
            if touched is None:
                # Worker processes only when more than one batch of articles is to be made again.
                held.analytics.refresh(store, version, workers=default_workers(), progress=shown)
            for bar in bars:
                bar.empty()
            if held.key:
                # Every result and chart is keyed by the layer's key: those of the old one are
                # never asked for again, so their memory is given back now, not when evicted.
                _layer_result.clear()
                _figure.clear()
            held.key = key
            held.state = state
    return held


def layer(data: Corpus, engine: str) -> Analytics | None:
    """The layer that draws this session's pages (``Corpus.analytics``), scored with
    ``engine``; None when the pages draw from the frames: the layer is switched off
    (``analytics``), could not be opened, or this session's corpus holds private uploads
    (read-only mode: they are not in the store, so not in the layer)."""
    if data.analytics is None:
        return None
    held = _open_layer()
    if engine != DEFAULT_ENGINE and held is not None:
        with _LAYER_LOCK:
            if held.scored.get(engine) != held.key:
                _score_layer(held.analytics, engine)
                held.scored[engine] = held.key
    return data.analytics


def _score_layer(analytics: Analytics, engine: str) -> None:
    """Score ``engine`` on the layer's sentences not yet scored with it, with a progress bar."""
    from lib.ingest import engine_reads
    from lib.sentiment import get_engine

    scorer = get_engine(engine)
    label = engine_label(engine)
    bar = st.progress(0.0, text=f"Scoring the analytic layer with {label}…")
    analytics.score_engine(
        engine,
        scorer.score,
        skip=lambda language: not engine_reads(language),
        progress=lambda done, total: bar.progress(done / total, text=f"{label}: {done:,}/{total:,} articles"),
    )
    bar.empty()


# What a page draws, by name: (the SQL over the layer, keyed by the filters; the pandas
# namesake over the filtered frames). Each pair is tested to agree (tests/analytics).
_SUMMARIES: dict[str, tuple[Callable[..., Any], Callable[..., Any]]] = {
    "outlet_tone": (queries.outlet_tone, frames.outlet_tone),
    "actor_summary": (queries.actor_summary, frames.actor_summary),
    "share_of_voice": (queries.share_of_voice, frames.share_of_voice),
    "speaker_stance": (queries.speaker_stance, frames.speaker_stance),
    "target_matrix": (queries.target_matrix, frames.target_matrix),
    "measures": (queries.measures, frames.measures),
    "outlet_values": (queries.outlet_values, frames.outlet_values),
    "measure_summary": (queries.measure_summary, frames.measure_summary),
    "co_mentions": (queries.co_mentions, frames.co_mentions),
    "articles": (layer_views.articles, frame_views.articles),
    "counts": (layer_views.counts, frame_views.counts),
    "article_tone": (layer_views.article_tone, frame_views.article_tone),
    "daily_tone": (layer_views.daily_tone, frame_views.daily_tone),
    "open_actors": (layer_views.open_actors, frame_views.open_actors),
    "speakers": (layer_views.speakers, frame_views.speakers),
    "outlet_names": (layer_views.outlet_names, frame_views.outlet_names),
    "mention_rows": (layer_views.mention_rows, frame_views.mention_rows),
    "sentence_rows": (layer_views.sentence_rows, frame_views.sentence_rows),
    "statements": (layer_views.statements, frame_views.statements),
    "figures": (layer_views.figures, frame_views.figures),
    "sentences": (layer_views.sentences, frame_views.sentences),
    "mentions": (layer_views.mentions, frame_views.mentions),
    "evidence": (layer_views.evidence, frame_views.evidence),
    "article_list": (layer_views.article_list, search.article_list),
    "search": (layer_views.search, search.search),
    "series": (over_time.series, timeseries.series),
    "rows_behind": (over_time.rows_behind, timeseries.rows_behind),
    "compare": (over_time.compare, timeseries.compare),
    "compare_rows": (over_time.compare_rows, timeseries.compare_rows),
}
# By id, not by the filters (the details of what a drill-down shows): (SQL, pandas).
_BY_ID: dict[str, tuple[Callable[..., Any], Callable[..., Any]]] = {
    "articles_at": (layer_views.articles_at, frame_views.articles_at),
    "sentences_at": (layer_views.sentences_at, frame_views.sentences_at),
    "mentions_at": (layer_views.mentions_at, frame_views.mentions_at),
    "corrections": (layer_views.corrections, frame_views.corrections),
    "evidence_of": (layer_views.evidence_of, frame_views.evidence_of),
}


# Summaries with a block of rows per measure, and the order of their rows: after a refresh that
# touched named articles only, their rows for the measures those articles cite are queried again
# and the rest kept (``_per_measure``): an upload to 100,000 articles re-reads one measure or two.
_PER_MEASURE: dict[str, tuple[list[str], list[bool]]] = {
    "outlet_values": (["articles", "measure", "outlet"], [False, True, True]),
    "measure_summary": (["disagree", "articles", "measure"], [False, False, True]),
}
_PER_MEASURE_LOCK = threading.Lock()
_PER_MEASURE_KEPT = 32  # summaries kept (filters x arguments)


def _per_measure(
    analytics: Analytics, key: str, name: str, filters: LayerFilters, args: tuple[Any, ...], kwargs: tuple[Any, ...]
) -> pd.DataFrame:
    """A per-measure summary (``_PER_MEASURE``) at the layer's ``key``: kept from before, patched
    when the layer's last refresh touched named articles only (the rows of the measures they
    cite queried again, the others kept, the rows put in the summary's order), else made."""
    held = _open_layer()
    query = _SUMMARIES[name][0]
    if held is None:
        return query(analytics, filters, *args, **dict(kwargs))  # type: ignore[no-any-return]
    entry = (name, filters, args, kwargs)
    with _PER_MEASURE_LOCK:
        stored = held.per_measure.get(entry)
        transition = held.transition
    if stored is not None and stored[0] == key:
        return stored[1]
    if stored is not None and transition is not None and transition[:2] == (stored[0], key):
        changed = transition[2]
        old = stored[1]
        fresh = query(analytics, filters, *args, **dict(kwargs), measures=sorted(changed)) if changed else old[:0]
        by, ascending = _PER_MEASURE[name]
        kept = old[~old["measure"].isin(changed)]
        frame = pd.concat([kept, fresh]) if len(fresh) else kept
        frame = frame.sort_values(by, ascending=ascending, kind="stable").reset_index(drop=True)
    else:
        frame = query(analytics, filters, *args, **dict(kwargs))
    with _PER_MEASURE_LOCK:
        held.per_measure[entry] = (key, frame)
        held.per_measure.move_to_end(entry)
        while len(held.per_measure) > _PER_MEASURE_KEPT:
            held.per_measure.popitem(last=False)
    return frame


# Threads for ``View.prefetch`` (DuckDB parallelises each query too: more would only contend).
_PREFETCH_THREADS = 2


@st.cache_resource(show_spinner=False, max_entries=256)
def _layer_result(
    _analytics: Analytics, key: str, name: str, filters: LayerFilters, args: tuple[Any, ...], kwargs: tuple[Any, ...]
) -> Any:
    """One query's result, shared by every session and rerun with the same store state and
    filters (``key``: the layer's refresh key). Callers must not modify it in place."""
    return _SUMMARIES[name][0](_analytics, filters, *args, **dict(kwargs))


@st.cache_resource(show_spinner=False, max_entries=64)
def _figure(
    _builder: Callable[..., Any],
    builder: str,
    _analytics: Analytics,
    key: str,
    filters: LayerFilters,
    of: tuple[tuple[str, tuple[Any, ...], tuple[Any, ...]], ...],
    args: tuple[Any, ...],
    kwargs: tuple[Any, ...],
) -> Any:
    """One chart of layer views, shared (``View.chart``); ``builder`` names ``_builder``."""
    views = [
        _layer_result(_analytics, key, name, filters, view_args, view_kwargs) for name, view_args, view_kwargs in of
    ]
    return _builder(*views, *args, **dict(kwargs))


@dataclass(frozen=True)
class View:
    """What the pages draw under the sidebar's filters. From the analytic layer (one SQL
    query each, keyed by the filters, shared by every session) when ``analytics`` is set;
    else from the filtered frames (``tables``: the pandas namesakes in ``lib.tables``,
    ``lib.views``, ``lib.search``, ``lib.timeseries``): the layer switched off or not
    opened, or a corpus with this session's private uploads. ``folded``: the near-duplicate
    copies "count each story once" folded."""

    tables: Tables | None = None  # the filtered frames (the fallback)
    analytics: Analytics | None = None
    filters: LayerFilters | None = None
    key: str = ""
    folded: int = 0
    data: Corpus | None = field(default=None, compare=False)  # the session's corpus (texts read by id)

    @property
    def source(self) -> str:
        return "analytic layer" if self.analytics is not None else "frames"

    def get(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """The view ``name`` (a key of ``_SUMMARIES``) with these arguments."""
        if self.analytics is None or self.filters is None:
            assert self.tables is not None
            return _SUMMARIES[name][1](self.tables, *args, **kwargs)
        if name in _PER_MEASURE:
            return _per_measure(self.analytics, self.key, name, self.filters, args, tuple(sorted(kwargs.items())))
        return _layer_result(self.analytics, self.key, name, self.filters, args, tuple(sorted(kwargs.items())))

    def prefetch(self, specs: Sequence[tuple[str, tuple[Any, ...], dict[str, Any]]]) -> None:
        """Run these views' queries (name, arguments, keyword arguments) at once, in threads,
        into the shared results that ``get`` reads: DuckDB runs each on its own cursor and
        lets go of the GIL, so on two cores a page's independent queries take about half
        as long (the Overview after an upload at 100,000 articles). Nothing is done for the
        frames (pandas holds the GIL), nor for a single query."""
        if self.analytics is None or self.filters is None or len(specs) < 2:
            return
        analytics, key, filters = self.analytics, self.key, self.filters

        def run(spec: tuple[str, tuple[Any, ...], dict[str, Any]]) -> None:
            name, args, kwargs = spec
            read = _per_measure if name in _PER_MEASURE else _layer_result
            read(analytics, key, name, filters, args, tuple(sorted(kwargs.items())))

        context = get_script_run_ctx()  # the session's, so that the threads are Streamlit's own

        def attach() -> None:
            add_script_run_ctx(threading.current_thread(), context)

        with ThreadPoolExecutor(max_workers=_PREFETCH_THREADS, initializer=attach) as pool:
            for future in [pool.submit(run, spec) for spec in specs]:
                future.result()  # a failed query fails here, as it would in ``get``

    def by_id(self, name: str, *args: Any) -> Any:
        """The details ``name`` (a key of ``_BY_ID``) of what a drill-down shows."""
        if self.analytics is None:
            assert self.tables is not None
            return _BY_ID[name][1](self.tables, *args)
        return _BY_ID[name][0](self.analytics, *args)

    def of_article(self, article_id: str) -> View:
        """The same view restricted to one article (the Reader)."""
        if self.analytics is None:
            assert self.tables is not None
            return replace(self, tables=self.tables.filter(article_ids=[article_id]))
        return replace(self, filters=LayerFilters(article_ids=(article_id,)))

    def chart(
        self,
        builder: Callable[..., Any],
        of: tuple[str, tuple[Any, ...], dict[str, Any]] | list[tuple[str, tuple[Any, ...], dict[str, Any]]],
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        """``builder(the view "of" names, *args, **kwargs)``: a chart of one view (``of``:
        its name, arguments and keyword arguments), or of several (a list of them: the
        builder gets each in turn). From the layer, the figure is shared by every session
        with the same store state, filters and settings (building a chart of a large corpus
        can take longer than its query); callers must not modify it."""
        specs = of if isinstance(of, list) else [of]
        if self.analytics is None or self.filters is None:
            return builder(*[self.get(name, *a, **k) for name, a, k in specs], *args, **kwargs)
        return _figure(
            builder, f"{builder.__module__}.{builder.__qualname__}", self.analytics, self.key, self.filters,
            tuple((name, a, tuple(sorted(k.items()))) for name, a, k in specs), args, tuple(sorted(kwargs.items())),
        )  # fmt: skip

    def frames(self) -> Tables:
        """The view as frames: a download of the whole analysis (made when clicked)."""
        if self.analytics is None or self.filters is None:
            assert self.tables is not None
            return self.tables
        return layer_views.tables(self.analytics, self.filters)

    def count(self) -> int:
        return int(self.get("counts")["articles"].iloc[0])

    def articles(self) -> pd.DataFrame:
        return self.get("articles")  # type: ignore[no-any-return]

    def outlet_tone(self, engine: str) -> pd.DataFrame:
        return self.get("outlet_tone", engine)  # type: ignore[no-any-return]

    def actor_summary(self, engine: str, *, rollup: bool = False) -> pd.DataFrame:
        return self.get("actor_summary", engine, rollup=rollup)  # type: ignore[no-any-return]

    def share_of_voice(self, *, rollup: bool = False) -> pd.DataFrame:
        return self.get("share_of_voice", rollup=rollup)  # type: ignore[no-any-return]

    def speaker_stance(self, *, rollup: bool = False) -> pd.DataFrame:
        return self.get("speaker_stance", rollup=rollup)  # type: ignore[no-any-return]

    def target_matrix(self, *, rollup: bool = False) -> pd.DataFrame:
        return self.get("target_matrix", rollup=rollup)  # type: ignore[no-any-return]

    def measures(self, *, window_days: int | None = DEFAULT_WINDOW_DAYS) -> pd.DataFrame:
        return self.get("measures", window_days=window_days)  # type: ignore[no-any-return]

    def co_mentions(self, *, rollup: bool = False) -> pd.DataFrame:
        return self.get("co_mentions", rollup=rollup)  # type: ignore[no-any-return]


Summaries = View  # the name the pages used when only the summaries came from the layer


def choices(data: Corpus) -> Choices:
    """The sidebar's choices over the whole corpus (from the layer, or the frames)."""
    if data.analytics is not None:
        return _layer_choices(data.analytics, data.layer_key)
    return frame_views.choices(data.tables)


@st.cache_resource(show_spinner=False, max_entries=4)
def _layer_choices(_analytics: Analytics, key: str) -> Choices:
    return layer_views.choices(_analytics)


def names(data: Corpus) -> list[str]:
    """Every actor mentioned and speaker quoted in the corpus (the correction panel's choices)."""
    if data.analytics is not None:
        return _layer_names(data.analytics, data.layer_key)
    return frame_views.names(data.tables)


@st.cache_resource(show_spinner=False, max_entries=4)
def _layer_names(_analytics: Analytics, key: str) -> list[str]:
    return layer_views.names(_analytics)


def view(data: Corpus, filters: Any) -> View:
    """The view (``View``) under the sidebar's ``filters`` (``pages._filters.Filters``:
    outlets, actors, dates, undated, once, engine): from the layer with them as
    ``lib.analytics.Filters``, "count each story once" folding the near-duplicates the
    layer's selection keeps into the first copy kept (``lib.timeseries.story_copies``, as
    ``filtered``), passed to the queries as the article ids they keep; else the filtered
    frames."""
    outlets, actors, dates, undated = filters.outlets, filters.actors, filters.dates, filters.undated
    once, engine = filters.once, filters.engine
    analytics = layer(data, engine)
    if analytics is None:
        key = corpus_key(data)
        tables = filtered(with_engine(data.tables, key, engine), f"{key}:{engine}", outlets, actors, dates,
                          undated, once)  # fmt: skip
        folded = 0
        if once:
            every = filtered(data.tables, key, outlets, actors, dates, undated)
            folded = len(every.articles) - len(tables.articles)
        return View(tables, folded=folded, data=data)
    chosen = LayerFilters(
        outlets=tuple(outlets),
        actors=tuple(actors),
        date_range=None if dates is None else (dates[0], dates[1]),
        undated=undated,
    )
    folded = 0
    if once:
        selection, params = chosen.selection()
        kept = analytics.frame(f"WITH {selection} SELECT article_id FROM sel", params)["article_id"].tolist()
        copies = story_copies(kept, near_duplicate_links())
        if copies:
            chosen = LayerFilters(article_ids=tuple(sorted(set(kept) - copies)))
            folded = len(copies)
    return View(None, analytics, chosen, data.layer_key, folded, data)


def summaries(data: Corpus, filters: Any, tables: Tables | None = None) -> View:
    """The view's summaries (``view``); ``tables`` is ignored (the frames are the view's own)."""
    return view(data, filters)
