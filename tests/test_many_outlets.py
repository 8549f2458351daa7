"""Every page on a corpus of 50+ outlets: no chart axis holds more categories than it has room for.

The corpus is the benchmark's (bench.corpus: the seeds' and, when present, the shared
articles' paragraphs recombined), spread over ``bench.outlet_names`` (long names and names
with +, &, #, % among them). The room is read from the plotly spec the page sends: a category
row needs ``MIN_ROW_PX`` of the plot's height, a category column ``MIN_COLUMN_PX`` of
``NOMINAL_WIDTH`` (the narrowest place a chart is put: half of the wide layout).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

from lib.charts import MIN_COLUMN_PX, MIN_ROW_PX, NOMINAL_WIDTH
from tests.conftest import ROOT

ENTRY = ROOT / "tests" / "app_entry" / "app.py"
PAGES = [
    "overview",
    "actors",
    "stance",
    "figures",
    "sources",
    "timeline",
    "compare",
    "articles",
    "reader",
    "methods",
]
ARTICLES = 240
OUTLETS = 60


@pytest.fixture(scope="module")
def many_outlets(tmp_path_factory):
    """A store of ARTICLES benchmark articles over OUTLETS outlets, analysed, opened by the
    app instead of the session's store (Streamlit's caches are cleared before and after)."""
    import os

    import streamlit as st

    from bench.__main__ import corpus, outlet_names
    from lib.corpus import store_analyses
    from lib.store import DATABASE_URL_ENV, Store

    folder = tmp_path_factory.mktemp("many-outlets")
    url = f"sqlite:///{folder / 'many.db'}"
    store = Store(url)
    store.add_articles(corpus(ARTICLES, outlets=outlet_names(OUTLETS)))
    store_analyses(store, store.articles())
    outlets = {a.outlet for a in store.articles()}
    store.close()
    assert len(outlets) >= 50, len(outlets)
    before = os.environ.get(DATABASE_URL_ENV)
    os.environ[DATABASE_URL_ENV] = url
    st.cache_resource.clear()
    st.cache_data.clear()
    yield outlets
    if before is None:
        os.environ.pop(DATABASE_URL_ENV, None)
    else:
        os.environ[DATABASE_URL_ENV] = before
    st.cache_resource.clear()
    st.cache_data.clear()


def run_page(name: str) -> AppTest:
    at = AppTest.from_file(str(ENTRY), default_timeout=300)
    at.run()
    if name != "overview":
        at.switch_page(str(ROOT / "pages" / f"{name}.py")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _is_date(value: object) -> bool:
    try:
        dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return False
    return True


def categories(spec: dict, axis: str) -> set[str]:
    """The categories on ``axis`` ("x" or "y") of a plotly spec: the axis is a category axis
    (declared, or its values are strings that are not dates)."""
    declared = spec["layout"].get(f"{axis}axis", {}).get("type")
    values = [v for trace in spec["data"] for v in (trace.get(axis) or []) if v is not None]
    if declared == "category" or (
        declared is None and values and all(isinstance(v, str) and not _is_date(v) for v in values)
    ):
        return {str(v) for v in values}
    return set()


def crowding(spec: dict) -> list[str]:
    """What is wrong with a chart's room for its categories (empty: nothing)."""
    layout = spec["layout"]
    margin = layout.get("margin", {})
    rotated = bool(categories(spec, "x"))  # room under the plot for the x labels
    plot_height = layout.get("height", 450) - margin.get("t", 100) - margin.get("b", 80) - (120 if rotated else 40)
    title = layout.get("title", {}).get("text", "")
    problems = []
    rows = categories(spec, "y")
    if rows and plot_height / len(rows) < MIN_ROW_PX:
        problems.append(f"{title}: {len(rows)} rows in {plot_height} px")
    columns = categories(spec, "x")
    if columns and NOMINAL_WIDTH / len(columns) < MIN_COLUMN_PX:
        problems.append(f"{title}: {len(columns)} columns in {NOMINAL_WIDTH} px")
    return problems


@pytest.mark.parametrize("name", PAGES)
def test_every_page_has_room_for_its_categories_at_50_outlets(many_outlets, name):
    at = run_page(name)
    assert not at.error, [e.value for e in at.error]
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    problems = [p for spec in specs for p in crowding(spec)]
    assert not problems, problems


def test_the_overview_pools_the_outlets_it_does_not_name(many_outlets):
    at = run_page("overview")
    tone = json.loads(at.get("plotly_chart")[0].proto.spec)
    rows = tone["data"][0]["y"]
    assert len(rows) <= 16 and any(r.startswith("other ") for r in rows)
    heat = json.loads(at.get("plotly_chart")[1].proto.spec)
    assert heat["data"][0]["type"] == "scatter"  # selectable, unlike a heatmap
    assert any(c.startswith("other ") for c in heat["data"][0]["x"])


