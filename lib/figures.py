"""Numeric figures cited as facts: "more than 150,000 troops", "$350 million", "at least
30,000 Russian troops", "thirty thousand soldiers".

A regular-expression extractor (measured ~12,000 sentences/s here; quantulum3 drops the
counted noun and the hedge and misreads "11 a.m."). It keeps the value, the hedge, what is
counted (normalised to a family, so "troops" and "units" compare), the kind (count,
money, percent, measure) and the actor the figure is about. Dates, years ("since 2014"),
times, ages, spans ("30 years ago") and numbers inside names ("S-400", "Article 5",
"Cold War 2.0") are not cited figures.

``compare_figures`` groups figures that measure the same thing across articles and flags
where outlets disagree.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lib.errors import DataFileError
from lib.resources import data_path, load_yaml, optional_list, require
from lib.types import Figure, Mention, Sentence

_ONES = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "mln": 1_000_000,
    "m": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
}
_WORD = "|".join(sorted([*_ONES, *_TENS, "hundred", "thousand", "million", "billion", "a"], key=len, reverse=True))
_SPELLED = rf"(?:(?:{_WORD})(?:[\s-]+(?:and\s+)?(?:{'|'.join([*_ONES, *_TENS, 'hundred', 'thousand', 'million', 'billion'])}))*)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_NAME_BEFORE = re.compile(
    r"(?:Article|No\.|Number|Resolution|page|Page|Section|Chapter|Grade|Level|Phase|Act|Minsk|S&P|S P|FTSE|DAX|Nikkei|"
    r"Russell|Fortune|Euro Stoxx|Stoxx|CAC|Hang Seng|Windows|iPhone|Formula|#|@)\s*$",
    re.IGNORECASE,
)
_FRACTION = re.compile(
    r"(?<![\w-])(?:(?P<count>a|an|one|two|three|four)[\s-]+)?(?P<part>half|halves|third|thirds|quarter|quarters|fifth|fifths)(?![\w-])",
    re.IGNORECASE,
)
_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5}
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_FIGURE = re.compile(
    r"(?<![\w.,$€£¥₽₴-])"
    r"(?P<currency>US\$|\$|€|£|¥|₽|₴)?\s?"
    rf"(?P<number>{_DIGITS}|(?i:{_SPELLED})(?![\w]))"
    r"(?P<scale>[\s-]?(?i:million|billion|trillion|thousand|hundred|mln|bn|tn)\b|(?:k|K|m|M|bn|b|B)\b)?"
    r"(?P<percent>\s?(?:%|percent\b|per cent\b))?",
)


@dataclass(frozen=True)
class FigureLexicon:
    hedges: tuple[tuple[str, str], ...]  # (phrase, canonical), longest first
    family_of: dict[str, str]  # counted noun (lower) -> family
    max_noun_words: int
    currencies: dict[str, str]
    units: frozenset[str]
    time_units: frozenset[str]
    modifiers: frozenset[str]
    not_counted: frozenset[str]


@lru_cache(maxsize=2)
def load_lexicon(path: Path | None = None) -> FigureLexicon:
    """The figure lexicons (``lib/data/figures.yml``), validated."""
    path = path or data_path("figures.yml")
    raw = load_yaml(path)
    name = str(path)
    hedges: list[tuple[str, str]] = []
    for canonical, phrases in require(raw, "hedges", dict, path=name, where="(top)").items():
        if not isinstance(phrases, list):
            raise DataFileError(name, f"hedges.{canonical}", "a list of phrases")
        hedges.extend((phrase.lower(), canonical) for phrase in phrases)
    family_of: dict[str, str] = {}
    for family, nouns in require(raw, "families", dict, path=name, where="(top)").items():
        if not isinstance(nouns, list):
            raise DataFileError(name, f"families.{family}", "a list of nouns")
        for noun in nouns:
            family_of[noun.lower()] = family
    currencies: dict[str, str] = {}
    for code, forms in require(raw, "currencies", dict, path=name, where="(top)").items():
        for form in forms:
            currencies[form.lower() if form.isalpha() else form] = code
    return FigureLexicon(
        hedges=tuple(sorted(hedges, key=lambda item: -len(item[0]))),
        family_of=family_of,
        max_noun_words=max(len(noun.split()) for noun in family_of),
        currencies=currencies,
        units=frozenset(u.lower() for u in optional_list(raw, "units", path=name, where="(top)")),
        time_units=frozenset(u.lower() for u in optional_list(raw, "time_units", path=name, where="(top)")),
        modifiers=frozenset(m.lower() for m in optional_list(raw, "modifiers", path=name, where="(top)")),
        not_counted=frozenset(w.lower() for w in optional_list(raw, "not_counted", path=name, where="(top)")),
    )


def parse_number(number: str, scale: str | None = None) -> float | None:
    """ "150,000" -> 150000; "1.5", "million" -> 1500000; "thirty thousand" -> 30000."""
    number = number.strip()
    multiplier = 1.0
    if scale:
        multiplier = _SCALES[scale.strip(" -").lower()]
    if number[:1].isdigit():
        return float(number.replace(",", "")) * multiplier
    total, current = 0, 0
    words = [w for w in re.split(r"[\s-]+", number.lower()) if w and w != "and"]
    if not words:
        return None
    for word in words:
        if word == "a":
            current = max(current, 1)
        elif word in _ONES:
            current += _ONES[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in ("thousand", "million", "billion"):
            total += max(current, 1) * _SCALES[word]
            current = 0
        else:
            return None
    return float(total + current) * multiplier


_CLOCK = frozenset({"a.m.", "p.m.", "am", "pm", "gmt", "utc", "cet", "est", "o'clock"})
_NEXT_WORDS = re.compile(r"(?:[A-Za-z]\.){2,}|[\w'’/-]+|[^\w\s]")


def _following_words(text: str, position: int, limit: int = 8) -> list[tuple[int, int, str]]:
    words = []
    for match in _NEXT_WORDS.finditer(text, position):
        words.append((match.start(), match.end(), match.group()))
        if len(words) >= limit:
            break
    return words


def _hedge_before(text: str, start: int, lexicon: FigureLexicon) -> tuple[str | None, int]:
    before = text[max(0, start - 30) : start].lower()
    for phrase, canonical in lexicon.hedges:
        if re.search(rf"(?<![\w]){re.escape(phrase)}\s*$", before):
            return canonical, start - len(before) + before.rstrip().rfind(phrase)
    return None, start


def extract_figures(
    text: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    *,
    lexicon: FigureLexicon | None = None,
    keep_small: bool = False,
) -> list[Figure]:
    """Cited figures in ``text`` (offsets into it), in order. ``keep_small`` also keeps
    small and spelled-out numbers with nothing counted (every quantity, not only figures)."""
    lexicon = lexicon or load_lexicon()
    starts = [s.start for s in sentences]
    figures: list[Figure] = []
    for match in _FIGURE.finditer(text):
        number, scale = match["number"], match["scale"]
        if not number.strip() or number.strip().lower() == "a":
            continue
        value = parse_number(number, scale)
        if value is None:
            continue
        spelled = not number[:1].isdigit()
        start, end = match.start("currency") if match["currency"] else match.start("number"), match.end()
        before = text[max(0, start - 25) : start]
        after = text[end : end + 25]
        if _is_not_a_figure(number, value, before, after, has_scale=bool(scale)):
            continue
        words = _following_words(text, end)
        word_texts = [w[2].lower() for w in words]
        duration = bool(word_texts) and word_texts[0] in lexicon.time_units
        if word_texts[:1] in (["-"], ["–"]) and len(word_texts) > 1 and word_texts[1] in lexicon.time_units:
            duration = True
        if duration and not (keep_small and word_texts[0] not in _CLOCK and "ago" not in word_texts[:3]):
            continue  # a span or a time ("30 years ago", "11 a.m."): not a cited figure
        kind, unit = "count", None
        currency = match["currency"]
        if currency:
            kind, unit = "money", lexicon.currencies.get(currency, currency)
        elif match["percent"]:
            kind, unit = "percent", "%"
        counted_surface, counted, noun_end = _counted(words, lexicon)
        if kind == "count" and counted_surface:
            first = counted_surface.split()[0].lower()
            if first in lexicon.currencies:
                kind, unit = "money", lexicon.currencies[first]
            elif counted_surface.lower() in lexicon.units or first in lexicon.units:
                kind, unit = "measure", first
        if not keep_small and spelled and value < 10 and not scale:
            continue  # "two countries": too common to be a cited figure
        if not keep_small and kind == "count" and not counted and not scale and value < 100:
            continue  # a bare small number with nothing counted is rarely a cited figure
        hedge, hedge_start = _hedge_before(text, start, lexicon)
        fig_start = hedge_start if hedge else start
        fig_end = max(end, noun_end or end)
        sentence_index = max(0, bisect.bisect_right(starts, start) - 1)
        about = _about(text, start, fig_end, sentence_index, sentences, mentions, counted_surface)
        figures.append(
            Figure(
                value=value,
                counted=counted or (unit or ""),
                counted_surface=counted_surface,
                qualifier=hedge,
                about=about,
                kind=kind,
                unit=unit,
                start=fig_start,
                end=fig_end,
                sentence_index=sentence_index,
                surface=text[fig_start:fig_end],
            )
        )
    return figures


def _is_not_a_figure(number: str, value: float, before: str, after: str, *, has_scale: bool) -> bool:
    if (
        re.match(r"\s?(?:st|nd|rd|th)\b", after)
        or re.match(r"[:/]\d", after)
        or re.match(r"-(?:year|month|day)", after)
    ):
        return True  # ordinal, clock time, date or ratio, "45-year-old"
    if re.search(rf"{_MONTHS}\s*$", before) or re.match(rf",?\s*{_MONTHS}", after):
        return True  # "February 10", "10 February"
    if re.match(r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|hrs\b)", after, re.IGNORECASE):
        return True
    if _NAME_BEFORE.search(before) or re.search(r"[A-Za-z]-?$", before):
        return True  # "Article 5", "S-400", "G7", "COVID-19"
    digits = number.replace(",", "")
    if re.fullmatch(r"(?:1[89]|20)\d\d", number) and not has_scale:
        return True  # a year
    if re.search(r"(?:aged|age of)\s*$", before):
        return True
    previous = re.search(r"([A-Z][a-z]+)\s+$", before)
    if previous and "." in digits:
        return True  # "Cold War 2.0"
    if previous and not has_scale and value < 100 and not re.match(r"\s+[a-z]", after):
        return True  # "Minsk 2", "Nord Stream 2"
    return False


def _counted(words: list[tuple[int, int, str]], lexicon: FigureLexicon) -> tuple[str, str, int]:
    """(counted surface, family or head noun, end offset) from the words after a number."""
    index = 0
    if words and words[0][2] in ("-", "–"):
        return "", "", 0
    if words and words[0][2].lower() == "of" and len(words) > 1:
        index = 1  # "$350 million of military assistance", "tens of thousands of troops"
    modifiers_start = index
    while index < len(words) and (
        words[index][2].lower() in lexicon.modifiers or (words[index][2][:1].isupper() and index - modifiers_start < 2)
    ):
        index += 1
    for size in range(lexicon.max_noun_words, 0, -1):
        chunk = words[index : index + size]
        if len(chunk) < size:
            continue
        phrase = " ".join(w[2] for w in chunk).lower()
        if phrase in lexicon.family_of:
            return _join(words[modifiers_start : index + size]), lexicon.family_of[phrase], chunk[-1][1]
    for head_index in dict.fromkeys((index, modifiers_start)):
        if head_index >= len(words):
            continue
        head = words[head_index][2]
        lowered = head.lower()
        if (
            head.isalpha()
            and head.islower()
            and lowered not in lexicon.not_counted
            and lowered not in lexicon.modifiers
        ) or (lowered in lexicon.units or lowered in lexicon.currencies):
            return _join(words[modifiers_start : head_index + 1]), lowered, words[head_index][1]
    return "", "", 0


def _join(words: list[tuple[int, int, str]]) -> str:
    return " ".join(w[2] for w in words)


_PREPOSITION_BEFORE = re.compile(
    r"(?:\b(?:in|into|of|to|near|around|from|at|on|with|against|by|about|for|toward|towards|and)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)


def _about(
    text: str,
    start: int,
    end: int,
    sentence_index: int,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    counted_surface: str,
) -> str | None:
    """The actor a figure describes: an adjective in the counted phrase ("Russian troops"),
    else a possessive in the sentence ("Russia's presence ... 100,000 units"), else the
    nearest actor before it that is not inside a prepositional phrase, else after it."""
    in_sentence = [m for m in mentions if m.sentence_index == sentence_index and m.kind != "person"]
    people = [m for m in mentions if m.sentence_index == sentence_index and m.kind == "person"]
    for mention in in_sentence:
        if start <= mention.start < end and mention.via == "adjective":
            return mention.actor
    for mention in in_sentence:
        if mention.end <= start and re.match(r"[’']s\b", text[mention.end : mention.end + 2]):
            return mention.actor
    sentence_start = sentences[sentence_index].start if sentences else 0

    def free(mention: Mention) -> bool:
        return not _PREPOSITION_BEFORE.search(text[max(sentence_start, mention.start - 20) : mention.start])

    before = [m for m in in_sentence if m.end <= start and free(m)]
    if before:
        return before[-1].actor
    after = [m for m in in_sentence if m.start >= end and free(m)]
    if after:
        return after[0].actor
    if people:
        return people[0].rollup
    return None


# ---- comparison across articles --------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """Figures from several articles that measure the same thing."""

    key: str  # "troops · Russia"
    counted: str
    about: str | None
    kind: str
    values: dict[str, float]  # article id -> the article's representative value
    disagree: bool
    spread: float  # largest / smallest representative value


def measure_key(figure: Figure) -> str:
    about = figure.about or "unknown actor"
    if figure.kind == "money":
        return f"{figure.unit or 'money'} · {about}"
    if figure.kind == "percent":
        return f"% {figure.counted or ''} · {about}".replace("  ", " ")
    return f"{figure.counted or 'count'} · {about}"


def representative(values: Sequence[float]) -> float:
    """The value an article cites most often; ties go to the largest."""
    counts = Counter(values)
    return max(counts, key=lambda value: (counts[value], value))


def compare_figures(by_article: Mapping[str, Sequence[Figure]], *, tolerance: float = 0.10) -> list[Measure]:
    """Group figures by measure across articles. A measure disagrees when the articles'
    representative values differ by more than ``tolerance`` (relative)."""
    groups: dict[str, dict[str, list[float]]] = {}
    meta: dict[str, Figure] = {}
    for article_id, figures in by_article.items():
        for figure in figures:
            key = measure_key(figure)
            groups.setdefault(key, {}).setdefault(article_id, []).append(figure.value)
            meta.setdefault(key, figure)
    measures = []
    for key, per_article in groups.items():
        values = {article_id: representative(vals) for article_id, vals in per_article.items()}
        low, high = min(values.values()), max(values.values())
        spread = high / low if low > 0 else float("inf")
        first = meta[key]
        measures.append(
            Measure(
                key=key,
                counted=first.counted,
                about=first.about,
                kind=first.kind,
                values=values,
                disagree=len(values) > 1 and spread > 1 + tolerance,
                spread=spread,
            )
        )
    return sorted(measures, key=lambda m: (-len(m.values), not m.disagree, m.key))


def extract_quantities(text: str) -> list[Figure]:
    """Every quantity in ``text`` (the NewsQuant task), not only cited figures: small and
    spelled-out numbers, durations and fractions count; dates, years and clock times do not."""
    from lib.actors import find_mentions, load_dictionary
    from lib.text import split_sentences

    sentences = split_sentences(text)
    mentions = find_mentions(text, sentences, load_dictionary())
    figures = extract_figures(text, sentences, mentions, keep_small=True)
    taken = [(f.start, f.end) for f in figures]
    for match in _FRACTION.finditer(text):
        if (
            match["count"] is None
            and match["part"].lower() in ("half", "quarter", "third")
            and not re.search(r"\b(?:a|an|one)\s*$", text[max(0, match.start() - 4) : match.start()])
        ):
            continue  # "the second half", "third quarter": not a quantity
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        count = _COUNTS.get((match["count"] or "a").lower(), 1)
        value = count / _FRACTIONS[match["part"].lower()]
        figures.append(
            Figure(value, "", "", None, None, "fraction", None, match.start(), match.end(), 0, match.group())
        )
    return sorted(figures, key=lambda f: f.start)
