"""Stance: each speaker on the cooperation–conflict axis by outlet, the speaker → target
matrix, and the statements and cue words behind every mark."""

import pandas as pd
import streamlit as st

from lib import charts
from lib.tables import speaker_stance, target_matrix
from pages import _ui

data, filters, tables = _ui.page_setup(
    "Stance",
    "From what each speaker is quoted or reported as saying: cooperation cues (dialogue, reassurance) against conflict cues (warnings, demands, force). Lexical, CAMEO-inspired; see Methods.",
)

stance = speaker_stance(tables)
matrix = target_matrix(tables)
event = st.plotly_chart(
    charts.speaker_stance_chart(stance), key="stance_chart", on_select="rerun", selection_mode="points"
)
_ui.apply_selection("stance_chart", _ui.selected_points(event), {"speaker": 0, "speaker_outlet": 1})
target_event = st.plotly_chart(
    charts.target_heatmap(matrix), key="target_chart", on_select="rerun", selection_mode="points"
)
_ui.apply_selection("target_chart", _ui.selected_points(target_event), {"speaker": 0, "target": 1})

st.subheader("The statements behind a mark")
speakers = [""] + sorted(tables.quotes["speaker"].unique())
targets = [""] + sorted(matrix["target"].unique()) if not matrix.empty else [""]
outlets = [""] + sorted(tables.articles["outlet"].unique())
c1, c2, c3 = st.columns(3)
speaker = _ui.url_select(
    "Speaker", speakers, key="speaker", format_func=lambda v: v or "choose a speaker", container=c1
)
target = _ui.url_select("About", targets, key="target", format_func=lambda v: v or "anyone", container=c2)
outlet = _ui.url_select("Outlet", outlets, key="speaker_outlet", format_func=lambda v: v or "any outlet", container=c3)
if speaker:
    quotes = tables.quotes[tables.quotes["speaker"] == speaker]
    if target:
        quotes = quotes[quotes["targets"].str.split("; ").apply(lambda names: target in names)]
    if outlet:
        quotes = quotes[quotes["outlet"] == outlet]
    if quotes.empty:
        st.info(
            f"{speaker} is not quoted"
            + (f" about {target}" if target else "")
            + (f" in {outlet}" if outlet else "")
            + " in this selection."
        )
    else:
        cues = tables.evidence[tables.evidence["quote_id"].isin(quotes["quote_id"]) & (tables.evidence["start"] >= 0)]
        st.dataframe(
            quotes[["outlet", "text", "direct", "cue", "stance_label", "stance_score", "targets"]],
            width="stretch",
            hide_index=True,
        )
        terms = pd.concat(
            [
                quotes.assign(label="statement")[["article_id", "start", "end", "label"]],
                cues.assign(label=cues["category"])[["article_id", "start", "end", "label"]],
            ]
        )
        _ui.show_sentences(
            tables, quotes[["article_id", "sentence_index"]], title=f"{speaker}'s statements", terms=terms, key="stance"
        )
        st.markdown("**Cue words** (+ cooperation, − conflict; each class counts once per statement)")
        st.dataframe(
            tables.evidence[tables.evidence["quote_id"].isin(quotes["quote_id"])][
                ["cue", "polarity", "category", "negated", "counted"]
            ],
            width="stretch",
            hide_index=True,
        )
else:
    st.caption("Click a speaker's mark or a matrix cell, or choose a speaker.")

c1, c2 = st.columns(2)
with c1:
    st.markdown("**Speakers**")
    st.dataframe(stance, width="stretch", hide_index=True)
    _ui.download(stance, "speaker-stance")
with c2:
    st.markdown("**Speaker → target**")
    st.dataframe(matrix, width="stretch", hide_index=True)
    _ui.download(matrix, "speaker-target")
_ui.download(tables.evidence, "stance-evidence", label="Download every cue (evidence)")
