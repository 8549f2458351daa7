"""Overview: the corpus at a glance, tone by outlet, who is mentioned where, the timeline,
and the figures that outlets disagree on."""

import pandas as pd
import streamlit as st

from lib import charts
from pages import _ui
from pages._controls import chart_settings
from pages._format import number_grid

data, filters, views = _ui.page_setup(
    "Overview", "Who is mentioned, in what tone, in which outlet — click any mark to read the sentences behind it."
)

# Every query this page draws from, run at once (the charts and tables below read their results).
views.prefetch(
    [
        ("counts", (), {}),
        ("outlet_tone", (filters.engine,), {}),
        ("actor_summary", (filters.engine,), {"rollup": filters.rollup}),
        ("daily_tone", (filters.engine,), {}),
        ("outlet_names", (), {}),
        ("outlet_values", (), {"disputed": True}),
    ]
)
counts = views.get("counts").iloc[0]
cols = st.columns(6)
cols[0].metric("Articles", f"{counts['articles']:,}")
cols[1].metric("Outlets", f"{counts['outlets']:,}")
cols[2].metric("Actors", f"{counts['actors']:,}")
cols[3].metric("Statements", f"{counts['statements']:,}")
cols[4].metric("Cited figures", f"{counts['figures']:,}")
cols[5].metric(
    "Dated",
    f"{counts['dated']:,}",
    help=f"{counts['dated']:,} of {counts['articles']:,} articles carry a date stated in the text.",
)
if counts["dated"]:
    st.caption(
        f"Dates stated in the text: {counts['first_date']} to {counts['last_date']}. Undated articles are kept under any date range unless the sidebar's switch drops them; give them a date in the Reader."
    )

# The summaries and drill-downs from the analytic layer (pages/_data.View: SQL keyed by the filters).
tone = views.outlet_tone(filters.engine)
summary = views.actor_summary(filters.engine, rollup=filters.rollup)
left, right = st.columns(2)
with left:
    # A mean over a few sentences is noise: at ten or more articles an outlet needs 20 sentences to rank.
    tone_settings = chart_settings("tone", top=15, min_n=20 if counts["articles"] >= 10 else 1)
    tone_figure = views.chart(
        charts.tone_by_outlet,
        ("outlet_tone", (filters.engine,), {}),
        filters.engine_label,
        max_categories=tone_settings.top,
        min_n=tone_settings.min_n,
        sort=tone_settings.sort,
        whiskers=tone_settings.whiskers,
    )
    tone_event = st.plotly_chart(
        tone_figure,
        key="tone_chart",
        on_select="rerun",
        selection_mode="points",
    )
with right:
    heat_settings = chart_settings("heat", unit="mentions", top=20, whiskers=False, sorts={"n": "by mentions"})
    heat_figure = views.chart(
        charts.mention_heatmap,
        ("actor_summary", (filters.engine,), {"rollup": filters.rollup}),
        max_categories=heat_settings.top,
        min_mentions=heat_settings.min_n,
    )
    heat_event = st.plotly_chart(
        heat_figure,
        key="heat_chart",
        on_select="rerun",
        selection_mode="points",
    )

daily = views.get("daily_tone", filters.engine)
time_figure = views.chart(charts.timeline, ("daily_tone", (filters.engine,), {}))
time_event = st.plotly_chart(time_figure, key="time_chart", on_select="rerun", selection_mode="points")

_ui.apply_selection("tone_chart", _ui.selected_points(tone_event), {"ov_outlet": 0})
_ui.apply_selection("heat_chart", _ui.selected_points(heat_event), {"ov_actor": 0, "ov_outlet": 1})
_ui.apply_selection("time_chart", _ui.selected_points(time_event), {"ov_date": 0})

st.subheader("Read the sentences behind a mark")
every_outlet = views.get("outlet_names")
# The "other …" bar or column drills down to the outlets it pools, not to every outlet.
pools = {
    label: held
    for fig, index in ((tone_figure, 0), (heat_figure, 1))
    for trace in fig.data
    for label in {str(c[index]) for c in (trace.customdata if trace.customdata is not None else [])}
    if (held := charts.pooled(fig, label, index=index, every=every_outlet)) is not None
}
outlets = [""] + every_outlet + sorted(pools)
named = summary if not filters.rollup else views.actor_summary(filters.engine)
actors = [""] + sorted(named["actor"].unique())
days = [""] + daily["date"].tolist()
c1, c2, c3 = st.columns(3)
focus_outlet = _ui.url_select("Outlet", outlets, key="ov_outlet", format_func=lambda v: v or "any outlet", container=c1)
focus_actor = _ui.url_select("Actor", actors, key="ov_actor", format_func=lambda v: v or "any actor", container=c2)
focus_date = _ui.url_select("Date", days, key="ov_date", format_func=lambda v: v or "any date", container=c3)
if focus_outlet or focus_actor or focus_date:
    within = tuple(pools[focus_outlet]) if focus_outlet in pools else (focus_outlet,) if focus_outlet else None
    if focus_actor:
        match = "either" if filters.rollup else "actor"
        rows = views.get("mention_rows", focus_actor, match=match, outlets=within, day=focus_date or None)
        terms = rows
    else:
        rows = views.get("sentence_rows", filters.engine, outlets=within, day=focus_date or None)
        terms = None
    title = " · ".join(v for v in (focus_actor, focus_outlet, focus_date) if v)
    _ui.show_sentences(views, rows, title=f"Sentences: {title}", terms=terms, key="overview")
else:
    st.caption("Click a bar, a heatmap cell or a day above, or pick an outlet, actor or date here.")

st.subheader("Figures the outlets disagree on")
# Each outlet's value for the measures in dispute (one query: no row per article is read here).
disputed = views.get("outlet_values", disputed=True)
if disputed.empty:
    st.info("No measure is cited with different values by different articles in this selection.")
else:
    shown, shown_config = number_grid(
        disputed.pivot_table(index="measure", columns="outlet", values="value", aggfunc="max")
    )
    st.dataframe(shown, width="stretch", column_config=shown_config)
    st.page_link(_ui.page("figures"), label="Compare them on the Figures page", icon=":material/pin:")


def disputed_rows() -> pd.DataFrame:  # the article behind each value, made when the download is clicked
    table = views.measures()
    return table[table["disagree"]]


_ui.download(disputed_rows, "disputed-figures")
_ui.download_all(
    views,
    {"measures": views.measures, "actors": summary, "outlets": tone},
    charts=[("Tone by outlet", tone_figure), ("Mentions by actor and outlet", heat_figure), ("Over time", time_figure)],
)
