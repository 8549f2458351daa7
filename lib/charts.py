"""Chart builders: tidy frames in, plotly figures out. Pages only place them.

Every mark carries the keys a drill-down needs in ``customdata`` (documented per
builder), so a click can be turned back into the rows behind it. A key is "" on a mark
that pools everything ("all outlets"): the drill-down then reads "any". The "other" mark of
the tone bars and of the heatmap's columns carries its own label ("other 35 outlet(s)"):
``pooled`` turns it back into the outlets it holds, those the figure does not name.

Built for many categories: a builder that puts categories on an axis takes
``max_categories`` (the rest pooled into an "other" row where pooling means something),
grows its height with its rows (``ROW_PX`` each), truncates long names (``LABEL_CHARS``,
the full name on hover) and says what its whiskers are (``INTERVALS``).
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go

DIVERGING = "RdBu"
LABEL_COLORS = {"conciliatory": "#2b8cbe", "mixed": "#9e9ac8", "confrontational": "#de2d26", "neutral": "#bdbdbd"}
# Ten distinguishable colours for named outlets (plotly's D3); every further outlet is grey.
OUTLET_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                 "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"]  # fmt: skip
OTHER_COLOR = "#c7c7c7"

ROW_PX = 26  # vertical room a category row gets
MIN_ROW_PX = 18  # the least any category row may get (tests/test_many_outlets.py holds every chart to it)
MIN_COLUMN_PX = 24  # the least a category column may get ...
NOMINAL_WIDTH = 560  # ... in a chart this wide (half of the wide layout: the narrowest place a chart is put)
MAX_COLUMNS = NOMINAL_WIDTH // MIN_COLUMN_PX
LABEL_CHARS = 26  # axis labels longer than this are cut, with the full name on hover
MAX_CATEGORIES = 15
INTERVALS = {"ci95": "95% CI of the mean", "sd": "±1 SD"}
SORTS = {"value": "by value", "n": "by n"}


def pooled(fig: go.Figure, key: str, *, index: int, every: Any) -> list[str] | None:
    """What the pooled mark ``key`` ("other 35 outlet(s)") of ``fig`` holds: the values of
    ``every`` that no mark of the figure names at customdata ``index``; None when ``key``
    is no pooled mark of this figure."""
    named: set[str] = set()
    found = False
    for trace in fig.data:
        for custom in trace.customdata if trace.customdata is not None else []:
            value = str(custom[index])
            if value == key:
                found = True
            else:
                named.add(value)
    if not found or not key.startswith("other "):
        return None
    return [v for v in every if str(v) not in named]


def _layout(fig: go.Figure, title: str, *, height: int = 380, subtitle: str = "") -> go.Figure:
    heading: dict[str, Any] = {"text": title, "x": 0, "font": {"size": 15}}
    if subtitle:
        heading["subtitle"] = {"text": subtitle, "font": {"size": 11, "color": "#666"}}
    fig.update_layout(
        title=heading,
        height=height,
        # Right and bottom margins already widened (the n column, a legend below) are kept.
        margin={
            "l": 10,
            "r": max(10, fig.layout.margin.r or 0),
            "t": 64 if subtitle else 48,
            "b": max(10, fig.layout.margin.b or 0),
        },
    )
    return fig


def _legend_below(fig: go.Figure, *, per_row: int) -> int:
    """A horizontal legend at the bottom of the figure, under the x axis's title (not over
    it); returns the legend's rows, for the height. ``_layout`` keeps the bottom margin."""
    rows = 1 + (len(fig.data) - 1) // per_row
    fig.update_layout(
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0, "font": {"size": 10}},
        margin={"b": 56 + 22 * rows},
    )
    return rows


def _top(frame: pd.DataFrame, key: str, value: str, n: int) -> list[str]:
    """The ``n`` values of ``key`` with the largest summed ``value``."""
    return list(frame.groupby(key)[value].sum().sort_values(ascending=False).index[:n])


def short(name: object, limit: int = LABEL_CHARS) -> str:
    """``name`` cut to ``limit`` characters with an ellipsis (axis labels; hovers keep the full name)."""
    text = str(name)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def compact(value: float) -> str:
    """A count short enough for a grid cell: 950, 5.9k, 12k."""
    if abs(value) < 1000:
        return f"{value:,.0f}"
    return f"{value / 1000:.1f}k" if abs(value) < 10_000 else f"{value / 1000:.0f}k"


def rows_height(rows: int, *, chrome: int = 120) -> int:
    """A chart's height for ``rows`` category rows: ``ROW_PX`` each plus title, axis and margins."""
    return chrome + ROW_PX * max(rows, 1)


def interval(sd: pd.Series, n: pd.Series, kind: str) -> pd.Series:
    """Half-width of a whisker: the 95% CI of the mean (1.96·SD/√n, normal approximation) or ±1 SD."""
    if kind not in INTERVALS:
        raise ValueError(f"unknown interval {kind!r}; known: {', '.join(INTERVALS)}")
    spread = sd.fillna(0).astype(float)
    if kind == "sd":
        return spread
    return 1.96 * spread / n.clip(lower=1).astype(float) ** 0.5


