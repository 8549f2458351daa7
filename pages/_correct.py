"""The Reader's corrections of one article's analysis: fix a statement's speaker, say that
something is not a statement, fix or remove a figure; the article's corrections listed, each
with its status and a Remove button (the undo). The rules live in lib.corrections; the store
keeps them and applies them wherever it hands analyses out, so every page follows."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from lib import corrections as fixes
from lib.corrections import Correction
from lib.errors import StancewatchError
from lib.overlay import overlay_dictionary
from pages._data import Corpus, analysis_version, current_overlay, get_store, read_only
from pages._safe import md

NOBODY = "(nobody)"


def blocked(data: Corpus, article_id: str) -> str | None:
    """Why this article's analysis cannot be corrected here (None: it can), said in the UI
    rather than hiding the controls."""
    if article_id in data.private_ids:
        return "This article is a private upload (kept in your session only): corrections cannot be kept for it."
    if read_only() and not st.session_state.get("can_write"):
        return "The corpus is read-only: enter the upload token in the sidebar to correct it."
    return None


def statuses(data: Corpus, article_id: str) -> list[tuple[Correction, str]]:
    """This article's corrections with their status (none for a private upload)."""
    if article_id in data.private_ids:
        return []
    try:
        return get_store().correction_statuses(analysis_version(), [article_id])
    except StancewatchError as exc:
        st.error(f"The corrections could not be read: {exc}.")
        return []


def notice(status: list[tuple[Correction, str]]) -> None:
    """The count of corrections, and of those that no longer match this analysis."""
    stale = sum(1 for _, state in status if state == fixes.STALE)
    if stale:
        st.warning(
            f"{stale} correction{'s' if stale > 1 else ''} no longer match{'es' if stale == 1 else ''} this analysis "
            "(the article was analysed again): see *Correct a statement or a figure* below."
        )
    elif status:
        st.caption(f"✎ {len(status)} correction{'s' if len(status) > 1 else ''} by an analyst applied.")


def _save(correction: Correction | None, message: str) -> None:
    if correction is None:
        return
    try:
        get_store().save_correction(correction)
    except StancewatchError as exc:
        st.error(f"Could not keep the correction: {exc}.")
        return
    st.toast(message)
    st.rerun()


def note(row: dict[str, Any]) -> str | None:
    """What a correction changed in this row of the quotes or figures frame (None: as analysed;
    the frame holds NaN, not None, for those)."""
    value = row.get("corrected")
    return value if isinstance(value, str) and value else None


def _first_words(text: str, n: int = 8) -> str:
    words = str(text).split()
    return " ".join(words[:n]) + ("…" if len(words) > n else "")


def panel(
    data: Corpus,
    article_id: str,
    quotes: pd.DataFrame,
    figures: pd.DataFrame,
    actors: list[str],
    status: list[tuple[Correction, str]],
    text: str,
) -> None:
    """The correction controls for one article (``quotes`` and ``figures``: its rows, as
    corrected; ``text``: its text), and its list of corrections."""
    reason = blocked(data, article_id)
    if reason:
        st.info(reason)
    applied = [c for c, state in status if state == fixes.APPLIED]
    left, right = st.columns(2)
    with left:
        _statement_controls(article_id, quotes, actors, applied, disabled=reason is not None)
    with right:
        _figure_controls(article_id, figures, actors, applied, disabled=reason is not None)
    _listing(status, text, disabled=reason is not None)


