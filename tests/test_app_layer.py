"""The pages draw their summaries from the analytic layer (lib.analytics, pages/_data.summaries),
and the layer follows the store: an edit, a bulk edit, a correction, a deletion, an upload.

Each test that says "from the layer" replaces the pandas summaries (the fallback) with ones
that fail, so a page that still read them would raise."""

from __future__ import annotations

import base64

import numpy as np
import pytest

from lib.analytics import Filters, queries
from tests.analytics.conftest import same_frame
from tests.test_app import ROOT, _editing, _once_switch, _tick, chart, run_page, syndicated_story  # noqa: F401

TONE_COLUMNS = ["outlet", "articles", "n_sentences", "polarity", "polarity_sd", "subjectivity", "quotes", "engine"]


@pytest.fixture(autouse=True)
def _isolated_store(app_data_dir):
    yield


@pytest.fixture
def frames_refused(monkeypatch):
    """The pandas summaries fail: whatever a page draws comes from the layer."""
    from pages import _data

    def refused(*args, **kwargs):
        raise AssertionError("a page read a pandas summary")

    for name, (query, _) in list(_data._SUMMARIES.items()):
        monkeypatch.setitem(_data._SUMMARIES, name, (query, refused))


@pytest.fixture
def frames_never_built(monkeypatch, frames_refused):
    """Building the corpus's frames fails, and so do the pandas summaries and views: a page
    that still read the frames would raise."""
    from pages import _data

    def refused(*args, **kwargs):
        raise AssertionError("a page built the corpus's frames")

    monkeypatch.setattr(_data, "_shared_corpus", refused)
    monkeypatch.setattr(_data, "build_tables", refused)
    for name, (query, _) in list(_data._BY_ID.items()):
        monkeypatch.setitem(_data._BY_ID, name, (query, refused))


ALL_PAGES = ["overview", "actors", "dictionary", "stance", "figures", "sources", "timeline", "compare", "articles",
             "reader", "methods"]  # fmt: skip


def html(at):
    return " ".join(h.proto.body for h in at.get("html"))


@pytest.mark.parametrize("name", ALL_PAGES)
def test_no_page_builds_the_frames(frames_never_built, name):
    at = run_page(name)
    assert not at.error, [e.value for e in at.error]
    assert at.get("plotly_chart") or name in ("dictionary", "articles", "reader", "methods")


@pytest.mark.parametrize(
    ("name", "params", "shown"),
    [
        ("overview", {"ov_actor": "Russia"}, "sw-actor"),
        ("overview", {"ov_outlet": "Anadolu Agency"}, "sw-"),
        ("actors", {"focus_actor": "NATO"}, "sw-actor"),
        ("stance", {"speaker": "Jens Stoltenberg"}, "sw-term"),
        ("sources", {"src_outlet": "Anadolu Agency"}, "sw-term"),
        ("figures", {}, "150,000"),
        ("timeline", {"tl_by": "actor", "tl_series": "Russia"}, "sw-actor"),
        ("compare", {"cmp_view": "voice", "cmp_focus": "Jens Stoltenberg"}, "sw-term"),
        ("articles", {"q": "troops"}, "sw-term"),
        ("reader", {}, "sw-"),
    ],
)
def test_the_drill_downs_read_the_layer_only(frames_never_built, name, params, shown):
    at = run_page(name, params)
    assert not at.error, [e.value for e in at.error]
    assert shown in html(at)
    assert any("Open in Reader" in str(link.proto) for link in at.get("page_link")) or name == "reader"


def test_a_chart_click_on_the_overview_lists_the_sentences_from_the_layer(frames_never_built):
    at = run_page("overview")
    points = chart(at, 0)["data"][0]["customdata"]
    at.session_state["tone_chart"] = {
        "selection": {"points": [{"customdata": points[0], "point_index": 0}], "point_indices": [0], "box": [],
                      "lasso": []},
    }  # fmt: skip
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="s_ov_outlet").value == points[0][0]
    assert "sentence(s)" in " ".join(c.value for c in at.caption)


def test_an_upload_is_appended_to_the_layer_without_frames(frames_never_built):

    at = run_page("overview")
    before = int(at.metric[0].value.replace(",", ""))
    text = b"Kyiv, 9 February 2022. Stoltenberg said that NATO wants dialogue with Russia. (frameless upload)"
    store, added = upload(at, "frameless.txt", text, "frameless upload")
    try:
        assert int(at.metric[0].value.replace(",", "")) == before + 1
        assert added.id in layer().ids()
    finally:
        store.delete_articles([added.id])


