"""Over time: tone and stance per outlet or per actor, by day or week, with the n behind each
point; click a point for the sentences behind it."""

import datetime as dt

import streamlit as st

from lib import charts_time
from lib.timeseries import BY, FREQS, METRICS, period_end
from pages import _ui
from pages._controls import chart_settings

data, filters, views = _ui.page_setup(
    "Over time",
    "Tone and stance per outlet or per actor, day by day or week by week. Empty periods are gaps, not zeros; "
    "the lower panel is the n behind every point. Click a point to read the sentences behind it.",
)

c1, c2, c3, c4 = st.columns([1, 1, 1, 1.3])
by = _ui.url_select("Series", list(BY), key="tl_by", format_func=BY.__getitem__, container=c1)
metric = _ui.url_select(
    "Measure", list(METRICS), key="tl_metric", format_func=lambda m: m.capitalize(), container=c2,
    help=" · ".join(f"{k}: {v}" for k, v in METRICS.items()),
)  # fmt: skip
# Weeks first: a daily series of a sparse corpus is mostly gaps.
freq = _ui.url_select(
    "Periods", sorted(FREQS, reverse=True), key="tl_freq", format_func=FREQS.__getitem__, container=c3
)
unit = "sentences" if metric == "tone" else "statements"
with c4:
    settings = chart_settings(f"timeline_{by}", unit=unit, top=6, min_n=1, whiskers=False, sorts={"n": f"by {unit}"})
ts = views.get(
    "series",
    filters.engine,
    by=by,
    freq=freq,
    metric=metric,
    rollup=filters.rollup,
    max_series=min(settings.top, charts_time.MAX_SERIES),
    min_n=settings.min_n,
)
if settings.top > charts_time.MAX_SERIES:
    st.caption(f"At most {charts_time.MAX_SERIES} lines of their own (one colour each); the rest are pooled.")
event = st.plotly_chart(
    charts_time.timeline_chart(ts, filters.engine_label),
    key="timeline_chart",
    on_select="rerun",
    selection_mode="points",
)
_ui.apply_selection("timeline_chart", _ui.selected_points(event), {"tl_series": 0, "tl_period": 1})

st.subheader("The sentences behind a point")
options = [""] + list(ts.named) + ([ts.other] if ts.other else [])
days = [""] + [p.isoformat() for p in ts.periods]
c1, c2 = st.columns(2)
picked = _ui.url_select("Series", options, key="tl_series", format_func=lambda v: v or "choose a series", container=c1)
day = _ui.url_select("Period", days, key="tl_period", format_func=lambda v: v or "every period", container=c2)
if picked:
    keys = tuple(ts.pooled) if picked == ts.other else (picked,)
    period = dt.date.fromisoformat(day) if day else None
    rows = views.get("rows_behind", by=by, metric=metric, keys=keys, period=period, freq=freq, rollup=filters.rollup)
    when = "" if period is None else f", {period}" + ("" if freq == "day" else f" to {period_end(period, freq)}")
    _ui.show_sentences(
        views,
        rows[["article_id", "sentence_index"]],
        title=f"{picked}{when}: {'statements' if metric == 'stance' else 'sentences'}",
        terms=None if (by == "outlet" and metric == "tone") else rows,
        key="timeline",
    )
else:
    st.caption("Click a point above, or choose a series (and a period) here.")

with st.expander("The numbers behind the chart"):
    st.dataframe(ts.frame, width="stretch", hide_index=True)
_ui.download(ts.frame, f"timeline-{by}-{metric}-{freq}")
