"""Drill-down: from a chart's selection to the sentences behind a mark, each highlighted and
linked to the Reader; and the downloads of what a page shows."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from lib.analysis import analyzer_version
from lib.corrections import APPLIED, REPORT_COLUMNS, STALE, report_rows
from lib.evaluate import accuracy_rows
from lib.export import to_csv_bytes, zip_tables
from lib.highlight import Mark, snippet
from lib.report import html_report, manifest, manifest_json
from lib.sentiment import DEFAULT_ENGINE
from lib.tables import Tables
from pages._data import View, analysis_version, corpus, get_store
from pages._nav import page
from pages._safe import md
from pages._state import reader_params


def selected_points(event: Any) -> list[dict[str, Any]]:
    """The points of a plotly selection event (empty when nothing is selected)."""
    if not event:
        return []
    selection = event.get("selection") if isinstance(event, dict) else getattr(event, "selection", None)
    if not selection:
        return []
    points = selection.get("points") if isinstance(selection, dict) else getattr(selection, "points", None)
    return list(points or [])


def apply_selection(chart_key: str, points: list[dict[str, Any]], assign: dict[str, int]) -> None:
    """Copy a new chart selection into ``url_select`` widgets: ``assign`` maps their key to the
    index in each point's customdata. Applied once per distinct selection, so a later
    change of the widget by hand is not overridden."""
    signature = repr([p.get("customdata") for p in points])
    if not points or st.session_state.get(f"_applied_{chart_key}") == signature:
        return
    st.session_state[f"_applied_{chart_key}"] = signature
    first = points[0].get("customdata") or []
    for key, index in assign.items():
        if index < len(first):
            st.session_state[f"s_{key}"] = first[index]


def show_sentences(
    view: View, rows: pd.DataFrame, *, title: str, terms: pd.DataFrame | None = None, limit: int = 25, key: str
) -> None:
    """Sentences behind a chart mark (``rows``: article_id, sentence_index), each highlighted
    (actors, and ``terms`` spans: columns article_id, start, end, label), with its polarity
    and a link to the Reader. Only what is shown is read, by id: the sentences, their
    mentions, the texts of the articles shown."""
    st.markdown(f"#### {md(title)}")
    if rows.empty:
        st.info("No sentence behind this selection.")
        return
    rows = rows[["article_id", "sentence_index"]].drop_duplicates(["article_id", "sentence_index"])

    def read(pairs: pd.DataFrame) -> pd.DataFrame:
        return pairs.merge(view.by_id("sentences_at", pairs), on=["article_id", "sentence_index"], how="left")

    st.caption(
        f"{len(rows)} sentence(s)" + (f"; the first {limit} shown, all in the download" if len(rows) > limit else "")
    )
    # Only the shown sentences are read now (a measure cited 15,000 times was 0.3 s a run); the
    # download reads the rest when clicked.
    shown = read(rows.head(limit))
    titles = view.by_id("articles_at", list(dict.fromkeys(shown["article_id"]))).set_index("article_id")
    texts = (view.data or corpus()).texts(list(dict.fromkeys(shown["article_id"])))
    polarity = [c for c in shown.columns if c.startswith("polarity_")]
    notes = corrected_notes(view)
    # Each shown sentence's actor marks and each shown article's term marks, in their rows' order.
    mentions = view.by_id("mentions_at", shown)
    actor_marks: dict[tuple[str, int], list[Mark]] = {}
    for article_id, index, start, end, actor in zip(
        mentions["article_id"], mentions["sentence_index"], mentions["start"], mentions["end"], mentions["actor"],
        strict=True,
    ):  # fmt: skip
        actor_marks.setdefault((article_id, int(index)), []).append(Mark(int(start), int(end), "actor", actor))
    term_marks: dict[str, list[Mark]] = {}
    if terms is not None and not terms.empty:
        hits = terms[terms["article_id"].isin(set(shown["article_id"]))]
        labels = hits["label"] if "label" in hits.columns else pd.Series("", index=hits.index)
        for article_id, start, end, label in zip(hits["article_id"], hits["start"], hits["end"], labels, strict=True):
            term_marks.setdefault(article_id, []).append(Mark(int(start), int(end), "term", str(label)))
    for row in shown.to_dict("records"):
        text = texts.get(row["article_id"], "")
        marks = [*actor_marks.get((row["article_id"], int(row["sentence_index"])), []),
                 *term_marks.get(row["article_id"], [])]  # fmt: skip
        meta = titles.loc[row["article_id"]] if row["article_id"] in titles.index else None
        left, right = st.columns([5, 1.4])
        with left:
            if text and pd.notna(row.get("start")):
                st.html(snippet(text, int(row["start"]), int(row["end"]), marks))
            else:
                st.text(str(row.get("text", "")))
            for note in notes.get((row["article_id"], int(row["sentence_index"])), []):
                st.caption(f"✎ corrected: {md(note)}")
        with right:
            label = meta["label"] if meta is not None else row["article_id"]
            st.caption(f"{md(str(meta['outlet']) if meta is not None else '')} · {md(str(label))[:60]}")
            scores = " ".join(f"{c.removeprefix('polarity_')} {row[c]:+.2f}" for c in polarity if pd.notna(row.get(c)))
            st.caption(scores)
            st.page_link(
                page("reader"),
                label="Open in Reader",
                icon=":material/menu_book:",
                query_params=reader_params(row["article_id"], int(row["sentence_index"])),
            )
    download(lambda: read(rows), f"{key}-sentences", label="Download these sentences")


def corrected_notes(view: View) -> dict[tuple[str, int], list[str]]:
    """(article, sentence) -> what an analyst's corrections changed in its statements and
    figures ("speaker was NATO"): the drill-down marks those sentences."""
    notes: dict[tuple[str, int], list[str]] = {}
    for row in view.by_id("corrections").to_dict("records"):
        key = (str(row["article_id"]), int(row["sentence_index"]))
        notes.setdefault(key, []).append(f"{row['what']}: {row['corrected']}")
    return notes


def download(frame: pd.DataFrame | Callable[[], pd.DataFrame], name: str, *, label: str = "Download CSV") -> None:
    """A CSV download of a shown table (formula cells neutralised), made when clicked:
    encoding every table of a large corpus on each rerun took most of a page's time.
    ``frame`` may be a function that makes it (a table not shown: queried when clicked)."""
    st.download_button(
        label,
        lambda: to_csv_bytes(frame() if callable(frame) else frame),
        file_name=f"stancewatch-{name}.csv",
        mime="text/csv",
        key=f"dl-{name}",
        icon=":material/download:",
    )


def corrections_frame() -> pd.DataFrame:
    """Every correction of the shared corpus with its status against the current analysis
    (applied / no longer applies): the zip's corrections.csv."""
    statuses = get_store().correction_statuses(analysis_version())
    return pd.DataFrame(report_rows(statuses), columns=REPORT_COLUMNS)