def upload(at, name: str, text: bytes, marker: str):
    """Upload one file through the sidebar and rerun; (the store, the article added, found by ``marker``)."""
    from pages._ui import get_store

    at.sidebar.get("file_uploader")[0].set_value([(name, text, "text/plain")])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    store = get_store()
    (added,) = [a for a in store.articles() if marker in a.text]
    return store, added


def layer():
    from pages._data import _open_layer

    held = _open_layer()
    assert held is not None
    return held.analytics


def values(data):
    """A trace's numbers: plotly sends numeric arrays packed ({"dtype", "bdata"})."""
    if isinstance(data, dict) and "bdata" in data:
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"]).tolist()
    return list(data)


def tone_table(at):
    """The Sources page's 'Outlets side by side' table."""
    return next(d.value for d in at.dataframe if list(d.value.columns) == TONE_COLUMNS)


@pytest.mark.parametrize("name", ["overview", "actors", "stance", "figures", "sources"])
def test_the_summary_pages_run_from_the_layer(frames_refused, name):
    at = run_page(name)
    assert not at.error, [e.value for e in at.error]


def test_the_tone_chart_and_table_are_the_query_result(frames_refused):
    expected = queries.outlet_tone(layer(), Filters(), "textblob")
    at = run_page("sources")
    same_frame(tone_table(at), expected, ["outlet"])
    bars = chart(run_page("overview"), 0)["data"][0]
    polarity = dict(zip(expected["outlet"], expected["polarity"], strict=True))
    for outlet, value in zip(bars["y"], values(bars["x"]), strict=True):
        if outlet in polarity:
            assert value == pytest.approx(polarity[outlet])


def test_the_filters_reach_the_query(frames_refused):
    outlet = queries.outlets(layer())[0]
    at = run_page("sources", {"outlet": outlet, "undated": "false"})
    expected = queries.outlet_tone(layer(), Filters(outlets=(outlet,), undated=False), "textblob")
    same_frame(tone_table(at), expected, ["outlet"])
    assert list(tone_table(at)["outlet"]) == [outlet]


@pytest.mark.parametrize("undated", ["true", "false"])
def test_a_date_range_and_the_undated_switch_reach_the_query(frames_refused, undated):
    import datetime as dt

    days = sorted(d for (d,) in layer().cursor().execute('SELECT DISTINCT "date" FROM articles').fetchall() if d)
    low, high = days[0], days[0] + dt.timedelta(days=3)
    at = run_page("sources", {"dates": [low.isoformat(), high.isoformat()], "undated": undated})
    expected = queries.outlet_tone(layer(), Filters(date_range=(low, high), undated=undated == "true"), "textblob")
    same_frame(tone_table(at), expected, ["outlet"])
    everything = queries.outlet_tone(layer(), Filters(), "textblob")
    assert int(expected["articles"].sum()) < int(everything["articles"].sum())


@pytest.mark.usefixtures("syndicated_story")
def test_counting_each_story_once_folds_the_copy_in_the_layer_queries(frames_refused):
    at = run_page("sources")
    every = int(tone_table(at)["articles"].sum())
    _once_switch(at).set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    assert int(tone_table(at)["articles"].sum()) == every - 1
    overview = run_page("overview", {"once": "true"})  # the header counts come from the layer too
    assert int(overview.metric[0].value) == every - 1


def test_another_engine_is_scored_in_the_layer_and_drawn(frames_refused):
    at = run_page("sources")
    next(s for s in at.sidebar.selectbox if s.label == "Sentiment engine").select("vader").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "vader" in layer().engines() and set(tone_table(at)["engine"]) == {"vader"}
    same_frame(tone_table(at), queries.outlet_tone(layer(), Filters(), "vader"), ["outlet"])


def test_an_outlet_edited_in_the_reader_shows_on_the_overview_from_the_layer(frames_refused, seed_articles):
    from pages._ui import get_store

    article = next(a for a in seed_articles if a.file.startswith("004"))
    try:
        at = run_page("reader", {"article": article.id})
        at.text_input[0].input("Layer Reader Times")
        at.button[0].click().run()
        assert not at.exception
        at.switch_page(str(ROOT / "pages" / "overview.py")).run()
        assert "Layer Reader Times" in chart(at, 0)["data"][0]["y"]
        assert "Layer Reader Times" in queries.outlets(layer())
    finally:
        get_store().update_metadata(article.id, {"outlet": article.outlet or ""})
    assert "Layer Reader Times" not in set(tone_table(run_page("sources"))["outlet"])