def _statement_controls(
    article_id: str, quotes: pd.DataFrame, actors: list[str], applied: list[Correction], *, disabled: bool
) -> None:
    st.markdown("**A statement**")
    if quotes.empty:
        st.caption("No statement in this article.")
        return
    rows: dict[str, dict[str, Any]] = {str(r["quote_id"]): r for r in quotes.to_dict("records")}
    n_of = {q: n for n, q in enumerate(rows, start=1)}
    # Labelled by number and first words, not by speaker: a label that changed with a
    # correction is not redrawn in the select box.
    chosen = st.selectbox(
        "Statement",
        list(rows),
        format_func=lambda q: f"{n_of[q]}. {_first_words(rows[q]['text'])}",
        key="fix_statement",
        help="Its speaker is in the Speaker box below.",
    )
    row = rows[str(chosen)]
    if note(row):
        st.caption(f"✎ corrected: {md(str(note(row)))}")
    current = str(row["speaker"])
    key = f"fix_speaker_{chosen}"
    speaker = st.selectbox(
        "Speaker",
        list(dict.fromkeys([current, *actors])),
        index=0,
        accept_new_options=True,
        key=key,
        help="Pick an actor, or type a name and press Enter.",
    )
    save, remove = st.columns(2)
    if save.button("Save speaker", key="fix_save_speaker", disabled=disabled):
        name = str(speaker or "").strip()
        if not name or name == current:
            st.info("Choose another speaker first.")
        else:
            dictionary = overlay_dictionary(current_overlay())
            rollup = dictionary.rollup(name) if dictionary.actor(name) else None
            try:
                correction = fixes.speaker_fix(
                    article_id, int(row["start"]), int(row["end"]), current, name, speaker_rollup=rollup,
                    applied=applied,
                )  # fmt: skip
            except fixes.CorrectionError as exc:
                st.error(f"Cannot correct: {exc}.")
            else:
                _save(correction, f"Saved: the statement is now {name}'s, on every page.")
    if remove.button("Not a statement", key="fix_remove_statement", disabled=disabled):
        _save(
            fixes.statement_removal(article_id, int(row["start"]), int(row["end"]), current, applied=applied),
            "Removed: no page counts it as a statement any more (undo it below).",
        )


def _figure_controls(
    article_id: str, figures: pd.DataFrame, actors: list[str], applied: list[Correction], *, disabled: bool
) -> None:
    st.markdown("**A figure**")
    if figures.empty:
        st.caption("No figure in this article.")
        return
    records = figures.to_dict("records")
    rows: dict[str, dict[str, Any]] = {f"{r['start']}-{r['end']}": r for r in records}
    chosen = st.selectbox(
        "Figure",
        list(rows),
        format_func=lambda k: f"{rows[k]['surface']} · {_first_words(rows[k]['sentence'], 6)}",
        key="fix_figure",
    )
    row = rows[str(chosen)]
    if note(row):
        st.caption(f"✎ corrected: {md(str(note(row)))}")
    value = st.number_input("Value", value=float(row["value"]), step=1.0, format="%.2f", key=f"fix_value_{chosen}")
    counted = st.text_input(
        "Counts or measures", str(row["counted"] or ""), key=f"fix_counted_{chosen}", help="e.g. troops, soldiers"
    )
    about_now = row["about"] if isinstance(row["about"], str) and row["about"] else NOBODY
    about = st.selectbox(
        "About (actor)",
        list(dict.fromkeys([about_now, NOBODY, *actors])),
        index=0,
        accept_new_options=True,
        key=f"fix_about_{chosen}",
        help="Pick an actor, or type a name and press Enter.",
    )
    save, remove = st.columns(2)
    if save.button("Save figure", key="fix_save_figure", disabled=disabled):
        about_name = None if about in (None, NOBODY) else str(about)
        shown = (float(row["value"]), str(row["counted"] or ""), None if about_now == NOBODY else about_now)
        if (float(value), " ".join(counted.split()), about_name) == shown:
            st.info("Nothing to change: edit the value, what it counts or the actor first.")
            return
        try:
            correction = fixes.figure_fix(
                article_id, int(row["start"]), int(row["end"]), float(row["value"]), value=float(value),
                counted=counted, about=about_name, applied=applied,
            )  # fmt: skip
        except fixes.CorrectionError as exc:
            st.error(f"Cannot correct: {exc}.")
        else:
            _save(correction, "Saved: every chart and table now uses the corrected figure.")
    if remove.button("Not a figure", key="fix_remove_figure", disabled=disabled):
        _save(
            fixes.figure_removal(article_id, int(row["start"]), int(row["end"]), float(row["value"]), applied=applied),
            "Removed: no page counts it as a figure any more (undo it below).",
        )


def _listing(status: list[tuple[Correction, str]], text: str, *, disabled: bool) -> None:
    st.markdown("**This article's corrections**")
    if not status:
        st.caption("None yet.")
        return
    for correction, state in status:
        line, button = st.columns([5, 1])
        mark = "⚠ no longer applies" if state == fixes.STALE else "✎ applied"
        words = _first_words(text[correction.start : correction.end], 10)
        line.markdown(f"{md(correction.describe())} — *{mark}*  \n“{md(words)}”")
        if button.button("Remove", key=f"unfix_{correction.id}", disabled=disabled):
            try:
                get_store().remove_correction(int(correction.id or 0))
            except StancewatchError as exc:
                st.error(f"Could not remove the correction: {exc}.")
            else:
                st.toast("Correction removed: the engine's reading is back.")
                st.rerun()
