"""UI glue shared by the pages: the store and caches (the UI boundary), the sidebar
filters bound to the URL, drill-down lists and downloads. Engine logic stays in lib/."""

from __future__ import annotations

import datetime as dt
import hmac
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from lib.analysis import analyzer_version
from lib.corpus import FileOutcome, ingest_files, load_seeds, store_analyses
from lib.errors import StancewatchError
from lib.export import to_csv_bytes, zip_tables
from lib.formats import SUPPORTED
from lib.highlight import Mark, snippet
from lib.ingest import resolve_partial_dates
from lib.sentiment import engine_label, engine_names
from lib.store import DATABASE_URL_ENV, Store
from lib.tables import Tables, build_tables

PAGES: dict[str, Any] = {}  # filled by dashboard.py: name -> st.Page
FILTER_KEYS = ("outlet", "actor", "dates", "engine", "rollup")


# ---- navigation ----------------------------------------------------------------------------


def ensure_navigation() -> None:
    """Run pages through dashboard.py's st.navigation, even on a deep link.

    Because a ``pages/`` folder sits beside dashboard.py, Streamlit starts each process in
    its v1 multipage mode and leaves it only once dashboard.py has run. A shared link to
    /figures as a fresh server's first request would run the page bare (no page config,
    no navigation). Leave v1 mode and rerun: the rerun goes through dashboard.py and lands
    on the same page (its script hash is the same). (AppTest resets this flag before every
    run; the tests drive the app through an entry script with no pages/ beside it.)"""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


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


# The corpus's frames are built once per store state and shared, not copied, by every
# session and rerun (st.cache_resource: st.cache_data would pickle and unpickle them on each
# rerun, seconds at 10,000 articles). Pages treat them as read-only.
@st.cache_resource(show_spinner=False, max_entries=2)
def _shared_corpus(fingerprint: str, version: str) -> tuple[list[Any], Tables]:
    store = get_store()
    articles = resolve_partial_dates(store.articles())
    store_analyses(store, articles)  # normally nothing: the caller analysed what was missing, with progress
    tables = _grown(articles, version) or build_tables(articles, store.iter_analyses([a.id for a in articles], version))
    _LAST_BUILD[version] = (articles, tables)
    return articles, tables


_LAST_BUILD: dict[str, tuple[list[Any], Tables]] = {}


def _grown(articles: list[Any], version: str) -> Tables | None:
    """When the store only gained articles since the last build (an upload), the last
    build's frames plus frames for the new articles: an upload to a large corpus shows in
    about a second instead of a rebuild. None when anything else changed (an edit, a
    removal, a date resolved differently)."""
    last = _LAST_BUILD.get(version)
    if last is None:
        return None
    old_articles, old_tables = last
    old = {a.id: a for a in old_articles}
    new = [a for a in articles if a.id not in old]
    if not new or len(articles) - len(new) != len(old) or any(old[a.id] != a for a in articles if a.id in old):
        return None
    return Tables.concat([old_tables, build_tables(new, get_store().iter_analyses([a.id for a in new], version))])


@st.cache_data(show_spinner=False, max_entries=16)
def _private_tables(_articles: Sequence[Any], ids: tuple[str, ...], version: str) -> Tables:
    from lib.analysis import analyze_articles

    return build_tables(list(_articles), analyze_articles(list(_articles)))


def _analyse_missing_with_progress(store: Store) -> None:
    """Analyse what the store lacks, with a progress bar, before the cached build."""
    missing = store.missing_analyses(analyzer_version())
    if not missing:
        return
    articles = store.articles(ids=missing)
    bar = st.progress(0.0, text=f"Analysing {len(articles)} article(s)…")
    store_analyses(
        store, articles, progress=lambda done, total: bar.progress(done / total, text=f"Analysed {done}/{total}")
    )
    bar.empty()


@dataclass(frozen=True)
class Corpus:
    articles: list[Any]
    tables: Tables
    private_ids: frozenset[str]


def corpus() -> Corpus:
    """The session's corpus: the shared store plus this session's private uploads."""
    try:
        store = get_store()
        _analyse_missing_with_progress(store)
        articles, tables = _shared_corpus(store.fingerprint(), analyzer_version())
    except StancewatchError as exc:
        st.error(
            f"The article store could not be read: {exc}. Check the database URL in the secrets, or remove it to use the local SQLite file."
        )
        st.stop()
    private = st.session_state.get("private_articles", [])
    if not private:
        return Corpus(articles, tables, frozenset())
    private_tables = _private_tables(private, tuple(a.id for a in private), analyzer_version())
    merged = Tables.concat([tables, private_tables])
    return Corpus([*articles, *private], merged, frozenset(a.id for a in private))