def test_a_bulk_outlet_edit_shows_on_the_overview_and_sources_from_the_layer(frames_refused):
    from pages._ui import get_store

    at = _editing({"sort": "title"})
    chosen = at.dataframe[0].value["article_id"].tolist()[:2]
    previous = get_store().articles(ids=chosen)
    try:
        _tick(at, [0, 1])
        at.text_input(key="edit_outlet_new").input("Layer Bulk Herald")
        at.button(key="edit_set_outlet").click().run()
        assert not at.exception, [e.value for e in at.exception]
        at.switch_page(str(ROOT / "pages" / "overview.py")).run()
        assert "Layer Bulk Herald" in chart(at, 0)["data"][0]["y"]
        at.switch_page(str(ROOT / "pages" / "sources.py")).run()
        row = tone_table(at).set_index("outlet").loc["Layer Bulk Herald"]
        assert row["articles"] == 2
    finally:
        get_store().restore_metadata(previous)
    assert "Layer Bulk Herald" not in set(tone_table(run_page("sources"))["outlet"])


def test_an_upload_shows_and_a_deletion_disappears_from_the_layer(frames_refused):
    from pages._ui import get_store

    batch = (
        b"text,outlet,date\n"
        b'"Kyiv, 9 February 2022. The mayor of Zhytomyr said that the shelters were ready, and '
        b'Stoltenberg said that NATO wants dialogue.",Layer Deletion Post,2022-02-09\n'
    )
    at = run_page("overview")
    at.sidebar.get("file_uploader")[0].set_value([("layer-batch.csv", batch, "text/csv")])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    store = get_store()
    (added,) = [a for a in store.articles() if a.outlet == "Layer Deletion Post"]
    try:
        at.switch_page(str(ROOT / "pages" / "sources.py")).run()
        assert "Layer Deletion Post" in set(tone_table(at)["outlet"])
        assert added.id in layer().ids()
        store.delete_articles([added.id])  # as the Articles page's delete does
        at.run()
        assert not at.exception
        assert "Layer Deletion Post" not in set(tone_table(at)["outlet"])
        assert added.id not in layer().ids()
    finally:
        store.delete_articles([added.id])


def test_a_correction_shows_on_the_stance_page_from_the_layer(frames_refused, seed_articles):
    from lib.analysis import analyze_article
    from lib.corrections import speaker_fix
    from pages._ui import get_store

    article = next(a for a in seed_articles if a.file.startswith("001"))
    said = analyze_article(article).quotes[0]
    store = get_store()
    fix = store.save_correction(speaker_fix(article.id, said.start, said.end, said.speaker, "Layer Corrected Speaker"))
    try:
        at = run_page("stance")
        speakers = next(d.value for d in at.dataframe if "n_quotes" in d.value.columns and "outlet" in d.value.columns)
        assert "Layer Corrected Speaker" in set(speakers["speaker"])
    finally:
        store.remove_correction(fix)
    at.run()
    speakers = next(d.value for d in at.dataframe if "n_quotes" in d.value.columns and "outlet" in d.value.columns)
    assert "Layer Corrected Speaker" not in set(speakers["speaker"])


def test_a_private_upload_in_read_only_mode_is_drawn_from_the_frames(monkeypatch):
    monkeypatch.setenv("STANCEWATCH_READ_ONLY", "true")
    batch = b'text,outlet\n"Zelensky said that Ukraine wants peace talks with Russia.",Private Layer Post\n'
    at = run_page("sources")
    at.sidebar.get("file_uploader")[0].set_value([("private-layer.csv", batch, "text/csv")])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Private Layer Post" in set(tone_table(at)["outlet"])  # the session's frames
    assert "Private Layer Post" not in queries.outlets(layer())  # not in the shared layer


@pytest.mark.parametrize(
    ("url", "persistent", "expected"),
    [
        ("sqlite:////srv/data/stancewatch.db", True, "/srv/data/stancewatch.duckdb"),
        ("sqlite://", False, None),
        ("sqlite:////srv/data/stancewatch.db", False, None),
    ],
)
def test_the_layer_file_sits_beside_the_store(url, persistent, expected):
    from types import SimpleNamespace

    from pages._data import _layer_path

    path = _layer_path(SimpleNamespace(url=url, persistent=persistent))  # type: ignore[arg-type]
    assert (str(path) if path else None) == expected


