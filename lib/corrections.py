"""An analyst's corrections of an analysis: a statement's speaker, something that is not a
statement, a figure's value, measure or actor, or a figure that is not one.

A correction names its target by what survives a re-analysis: the span (``start``, ``end``)
in the article's text and the value the engine gave it (``original``: the statement's
speaker, the figure's value), never a list index. ``apply_corrections`` is the one place
they are applied: the store calls it where it hands analyses out (``Store.iter_analyses``),
so every frame, chart, drill-down and export reads corrected data. When the analyzer (or the
dictionary) changes and the article is analysed again, a correction applies where the new
analysis has an item of its kind whose span is the same or overlaps it and whose value is
still ``original``; the others are returned as stale ("no longer applies"), kept in the store
until the analyst removes them.

A corrected statement or figure carries ``corrected``, what was changed ("speaker was
Sergey Lavrov"). A statement keeps the stance of its words; only who said them changes, so
the speaker-level roll-ups (``lib.tables``) count it for the new speaker.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lib.errors import StancewatchError
from lib.types import ArticleAnalysis, Figure, Quote

STATEMENT = "statement"
FIGURE = "figure"
TARGETS = (STATEMENT, FIGURE)
SPEAKER = "speaker"  # a statement's speaker fixed
REMOVE = "remove"  # not a statement / not a figure
FIX = "fix"  # a figure's value, measure (counted thing) or actor fixed
ACTIONS = {STATEMENT: (SPEAKER, REMOVE), FIGURE: (FIX, REMOVE)}

APPLIED = "applied"
STALE = "no longer applies"
# Columns of ``report_frame`` (the corrections.csv of the whole-analysis zip).
REPORT_COLUMNS = [
    "article_id",
    "target",
    "action",
    "start",
    "end",
    "original",
    "speaker",
    "value",
    "counted",
    "about",
    "change",
    "status",
    "created_at",
]


class CorrectionError(StancewatchError):
    """A correction that cannot be made: names the field and why."""


@dataclass(frozen=True)
class Correction:
    """One analyst's correction of one article's analysis.

    ``original`` is the engine's value for the target (a statement's speaker; a figure's
    value, written with ``repr``); the new values are those of ``action``: ``speaker`` (and
    ``speaker_rollup``, whom they speak for, when known at the time) for a speaker fix;
    ``value``, ``counted`` and ``about`` (None: about no actor) for a figure fix. ``id`` and
    ``created_at`` are the store's."""

    article_id: str
    target: str
    action: str
    start: int
    end: int
    original: str
    speaker: str | None = None
    speaker_rollup: str | None = None
    value: float | None = None
    counted: str | None = None
    about: str | None = None
    id: int | None = None
    created_at: dt.datetime | None = None

    def __post_init__(self) -> None:
        if self.target not in TARGETS:
            raise CorrectionError(f"target {self.target!r} is not one of {', '.join(TARGETS)}")
        if self.action not in ACTIONS[self.target]:
            raise CorrectionError(
                f"a {self.target} cannot be corrected by {self.action!r}; use {' or '.join(ACTIONS[self.target])}"
            )
        if self.end < self.start:
            raise CorrectionError(f"span {self.start}..{self.end} ends before it starts")
        if self.action == SPEAKER and not (self.speaker or "").strip():
            raise CorrectionError("speaker: empty; name who made the statement")
        if self.action == FIX:
            if self.value is None or not math.isfinite(self.value):
                raise CorrectionError(f"value: {self.value!r} is not a number")
            if not (self.counted or "").strip():
                raise CorrectionError("counted: empty; say what the figure counts or measures")

    def fix(self) -> dict[str, Any]:
        """The new values, JSON-ready (what the store keeps beside the target)."""
        if self.action == SPEAKER:
            return {"speaker": self.speaker, "speaker_rollup": self.speaker_rollup}
        if self.action == FIX:
            return {"value": self.value, "counted": self.counted, "about": self.about}
        return {}

    def describe(self) -> str:
        """One line for the Reader's list of corrections."""
        if self.action == REMOVE:
            what = "not a statement" if self.target == STATEMENT else "not a figure"
            shown = self.original if self.target == STATEMENT else _number(float(self.original))
            return f"{what} ({shown}, characters {self.start}–{self.end})"
        if self.action == SPEAKER:
            return f"speaker {self.original} → {self.speaker}"
        return f"figure {_number(float(self.original))} → {_number(self.value or 0.0)} {self.counted}" + (
            f" about {self.about}" if self.about else ""
        )


