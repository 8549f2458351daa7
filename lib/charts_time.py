"""Chart builders for the Over time and Compare pages: ``lib.timeseries`` results in, plotly
figures out. The layout helpers (top N, truncated labels, heights, legends) are
``lib.charts``'s, so every page's charts read alike.

customdata, per builder:
- ``timeline_chart``: [series, period (ISO day), n, articles, pooled (1/0)];
- ``compare_chart``: [key, group, side ("a"/"b"), view, n] (key "" on a pooled "other" row).
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lib.charts import (
    MAX_CATEGORIES,
    OTHER_COLOR,
    OUTLET_COLORS,
    _category_axis,
    _layout,
    _legend_below,
    empty_figure,
    rows_height,
    short,
)
from lib.timeseries import BY, COMPARE_VIEWS, FREQS, METRICS, Comparison, TimeSeries

MAX_SERIES = len(OUTLET_COLORS)  # a line of its own needs a colour of its own
GROUP_COLORS = ("#1f77b4", "#d62728")  # group A, group B


def timeline_chart(ts: TimeSeries, engine_label: str) -> go.Figure:
    """The mean per period of each named series and of "other" (grey), as lines broken where a
    period has no n (nothing is drawn for an empty period: a gap, not a zero); marker size grows
    with n. Below, the n behind every point (sentences or statements; 0 in an empty period)."""
    frame = ts.frame
    if frame.empty:
        return empty_figure("No article states its date: give articles a date in the Reader to see them over time.")
    value, n = ("tone", "tone_n") if ts.metric == "tone" else ("stance", "stance_n")
    unit = "sentences" if ts.metric == "tone" else "statements"
    if int(frame[n].sum()) == 0:
        return empty_figure(f"No {unit} in the dated articles: try the other measure.")
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.72, 0.28], vertical_spacing=0.06)
    order = [*ts.named, *([ts.other] if ts.other else [])]
    colours = {s: OUTLET_COLORS[i % len(OUTLET_COLORS)] for i, s in enumerate(ts.named)}
    if ts.other:
        colours[ts.other] = OTHER_COLOR
    most = max(1, int(frame[n].max()))
    for name in order:
        group = frame[frame["series"] == name]
        days = [p.isoformat() for p in group["period"]]
        custom = [
            [name, day, int(k), int(a), int(bool(pooled))]
            for day, k, a, pooled in zip(days, group[n], group["articles"], group["pooled"], strict=True)
        ]
        fig.add_trace(
            go.Scatter(
                name=short(name, 24),
                legendgroup=name,
                x=days,
                y=group[value],
                mode="lines+markers",
                connectgaps=False,
                line={"color": colours[name], "width": 1.5 if name == ts.other else 2},
                marker={"color": colours[name], "size": [5 + 12 * math.sqrt(k / most) for k in group[n]]},
                customdata=custom,
                hovertemplate="%{customdata[0]}<br>%{customdata[1]}: mean %{y:.3f}<br>n=%{customdata[2]} "
                + unit
                + ", %{customdata[3]} article(s)<extra></extra>",
            ),
            row=1,
            col=1,
        )
        fig.add_trace(
            go.Scatter(
                name=short(name, 24),
                legendgroup=name,
                showlegend=False,
                x=days,
                y=group[n],
                mode="lines+markers",
                line={"color": colours[name], "width": 1, "shape": "hvh"},
                marker={"color": colours[name], "size": 4},
                customdata=custom,
                hovertemplate="%{customdata[0]}<br>%{customdata[1]}: n=%{y} " + unit + "<extra></extra>",
            ),
            row=2,
            col=1,
        )
    label = engine_label.split(" (")[0]
    y_title = f"mean polarity ({label})" if ts.metric == "tone" else "stance score"
    fig.update_yaxes(title={"text": y_title, "font": {"size": 11}}, zeroline=True, row=1, col=1)
    if ts.metric == "stance":
        fig.update_yaxes(range=[-1.1, 1.1], row=1, col=1)
    fig.update_yaxes(title={"text": f"n ({unit})", "font": {"size": 11}}, rangemode="tozero", row=2, col=1)
    fig.update_xaxes(type="date", row=2, col=1)
    legend_rows = _legend_below(fig, per_row=4)
    pooled = f" · {ts.other}, pooled in grey" if ts.other else ""
    note = f"{METRICS[ts.metric]} · {FREQS[ts.freq]} · {len(ts.periods)} periods, empty ones left as gaps{pooled}" + (
        f" · {ts.undated} undated article(s) left out" if ts.undated else ""
    )
    kind = "outlet" if ts.by == "outlet" else ("speaker" if ts.metric == "stance" else "actor")
    title = f"{ts.metric.capitalize()} over time, {BY[ts.by].replace('actor', kind)} (top {len(ts.named)})"
    return _layout(fig, title, height=460 + 22 * legend_rows, subtitle=note)


_VALUES = {
    # view: (category column, value column, n column, x title, n unit)
    "tone": ("actor", "tone", "n_sentences", "mean polarity", "sentences"),
    "voice": ("speaker", "share", "quotes", "share of the group's statements", "statements"),
    "stance": ("speaker", "score", "n_quotes", "conflict ← stance score → cooperation", "statements"),
    "figures": ("measure", "value", "articles", "value cited (median of the articles; bar: lowest to highest)",
                "articles"),
}  # fmt: skip


def compare_chart(
    comparison: Comparison,
    view: str,
    *,
    engine_label: str = "",
    max_categories: int = MAX_CATEGORIES,
    min_n: int = 1,
) -> go.Figure:
    """One aspect (``view``: tone, voice, stance, figures) of two groups side by side: a row per
    actor, speaker or measure (the ``max_categories`` with the most n over both groups, at least
    ``min_n``), a dot per group joined by a grey line. For voice the other speakers are pooled
    into one row; figures are on a log axis (counts of troops beside percentages)."""
    if view not in _VALUES:
        raise ValueError(f"unknown comparison view {view!r}; known: {', '.join(_VALUES)}")
    category, value, n, x_title, unit = _VALUES[view]
    frame: pd.DataFrame = getattr(comparison, view)
    if frame.empty:
        return empty_figure(f"Neither group has any {unit} for this: {COMPARE_VIEWS[view].lower()}.")
    frame = frame.dropna(subset=[value])
    names = [g.name for g in comparison.groups]
    totals = frame.groupby(category)[n].sum()
    eligible = totals[totals >= min_n].sort_values(ascending=False, kind="stable")
    rows = [str(c) for c in eligible.index[: max(1, max_categories)]]
    if not rows:
        return empty_figure(f"Nothing has {min_n} or more {unit} here: lower the minimum n.")
    shown = frame[frame[category].isin(rows)].copy()
    shown["key"] = shown[category].astype(str)
    rest = frame[~frame[category].isin(rows)]
    if view == "voice" and not rest.empty:
        other = f"other {rest[category].nunique()} speakers"
        pooled = rest.groupby("group", as_index=False).agg(quotes=("quotes", "sum"), share=("share", "sum"))
        shown = pd.concat([shown, pooled.assign(**{category: other, "key": ""})], ignore_index=True)
        rows.append(other)
    fig = go.Figure()
    # The grey line joining a row's two dots: drawn first, not selectable, no hover.
    xs: list[float | None] = []
    ys: list[str | None] = []
    by_row = shown.groupby(category)[value].apply(lambda v: v.astype(float).tolist())
    for row in rows:
        values = by_row.get(row, [])
        if len(values) == 2:
            xs += [*values, None]
            ys += [row, row, None]
    if xs:
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#bbb", "width": 2}, hoverinfo="skip",
                                 showlegend=False))  # fmt: skip
    for side, (name, colour) in enumerate(zip(names, GROUP_COLORS, strict=True)):
        group = shown[shown["group"] == name]
        custom = [[k, name, "ab"[side], view, int(c)] for k, c in zip(group["key"], group[n], strict=True)]
        error = None
        if view == "figures":
            error = {"type": "data", "symmetric": False, "array": group["high"] - group["value"],
                     "arrayminus": group["value"] - group["low"], "color": colour, "thickness": 1}  # fmt: skip
        fig.add_trace(
            go.Scatter(
                name=short(name, 30),
                x=group[value],
                y=group[category],
                mode="markers",
                error_x=error,
                marker={"color": colour, "size": 11, "symbol": "circle" if side == 0 else "diamond"},
                customdata=custom,
                hovertemplate="%{y}<br>%{customdata[1]}"
                + (": %{x:.0%}" if view == "voice" else ": %{x:,.3~f}")
                + "<br>n=%{customdata[4]} "
                + unit
                + "<extra></extra>",
            )
        )
    _category_axis(fig, "y", rows)
    # The n behind each row, per group, in a column at the right (never on the marks).
    counts = shown.groupby([category, "group"])[n].sum()
    # One layout update (plotly's add_annotation per row is quadratic: seconds at 60 rows).
    fig.update_layout(
        annotations=[
            {"x": 1.0, "xref": "paper", "xanchor": "left", "xshift": 6, "y": row, "yref": "y", "showarrow": False,
             "text": " | ".join(f"{int(counts.get((row, g), 0)):,}" for g in names),
             "font": {"size": 10, "color": "#666"}}
            for row in rows
        ],
        margin={"r": 80},
    )  # fmt: skip
    if view == "tone":
        x_title = f"{x_title} ({engine_label.split(' (')[0]})" if engine_label else x_title
        fig.update_xaxes(zeroline=True)
    if view == "voice":
        fig.update_xaxes(tickformat=".0%", rangemode="tozero")
    if view == "stance":
        fig.update_xaxes(range=[-1.1, 1.1], zeroline=True)
    if view == "figures":
        fig.update_xaxes(type="log")
    fig.update_xaxes(title={"text": x_title, "font": {"size": 11}})
    legend_rows = _legend_below(fig, per_row=2)
    note = f"top {len(rows)} of {frame[category].nunique()} by {unit} (both groups) · n per group at the right: " + (
        " | ".join(short(g, 18) for g in names)
    )
    return _layout(
        fig,
        COMPARE_VIEWS[view],
        height=rows_height(len(rows), chrome=170 + 22 * legend_rows),  # title, subtitle, axis title, legend
        subtitle=note,
    )