def test_for_postgresql_the_layer_file_is_named_after_the_database(tmp_path, monkeypatch):
    from types import SimpleNamespace

    from pages._data import _layer_path

    monkeypatch.setenv("STANCEWATCH_DATA_DIR", str(tmp_path))
    first = _layer_path(SimpleNamespace(url="postgresql+psycopg://u:p@db/one", persistent=True))  # type: ignore[arg-type]
    other = _layer_path(SimpleNamespace(url="postgresql+psycopg://u:p@db/two", persistent=True))  # type: ignore[arg-type]
    assert first is not None and other is not None and first.parent == tmp_path and first != other
    assert "p@db" not in first.name  # the URL (and its password) is not in the name


def test_with_the_layer_switched_off_the_pages_use_the_frames(monkeypatch):
    from pages import _data

    monkeypatch.setenv("STANCEWATCH_ANALYTICS", "off")

    def refused(*args, **kwargs):
        raise AssertionError("the layer was queried while switched off")

    for name, (_, summary) in list(_data._SUMMARIES.items()):
        monkeypatch.setitem(_data._SUMMARIES, name, (refused, summary))
    for name, (_, summary) in list(_data._BY_ID.items()):
        monkeypatch.setitem(_data._BY_ID, name, (refused, summary))
    for name in ALL_PAGES:
        assert not run_page(name).error, name
    for name, params in (("overview", {"ov_actor": "Russia"}), ("stance", {"speaker": "Jens Stoltenberg"}),
                         ("timeline", {"tl_by": "actor", "tl_series": "Russia"}), ("articles", {"q": "troops"})):  # fmt: skip
        at = run_page(name, params)
        assert not at.error and "sw-" in html(at), name


@pytest.mark.parametrize("name", ["overview", "figures"])
def test_the_prefetched_queries_run_in_threads_and_the_page_reads_their_results(frames_refused, monkeypatch, name):
    """View.prefetch runs a page's independent queries at once, each in a worker thread, and
    the page's own reads of them are then answered from the shared results."""
    import threading

    from pages import _data

    calls: list[tuple[str, str]] = []
    for summary, (query, fallback) in list(_data._SUMMARIES.items()):

        def counted(*args, _query=query, _name=summary, **kwargs):
            calls.append((_name, threading.current_thread().name))
            return _query(*args, **kwargs)

        monkeypatch.setitem(_data._SUMMARIES, summary, (counted, fallback))
    _data._layer_result.clear()
    held = _data._open_layer()
    if held is not None:
        held.per_measure.clear()
    at = run_page(name)
    assert not at.error, [e.value for e in at.error]
    prefetched = {"overview": "outlet_values", "figures": "measure_summary"}[name]
    threads = [thread for summary, thread in calls if summary == prefetched]
    assert len(threads) == 1  # queried once: the page's own read was a cache hit
    assert threads[0].startswith("ThreadPoolExecutor")  # not the script's thread


def test_an_upload_patches_the_per_measure_summaries_to_what_a_full_query_gives(frames_refused, monkeypatch):
    """After an upload, the Overview's and the Figures page's per-measure summaries are the old
    ones with the rows of the measures the new article cites queried again: equal to the whole
    query, and the other measures are not asked for."""
    from pages import _data

    asked: list[object] = []
    for name in _data._PER_MEASURE:
        query, fallback = _data._SUMMARIES[name]

        def noted(*args, _query=query, **kwargs):
            asked.append(kwargs.get("measures"))
            return _query(*args, **kwargs)

        monkeypatch.setitem(_data._SUMMARIES, name, (noted, fallback))
    at = run_page("figures")
    text = (
        b"Kyiv, 9 February 2022. Officials said that 175,000 Russian troops were massed near the border, "
        b"and the ministry said 40,000 Ukrainian troops stood ready. (per-measure upload)"
    )
    asked.clear()
    store, added = upload(at, "per-measure.txt", text, "per-measure upload")
    try:
        held = _data._open_layer()
        cited = held.analytics.measures_of([added.id])
        assert cited and held.transition is not None and held.transition[2] == cited
        assert asked and all(sorted(m) == sorted(cited) for m in asked)  # only those measures queried again
        patched = {entry: frame for entry, (key, frame) in held.per_measure.items() if key == held.key}
        assert {entry[0] for entry in patched} == {"outlet_values", "measure_summary"}
        for (name, filters, args, kwargs), frame in patched.items():
            whole = getattr(queries, name)(held.analytics, filters, *args, **dict(kwargs))
            keys = ["measure", "outlet"] if name == "outlet_values" else ["measure"]
            same_frame(frame, whole, keys)
            assert list(frame["measure"]) == list(whole["measure"])  # in the summary's order
    finally:
        store.delete_articles([added.id])