def test_the_stance_page_opens_on_speakers_with_two_statements_or_more(many_outlets):
    import re

    at = run_page("stance")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    pooled = next(t for t in spec["data"] if t["name"] == "all outlets")
    subtitle = spec["layout"]["title"]["subtitle"]["text"]
    speakers = int(re.search(r"of (\d+) speakers", subtitle).group(1))
    # Past 20 speakers the page opens on those with two statements or more (the corpus has
    # fewer without the shared articles' paragraphs, which bench.corpus recombines when present).
    least = 2 if speakers > 20 else 1
    assert 1 < len(pooled["y"]) <= 20
    assert all(row[3] >= least for row in pooled["customdata"])
    assert f"≥ {least} statement" in subtitle


def test_raising_the_minimum_n_moves_outlets_into_other(many_outlets):
    at = run_page("overview")
    before = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["y"]
    at.number_input(key="cc_tone_min_n").set_value(10_000).run()
    after = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["y"]
    assert len(after) == 1 and after[0].startswith("other ") and len(before) > 1


def _stance_rows(at: AppTest) -> dict[str, int]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    pooled = next(t for t in spec["data"] if t["name"] == "all outlets")
    return {row[0]: row[3] for row in pooled["customdata"]}


def test_roll_up_changes_the_stance_page(many_outlets):
    at = run_page("stance")
    people = _stance_rows(at)
    next(t for t in at.sidebar.toggle if t.label.startswith("Roll people up")).set_value(True).run()
    assert not at.exception
    rolled = _stance_rows(at)
    assert rolled != people
    assert "Sergey Lavrov" not in rolled and rolled.get("Russia", 0) > people.get("Russia", 0)


def test_the_analyst_picks_the_outlets_in_colour(many_outlets):
    at = run_page("stance")
    chosen = at.multiselect(key="stance_outlets").options[-2:]
    at.multiselect(key="stance_outlets").set_value(chosen).run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    named = [t["name"] for t in spec["data"] if not t["name"].startswith(("other ", "all outlets"))]
    assert len(named) <= 2 and all(any(c.startswith(n.rstrip("…")) for c in chosen) for n in named)


def test_the_outlets_in_colour_start_as_the_eight_that_quote_most_without_a_widget_warning(many_outlets):
    from unittest import mock

    from streamlit.elements.lib import policies

    with mock.patch.object(policies._LOGGER, "warning") as warned:
        at = run_page("stance")
        box = at.multiselect(key="stance_outlets")
        assert len(box.value) == 8 and box.value == box.options[:8]
        at.sidebar.multiselect(key="f_outlet").select(box.value[0]).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.multiselect(key="stance_outlets").value == [box.value[0]]
    assert not warned.called, warned.call_args


def _click(at: AppTest, chart_key: str, customdata: list) -> None:
    """A chart selection as Streamlit hands it to the page (AppTest cannot click a plotly mark)."""
    point = {"customdata": customdata, "point_index": 0}
    at.session_state[chart_key] = {"selection": {"points": [point], "point_indices": [0], "box": [], "lasso": []}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize(
    ("page", "chart", "index", "keys"),
    [
        ("overview", "heat_chart", 1, {"ov_actor": 0, "ov_outlet": 1}),
        ("stance", "target_chart", 1, {"speaker": 0, "target": 1}),
    ],
)
def test_a_grid_cell_drills_down_to_its_sentences(many_outlets, page, chart, index, keys):
    at = run_page(page)
    cells = json.loads(at.get("plotly_chart")[index].proto.spec)["data"][0]
    assert cells["type"] == "scatter" and cells["marker"]["symbol"] == "square"
    named = next(c for c in cells["customdata"] if all(c[i] for i in keys.values()))  # not a pooled column
    _click(at, chart, named)
    for key, position in keys.items():
        assert at.selectbox(key=f"s_{key}").value == named[position]
    headings = [m.value for m in at.markdown if m.value.startswith("####")]
    assert headings, "no sentences listed under the selection"


def test_the_other_bar_drills_down_to_the_outlets_it_pools(many_outlets):
    at = run_page("overview")
    tone = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    named = {c[0] for c in tone["customdata"] if not c[0].startswith("other ")}
    pooled = next(c for c in tone["customdata"] if c[0].startswith("other "))
    _click(at, "tone_chart", pooled)
    assert at.selectbox(key="s_ov_outlet").value == pooled[0]
    frames = [d.value for d in at.dataframe]
    listed = {o for frame in frames if "outlet" in getattr(frame, "columns", []) for o in frame["outlet"]}
    captions = " ".join(c.value for c in at.caption)
    # Sentences of pooled outlets are listed; none of a named bar's outlets.
    assert not any(f"{outlet} ·" in captions for outlet in named)
    assert any(f"{outlet} ·" in captions for outlet in many_outlets - named)
    assert listed <= (many_outlets - named) if listed else True
