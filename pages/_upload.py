"""The sidebar's uploads: files into the store (or, read-only, into this session), a
column mapping for batches whose columns have other names, and the report of each file."""

from __future__ import annotations

import hmac

import streamlit as st

from lib.corpus import FileOutcome, ingest_files
from lib.formats import SUPPORTED
from pages._data import Corpus, get_store, read_only, secret
from pages._safe import md


def uploader(data: Corpus) -> None:
    private_mode = read_only() and not st.session_state.get("can_write", False)
    st.subheader("Add articles")
    files = st.file_uploader(
        "Upload articles",
        type=[s.lstrip(".") for s in SUPPORTED],
        accept_multiple_files=True,
        key="uploads",
        help="Text, Markdown, HTML, PDF, Word; CSV or JSONL batches with a text column. Outlet, date and title are read from the text where it states them; edit them in the Reader.",
    )
    if read_only():
        if private_mode:
            st.caption("Read-only corpus: your uploads stay in this browser session and vanish with it.")
            token = st.text_input("Upload token", type="password", key="token_input")
            expected = str(secret("upload_token", ""))
            if token and expected and hmac.compare_digest(token, expected):
                st.session_state["can_write"] = True
                st.rerun()
            elif token:
                st.error("That upload token is not right.")
        else:
            st.caption("Token accepted: uploads go into the shared corpus.")
    elif not get_store().persistent:
        st.caption("The data folder is not writable: uploads will not persist after a restart.")
    processed: set[str] = st.session_state.setdefault("processed_uploads", set())
    fresh = [f for f in files or [] if f.file_id not in processed]
    if fresh:
        bar = st.progress(0.0, text=f"Reading {len(fresh)} file(s)…")
        payload = [(f.name, f.getvalue()) for f in fresh]
        outcomes, private = ingest_files(
            None if private_mode else get_store(),
            payload,
            known_ids=data.ids() if private_mode else None,
            reference=get_store() if private_mode else None,
            progress=lambda done, total: bar.progress(done / total, text=f"Read {done}/{total} file(s)"),
        )
        bar.empty()
        processed.update(f.file_id for f in fresh)
        unmapped = st.session_state.setdefault("needs_mapping", {})
        for (name, raw), outcome in zip(payload, outcomes, strict=True):
            if outcome.status == "rejected" and "no text column" in outcome.message:
                unmapped[name] = raw
        if private:
            st.session_state["private_articles"] = [*st.session_state.get("private_articles", []), *private]
            remember_near(outcomes)
        st.session_state["upload_outcomes"] = outcomes + st.session_state.get("upload_outcomes", [])
        st.rerun()
    column_mapping(data, private_mode)
    show_outcomes(st.session_state.get("upload_outcomes", []))


def remember_near(outcomes: list[FileOutcome]) -> None:
    """This session's private near-duplicates, for "count each story once" (``near_duplicate_links``)."""
    links: dict[str, str] = st.session_state.setdefault("private_near", {})
    for outcome in outcomes:
        links.update(outcome.near)


def column_mapping(data: Corpus, private_mode: bool) -> None:
    """A batch whose columns have other names: let the user say which is which."""
    from lib.formats import peek_columns

    pending: dict[str, bytes] = st.session_state.get("needs_mapping", {})
    for name, raw in list(pending.items()):
        columns = peek_columns(name, raw)
        with st.form(f"map-{name}"):
            st.markdown(f"**Map the columns of {md(name)}**")
            mapping = {}
            for field_name, label in (
                ("text", "Article text"),
                ("title", "Title"),
                ("outlet", "Outlet"),
                ("date", "Date"),
                ("url", "URL"),
            ):
                picked = st.selectbox(
                    label, ["", *columns], format_func=lambda c: c or "(none)", key=f"map-{name}-{field_name}"
                )
                if picked:
                    mapping[field_name] = picked
            submitted = st.form_submit_button("Add with this mapping")
        if submitted:
            if "text" not in mapping:
                st.error("Choose the column that holds the article text.")
                continue
            outcomes, private = ingest_files(
                None if private_mode else get_store(),
                [(name, raw)],
                known_ids=data.ids() if private_mode else None,
                reference=get_store() if private_mode else None,
                column_map=mapping,
            )
            if private:
                st.session_state["private_articles"] = [*st.session_state.get("private_articles", []), *private]
                remember_near(outcomes)
            st.session_state["upload_outcomes"] = outcomes + st.session_state.get("upload_outcomes", [])
            del pending[name]
            st.rerun()


def show_outcomes(outcomes: list[FileOutcome]) -> None:
    """The upload report: one line per file, what became of it."""
    if not outcomes:
        return
    icons = {
        "added": "✅",
        "partly added": "🟡",
        "near-duplicate": "🟡",
        "duplicate": "↩️",
        "rejected": "⛔",
        "metadata": "🗂️",
    }
    with st.expander(f"Upload results ({len(outcomes)})", expanded=True):
        for outcome in outcomes[:50]:
            st.markdown(f"{icons.get(outcome.status, '')} **{md(outcome.name)}**: {md(outcome.message)}")
