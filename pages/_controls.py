"""Chart settings shared by the pages' charts: how many rows to show (the rest pooled into
"other"), the least n a row needs, the sort, and what the whiskers are. One popover per
chart, its values kept in the session (key ``cc_<chart>_<setting>``) and, when they differ
from the chart's defaults, in the URL (``cc=<chart>:<top>:<min_n>:<sort>:<whiskers>``), so a
shared link opens the chart as its sender set it."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from lib.charts import INTERVALS, SORTS
from pages import _state

_SETTING = "cc"  # the query parameter (pages/_state.py PARAMS)


@dataclass(frozen=True)
class ChartSettings:
    top: int
    min_n: int
    sort: str
    whiskers: str


def chart_settings(
    chart: str,
    *,
    unit: str = "sentences",
    top: int = 15,
    min_n: int = 1,
    sort: str = "value",
    whiskers: bool = True,
    sorts: dict[str, str] | None = None,
    container: object = None,
) -> ChartSettings:
    """A popover with the chart's settings. ``top``, ``min_n`` and ``sort`` are the
    defaults, used until the analyst changes them."""
    sorts = sorts or SORTS
    sort = sort if sort in sorts else next(iter(sorts))
    keys = {name: f"cc_{chart}_{name}" for name in ("top", "min_n", "sort", "whiskers")}
    linked = _from_url(chart, sorts)
    written = st.session_state.setdefault("_cc_written", {})
    if linked is not None and linked != written.get(chart):
        # A link (or an edited address) names this chart's settings: they win over the session's.
        for name, value in zip(("top", "min_n", "sort", "whiskers"), linked, strict=True):
            st.session_state[keys[name]] = value
    st.session_state.setdefault(keys["top"], top)
    st.session_state.setdefault(keys["min_n"], min_n)
    if st.session_state.get(keys["sort"]) not in sorts:
        st.session_state[keys["sort"]] = sort
    st.session_state.setdefault(keys["whiskers"], "ci95")
    place = container or st
    label = f"Chart settings: top {st.session_state[keys['top']]}, n ≥ {st.session_state[keys['min_n']]}"
    with place.popover(label, icon=":material/tune:"):  # type: ignore[attr-defined]
        shown = st.number_input("Rows to show (the rest pooled as “other”)", 3, 60, step=1, key=keys["top"])
        least = st.number_input(
            f"Minimum n ({unit}) for a row of its own",
            1,
            10_000,
            step=1,
            key=keys["min_n"],
            help="A mean over a handful of sentences is noise: rows under this go into “other”.",
        )
        order = st.radio("Sort", list(sorts), format_func=sorts.__getitem__, key=keys["sort"], horizontal=True)
        interval = "ci95"
        if whiskers:
            interval = st.radio(
                "Whiskers", list(INTERVALS), format_func=INTERVALS.__getitem__, key=keys["whiskers"], horizontal=True
            )
    chosen = ChartSettings(int(shown), int(least), str(order), str(interval))
    _to_url(chart, chosen, ChartSettings(top, min_n, sort, "ci95"))
    return chosen


def _from_url(chart: str, sorts: dict[str, str]) -> tuple[int, int, str, str] | None:
    """This chart's settings in the URL, validated (None when absent or malformed)."""
    for entry in _state.read(_SETTING) or []:
        parts = entry.split(":")
        if len(parts) != 5 or parts[0] != chart:
            continue
        try:
            top, least = int(parts[1]), int(parts[2])
        except ValueError:
            return None
        if not (3 <= top <= 60 and 1 <= least <= 10_000) or parts[3] not in sorts or parts[4] not in INTERVALS:
            return None
        return top, least, parts[3], parts[4]
    return None


def _to_url(chart: str, chosen: ChartSettings, defaults: ChartSettings) -> None:
    """Write this chart's settings to the URL when they differ from its defaults; else take
    them out. Other charts' entries are kept."""
    st.session_state["_cc_written"][chart] = (chosen.top, chosen.min_n, chosen.sort, chosen.whiskers)
    others = [e for e in (_state.read(_SETTING) or []) if e.split(":", 1)[0] != chart]
    if chosen != defaults:
        others.append(f"{chart}:{chosen.top}:{chosen.min_n}:{chosen.sort}:{chosen.whiskers}")
    _state.write(_SETTING, sorted(others))
