"""Tone and stance over time, per actor or per outlet, and two outlets (or groups of outlets)
side by side. Pure pandas over ``lib.tables.Tables``; the pages Over time and Compare place it.

Over time (``series``): one row per series x period, every period between the first and the
last dated article present for every series (zero-filled: n = 0 and a NaN mean, which a line
chart draws as a gap, never as a zero). A period is a day, or an ISO week starting Monday.
Undated articles have no place on a time axis and are left out (``TimeSeries.undated``).

- tone: the mean polarity (the chosen engine, -1..1) of the sentences naming the actor, or of
  the outlet's sentences; n = sentences.
- stance: the actor's statements (as a speaker), or every statement the outlet carries, pooled
  as ``lib.stance.pool`` pools a speaker's (cooperation against conflict, -1..1); n = statements.

Only the ``max_series`` series with the largest n over the whole span (and at least
``min_n``) get a line of their own; the rest are pooled into one "other" series.

Compare (``compare``): tone, share of voice, speakers' stance and cited figures for two
``Group`` s of outlets (one outlet, a country's outlets, or a user-named set).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib.errors import DataFileError
from lib.resources import data_path, load_yaml, require
from lib.stance import load_stance_lexicon, pool
from lib.tables import ALL_TARGETS, Tables, polarity_column

FREQS = {"day": "by day", "week": "by week (Monday to Sunday)"}
BY = {"outlet": "per outlet", "actor": "per actor"}
METRICS = {"tone": "tone (mean polarity of sentences)", "stance": "stance (pooled cooperation − conflict)"}
UNKNOWN_COUNTRY = "(country not known)"

SERIES_COLUMNS = ["series", "period", "tone", "tone_sd", "tone_n", "stance", "stance_n", "articles", "pooled"]
"""series: the actor or outlet (or the "other" label); period: the first day of the day or week
(a ``datetime.date``); tone / tone_sd / tone_n: mean polarity, its SD and the sentences behind it
(NaN, NaN, 0 in an empty period); stance / stance_n: pooled stance score and the statements
behind it; articles: articles in the period naming the actor (or from the outlet); pooled: the
"other" series."""


def _check(value: str, known: Mapping[str, str], what: str) -> None:
    if value not in known:
        raise ValueError(f"unknown {what} {value!r}; known: {', '.join(known)}")


def period_start(day: dt.date, freq: str) -> dt.date:
    """The period a day falls in: the day itself, or the Monday of its ISO week."""
    _check(freq, FREQS, "frequency")
    return day if freq == "day" else day - dt.timedelta(days=day.weekday())


def period_end(start: dt.date, freq: str) -> dt.date:
    """The last day of the period that begins on ``start``."""
    _check(freq, FREQS, "frequency")
    return start if freq == "day" else start + dt.timedelta(days=6)


def periods(first: dt.date, last: dt.date, freq: str) -> list[dt.date]:
    """Every period from the one holding ``first`` to the one holding ``last``, gaps included."""
    step = dt.timedelta(days=1 if freq == "day" else 7)
    current, end = period_start(first, freq), period_start(last, freq)
    out = []
    while current <= end:
        out.append(current)
        current += step
    return out


def _article_periods(tables: Tables, freq: str) -> pd.DataFrame:
    """article_id, period for every dated article."""
    dates = pd.to_datetime(tables.articles["date"], errors="coerce")
    frame = pd.DataFrame({"article_id": tables.articles["article_id"], "day": dates}).dropna(subset=["day"])
    frame["period"] = [period_start(day.date(), freq) for day in frame["day"]]
    return frame[["article_id", "period"]]


@dataclass(frozen=True)
class TimeSeries:
    """``frame``: SERIES_COLUMNS, zero-filled. ``named``: the series with a line of their own, the
    largest first; ``other``: the pooled series' label (None when nothing was pooled) and
    ``pooled``: what it holds. ``periods``: every period of the span; ``undated``: articles left out."""

    frame: pd.DataFrame
    by: str
    freq: str
    metric: str
    named: tuple[str, ...]
    other: str | None
    pooled: tuple[str, ...]
    periods: tuple[dt.date, ...]
    undated: int


def _tone_rows(tables: Tables, engine: str, by: str, rollup: bool) -> pd.DataFrame:
    """key, article_id, sentence_index, polarity: one row per sentence and series it counts for."""
    column = polarity_column(engine)
    if by == "outlet":
        rows = tables.sentences[["article_id", "sentence_index", "outlet", column]].rename(columns={"outlet": "key"})
    else:
        key = "rollup" if rollup else "actor"
        pairs = tables.mentions[["article_id", "sentence_index", key]].drop_duplicates().rename(columns={key: "key"})
        rows = pairs.merge(
            tables.sentences[["article_id", "sentence_index", column]], on=["article_id", "sentence_index"]
        )
    return rows.rename(columns={column: "polarity"})


def _stance_rows(tables: Tables, by: str, rollup: bool) -> pd.DataFrame:
    """key, article_id, cooperation, conflict, n_cues, n_quotes: per article and speaker (or outlet)."""
    overall = tables.stance[tables.stance["target"] == ALL_TARGETS]
    key = "outlet" if by == "outlet" else ("speaker_rollup" if rollup else "speaker")
    return overall[["article_id", key, "cooperation", "conflict", "n_cues", "n_quotes"]].rename(columns={key: "key"})


def _pooled_stance(group: pd.DataFrame) -> float:
    stance = pool(float(group["cooperation"].sum()), float(group["conflict"].sum()), int(group["n_cues"].sum()),
                  lexicon=load_stance_lexicon())  # fmt: skip
    return float(stance.score)


def series(
    tables: Tables,
    engine: str,
    *,
    by: str = "outlet",
    freq: str = "week",
    metric: str = "tone",
    rollup: bool = False,
    max_series: int = 8,
    min_n: int = 1,
) -> TimeSeries:
    """Tone and stance per ``by`` (actor or outlet) and period (``freq``), zero-filled; the
    ``max_series`` series with the most n for ``metric`` (at least ``min_n``) named, the rest
    pooled into one "other" series. See the module docstring for the measures."""
    _check(by, BY, "series kind")
    _check(freq, FREQS, "frequency")
    _check(metric, METRICS, "measure")
    when = _article_periods(tables, freq)
    undated = len(tables.articles) - len(when)
    tone = _tone_rows(tables, engine, by, rollup).merge(when, on="article_id")
    stance = _stance_rows(tables, by, rollup).merge(when, on="article_id")
    empty = TimeSeries(pd.DataFrame(columns=SERIES_COLUMNS), by, freq, metric, (), None, (), (), undated)
    if when.empty:
        return empty
    span = tuple(periods(min(when["period"]), max(when["period"]), freq))
    if metric == "tone":
        totals = tone.dropna(subset=["polarity"]).groupby("key").size()
    else:
        totals = stance.groupby("key")["n_quotes"].sum()
    named, rest, other, labels = naming(totals, by=by, metric=metric, max_series=max_series, min_n=min_n)

    def relabel(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame[frame["key"].isin(labels)].copy()
        frame["series"] = frame["key"].map(labels)
        return frame

    tone_l = relabel(tone).drop_duplicates(["series", "article_id", "sentence_index"])
    stance_l = relabel(stance)
    grouped = tone_l.groupby(["series", "period"])["polarity"]
    tone_stats = pd.DataFrame({"tone": grouped.mean(), "tone_sd": grouped.std(), "tone_n": grouped.count()})
    sums = stance_l.groupby(["series", "period"])[["cooperation", "conflict", "n_quotes"]].sum()
    counted = pd.concat([tone_l[["series", "period", "article_id"]], stance_l[["series", "period", "article_id"]]])
    articles = counted.drop_duplicates().groupby(["series", "period"]).size().rename("articles")
    return assemble(tone_stats, sums, articles, named=named, other=other, pooled=rest, span=span, by=by, freq=freq,
                    metric=metric, undated=undated)  # fmt: skip


def naming(
    totals: pd.Series, *, by: str, metric: str, max_series: int, min_n: int
) -> tuple[tuple[str, ...], tuple[str, ...], str | None, dict[str, str]]:
    """From each series key's n over the span (``totals``): the keys with a line of their own
    (the ``max_series`` largest with at least ``min_n``), the pooled rest, the "other" label
    (None: nothing pooled) and key -> series label."""
    ranked = sorted(((str(k), int(v)) for k, v in totals.items() if v >= max(1, min_n)), key=lambda kv: (-kv[1], kv[0]))
    named = tuple(k for k, _ in ranked[: max(1, max_series)])
    rest = tuple(sorted(str(k) for k in set(totals.index) - set(named)))
    noun = "outlets" if by == "outlet" else ("speakers" if metric == "stance" else "actors")
    other = f"other {len(rest)} {noun if len(rest) > 1 else noun[:-1]}" if rest else None
    labels: dict[str, str] = {k: k for k in named} | {k: str(other) for k in rest}
    return named, rest, other, labels


def assemble(
    tone_stats: pd.DataFrame,
    sums: pd.DataFrame,
    articles: pd.Series,
    *,
    named: tuple[str, ...],
    other: str | None,
    pooled: tuple[str, ...],
    span: tuple[dt.date, ...],
    by: str,
    freq: str,
    metric: str,
    undated: int,
) -> TimeSeries:
    """The zero-filled series from what was counted per (series, period): ``tone_stats``
    (tone, tone_sd, tone_n), ``sums`` (cooperation, conflict, n_quotes) and ``articles``
    (a count), each indexed by series and period. Shared by ``series`` and the analytic
    layer's (``lib.analytics.over_time``)."""
    weight = sums["cooperation"] + sums["conflict"]
    # lib.stance.pool's score: cooperation against conflict, 0 with no cue at all.
    score = ((sums["cooperation"] - sums["conflict"]) / weight.where(weight > 0)).fillna(0.0).round(4)
    stance_stats = pd.DataFrame({"stance": score, "stance_n": sums["n_quotes"]})
    order = [*named, *([other] if other else [])]
    index = pd.MultiIndex.from_product([order, list(span)], names=["series", "period"])
    frame = pd.DataFrame(index=index).join(tone_stats).join(stance_stats).join(articles).reset_index()
    for column in ("tone_n", "stance_n", "articles"):
        frame[column] = frame[column].fillna(0).astype(int)
    for column in ("tone", "tone_sd", "stance"):
        frame[column] = frame[column].astype(float)
    # No statement in a period: no stance (NaN), not a neutral 0.
    frame.loc[frame["stance_n"] == 0, "stance"] = float("nan")
    frame["pooled"] = frame["series"] == other if other else False
    return TimeSeries(frame[SERIES_COLUMNS], by, freq, metric, named, other, pooled, span, undated)


