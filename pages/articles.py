"""Articles: every article in the filters as a sortable table (outlet, date, title,
statements, figures, tone), with full-text search over sentences and statements; a row
opens the Reader. In edit mode (pages/_edit.py), ticked rows get an outlet or a date, or are
excluded from the analysis (restorable) or deleted, each undoable."""

import pandas as pd
import streamlit as st

from lib.search import query_terms, term_spans
from pages import _edit, _ui

data, filters, views = _ui.page_setup(
    "Articles",
    "Every article in the current filters. Search the sentences and statements, sort, and click a row to read it.",
)
_edit.undo_notice()

SORTS = {
    "date": ("date", False, "newest first"),
    "outlet": ("outlet", True, "outlet, A to Z"),
    "title": ("title", True, "title, A to Z"),
    "statements": ("statements", False, "most statements"),
    "figures": ("figures", False, "most figures"),
    "negative": ("tone", True, "most negative tone"),
    "positive": ("tone", False, "most positive tone"),
    "matches": ("matches", False, "most search hits"),
}

left, right = st.columns([3, 1])
with left:
    query = _ui.url_text(
        "Search sentences and statements",
        key="q",
        placeholder='e.g. troops, or "peace talks"',
        help='Every word must occur in the sentence or statement (any case); put a phrase in "quotes".',
    )
with right:
    sort = _ui.url_select("Sort by", list(SORTS), key="sort", format_func=lambda s: SORTS[s][2])

frame = views.get("article_list", filters.engine, query=query)
column, ascending, _ = SORTS[sort]
frame = frame.sort_values(column, ascending=ascending, na_position="last", kind="stable").reset_index(drop=True)
shown = frame
if not query:
    shown = shown.drop(columns=["matches", "first_match"])
shown = shown.assign(date=shown["date"].fillna("—"))
st.caption(
    f"{len(frame):,} article(s)"
    + (f" holding {' + '.join(repr(t) for t in query_terms(query))}" if query else "")
    + f". Tone: mean sentence polarity by {filters.engine_label}. Click a row to open it in the Reader."
)
editing = _edit.edit_mode()
if frame.empty:
    st.info("No sentence or statement holds every word of the search. Try fewer words.")
    st.stop()

event = st.dataframe(
    shown,
    key=_edit.table_key() if editing else "articles_table",
    on_select="rerun",
    selection_mode="multi-row" if editing else "single-row",
    hide_index=True,
    width="stretch",
    column_order=[c for c in shown.columns if c != "article_id"],
    column_config={
        "tone": st.column_config.NumberColumn("tone", format="%+.3f", help=f"mean polarity, {filters.engine_label}"),
        "first_match": st.column_config.NumberColumn(
            "first hit", help="the number of the first sentence holding the search (the Reader opens there)"
        ),
        "date": st.column_config.TextColumn("date"),
    },
)
rows = list(event.selection.rows) if event and event.selection else []
if not editing and rows and rows[0] < len(frame):
    picked = frame.iloc[rows[0]]
    if st.session_state.get("_opened_article") != picked["article_id"]:
        st.session_state["_opened_article"] = picked["article_id"]
        sentence = None if pd.isna(picked["first_match"]) else int(picked["first_match"])
        st.switch_page(_ui.page("reader"), query_params=_ui.reader_params(picked["article_id"], sentence))
else:
    st.session_state.pop("_opened_article", None)
_ui.download(frame, "articles")
if editing:
    _edit.edit_panel(data, frame.iloc[[r for r in rows if r < len(frame)]])
_edit.excluded_list()

if query:
    hits = views.get("search", query).drop_duplicates(["article_id", "sentence_index"])
    located = hits.merge(
        views.by_id("sentences_at", hits)[["article_id", "sentence_index", "start", "end"]],
        on=["article_id", "sentence_index"],
    )
    texts = data.texts(list(dict.fromkeys(located.head(25)["article_id"])))
    terms = query_terms(query)
    spans = [
        {"article_id": row["article_id"], "start": a, "end": b, "label": "search"}
        for row in located.head(25).to_dict("records")
        for a, b in term_spans(texts.get(row["article_id"], ""), terms, start=int(row["start"]), end=int(row["end"]))
    ]
    _ui.show_sentences(
        views,
        located[["article_id", "sentence_index"]],
        title=f"Where the search occurs: {query}",
        terms=pd.DataFrame(spans, columns=["article_id", "start", "end", "label"]),
        key="search",
    )
