"""URL and session state: every query parameter the app reads or writes is declared once,
in ``PARAMS`` (name, kind, default, what it holds), and encoded by its kind's codec.

Two ways state moves between the URL and the widgets:
- the sidebar's filters (``bind`` before the widget is drawn, ``publish`` after): they follow
  the analyst from page to page (the sidebar's page links drop the query string);
- a page's own selection (``url_select``): a selectbox whose choice is the parameter.

A shared link is the current query string, every value URL-encoded (``share_query``), so
an outlet named "+Formula & Co #1" survives the round trip."""

from __future__ import annotations

import datetime as dt
import threading
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

# ---- the parameters ------------------------------------------------------------------------


@dataclass(frozen=True)
class Codec:
    """How a kind of value is written in the query string (a list of strings: a key may
    repeat) and read back (None when absent or malformed)."""

    decode: Callable[[list[str]], Any]
    encode: Callable[[Any], list[str]]


def _last(values: list[str]) -> str | None:
    return values[-1] if values and values[-1] != "" else None


def _bool(values: list[str]) -> bool | None:
    value = (_last(values) or "").lower()
    return True if value in ("1", "true", "yes") else False if value in ("0", "false", "no") else None


def _dates(values: list[str]) -> tuple[dt.date, dt.date] | None:
    try:
        days = [dt.date.fromisoformat(v) for v in values[:2]]
    except ValueError:
        return None
    return (days[0], days[1]) if len(days) == 2 and days[0] <= days[1] else None


def _int(values: list[str]) -> int | None:
    try:
        return int(_last(values) or "")
    except ValueError:
        return None


CODECS: dict[str, Codec] = {
    "list": Codec(lambda values: [v for v in values if v], lambda value: [str(v) for v in value]),
    "text": Codec(_last, lambda value: [str(value)]),
    "bool": Codec(_bool, lambda value: ["true" if value else "false"]),
    "dates": Codec(_dates, lambda value: [d.isoformat() for d in value]),
    "int": Codec(_int, lambda value: [str(int(value))]),
}


@dataclass(frozen=True)
class Param:
    """One query parameter. ``scope`` is "filter" (the sidebar: every page) or the page
    that reads it; ``default`` (None: the page's first option, or the corpus's whole span)
    is never written to the URL, so an untouched view has a clean link."""

    name: str
    kind: str
    default: Any
    scope: str
    help: str

    @property
    def codec(self) -> Codec:
        return CODECS[self.kind]


