"""Actors: tone of the sentences naming each actor, by outlet, with n and spread;
mentions; co-mentions; every sentence about a chosen actor."""

import streamlit as st

from lib import charts
from pages import _ui
from pages._controls import chart_settings

data, filters, views = _ui.page_setup(
    "Actors",
    "Per-actor tone: the mean polarity of the sentences that name the actor, with the number of sentences (n) behind each mean.",
)

# Every query this page draws from, run at once (the tables and charts below read their results).
views.prefetch(
    [
        ("actor_summary", (filters.engine,), {"rollup": filters.rollup}),
        ("counts", (), {}),
        ("open_actors", (), {}),
        ("co_mentions", (), {"rollup": filters.rollup}),
    ]
)
summary = views.actor_summary(filters.engine, rollup=filters.rollup)
settings = chart_settings("actor", top=15, min_n=10 if views.count() >= 10 else 1, sort="n")
event = st.plotly_chart(
    views.chart(
        charts.actor_tone,
        ("actor_summary", (filters.engine,), {"rollup": filters.rollup}),
        filters.engine_label,
        max_categories=settings.top,
        min_n=settings.min_n,
        sort=settings.sort,
        whiskers=settings.whiskers,
    ),
    key="actor_chart",
    on_select="rerun",
    selection_mode="points",
)
_ui.apply_selection("actor_chart", _ui.selected_points(event), {"focus_actor": 0, "focus_outlet": 1})

left, right = st.columns([3, 2])
with left:
    st.markdown("**Actors by outlet**")
    # People and organisations found in the text but not in the dictionary (lib/actors.py, "open").
    kinds = views.get("open_actors").set_index("actor")["open"]
    shown = summary.assign(source=summary["actor"].map(kinds).map({True: "not in the dictionary", False: "dictionary"}))
    st.dataframe(
        shown,
        width="stretch",
        hide_index=True,
        column_config={
            "source": st.column_config.TextColumn("found", help="A name found in the text that the dictionary lacks"),
            "polarity": st.column_config.NumberColumn(format="%.3f"),
            "polarity_sd": st.column_config.NumberColumn("sd", format="%.3f"),
            "subjectivity": st.column_config.NumberColumn(format="%.3f"),
            "n_sentences": st.column_config.NumberColumn("n"),
        },
    )
    _ui.download(summary, "actors")
with right:
    st.markdown("**Named in the same sentence**")
    pairs = views.co_mentions(rollup=filters.rollup)
    st.dataframe(pairs.head(200), width="stretch", hide_index=True)
    _ui.download(pairs, "co-mentions")

st.subheader("Every sentence about an actor")
actors = [""] + list(summary.groupby("actor")["mentions"].sum().sort_values(ascending=False).index)
outlets = [""] + sorted(views.articles()["outlet"].unique())
c1, c2 = st.columns(2)
actor = _ui.url_select("Actor", actors, key="focus_actor", format_func=lambda v: v or "choose an actor", container=c1)
outlet = _ui.url_select("Outlet", outlets, key="focus_outlet", format_func=lambda v: v or "any outlet", container=c2)
if actor:
    hits = views.get("mention_rows", actor, match="rollup" if filters.rollup else "actor",
                     outlets=(outlet,) if outlet else None)  # fmt: skip
    _ui.show_sentences(views, hits, title=f"{actor}" + (f" in {outlet}" if outlet else ""), terms=hits, key="actor")
else:
    st.caption("Click a mark above (a dot: one outlet; a diamond: all outlets) or choose an actor.")

with st.expander("Candidate actors: recurring names the dictionary does not know"):
    # Reading every text for names takes minutes on a large corpus: done when asked, then kept.
    asked = data.count() <= 2000 or st.toggle(f"Look for them in all {data.count():,} articles", key="find_candidates")
    candidates = _ui.candidates(data) if asked else []
    if not asked:
        st.caption("Switch this on to read every article for capitalised names the dictionary lacks.")
    elif candidates:
        st.dataframe([{"name": n, "mentions": c} for n, c in candidates[:100]], width="stretch", hide_index=True)
        st.caption("Add them as actors (kind, aliases, whom they speak for) on the Dictionary page to track them.")
    else:
        st.caption("None: every recurring capitalised name is in the dictionary.")
