"""Numbers in tables: separators, "—" for an empty cell, columns wide enough for what they hold."""

from __future__ import annotations

import pandas as pd
import streamlit as st


def number(value: object) -> str:
    """150,000; 8.5; "—" for an empty cell (Streamlit shows a missing value as "None")."""
    if value is None or pd.isna(value):
        return "—"
    number = float(value)
    return f"{number:,.0f}" if number == round(number) else f"{number:,.2f}".rstrip("0").rstrip(".")


def number_grid(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, object]]:
    """A wide table of figures as formatted text, right-aligned, each column wide enough for its numbers."""
    # Only the cells that hold a number are formatted (a pivot of many measures by outlet is mostly empty).
    filled = frame.stack().map(number)
    grid = (
        filled.unstack().reindex(index=frame.index, columns=frame.columns).fillna("—")
        if len(filled)
        else frame.map(number)
    )
    widths = {c: 8 * max(min(len(str(c)), 24), int(grid[c].str.len().max() or 1)) + 28 for c in grid.columns}
    return grid, {c: st.column_config.TextColumn(str(c), alignment="right", width=w) for c, w in widths.items()}
