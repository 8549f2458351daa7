"""Editing by hand, on the Articles page: the outlet and date of the selected articles set at
once, articles excluded from the analysis (listed, each with Restore) or deleted (after a
confirmation), and the last of these undone.

Every change goes to the store (``lib.store``: ``update_metadata_many``, ``set_excluded``,
``delete_articles``), so it persists and every session sees it; the pages follow at once
because the store's fingerprint keys the cached corpus (``pages/_data.py``), which leaves
excluded articles out. A toast cannot hold a button, so the undo of the last action is a
button under the page's title, kept for this session: a deleted article is held here (its
record and analyses, without its text's second copy) and added back through the store's
normal add path. Read-only mode (without the upload token) disables all of it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from lib.errors import StancewatchError
from lib.tables import UNKNOWN_OUTLET
from pages._data import Corpus, analysis_version, choices, get_store, read_only
from pages._safe import md

UNDO = "_edit_undo"  # (message, kind, payload): the last action, for one undo
CONFIRM = "_edit_confirm"  # the ids a deletion waits to be confirmed for
ROUND = "_edit_round"  # bumped after each action: the table's selection starts empty again
TOAST = "_edit_toast"  # a message for the next run (a toast sent before st.rerun is lost)
SHOWN = 5  # selected articles named in the panel


def writable() -> bool:
    """Edits are allowed: not read-only, or the upload token was given."""
    return not read_only() or bool(st.session_state.get("can_write"))


def table_key() -> str:
    """The key of the article table in edit mode: a new one after each action, so rows
    ticked before a deletion do not point at other articles after it."""
    turn = int(st.session_state.get(ROUND, 0))
    return "articles_edit_table" if not turn else f"articles_edit_table_{turn}"


def edit_mode() -> bool:
    """The switch between "a row opens the Reader" and "tick rows to edit them"."""
    allowed = writable()
    on = st.toggle(
        "Select articles to edit, exclude or delete",
        key="articles_editing",
        disabled=not allowed,
        help="On: tick rows to set their outlet or date, exclude them from the analysis or delete them. "
        "Off: a click on a row opens the article in the Reader.",
    )
    if not allowed:
        st.caption("Read-only corpus: articles cannot be edited, excluded or deleted here.")
    return bool(on) and allowed


def _finish(message: str, kind: str, payload: Any) -> None:
    st.session_state[UNDO] = (message, kind, payload)
    st.session_state[TOAST] = message
    st.session_state[ROUND] = int(st.session_state.get(ROUND, 0)) + 1
    st.session_state.pop(CONFIRM, None)
    for widget in ("edit_outlet", "edit_outlet_new", "edit_date"):  # the next edit starts blank
        st.session_state.pop(widget, None)
    st.rerun()


def _failed(what: str, exc: Exception) -> None:
    st.error(f"Could not {what}: {exc}. Nothing was changed; try again, or check that the store is writable.")


def _edit(ids: list[str], values: dict[str, Any], message: str) -> None:
    store = get_store()
    try:
        # What an undo puts back: the stored metadata (no text: restore_metadata does not read it).
        previous = [dataclasses.replace(a, text="") for a in store.articles(ids=ids)]
        store.update_metadata_many(ids, values)
    except StancewatchError as exc:
        _failed("save the edit", exc)
        return
    _finish(message, "edit", previous)


def _exclude(ids: list[str], excluded: bool) -> None:
    store = get_store()
    try:
        if excluded and len(store.excluded_ids() | set(ids)) >= store.count():
            st.error("Excluding every article would leave nothing to show (nor this list). Keep one, or delete them.")
            return
        store.set_excluded(ids, excluded)
    except StancewatchError as exc:
        _failed("exclude the articles" if excluded else "restore the articles", exc)
        return
    n = len(ids)
    if excluded:
        _finish(f"Excluded {n} article(s) from the analysis. They are listed under Excluded articles.", "exclude", ids)
    else:
        _finish(f"Restored {n} article(s) to the analysis.", "restore", ids)


def _delete(ids: list[str]) -> None:
    store = get_store()
    try:
        articles = store.articles(ids=ids)
        analyses = list(store.get_analyses(ids, analysis_version(), corrected=False).values())
        excluded = sorted(store.excluded_ids() & set(ids))
        corrections = store.corrections(ids)
        removed = store.delete_articles(ids)
    except StancewatchError as exc:
        _failed("delete the articles", exc)
        return
    _finish(f"Deleted {removed} article(s) from the store.", "delete", (articles, analyses, excluded, corrections))


def _undo(kind: str, payload: Any) -> None:
    store = get_store()
    try:
        if kind == "edit":
            store.restore_metadata(payload)
        elif kind in ("exclude", "restore"):
            store.set_excluded(payload, kind == "restore")
        elif kind == "delete":
            articles, analyses, excluded, corrections = payload
            store.add_articles(articles)
            store.put_analyses(analyses)
            store.restore_corrections(corrections)
            if excluded:
                store.set_excluded(excluded, True)
    except StancewatchError as exc:
        _failed("undo", exc)
        return
    st.session_state.pop(UNDO, None)
    st.session_state[TOAST] = "Undone."
    st.session_state[ROUND] = int(st.session_state.get(ROUND, 0)) + 1
    st.rerun()


def undo_notice() -> None:
    """The last action's message with its Undo button (and the toast it left for this run)."""
    message = st.session_state.pop(TOAST, None)
    if message:
        st.toast(message, icon=":material/check:")
    last = st.session_state.get(UNDO)
    if not last:
        return
    text, kind, payload = last
    left, right = st.columns([6, 1], vertical_alignment="center")
    left.success(text)
    if right.button("Undo", key="edit_undo", icon=":material/undo:", disabled=not writable()):
        _undo(kind, payload)