def rows_behind(
    tables: Tables,
    *,
    by: str,
    metric: str,
    keys: Sequence[str] | None,
    period: dt.date | None,
    freq: str,
    rollup: bool = False,
) -> pd.DataFrame:
    """The sentences behind a point of ``series``: the sentences naming the actor (or the
    outlet's), or the statements, of articles dated in ``period`` (None: any dated or undated
    day) for any of ``keys`` (None: every series). Columns: article_id, sentence_index, start,
    end, label (the span to highlight: the actor's mention or the statement)."""
    _check(by, BY, "series kind")
    _check(metric, METRICS, "measure")
    articles = tables.articles
    if period is not None:
        dates = pd.to_datetime(articles["date"], errors="coerce")
        low, high = pd.Timestamp(period), pd.Timestamp(period_end(period, freq))
        articles = articles[(dates >= low) & (dates <= high)]
    ids = set(articles["article_id"])
    columns = ["article_id", "sentence_index", "start", "end", "label"]
    if metric == "stance":
        key = "outlet" if by == "outlet" else ("speaker_rollup" if rollup else "speaker")
        quotes = tables.quotes[tables.quotes["article_id"].isin(ids)]
        if keys is not None:
            quotes = quotes[quotes[key].isin(keys)]
        return quotes.assign(label="statement")[columns].reset_index(drop=True)
    if by == "outlet":
        rows = tables.sentences[tables.sentences["article_id"].isin(ids)]
        if keys is not None:
            rows = rows[rows["outlet"].isin(keys)]
        # No span to mark in a whole sentence: an empty one at its start.
        return rows.assign(end=rows["start"], label="")[columns].reset_index(drop=True)
    key = "rollup" if rollup else "actor"
    hits = tables.mentions[tables.mentions["article_id"].isin(ids)]
    if keys is not None:
        hits = hits[hits[key].isin(keys)]
    return hits.assign(label=hits["actor"])[columns].reset_index(drop=True)


