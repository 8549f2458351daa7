"""A view written out: a self-contained HTML report and the manifest that travels with every export.

The manifest says what an exported number depends on: the filters of the view, the sentiment
engine, the analyzer version (engine + data-file fingerprint), the corpus counts, when it was
made, the measured accuracy of each component (``lib.evaluate.accuracy_rows``) and how many
analysts' corrections apply (or no longer do). The HTML
report carries the same facts, the view's charts (plotly.js inlined once, so the file opens
offline) and its key tables; every text is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from lib.export import safe_frame

MAX_ROWS = 200  # rows of a table written into the report; the CSV downloads have them all


def manifest(
    *,
    filters: Mapping[str, Any],
    engine: str,
    analyzer_version: str,
    counts: Mapping[str, int],
    accuracy: Sequence[Mapping[str, Any]] = (),
    corrections: Mapping[str, int] | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The facts an export depends on, JSON-ready. ``corrections``: how many of the analysts'
    corrections (lib.corrections) apply and how many no longer do; the exported tables hold
    the corrected values, each corrected row saying what was changed."""
    facts = {
        "made_by": "Stancewatch",
        "generated": (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        "analyzer_version": analyzer_version,
        "sentiment_engine": engine,
        "filters": {str(k): v for k, v in filters.items()},
        "corpus": {str(k): int(v) for k, v in counts.items()},
        "accuracy": [dict(row) for row in accuracy],
    }
    if corrections is not None:
        facts["corrections"] = {str(k): int(v) for k, v in corrections.items()}
    return facts


def manifest_json(facts: Mapping[str, Any]) -> bytes:
    return json.dumps(facts, indent=2, ensure_ascii=False, default=str).encode("utf-8")


def _table(frame: pd.DataFrame) -> str:
    shown = safe_frame(frame.head(MAX_ROWS))
    more = len(frame) - len(shown)
    note = (
        f"<p class='note'>First {MAX_ROWS} of {len(frame)} rows; the CSV download has them all.</p>" if more > 0 else ""
    )
    return shown.to_html(index=False, escape=True, na_rep="", border=0, classes="table") + note


def html_report(
    title: str,
    facts: Mapping[str, Any],
    *,
    charts: Sequence[tuple[str, go.Figure]] = (),
    tables: Sequence[tuple[str, pd.DataFrame]] = (),
) -> str:
    """One self-contained HTML page: the facts, the charts and the tables of a view."""
    esc = html.escape
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{esc(title)}</title>",
        "<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:1200px}"
        "table{border-collapse:collapse;font-size:.85rem}td,th{border-bottom:1px solid #ddd;padding:.2rem .5rem;"
        "text-align:left}.note,.facts{color:#555;font-size:.85rem}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
        "<dl class='facts'>",
        f"<dt>Generated</dt><dd>{esc(str(facts.get('generated', '')))}</dd>",
        f"<dt>Analyzer version</dt><dd>{esc(str(facts.get('analyzer_version', '')))}</dd>",
        f"<dt>Sentiment engine</dt><dd>{esc(str(facts.get('sentiment_engine', '')))}</dd>",
        f"<dt>Corpus</dt><dd>{esc(', '.join(f'{k}: {v}' for k, v in dict(facts.get('corpus', {})).items()))}</dd>",
        f"<dt>Filters</dt><dd>{esc(json.dumps(facts.get('filters', {}), ensure_ascii=False, default=str))}</dd>",
    ]
    if facts.get("corrections"):
        counts = ", ".join(f"{k}: {v}" for k, v in dict(facts["corrections"]).items())
        parts.append(f"<dt>Corrections by an analyst</dt><dd>{esc(counts)}</dd>")
    parts.append("</dl>")
    for index, (name, figure) in enumerate(charts):
        parts.append(f"<h2>{esc(name)}</h2>")
        parts.append(figure.to_html(full_html=False, include_plotlyjs="inline" if index == 0 else False))
    for name, frame in tables:
        parts.append(f"<h2>{esc(name)}</h2>")
        parts.append(_table(frame))
    accuracy = list(facts.get("accuracy") or [])
    if accuracy:
        parts.append("<h2>Measured accuracy</h2>")
        parts.append(_table(pd.DataFrame(accuracy)))
    parts.append("</body></html>")
    return "\n".join(parts)