@dataclass(frozen=True)
class Applied:
    """An analysis with its corrections applied: which applied and which no longer do."""

    analysis: ArticleAnalysis
    applied: tuple[Correction, ...]
    stale: tuple[Correction, ...]


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters two spans share (a span of no characters overlaps itself)."""
    if (a_start, a_end) == (b_start, b_end):
        return max(1, a_end - a_start)
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _same_value(original: str, value: float) -> bool:
    try:
        return math.isclose(float(original), value, rel_tol=1e-9, abs_tol=1e-9)
    except ValueError:
        return False


def _matches(correction: Correction, item: Quote | Figure) -> bool:
    if isinstance(item, Quote):
        return correction.target == STATEMENT and item.speaker == correction.original
    return correction.target == FIGURE and _same_value(correction.original, item.value)


def _target(correction: Correction, items: Sequence[Quote | Figure]) -> int | None:
    """The index of the item the correction is about: the same span, else the one that
    overlaps it most (ties: the nearest start), with the same original value."""
    best: tuple[tuple[int, int, int], int] | None = None
    for index, item in enumerate(items):
        shared = overlap(correction.start, correction.end, item.start, item.end)
        if shared <= 0 or not _matches(correction, item):
            continue
        exact = int((item.start, item.end) == (correction.start, correction.end))
        rank = (exact, shared, -abs(item.start - correction.start))
        if best is None or rank > best[0]:
            best = (rank, index)
    return None if best is None else best[1]


def _rollup(speaker: str, correction: Correction, analysis: ArticleAnalysis) -> str:
    """Whom the new speaker speaks for: as this analysis's mentions of them say (the current
    dictionary), else as known when the correction was made, else themselves."""
    for mention in analysis.mentions:
        if mention.actor == speaker:
            return mention.rollup
    return correction.speaker_rollup or speaker


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def figure_change(original: Figure, value: float, counted: str, about: str | None) -> str | None:
    """What a figure fix changes, as its marker ("value was 150,000; actor was Russia");
    None when it changes nothing."""
    parts = []
    if not math.isclose(original.value, value, rel_tol=1e-9, abs_tol=1e-9):
        parts.append(f"value was {_number(original.value)}")
    if original.counted != counted:
        parts.append(f"measure was {original.counted or 'nothing named'}")
    if (original.about or None) != (about or None):
        parts.append(f"actor was {original.about or 'nobody'}")
    return "; ".join(parts) or None


def apply_corrections(analysis: ArticleAnalysis, corrections: Iterable[Correction]) -> Applied:
    """``analysis`` with this article's ``corrections`` applied, in order (a later fix of the
    same item wins; a removal removes it whatever else was fixed). Each correction is matched
    against the analysis as the engine made it, so corrections do not depend on each other."""
    mine = [c for c in corrections if c.article_id == analysis.article_id]
    if not mine:
        return Applied(analysis, (), ())
    quotes: list[Quote | None] = list(analysis.quotes)
    figures: list[Figure | None] = list(analysis.figures)
    applied: list[Correction] = []
    stale: list[Correction] = []
    for correction in mine:
        originals: Sequence[Quote | Figure] = analysis.quotes if correction.target == STATEMENT else analysis.figures
        index = _target(correction, originals)
        if index is None:
            stale.append(correction)
            continue
        applied.append(correction)
        if correction.target == STATEMENT:
            quote = analysis.quotes[index]
            if correction.action == REMOVE or quotes[index] is None:
                quotes[index] = None
                continue
            speaker = (correction.speaker or "").strip()
            quotes[index] = dataclasses.replace(
                quote,
                speaker=speaker,
                speaker_rollup=_rollup(speaker, correction, analysis),
                corrected=f"speaker was {quote.speaker}",
            )
        else:
            figure = analysis.figures[index]
            if correction.action == REMOVE or figures[index] is None:
                figures[index] = None
                continue
            value, counted = float(correction.value or 0.0), (correction.counted or "").strip()
            about = (correction.about or "").strip() or None
            figures[index] = dataclasses.replace(
                figure,
                value=value,
                counted=counted,
                about=about,
                corrected=figure_change(figure, value, counted, about) or "checked by an analyst",
            )
    corrected = dataclasses.replace(
        analysis,
        quotes=tuple(q for q in quotes if q is not None),
        figures=tuple(f for f in figures if f is not None),
    )
    return Applied(corrected, tuple(applied), tuple(stale))


def statuses(analysis: ArticleAnalysis | None, corrections: Sequence[Correction]) -> list[tuple[Correction, str]]:
    """Each correction with APPLIED or STALE against ``analysis`` (None: the article has no
    analysis at this version, so nothing applies)."""
    if analysis is None:
        return [(c, STALE) for c in corrections]
    done = apply_corrections(analysis, corrections)
    applied = {id(c) for c in done.applied}
    return [(c, APPLIED if id(c) in applied else STALE) for c in corrections]


def applied_to(
    target: str, start: int, end: int, corrections: Iterable[Correction], *, action: str | None = None
) -> Correction | None:
    """The correction (of those that applied) behind a shown statement or figure: same kind,
    overlapping its span, the latest one. What a new correction of that item replaces."""
    found = None
    for correction in corrections:
        if correction.target != target or correction.action == REMOVE:
            continue
        if action is not None and correction.action != action:
            continue
        if overlap(correction.start, correction.end, start, end) > 0:
            found = correction
    return found


# ---- making corrections from what the analyst sees ------------------------------------------


def _base(
    target: str, article_id: str, start: int, end: int, shown: str, applied: Iterable[Correction]
) -> tuple[int, int, str]:
    """Span and original of a new correction of a shown (maybe already corrected) item: those
    of the correction it replaces, else the item's own."""
    earlier = applied_to(target, start, end, [c for c in applied if c.article_id == article_id])
    if earlier is not None:
        return earlier.start, earlier.end, earlier.original
    return start, end, shown


