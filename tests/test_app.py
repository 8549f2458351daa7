"""The dashboard as a person uses it, through Streamlit's AppTest."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

PAGES = ["overview", "actors", "stance", "figures", "sources", "articles", "reader", "methods"]


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

    # A syndicated copy of a stored article is flagged, though nothing is written.
    stored = get_store().articles()[0].text
    copy = ("Syndicated by another desk\n" + stored + "\nCredit | AA").encode()
    viewer.sidebar.get("file_uploader")[0].set_value([("copy.txt", copy, "text/plain")])
    viewer.run()
    assert "near\\-duplicate of an article already in the corpus" in " ".join(m.value for m in viewer.sidebar.markdown)
    assert get_store().count() == before

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
    from pages._ui import get_store

    article = next(a for a in seed_articles if a.file.startswith("004"))
    try:
        at = run_page("reader", {"article": article.id})
        at.text_input[0].input("Republic World")
        at.button[0].click().run()
        assert not at.exception
        at.switch_page(str(ROOT / "pages" / "overview.py")).run()
        assert "Republic World" in chart(at, 0)["data"][0]["y"]
    finally:  # the store is shared by the session's AppTests: put the seed back as it was
        get_store().update_metadata(article.id, {"outlet": article.outlet or ""})


def test_an_upload_dated_after_the_corpus_shows_at_once():
    at = run_page("overview")
    before = int(at.metric[0].value)
    text = "Kyiv, 3 March 2022. Dmytro Kuleba said on Thursday that more than 40,000 troops had gathered."
    at.sidebar.get("file_uploader")[0].set_value([("later.txt", text.encode(), "text/plain")])
    at.run()
    assert not at.exception
    assert int(at.metric[0].value) == before + 1  # the whole-span date filter grew with the corpus


# ---- URL state, shared links, the Articles page, the Reader's focus ----------------------------------

HOSTILE_OUTLETS = ["+Formula Outlet", "A&B News", "#1 Daily", "100% Truth", 'The "Quoted" Herald', "Київ Пост"]


def _hostile_batch() -> bytes:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["text", "outlet", "date", "title"])
    for index, outlet in enumerate(HOSTILE_OUTLETS):
        writer.writerow(
            [
                f"Stoltenberg said on day {index} that NATO is open to dialogue with Russia. "
                "Lavrov said that Russia wants security guarantees before any talks.",
                outlet,
                "2022-02-15",
                f"Hostile story {index}",
            ]
        )
    return buffer.getvalue().encode()


@pytest.fixture
def hostile_outlets():
    """Six articles from outlets whose names break a naive link, uploaded as a person would;
    removed afterwards so that later tests see the seeds only."""
    from pages._ui import get_store

    at = run_page("overview")
    at.sidebar.get("file_uploader")[0].set_value([("hostile.csv", _hostile_batch(), "text/csv")])
    at.run()
    assert not at.exception
    assert set(HOSTILE_OUTLETS) <= set(at.sidebar.multiselect(key="f_outlet").options)
    yield HOSTILE_OUTLETS
    store = get_store()
    for article in store.articles():
        if article.outlet in HOSTILE_OUTLETS:
            store.delete_articles([article.id])


def shared_link(at: AppTest) -> str:
    codes = [c.value for c in at.sidebar.get("code")]
    assert len(codes) == 1, codes
    return codes[0]


def open_link(link: str, page_name: str = "overview") -> AppTest:
    """A fresh session opening ``link``'s query (as the browser hands it to Streamlit)."""
    import urllib.parse

    query = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query, keep_blank_values=True)
    at = AppTest.from_file(str(ENTRY), default_timeout=120)
    for key, values in query.items():
        at.query_params[key] = values if len(values) > 1 else values[0]
    at.run()
    if page_name != "overview":
        at.switch_page(str(ROOT / "pages" / f"{page_name}.py")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _view(at: AppTest) -> dict:
    """What a person sees of a view: filters, drill-down choices, numbers, drill-down title."""
    return {
        "outlets": at.sidebar.multiselect(key="f_outlet").value,
        "dates": at.sidebar.date_input(key="f_dates").value,
        "switches": [(t.label, t.value) for t in at.sidebar.toggle],
        "selects": {s.key: s.value for s in at.main.selectbox},
        "metrics": [m.value for m in at.metric],
        "headings": [m.value for m in at.markdown if m.value.startswith("####")],
    }


def test_a_shared_link_round_trips_hostile_outlet_names_and_the_selection(hostile_outlets):
    import datetime as dt

    at = run_page("overview")
    at.sidebar.multiselect(key="f_outlet").set_value(hostile_outlets[:5]).run()
    at.sidebar.date_input(key="f_dates").set_value((dt.date(2022, 2, 14), dt.date(2022, 2, 16))).run()
    at.sidebar.toggle[0].set_value(False).run()  # drop undated articles
    at.selectbox(key="s_ov_outlet").select("+Formula Outlet").run()
    at.selectbox(key="s_ov_actor").select("Jens Stoltenberg").run()
    assert not at.exception
    link = shared_link(at)
    # Encoded: a plus stays a plus, "&", "#", "%", quotes and Cyrillic are escaped.
    assert "%2BFormula+Outlet" in link and "A%26B+News" in link and "%231+Daily" in link and "100%25+Truth" in link
    assert "#" not in link and "Київ" not in link and '"' not in link
    assert "ov_outlet=%2BFormula+Outlet" in link and "ov_actor=Jens+Stoltenberg" in link  # the selection
    assert "undated=false" in link and "dates=2022-02-14&dates=2022-02-16" in link
    before = _view(at)
    assert before["metrics"][0] == "5" and "Formula" in " ".join(before["headings"])
    fresh = open_link(link)
    assert _view(fresh) == before
    assert shared_link(fresh) == link


@pytest.mark.parametrize("outlet", HOSTILE_OUTLETS)
def test_each_hostile_outlet_survives_the_link_on_every_page_it_can_be_chosen(hostile_outlets, outlet):
    at = run_page("sources")
    at.sidebar.multiselect(key="f_outlet").set_value([outlet]).run()
    at.selectbox(key="s_src_outlet").select(outlet).run()
    fresh = open_link(shared_link(at), "sources")
    assert fresh.sidebar.multiselect(key="f_outlet").value == [outlet]
    assert fresh.selectbox(key="s_src_outlet").value == outlet


def test_every_url_parameter_a_page_uses_is_declared_once():
    import re

    from pages._state import CODECS, PARAMS

    used = set()
    for path in [*(ROOT / "pages").glob("*.py"), ROOT / "dashboard.py"]:
        source = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"url_(?:select|text)\([^)]*?key=\"([a-z_]+)\"", source, flags=re.S))
        used |= set(re.findall(r"url_value\(\"([a-z_]+)\"\)", source))
    assert used, "no URL-bound widget found: the pattern is out of date"
    assert used <= set(PARAMS), used - set(PARAMS)
    for param in PARAMS.values():
        assert param.kind in CODECS and param.help, param


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("list", ["+Formula Outlet", "A&B News", "#1", "100%", 'say "no"', "Київ"]),
        ("text", "+a & b # c % d"),
        ("bool", False),
        ("bool", True),
        ("int", 12),
        ("dates", (__import__("datetime").date(2022, 2, 1), __import__("datetime").date(2022, 3, 1))),
    ],
)
def test_each_codec_round_trips_through_an_encoded_query(kind, value):
    import urllib.parse

    from pages._state import CODECS

    codec = CODECS[kind]
    query = urllib.parse.urlencode([("k", v) for v in codec.encode(value)])
    assert codec.decode(urllib.parse.parse_qs(query)["k"]) == value