def edit_panel(data: Corpus, selected: pd.DataFrame) -> None:
    """Set outlet or date on the selected rows (of ``lib.search.article_list``), exclude or delete them."""
    st.markdown("#### Edit selected")
    if selected.empty:
        st.caption("Tick rows in the table to edit them.")
        return
    ids = [i for i in selected["article_id"] if i not in data.private_ids]
    names = [f"{row['outlet']} · {row['title']}" for row in selected.head(SHOWN).to_dict("records")]
    more = f" and {len(selected) - SHOWN} more" if len(selected) > SHOWN else ""
    st.caption(f"{len(selected)} selected: " + md("; ".join(names)) + more)
    if len(ids) < len(selected):
        st.caption(f"{len(selected) - len(ids)} of them live in this session only and cannot be edited.")
    if not ids:
        return
    outlets = sorted(set(choices(data).outlets) - {UNKNOWN_OUTLET})
    outlet_col, date_col, act_col = st.columns([2, 2, 1.5])
    with outlet_col:
        known = st.selectbox(
            "Outlet", ["", *outlets], key="edit_outlet", format_func=lambda o: o or "(choose a known outlet)"
        )
        typed = st.text_input("…or a new one", key="edit_outlet_new", placeholder="e.g. The Kyiv Independent")
        outlet = typed.strip() or known
        if st.button("Set outlet", key="edit_set_outlet"):
            if outlet:
                _edit(ids, {"outlet": outlet}, f"Outlet set to {outlet} on {len(ids)} article(s).")
            else:
                st.error("Choose a known outlet or type a new one first.")
    with date_col:
        day = st.date_input("Date", value=None, key="edit_date", min_value=dt.date(1900, 1, 1))
        set_col, clear_col = st.columns(2)
        if set_col.button("Set date", key="edit_set_date"):
            if day is not None:
                _edit(ids, {"date": day}, f"Date set to {day} on {len(ids)} article(s).")
            else:
                st.error("Pick a date first (or clear the dates).")
        if clear_col.button("Clear date", key="edit_clear_date"):
            _edit(ids, {"date": None}, f"Date cleared on {len(ids)} article(s).")
    with act_col:
        if st.button("Exclude from the analysis", key="edit_exclude", icon=":material/visibility_off:"):
            _exclude(ids, True)
        if st.button("Delete…", key="edit_delete", icon=":material/delete:"):
            st.session_state[CONFIRM] = ids
    waiting = st.session_state.get(CONFIRM)
    if waiting:
        st.warning(
            f"Delete {len(waiting)} article(s) from the store, with their analyses? Undo brings back the last "
            "deletion in this session only; Exclude keeps them, out of the charts, instead."
        )
        yes, no = st.columns(2)
        if yes.button("Yes, delete", key="edit_delete_confirm", type="primary"):
            _delete(waiting)
        if no.button("Cancel", key="edit_delete_cancel"):
            st.session_state.pop(CONFIRM, None)
            st.rerun()


def excluded_list() -> None:
    """The excluded articles, each with Restore (nothing when none is excluded)."""
    try:
        ids = sorted(get_store().excluded_ids())
        articles = get_store().articles(ids=ids[:100]) if ids else []
    except StancewatchError as exc:
        st.error(f"Could not read the excluded articles: {exc}.")
        return
    if not ids:
        return
    allowed = writable()
    with st.expander(f"Excluded articles ({len(ids)})"):
        st.caption("Left out of every chart, table and download; kept in the store with their analyses.")
        for article in articles:
            left, right = st.columns([6, 1], vertical_alignment="center")
            left.markdown(f"{md(article.outlet or UNKNOWN_OUTLET)} · {md(article.title or article.file)}")
            if right.button("Restore", key=f"edit_restore_{article.id}", disabled=not allowed):
                _exclude([article.id], False)
        if len(ids) > len(articles):
            st.caption(f"The first {len(articles)} of {len(ids)} are listed.")
        if len(ids) > 1 and st.button("Restore all", key="edit_restore_all", disabled=not allowed):
            _exclude(ids, False)
