"""Compare: two outlets, or two groups of outlets (a country's, or a group the analyst names),
side by side: tone, whom they quote, the stance of the speakers they quote, the figures they
cite. Click any mark for the sentences behind it."""

import streamlit as st

from lib import charts_time
from lib.timeseries import COMPARE_VIEWS, Group, country_groups, outlet_countries
from pages import _ui
from pages._controls import chart_settings
from pages._state import url_multiselect

data, filters, views = _ui.page_setup(
    "Compare",
    "Two outlets or two groups of outlets side by side. A country's outlets come from lib/data/outlets.yml; "
    "a named group is any set of outlets you choose. Click any mark to read the sentences behind it.",
)

KINDS = {"outlet": "One outlet", "country": "A country's outlets", "group": "A group I name"}
outlets = list(views.articles()["outlet"].value_counts().index)
countries = country_groups(outlets, outlet_countries())


def rotated(options: list[str], side: str) -> list[str]:
    """B's options start at the second: two sides that open on the same outlet compare nothing."""
    return options[1:] + options[:1] if side == "b" and len(options) > 1 else options


def choose_group(side: str, container: object) -> Group:
    """One side's group, every choice in the URL (cmp_<side>_kind, cmp_<side>, ...)."""
    with container:  # type: ignore[attr-defined]
        st.markdown(f"**Group {side.upper()}**")
        kind = _ui.url_select("Compare", list(KINDS), key=f"cmp_{side}_kind", format_func=KINDS.__getitem__)
        if kind == "outlet":
            outlet = _ui.url_select("Outlet", rotated(outlets, side), key=f"cmp_{side}")
            return Group(outlet, (outlet,))
        if kind == "country":
            names = rotated(list(countries), side)
            country = _ui.url_select(
                "Country", names, key=f"cmp_{side}", format_func=lambda c: f"{c} ({len(countries[c].outlets)} outlets)"
            )
            return countries[country]
        name = _ui.url_text("Name", key=f"cmp_{side}_name", placeholder=f"Group {side.upper()}")
        members = url_multiselect("Outlets", outlets, key=f"cmp_{side}_outlets", placeholder="Choose outlets")
        return Group(name or f"Group {side.upper()}", tuple(members))


left, right = st.columns(2)
group_a = choose_group("a", left)
group_b = choose_group("b", right)
comparison = views.get("compare", group_a, group_b, engine=filters.engine, rollup=filters.rollup)
if not group_a.outlets or not group_b.outlets:
    st.info("Choose at least one outlet for each group.")

overview = comparison.overview.set_index("group")
st.dataframe(
    overview.rename(columns={"tone": f"tone ({filters.engine_label.split(' (')[0]})", "tone_sd": "tone SD"}).T,
    width="stretch",
)

settings = chart_settings("compare", unit="n", top=12, min_n=1, whiskers=False, sorts={"n": "by n (both groups)"})
events = {}
for row in (("tone", "voice"), ("stance", "figures")):
    for column, view in zip(st.columns(2), row, strict=True):
        with column:
            events[view] = st.plotly_chart(
                charts_time.compare_chart(
                    comparison,
                    view,
                    engine_label=filters.engine_label,
                    max_categories=settings.top,
                    min_n=settings.min_n,
                ),
                key=f"cmp_chart_{view}",
                on_select="rerun",
                selection_mode="points",
            )
for view, event in events.items():
    _ui.apply_selection(f"cmp_chart_{view}", _ui.selected_points(event), {"cmp_focus": 0, "cmp_side": 2, "cmp_view": 3})

st.subheader("The sentences behind a mark")
groups = dict(zip("ab", comparison.groups, strict=True))
c1, c2, c3 = st.columns(3)
view = _ui.url_select("What", list(COMPARE_VIEWS), key="cmp_view", format_func=COMPARE_VIEWS.__getitem__, container=c1)
side = _ui.url_select("Group", ["a", "b"], key="cmp_side", format_func=lambda s: groups[s].name, container=c2)
frame = getattr(comparison, view)
category = {"tone": "actor", "voice": "speaker", "stance": "speaker", "figures": "measure"}[view]
choices = [""] + sorted(frame.loc[frame["group"] == groups[side].name, category].astype(str).unique())
focus = _ui.url_select("Which", choices, key="cmp_focus", format_func=lambda v: v or "choose one", container=c3)
if focus:
    rows = views.get("compare_rows", groups[side], view=view, key=focus, rollup=filters.rollup)
    _ui.show_sentences(
        views,
        rows[["article_id", "sentence_index"]],
        title=f"{focus} in {groups[side].name}",
        terms=rows,
        key="compare",
    )
else:
    st.caption("Click a mark above, or choose what to read here.")

for name in ("tone", "voice", "stance", "figures"):
    _ui.download(getattr(comparison, name), f"compare-{name}", label=f"Download the comparison: {name} (CSV)")