def speaker_fix(
    article_id: str,
    start: int,
    end: int,
    shown_speaker: str,
    speaker: str,
    *,
    speaker_rollup: str | None = None,
    applied: Iterable[Correction] = (),
) -> Correction:
    """A correction giving the statement shown at ``start``..``end`` (spoken, as shown, by
    ``shown_speaker``) to ``speaker`` (an actor's name or a name as typed). ``applied``: the
    article's corrections that applied, so that correcting a corrected statement keeps the
    engine's original."""
    start, end, original = _base(STATEMENT, article_id, start, end, shown_speaker, applied)
    name = " ".join(speaker.split())
    return Correction(article_id, STATEMENT, SPEAKER, start, end, original, speaker=name, speaker_rollup=speaker_rollup)


def statement_removal(
    article_id: str, start: int, end: int, shown_speaker: str, *, applied: Iterable[Correction] = ()
) -> Correction:
    """A correction saying the statement shown at ``start``..``end`` is not a statement."""
    start, end, original = _base(STATEMENT, article_id, start, end, shown_speaker, applied)
    return Correction(article_id, STATEMENT, REMOVE, start, end, original)


def figure_fix(
    article_id: str,
    start: int,
    end: int,
    shown_value: float,
    *,
    value: float,
    counted: str,
    about: str | None,
    applied: Iterable[Correction] = (),
) -> Correction:
    """A correction of the figure shown at ``start``..``end``: its value, counted thing
    (the measure) and the actor it is about (None: nobody)."""
    start, end, original = _base(FIGURE, article_id, start, end, repr(float(shown_value)), applied)
    return Correction(
        article_id, FIGURE, FIX, start, end, original, value=float(value), counted=" ".join(counted.split()),
        about=(about or "").strip() or None,
    )  # fmt: skip


def figure_removal(
    article_id: str, start: int, end: int, shown_value: float, *, applied: Iterable[Correction] = ()
) -> Correction:
    """A correction saying the figure shown at ``start``..``end`` is not a cited figure."""
    start, end, original = _base(FIGURE, article_id, start, end, repr(float(shown_value)), applied)
    return Correction(article_id, FIGURE, REMOVE, start, end, original)


def report_rows(items: Iterable[tuple[Correction, str]]) -> list[dict[str, Any]]:
    """Rows of REPORT_COLUMNS, one per correction with its status."""
    rows = []
    for correction, status in items:
        rows.append(
            {
                "article_id": correction.article_id,
                "target": correction.target,
                "action": correction.action,
                "start": correction.start,
                "end": correction.end,
                "original": correction.original,
                "speaker": correction.speaker,
                "value": correction.value,
                "counted": correction.counted,
                "about": correction.about,
                "change": correction.describe(),
                "status": status,
                "created_at": correction.created_at.isoformat(timespec="seconds") if correction.created_at else None,
            }
        )
    return rows


def from_row(row: Mapping[str, Any], fix: Mapping[str, Any]) -> Correction:
    """A correction from the store's columns and its decoded ``fix``."""
    value = fix.get("value")
    return Correction(
        article_id=str(row["article_id"]),
        target=str(row["target"]),
        action=str(row["action"]),
        start=int(row["span_start"]),
        end=int(row["span_end"]),
        original=str(row["original"]),
        speaker=fix.get("speaker"),
        speaker_rollup=fix.get("speaker_rollup"),
        value=None if value is None else float(value),
        counted=fix.get("counted"),
        about=fix.get("about"),
        id=int(row["id"]),
        created_at=row.get("created_at"),
    )