@st.cache_data(show_spinner="Looking for names the dictionary lacks…", max_entries=4)
def _candidates(_articles: Sequence[Any], key: tuple[str, ...]) -> list[tuple[str, int]]:
    from lib.analysis import find_candidates

    return find_candidates(_articles)


def candidates(data: Corpus) -> list[tuple[str, int]]:
    """Recurring names the dictionary lacks (cached per corpus: it reads every text)."""
    return _candidates(data.articles, tuple(a.id for a in data.articles))


# ---- sidebar ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    outlets: tuple[str, ...]
    actors: tuple[str, ...]
    dates: tuple[dt.date, dt.date] | None
    engine: str
    rollup: bool

    @property
    def engine_label(self) -> str:
        return engine_label(self.engine)


def _parse(key: str, kind: str) -> Any:
    values = st.query_params.get_all(key)
    if kind == "list":
        return [v for v in values if v]
    value = values[-1] if values else ""
    if kind == "bool":
        return value.lower() in ("1", "true", "yes")
    if kind == "dates":
        try:
            days = [dt.date.fromisoformat(v) for v in values[:2]]
        except ValueError:
            return None
        return tuple(days) if len(days) == 2 else None
    return value or None


def _serialise(value: Any, kind: str) -> str | list[str]:
    if kind == "list":
        return [str(v) for v in value]
    if kind == "bool":
        return "true" if value else "false"
    if kind == "dates":
        return [d.isoformat() for d in value]
    return str(value)


def _url_state(key: str, kind: str) -> None:
    """Before the widget ``f_<key>`` is drawn: take the URL's value when the URL changed
    from outside (a shared link, an edited address), else keep the session's value across
    pages (the sidebar's page links drop the query string)."""
    widget = f"f_{key}"
    written = st.session_state.setdefault("_written", {})
    saved = st.session_state.setdefault("_filters", {})
    if key in st.query_params:
        value = _parse(key, kind)
        if value != written.get(key) and value is not None:
            st.session_state[widget] = value
            return
    if widget not in st.session_state and key in saved:
        st.session_state[widget] = saved[key]


def _write_url(key: str, kind: str, default: Any) -> None:
    value = st.session_state.get(f"f_{key}")
    st.session_state["_filters"][key] = value
    st.session_state["_written"][key] = value
    if value is None or value == default or (kind == "list" and not value):
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = _serialise(value, kind)


def sidebar(data: Corpus) -> Filters:
    """Uploads and the filters every page shares; every filter lives in the URL."""
    with st.sidebar:
        _uploader(data)
        st.subheader("Filters")
        tables = data.tables
        outlets = sorted(tables.articles["outlet"].dropna().unique())
        actors = list(tables.mentions["actor"].value_counts().index) if not tables.mentions.empty else []
        kinds = {"outlet": "list", "actor": "list", "dates": "dates", "engine": "text", "rollup": "bool"}
        for key, kind in kinds.items():
            _url_state(key, kind)
        for key, options in (("outlet", outlets), ("actor", actors)):
            current = st.session_state.get(f"f_{key}")
            if current:
                st.session_state[f"f_{key}"] = [v for v in current if v in options]
        chosen_outlets = st.multiselect("Outlets", outlets, key="f_outlet", placeholder="All outlets")
        chosen_actors = st.multiselect(
            "Articles naming",
            actors,
            key="f_actor",
            placeholder="Any actor",
            help="Keep only the articles that mention at least one of these actors.",
        )
        dates = pd.to_datetime(tables.articles["date"], errors="coerce").dropna()
        date_range = None
        full_range: tuple[dt.date, dt.date] | None = None
        if not dates.empty:
            low, high = dates.min().date(), dates.max().date()
            full_range = (low, high)
            current = st.session_state.get("f_dates")
            previous_full = st.session_state.get("_dates_full")
            if not (
                isinstance(current, tuple | list) and len(current) == 2 and low <= current[0] <= current[1] <= high
            ) or (previous_full is not None and tuple(current) == previous_full):
                # No filter set (the whole span, which grows with an upload) or one that no longer fits.
                st.session_state["f_dates"] = full_range
            st.session_state["_dates_full"] = full_range
            picked = st.date_input(
                "Dates",
                min_value=low,
                max_value=high,
                key="f_dates",
                help="Articles with no known date are always kept.",
            )
            if isinstance(picked, tuple | list) and len(picked) == 2:
                date_range = (picked[0], picked[1])
        if st.session_state.get("f_engine") not in engine_names():
            st.session_state["f_engine"] = engine_names()[0]
        engine = st.selectbox(
            "Sentiment engine",
            engine_names(),
            key="f_engine",
            format_func=engine_label,
            help="TextBlob is the requested engine; every number says which engine made it.",
        )
        rollup = st.toggle(
            "Roll people up to whom they speak for",
            key="f_rollup",
            help="Stoltenberg counts for NATO, Lavrov for Russia.",
        )
        defaults = {"outlet": [], "actor": [], "dates": full_range, "engine": engine_names()[0], "rollup": False}
        for key, kind in kinds.items():
            _write_url(key, kind, defaults[key])
        _share_link()
    if date_range == full_range:
        date_range = None
    return Filters(tuple(chosen_outlets), tuple(chosen_actors), date_range, engine or engine_names()[0], bool(rollup))