def _corrections_part() -> list[tuple[str, pd.DataFrame]]:
    frame = corrections_frame()
    return [("Corrections by an analyst", frame)] if not frame.empty else []


def _facts(tables: Tables) -> dict[str, Any]:
    """The manifest of the current view: the URL holds every filter and selection."""
    results_path = Path(__file__).resolve().parent.parent / "lib" / "data" / "evaluation.json"
    results = json.loads(results_path.read_text()) if results_path.exists() else {}
    filters = st.query_params.to_dict()
    counts = {name: len(getattr(tables, name)) for name in tables.names()}
    states = corrections_frame()["status"].value_counts()
    corrections = {state: int(states.get(state, 0)) for state in (APPLIED, STALE)}
    return manifest(filters=filters, engine=filters.get("engine", DEFAULT_ENGINE), analyzer_version=analyzer_version(),
                    counts=counts, accuracy=accuracy_rows(results), corrections=corrections)  # fmt: skip


Table = pd.DataFrame | Callable[[], pd.DataFrame]  # a table, or what makes it when clicked


def _made(extra: dict[str, Table]) -> dict[str, pd.DataFrame]:
    return {name: table() if callable(table) else table for name, table in extra.items()}


def _zip(view: View, extra: dict[str, Table]) -> bytes:
    tables = view.frames()
    frames = {name: getattr(tables, name) for name in tables.names()} | _made(extra)
    return zip_tables(frames | {"corrections": corrections_frame()}, manifest=manifest_json(_facts(tables)))


def download_all(
    view: View, extra: dict[str, Table], *, charts: Sequence[tuple[str, Any]] = (), title: str = "Overview"
) -> None:
    """The whole analysis as a zip of CSV with its manifest, and the view as a self-contained
    HTML report (filters, engine, analyzer version, charts, key tables, measured accuracy).
    Both are made when clicked (the view's frames are read from the layer then, and the
    ``extra`` tables given as functions are made)."""
    st.download_button(
        "Download the whole analysis (zip of CSV)",
        lambda: _zip(view, extra),
        file_name="stancewatch-analysis.zip",
        mime="application/zip",
        key="dl-all",
        icon=":material/folder_zip:",
    )
    st.download_button(
        "Download this view as a report (HTML)",
        lambda: html_report(
            f"Stancewatch: {title}",
            _facts(view.frames()),
            charts=charts,
            tables=[*_made(extra).items(), *_corrections_part()],
        ).encode("utf-8"),
        file_name=f"stancewatch-{title.lower()}-report.html",
        mime="text/html",
        key="dl-report",
        icon=":material/description:",
    )
