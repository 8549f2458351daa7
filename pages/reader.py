"""Reader: one article's text with actors, statements (speaker shown) and figures
highlighted, each sentence's polarity visible, and its metadata, editable; its statements'
speakers and its figures correctable (pages/_correct.py), with the corrections listed."""

import dataclasses
import datetime as dt

import streamlit as st

from lib.corrections import STALE
from lib.highlight import Mark, render, scroll_script
from lib.ingest import language_note, load_languages
from lib.tables import polarity_column
from pages import _correct, _ui

data, filters, views = _ui.page_setup(
    "Reader",
    "The raw text, highlighted: actors (blue underline), statements (violet, speaker in brackets), figures (orange); the number after each sentence is its polarity.",
)

articles = views.articles()
ids = list(articles["article_id"])
labels = articles.set_index("article_id")
languages = labels["language"].to_dict()
linked = _ui.url_value("article")  # the article a link (or the address bar) asked for
article_id = _ui.url_select(
    "Article",
    ids,
    key="article",
    format_func=lambda a: (
        f"{labels.loc[a, 'outlet']} · {labels.loc[a, 'label']}"
        + (f" · {load_languages().name(languages[a])}" if language_note(languages.get(a)) else "")
    ),
)
article = data.article(article_id)
if article.date is None and isinstance(labels.loc[article_id, "date"], str):
    # A date stated without its year, resolved against the corpus's other dates (as every chart reads it).
    article = dataclasses.replace(article, date=dt.date.fromisoformat(labels.loc[article_id, "date"]))
one = views.of_article(article_id)
focus = _ui.url_value("sentence")
previous = st.session_state.get("_reader_article")
if focus is not None and previous not in (None, article_id) and linked != article_id:
    # Another article was picked by hand: the sentence number belonged to the last one.
    st.query_params.pop("sentence", None)
    focus = None
st.session_state["_reader_article"] = article_id

text_col, meta_col = st.columns([3, 1])
with meta_col:
    st.markdown("**Metadata**")
    provenance = dict(article.provenance)
    st.caption(f"File: {_ui._md(article.file)}")
    note = language_note(article.language)
    st.caption(f"Language: {load_languages().name(article.language)}" + (f"; {note}." if note else ""))
    with st.form("metadata"):
        outlet = st.text_input("Outlet", article.outlet or "", help=provenance.get("outlet", "not stated in the text"))
        date = st.date_input(
            "Date", article.date, help=provenance.get("date", "not stated in the text"), min_value=dt.date(1900, 1, 1)
        )
        title = st.text_input("Title", article.title or "", help=provenance.get("title", "not stated in the text"))
        byline = st.text_input("Byline", article.byline or "", help=provenance.get("byline", "not stated in the text"))
        saved = st.form_submit_button(
            "Save",
            disabled=article.id in data.private_ids or (_ui.read_only() and not st.session_state.get("can_write")),
        )
    if saved:
        try:
            _ui.get_store().update_metadata(
                article.id, {"outlet": outlet.strip(), "date": date, "title": title.strip(), "byline": byline.strip()}
            )
            st.toast("Saved: every chart now uses the new metadata.")
            st.rerun()
        except Exception as exc:
            st.error(f"Could not save: {exc}. Try again; if the store is read-only, the edit cannot be kept.")
    if article.credits:
        st.caption("Credits: " + ", ".join(_ui._md(c) for c in article.credits))
    if provenance:
        with st.expander("Where each value came from"):
            for key, value in provenance.items():
                st.caption(f"{key}: {_ui._md(value)}")
    quotes = one.get("statements")
    figures = one.get("figures")
    mentions = one.get("mentions")
    st.metric("Statements", len(quotes))
    st.metric("Figures", len(figures))
    st.metric("Actors", mentions["actor"].nunique())
    status = _correct.statuses(data, article_id)
    _correct.notice(status)

with text_col:
    # A corrected statement's speaker is marked ✎ (what was changed: its tooltip in the tables below).
    marks = [
        Mark(int(r["start"]), int(r["end"]), "quote", r["speaker"] + (" ✎" if _correct.note(r) else ""))
        for r in quotes.to_dict("records")
    ]
    marks += [Mark(int(r["start"]), int(r["end"]), "actor", r["actor"]) for r in mentions.to_dict("records")]
    marks += [
        Mark(int(r["start"]), int(r["end"]), "figure", f"{r['measure']}: {r['value']:,.0f}")
        for r in figures.to_dict("records")
    ]
    sentences = one.get("sentences").sort_values("sentence_index")
    spans = [
        (int(r["start"]), int(r["end"]), float(r[polarity_column(filters.engine)]))
        for r in sentences.to_dict("records")
    ]
    st.caption(
        f"Polarity by {filters.engine_label}." + (f" Sentence {focus} is outlined." if focus is not None else "")
    )
    st.html(render(article.text, marks, sentences=spans, focus_sentence=focus))
    if focus is not None:
        # Our own script only (no article text): scroll the outlined sentence into view.
        st.html(scroll_script(token=f"{article_id}:{focus}"), unsafe_allow_javascript=True)

with st.expander("Statements in this article"):
    st.dataframe(
        quotes[["speaker", "text", "direct", "cue", "stance_label", "targets", "corrected"]].fillna({"corrected": ""}),
        width="stretch",
        hide_index=True,
    )
    _ui.download(quotes, f"quotes-{article_id}")
with st.expander("Figures in this article"):
    st.dataframe(
        figures[["surface", "value", "measure", "about", "sentence", "corrected"]].fillna({"corrected": ""}),
        width="stretch",
        hide_index=True,
    )
    _ui.download(figures, f"figures-{article_id}")
stale = any(state == STALE for _, state in status)
# Its open state is kept in the session (a key and on_change): a save or a removal reruns the page
# and would otherwise remount, and so fold, the panel the analyst is working in.
with st.expander(
    "Correct a statement or a figure",
    expanded=stale,
    key="reader_corrections_open",
    on_change="rerun",
):
    # The article's actors first, then every actor and speaker of the corpus.
    actors = list(dict.fromkeys([*mentions["actor"], *_ui.names(data)]))
    _correct.panel(data, article_id, quotes, figures, actors, status, article.text)
