"""The sidebar every page shares (uploads, the filters, the shared link) and the page
setup: the corpus read, the filters applied, the title drawn."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from lib.sentiment import engine_label, engine_names
from pages import _state
from pages._data import Corpus, View, choices, corpus, view
from pages._nav import ensure_navigation
from pages._upload import uploader

FILTER_KEYS = tuple(p.name for p in _state.PARAMS.values() if p.scope == "filter")


@dataclass(frozen=True)
class Filters:
    outlets: tuple[str, ...]
    actors: tuple[str, ...]
    dates: tuple[dt.date, dt.date] | None
    engine: str
    rollup: bool
    undated: bool = True  # keep the articles with no known date
    once: bool = False  # count each story once: near-duplicates (syndicated copies) folded

    @property
    def engine_label(self) -> str:
        return engine_label(self.engine)


def _switch(name: str, label: str, *, help: str) -> bool:
    """A toggle for the bool filter ``name``, drawn from the value ``bind`` left in the session.

    Keyless on purpose: a keyed toggle lost its value on a page switch (Streamlit 1.67 drops
    a page's widget values, and one restored through st.session_state came back False). Its
    identity changes with its value, so the value shown is always the saved one; the
    session key ``f_<name>`` is plain state that follows the analyst across pages."""
    stored = st.session_state.get(_state.widget_key(name))
    value = bool(_state.param(name).default if not isinstance(stored, bool) else stored)
    value = st.toggle(label, value=value, help=help)
    st.session_state[_state.widget_key(name)] = value
    return value


def sidebar(data: Corpus) -> Filters:
    """Uploads and the filters every page shares; every filter lives in the URL."""
    key = _state.widget_key
    with st.sidebar:
        uploader(data)
        st.subheader("Filters")
        offered = choices(data)
        outlets, actors = list(offered.outlets), list(offered.actors)
        for name in FILTER_KEYS:
            _state.bind(name)
        for name, options in (("outlet", outlets), ("actor", actors)):
            current = st.session_state.get(key(name))
            if current:
                st.session_state[key(name)] = [v for v in current if v in options]
        chosen_outlets = st.multiselect("Outlets", outlets, key=key("outlet"), placeholder="All outlets")
        chosen_actors = st.multiselect(
            "Articles naming",
            actors,
            key=key("actor"),
            placeholder="Any actor",
            help="Keep only the articles that mention at least one of these actors.",
        )
        date_range = None
        full_range: tuple[dt.date, dt.date] | None = None
        undated = True
        if offered.first_date is not None and offered.last_date is not None:
            low, high = dt.date.fromisoformat(offered.first_date), dt.date.fromisoformat(offered.last_date)
            full_range = (low, high)
            current = st.session_state.get(key("dates"))
            previous_full = st.session_state.get("_dates_full")
            if not (
                isinstance(current, tuple | list) and len(current) == 2 and low <= current[0] <= current[1] <= high
            ) or (previous_full is not None and tuple(current) == previous_full):
                # No filter set (the whole span, which grows with an upload) or one that no longer fits.
                st.session_state[key("dates")] = full_range
            st.session_state["_dates_full"] = full_range
            picked = st.date_input("Dates", min_value=low, max_value=high, key=key("dates"))
            if isinstance(picked, tuple | list) and len(picked) == 2:
                date_range = (picked[0], picked[1])
            n_undated = offered.undated
            undated = _switch(
                "undated",
                "Keep undated articles",
                help=f"{n_undated} article(s) have no known date. On: they are kept under any date range; "
                "off: only dated articles, so a period can be isolated. Give an article a date in the Reader.",
            )
        # Keyless, as the switches are: a keyed selectbox came back as TextBlob after a page
        # switch (Streamlit 1.67 drops a page's widget values). ``f_engine`` is plain state.
        names = engine_names()
        stored = st.session_state.get(key("engine"))
        engine = st.selectbox(
            "Sentiment engine",
            names,
            index=names.index(stored) if stored in names else 0,
            format_func=engine_label,
            help="TextBlob is the requested engine; every number says which engine made it.",
        )
        st.session_state[key("engine")] = engine
        rollup = _switch(
            "rollup", "Roll people up to whom they speak for", help="Stoltenberg counts for NATO, Lavrov for Russia."
        )
        once = _switch(
            "once",
            "Count each story once",
            help="Fold near-duplicates (a syndicated copy with another headline or credit line, found at upload) "
            "into the first copy still kept: every chart and count then counts the story once.",
        )
        defaults = {"dates": full_range, "engine": engine_names()[0]}
        for name in FILTER_KEYS:
            _state.publish(name, default=defaults.get(name))
        _state.share_link()
    if date_range == full_range:
        date_range = None
    return Filters(
        tuple(chosen_outlets),
        tuple(chosen_actors),
        date_range,
        engine or engine_names()[0],
        bool(rollup),
        bool(undated),
        bool(once),
    )


def page_setup(title: str, caption: str) -> tuple[Corpus, Filters, View]:
    """Read the corpus and the filters, draw the title; returns the view under the filters
    (``pages._data.View``: the analytic layer's queries, or the filtered frames)."""
    ensure_navigation()
    data = corpus()
    filters = sidebar(data)
    st.title(title)
    st.caption(caption)
    shown = view(data, filters)
    if filters.once:
        folded = shown.folded
        st.caption(f"Counting each story once: {folded} near-duplicate cop{'y' if folded == 1 else 'ies'} folded.")
    if shown.count() == 0:
        st.info("No article matches the filters. Clear the outlet, actor or date filter in the sidebar.")
        st.stop()
    return data, filters, shown
