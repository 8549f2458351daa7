"""Chart builders: tidy frames in, plotly figures out. Pages only place them.

Every mark carries the keys a drill-down needs in ``customdata`` (documented per
builder), so a click can be turned back into the rows behind it.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

DIVERGING = "RdBu"
LABEL_COLORS = {"conciliatory": "#2b8cbe", "mixed": "#9e9ac8", "confrontational": "#de2d26", "neutral": "#bdbdbd"}


def _layout(fig: go.Figure, title: str, *, height: int = 380) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 15}},
        height=height,
        margin={"l": 10, "r": 10, "t": 48, "b": 10},
    )
    return fig


def _top(frame: pd.DataFrame, key: str, value: str, n: int) -> list[str]:
    """The ``n`` values of ``key`` with the largest summed ``value``."""
    return list(frame.groupby(key)[value].sum().sort_values(ascending=False).index[:n])


def empty_figure(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, "", height=200)


def tone_by_outlet(tone: pd.DataFrame, engine_label: str) -> go.Figure:
    """Bars of mean sentence polarity per outlet, with sd as error bars.
    Input: ``tables.outlet_tone``. customdata: [outlet]."""
    if tone.empty:
        return empty_figure("No sentences match the filters.")
    frame = tone.sort_values("polarity")
    fig = go.Figure(
        go.Bar(
            x=frame["polarity"],
            y=frame["outlet"],
            orientation="h",
            error_x={"type": "data", "array": frame["polarity_sd"].fillna(0), "thickness": 1},
            customdata=frame[["outlet"]].to_numpy(),
            marker={"color": frame["polarity"], "colorscale": DIVERGING, "cmid": 0},
            text=[f"n={n}" for n in frame["n_sentences"]],
            hovertemplate="%{y}<br>mean polarity %{x:.3f}<br>%{text} sentences<extra></extra>",
        )
    )
    fig.update_xaxes(title=f"mean polarity ({engine_label}), -1..1")
    return _layout(fig, "Tone by outlet", height=max(260, 60 + 40 * len(frame)))


def mention_heatmap(summary: pd.DataFrame, *, top: int = 20) -> go.Figure:
    """Mentions per actor x outlet. Input: ``tables.actor_summary``. customdata: [actor, outlet]."""
    if summary.empty:
        return empty_figure("No actor is mentioned in the filtered articles.")
    actors = _top(summary, "actor", "mentions", top)
    pivot = summary[summary["actor"].isin(actors)].pivot_table(
        index="actor", columns="outlet", values="mentions", aggfunc="sum", fill_value=0
    )
    pivot = pivot.reindex(actors[::-1])
    custom = [[[actor, outlet] for outlet in pivot.columns] for actor in pivot.index]
    fig = go.Figure(
        go.Heatmap(
            z=pivot.to_numpy(),
            x=list(pivot.columns),
            y=list(pivot.index),
            customdata=custom,
            colorscale="Blues",
            hovertemplate="%{y} in %{x}: %{z} mentions<extra></extra>",
            texttemplate="%{z}",
        )
    )
    return _layout(fig, f"Mentions by actor and outlet (top {len(actors)})", height=max(320, 80 + 24 * len(actors)))


def timeline(articles: pd.DataFrame, tone: pd.DataFrame) -> go.Figure:
    """Articles per day with their mean polarity. Inputs: ``tables.articles`` and a frame of
    article_id, polarity. customdata: [date]."""
    dated = articles.dropna(subset=["date"])
    if dated.empty:
        return empty_figure("No article states its date: edit dates in the Reader to see a timeline.")
    frame = dated.merge(tone, on="article_id", how="left")
    per_day = frame.groupby("date").agg(articles=("article_id", "count"), polarity=("polarity", "mean")).reset_index()
    fig = go.Figure(
        go.Scatter(
            x=per_day["date"],
            y=per_day["polarity"],
            mode="markers+lines",
            marker={
                "size": 8 + 6 * per_day["articles"],
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


def actor_tone(summary: pd.DataFrame, engine_label: str, *, top: int = 15) -> go.Figure:
    """Mean polarity of sentences mentioning each actor, by outlet, with n.
    Input: ``tables.actor_summary``. customdata: [actor, outlet]."""
    if summary.empty:
        return empty_figure("No actor is mentioned in the filtered articles.")
    frame = summary[summary["actor"].isin(_top(summary, "actor", "mentions", top))]
    fig = go.Figure()
    for outlet, group in frame.groupby("outlet"):
        fig.add_trace(
            go.Bar(
                name=str(outlet),
                x=group["actor"],
                y=group["polarity"],
                error_y={"type": "data", "array": group["polarity_sd"].fillna(0), "thickness": 1},
                customdata=group[["actor", "outlet", "n_sentences"]].to_numpy(),
                hovertemplate="%{customdata[0]} in %{customdata[1]}<br>mean %{y:.3f}, n=%{customdata[2]}<extra></extra>",
            )
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title=f"mean polarity ({engine_label})")
    return _layout(fig, "Tone of sentences naming each actor, by outlet", height=420)


def speaker_stance_chart(stance: pd.DataFrame) -> go.Figure:
    """Each speaker's stance score per outlet, sized by statements.
    Input: ``tables.speaker_stance``. customdata: [speaker, outlet, label, n_quotes]."""
    if stance.empty:
        return empty_figure("No attributed statement matches the filters.")
    frame = stance.sort_values("n_quotes")
    fig = go.Figure()
    for label, group in frame.groupby("label"):
        fig.add_trace(
            go.Scatter(
                name=str(label),
                x=group["score"],
                y=group["speaker"],
                mode="markers",
                marker={
                    "size": 10 + 4 * group["n_quotes"].clip(upper=10),
                    "color": LABEL_COLORS.get(str(label), "#888"),
                    "line": {"width": 1, "color": "white"},
                },
                customdata=group[["speaker", "outlet", "label", "n_quotes"]].to_numpy(),
                hovertemplate="%{customdata[0]} in %{customdata[1]}<br>%{customdata[2]}, score %{x:.2f}"
                "<br>%{customdata[3]} statement(s)<extra></extra>",
            )
        )
    fig.update_xaxes(title="conflict ← stance score → cooperation", range=[-1.1, 1.1], zeroline=True)
    return _layout(
        fig,
        "Speakers on the cooperation–conflict axis (one mark per outlet)",
        height=max(320, 80 + 26 * frame["speaker"].nunique()),
    )


def target_heatmap(matrix: pd.DataFrame, *, top: int = 15) -> go.Figure:
    """Speaker -> target stance. Input: ``tables.target_matrix``. customdata: [speaker, target]."""
    if matrix.empty:
        return empty_figure("No statement names another actor.")
    speakers = _top(matrix, "speaker", "n_quotes", top)
    targets = _top(matrix, "target", "n_quotes", top)
    frame = matrix[matrix["speaker"].isin(speakers) & matrix["target"].isin(targets)]
    pivot = frame.pivot_table(index="speaker", columns="target", values="score", aggfunc="mean")
    counts = frame.pivot_table(index="speaker", columns="target", values="n_quotes", aggfunc="sum")
    custom = [[[s, t] for t in pivot.columns] for s in pivot.index]
    text = [[("" if pd.isna(v) else str(int(v))) for v in row] for row in counts.reindex_like(pivot).to_numpy()]
    fig = go.Figure(
        go.Heatmap(
            z=pivot.to_numpy(),
            x=list(pivot.columns),
            y=list(pivot.index),
            customdata=custom,
            text=text,
            texttemplate="%{text}",
            colorscale=DIVERGING,
            zmid=0,
            zmin=-1,
            zmax=1,
            hovertemplate="%{y} → %{x}<br>score %{z:.2f}, %{text} statement(s)<extra></extra>",
        )
    )
    fig.update_xaxes(title="target")
    fig.update_yaxes(title="speaker")
    return _layout(fig, "Speaker → target stance (number = statements)", height=max(320, 80 + 28 * len(pivot.index)))


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
    return _layout(fig, f"{measure}{flag}", height=360)


MAX_BARS = 300  # beyond this many articles a measure is drawn as values by outlet


def _figure_spread(frame: pd.DataFrame, measure: str, disagree: bool, usual: float) -> go.Figure:
    """A measure cited by many articles: each value each outlet gives, sized by how many
    of its articles give it. customdata: [an article giving it, measure]."""
    groups = (
        frame.groupby(["outlet", "value"], as_index=False)
        .agg(articles=("article_id", "size"), article_id=("article_id", "first"))
        .sort_values(["outlet", "value"])
    )
    groups["measure"] = measure
    fig = go.Figure(
        go.Scatter(
            x=groups["outlet"],
            y=groups["value"],
            mode="markers",
            customdata=groups[["article_id", "measure"]].to_numpy(),
            marker={
                "size": 8 + 24 * (groups["articles"] / groups["articles"].max()) ** 0.5,
                "color": ["#de2d26" if disagree and v != usual else "#3182bd" for v in groups["value"]],
                "opacity": 0.75,
            },
            text=groups["articles"],
            hovertemplate="%{x}<br>%{y:,.0f}<br>%{text} article(s)<extra></extra>",
        )
    )
    fig.update_yaxes(title=measure)
    flag = "  ⚠ outlets disagree" if disagree else ""
    return _layout(fig, f"{measure}: {len(frame):,} articles{flag}", height=360)


def outlet_scatter(tone: pd.DataFrame) -> go.Figure:
    """Outlets by tone and subjectivity, sized by sentences. Input: ``tables.outlet_tone``.
    customdata: [outlet]."""
    frame = tone.dropna(subset=["subjectivity"])
    if frame.empty:
        return empty_figure("This engine gives no subjectivity; choose TextBlob in the sidebar.")
    fig = go.Figure(
        go.Scatter(
            x=frame["subjectivity"],
            y=frame["polarity"],
            mode="markers+text",
            text=frame["outlet"],
            textposition="top center",
            cliponaxis=False,
            customdata=frame[["outlet"]].to_numpy(),
            # Area by sentences, 12 to 40 px whatever the corpus's size.
            marker={
                "size": 12 + 28 * (frame["n_sentences"] / max(1, frame["n_sentences"].max())) ** 0.5,
                "color": "#3182bd",
                "opacity": 0.7,
            },
            hovertemplate="%{text}<br>subjectivity %{x:.3f}<br>polarity %{y:.3f}<extra></extra>",
        )
    )
    # Room around the points so that the outlet names are not cut at the plot's edge.
    for axis, column in ((fig.update_xaxes, "subjectivity"), (fig.update_yaxes, "polarity")):
        low, high = float(frame[column].min()), float(frame[column].max())
        pad = max(0.02, (high - low) * 0.2)
        axis(range=[low - pad, high + pad * (1.6 if column == "polarity" else 1)])
    fig.update_xaxes(title="mean subjectivity")
    fig.update_yaxes(title="mean polarity")
    return _layout(fig, "Outlets: tone and subjectivity", height=380)


def share_of_voice_chart(voices: pd.DataFrame, *, top: int = 10) -> go.Figure:
    """Stacked share of statements per outlet by speaker. Input: ``tables.share_of_voice``.
    customdata: [outlet, speaker]."""
    if voices.empty:
        return empty_figure("No attributed statement matches the filters.")
    leaders = _top(voices, "speaker", "quotes", top)
    frame = voices.assign(speaker=voices["speaker"].where(voices["speaker"].isin(leaders), "others"))
    frame = frame.groupby(["outlet", "speaker"], as_index=False)[["quotes", "share"]].sum()
    fig = go.Figure()
    for speaker, group in frame.groupby("speaker"):
        fig.add_trace(
            go.Bar(
                name=str(speaker),
                x=group["outlet"],
                y=group["share"],
                customdata=group[["outlet", "speaker", "quotes"]].to_numpy(),
                hovertemplate="%{customdata[1]} in %{customdata[0]}<br>%{y:.0%} (%{customdata[2]} statements)<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title="share of statements", tickformat=".0%")
    return _layout(fig, "Share of voice: whom each outlet quotes", height=400)


TIMELINE_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                   "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"]  # fmt: skip


def figure_timeline(measures: pd.DataFrame, measure: str, *, window_days: int | None = None) -> go.Figure:
    """One measure's values over time, a line per outlet: a value that changes from week to
    week reads as a change, and only values within ``window_days`` of each other are compared
    (the flag). Input: ``tables.measures`` (columns measure, outlet, date, value, article_id).
    Articles without a date are not drawn (the note under the title says how many).
    customdata: [article_id, measure]."""
    frame = measures[measures["measure"] == measure]
    if frame.empty:
        return empty_figure("No figure for this measure.")
    dated = frame[frame["date"].notna()].sort_values("date")
    undated = len(frame) - len(dated)
    if dated.empty:
        return empty_figure("No article citing this measure states its date: edit dates in the Reader.")
    outlets = list(dated["outlet"].value_counts().index)  # the most frequent outlets get the colours
    fig = go.Figure()
    for outlet, group in dated.groupby("outlet", sort=True):
        rank = outlets.index(outlet)
        name = str(outlet)
        fig.add_trace(
            go.Scatter(
                name=name if len(name) <= 26 else name[:25] + "…",
                x=pd.to_datetime(group["date"]),
                y=group["value"],
                mode="lines+markers",
                line={"color": TIMELINE_COLORS[rank] if rank < len(TIMELINE_COLORS) else "#c7c7c7"},
                marker={"size": 9},
                customdata=group[["article_id", "measure"]].to_numpy(),
                hovertemplate=f"{name}<br>%{{x|%Y-%m-%d}}<br>%{{y:,.0f}}<extra></extra>",
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