# ---- groups of outlets and the side-by-side comparison ------------------------------------


@dataclass(frozen=True)
class Group:
    """A named set of outlets: one outlet, a country's outlets, or a set the analyst named."""

    name: str
    outlets: tuple[str, ...]


def outlet_countries(path: Path | None = None) -> dict[str, str]:
    """Outlet -> country (``country`` in ``lib/data/outlets.yml``) for the listed outlets that state one."""
    path = path or data_path("outlets.yml")
    entries = require(load_yaml(path), "outlets", list, path=str(path), where="(top)")
    out: dict[str, str] = {}
    for index, entry in enumerate(entries):
        name = require(entry, "name", str, path=str(path), where=f"outlets[{index}]")
        country = entry.get("country")
        if country is None:
            continue
        if not isinstance(country, str) or not country.strip():
            raise DataFileError(str(path), f"outlets[{index}].country", "a country name (text)")
        out[name] = country.strip()
    return out


def country_groups(outlets: Iterable[str], countries: Mapping[str, str]) -> dict[str, Group]:
    """The outlets by country (those with no known country under ``UNKNOWN_COUNTRY``), the
    countries with the most outlets first."""
    members: dict[str, list[str]] = {}
    for outlet in sorted(set(outlets)):
        members.setdefault(countries.get(outlet, UNKNOWN_COUNTRY), []).append(outlet)
    order = sorted(members, key=lambda c: (c == UNKNOWN_COUNTRY, -len(members[c]), c))
    return {country: Group(country, tuple(members[country])) for country in order}


