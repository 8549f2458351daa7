"""Figures: every cited figure by measure and outlet, side by side and over time; disagreements
flagged only between comparable figures (same counted thing, actor and unit, close in time)."""

import streamlit as st

from lib import charts
from lib.figures import DEFAULT_WINDOW_DAYS
from pages import _ui
from pages._format import number, number_grid

SHOWN = 500  # figures listed in the table (a browser table of every figure of a large corpus is slow)

data, filters, views = _ui.page_setup(
    "Figures",
    "Numbers cited as facts (“more than 150,000 troops”), grouped by what they measure. Where articles cite different values for the same measure, the measure is flagged.",
)

window = st.number_input(
    "Compare figures from articles at most this many days apart (0: any date)",
    min_value=0,
    max_value=3650,
    value=DEFAULT_WINDOW_DAYS,
    step=1,
    key="figure_window",
    help="Figures further apart in time are a change over time (see the timeline), not a disagreement. "
    "An article without a date is compared with every other.",
)
window_days = int(window) or None
# One row per measure (whether it is disputed, its values' range); the chosen measure's rows
# are read on their own: no row per article of every measure is read here.
# The queries that do not depend on the chosen measure, run at once (the page reads their results).
views.prefetch(
    [
        ("measure_summary", (), {"window_days": window_days}),
        ("outlet_values", (), {"window_days": window_days}),
        ("figures", (), {"limit": SHOWN}),
        ("counts", (), {}),
    ]
)
order = views.get("measure_summary", window_days=window_days).set_index("measure")
if order.empty:
    st.info("No cited figure in the filtered articles.")
    st.stop()
disputed = [m for m in order.index if order.loc[m, "disagree"]]
window_note = f"within {window_days} days" if window_days else "at any date"


def _values(measure: str) -> str:
    """The values a measure is cited with: both when two, else their count and range."""
    row = order.loc[measure]
    if int(row["n_values"]) <= 2:
        return ", ".join(f"{v:,.0f}" for v in sorted({float(row["high"]), float(row["low"])}, reverse=True))
    return f"{int(row['n_values'])} values from {row['low']:,.0f} to {row['high']:,.0f}"


if disputed:
    more = f"; and {len(disputed) - 5} more measure(s)" if len(disputed) > 5 else ""
    st.warning(
        f"Outlets disagree ({window_note}) on: "
        + "; ".join(f"**{_ui._md(m)}** ({_values(m)})" for m in disputed[:5])
        + more
    )

flagged, cited = order["disagree"].to_dict(), order["articles"].to_dict()
measure = _ui.url_select(
    "Measure",
    list(order.index),
    key="measure",
    format_func=lambda m: f"{'⚠ ' if flagged[m] else ''}{m} — {cited[m]} article(s)",
)
# Shared, as the other charts.
of_measure = {"window_days": window_days, "measure": measure}
# The measure's rows and its figures (as the page first shows them: no article chosen), at once.
views.prefetch([("measures", (), of_measure), ("figures", (), {"measure": measure, "article_id": None})])
table = views.get("measures", **of_measure)
comparison = views.chart(charts.labelled_comparison, ("measures", (), of_measure), measure)
event = st.plotly_chart(
    comparison,
    key="figure_chart",
    on_select="rerun",
    selection_mode="points",
)
# From the measure's rows: shared, as the other charts.
timeline = views.chart(charts.figure_timeline, ("measures", (), of_measure), measure, window_days=window_days)
st.plotly_chart(timeline, key="figure_timeline")
points = _ui.selected_points(event)
_ui.apply_selection("figure_chart", points, {"figure_article": 0})

articles = [""] + table["article_id"].tolist()
label_of = dict(zip(table["article_id"], table["label"], strict=True))
chosen = _ui.url_select(
    "Article",
    articles,
    key="figure_article",
    format_func=lambda a: label_of.get(a, a) if a else "every article",
)
rows = views.get("figures", measure=measure, article_id=chosen or None)
_ui.show_sentences(
    views,
    rows[["article_id", "sentence_index"]],
    title=f"Sentences citing {measure}",
    terms=rows.assign(label=rows["qualifier"].fillna("") + " " + rows["value"].map("{:,.0f}".format)),
    key="figures",
)

st.subheader("Every cited figure")
every = int(views.get("counts")["figures"].iloc[0])
if every > SHOWN:
    st.caption(f"The first {SHOWN:,} of {every:,} figures; every one is in the download.")
shown = views.get("figures", limit=SHOWN)[
    ["outlet", "measure", "qualifier", "value", "counted_surface", "about", "kind", "unit", "sentence", "corrected"]
]
text_columns = ["qualifier", "counted_surface", "about", "unit", "corrected"]
shown = shown.assign(value=shown["value"].map(number), **{c: shown[c].fillna("") for c in text_columns})
value_width = 8 * max(5, int(shown["value"].str.len().max() or 1)) + 28
st.dataframe(
    shown,
    width="stretch",
    hide_index=True,
    column_config={"value": st.column_config.TextColumn("value", alignment="right", width=value_width)},
)
_ui.download(lambda: views.get("figures"), "figures")
st.markdown("**Side by side**")
side_by_side = views.get("outlet_values", window_days=window_days)
side, side_config = number_grid(
    side_by_side.pivot_table(index="measure", columns="outlet", values="value", aggfunc="max")
)
st.dataframe(side, width="stretch", column_config=side_config)
_ui.download(lambda: views.measures(window_days=window_days), "measures")
