"""The dashboard as a person uses it, through Streamlit's AppTest."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

PAGES = ["overview", "actors", "stance", "figures", "sources", "reader", "methods"]


@pytest.fixture(autouse=True)
def _isolated_store(app_data_dir):
    yield


ENTRY = ROOT / "tests" / "app_entry" / "app.py"


def run_page(name: str, params: dict[str, str | list[str]] | None = None) -> AppTest:
    """The app as Streamlit serves it, on ``name``. Through an entry script with no pages/
    folder beside it: AppTest resets Streamlit's pages-folder flag before every run, which
    would otherwise cost each run a navigation rerun (and a button its click)."""
    at = AppTest.from_file(str(ENTRY), default_timeout=120)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if name != "overview":
        at.switch_page(str(ROOT / "pages" / f"{name}.py")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def chart(at: AppTest, index: int) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


@pytest.mark.parametrize("name", PAGES)
def test_every_page_runs_on_the_seeds(name):
    at = run_page(name)
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value.lower() == name


def test_overview_charts_hold_the_seed_data():
    at = run_page("overview")
    tone, heat = chart(at, 0), chart(at, 1)
    assert set(tone["data"][0]["y"]) == {"Korrespondent", "Anadolu Agency", "(unknown outlet)"}
    assert "Russia" in heat["data"][0]["y"] and "Jens Stoltenberg" in heat["data"][0]["y"]
    assert [m.value for m in at.metric][:2] == ["5", "3"]


def test_figures_page_puts_150000_beside_100000():
    at = run_page("figures")
    bars = chart(at, 0)["data"][0]
    assert bars["text"] == ["150,000", "100,000", "100,000"]
    assert "disagree" in chart(at, 0)["layout"]["title"]["text"]
    assert any("150,000" in w.value for w in at.warning)


def test_stance_page_has_a_mark_per_speaker_and_outlet():
    at = run_page("stance")
    speakers = {y for trace in chart(at, 0)["data"] for y in trace["y"]}
    assert {"Jens Stoltenberg", "Sergey Lavrov", "Boris Johnson"} <= speakers


def test_query_params_restore_filters_and_selection():
    at = run_page("stance", {"outlet": "Anadolu Agency", "speaker": "Jens Stoltenberg"})
    assert at.sidebar.multiselect(key="f_outlet").value == ["Anadolu Agency"]
    assert at.selectbox(key="s_speaker").value == "Jens Stoltenberg"
    frame = at.dataframe[0].value
    assert set(frame["outlet"]) == {"Anadolu Agency"} and len(frame) >= 4


def test_reader_restores_article_and_sentence_from_the_url(seed_articles):
    article = next(a for a in seed_articles if a.file.startswith("001"))
    at = run_page("reader", {"article": article.id, "sentence": "3"})
    html = " ".join(h.proto.body for h in at.get("html"))
    assert 'id="sw-focus"' in html and "150,000" in html and "sw-figure" in html


def test_a_chart_click_lists_the_sentences_behind_it():
    at = run_page("figures")
    points = chart(at, 0)["data"][0]["customdata"]
    at.session_state["figure_chart"] = {
        "selection": {
            "points": [{"customdata": points[0], "point_index": 0}],
            "point_indices": [0],
            "box": [],
            "lasso": [],
        }
    }
    at.run()
    assert not at.exception
    assert at.selectbox(key="s_figure_article").value == points[0][0]
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "150,000" in html and "100,000 units" not in html


def test_engine_choice_is_labelled():
    at = run_page("overview", {"engine": "vader"})
    assert "VADER" in chart(at, 0)["layout"]["xaxis"]["title"]["text"]


def test_upload_through_the_sidebar_adds_and_escapes(tmp_path):
    at = run_page("overview")
    hostile = (
        b"Lavrov said that Russia wants talks. <script>alert(1)</script> <img src=x onerror=alert(2)>\nCredit | AA"
    )
    at.sidebar.get("file_uploader")[0].set_value(
        [("hostile.txt", hostile, "text/plain"), ("empty.txt", b"  ", "text/plain")]
    )
    at.run()
    assert not at.exception
    messages = " ".join(m.value for m in at.sidebar.markdown)
    assert "hostile" in messages and "added" in messages
    assert "⛔" in messages and "the file is empty" in messages
    at.switch_page(str(ROOT / "pages" / "reader.py")).run()
    options = at.selectbox(key="s_article").options
    assert any("hostile" in o for o in options)
    target = next(o for o in at.selectbox(key="s_article").options if "hostile" in o)
    at.selectbox(key="s_article").select(target).run()
    body = " ".join(h.proto.body for h in at.get("html"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script>alert" not in body


def test_filters_follow_the_analyst_across_pages():
    at = run_page("overview", {"outlet": "Korrespondent"})
    assert at.metric[0].value == "1"
    at.query_params.clear()  # the sidebar's page links drop the query string
    at.switch_page(str(ROOT / "pages" / "sources.py")).run()
    assert at.sidebar.multiselect(key="f_outlet").value == ["Korrespondent"]
    assert at.query_params["outlet"] == ["Korrespondent"] or at.query_params["outlet"] == "Korrespondent"
    assert set(at.dataframe[0].value["outlet"]) == {"Korrespondent"}


def test_read_only_mode_keeps_uploads_private_until_the_token(monkeypatch):
    from pages._ui import get_store

    monkeypatch.setenv("STANCEWATCH_READ_ONLY", "true")
    monkeypatch.setenv("STANCEWATCH_UPLOAD_TOKEN", "s3cret-token")
    before = get_store().count()
    viewer = run_page("overview")
    assert any("Read-only corpus" in c.value for c in viewer.sidebar.caption)
    private = b"Zelensky said that Ukraine wants peace talks with Russia in Istanbul next week."
    viewer.sidebar.get("file_uploader")[0].set_value([("private-note.txt", private, "text/plain")])
    viewer.run()
    assert not viewer.exception
    assert get_store().count() == before  # the shared corpus is unchanged
    assert viewer.metric[0].value == str(before + 1)  # but this viewer sees their upload

    other = run_page("overview")  # another viewer's session
    assert other.metric[0].value == str(before)

    viewer.sidebar.text_input(key="token_input").input("wrong").run()
    assert any("not right" in e.value for e in viewer.sidebar.error)
    viewer.sidebar.text_input(key="token_input").input("s3cret-token").run()
    shared = b"Stoltenberg said that NATO remains open to dialogue with Moscow, in Brussels on Friday."
    viewer.sidebar.get("file_uploader")[0].set_value([("shared-note.txt", shared, "text/plain")])
    viewer.run()
    assert get_store().count() == before + 1


def test_a_batch_with_other_column_names_can_be_mapped():
    at = run_page("overview")
    before = int(at.metric[0].value)
    batch = b"para,pub\nRussia said that talks with NATO in Geneva made some progress this week.,Example Daily\n"
    at.sidebar.get("file_uploader")[0].set_value([("mapped.csv", batch, "text/csv")])
    at.run()
    assert any("no text column" in m.value for m in at.sidebar.markdown)
    at.sidebar.selectbox(key="map-mapped.csv-text").select("para")  # a form: choices commit with the submit
    at.sidebar.selectbox(key="map-mapped.csv-outlet").select("pub")
    at.sidebar.button[0].click().run()
    assert not at.exception
    assert int(at.metric[0].value) == before + 1
    assert "Example Daily" in at.sidebar.multiselect(key="f_outlet").options


def test_an_edited_outlet_persists_and_the_charts_follow(seed_articles):
    article = next(a for a in seed_articles if a.file.startswith("004"))
    at = run_page("reader", {"article": article.id})
    at.text_input[0].input("Republic World")
    at.button[0].click().run()
    assert not at.exception
    at.switch_page(str(ROOT / "pages" / "overview.py")).run()
    assert "Republic World" in chart(at, 0)["data"][0]["y"]


def test_an_upload_dated_after_the_corpus_shows_at_once():
    at = run_page("overview")
    before = int(at.metric[0].value)
    text = "Kyiv, 3 March 2022. Dmytro Kuleba said on Thursday that more than 40,000 troops had gathered."
    at.sidebar.get("file_uploader")[0].set_value([("later.txt", text.encode(), "text/plain")])
    at.run()
    assert not at.exception
    assert int(at.metric[0].value) == before + 1  # the whole-span date filter grew with the corpus