COMPARE_VIEWS = {
    "tone": "Tone of the sentences naming each actor",
    "voice": "Whom they quote (share of statements)",
    "stance": "The stance of the speakers they quote",
    "figures": "The figures they cite",
}

OVERVIEW_COLUMNS = ["group", "outlets", "articles", "sentences", "tone", "tone_sd", "statements", "stance", "figures"]
TONE_COLUMNS = ["actor", "group", "tone", "tone_sd", "n_sentences"]
VOICE_COLUMNS = ["speaker", "group", "quotes", "direct", "share"]
STANCE_COLUMNS = ["speaker", "group", "score", "label", "n_quotes", "n_cues"]
FIGURE_COLUMNS = ["measure", "group", "value", "low", "high", "n_figures", "articles"]


@dataclass(frozen=True)
class Comparison:
    """Two groups side by side; every frame has a ``group`` column (the group's name).

    overview: OVERVIEW_COLUMNS, one row per group (tone: mean polarity of all its sentences;
      stance: every statement it carries, pooled).
    tone: TONE_COLUMNS, per actor (rolled up with ``rollup``) and group.
    voice: VOICE_COLUMNS, per speaker and group: statements and their share of the group's.
    stance: STANCE_COLUMNS, per speaker and group, pooled as ``lib.tables.speaker_stance`` pools.
    figures: FIGURE_COLUMNS, per measure and group: the median of the articles' values (each
      article's largest), the lowest and highest, figures and articles.
    """

    groups: tuple[Group, Group]
    engine: str
    overview: pd.DataFrame
    tone: pd.DataFrame
    voice: pd.DataFrame
    stance: pd.DataFrame
    figures: pd.DataFrame


def _side(tables: Tables, group: Group, engine: str, rollup: bool) -> dict[str, pd.DataFrame]:
    sub = tables.filter(outlets=list(group.outlets)) if group.outlets else tables.filter(article_ids=[])
    name = group.name
    column = polarity_column(engine)
    polarity = sub.sentences[column] if column in sub.sentences else pd.Series(dtype=float)
    overall = sub.stance[sub.stance["target"] == ALL_TARGETS]
    overview = pd.DataFrame(
        [
            {
                "group": name,
                "outlets": len(group.outlets),
                "articles": len(sub.articles),
                "sentences": len(sub.sentences),
                "tone": float(polarity.mean()) if len(polarity) else float("nan"),
                "tone_sd": float(polarity.std()) if len(polarity) > 1 else float("nan"),
                "statements": len(sub.quotes),
                "stance": _pooled_stance(overall) if not overall.empty else float("nan"),
                "figures": len(sub.figures),
            }
        ],
        columns=OVERVIEW_COLUMNS,
    )
    key = "rollup" if rollup else "actor"
    pairs = sub.mentions[["article_id", "sentence_index", key]].drop_duplicates()
    scored = pairs.merge(sub.sentences[["article_id", "sentence_index", column]], on=["article_id", "sentence_index"])
    grouped = scored.groupby(key)[column]
    tone = pd.DataFrame({"tone": grouped.mean(), "tone_sd": grouped.std(), "n_sentences": grouped.count()})
    tone = tone.rename_axis("actor").reset_index().assign(group=name)[TONE_COLUMNS]

    speaker = "speaker_rollup" if rollup else "speaker"
    by_speaker = sub.quotes.groupby(speaker)
    voice = pd.DataFrame({"quotes": by_speaker.size(), "direct": by_speaker["direct"].sum()}).rename_axis("speaker")
    voice = voice.reset_index().assign(group=name)
    voice["share"] = voice["quotes"] / max(1, int(voice["quotes"].sum()))
    voice = voice[VOICE_COLUMNS].sort_values(["quotes", "speaker"], ascending=[False, True])

    lexicon = load_stance_lexicon()
    sums = overall.groupby(speaker)[["cooperation", "conflict", "n_cues", "n_quotes"]].sum()
    stance_rows = []
    for who, cooperation, conflict, n_cues, n_quotes in sums.itertuples(name=None):
        pooled = pool(float(cooperation), float(conflict), int(n_cues), lexicon=lexicon)
        stance_rows.append({"speaker": who, "group": name, "score": pooled.score, "label": pooled.label,
                            "n_quotes": int(n_quotes), "n_cues": pooled.n_cues})  # fmt: skip
    stance = pd.DataFrame(stance_rows, columns=STANCE_COLUMNS)

    per_article = sub.figures.groupby(["measure", "article_id"])["value"].agg(["max", "size"]).reset_index()
    by_measure = per_article.groupby("measure")
    figures = pd.DataFrame(
        {
            "value": by_measure["max"].median(),
            "low": by_measure["max"].min(),
            "high": by_measure["max"].max(),
            "n_figures": by_measure["size"].sum(),
            "articles": by_measure.size(),
        }
    )
    figures = figures.rename_axis("measure").reset_index().assign(group=name)[FIGURE_COLUMNS]
    return {"overview": overview, "tone": tone, "voice": voice, "stance": stance, "figures": figures}


