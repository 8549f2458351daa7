"""Stance: each speaker on the cooperation–conflict axis by outlet, the speaker → target
matrix, and the statements and cue words behind every mark."""

import pandas as pd
import streamlit as st

from lib import charts
from pages import _ui
from pages._controls import chart_settings

data, filters, views = _ui.page_setup(
    "Stance",
    "From what each speaker is quoted or reported as saying: cooperation cues (dialogue, reassurance) against conflict cues (warnings, demands, force). Lexical, CAMEO-inspired; see Methods.",
)

# With the roll-up, a speaker is whom they speak for (Lavrov's statements count for Russia).
# Every query this page draws from, run at once (the tables and charts below read their results).
views.prefetch(
    [
        ("speaker_stance", (), {"rollup": filters.rollup}),
        ("target_matrix", (), {"rollup": filters.rollup}),
        ("speakers", (), {"rollup": filters.rollup}),
    ]
)
stance = views.speaker_stance(rollup=filters.rollup)
matrix = views.target_matrix(rollup=filters.rollup)
# One-statement speakers would fill the page: on a corpus with many speakers, two statements to get a row.
settings = chart_settings(
    "stance",
    unit="statements",
    top=20,
    min_n=2 if stance["speaker"].nunique() > 20 else 1,
    sort="n",
    whiskers=False,
    sorts={"n": "by statements", "value": "by stance score"},
)
# At many outlets only a few can have a colour of their own: the analyst picks which.
quoting = list(stance.groupby("outlet")["n_quotes"].sum().sort_values(ascending=False).index)
# The choice lives in the session state alone (a widget default beside it draws Streamlit's
# warning): the eight outlets that quote most at first, then what is left of the analyst's own
# choice after a filter change.
if "stance_outlets" in st.session_state:
    st.session_state["stance_outlets"] = [o for o in st.session_state["stance_outlets"] if o in quoting]
else:
    st.session_state["stance_outlets"] = quoting[:8]
coloured = st.multiselect(
    "Outlets in colour (the others grey)",
    quoting,
    max_selections=len(charts.OUTLET_COLORS),
    key="stance_outlets",
    help="Each mark is one outlet's statements by the speaker; hover any mark for its outlet.",
)
event = st.plotly_chart(
    views.chart(
        charts.speaker_stance_chart,
        ("speaker_stance", (), {"rollup": filters.rollup}),
        max_categories=settings.top,
        min_quotes=settings.min_n,
        sort=settings.sort,
        outlets=list(coloured),
    ),
    key="stance_chart",
    on_select="rerun",
    selection_mode="points",
)
_ui.apply_selection("stance_chart", _ui.selected_points(event), {"speaker": 0, "speaker_outlet": 1, "target": 4})
target_event = st.plotly_chart(
    views.chart(charts.target_heatmap, ("target_matrix", (), {"rollup": filters.rollup}), max_categories=settings.top),
    key="target_chart",
    on_select="rerun",
    selection_mode="points",
)
_ui.apply_selection("target_chart", _ui.selected_points(target_event), {"speaker": 0, "target": 1, "speaker_outlet": 3})

st.subheader("The statements behind a mark")
speakers = [""] + views.get("speakers", rollup=filters.rollup)
targets = [""] + sorted(matrix["target"].unique()) if not matrix.empty else [""]
outlets = [""] + sorted(views.articles()["outlet"].unique())
c1, c2, c3 = st.columns(3)
speaker = _ui.url_select(
    "Speaker", speakers, key="speaker", format_func=lambda v: v or "choose a speaker", container=c1
)
target = _ui.url_select("About", targets, key="target", format_func=lambda v: v or "anyone", container=c2)
outlet = _ui.url_select("Outlet", outlets, key="speaker_outlet", format_func=lambda v: v or "any outlet", container=c3)
if speaker:
    quotes = views.get("statements", speaker=speaker, target=target or None, outlet=outlet or None,
                       rollup=filters.rollup)  # fmt: skip
    if quotes.empty:
        st.info(
            f"{speaker} is not quoted"
            + (f" about {target}" if target else "")
            + (f" in {outlet}" if outlet else "")
            + " in this selection."
        )
    else:
        evidence = views.by_id("evidence_of", quotes["quote_id"].tolist())
        cues = evidence[evidence["start"] >= 0]
        st.dataframe(
            quotes[["outlet", "text", "direct", "cue", "stance_label", "stance_score", "targets", "corrected"]].fillna(
                {"corrected": ""}
            ),
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
            views, quotes[["article_id", "sentence_index"]], title=f"{speaker}'s statements", terms=terms, key="stance"
        )
        st.markdown("**Cue words** (+ cooperation, − conflict; each class counts once per statement)")
        st.dataframe(
            evidence[["cue", "polarity", "category", "negated", "counted"]],
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
_ui.download(lambda: views.get("evidence"), "stance-evidence", label="Download every cue (evidence)")