@pytest.mark.parametrize(
    ("kind", "values"),
    [("bool", ["maybe"]), ("int", ["3rd"]), ("dates", ["2022-02-30", "2022-03-01"]), ("dates", ["2022-03-01"])],
)
def test_a_malformed_value_reads_as_absent(kind, values):
    from pages._state import CODECS

    assert CODECS[kind].decode(values) is None


def test_undated_articles_can_be_dropped():
    at = run_page("overview")
    total, dated = int(at.metric[0].value), at.metric[5].value  # "n of m"
    n_dated = int(dated.split()[0])
    assert n_dated < total  # the seeds hold undated articles
    at.sidebar.toggle[0].set_value(False).run()
    assert not at.exception
    assert int(at.metric[0].value) == n_dated
    assert at.query_params["undated"] in ("false", ["false"])
    at.query_params.clear()
    at.switch_page(str(ROOT / "pages" / "articles.py")).run()  # the switch follows the analyst
    assert at.sidebar.toggle[0].value is False
    assert (at.dataframe[0].value["date"] != "—").all()


def test_articles_page_lists_sorts_and_searches():
    at = run_page("articles")
    frame = at.dataframe[0].value
    assert {"outlet", "date", "title", "statements", "figures", "tone"} <= set(frame.columns)
    assert len(frame) == int(run_page("overview").metric[0].value)
    at.selectbox(key="s_sort").select("statements").run()
    counts = at.dataframe[0].value["statements"].tolist()
    assert counts == sorted(counts, reverse=True)
    at.text_input(key="s_q").input("150,000 troops").run()
    assert not at.exception
    found = at.dataframe[0].value
    assert len(found) == 1 and found["matches"].iloc[0] >= 1
    assert at.query_params["q"] in ("150,000 troops", ["150,000 troops"])
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "sw-term" in html and "150,000" in html