def pool_means(frame: pd.DataFrame, *, mean: str, sd: str, n: str) -> tuple[float, float, int]:
    """The mean, SD and n of the union of groups given by their means, SDs and sizes (pooled variance)."""
    sizes = frame[n].astype(float)
    total = float(sizes.sum())
    if total <= 0:
        return math.nan, math.nan, 0
    means = frame[mean].astype(float)
    grand = float((means * sizes).sum() / total)
    within = float(((sizes - 1).clip(lower=0) * frame[sd].fillna(0).astype(float) ** 2).sum())
    between = float((sizes * (means - grand) ** 2).sum())
    spread = math.sqrt((within + between) / (total - 1)) if total > 1 else 0.0
    return grand, spread, int(total)


def pooled_by(frame: pd.DataFrame, key: str, *, mean: str, sd: str, n: str) -> pd.DataFrame:
    """``pool_means`` for every ``key`` group at once (one grouped pass, not a Python loop
    over the groups): columns ``key``, ``mean``, ``sd``, ``n``, and ``outlets`` (the groups'
    distinct outlets, when the frame has an outlet column)."""
    sizes = frame[n].astype(float)
    means = frame[mean].astype(float)
    work = pd.DataFrame({key: frame[key].to_numpy(), "w": sizes.to_numpy(), "wm": (means * sizes).to_numpy(),
                         "within": ((sizes - 1).clip(lower=0) * frame[sd].fillna(0).astype(float) ** 2).to_numpy(),
                         "m": means.to_numpy()})  # fmt: skip
    grouped = work.groupby(key, sort=True)
    total = grouped["w"].sum()
    grand = grouped["wm"].sum() / total.where(total > 0)
    work["between"] = work["w"] * (work["m"] - work[key].map(grand)) ** 2
    grouped = work.groupby(key, sort=True)
    spread = ((grouped["within"].sum() + grouped["between"].sum()) / (total - 1)).where(total > 1, 0.0) ** 0.5
    out = pd.DataFrame({key: total.index, mean: grand.to_numpy(), sd: spread.where(total > 0).to_numpy(),
                        n: total.astype(int).to_numpy()})  # fmt: skip
    if "outlet" in frame.columns:
        out["outlets"] = frame.groupby(key, sort=True)["outlet"].nunique().to_numpy()
    return out


def _category_axis(fig: go.Figure, axis: str, categories: list[str], *, labels: list[str] | None = None) -> None:
    """Fix a category axis's order (first category at the top of a y axis, at the left of
    an x axis) and show truncated labels."""
    shown = labels or [short(c) for c in categories]
    ordered = categories[::-1] if axis == "y" else categories
    ticks = shown[::-1] if axis == "y" else shown
    update = fig.update_yaxes if axis == "y" else fig.update_xaxes
    update(type="category", categoryorder="array", categoryarray=ordered, tickvals=ordered, ticktext=ticks,
           automargin=True)  # fmt: skip


def _n_column(fig: go.Figure, categories: list[str], counts: list[int], *, unit: str = "n") -> None:
    """The n behind each row, in a column of its own at the right of the plot: never on the
    bars or whiskers."""
    # Set at once: plotly copies every annotation again on each add_annotation (quadratic).
    notes = [
        {"x": 1.0, "xref": "paper", "xanchor": "left", "xshift": 6, "y": category, "yref": "y",
         "text": f"{unit}={count:,}", "showarrow": False, "font": {"size": 10, "color": "#666"}}
        for category, count in zip(categories, counts, strict=True)
    ]  # fmt: skip
    fig.update_layout(annotations=[*fig.layout.annotations, *notes], margin={"r": 70})


def empty_figure(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, "", height=200)