def url_select(
    label: str,
    options: Sequence[Any],
    *,
    key: str,
    format_func: Any = str,
    container: Any = None,
    help: str | None = None,
) -> Any:
    """A selectbox whose choice lives in the URL under ``key``: a link that names it opens
    with it chosen, and choosing (or clicking a chart mark) writes it back. The first
    option is the default and leaves the URL clean."""
    widget = f"s_{key}"
    written = st.session_state.setdefault("_written", {})
    if key in st.query_params:
        requested = st.query_params.get(key)
        if requested != written.get(key) and requested in options:
            st.session_state[widget] = requested
    if st.session_state.get(widget) not in options:
        st.session_state.pop(widget, None)
    value = (container or st).selectbox(label, options, key=widget, format_func=format_func, help=help)
    written[key] = value
    if not options or value == options[0]:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = str(value)
    return value


def _share_link() -> None:
    with st.popover("Copy link to this view", width="stretch"):
        try:
            url = st.context.url
        except Exception:
            url = None
        query = "&".join(f"{key}={value}" for key in st.query_params for value in st.query_params.get_all(key))
        st.caption("This link opens the same page, filters and selection:")
        st.code(
            f"{(url or '').split('?')[0]}?{query}" if query else (url or "(no filter set: the page's own URL)"),
            language=None,
        )


def _uploader(data: Corpus) -> None:
    private_mode = read_only() and not st.session_state.get("can_write", False)
    st.subheader("Add articles")
    files = st.file_uploader(
        "Upload articles",
        type=[s.lstrip(".") for s in SUPPORTED],
        accept_multiple_files=True,
        key="uploads",
        help="Text, Markdown, HTML, PDF, Word; CSV or JSONL batches with a text column. Outlet, date and title are read from the text where it states them; edit them in the Reader.",
    )
    if read_only():
        if private_mode:
            st.caption("Read-only corpus: your uploads stay in this browser session and vanish with it.")
            token = st.text_input("Upload token", type="password", key="token_input")
            expected = str(secret("upload_token", ""))
            if token and expected and hmac.compare_digest(token, expected):
                st.session_state["can_write"] = True
                st.rerun()
            elif token:
                st.error("That upload token is not right.")
        else:
            st.caption("Token accepted: uploads go into the shared corpus.")
    elif not get_store().persistent:
        st.caption("The data folder is not writable: uploads will not persist after a restart.")
    processed: set[str] = st.session_state.setdefault("processed_uploads", set())
    fresh = [f for f in files or [] if f.file_id not in processed]
    if fresh:
        bar = st.progress(0.0, text=f"Reading {len(fresh)} file(s)…")
        payload = [(f.name, f.getvalue()) for f in fresh]
        outcomes, private = ingest_files(
            None if private_mode else get_store(),
            payload,
            known_ids={a.id for a in data.articles},
            progress=lambda done, total: bar.progress(done / total, text=f"Read {done}/{total} file(s)"),
        )
        bar.empty()
        processed.update(f.file_id for f in fresh)
        unmapped = st.session_state.setdefault("needs_mapping", {})
        for (name, raw), outcome in zip(payload, outcomes, strict=True):
            if outcome.status == "rejected" and "no text column" in outcome.message:
                unmapped[name] = raw
        if private:
            st.session_state["private_articles"] = [*st.session_state.get("private_articles", []), *private]
        st.session_state["upload_outcomes"] = outcomes + st.session_state.get("upload_outcomes", [])
        st.rerun()
    _column_mapping(data, private_mode)
    _show_outcomes(st.session_state.get("upload_outcomes", []))


