"""A speaker's stance on the cooperation-conflict axis, from what they are quoted or
reported as saying, with the evidence kept.

Cues come from ``lib/data/stance.yml``: classes inspired by CAMEO's verbal cooperation
(appeal for dialogue, express intent to cooperate, reassure) and verbal conflict (warn,
accuse, demand, reject, threaten force). A cue within three words after a negator flips
("no threat" is reassurance, "will not compromise" a rejection). The reporting verb is
read as well: "X warned that …" is a warning whatever follows.

score = (cooperation - conflict) / (cooperation + conflict), summed cue weights, -1..1.
This is lexical: it reads what a statement is about, and cannot tell irony or whose
action a cue describes. The evidence table shows every cue so that an analyst can judge.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lib.errors import DataFileError
from lib.resources import data_path, load_yaml, optional_list, require
from lib.types import Mention, Quote, StanceCue

LABELS = ("conciliatory", "mixed", "confrontational", "neutral")


@dataclass(frozen=True)
class StanceLexicon:
    pattern: re.Pattern[str]
    cue_class: dict[str, tuple[str, int, float]]  # cue as written -> (class, polarity, weight)
    matchers: tuple[tuple[re.Pattern[str], str], ...]
    # Cues by their first word (lower case), and by the first three letters of a first word
    # that ends in "*": each as (rank in ``matchers``, matcher, cue). A text is scanned word
    # by word instead of trying every cue at every character.
    by_first: dict[str, tuple[tuple[int, re.Pattern[str], str], ...]]
    by_stem: dict[str, tuple[tuple[int, str, re.Pattern[str], str], ...]]
    negators: frozenset[str]
    not_cues: re.Pattern[str] | None
    min_weight: float
    conciliatory: float
    confrontational: float


def _cue_regex(cue: str) -> str:
    parts = []
    for word in cue.split():
        if word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"[\w-]*")
        else:
            parts.append(re.escape(word))
    return r"(?<![\w-])" + r"\s+".join(parts) + r"(?![\w-])"


def _alternation(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    return re.compile("|".join(f"(?:{_cue_regex(p)})" for p in sorted(phrases, key=len, reverse=True)), re.I)


@lru_cache(maxsize=2)
def load_stance_lexicon(path: Path | None = None) -> StanceLexicon:
    """The stance cue lexicon (``lib/data/stance.yml``), validated."""
    path = path or data_path("stance.yml")
    raw = load_yaml(path)
    name = str(path)
    classes = require(raw, "classes", dict, path=name, where="(top)")
    cue_class: dict[str, tuple[str, int, float]] = {}
    for class_name, spec in classes.items():
        where = f"classes.{class_name}"
        polarity = require(spec, "polarity", int, path=name, where=where)
        if polarity not in (-1, 1):
            raise DataFileError(name, f"{where}.polarity", f"1 or -1, got {polarity}")
        weight = float(require(spec, "weight", (int, float), path=name, where=where))
        for cue in optional_list(spec, "cues", path=name, where=where):
            cue_class[cue.lower()] = (class_name, polarity, weight)
    labels = require(raw, "labels", dict, path=name, where="(top)")
    # Longest cues first, so "use of force" wins over "force".
    ordered = sorted(cue_class, key=lambda c: (-len(c.split()), -len(c)))
    matchers = tuple((re.compile(_cue_regex(cue), re.IGNORECASE), cue) for cue in ordered)
    combined = re.compile("|".join(f"(?:{_cue_regex(cue)})" for cue in ordered), re.IGNORECASE)
    by_first: dict[str, list[tuple[int, re.Pattern[str], str]]] = {}
    by_stem: dict[str, list[tuple[int, str, re.Pattern[str], str]]] = {}
    for rank, (matcher, cue) in enumerate(matchers):
        first = cue.split()[0]
        if first.endswith("*"):
            by_stem.setdefault(first[:3], []).append((rank, first[:-1], matcher, cue))
        else:
            by_first.setdefault(first, []).append((rank, matcher, cue))
    return StanceLexicon(
        pattern=combined,
        cue_class=cue_class,
        matchers=matchers,
        by_first={k: tuple(v) for k, v in by_first.items()},
        by_stem={k: tuple(v) for k, v in by_stem.items()},
        negators=frozenset(optional_list(raw, "negators", path=name, where="(top)")),
        not_cues=_alternation(optional_list(raw, "not_cues", path=name, where="(top)")),
        min_weight=float(labels.get("min_weight", 1.0)),
        conciliatory=float(labels.get("conciliatory", 0.34)),
        confrontational=float(labels.get("confrontational", -0.34)),
    )


def find_cues(text: str, offset: int = 0, *, lexicon: StanceLexicon | None = None) -> list[StanceCue]:
    """Stance cues in ``text``; offsets are shifted by ``offset``."""
    lexicon = lexicon or load_stance_lexicon()
    blocked: list[tuple[int, int]] | None = None  # not_cues' spans, found once a cue is
    cues = []
    for match, cue in _scan(text, lexicon):
        if blocked is None:
            blocked = [m.span() for m in lexicon.not_cues.finditer(text)] if lexicon.not_cues else []
        if any(start <= match.start() < end for start, end in blocked):
            continue
        surface = match.group()
        class_name, polarity, weight = lexicon.cue_class[cue]
        before = re.findall(r"[\w']+", text[max(0, match.start() - 40) : match.start()].lower())[-3:]
        negated = any(word in lexicon.negators or word.endswith("n't") for word in before)
        cues.append(
            StanceCue(
                cue=surface,
                polarity=-polarity if negated else polarity,
                weight=weight,
                category=class_name if not negated else f"not {class_name}",
                negated=negated,
                start=offset + match.start(),
                end=offset + match.end(),
            )
        )
    return cues


_WORD = re.compile(r"(?<![\w-])\w[\w-]*(?:['’]\w+)?")


def _scan(text: str, lexicon: StanceLexicon) -> Iterator[tuple[re.Match[str], str]]:
    """Non-overlapping cue matches, left to right; at one place the longest cue (the
    order of ``lexicon.matchers``) wins, as one alternation of every cue would give."""
    resume = 0
    for word in _WORD.finditer(text):
        start = word.start()
        if start < resume:
            continue
        lowered = word.group().lower()
        candidates: list[tuple[int, re.Pattern[str], str]] = []
        for head in {lowered, lowered.split("'")[0], lowered.split("’")[0], lowered.split("-")[0]}:  # "won't", "no-fly"
            candidates.extend(lexicon.by_first.get(head, ()))
        candidates.extend(
            (rank, matcher, cue)
            for rank, prefix, matcher, cue in lexicon.by_stem.get(lowered[:3], ())
            if lowered.startswith(prefix)
        )
        for _, matcher, cue in sorted(candidates, key=lambda c: c[0]):
            found = matcher.match(text, start)
            if found:
                yield found, cue
                resume = found.end()
                break


def quote_cues(quote: Quote, *, lexicon: StanceLexicon | None = None) -> list[StanceCue]:
    """Cues in a statement, plus its reporting verb ("warned", "assured") when that is a cue."""
    lexicon = lexicon or load_stance_lexicon()
    cues = find_cues(quote.text, quote.start, lexicon=lexicon)
    if quote.cue and quote.cue not in ("(continued)", ":", "tweet", "according to"):
        for cue in find_cues(quote.cue, -1, lexicon=lexicon):
            cues.append(StanceCue(cue.cue, cue.polarity, cue.weight, cue.category + " (reporting verb)", False, -1, -1))
    return cues


@dataclass(frozen=True)
class Stance:
    score: float
    label: str
    cooperation: float
    conflict: float
    n_cues: int


def statement_signals(cues: Iterable[StanceCue]) -> list[StanceCue]:
    """The cues that count for one statement: each class (and direction) once, at its weight."""
    kept: dict[tuple[str, int], StanceCue] = {}
    for cue in cues:
        key = (cue.category.replace(" (reporting verb)", ""), cue.polarity)
        if key not in kept or cue.weight > kept[key].weight:
            kept[key] = cue
    return list(kept.values())


def score_cues(cues: Iterable[StanceCue], *, lexicon: StanceLexicon | None = None) -> Stance:
    """Aggregate counted cues into a score in -1..1 and a label (see ``statement_signals``)."""
    lexicon = lexicon or load_stance_lexicon()
    cues = list(cues)
    cooperation = sum(c.weight for c in cues if c.polarity > 0)
    conflict = sum(c.weight for c in cues if c.polarity < 0)
    total = cooperation + conflict
    if total < lexicon.min_weight:
        return Stance(0.0, "neutral", cooperation, conflict, len(cues))
    score = (cooperation - conflict) / total
    if score >= lexicon.conciliatory:
        label = "conciliatory"
    elif score <= lexicon.confrontational:
        label = "confrontational"
    else:
        label = "mixed"
    return Stance(round(score, 4), label, cooperation, conflict, len(cues))


def quote_targets(quote: Quote, mentions: Sequence[Mention]) -> list[str]:
    """Actors a statement names, other than the speaker and whom the speaker speaks for."""
    own = {quote.speaker, quote.speaker_rollup}
    targets = []
    for mention in mentions:
        if quote.start <= mention.start < quote.end:
            target = mention.rollup
            if target not in own and mention.actor not in own and target not in targets:
                targets.append(target)
    return targets