def _ranked(frame: pd.DataFrame, *, value: str, n: str, min_n: int, sort: str, limit: int) -> pd.DataFrame:
    """Rows with at least ``min_n``, ranked by ``value`` (descending) or by ``n``, the first ``limit``."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; known: {', '.join(SORTS)}")
    eligible = frame[frame[n] >= min_n]
    keys = [value, n] if sort == "value" else [n, value]
    return eligible.sort_values(keys, ascending=False).head(max(1, limit))


def tone_by_outlet(
    tone: pd.DataFrame,
    engine_label: str,
    *,
    max_categories: int = MAX_CATEGORIES,
    min_n: int = 1,
    sort: str = "value",
    whiskers: str = "ci95",
) -> go.Figure:
    """Bars of mean sentence polarity per outlet, with whiskers (``INTERVALS``) and the n
    of sentences beside each row. Outlets under ``min_n`` sentences or beyond the first
    ``max_categories`` are pooled into one "other" bar. Input: ``tables.outlet_tone``.
    customdata: [outlet] (the "other …" label for the pooled bar: ``pooled``)."""
    if tone.empty:
        return empty_figure("No sentences match the filters.")
    frame = tone.dropna(subset=["polarity"])
    if frame.empty:
        return empty_figure("This engine scored none of these sentences.")
    shown = _ranked(frame, value="polarity", n="n_sentences", min_n=min_n, sort=sort, limit=max_categories)
    rest = frame[~frame["outlet"].isin(shown["outlet"])]
    rows = shown[["outlet", "polarity", "polarity_sd", "n_sentences"]].reset_index(drop=True)
    rows["key"] = rows["outlet"].astype(str)
    if not rest.empty:
        mean, sd, n = pool_means(rest, mean="polarity", sd="polarity_sd", n="n_sentences")
        other = f"other {len(rest)} outlet(s)"
        rows.loc[len(rows)] = {"outlet": other, "polarity": mean, "polarity_sd": sd, "n_sentences": n, "key": other}
    rows["half"] = interval(rows["polarity_sd"], rows["n_sentences"], whiskers)
    categories = rows["outlet"].astype(str).tolist()
    fig = go.Figure(
        go.Bar(
            x=rows["polarity"],
            y=categories,
            orientation="h",
            error_x={"type": "data", "array": rows["half"], "thickness": 1.2, "width": 4, "color": "#444"},
            customdata=rows[["key", "n_sentences", "half"]].to_numpy(),
            marker={"color": rows["polarity"], "colorscale": DIVERGING, "cmid": 0},
            hovertemplate="%{y}<br>mean polarity %{x:.3f} ± %{customdata[2]:.3f} ("
            + INTERVALS[whiskers]
            + ")<br>n=%{customdata[1]:,} sentences<extra></extra>",
            name="mean polarity",
        )
    )
    _category_axis(fig, "y", categories)
    _n_column(fig, categories, [int(v) for v in rows["n_sentences"]])
    fig.update_xaxes(title=f"mean polarity ({engine_label.split(' (')[0]}), −1..1", zeroline=True)
    note = f"{engine_label} · whiskers: {INTERVALS[whiskers]} · {SORTS[sort]}"
    if min_n > 1:
        note += f" · n ≥ {min_n}"
    return _layout(fig, "Tone by outlet", height=rows_height(len(rows)), subtitle=note)


def _grid(
    cells: pd.DataFrame,
    rows: list[str],
    columns: list[str],
    *,
    color: dict[str, Any],
    hover: str,
    column_title: str,
    row_title: str,
) -> go.Figure:
    """A heatmap drawn as square scatter markers, one per non-empty cell (Plotly heatmaps
    give Streamlit's ``on_select`` no points; markers are selectable). ``cells`` has
    row, column, value (the colour), text (shown in the cell) and custom (a list per cell)."""
    scale = float(color.get("cmax") or cells["value"].abs().max() or 1)
    dark = cells["value"].abs() > 0.6 * max(1e-9, scale)
    fig = go.Figure(
        go.Scatter(
            x=cells["column"],
            y=cells["row"],
            mode="markers+text",
            marker={"symbol": "square", "size": ROW_PX - 3, "line": {"width": 0}, **color},
            text=cells["text"],
            textfont={"size": 10, "color": ["white" if d else "#222" for d in dark]},
            customdata=cells["custom"].tolist(),
            hovertemplate=hover,
            cliponaxis=False,
        )
    )
    _category_axis(fig, "y", rows)
    _category_axis(fig, "x", columns, labels=[short(c, 18) for c in columns])
    fig.update_xaxes(title=column_title, tickangle=-45, side="bottom", showgrid=True, gridcolor="#f0f0f0",
                     range=[-0.6, len(columns) - 0.4])  # fmt: skip
    fig.update_yaxes(title=row_title, showgrid=True, gridcolor="#f0f0f0", range=[-0.6, len(rows) - 0.4])
    fig.update_layout(plot_bgcolor="white", showlegend=False)
    return fig


def mention_heatmap(
    summary: pd.DataFrame,
    *,
    max_categories: int = 20,
    max_columns: int = MAX_CATEGORIES,
    min_mentions: int = 1,
    top: int | None = None,
) -> go.Figure:
    """Mentions per actor x outlet, as a grid of square markers with the count in each.
    Rows: the ``max_categories`` most mentioned actors (with ``min_mentions`` or more);
    columns: the ``max_columns`` outlets mentioning them most, then one column pooling the
    other outlets. Input: ``tables.actor_summary``. customdata: [actor, outlet] (the "other …"
    label in the pooled column: ``pooled``)."""
    if summary.empty:
        return empty_figure("No actor is mentioned in the filtered articles.")
    limit = top if top is not None else max_categories
    totals = summary.groupby("actor")["mentions"].sum()
    actors = _top(summary[summary["actor"].isin(totals[totals >= min_mentions].index)], "actor", "mentions", limit)
    if not actors:
        return empty_figure(f"No actor is mentioned {min_mentions} or more times: lower the minimum.")
    frame = summary[summary["actor"].isin(actors)]
    outlets = _top(frame, "outlet", "mentions", min(max_columns, MAX_COLUMNS - 1))
    other = f"other {frame['outlet'].nunique() - len(outlets)} outlets"
    folded = frame.assign(column=frame["outlet"].where(frame["outlet"].isin(outlets), other))
    cells = folded.groupby(["actor", "column"], as_index=False)["mentions"].sum()
    cells = cells[cells["mentions"] > 0].rename(columns={"actor": "row", "mentions": "value"})
    cells["text"] = [compact(v) for v in cells["value"]]
    cells["custom"] = [[a, c] for a, c in zip(cells["row"], cells["column"], strict=True)]
    columns = outlets + ([other] if (folded["column"] == other).any() else [])
    named = int(cells.loc[cells["column"] != other, "value"].max()) if (cells["column"] != other).any() else 1
    fig = _grid(
        cells,
        actors,
        columns,
        # The scale is the named outlets': the pooled column, a sum over many, would wash them out.
        color={"color": cells["value"], "colorscale": "Blues", "cmin": 0, "cmax": max(1, named), "showscale": False},
        hover="%{y} in %{x}: %{marker.color:,} mentions<extra></extra>",
        column_title="",
        row_title="",
    )
    n_actors = summary["actor"].nunique()
    note = f"top {len(actors)} of {n_actors} actors × top {len(outlets)} outlets; click a cell for its sentences"
    return _layout(fig, "Mentions by actor and outlet", height=rows_height(len(actors), chrome=190), subtitle=note)


def timeline(per_day: pd.DataFrame) -> go.Figure:
    """Articles per day with their mean polarity. Input: ``lib.views.daily_tone`` (date,
    articles, polarity). customdata: [date]."""
    if per_day.empty:
        return empty_figure("No article states its date: edit dates in the Reader to see a timeline.")
    fig = go.Figure(
        go.Scatter(
            x=per_day["date"],
            y=per_day["polarity"],
            mode="markers+lines",
            marker={
                "size": 6 + 20 * (per_day["articles"] / max(1, per_day["articles"].max())) ** 0.5,
                "color": per_day["polarity"],
                "colorscale": DIVERGING,
                "cmid": 0,
            },
            customdata=per_day[["date"]].to_numpy(),
            text=per_day["articles"],
            hovertemplate="%{x}<br>%{text} article(s), mean polarity %{y:.3f}<extra></extra>",
        )
    )
    fig.update_yaxes(title="mean polarity")
    return _layout(fig, "Timeline (articles with a known date)", height=300)


def _outlet_palette(frame: pd.DataFrame, weight: str, max_outlets: int) -> dict[str, str]:
    """Colours for the ``max_outlets`` outlets with the largest ``weight`` (others are grey)."""
    leaders = _top(frame, "outlet", weight, min(max_outlets, len(OUTLET_COLORS)))
    return {outlet: OUTLET_COLORS[i] for i, outlet in enumerate(leaders)}


def actor_tone(
    summary: pd.DataFrame,
    engine_label: str,
    *,
    max_categories: int = MAX_CATEGORIES,
    min_n: int = 1,
    sort: str = "n",
    whiskers: str = "ci95",
    max_outlets: int = 6,
    top: int | None = None,
) -> go.Figure:
    """Mean polarity of the sentences naming each actor: one row per actor (the first
    ``max_categories`` with at least ``min_n`` sentences, ranked by n or by value), a black
    diamond for all outlets with its whisker, a dot per outlet (the ``max_outlets`` outlets
    naming them most in colour, the others pooled in grey). Input: ``tables.actor_summary``.
    customdata: [actor, outlet, n_sentences] (outlet "" for a pooled mark)."""
    if summary.empty:
        return empty_figure("No actor is mentioned in the filtered articles.")
    frame = summary.dropna(subset=["polarity"])
    if frame.empty:
        return empty_figure("This engine scored none of these sentences.")
    pooled = pooled_by(frame, "actor", mean="polarity", sd="polarity_sd", n="n_sentences").drop(columns="outlets")
    limit = top if top is not None else max_categories
    pooled = _ranked(pooled, value="polarity", n="n_sentences", min_n=min_n, sort=sort, limit=limit)
    if pooled.empty:
        return empty_figure(f"No actor is named in {min_n} or more scored sentences: lower the minimum n.")
    actors = pooled["actor"].astype(str).tolist()
    frame = frame[frame["actor"].isin(actors)]
    palette = _outlet_palette(frame, "mentions", max_outlets)
    fig = go.Figure()
    for outlet, colour in palette.items():
        group = frame[frame["outlet"] == outlet]
        fig.add_trace(
            go.Scatter(
                name=short(outlet, 22),
                x=group["polarity"],
                y=group["actor"],
                mode="markers",
                marker={"size": 9, "color": colour, "opacity": 0.85},
                customdata=group[["actor", "outlet", "n_sentences"]].to_numpy(),
                hovertemplate="%{customdata[0]} in %{customdata[1]}<br>mean %{x:.3f}, n=%{customdata[2]}<extra></extra>",
            )
        )
    rest = frame[~frame["outlet"].isin(palette)]
    if not rest.empty:
        other = pooled_by(rest, "actor", mean="polarity", sd="polarity_sd", n="n_sentences").rename(
            columns={"n_sentences": "n"}
        )
        fig.add_trace(
            go.Scatter(
                name=f"other {rest['outlet'].nunique()} outlets",
                x=other["polarity"],
                y=other["actor"],
                mode="markers",
                marker={"size": 9, "color": OTHER_COLOR},
                customdata=[
                    [a, "", n, k] for a, n, k in zip(other["actor"], other["n"], other["outlets"], strict=True)
                ],
                hovertemplate="%{customdata[0]} in %{customdata[3]} other outlets<br>mean %{x:.3f}, "
                "n=%{customdata[2]}<extra></extra>",
            )
        )
    half = interval(pooled["polarity_sd"], pooled["n_sentences"], whiskers)
    fig.add_trace(
        go.Scatter(
            name=f"all outlets ({INTERVALS[whiskers]})",
            x=pooled["polarity"],
            y=pooled["actor"],
            mode="markers",
            error_x={"type": "data", "array": half, "thickness": 1.5, "width": 5, "color": "#222"},
            marker={"symbol": "diamond", "size": 11, "color": "#222"},
            customdata=[
                [a, "", int(n), h] for a, n, h in zip(pooled["actor"], pooled["n_sentences"], half, strict=True)
            ],
            hovertemplate="%{customdata[0]}, all outlets<br>mean %{x:.3f} ± %{customdata[3]:.3f} ("
            + INTERVALS[whiskers]
            + ")<br>n=%{customdata[2]:,} sentences<extra></extra>",
        )
    )
    _category_axis(fig, "y", actors)
    _n_column(fig, actors, [int(v) for v in pooled["n_sentences"]])
    fig.update_xaxes(title=f"mean polarity ({engine_label.split(' (')[0]}), −1..1", zeroline=True)
    note = f"{engine_label} · whiskers: {INTERVALS[whiskers]} · {SORTS[sort]}" + (
        f" · n ≥ {min_n}" if min_n > 1 else ""
    )
    legend_rows = _legend_below(fig, per_row=4)
    return _layout(
        fig,
        f"Tone of sentences naming each actor (top {len(actors)}), by outlet",
        height=rows_height(len(actors), chrome=150 + 22 * legend_rows),
        subtitle=note,
    )


def speaker_stance_chart(
    stance: pd.DataFrame,
    *,
    max_categories: int = 20,
    min_quotes: int = 1,
    sort: str = "n",
    max_outlets: int = 8,
    outlets: list[str] | None = None,
) -> go.Figure:
    """Each speaker's stance score, one row per speaker (those with at least ``min_quotes``
    statements, ranked by statements or by score, the first ``max_categories``): a black
    diamond for all outlets, a dot per outlet sized by statements and coloured by outlet
    (the ``max_outlets`` outlets quoting them most; others grey), hollow when too few cues
    to call a stance; ``outlets`` names the coloured outlets instead (up to ten). Input: ``tables.speaker_stance``.
    customdata: [speaker, outlet, label, n_quotes, ""] (outlet "" for the all-outlets mark; the
    last, "", is the target: a mark here is about no one in particular)."""
    if stance.empty:
        return empty_figure("No attributed statement matches the filters.")
    totals = stance.groupby("speaker").agg(
        n_quotes=("n_quotes", "sum"), cooperation=("cooperation", "sum"), conflict=("conflict", "sum")
    )
    weight = totals["cooperation"] + totals["conflict"]
    totals["score"] = ((totals["cooperation"] - totals["conflict"]) / weight.where(weight > 0)).fillna(0.0)
    totals = totals.reset_index()
    ranked = _ranked(totals, value="score", n="n_quotes", min_n=min_quotes, sort=sort, limit=max_categories)
    if ranked.empty:
        return empty_figure(f"No speaker has {min_quotes} or more statements here: lower the minimum.")
    speakers = ranked["speaker"].astype(str).tolist()
    frame = stance[stance["speaker"].isin(speakers)]
    palette = (
        {o: OUTLET_COLORS[i] for i, o in enumerate(outlets[: len(OUTLET_COLORS)])}
        if outlets
        else _outlet_palette(frame, "n_quotes", max_outlets)
    )
    most = max(1, int(frame["n_quotes"].max()))
    fig = go.Figure()
    groups = [(short(o, 22), c, frame["outlet"] == o) for o, c in palette.items()]
    rest = ~frame["outlet"].isin(palette)
    if rest.any():  # drawn first: the grey marks under the coloured ones
        groups.insert(0, (f"other {frame.loc[rest, 'outlet'].nunique()} outlets", OTHER_COLOR, rest))
    for name, colour, mask in groups:
        # Called stances first: the legend shows a trace's first marker (a hollow one would read "neutral").
        group = frame[mask].sort_values("label", key=lambda labels: labels == "neutral", kind="stable")
        fig.add_trace(
            go.Scatter(
                name=name,
                x=group["score"],
                y=group["speaker"],
                mode="markers",
                marker={
                    "size": 6 + 16 * (group["n_quotes"] / most) ** 0.5,
                    "color": colour,
                    "symbol": ["circle-open" if lab == "neutral" else "circle" for lab in group["label"]],
                    "line": {"width": 1.5, "color": colour},
                    "opacity": 0.85,
                },
                customdata=group[["speaker", "outlet", "label", "n_quotes"]].assign(target="").to_numpy(),
                hovertemplate="%{customdata[0]} in %{customdata[1]}<br>%{customdata[2]}, score %{x:.2f}"
                "<br>%{customdata[3]} statement(s)<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            name="all outlets",
            x=ranked["score"],
            y=ranked["speaker"],
            mode="markers",
            marker={"symbol": "diamond", "size": 10, "color": "#222"},
            customdata=[
                [s, "", "all outlets", int(n), ""] for s, n in zip(ranked["speaker"], ranked["n_quotes"], strict=True)
            ],
            hovertemplate="%{customdata[0]}, all outlets<br>score %{x:.2f}<br>%{customdata[3]} statement(s)<extra></extra>",
        )
    )
    _category_axis(fig, "y", speakers)
    _n_column(fig, speakers, [int(v) for v in ranked["n_quotes"]])
    fig.update_xaxes(title="conflict ← stance score → cooperation", range=[-1.1, 1.1], zeroline=True)
    eligible = int((totals["n_quotes"] >= min_quotes).sum())
    note = (
        f"{len(speakers)} of {eligible} speakers with ≥ {min_quotes} statement(s), {SORTS[sort]}"
        f" · colour = outlet, size = statements, hollow = too few cues to call"
    )
    legend_rows = _legend_below(fig, per_row=5)
    return _layout(
        fig,
        "Speakers on the cooperation–conflict axis",
        height=rows_height(len(speakers), chrome=150 + 22 * legend_rows),
        subtitle=note,
    )


def target_heatmap(matrix: pd.DataFrame, *, max_categories: int = MAX_CATEGORIES, top: int | None = None) -> go.Figure:
    """Speaker -> target stance as a grid of square markers: colour = pooled score, number
    = statements. Rows and columns: the ``max_categories`` speakers and targets with the
    most statements. Input: ``tables.target_matrix``. customdata: [speaker, target, n_quotes, ""]
    (the last, "", is the outlet: the matrix pools every outlet)."""
    if matrix.empty:
        return empty_figure("No statement names another actor.")
    limit = min(top if top is not None else max_categories, MAX_COLUMNS)
    speakers = _top(matrix, "speaker", "n_quotes", limit)
    targets = _top(matrix[matrix["speaker"].isin(speakers)], "target", "n_quotes", limit)
    frame = matrix[matrix["speaker"].isin(speakers) & matrix["target"].isin(targets)]
    cells = frame.groupby(["speaker", "target"], as_index=False).agg(score=("score", "mean"), n=("n_quotes", "sum"))
    cells = cells.rename(columns={"speaker": "row", "target": "column"})
    cells["value"] = cells["score"]
    cells["text"] = [f"{int(v)}" for v in cells["n"]]
    cells["custom"] = [[s, t, int(n), ""] for s, t, n in zip(cells["row"], cells["column"], cells["n"], strict=True)]
    fig = _grid(
        cells,
        speakers,
        targets,
        color={"color": cells["score"], "colorscale": DIVERGING, "cmin": -1, "cmax": 1, "showscale": False},
        hover="%{y} → %{x}<br>score %{marker.color:.2f}, %{customdata[2]} statement(s)<extra></extra>",
        column_title="about (target)",
        row_title="speaker",
    )
    note = (
        f"top {len(speakers)} of {matrix['speaker'].nunique()} speakers × {len(targets)} of "
        f"{matrix['target'].nunique()} targets · colour = score (red conflict, blue cooperation) · number = statements"
    )
    return _layout(fig, "Speaker → target stance", height=rows_height(len(speakers), chrome=210), subtitle=note)


def labelled_comparison(measures: pd.DataFrame, measure: str) -> go.Figure:
    """``figure_comparison`` of one measure, each article's bar labelled with its outlet and
    the start of its label (``tables.measures``' columns)."""
    frame = measures[measures["measure"] == measure]
    return figure_comparison(frame.assign(label=frame["outlet"] + " · " + frame["label"].str[:28]), measure)


def figure_comparison(measures: pd.DataFrame, measure: str) -> go.Figure:
    """One measure's value per article, grouped by outlet. Input: ``tables.measures``
    for one measure, with ``label`` (article title or file). customdata: [article_id, measure]."""
    frame = measures[measures["measure"] == measure]
    if frame.empty:
        return empty_figure("No figure for this measure.")
    disagree = bool(frame["disagree"].iloc[0])
    usual = frame["value"].mode().iloc[0]
    if len(frame) > MAX_BARS:
        return _figure_spread(frame, measure, disagree, usual)
    fig = go.Figure(
        go.Bar(
            x=frame["label"],
            y=frame["value"],
            customdata=frame[["article_id", "measure"]].to_numpy(),
            text=[f"{v:,.0f}" for v in frame["value"]],
            textposition="outside",
            marker={"color": ["#de2d26" if disagree and v != usual else "#3182bd" for v in frame["value"]]},
            hovertext=frame["outlet"],
            hovertemplate="%{x}<br>%{hovertext}<br>%{y:,.0f}<extra></extra>",
        )
    )
    flag = "  ⚠ outlets disagree" if disagree else ""
    fig.update_yaxes(title=measure)
    return _layout(fig, f"{measure}{flag}", height=360, subtitle=_value_colours(disagree, usual))


def _value_colours(disagree: bool, usual: float) -> str:
    """What the marks' colours mean (the subtitle of the figure charts)."""
    if not disagree:
        return "every article gives a comparable value"
    return f"blue: the value most articles give ({usual:,.0f}); red: a different value"


MAX_BARS = MAX_COLUMNS  # beyond this many articles a measure is drawn as values by outlet (a bar needs room)


def _figure_spread(frame: pd.DataFrame, measure: str, disagree: bool, usual: float) -> go.Figure:
    """A measure cited by many articles: each value each outlet gives, sized by how many
    of its articles give it; outlets across (a column each) while they fit, else down (a
    row each, the chart grows). customdata: [an article giving it, measure]."""
    groups = (
        frame.groupby(["outlet", "value"], as_index=False)
        .agg(articles=("article_id", "size"), article_id=("article_id", "first"))
        .sort_values(["outlet", "value"])
    )
    groups["measure"] = measure
    outlets = list(dict.fromkeys(groups["outlet"].astype(str)))
    across = len(outlets) <= MAX_COLUMNS
    where = "%{x}<br>%{y:,.0f}" if across else "%{y}<br>%{x:,.0f}"
    fig = go.Figure(
        go.Scatter(
            x=groups["outlet"] if across else groups["value"],
            y=groups["value"] if across else groups["outlet"],
            mode="markers",
            customdata=groups[["article_id", "measure"]].to_numpy(),
            marker={
                "size": 8 + 24 * (groups["articles"] / groups["articles"].max()) ** 0.5,
                # A number per point on a two-colour scale: plotly checks a list of colour
                # strings one by one (seconds for a measure that thousands of articles cite).
                "color": ((groups["value"] != usual) & disagree).astype(int).to_numpy(),
                "colorscale": [[0, "#3182bd"], [1, "#de2d26"]],
                "cmin": 0,
                "cmax": 1,
                "opacity": 0.75,
            },
            text=groups["articles"],
            hovertemplate=where + "<br>%{text} article(s)<extra></extra>",
        )
    )
    flag = "  ⚠ outlets disagree" if disagree else ""
    title = f"{measure}: {len(frame):,} articles{flag}"
    note = _value_colours(disagree, usual) + " · marker size: articles"
    if across:
        fig.update_yaxes(title=measure)
        return _layout(fig, title, height=360, subtitle=note)
    _category_axis(fig, "y", outlets)
    fig.update_xaxes(title=measure)
    return _layout(fig, title, height=rows_height(len(outlets)), subtitle=note)


def outlet_scatter(tone: pd.DataFrame, *, max_labels: int = MAX_CATEGORIES) -> go.Figure:
    """Outlets by tone and subjectivity, sized by sentences; the ``max_labels`` largest
    outlets are named on the chart, every one on hover. Input: ``tables.outlet_tone``.
    customdata: [outlet]."""
    frame = tone.dropna(subset=["subjectivity"])
    if frame.empty:
        return empty_figure("This engine gives no subjectivity; choose TextBlob in the sidebar.")
    # The largest outlets and the four at the edges (the ones a reader looks for) are named.
    edges = {
        str(ranked["outlet"].iloc[i])
        for ranked in (frame.sort_values(c) for c in ("polarity", "subjectivity"))
        for i in (0, -1)
    }
    named = set(list(edges)[:max_labels])
    for outlet in _top(frame, "outlet", "n_sentences", len(frame)):
        if len(named) >= max_labels:
            break
        named.add(outlet)
    fig = go.Figure(
        go.Scatter(
            x=frame["subjectivity"],
            y=frame["polarity"],
            mode="markers+text",
            text=[short(o, 20) if o in named else "" for o in frame["outlet"]],
            hovertext=frame["outlet"],
            textposition="top center",
            textfont={"size": 10},
            cliponaxis=False,
            customdata=frame[["outlet", "n_sentences"]].to_numpy(),
            # Area by sentences, 12 to 40 px whatever the corpus's size.
            marker={
                "size": 12 + 28 * (frame["n_sentences"] / max(1, frame["n_sentences"].max())) ** 0.5,
                "color": "#3182bd",
                "opacity": 0.7,
            },
            hovertemplate="%{hovertext}<br>subjectivity %{x:.3f}<br>polarity %{y:.3f}<br>n=%{customdata[1]:,} "
            "sentences<extra></extra>",
        )
    )
    # Room around the points so that the outlet names are not cut at the plot's edge.
    for axis, column in ((fig.update_xaxes, "subjectivity"), (fig.update_yaxes, "polarity")):
        low, high = float(frame[column].min()), float(frame[column].max())
        pad = max(0.02, (high - low) * 0.2)
        axis(range=[low - pad, high + pad * (1.6 if column == "polarity" else 1)])
    fig.update_xaxes(title="mean subjectivity")
    fig.update_yaxes(title="mean polarity")
    note = (
        f"the {len(named)} largest of {len(frame)} outlets named; hover for the rest" if len(frame) > len(named) else ""
    )
    return _layout(fig, "Outlets: tone and subjectivity", height=420, subtitle=note)


def share_of_voice_chart(
    voices: pd.DataFrame, *, top: int = 10, max_categories: int = MAX_CATEGORIES, min_quotes: int = 1
) -> go.Figure:
    """Share of each outlet's statements by speaker, stacked horizontal bars: the ``top``
    speakers named (the rest as "others", in grey), one row per outlet for the
    ``max_categories`` outlets with most statements (at least ``min_quotes``), then one row
    pooling the other outlets.
    Input: ``tables.share_of_voice``. customdata: [outlet, speaker, quotes] ("" for a pooled key)."""
    if voices.empty:
        return empty_figure("No attributed statement matches the filters.")
    leaders = _top(voices, "speaker", "quotes", top)
    per_outlet = voices.groupby("outlet")["quotes"].sum()
    outlets = _top(voices[voices["outlet"].isin(per_outlet[per_outlet >= min_quotes].index)], "outlet", "quotes",
                   max_categories)  # fmt: skip
    n_rest = voices["outlet"].nunique() - len(outlets)
    other_outlets = f"other {n_rest} outlet(s)"
    frame = voices.assign(
        speaker=voices["speaker"].where(voices["speaker"].isin(leaders), "others"),
        outlet=voices["outlet"].where(voices["outlet"].isin(outlets), other_outlets),
    )
    frame = frame.groupby(["outlet", "speaker"], as_index=False).agg(quotes=("quotes", "sum"))
    frame["share"] = frame["quotes"] / frame.groupby("outlet")["quotes"].transform("sum")
    frame["outlet_key"] = frame["outlet"].where(frame["outlet"] != other_outlets, "")
    frame["speaker_key"] = frame["speaker"].where(frame["speaker"] != "others", "")
    rows = outlets + ([other_outlets] if n_rest > 0 else [])
    totals = frame.groupby("outlet")["quotes"].sum()
    fig = go.Figure()
    colours = dict(zip(leaders, OUTLET_COLORS, strict=False)) | {"others": OTHER_COLOR}
    for speaker in [*leaders, "others"]:
        group = frame[frame["speaker"] == speaker]
        if group.empty:
            continue
        fig.add_trace(
            go.Bar(
                name=short(speaker, 22),
                marker={"color": colours[speaker]},
                x=group["share"],
                y=group["outlet"],
                orientation="h",
                customdata=group[["outlet_key", "speaker_key", "quotes", "outlet", "speaker"]].to_numpy(),
                hovertemplate="%{customdata[4]} in %{customdata[3]}<br>%{x:.0%} (%{customdata[2]} statements)"
                "<extra></extra>",
            )
        )
    _category_axis(fig, "y", rows)
    _n_column(fig, rows, [int(totals.get(r, 0)) for r in rows])
    # Stacked bars list their legend bottom-up, one entry a row: left to right, in columns of a fixed width.
    fig.update_layout(barmode="stack")
    legend_rows = _legend_below(fig, per_row=4)
    fig.update_layout(legend={"traceorder": "normal", "entrywidth": 140})
    fig.update_xaxes(title="share of the outlet's statements", tickformat=".0%", range=[0, 1])
    note = f"the {len(leaders)} most quoted speakers; {len(outlets)} outlets with most statements" + (
        f", then {n_rest} pooled" if n_rest > 0 else ""
    )
    return _layout(
        fig,
        "Share of voice: whom each outlet quotes",
        height=rows_height(len(rows), chrome=150 + 22 * legend_rows),
        subtitle=note,
    )


TIMELINE_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                   "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"]  # fmt: skip