def _column_mapping(data: Corpus, private_mode: bool) -> None:
    """A batch whose columns have other names: let the user say which is which."""
    from lib.formats import peek_columns

    pending: dict[str, bytes] = st.session_state.get("needs_mapping", {})
    for name, raw in list(pending.items()):
        columns = peek_columns(name, raw)
        with st.form(f"map-{name}"):
            st.markdown(f"**Map the columns of {_md(name)}**")
            mapping = {}
            for field_name, label in (
                ("text", "Article text"),
                ("title", "Title"),
                ("outlet", "Outlet"),
                ("date", "Date"),
                ("url", "URL"),
            ):
                picked = st.selectbox(
                    label, ["", *columns], format_func=lambda c: c or "(none)", key=f"map-{name}-{field_name}"
                )
                if picked:
                    mapping[field_name] = picked
            submitted = st.form_submit_button("Add with this mapping")
        if submitted:
            if "text" not in mapping:
                st.error("Choose the column that holds the article text.")
                continue
            outcomes, private = ingest_files(
                None if private_mode else get_store(),
                [(name, raw)],
                known_ids={a.id for a in data.articles},
                column_map=mapping,
            )
            if private:
                st.session_state["private_articles"] = [*st.session_state.get("private_articles", []), *private]
            st.session_state["upload_outcomes"] = outcomes + st.session_state.get("upload_outcomes", [])
            del pending[name]
            st.rerun()


def _show_outcomes(outcomes: list[FileOutcome]) -> None:
    if not outcomes:
        return
    icons = {"added": "✅", "partly added": "🟡", "near-duplicate": "🟡", "duplicate": "↩️", "rejected": "⛔"}
    with st.expander(f"Upload results ({len(outcomes)})", expanded=True):
        for outcome in outcomes[:50]:
            st.markdown(f"{icons.get(outcome.status, '')} **{_md(outcome.name)}**: {_md(outcome.message)}")