PARAMS: dict[str, Param] = {
    p.name: p
    for p in (
        Param("outlet", "list", [], "filter", "outlets to keep (repeated)"),
        Param("actor", "list", [], "filter", "keep articles naming one of these actors (repeated)"),
        Param("dates", "dates", None, "filter", "first and last day, ISO (the whole span when absent)"),
        Param("undated", "bool", True, "filter", "keep articles with no known date"),
        Param("engine", "text", "textblob", "filter", "sentiment engine"),
        Param("rollup", "bool", False, "filter", "roll people up to whom they speak for"),
        Param("once", "bool", False, "filter", "count each story once: fold near-duplicates (syndicated copies)"),
        Param("ov_outlet", "text", None, "overview", "drill-down: outlet"),
        Param("ov_actor", "text", None, "overview", "drill-down: actor"),
        Param("ov_date", "text", None, "overview", "drill-down: day"),
        Param("focus_actor", "text", None, "actors", "drill-down: actor"),
        Param("focus_outlet", "text", None, "actors", "drill-down: outlet"),
        Param("speaker", "text", None, "stance", "drill-down: speaker"),
        Param("target", "text", None, "stance", "drill-down: whom the statements are about"),
        Param("speaker_outlet", "text", None, "stance", "drill-down: outlet"),
        Param("measure", "text", None, "figures", "the measure compared"),
        Param("figure_article", "text", None, "figures", "drill-down: the article citing it"),
        Param("src_outlet", "text", None, "sources", "drill-down: outlet"),
        Param("src_speaker", "text", None, "sources", "drill-down: speaker"),
        Param("q", "text", "", "articles", "full-text search over sentences and statements"),
        Param("sort", "text", None, "articles", "the column the article list is sorted by"),
        Param("tl_by", "text", None, "timeline", "series per outlet or per actor"),
        Param("tl_metric", "text", None, "timeline", "tone or stance"),
        Param("tl_freq", "text", None, "timeline", "periods: day or week"),
        Param("tl_series", "text", None, "timeline", "drill-down: the series (outlet, actor or the pooled rest)"),
        Param("tl_period", "text", None, "timeline", "drill-down: the period's first day, ISO"),
        Param("cmp_a_kind", "text", None, "compare", "group A: an outlet, a country or a named group"),
        Param("cmp_a", "text", None, "compare", "group A: the outlet or the country"),
        Param("cmp_a_outlets", "list", [], "compare", "group A, named: its outlets (repeated)"),
        Param("cmp_a_name", "text", "", "compare", "group A, named: its name"),
        Param("cmp_b_kind", "text", None, "compare", "group B: an outlet, a country or a named group"),
        Param("cmp_b", "text", None, "compare", "group B: the outlet or the country"),
        Param("cmp_b_outlets", "list", [], "compare", "group B, named: its outlets (repeated)"),
        Param("cmp_b_name", "text", "", "compare", "group B, named: its name"),
        Param("cmp_view", "text", None, "compare", "drill-down: tone, voice, stance or figures"),
        Param("cmp_side", "text", None, "compare", "drill-down: group A or B"),
        Param("cmp_focus", "text", None, "compare", "drill-down: the actor, speaker or measure"),
        Param(
            "cc",
            "list",
            [],
            "charts",
            "a chart's settings changed from its defaults: chart:top:min_n:sort:whiskers (repeated)",
        ),
        Param("article", "text", None, "reader", "the article read"),
        Param("sentence", "int", None, "reader", "the sentence outlined and scrolled to"),
    )
}


def param(name: str) -> Param:
    """The declared parameter ``name``. An undeclared one is read as text (so a page in the
    making still runs); tests/test_app.py checks that every parameter a page uses is declared."""
    return PARAMS.get(name) or Param(name, "text", None, "undeclared", "not declared in pages/_state.py PARAMS")


def read(name: str) -> Any:
    """The URL's value of ``name``, decoded (None when absent or malformed)."""
    if name not in st.query_params:
        return None
    return param(name).codec.decode(st.query_params.get_all(name))


def write(name: str, value: Any, *, default: Any = None) -> None:
    """Put ``value`` in the URL, or take ``name`` out when it is the default (``default``
    overrides the declared one: a page's first option, the corpus's span) or empty."""
    spec = param(name)
    default = spec.default if default is None else default
    if value is None or value == default or (spec.kind == "list" and not value) or value == "":
        st.query_params.pop(name, None)
        return
    encoded = spec.codec.encode(value)
    st.query_params[name] = encoded if spec.kind in ("list", "dates") else encoded[0]


# ---- sidebar filters -----------------------------------------------------------------------


def widget_key(name: str) -> str:
    return f"f_{name}"


def bind(name: str) -> None:
    """Before the filter's widget is drawn: take the URL's value when the URL changed from
    outside (a shared link, an edited address), else keep the session's value across pages
    (the sidebar's page links drop the query string)."""
    widget = widget_key(name)
    written = st.session_state.setdefault("_written", {})
    saved = st.session_state.setdefault("_filters", {})
    value = read(name)
    if value is not None and value != written.get(name):
        st.session_state[widget] = value
        return
    if widget not in st.session_state and name in saved:
        st.session_state[widget] = saved[name]


def publish(name: str, *, default: Any = None) -> None:
    """After the filter's widget is drawn: its value goes to the URL and the session."""
    value = st.session_state.get(widget_key(name))
    st.session_state["_filters"][name] = value
    st.session_state["_written"][name] = value
    write(name, value, default=default)


