"""Sources: outlets compared — tone, subjectivity, whom they quote, which figures they cite."""

import streamlit as st

from lib import charts
from pages import _ui
from pages._controls import chart_settings
from pages._format import number_grid

data, filters, views = _ui.page_setup(
    "Sources", "How the outlets differ: tone and subjectivity, whom they give voice to, and which figures they cite."
)

# Every query this page draws from, run at once (the tables and charts below read their results).
views.prefetch(
    [
        ("outlet_tone", (filters.engine,), {}),
        ("share_of_voice", (), {"rollup": filters.rollup}),
        ("outlet_names", (), {}),
        ("outlet_values", (), {}),
    ]
)
tone = views.outlet_tone(filters.engine)
voices = views.share_of_voice(rollup=filters.rollup)
left, right = st.columns(2)
with right:
    voice_settings = chart_settings("voice", unit="statements", top=15, whiskers=False, sorts={"n": "by statements"})
    voice_event = st.plotly_chart(
        views.chart(
            charts.share_of_voice_chart,
            ("share_of_voice", (), {"rollup": filters.rollup}),
            max_categories=voice_settings.top,
            min_quotes=voice_settings.min_n,
        ),
        key="voice_chart",
        on_select="rerun",
        selection_mode="points",
    )
with left:
    scatter_event = st.plotly_chart(
        views.chart(charts.outlet_scatter, ("outlet_tone", (filters.engine,), {}), max_labels=8),
        key="outlet_chart",
        on_select="rerun",
        selection_mode="points",
    )
_ui.apply_selection("outlet_chart", _ui.selected_points(scatter_event), {"src_outlet": 0})
_ui.apply_selection("voice_chart", _ui.selected_points(voice_event), {"src_outlet": 0, "src_speaker": 1})

st.subheader("Drill down")
outlets = [""] + views.get("outlet_names")
speakers = [""] + sorted(voices["speaker"].unique()) if not voices.empty else [""]
c1, c2 = st.columns(2)
outlet = _ui.url_select(
    "Outlet", outlets, key="src_outlet", format_func=lambda v: v or "choose an outlet", container=c1
)
speaker = _ui.url_select("Speaker", speakers, key="src_speaker", format_func=lambda v: v or "any speaker", container=c2)
if outlet or speaker:
    quotes = views.get("statements", speaker=speaker or None, outlet=outlet or None, rollup=filters.rollup)
    if quotes.empty:
        st.info("No statement for this outlet and speaker.")
    else:
        _ui.show_sentences(
            views,
            quotes[["article_id", "sentence_index"]],
            title=f"Statements in {outlet or 'every outlet'}" + (f" by {speaker}" if speaker else ""),
            terms=quotes.assign(label=quotes["speaker"]),
            key="sources",
        )
else:
    st.caption("Click an outlet or a bar segment, or choose an outlet.")

st.subheader("Outlets side by side")
st.dataframe(tone, width="stretch", hide_index=True)
_ui.download(tone, "outlet-tone")
st.markdown("**Whom each outlet quotes**")
st.dataframe(
    voices,
    width="stretch",
    hide_index=True,
    # Shares are 0..1 in the table (and its download); shown as percentages (was "%.0f%%" on 0..1: 0% for 11%).
    column_config={"share": st.column_config.ProgressColumn("share", format="percent", min_value=0, max_value=1)},
)
_ui.download(voices, "share-of-voice")
st.markdown("**Figures each outlet cites**")
table = views.get("outlet_values")  # each outlet's largest value per measure: no row per article is read
if table.empty:
    st.dataframe(table, width="stretch")
else:
    cited, cited_config = number_grid(
        table.pivot_table(index="outlet", columns="measure", values="value", aggfunc="max")
    )
    st.dataframe(cited, width="stretch", column_config=cited_config)