def _md(text: str) -> str:
    """Text made safe for st.markdown: no markup, no links, no HTML."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|<>~$" else ch for ch in text)


# ---- filtering --------------------------------------------------------------------------------


_SCORED: OrderedDict[tuple[str, str], Tables] = OrderedDict()
_SCORED_LOCK = threading.Lock()


def _with_engine(tables: Tables, key: str, engine: str) -> Tables:
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
def _filtered(_tables: Tables, key: str, outlets: tuple[str, ...], actors: tuple[str, ...], dates: Any) -> Tables:
    ids = None
    if actors:
        ids = list(_tables.mentions.loc[_tables.mentions["actor"].isin(actors), "article_id"].unique())
    return _tables.filter(outlets=list(outlets) or None, article_ids=ids, date_range=dates)


def page_setup(title: str, caption: str) -> tuple[Corpus, Filters, Tables]:
    """Read the corpus and the filters, draw the title; returns the filtered tables."""
    ensure_navigation()
    data = corpus()
    filters = sidebar(data)
    st.title(title)
    st.caption(caption)
    key = f"{len(data.articles)}:{len(data.tables.sentences)}:{hash(tuple(sorted(a.id for a in data.articles)))}:{data.tables.articles['outlet'].tolist()}:{data.tables.articles['date'].tolist()}"
    tables = _filtered(
        _with_engine(data.tables, key, filters.engine),
        f"{key}:{filters.engine}",
        filters.outlets,
        filters.actors,
        filters.dates,
    )
    if tables.articles.empty:
        st.info("No article matches the filters. Clear the outlet, actor or date filter in the sidebar.")
        st.stop()
    return data, filters, tables


# ---- drill-down ---------------------------------------------------------------------------------


def selected_points(event: Any) -> list[dict[str, Any]]:
    """The points of a plotly selection event (empty when nothing is selected)."""
    if not event:
        return []
    selection = event.get("selection") if isinstance(event, dict) else getattr(event, "selection", None)
    if not selection:
        return []
    points = selection.get("points") if isinstance(selection, dict) else getattr(selection, "points", None)
    return list(points or [])


def apply_selection(chart_key: str, points: list[dict[str, Any]], assign: dict[str, int]) -> None:
    """Copy a new chart selection into ``url_select`` widgets: ``assign`` maps their key to the
    index in each point's customdata. Applied once per distinct selection, so a later
    change of the widget by hand is not overridden."""
    signature = repr([p.get("customdata") for p in points])
    if not points or st.session_state.get(f"_applied_{chart_key}") == signature:
        return
    st.session_state[f"_applied_{chart_key}"] = signature
    first = points[0].get("customdata") or []
    for key, index in assign.items():
        if index < len(first):
            st.session_state[f"s_{key}"] = first[index]


def page(name: str) -> Any:
    """A page to link to: the st.Page declared in dashboard.py, else its file (a page run
    on its own, as AppTest can, has no navigation)."""
    return PAGES.get(name, f"pages/{name}.py")


def reader_params(article_id: str, sentence_index: int | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {k: st.query_params.get_all(k) for k in FILTER_KEYS if k in st.query_params}
    params["article"] = article_id
    if sentence_index is not None:
        params["sentence"] = str(sentence_index)
    return params


def show_sentences(
    tables: Tables, rows: pd.DataFrame, *, title: str, terms: pd.DataFrame | None = None, limit: int = 25, key: str
) -> None:
    """Sentences behind a chart mark: each highlighted (actors, and ``terms`` spans: columns
    article_id, start, end, label), with its polarity and a link to the Reader."""
    st.markdown(f"#### {_md(title)}")
    if rows.empty:
        st.info("No sentence behind this selection.")
        return
    rows = rows.drop_duplicates(["article_id", "sentence_index"])
    sentences = rows.merge(tables.sentences, on=["article_id", "sentence_index"], how="left", suffixes=("_x", ""))
    titles = tables.articles.set_index("article_id")
    texts = _article_texts()
    st.caption(
        f"{len(sentences)} sentence(s)"
        + (f"; the first {limit} shown, all in the download" if len(sentences) > limit else "")
    )
    polarity = [c for c in sentences.columns if c.startswith("polarity_")]
    for row in sentences.head(limit).to_dict("records"):
        text = texts.get(row["article_id"], "")
        marks = [
            Mark(int(m["start"]), int(m["end"]), "actor", m["actor"])
            for m in tables.mentions[
                (tables.mentions["article_id"] == row["article_id"])
                & (tables.mentions["sentence_index"] == row["sentence_index"])
            ].to_dict("records")
        ]
        if terms is not None and not terms.empty:
            hits = terms[terms["article_id"] == row["article_id"]]
            marks += [
                Mark(int(t["start"]), int(t["end"]), "term", str(t.get("label", ""))) for t in hits.to_dict("records")
            ]
        meta = titles.loc[row["article_id"]] if row["article_id"] in titles.index else None
        left, right = st.columns([5, 1.4])
        with left:
            if text:
                st.html(snippet(text, int(row["start"]), int(row["end"]), marks))
            else:
                st.text(str(row.get("text", "")))
        with right:
            label = meta["label"] if meta is not None else row["article_id"]
            st.caption(f"{_md(str(meta['outlet']) if meta is not None else '')} · {_md(str(label))[:60]}")
            scores = " ".join(f"{c.removeprefix('polarity_')} {row[c]:+.2f}" for c in polarity if pd.notna(row.get(c)))
            st.caption(scores)
            st.page_link(
                page("reader"),
                label="Open in Reader",
                icon=":material/menu_book:",
                query_params=reader_params(row["article_id"], int(row["sentence_index"])),
            )
    download(
        sentences.drop(columns=[c for c in sentences.columns if c.endswith("_x")]),
        f"{key}-sentences",
        label="Download these sentences",
    )


def _article_texts() -> dict[str, str]:
    data = st.session_state.get("_texts")
    articles = corpus().articles
    if data is None or data[0] != len(articles):
        data = (len(articles), {a.id: a.text for a in articles})
        st.session_state["_texts"] = data
    return data[1]


def download(frame: pd.DataFrame, name: str, *, label: str = "Download CSV") -> None:
    """A CSV download of a shown table (formula cells neutralised), made when clicked:
    encoding every table of a large corpus on each rerun took most of a page's time."""
    st.download_button(
        label,
        lambda: to_csv_bytes(frame),
        file_name=f"stancewatch-{name}.csv",
        mime="text/csv",
        key=f"dl-{name}",
        icon=":material/download:",
    )


def download_all(tables: Tables, extra: dict[str, pd.DataFrame]) -> None:
    frames = {name: getattr(tables, name) for name in tables.names()} | extra
    st.download_button(
        "Download the whole analysis (zip of CSV)",
        lambda: zip_tables(frames),
        file_name="stancewatch-analysis.zip",
        mime="application/zip",
        key="dl-all",
        icon=":material/folder_zip:",
    )