# ---- a page's selection --------------------------------------------------------------------


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
    requested = read(key)
    if requested is not None and requested != written.get(key) and requested in options:
        st.session_state[widget] = requested
    if st.session_state.get(widget) not in options:
        st.session_state.pop(widget, None)
    value = (container or st).selectbox(label, options, key=widget, format_func=format_func, help=help)
    written[key] = value
    if not options or value == options[0]:
        st.query_params.pop(key, None)
    else:
        write(key, value)
    return value


def url_multiselect(
    label: str,
    options: Sequence[Any],
    *,
    key: str,
    container: Any = None,
    placeholder: str | None = None,
    help: str | None = None,
) -> list[Any]:
    """A multiselect whose choices live in the URL under ``key`` (repeated; none: not in the URL)."""
    widget = f"s_{key}"
    written = st.session_state.setdefault("_written", {})
    requested = read(key)
    if requested is not None and requested != written.get(key):
        st.session_state[widget] = [v for v in requested if v in options]
    elif widget in st.session_state:
        st.session_state[widget] = [v for v in st.session_state[widget] if v in options]
    value = list((container or st).multiselect(label, options, key=widget, placeholder=placeholder, help=help))
    written[key] = value
    write(key, value)
    return value


def url_text(label: str, *, key: str, placeholder: str | None = None, help: str | None = None) -> str:
    """A text input whose text lives in the URL under ``key`` (empty: not in the URL)."""
    widget = f"s_{key}"
    written = st.session_state.setdefault("_written", {})
    requested = read(key)
    if requested is not None and requested != written.get(key):
        st.session_state[widget] = requested
    value = st.text_input(label, key=widget, placeholder=placeholder, help=help) or ""
    written[key] = value
    write(key, value.strip())
    return value.strip()


def reader_params(article_id: str, sentence_index: int | None = None) -> dict[str, Any]:
    """The query of a link to the Reader: the sidebar's filters, the article, the sentence."""
    params: dict[str, Any] = {
        p.name: st.query_params.get_all(p.name)
        for p in PARAMS.values()
        if p.scope == "filter" and p.name in st.query_params
    }
    params["article"] = article_id
    if sentence_index is not None:
        params["sentence"] = str(sentence_index)
    return params


# ---- the shared link -------------------------------------------------------------------------


def share_query() -> str:
    """The current view as a query string: every parameter (declared ones in table order),
    each value URL-encoded (a "+" stays a plus, "&", "#" and "%" stay in the value)."""
    order = {name: index for index, name in enumerate(PARAMS)}
    keys = sorted(st.query_params, key=lambda k: (order.get(k, len(order)), k))
    return urllib.parse.urlencode([(k, v) for k in keys for v in st.query_params.get_all(k)])


def share_url() -> str:
    """The link to this view: the page's address (when the browser sent it) and the query."""
    try:
        base = (st.context.url or "").split("?")[0]
    except Exception:
        base = ""
    query = share_query()
    return f"{base}?{query}" if query else base


_SLOT = threading.local()  # each session's script runs in a thread of its own


def forget_share_link() -> None:
    """Before a run: no place for the link yet (the sidebar makes one)."""
    _SLOT.slot = None


def share_link() -> None:
    """Draw "Copy link to this view" where the sidebar ends, and keep its place: the page
    writes its selection after the sidebar is drawn, so dashboard.py calls
    ``refresh_share_link`` once the page has run."""
    _SLOT.slot = st.empty()
    refresh_share_link()


def refresh_share_link() -> None:
    slot = getattr(_SLOT, "slot", None)
    if slot is None:
        return
    url = share_url()
    with slot.container(), st.popover("Copy link to this view", width="stretch"):
        st.caption("This link opens the same page, filters and selection:")
        st.code(url or "(no filter set: the page's own URL)", language=None)