def compare(tables: Tables, group_a: Group, group_b: Group, *, engine: str, rollup: bool = False) -> Comparison:
    """``group_a`` and ``group_b`` side by side (see ``Comparison``). An outlet in both groups
    counts in both; two groups of one name are told apart by a suffix (" (B)")."""
    return combine(group_a, group_b, engine, lambda group: _side(tables, group, engine, rollup))


def combine(
    group_a: Group, group_b: Group, engine: str, side: Callable[[Group], dict[str, pd.DataFrame]]
) -> Comparison:
    """The comparison of two groups from each one's frames (``side``: overview, tone, voice,
    stance, figures), as ``compare`` makes them; shared with the analytic layer's."""
    if group_b.name == group_a.name:
        group_b = Group(f"{group_b.name} (B)", group_b.outlets)
    sides = [side(group) for group in (group_a, group_b)]

    def both(name: str) -> pd.DataFrame:
        parts = [side[name] for side in sides if not side[name].empty]
        if not parts:
            return sides[0][name]
        return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0].reset_index(drop=True)

    return Comparison(
        (group_a, group_b),
        engine,
        both("overview"),
        both("tone"),
        both("voice"),
        both("stance"),
        both("figures"),
    )


def compare_rows(tables: Tables, group: Group, *, view: str, key: str, rollup: bool = False) -> pd.DataFrame:
    """The sentences behind a mark of a comparison: ``group``'s sentences naming the actor
    (tone), the speaker's statements (voice, stance), the sentences citing the measure
    (figures); ``key`` "" is every one. Columns: article_id, sentence_index, start, end, label."""
    _check(view, COMPARE_VIEWS, "comparison view")
    columns = ["article_id", "sentence_index", "start", "end", "label"]
    outlets = list(group.outlets)
    if view == "tone":
        column = "rollup" if rollup else "actor"
        hits = tables.mentions[tables.mentions["outlet"].isin(outlets)]
        hits = hits[hits[column] == key] if key else hits
        return hits.assign(label=hits["actor"])[columns].reset_index(drop=True)
    if view in ("voice", "stance"):
        column = "speaker_rollup" if rollup else "speaker"
        quotes = tables.quotes[tables.quotes["outlet"].isin(outlets)]
        quotes = quotes[quotes[column] == key] if key else quotes
        return quotes.assign(label="statement")[columns].reset_index(drop=True)
    figures = tables.figures[tables.figures["outlet"].isin(outlets)]
    figures = figures[figures["measure"] == key] if key else figures
    return figures.assign(label=figures["measure"])[columns].reset_index(drop=True)


# ---- count each story once ----------------------------------------------------------------------


def story_copies(kept: Iterable[str], near_duplicate_of: Mapping[str, str]) -> set[str]:
    """The articles of ``kept`` that are near-duplicates (syndicated copies) of another kept
    article. Each copy folds into the first kept article of its chain (``near_duplicate_of``:
    copy -> the article it was found close to at upload, which may itself be a copy); a copy
    whose originals are all filtered out stands for its story. (A loop of links, which upload
    never makes, folds into its smallest id.)"""
    keep = set(kept)

    def representative(article: str) -> str:
        path = [article]
        current = near_duplicate_of.get(article)
        while current is not None and current not in path:
            path.append(current)
            current = near_duplicate_of.get(current)
        if current is not None:  # a loop: every member stands for the same story
            loop = [a for a in path[path.index(current) :] if a in keep]
            if loop:
                return min(loop)
        return [a for a in path if a in keep][-1]

    return {article for article in keep if representative(article) != article}