def figure_timeline(
    measures: pd.DataFrame, measure: str, *, window_days: int | None = None, max_outlets: int = 8
) -> go.Figure:
    """One measure's values over time, a line per outlet for the ``max_outlets`` outlets
    citing it most (a value that changes from week to week reads as a change); the other
    outlets' values are grey dots in one trace, with no line (fifty lines are no reading).
    Only values within ``window_days`` of each other are compared (the flag). Input:
    ``tables.measures`` (columns measure, outlet, date, value, article_id). Articles without
    a date are not drawn (the note under the title says how many).
    customdata: [article_id, measure, outlet]."""
    frame = measures[measures["measure"] == measure]
    if frame.empty:
        return empty_figure("No figure for this measure.")
    dated = frame[frame["date"].notna()].sort_values("date")
    undated = len(frame) - len(dated)
    if dated.empty:
        return empty_figure("No article citing this measure states its date: edit dates in the Reader.")
    outlets = list(dated["outlet"].value_counts().index)  # the most frequent outlets get the colours
    named = outlets[: min(max_outlets, len(TIMELINE_COLORS))]
    fig = go.Figure()
    for outlet, group in dated[dated["outlet"].isin(named)].groupby("outlet", sort=True):
        name = str(outlet)
        fig.add_trace(
            go.Scatter(
                name=short(name, 26),
                x=pd.to_datetime(group["date"]),
                y=group["value"],
                mode="lines+markers",
                line={"color": TIMELINE_COLORS[named.index(outlet)]},
                marker={"size": 9},
                customdata=group[["article_id", "measure", "outlet"]].to_numpy(),
                hovertemplate="%{customdata[2]}<br>%{x|%Y-%m-%d}<br>%{y:,.0f}<extra></extra>",
            )
        )
    rest = dated[~dated["outlet"].isin(named)]
    if not rest.empty:
        fig.add_trace(
            go.Scatter(
                name=f"other {rest['outlet'].nunique()} outlets",
                x=pd.to_datetime(rest["date"]),
                y=rest["value"],
                mode="markers",
                marker={"size": 7, "color": OTHER_COLOR},
                customdata=rest[["article_id", "measure", "outlet"]].to_numpy(),
                hovertemplate="%{customdata[2]}<br>%{x|%Y-%m-%d}<br>%{y:,.0f}<extra></extra>",
            )
        )
    fig.update_yaxes(title=measure, rangemode="tozero")
    fig.update_xaxes(title="article date")
    notes = []
    if window_days is not None:
        notes.append(f"values compared within {window_days} days")
    if undated:
        notes.append(f"{undated} article(s) without a date not shown")
    legend_rows = 1 + (len(fig.data) - 1) // 4
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.25, "x": 0})
    title = f"{measure} over time, by outlet"
    if notes:
        title += f"<br><sup>{'; '.join(notes)}</sup>"
    fig = _layout(fig, title, height=360 + 22 * legend_rows)
    fig.update_layout(margin={"b": 60 + 22 * legend_rows})
    return fig