def test_articles_search_finds_statements_and_nothing_for_a_missing_word():
    at = run_page("articles", {"q": '"every inch of NATO territory"'})
    assert len(at.dataframe[0].value) >= 1
    at = run_page("articles", {"q": "zzyzx-no-such-word"})
    assert any("No sentence or statement" in i.value for i in at.info)


def test_a_row_of_the_article_list_opens_the_reader_at_the_first_hit():
    at = run_page("articles", {"q": "150,000"})
    first = at.dataframe[0].value.iloc[0]
    at.session_state["articles_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert at.title[0].value == "Reader"
    assert at.query_params["article"] in (first["article_id"], [first["article_id"]])
    sentence = str(int(first["first_match"]))
    assert at.query_params["sentence"] in (sentence, [sentence])
    html = " ".join(h.proto.body for h in at.get("html"))
    assert 'id="sw-focus"' in html and "150,000" in html


def test_the_reader_scrolls_only_when_a_sentence_is_asked_for(seed_articles):
    article = next(a for a in seed_articles if a.file.startswith("001"))
    focused = run_page("reader", {"article": article.id, "sentence": "3"})
    scripts = [h.proto for h in focused.get("html") if h.proto.unsafe_allow_javascript]
    assert len(scripts) == 1 and "scrollIntoView" in scripts[0].body and article.id in scripts[0].body
    assert "</" not in scripts[0].body.removeprefix("<script>").removesuffix("</script>")  # no way out of it
    plain = run_page("reader", {"article": article.id})
    assert not [h for h in plain.get("html") if h.proto.unsafe_allow_javascript]


def test_picking_another_article_by_hand_drops_the_sentence(seed_articles):
    first, second = (next(a for a in seed_articles if a.file.startswith(p)) for p in ("001", "002"))
    at = run_page("reader", {"article": first.id, "sentence": "3"})
    at.selectbox(key="s_article").set_value(second.id).run()
    assert "sentence" not in at.query_params
    assert 'id="sw-focus"' not in " ".join(h.proto.body for h in at.get("html"))


# ---- the Dictionary page: edits of the actor dictionary, kept in the store ---------------------------


@pytest.fixture
def no_dictionary_edits():
    """Every test here starts and ends with the dictionary as it ships (the store is shared)."""
    from pages._ui import get_store

    get_store().save_overlay("")
    yield
    get_store().save_overlay("")


def _actors_shown(at: AppTest) -> dict[str, int]:
    summary = at.dataframe[0].value
    return summary.groupby("actor")["mentions"].sum().to_dict()


def test_adding_a_candidate_as_an_actor_shows_it_on_the_actors_page(no_dictionary_edits):
    from pages._ui import get_store

    before = _actors_shown(run_page("actors"))
    assert "Al Arabiya" not in before
    at = run_page("dictionary")
    at.text_input(key="dict_name").input("Al Arabiya")
    at.selectbox(key="dict_kind").select("organisation")
    at.button(key="dict_add").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert any("Added Al Arabiya" in s.value and "Re-analysed 1 article" in s.value for s in at.success)
    assert "Al Arabiya" in get_store().load_overlay()  # kept in the store
    assert any("add organisation 'Al Arabiya'" in m.value for m in at.markdown)
    at.switch_page(str(ROOT / "pages" / "actors.py")).run()
    after = _actors_shown(at)
    assert after.get("Al Arabiya") == 1
    assert {k: v for k, v in after.items() if k != "Al Arabiya"} == before


def test_merging_two_actors_folds_the_mentions_into_one(no_dictionary_edits):
    before = _actors_shown(run_page("actors"))
    assert before["Kamala Harris"] >= 1 and before["Joe Biden"] >= 1
    at = run_page("dictionary")
    at.selectbox(key="dict_merge_source").select("Kamala Harris")
    at.selectbox(key="dict_merge_target").select("Joe Biden")
    at.button(key="dict_merge_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Kamala Harris merged into Joe Biden" in s.value for s in at.success)
    at.switch_page(str(ROOT / "pages" / "actors.py")).run()
    after = _actors_shown(at)
    assert "Kamala Harris" not in after
    assert after["Joe Biden"] == before["Joe Biden"] + before["Kamala Harris"]
    # Deleting the edit brings the dictionary back as it ships.
    at.switch_page(str(ROOT / "pages" / "dictionary.py")).run()
    at.button(key="dict_delete_0").click().run()
    assert not at.exception
    at.switch_page(str(ROOT / "pages" / "actors.py")).run()
    assert _actors_shown(at) == before


def test_an_edit_that_cannot_apply_is_refused_with_the_reason(no_dictionary_edits):
    at = run_page("dictionary")
    at.text_input(key="dict_name").input("NATO")
    at.selectbox(key="dict_kind").select("organisation")
    at.button(key="dict_add").click().run()
    assert any("already an actor" in e.value for e in at.error)


def test_dictionary_edits_are_exported_and_imported_as_yaml(no_dictionary_edits):
    from lib.overlay import AddAlias, Overlay, from_yaml
    from pages._ui import get_store

    edits = Overlay().with_edit(AddAlias("Joe Biden", "the U.S. leader"))
    at = run_page("dictionary")
    at.get("file_uploader")[0].set_value([("edits.yml", edits.to_yaml().encode(), "application/x-yaml")])
    at.run()
    at.button(key="dict_import").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert from_yaml(get_store().load_overlay()) == edits
    assert any("the U.S. leader" in m.value.replace("\\", "") and "Joe Biden" in m.value for m in at.markdown)
    assert at.get("download_button")


def test_dictionary_edits_are_disabled_in_read_only_mode(no_dictionary_edits, monkeypatch):
    monkeypatch.setenv("STANCEWATCH_READ_ONLY", "true")
    at = run_page("dictionary")
    assert at.title[0].value == "Dictionary"
    assert any("Read-only corpus" in i.value for i in at.info)
    assert at.button(key="dict_add").disabled and at.button(key="dict_merge_submit").disabled


def test_a_candidate_found_in_an_upload_is_added_from_the_list(no_dictionary_edits):
    from pages._ui import get_store

    text = (
        "Kyiv, 14 February 2022. Olena Marchuk, the governor of the Odesa region, said on Monday that the port "
        'would stay open. "We will not close the grain corridor," Marchuk told reporters. Marchuk added that '
        "Ukraine wants talks."
    )
    at = run_page("overview")
    at.sidebar.get("file_uploader")[0].set_value([("marchuk.txt", text.encode(), "text/plain")])
    at.run()
    try:
        at.switch_page(str(ROOT / "pages" / "dictionary.py")).run()
        assert "Olena Marchuk" in at.selectbox(key="dict_candidate").options
        at.selectbox(key="dict_candidate").select("Olena Marchuk")
        at.text_input(key="dict_aliases").input("Marchuk")
        at.selectbox(key="dict_speaks_for").select("Ukraine")
        at.button(key="dict_add").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert any("Added Olena Marchuk" in s.value and "Re-analysed 1 article" in s.value for s in at.success)
        assert "Olena Marchuk" not in at.selectbox(key="dict_candidate").options  # no longer a candidate
        at.switch_page(str(ROOT / "pages" / "actors.py")).run()
        at.sidebar.toggle[1].set_value(True).run()  # roll people up to whom they speak for
        rolled = at.dataframe[0].value
        assert "Olena Marchuk" not in set(rolled["actor"]) and "Ukraine" in set(rolled["actor"])
    finally:
        store = get_store()
        for article in store.articles():
            if article.file == "marchuk.txt":
                store.delete_articles([article.id])


# ---- editing by hand on the Articles page: bulk outlet and date, exclude with restore, delete -------


def _tick(at: AppTest, rows: list[int]) -> AppTest:
    """Tick rows of the Articles table in edit mode (its key changes after each action)."""
    try:
        turn = int(at.session_state["_edit_round"])
    except KeyError:
        turn = 0
    key = "articles_edit_table" if not turn else f"articles_edit_table_{turn}"
    at.session_state[key] = {"selection": {"rows": rows, "columns": [], "cells": []}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _editing(params: dict[str, str] | None = None) -> AppTest:
    at = run_page("articles", params)
    at.toggle(key="articles_editing").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_two_selected_articles_get_one_outlet_and_the_overview_and_sources_show_it():
    from pages._ui import get_store

    at = _editing({"sort": "statements"})
    chosen = at.dataframe[0].value["article_id"].tolist()[:2]
    previous = get_store().articles(ids=chosen)
    try:
        _tick(at, [0, 1])
        assert any("2 selected" in c.value for c in at.caption)
        at.text_input(key="edit_outlet_new").input("Bulk Edit Herald")
        at.button(key="edit_set_outlet").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert any("Outlet set to Bulk Edit Herald on 2 article(s)" in s.value for s in at.success)
        assert {a.outlet for a in get_store().articles(ids=chosen)} == {"Bulk Edit Herald"}
        at.switch_page(str(ROOT / "pages" / "overview.py")).run()
        assert "Bulk Edit Herald" in chart(at, 0)["data"][0]["y"]
        assert "Bulk Edit Herald" in at.sidebar.multiselect(key="f_outlet").options
        at.switch_page(str(ROOT / "pages" / "sources.py")).run()
        assert "Bulk Edit Herald" in set(at.selectbox(key="s_src_outlet").options)
        # The known outlet is offered in the next edit; Undo puts the old outlets back.
        at.switch_page(str(ROOT / "pages" / "articles.py")).run()
        at.button(key="edit_undo").click().run()
        assert {a.id: a.outlet for a in get_store().articles(ids=chosen)} == {a.id: a.outlet for a in previous}
        at.switch_page(str(ROOT / "pages" / "overview.py")).run()
        assert "Bulk Edit Herald" not in chart(at, 0)["data"][0]["y"]
    finally:
        get_store().restore_metadata(previous)


def test_selected_articles_get_a_date_or_lose_it():
    from pages._ui import get_store

    at = _editing({"sort": "title"})
    chosen = at.dataframe[0].value["article_id"].tolist()[:2]
    previous = get_store().articles(ids=chosen)
    try:
        _tick(at, [0, 1])
        at.date_input(key="edit_date").set_value(dt.date(2021, 12, 24))
        at.button(key="edit_set_date").click().run()
        assert {a.date for a in get_store().articles(ids=chosen)} == {dt.date(2021, 12, 24)}
        at.switch_page(str(ROOT / "pages" / "overview.py")).run()
        assert "2021-12-24" in " ".join(c.value for c in at.caption)  # the corpus's span starts there now
        at.switch_page(str(ROOT / "pages" / "articles.py")).run()
        at.toggle(key="articles_editing").set_value(True).run()
        rows = at.dataframe[0].value["article_id"].tolist()
        _tick(at, [rows.index(i) for i in chosen])
        at.button(key="edit_clear_date").click().run()
        assert {a.date for a in get_store().articles(ids=chosen)} == {None}
    finally:
        get_store().restore_metadata(previous)


def test_an_excluded_article_leaves_the_charts_and_comes_back_when_restored():
    from pages._ui import get_store

    total = int(run_page("overview").metric[0].value)
    at = _editing({"q": "150,000"})
    (excluded,) = at.dataframe[0].value["article_id"].tolist()[:1]
    try:
        _tick(at, [0])
        at.button(key="edit_exclude").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert get_store().excluded_ids() == {excluded}
        assert any("Excluded 1 article(s)" in s.value for s in at.success)
        overview = run_page("overview")  # another session sees it too
        assert int(overview.metric[0].value) == total - 1
        figures = run_page("figures")
        assert all(excluded not in str(point) for point in chart(figures, 0)["data"][0]["customdata"])
        at = run_page("articles")
        assert excluded not in set(at.dataframe[0].value["article_id"])
        assert any("Excluded articles (1)" in e.label for e in at.expander)
        at.button(key=f"edit_restore_{excluded}").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert get_store().excluded_ids() == set()
        assert excluded in set(at.dataframe[0].value["article_id"])
        assert int(run_page("overview").metric[0].value) == total
        # The restore can be undone in turn: the article is excluded again.
        at.button(key="edit_undo").click().run()
        assert get_store().excluded_ids() == {excluded}
    finally:
        get_store().set_excluded(list(get_store().excluded_ids()), False)


def test_a_deletion_is_confirmed_and_can_be_undone():
    from lib.ingest import article_id
    from pages._ui import get_store

    store = get_store()
    text = "Kyiv, 9 February 2022. The mayor of Zhytomyr said that the zzdeletable shelters were ready."
    at = run_page("overview")
    at.sidebar.get("file_uploader")[0].set_value([("deletable.txt", text.encode(), "text/plain")])
    at.run()
    gone = article_id(text)
    total = store.count()
    try:
        at = _editing({"q": "zzdeletable"})
        assert at.dataframe[0].value["article_id"].tolist() == [gone]
        _tick(at, [0])
        at.button(key="edit_delete").click().run()
        assert any("Delete 1 article(s)" in w.value for w in at.warning)
        assert store.count() == total  # nothing yet
        at.button(key="edit_delete_cancel").click().run()
        assert not at.warning and store.count() == total
        _tick(at, [0])
        at.button(key="edit_delete").click().run()
        at.button(key="edit_delete_confirm").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert store.count() == total - 1 and not store.articles(ids=[gone])
        assert any("No sentence or statement" in i.value for i in at.info)  # gone from the list
        at.button(key="edit_undo").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert store.count() == total and store.articles(ids=[gone])[0].text == text
        assert gone not in store.missing_analyses(run_analysis_version())  # its analysis came back too
        assert gone in set(at.dataframe[0].value["article_id"])
    finally:
        store.delete_articles([gone])


def run_analysis_version() -> str:
    from lib.overlay import Overlay, from_yaml, overlay_version
    from pages._ui import get_store

    text = get_store().load_overlay()
    return overlay_version(from_yaml(text) if text else Overlay())


def test_editing_is_disabled_in_read_only_mode(monkeypatch):
    monkeypatch.setenv("STANCEWATCH_READ_ONLY", "true")
    at = run_page("articles")
    assert at.toggle(key="articles_editing").disabled
    assert any("cannot be edited" in c.value for c in at.caption)


# ---- Over time, Compare, count each story once -------------------------------------------------


def test_over_time_renders_and_its_controls_change_it():
    at = run_page("timeline")
    assert at.title[0].value == "Over time" and not at.error
    fig = chart(at, 0)
    assert "per outlet" in fig["layout"]["title"]["text"]
    assert "week" in fig["layout"]["title"]["subtitle"]["text"]
    at.selectbox(key="s_tl_by").select("actor").run()
    at.selectbox(key="s_tl_metric").select("stance").run()
    assert not at.exception
    fig = chart(at, 0)
    assert "Stance over time, per speaker" in fig["layout"]["title"]["text"]
    assert at.query_params["tl_by"] in ("actor", ["actor"]) and at.query_params["tl_metric"] in ("stance", ["stance"])
    speakers = {row[0] for trace in fig["data"] for row in trace["customdata"]}
    assert "Jens Stoltenberg" in speakers


def test_a_point_over_time_drills_down_to_its_sentences():
    at = run_page("timeline", {"tl_freq": "day"})
    point = next(row for trace in chart(at, 0)["data"] for row in trace["customdata"] if row[2] > 0)
    at.session_state["timeline_chart"] = {
        "selection": {"points": [{"customdata": point, "point_index": 0}], "point_indices": [0], "box": [], "lasso": []}
    }
    at.run()
    assert not at.exception
    assert at.selectbox(key="s_tl_series").value == point[0] and at.selectbox(key="s_tl_period").value == point[1]
    assert at.query_params["tl_series"] in (point[0], [point[0]])  # the drill-down is in the shared link
    headings = [m.value.replace("\\", "") for m in at.markdown if m.value.startswith("####")]  # markdown-escaped
    assert headings and point[0] in headings[0] and point[1] in headings[0]
    assert any("sentence(s)" in c.value for c in at.caption)


def test_compare_puts_two_outlets_side_by_side_and_a_control_changes_the_groups():
    at = run_page("compare")
    assert at.title[0].value == "Compare" and not at.error
    assert len(at.get("plotly_chart")) == 4
    groups = list(at.dataframe[0].value.columns)
    assert len(groups) == 2 and groups[0] != groups[1]  # B opens on another outlet than A
    at.selectbox(key="s_cmp_a_kind").select("country").run()
    assert not at.exception
    assert at.selectbox(key="s_cmp_a").value in ("Ukraine", "Turkey", "(country not known)")
    names = {trace.get("name") for trace in chart(at, 1)["data"] if trace.get("customdata")}
    assert at.selectbox(key="s_cmp_a").value in names


def test_compare_reads_a_named_group_from_the_link_and_drills_down():
    at = run_page(
        "compare",
        {"cmp_a_kind": "group", "cmp_a_name": "Mine & Co", "cmp_a_outlets": ["Korrespondent", "Anadolu Agency"]},
    )
    assert at.multiselect(key="s_cmp_a_outlets").value == ["Korrespondent", "Anadolu Agency"]
    voice = chart(at, 1)
    marks = [trace for trace in voice["data"] if trace.get("customdata")]
    assert marks[0]["name"] == "Mine & Co"
    point = next(row for row in marks[0]["customdata"] if row[0])
    at.session_state["cmp_chart_voice"] = {
        "selection": {"points": [{"customdata": point, "point_index": 0}], "point_indices": [0], "box": [], "lasso": []}
    }
    at.run()
    assert not at.exception
    assert at.selectbox(key="s_cmp_focus").value == point[0] and at.selectbox(key="s_cmp_view").value == "voice"
    assert any(point[0] in m.value for m in at.markdown if m.value.startswith("####"))


_STORY = [
    "Officials in the capital said on Monday that the talks on regional security would continue next week.",
    "Observers counted long convoys moving along the northern road towards the border crossing.",
    "Residents of the frontier towns described queues at fuel stations and shops running short of bread.",
    "A spokesman for the regional governor said that schools would stay open for the time being.",
    "Diplomats from several countries met the foreign minister late in the evening to discuss the crisis.",
    "The minister told reporters that every option remained on the table and that calm was needed.",
    "Local radio stations broadcast advice on shelters, first aid and what to keep in an emergency bag.",
    "Markets fell sharply in the morning and recovered part of their losses by the end of the day.",
    "Farmers near the river said they had moved their cattle to higher ground after the warnings.",
    "The railway company added two evening trains to the western cities and doubled the staff at stations.",
    "Hospitals in the region cancelled planned operations and asked retired nurses to return for a month.",
    "Volunteers sorted donated blankets, tinned food and medicine in a sports hall near the old market.",
    "A teacher said her pupils kept asking whether the school trip to the mountains would still happen.",
    "Late at night the streets were quiet, and only a few cafés near the station stayed open.",
]


@pytest.fixture
def syndicated_story():
    """One made-up story uploaded twice: as written, and as a syndicated copy carrying an
    agency's credit line (a near-duplicate at upload). Removed afterwards."""
    from pages._ui import get_store

    body = "\n\n".join(_STORY)
    files = [
        ("story-original.txt", f"Talks to continue, officials say\n\n{body}\n", "text/plain"),
        ("story-copy.txt", f"Talks to continue, officials say\n\n{body}\n\nCredit | AA\n", "text/plain"),
    ]
    at = run_page("overview")
    at.sidebar.get("file_uploader")[0].set_value([(n, t.encode(), m) for n, t, m in files])
    at.run()
    assert not at.exception
    messages = " ".join(m.value for m in at.sidebar.markdown).replace("\\", "")  # markdown-escaped
    assert "story-copy.txt**: added; a near-duplicate" in messages, messages
    yield
    store = get_store()
    for article in store.articles():
        if article.file in ("story-original.txt", "story-copy.txt"):
            store.delete_articles([article.id])


def _once_switch(at: AppTest):
    return next(t for t in at.sidebar.toggle if t.label == "Count each story once")


def test_counting_each_story_once_folds_the_syndicated_copy(syndicated_story):
    at = run_page("overview")
    before = int(at.metric[0].value)
    assert _once_switch(at).value is False  # off by default
    _once_switch(at).set_value(True).run()
    assert not at.exception
    assert int(at.metric[0].value) == before - 1
    assert at.query_params["once"] in ("true", ["true"])
    assert any("1 near-duplicate copy folded" in c.value for c in at.caption)
    at.query_params.clear()  # the switch follows the analyst to every page
    at.switch_page(str(ROOT / "pages" / "articles.py")).run()
    assert _once_switch(at).value is True
    assert not (at.dataframe[0].value.astype(str) == "story-copy.txt").any().any()
    fresh = run_page("overview", {"once": "true"})  # and comes back from a shared link
    assert _once_switch(fresh).value is True and int(fresh.metric[0].value) == before - 1


def test_an_actor_the_dictionary_lacks_is_marked_so_on_the_actors_page():
    at = run_page("overview")
    text = (
        b"Regional governor Oleh Petrenko said the shelling of the city had stopped overnight. "
        b"Petrenko said 40 families had left on Tuesday."
    )
    at.sidebar.get("file_uploader")[0].set_value([("governor.txt", text, "text/plain")])
    at.run()
    at.switch_page(str(ROOT / "pages" / "actors.py")).run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    marked = dict(zip(table["actor"], table["source"], strict=False))
    assert marked.get("Oleh Petrenko") == "not in the dictionary"
    assert marked.get("Russia") == "dictionary"


def _values(at: AppTest, name: str) -> list[str]:
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def test_chart_settings_travel_in_the_link():
    # A link that names the heatmap's settings opens it so: three actor rows, the rest pooled.
    at = run_page("overview", {"cc": "heat:3:1:n:ci95"})
    rows = [y for y in chart(at, 1)["data"][0]["y"] if y != "other"]
    assert len(set(rows)) <= 3
    assert at.number_input(key="cc_heat_top").value == 3
    assert at.query_params["cc"] in ("heat:3:1:n:ci95", ["heat:3:1:n:ci95"])
    # Changing a setting by hand writes it to the link; back to the default takes it out.
    at.number_input(key="cc_tone_top").set_value(4).run()
    least = at.number_input(key="cc_tone_min_n").value  # its default grows with the corpus
    assert sorted(_values(at, "cc")) == ["heat:3:1:n:ci95", f"tone:4:{least}:value:ci95"]
    at.number_input(key="cc_heat_top").set_value(20).run()
    assert _values(at, "cc") == [f"tone:4:{least}:value:ci95"]
    # A malformed entry is ignored, not an error.
    bad = run_page("overview", {"cc": "heat:x:1:n:ci95"})
    assert not bad.exception


def test_the_engine_chosen_follows_the_analyst_to_every_page():
    at = run_page("overview", {"engine": "vader"})
    engine = next(s for s in at.sidebar.selectbox if s.label == "Sentiment engine")
    assert engine.value == "vader"
    at.query_params.clear()  # the sidebar's page links drop the query string
    at.switch_page(str(ROOT / "pages" / "sources.py")).run()
    assert not at.exception
    assert next(s for s in at.sidebar.selectbox if s.label == "Sentiment engine").value == "vader"
    # and a choice made by hand is kept the same way
    next(s for s in at.sidebar.selectbox if s.label == "Sentiment engine").select("textblob").run()
    at.switch_page(str(ROOT / "pages" / "stance.py")).run()
    assert next(s for s in at.sidebar.selectbox if s.label == "Sentiment engine").value == "textblob"
