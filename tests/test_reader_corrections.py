"""Correcting an analysis in the Reader (AppTest): a speaker fixed shows in the statements
table, on the Stance page and in its drill-down; a statement removed leaves the counts; each
correction can be removed again; a stale one is reported; read-only mode says why not."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.test_app import run_page

NEW_SPEAKER = "Joe Biden"  # an actor the seeds quote (article 000)


@pytest.fixture(autouse=True)
def _clean_corrections(app_data_dir):
    """The store is shared by the session's AppTests: leave no correction behind."""
    from pages._ui import get_store

    def clear() -> None:
        store = get_store()
        for correction in store.corrections():
            store.remove_correction(int(correction.id or 0))

    clear()
    yield
    clear()


@pytest.fixture
def article(seed_articles):
    return next(a for a in seed_articles if a.file.startswith("001"))


def _statements(at):
    return next(d.value for d in at.dataframe if {"speaker", "corrected", "stance_label"} <= set(d.value.columns))


def _metric(at, label: str) -> int:
    return int(next(m.value for m in at.metric if m.label == label))


def _n_quotes(at, speaker: str) -> int:
    speakers = next(d.value for d in at.dataframe if "n_quotes" in d.value.columns and "outlet" in d.value.columns)
    return int(speakers.loc[speakers["speaker"] == speaker, "n_quotes"].sum())


def test_a_fixed_speaker_shows_in_the_reader_on_the_stance_page_and_in_its_drill_down(article):
    # (AppTest cannot type into a select box: a typed name is the browser test's.)
    stance = run_page("stance")
    biden = _n_quotes(stance, NEW_SPEAKER)
    at = run_page("reader", {"article": article.id})
    before = _statements(at)
    order = list(at.selectbox(key="s_article").options)
    first = at.selectbox(key="fix_statement").value
    original = before.iloc[0]["speaker"]
    label = before.iloc[0]["stance_label"]
    assert original != NEW_SPEAKER
    at.selectbox(key=f"fix_speaker_{first}").set_value(NEW_SPEAKER)
    at.button(key="fix_save_speaker").click().run()
    assert not at.exception, [e.value for e in at.exception]

    after = _statements(at)
    assert list(at.selectbox(key="s_article").options) == order  # only this article's rows were rebuilt
    assert after.iloc[0]["speaker"] == NEW_SPEAKER
    assert after.iloc[0]["corrected"] == f"speaker was {original}"
    assert after.iloc[0]["stance_label"] == label  # the stance is of the words
    assert any("1 correction by an analyst applied" in c.value for c in at.caption)
    assert any(NEW_SPEAKER in m.value and "applied" in m.value for m in at.markdown)

    at.switch_page(str(ROOT / "pages" / "stance.py")).run()
    assert not at.exception
    assert _n_quotes(at, NEW_SPEAKER) == biden + 1
    at.selectbox(key="s_speaker").set_value(NEW_SPEAKER).run()
    assert any(c.value == f"✎ corrected: statement: speaker was {original}" for c in at.caption)
    corrected = next(
        d.value for d in at.dataframe if "stance_score" in d.value.columns and "corrected" in d.value.columns
    )
    assert f"speaker was {original}" in set(corrected["corrected"])


def test_a_removed_statement_leaves_the_counts_and_comes_back_when_the_correction_is_removed(article):
    at = run_page("reader", {"article": article.id})
    count = _metric(at, "Statements")
    second = at.selectbox(key="fix_statement").options[1]
    at.selectbox(key="fix_statement").set_value(second).run()
    removed_text = _statements(at).iloc[1]["text"]
    at.button(key="fix_remove_statement").click().run()
    assert not at.exception
    assert _metric(at, "Statements") == count - 1
    assert removed_text not in set(_statements(at)["text"])

    remove = [b for b in at.button if b.key and b.key.startswith("unfix_")]
    assert len(remove) == 1
    remove[0].click().run()
    assert not at.exception
    assert _metric(at, "Statements") == count
    assert any("None yet" in c.value for c in at.caption)


def test_a_figure_fix_changes_the_figure_everywhere(article):
    at = run_page("reader", {"article": article.id})
    at.button(key="fix_save_figure").click().run()  # nothing changed yet
    assert any("Nothing to change" in i.value for i in at.info)
    key = at.selectbox(key="fix_figure").value
    at.number_input(key=f"fix_value_{key}").set_value(140000.0)
    at.button(key="fix_save_figure").click().run()
    assert not at.exception
    figures = next(d.value for d in at.dataframe if "surface" in d.value.columns)
    assert figures.iloc[0]["value"] == 140000.0 and figures.iloc[0]["corrected"] == "value was 150,000"
    at.switch_page(str(ROOT / "pages" / "figures.py")).run()
    assert not at.exception
    every = next(d.value for d in at.dataframe if "counted_surface" in d.value.columns)
    assert "value was 150,000" in set(every["corrected"])

    from pages._drill import corrections_frame

    frame = corrections_frame()
    assert frame[["target", "action", "status"]].values.tolist() == [["figure", "fix", "applied"]]


def test_a_correction_that_no_longer_matches_is_reported(article):
    from lib.corrections import speaker_fix
    from pages._ui import get_store

    # As if made on an earlier analysis, where this span was someone else's.
    get_store().save_correction(speaker_fix(article.id, 57, 167, "Somebody Else", "Maria Testova"))
    at = run_page("reader", {"article": article.id})
    assert any("1 correction no longer matches this analysis" in w.value for w in at.warning)
    assert any("no longer applies" in m.value for m in at.markdown)
    assert "Maria Testova" not in set(_statements(at)["speaker"])


def test_corrections_are_refused_in_read_only_mode_and_say_so(article, monkeypatch):
    monkeypatch.setenv("STANCEWATCH_READ_ONLY", "true")
    at = run_page("reader", {"article": article.id})
    assert any("read-only" in i.value for i in at.info)
    assert at.button(key="fix_save_speaker").disabled and at.button(key="fix_remove_figure").disabled


def test_a_private_upload_cannot_be_corrected_and_says_so(monkeypatch):
    monkeypatch.setenv("STANCEWATCH_READ_ONLY", "true")
    monkeypatch.setenv("STANCEWATCH_UPLOAD_TOKEN", "s3cret-token")
    at = run_page("overview")
    note = b"Zelensky said that Ukraine wants peace talks with Russia in Istanbul next week."
    at.sidebar.get("file_uploader")[0].set_value([("private-correction.txt", note, "text/plain")])
    at.run()
    private = at.session_state["private_articles"][0]
    at.switch_page(str(ROOT / "pages" / "reader.py")).run()
    at.selectbox(key="s_article").set_value(private.id).run()
    assert not at.exception
    assert any("private upload" in i.value for i in at.info)
    assert at.button(key="fix_save_speaker").disabled
