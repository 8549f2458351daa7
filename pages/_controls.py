"""Chart settings shared by the pages' charts: how many rows to show (the rest pooled into
"other"), the least n a row needs, the sort, and what the whiskers are. One popover per
chart, its values kept in the session (key ``cc_<chart>_<setting>``)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from lib.charts import INTERVALS, SORTS


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
    keys = {name: f"cc_{chart}_{name}" for name in ("top", "min_n", "sort", "whiskers")}
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
    return ChartSettings(int(shown), int(least), str(order), str(interval))
