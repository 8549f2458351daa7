"""Numeric figures cited as facts: "more than 150,000 troops", "$350 million", "at least
30,000 Russian troops", "thirty thousand soldiers", "half a million people", "30-40 tanks".

A regular-expression extractor (about 2,300 sentences/s on the 48 shared real articles on
this 2-core machine, furniture masking included; quantulum3 drops the counted noun and the
hedge and misreads "11 a.m."). It keeps the value, the hedge, what is
counted (the head noun, normalised to a family, so "troops" and "units" compare), the kind
(count, money, percent, measure) with its unit kept apart from the counted thing, and the
actor the figure is about.

Not figures: page furniture (URLs, handles, ids, phone numbers, clock times, "24/7",
letter+digit codes such as "G7" or "S-400", "Executive Order 14024", "Resolution 2623"),
dates, years ("since 2014"), ages, spans ("30 years ago"), links' headlines ("...Read
more") and numbers in words that count anything but people, weapons or money.

A range ("30-40", "between 50 and 70", "$3 billion to $5 billion", "30 to 35,000") gives
both ends: the lower with qualifier "from", the upper with "up to"; an elliptical lower end
takes the upper end's scale.

``compare_figures`` groups figures that measure the same thing (same counted thing, same
actor, same unit) and flags where articles close in time disagree.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import combinations
from pathlib import Path

from lib.errors import DataFileError
from lib.resources import data_path, load_yaml, optional_list, require
from lib.text import caption_spans
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
_BIG = ("hundred", "thousand", "million", "billion", "trillion")
_NUMBER_WORDS = sorted([*_ONES, *_TENS, *_BIG], key=len, reverse=True)
_WORD = "|".join([*_NUMBER_WORDS, r"a(?=[\s-]+(?:hundred|thousand|million|billion|trillion))"])
# "and" joins number words only after a scale word: "two hundred and fifty", not "five and six".
_JOIN = r"(?:[\s-]+|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+|(?<=million)\s+and\s+|(?<=billion)\s+and\s+)"
_SPELLED = rf"(?:(?:{_WORD})(?:{_JOIN}(?:{'|'.join(_NUMBER_WORDS)}))*)(?![\w])"
# Thousands grouped by commas, or by a thin, narrow or plain space ("100 000", any language).
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[\u2009\u202f\u00a0 ]\d{3})+(?![\d,])|\d+)(?:\.\d+)?|\.\d+"
# "half a million", "half of a million", "a quarter of a million" (a scale must follow).
_PART = r"(?:(?:a|one)\s+)?half\s+(?:of\s+)?an?|(?:a|one|three)\s+quarters?\s+(?:of\s+)?an?"
_MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_FRACTION = re.compile(
    r"(?<![\w-])(?:(?P<count>a|an|one|two|three|four)[\s-]+)?(?P<part>half|halves|third|thirds|quarter|quarters|fifth|fifths)(?![\w-])",
    re.IGNORECASE,
)
_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5}
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_SCALE = r"(?P<scale>[\s-]?(?i:million|billion|trillion|thousand|hundred|mln|bn|tn)\b|(?:k|K|m|M|bn|b|B)\b)?"
# The two lookaheads after the lookbehind only restate what the pattern needs at its start (a
# currency, or a digit or the first letters of a number word, maybe after a space): most
# positions then fail on one character class instead of trying every number word.
_FIGURE = re.compile(
    r"(?<![\w.,$€£¥₽₴:/])"
    r"(?=[$€£¥₽₴UEG\s\d.]|(?i:[otfsenhmbaq]))"
    r"(?=[$€£¥₽₴UEG]|\s?(?:\d|\.\d|(?i:on|tw|th|fo|fi|si|se|ei|ni|te|el|hu|mi|bi|tr|ha|qu|a[\s-])))"
    r"(?P<currency>US\$|\$|€|£|¥|₽|₴|(?:USD|EUR|GBP)(?=\s?\d))?\s?"
    rf"(?P<number>(?:{_DIGITS}|(?i:{_SPELLED}))(?P<andhalf>\s+and\s+a\s+half)?|(?P<part>(?i:{_PART}))\s+(?=(?i:million|billion|trillion|thousand)))"
    rf"{_SCALE}"
    r"(?P<percent>\s?(?:%|percent\b|per cent\b|per-cent\b))?",
)
# Page furniture: spans whose digits are never figures. They are blanked (same length, so
# offsets hold) before figures are read.
# Page furniture: spans whose digits are never figures. They are blanked (same length, so
# offsets hold) before figures are read. Each pattern runs only when its trigger is in the text
# (one alternation of them all was ten times slower). A pattern that starts with a digit says so
# first ("\d(?<=\b\d)" for "\b\d", "[@#](?<!\w[@#])" for "(?<!\w)[@#]"): the regex engine then
# skips to the characters that can start a match instead of trying every position (same matches).
_FURNITURE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("", re.compile(r"(?:https?://|www\.)\S+")),  # URLs, with the ids inside them ("status/1496...")
    ("", re.compile(r"(?<![\w-])(?:[\w-]+\.)+(?:com|org|net|gov|edu|int|info|io|ua|ru|uk|pl|by|de|fr|eu)\b(?:/\S*)?")),
    ("@", re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),  # e-mail addresses
    ("", re.compile(r"[@#](?<!\w[@#])\w+")),  # handles, hashtags
    ("", re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|(?<![\d,.])\d{3})[\s.-]\d{3}[\s.-]\d{4}\b")),  # phones
    (":", re.compile(r"\d(?<=\b\d)\d?:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?")),  # clock times
    ("", re.compile(r"\d(?<=\b\d)(?:\d{3}-\d{2}-\d{2}\b|\d*(?:[/⁄]\d+)+\b)")),  # ISO dates, "24/7", "10/02/2022"
    (
        "",
        re.compile(r"(?P<code>[A-Z](?<=\b[A-Z])[A-Za-z]*)-?\d+[A-Za-z\d]*\b"),
    ),  # codes: "G7", "S-400", "MH17", "COVID-19"
    ("", re.compile(r"\d(?<=\b\d)\d*[A-Za-z]+\d[A-Za-z\d]*\b")),  # digit+letter+digit codes: "2S19", "9M729"
    ("", re.compile(r"\d(?<![\d,.]\d)\d{8,}(?![\d,.])")),  # long digit strings without separators: ids, not counts
    (
        "=",
        re.compile(r"\((?:[^()=\d]{0,8})1(?:\s*[A-Za-z]{1,8})?\s*=\s*[^()]{1,24}\)"),
    ),  # "($1 = 0.8693 pounds)": a rate note
)
_PHONE_HINT = re.compile(r"\d\d\d[\s.-]\d{4}\b")  # a phone number's trigger
_TLD = re.compile(r"\.(?:com|org|net|gov|edu|int|info|io|ua|ru|uk|pl|by|de|fr|eu)\b")  # a domain's trigger
_READ_MORE = re.compile(r"Read more\b")


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
    not_nouns: frozenset[str] = frozenset()
    verb_endings: tuple[str, ...] = ()
    verb_ending_exceptions: tuple[str, ...] = ()
    spelled_families: frozenset[str] = frozenset()
    one_families: frozenset[str] = frozenset()
    money_families: frozenset[str] = frozenset()
    place_families: frozenset[str] = frozenset()
    ownerless: frozenset[str] = frozenset()  # families no actor owns: "26 countries"
    people_family: str = ""  # what a state's people counted by their demonym are ("100,000 Poles")
    having: re.Pattern[str] = re.compile(r"(?!)")  # "has", "includes" right before the number
    currency_states: dict[str, str] = field(default_factory=dict)
    adjective_suffixes: tuple[str, ...] = ()
    name_words: re.Pattern[str] = re.compile(r"(?!)")
    change_verbs: re.Pattern[str] = re.compile(r"(?!)")
    receipt_verbs: re.Pattern[str] = re.compile(r"(?!)")
    # "send Ukraine", "provide Kyiv with": the actor right after one of these is the recipient
    giving_before: re.Pattern[str] = re.compile(r"(?!)")
    source_verbs: frozenset[str] = frozenset()
    owner_pronouns: frozenset[str] = frozenset()
    max_value: float = 1e13
    # "several hundred", "a few thousand": a vague amount before a bare scale word
    vague: re.Pattern[str] = re.compile(r"(?!)")

    def family(self, phrase: str) -> str | None:
        """The family of a counted noun phrase; a singular finds its plural ("official")."""
        phrase = phrase.lower()
        return self.family_of.get(phrase) or self.family_of.get(phrase + "s") or self.family_of.get(phrase + "es")


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
    families = set(family_of.values())
    for key in ("spelled_families", "one_families", "money_families", "place_families"):
        unknown = set(optional_list(raw, key, path=name, where="(top)")) - families
        if unknown:
            raise DataFileError(name, key, f"names of families (unknown: {', '.join(sorted(unknown))})")
    currency_states = raw.get("currency_states") or {}
    if not isinstance(currency_states, dict) or not set(currency_states) <= set(currencies.values()):
        raise DataFileError(name, "currency_states", "a mapping from currency codes listed under currencies to actors")
    max_value = raw.get("max_value", 1e13)
    if not isinstance(max_value, (int, float)) or max_value <= 0:
        raise DataFileError(name, "max_value", "a positive number")
    names = sorted(optional_list(raw, "name_words", path=name, where="(top)"), key=len, reverse=True)
    name_words = re.compile(rf"(?<![\w.])(?:{'|'.join(map(re.escape, names))})\s*$") if names else re.compile(r"(?!)")
    verbs = optional_list(raw, "change_verbs", path=name, where="(top)")
    change_verbs = re.compile(rf"\b(?:{'|'.join(map(re.escape, verbs))})\s+(?:\S+\s+)?from\s+\S*$", re.IGNORECASE)
    receipts = optional_list(raw, "receipt_verbs", path=name, where="(top)")
    receipt_verbs = re.compile(rf"\b(?:{'|'.join(map(re.escape, receipts))})\b", re.IGNORECASE)
    giving = optional_list(raw, "giving_verbs", path=name, where="(top)")
    has = optional_list(raw, "having_verbs", path=name, where="(top)")
    vague = optional_list(raw, "vague_before_scale", path=name, where="(top)")
    giving_before = re.compile(rf"\b(?:{'|'.join(map(re.escape, giving))})\s+(?:the\s+)?$", re.IGNORECASE)
    return FigureLexicon(
        giving_before=giving_before if giving else re.compile(r"(?!)"),
        change_verbs=change_verbs if verbs else re.compile(r"(?!)"),
        receipt_verbs=receipt_verbs if receipts else re.compile(r"(?!)"),
        hedges=tuple(sorted(hedges, key=lambda item: -len(item[0]))),
        family_of=family_of,
        max_noun_words=max(len(noun.split()) for noun in family_of),
        currencies=currencies,
        units=frozenset(u.lower() for u in optional_list(raw, "units", path=name, where="(top)")),
        time_units=frozenset(u.lower() for u in optional_list(raw, "time_units", path=name, where="(top)")),
        modifiers=frozenset(m.lower() for m in optional_list(raw, "modifiers", path=name, where="(top)")),
        not_counted=frozenset(w.lower() for w in optional_list(raw, "not_counted", path=name, where="(top)")),
        not_nouns=frozenset(w.lower() for w in optional_list(raw, "not_nouns", path=name, where="(top)")),
        verb_endings=tuple(optional_list(raw, "verb_endings", path=name, where="(top)")),
        verb_ending_exceptions=tuple(optional_list(raw, "verb_ending_exceptions", path=name, where="(top)")),
        spelled_families=frozenset(optional_list(raw, "spelled_families", path=name, where="(top)")),
        one_families=frozenset(optional_list(raw, "one_families", path=name, where="(top)")),
        money_families=frozenset(optional_list(raw, "money_families", path=name, where="(top)")),
        place_families=frozenset(optional_list(raw, "place_families", path=name, where="(top)")),
        ownerless=frozenset(w.lower() for w in optional_list(raw, "ownerless", path=name, where="(top)")),
        people_family=str(raw.get("people_family") or ""),
        having=re.compile(rf"\s(?:{'|'.join(map(re.escape, has))})\s+$", re.IGNORECASE) if has else re.compile(r"(?!)"),
        vague=re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, vague))})\s+$", re.IGNORECASE)
        if vague
        else re.compile(r"(?!)"),
        currency_states={str(k): str(v) for k, v in currency_states.items()},
        adjective_suffixes=tuple(optional_list(raw, "adjective_suffixes", path=name, where="(top)")),
        name_words=name_words,
        source_verbs=frozenset(w.lower() for w in optional_list(raw, "source_verbs", path=name, where="(top)")),
        owner_pronouns=frozenset(w.lower() for w in optional_list(raw, "owner_pronouns", path=name, where="(top)")),
        max_value=float(max_value),
    )


def parse_number(number: str, scale: str | None = None) -> float | None:
    """ "150,000" -> 150000; "100 000" -> 100000; "1.5", "million" -> 1500000;
    "thirty thousand" -> 30000; "one and a half", "trillion" -> 1.5e12; "half a", "million" -> 500000."""
    number = number.strip()
    multiplier = 1.0
    if scale:
        multiplier = _SCALES[scale.strip(" -").lower()]
    half = re.search(r"\s+and\s+a\s+half$", number, re.IGNORECASE)
    extra = 0.5 if half else 0.0
    if half:
        number = number[: half.start()]
    part = re.fullmatch(r"(?:(a|one|three)\s+)?(half|quarters?)\s+(?:of\s+)?an?", number, re.IGNORECASE)
    if part:
        count = 3 if (part[1] or "").lower() == "three" else 1
        return count / (2 if part[2].lower() == "half" else 4) * multiplier
    if number[:1].isdigit() or number[:1] == ".":
        return (float(re.sub(r"[,\s\u2009\u202f\u00a0]", "", number)) + extra) * multiplier
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
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
        else:
            return None
    return (float(total + current) + extra) * multiplier


_CLOCK = frozenset({"a.m.", "p.m.", "am", "pm", "gmt", "utc", "cet", "est", "o'clock"})
_NEXT_WORDS = re.compile(r"(?:[A-Za-z]\.){2,}|[\w'’/-]+|[^\w\s]")


def _following_words(text: str, position: int, limit: int = 8) -> list[tuple[int, int, str]]:
    words = []
    for match in _NEXT_WORDS.finditer(text, position):
        words.append((match.start(), match.end(), match.group()))
        if len(words) >= limit:
            break
    return words


@lru_cache(maxsize=4096)
def _ending_in(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w]){re.escape(phrase)}\s*$")


def _hedge_before(text: str, start: int, lexicon: FigureLexicon) -> tuple[str | None, int]:
    before = text[max(0, start - 30) : start].lower()
    stripped = before.rstrip()
    for phrase, canonical in lexicon.hedges:
        # The text must end in the phrase (and spaces) for the pattern to match: checked first.
        if stripped.endswith(phrase.rstrip()) and _ending_in(phrase).search(before):
            return canonical, start - len(before) + stripped.rfind(phrase)
    return None, start


def mask_furniture(text: str, lexicon: FigureLexicon | None = None) -> str:
    """``text`` with page furniture (URLs, ids, handles, phone numbers, clock times, codes)
    blanked out, same length, so that offsets still point into ``text``."""
    lexicon = lexicon or load_lexicon()

    def blank(match: re.Match[str]) -> str:
        code = match.groupdict().get("code")
        if code and code.lower() in lexicon.currencies:
            return match.group()  # "EUR50m" is money
        return re.sub(r"\S", "x", match.group())

    for trigger, pattern in _FURNITURE:
        if trigger not in text:
            continue
        if (
            (pattern is _FURNITURE[0][1] and "://" not in text and "www." not in text)
            or (pattern is _FURNITURE[1][1] and not _TLD.search(text))
            or (pattern is _FURNITURE[3][1] and "@" not in text and "#" not in text)
            or (pattern is _FURNITURE[4][1] and not _PHONE_HINT.search(text))
        ):
            continue
        text = pattern.sub(blank, text)
    return text


@dataclass(frozen=True)
class _Raw:
    """A number as read, before it is judged a figure."""

    value: float
    start: int  # of the currency or the number
    end: int
    number_start: int
    spelled: bool
    scale: str | None
    currency: str | None
    percent: bool


def _read_numbers(masked: str, lexicon: FigureLexicon) -> list[_Raw]:
    out = []
    for match in _FIGURE.finditer(masked):
        number, scale = match["number"], match["scale"]
        if match["part"] and not scale:
            continue
        if not number.strip() or number.strip().lower() == "a":
            continue
        if set(re.split(r"[\s-]+", number.strip().lower())) <= set(_BIG) and lexicon.vague.search(
            masked, max(0, match.start() - 12), match.start()
        ):
            continue  # "several hundred square kilometers": a vague amount, no number
        value = parse_number(number, scale)
        if value is None:
            continue
        if re.search(r"\bminus[\s-]$", masked[max(0, match.start() - 6) : match.start()], re.IGNORECASE):
            value = -value
        start = match.start("currency") if match["currency"] else match.start("number")
        out.append(
            _Raw(
                value=value,
                start=start,
                end=match.end(),
                number_start=match.start("number"),
                spelled=not (number[:1].isdigit() or number[:1] == "."),
                scale=scale,
                currency=match["currency"].strip() if match["currency"] else None,
                percent=bool(match["percent"]),
            )
        )
    return out


_RANGE_GAP = re.compile(r"\s*(?:[-–—]|-?to-?|and)\s*", re.IGNORECASE)


def _ranges(masked: str, numbers: list[_Raw], lexicon: FigureLexicon) -> tuple[dict[int, int], dict[int, int]]:
    """Index of a range's lower end -> index of its upper end: "30-40", "30 to 40",
    "between 30 and 40", "from $3 billion to $5 billion"; and the same for changes ("rose from
    60 to 71 percent": two values, the first read in the second's unit)."""
    pairs: dict[int, int] = {}
    changes: dict[int, int] = {}
    for index in range(len(numbers) - 1):
        low, high = numbers[index], numbers[index + 1]
        gap = masked[low.end : high.start]
        if not _RANGE_GAP.fullmatch(gap) or _scaled(low, high) >= high.value:
            continue
        if re.fullmatch(r"\s*to\s*", gap) and lexicon.change_verbs.search(masked[max(0, low.start - 40) : low.start]):
            changes[index] = index + 1  # "grew from 60 to 71 percent": a change, two values
            continue
        if "and" in gap.lower() and not re.search(
            r"\bbetween\s+(?:\S+\s+){0,2}$", masked[max(0, low.start - 30) : low.start], re.IGNORECASE
        ):
            continue  # "5 and 6" is a range only after "between"
        pairs[index] = index + 1
    return pairs, changes


def _scaled(low: _Raw, high: _Raw) -> float:
    """The lower end of a range read with the upper end's scale when it has none:
    "$89 to $93 billion" -> 89e9; "30 to 35,000" -> 30,000."""
    value = low.value
    if low.scale is None and high.scale is not None:
        value = value * _SCALES[high.scale.strip(" -").lower()]
    elif low.scale is None and not low.spelled and high.value >= 1000 and value * 1000 <= high.value < value * 10_000:
        value = value * 1000
    return value


def extract_figures(
    text: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    *,
    lexicon: FigureLexicon | None = None,
    keep_small: bool = False,
    captions: Sequence[tuple[int, int]] | None = None,
) -> list[Figure]:
    """Cited figures in ``text`` (offsets into it), in order. ``keep_small`` also keeps
    small and spelled-out numbers with nothing counted (every quantity, not only figures);
    ``captions`` are the text's photo captions when the caller has them (else found here)."""
    lexicon = lexicon or load_lexicon()
    masked = mask_furniture(text, lexicon)
    for c_start, c_end in caption_spans(text, sentences) if captions is None else captions:
        # a photo caption's numbers ("… June 5, 2019") are no figures the article cites
        masked = masked[:c_start] + re.sub(r"\S", "x", masked[c_start:c_end]) + masked[c_end:]
    starts = [s.start for s in sentences]
    numbers = _read_numbers(masked, lexicon)
    ranges, changes = _ranges(masked, numbers, lexicon)
    uppers = {high: low for low, high in ranges.items()}
    figures: list[Figure] = []
    for index, raw in enumerate(numbers):
        value, start, end = raw.value, raw.start, raw.end
        # A range's lower end shares the upper end's scale, currency, percent and counted noun.
        partner = numbers[ranges[index]] if index in ranges else None
        if partner is not None:
            value = _scaled(raw, partner)
        changed_to = numbers[changes[index]] if index in changes else None
        if changed_to is not None:
            value = _scaled(raw, changed_to)
        shape = partner or changed_to or raw
        look_end = (partner or changed_to or raw).end
        if not (abs(value) < lexicon.max_value):
            continue  # an id or a code, not a figure
        before = masked[max(0, start - 25) : start]
        after = masked[end : end + 25]
        if _is_not_a_figure(masked, raw, before, after, lexicon, keep_small=keep_small):
            continue
        if index in uppers:  # a range stands or falls with its lower end ("aged between 16 and 60")
            low = numbers[uppers[index]]
            low_before, low_after = masked[max(0, low.start - 25) : low.start], masked[low.end : low.end + 25]
            if _is_not_a_figure(masked, low, low_before, low_after, lexicon, keep_small=keep_small):
                continue
        if _in_link_headline(masked, end):
            continue
        words = _following_words(masked, look_end)
        word_texts = [w[2].lower() for w in words]
        duration = bool(word_texts) and word_texts[0] in lexicon.time_units
        if word_texts[:1] in (["-"], ["–"]) and len(word_texts) > 1 and word_texts[1] in lexicon.time_units:
            duration = True
        if duration and not (keep_small and word_texts[0] not in _CLOCK and "ago" not in word_texts[:3]):
            continue  # a span or a time ("30 years ago", "11 a.m."): not a cited figure
        kind, unit = "count", None
        currency = shape.currency or raw.currency
        if currency:
            kind, unit = "money", lexicon.currencies.get(currency.lower() if currency.isalpha() else currency, currency)
        elif shape.percent or raw.percent:
            kind, unit = "percent", "%"
        counted_surface, counted, noun_end = _counted(words, lexicon, money=kind == "money")
        currency_word = ""
        if kind == "count" and counted_surface:
            first = counted_surface.split()[0].lower()
            if first in lexicon.currencies:
                kind, unit = "money", lexicon.currencies[first]
                currency_word = words[0][2]
                counted_surface, counted, noun_end = _counted(words[1:], lexicon, money=True)
                noun_end = noun_end or words[0][1]
            elif counted_surface.lower() in lexicon.units or first in lexicon.units:
                kind, unit = "measure", first
            elif counted in lexicon.units:
                kind, unit = "measure", counted  # "300-kilometer": the unit in the plural the list has
            elif f"{first}s" in lexicon.units and len(counted_surface.split()) == 1:
                kind, unit = "measure", f"{first}s"  # "a 300 kilometer (186-mile) border"
        if kind == "percent":
            counted_surface, counted, noun_end = _percent_of(words, lexicon)
        elif kind == "count" and words and (not counted_surface or counted_surface.split()[0] == words[0][2]):
            # "100,000 Poles", "12 million Russians currently": a state's people, counted by their demonym
            people = next((m for m in mentions if m.start == words[0][0] and m.via == "adjective"), None)
            if people is not None and people.end == words[0][1] and people.surface.endswith("s"):
                counted_surface, counted, noun_end = people.surface, lexicon.people_family, people.end
        if not keep_small and raw.spelled and not raw.scale and value < 100 and kind != "money":
            family = lexicon.family(counted) or counted
            allowed = lexicon.one_families if value == 1 else lexicon.spelled_families
            if family not in allowed or re.match(r"\s+of\b", masked[end : end + 5]):
                continue  # "two countries", "one of its jets": words count only people, weapons or money
        owner_at = -1
        if kind in ("count", "money") and not counted_surface:
            found = _counted_before(
                masked, start, sentences, starts, lexicon, lexicon.money_families if kind == "money" else None
            )
            small = kind == "count" and not shape.scale and partner is None and index not in uppers and abs(value) < 100
            if not keep_small and small and not found[3]:
                continue  # a bare small number with nothing counted is rarely a cited figure
            if found[0] and (not small or found[3]):
                counted_surface, counted, owner_at = found[0], found[1], found[2]
        if kind == "money" and currency_word:
            counted_surface = f"{currency_word} {counted_surface}".strip()
        hedge, hedge_start = _hedge_before(masked, start, lexicon)
        if partner is not None:
            hedge = "from"
        elif index in uppers:
            hedge = "up to"
            low = numbers[uppers[index]]
            hedge_start = low.start
        fig_start = hedge_start if hedge and hedge_start < start else start
        if partner is not None:
            fig_start = start
        fig_end = max(end, noun_end or end)
        sentence_index = max(0, bisect.bisect_right(starts, start) - 1)
        if (
            not keep_small
            and kind in ("money", "measure")
            and figures
            and figures[-1].kind == kind
            and (_CONVERSION_GAP.fullmatch(masked, figures[-1].end, fig_start))
        ):
            continue  # "229 billion kroner ($24 billion)", "53 kilometers (33 miles)": the same figure restated
        owner = [m for m in mentions if owner_at >= 0 and 0 <= owner_at - m.end <= 2 and m.via != "pronoun"]
        if owner and counted == "aid" and not _POSSESSIVE.match(text[owner[0].end : owner[0].end + 2]):
            owner = []  # "Ukrainian aid", "Ukraine aid": whom it goes to ("Germany's aid" is the giver's)
        # A price ("$100 a barrel") belongs to a market, not to the actor named near it: only an
        # actor inside the phrase or its owner ("Russia's $600bn") is what it is about.
        price = kind == "money" and counted_surface.lower().startswith(("a ", "an ", "per "))
        ownerless = counted in lexicon.ownerless
        if not owner and ownerless:
            # "26 countries": no actor's unless inside the phrase, its owner, or the subject that has
            # them right before the number ("Nato has 30 member states")
            having = lexicon.having.search(text, max(0, start - 30), start)
            owner = [m for m in mentions if having and 0 <= having.start() - m.end <= 1 and m.via != "pronoun"]
        about: str | None = owner[0].rollup if owner else _about(
            text, start, fig_end, sentence_index, sentences, mentions, counted_surface,
            money=kind == "money", place=counted in lexicon.place_families, percent=kind == "percent",
            lexicon=lexicon, price=price, ownerless=ownerless,
        )  # fmt: skip
        if about is None and not price:  # the same number of the same thing cited earlier is about the same actor
            about = next((f.about for f in reversed(figures) if f.value == value and f.counted == counted), None)
        if about is None and kind == "money" and not price:
            if counted_surface.lower() in lexicon.currencies and unit in lexicon.currency_states:
                about = lexicon.currency_states[unit]  # "200 rubles to the dollar": the currency's state
            else:
                about = _previous_provider(figures, sentence_index)
        figures.append(
            Figure(
                value=value,
                counted=counted,
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


def _previous_provider(figures: Sequence[Figure], sentence_index: int, *, within: int = 5) -> str | None:
    """The actor of the last money figure a few sentences back: "Harris announced an additional
    $53 million ... That brings the total to $107 million"."""
    for figure in reversed(figures):
        if sentence_index - figure.sentence_index > within:
            break
        if figure.kind == "money" and figure.about:
            return figure.about
    return None


# What _is_not_a_figure looks for around a number, compiled once.
_ORDINAL_AFTER = re.compile(r"\s?(?:st|nd|rd|th)\b")
_RATIO_AFTER = re.compile(r"[:/]\d")
_PERIOD_AFTER = re.compile(r"-(?:year|month|day|week)")
_OLD_AFTER = re.compile(r"-\w+-old")
_COMPOUND_AFTER = re.compile(r"-[a-z]")
_CAPITAL_AFTER = re.compile(r"[A-Z][a-z]")
_MONTH_BEFORE = re.compile(rf"{_MONTHS}\s*$")
_MONTH_AFTER = re.compile(rf",?\s*{_MONTHS}")
_CLOCK_AFTER = re.compile(r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|hrs\b)", re.IGNORECASE)
_CODE_BEFORE = re.compile(r"[A-Za-z]-$")
_NOT_CODE_BEFORE = re.compile(r"\b(?:minus|to|sub|over|under)-$", re.I)
_LETTER_BEFORE = re.compile(r"[A-Za-z]$")
_BRACKET_BEFORE = re.compile(r"\(\s*$")
# Between a figure and the same figure in another currency or unit, in brackets right after it.
_CONVERSION_GAP = re.compile(r"\s*\(\s*(?:[$£€¥]|US\$)?\s*")
_BRACKET_AFTER = re.compile(r"\s*\)")
_SEPARATORS = re.compile(r"[,\s]")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_AGE_BEFORE = re.compile(r"\b(?:aged?|ages)(?:\s+(?:between|from|of|over|under))?\s*$", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"([A-Z][\w]+)\s+$")
_LOWER_AFTER = re.compile(r"\s+[a-z]")


def _is_not_a_figure(
    masked: str, raw: _Raw, before: str, after: str, lexicon: FigureLexicon, *, keep_small: bool
) -> bool:
    number = masked[raw.number_start : raw.end]
    if (
        _ORDINAL_AFTER.match(after)
        or _RATIO_AFTER.match(after)
        or (_PERIOD_AFTER.match(after) and not (keep_small and not _OLD_AFTER.match(after)))
    ):
        return True  # ordinal, clock time, date or ratio, "45-year-old"
    if raw.spelled and _COMPOUND_AFTER.match(after) and not keep_small:
        return True  # "four-star", "a six-point plan": a compound adjective, not a count
    if _CAPITAL_AFTER.match(after):
        return True  # glued to a capitalised word: a timestamp or a code ("00:31Ukraine war")
    if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
        return True  # "February 10", "10 February"
    if _CLOCK_AFTER.match(after):
        return True
    code_before = _CODE_BEFORE.search(before) and not _NOT_CODE_BEFORE.search(before)
    if lexicon.name_words.search(before) or code_before or _LETTER_BEFORE.search(before):
        return True  # "Article 5", "Executive Order 14024", "S-400"
    if _BRACKET_BEFORE.search(before) and _BRACKET_AFTER.match(after) and not raw.scale and raw.value < 100:
        return True  # "(4)": a shirt number or a list marker
    digits = _SEPARATORS.sub("", number)
    if _YEAR.fullmatch(number.strip()) and not raw.scale and not raw.currency and not raw.percent:
        return True  # a year
    if _AGE_BEFORE.search(before):
        return True
    previous = _NAME_BEFORE.search(before)
    if previous and "." in digits and not raw.currency:
        return True  # "Cold War 2.0"
    if previous and not raw.scale and not raw.currency and raw.value < 100 and not _LOWER_AFTER.match(after):
        return True  # "Minsk 2", "BBC One"
    return False


def _in_link_headline(masked: str, end: int) -> bool:
    """The headline of a link ("'Ninety per cent of houses are damaged': ... townsRead more"):
    "Read more" follows in the same line with no sentence end in between."""
    line_end = masked.find("\n", end)
    tail = masked[end : line_end if line_end >= 0 else end + 300][:300]
    link = _READ_MORE.search(tail)
    return link is not None and not re.search(r"[.!?][\"”’']?\s", tail[: link.start()])


def _adjective_like(word: str, lexicon: FigureLexicon) -> bool:
    lowered = word.lower()
    if lowered in lexicon.not_counted:
        return False
    return (
        lowered in lexicon.modifiers
        or (word[:1].isupper() and word.isalpha())
        or ("-" in word and word.replace("-", "").isalpha())
        or (word.isalpha() and word.islower() and lowered.endswith(lexicon.adjective_suffixes))
    )


def _verb_like(lowered: str, lexicon: FigureLexicon) -> bool:
    """A verb form by its ending ("accused", "added"), not a counted noun on its own."""
    return (
        len(lowered) > 4
        and lowered.endswith(lexicon.verb_endings)
        and not lowered.endswith(lexicon.verb_ending_exceptions)
        and lexicon.family(lowered) is None
        and lowered not in lexicon.units
    )


def _counted(words: list[tuple[int, int, str]], lexicon: FigureLexicon, *, money: bool = False) -> tuple[str, str, int]:
    """(counted surface, family or head noun, end offset) from the words after a number.
    The head is a family noun after up to three adjectives ("three retired four-star
    American generals"), else the first noun, or the second of a compound ("47 family
    members"). Money may name its purpose after "in", "of" or "for" ("$2bn in military aid")."""
    while words and words[0][2] in ("”", '"', "’", "'"):
        words = words[1:]  # 'contacted by "at least 20" people'
    index = 0
    if words and words[0][2][:1] in ("-", "–"):
        # "a 300-kilometer border", "a 40-mile convoy": a distance, in the unit joined to the number
        unit = words[0][2][1:].lower()
        plural = unit if unit in lexicon.units else unit + "s" if unit + "s" in lexicon.units else ""
        if plural:
            return words[0][2][1:], plural, words[0][1]
        if words[0][2] in ("-", "–"):
            return "", "", 0
    if words and words[0][2].lower() == "of" and len(words) > 1:
        index = 1  # "$350 million of military assistance", "47 of their family members"
        if len(words) > 2 and (
            words[1][2].lower() in lexicon.owner_pronouns or words[1][2].lower() in ("these", "those", "the")
        ):
            index = 2  # "44 million of these kits"
    elif money and words and words[0][2].lower() in ("in", "for") and len(words) > 1:
        index = 1
    elif (
        money
        and len(words) > 1
        and words[0][2].lower() in ("a", "an", "per")
        and words[1][2].isalpha()
        and f"{words[0][2]} {words[1][2]}".lower() not in lexicon.not_counted  # "$93 billion a year": a rate
    ):
        # "$100 a barrel", "$4 per gallon": a price, counted per the unit after it
        return _join(words[:2]), words[1][2].lower(), words[1][1]
    modifiers_start = index
    # A family noun after adjectives.
    for offset in range(5):
        position = index + offset
        for size in range(lexicon.max_noun_words, 0, -1):
            chunk = words[position : position + size]
            if len(chunk) < size:
                continue
            phrase = " ".join(w[2] for w in chunk).lower()
            family = lexicon.family(phrase)
            following = words[position + size][2] if position + size < len(words) else ""
            singular_before_noun = phrase not in lexicon.family_of and following.isalpha() and following.islower()
            # "24 military and terrorist events": a singular before a plural noun is its modifier
            modifier = not phrase.endswith("s") and _plural_noun(following, lexicon)
            if (
                family
                and not (size == 1 and phrase in lexicon.not_counted)
                and not singular_before_noun
                and not modifier
            ):
                return _join(words[modifiers_start : position + size]), family, chunk[-1][1]
        if position >= len(words):
            break
        word = words[position][2]
        if not (_adjective_like(word, lexicon) or (offset and word.lower() in ("and", "or", ","))):
            lowered = word.lower()
            if (
                offset
                and word.isalpha()
                and word.islower()
                and lowered not in lexicon.not_counted
                and lowered not in lexicon.not_nouns
            ):
                # the noun after adjectives: "24 military and civilian sites"; after a run of names
                # ("4 Wing Cold Lake air base") the number is part of a name, counting nothing
                if sum(w[2][:1].isupper() for w in words[modifiers_start:position]) >= 2:
                    break
                after = words[position + 1] if position + 1 < len(words) else None
                if after is not None and not lowered.endswith("s") and _plural_noun(after[2], lexicon):
                    return _join(words[modifiers_start : position + 2]), after[2], after[1]
                return _join(words[modifiers_start : position + 1]), word.lower(), words[position][1]
            break
    while index < len(words) and (
        words[index][2].lower() in lexicon.modifiers or (words[index][2][:1].isupper() and index - modifiers_start < 2)
    ):
        index += 1
    for head_index in dict.fromkeys((index, modifiers_start)):
        if head_index >= len(words):
            continue
        head = words[head_index][2]
        lowered = head.lower()
        if lowered in lexicon.units or lowered in lexicon.currencies:
            return _join(words[modifiers_start : head_index + 1]), lowered, words[head_index][1]
        if (
            head.isalpha()
            and head.islower()
            and lowered not in lexicon.not_counted
            and lowered not in lexicon.not_nouns
            and lowered not in lexicon.modifiers
        ):
            following = words[head_index + 1][2] if head_index + 1 < len(words) else ""
            if (
                following.isalpha()
                and following.islower()
                and following.endswith("s")
                and not lowered.endswith("s")
                and following not in lexicon.not_counted
                and following not in ("was", "has", "is", "does", "this", "thus", "its", "his")
            ):
                return _join(words[modifiers_start : head_index + 2]), following, words[head_index + 1][1]
            if _verb_like(lowered, lexicon):
                continue  # "12 accused", "300 added to the list": a verb counts nothing named
            return _join(words[modifiers_start : head_index + 1]), lowered, words[head_index][1]
    return "", "", 0


def _plural_noun(word: str, lexicon: FigureLexicon) -> bool:
    """A lower-case word that reads as a plural noun ("events", "sites"), not a verb form."""
    return (
        word.isalpha()
        and word.islower()
        and len(word) > 3
        and word.endswith("s")
        and not word.endswith("ss")
        and word not in lexicon.not_counted
        and word not in lexicon.not_nouns
        and word not in ("was", "has", "is", "does", "this", "thus", "its", "his", "as", "us")
    )


def _percent_of(words: list[tuple[int, int, str]], lexicon: FigureLexicon) -> tuple[str, str, int]:
    """A percentage counts "percent"; what it is a share of ("60% of Russia's foreign
    reserves") is kept in the surface, never a second "%"."""
    if len(words) > 1 and words[0][2].lower() == "of":
        index = 1
        while index < len(words) and (
            words[index][2].lower() in ("the", "a", "an", "its", "their", "his", "her")
            or re.fullmatch(r"\w+[’']s", words[index][2])
        ):
            index += 1
        money = False
        while index < len(words) and (
            words[index][2] in lexicon.currencies
            or re.fullmatch(r"[\d.,]+(?:bn|m|k|tn)?", words[index][2])
            or words[index][2].lower() in _SCALES
        ):
            index, money = index + 1, True  # "60% of Russia's $600bn of foreign reserves": a share of the reserves
        surface, _, end = _counted(words[index:], lexicon, money=money)
        if surface and surface not in lexicon.currencies:
            return f"percent of {surface}", "percent", end
    return "percent", "percent", 0


def _counted_before(
    masked: str,
    start: int,
    sentences: Sequence[Sentence],
    starts: list[int],
    lexicon: FigureLexicon,
    families: frozenset[str] | None = None,
) -> tuple[str, str, int, bool]:
    """A bare number's counted thing named earlier in its sentence ("The number of UK
    citizens ... is estimated at upwards of 6,000"; "368,000 people have fled ..., with as
    many as 4.5 million to follow"; "raised the death toll ... to 47"): the last family noun
    before it (of ``families`` when given). Returns (surface, family, offset of the surface,
    whether it is a tally: a toll, "the number of", "the total")."""
    sentence_index = max(0, bisect.bisect_right(starts, start) - 1)
    sentence_start = sentences[sentence_index].start if sentences else max(0, start - 200)
    offset = max(sentence_start, start - 200)
    prefix = masked[offset:start].lower()
    best: tuple[int, str, str] | None = None
    tally_best: tuple[int, str, str] | None = None
    tokens = list(re.finditer(r"[a-z][a-z'’-]*", prefix))
    for position, token in enumerate(tokens):
        candidates = [(token.group(), token.start())]
        if position:
            candidates.insert(0, (f"{tokens[position - 1].group()} {token.group()}", tokens[position - 1].start()))
        for phrase, phrase_start in candidates:
            family = lexicon.family(phrase)
            if family and phrase not in lexicon.not_counted and (families is None or family in families):
                best = (phrase_start, phrase, family)
                if phrase.endswith("toll") or re.search(
                    r"\b(?:number|total|tally|count)\s+of\s+(?:[\w-]+\s+){0,2}$", prefix[:phrase_start]
                ):
                    tally_best = best  # a tally names what the number counts, whatever comes between
                break
    if best is None:
        return "", "", -1, False
    phrase_start, phrase, family = tally_best or best
    return phrase, family, offset + phrase_start, tally_best is not None


def _join(words: list[tuple[int, int, str]]) -> str:
    return " ".join(w[2] for w in words)


_PREPOSITION_BEFORE = re.compile(
    r"(?:\b(?:in|into|of|to|near|around|from|at|on|with|against|by|about|for|toward|towards|and|according to)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
_LINKED = re.compile(r"-(?:backed|led|occupied|controlled|held|based|allied|friendly)\b", re.IGNORECASE)
_NOBODY = ""  # an owner was found and it is no actor ("his two little children")


def _about(
    text: str,
    start: int,
    end: int,
    sentence_index: int,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    counted_surface: str,
    *,
    money: bool = False,
    place: bool = False,
    percent: bool = False,
    lexicon: FigureLexicon | None = None,
    price: bool = False,
    ownerless: bool = False,
) -> str | None:
    """The actor whose people, forces, money or equipment a figure counts (the provider for aid):

    1. an actor named inside the figure's phrase ("8,500 U.S. troops", "Russia's $600bn");
    2. the nearest owner before it in the phrase ("Russia's troops", "his country's troops":
       the state of the person named last; "his two children": a private person, nobody);
    3. for a percentage, the owner of what it is a share of ("60% of Russia's reserves");
    4. the first possessive earlier in the sentence ("Russia's presence ... with 100,000 units");
    5. for people, the place after it ("20 people ... in Australia");
    6. the nearest actor before it that is not a source ("the UN said"; for money the source
       is the provider), not inside a prepositional phrase ("to Ukraine": the recipient; for
       money "from X" is the provider) and not a qualifier ("Moscow-backed");
    7. else the nearest such actor after it; for victims and refugees, the state the article
       mentions most.

    A price and what no actor owns (``ownerless``: "26 countries") stop after step 2."""
    lexicon = lexicon or load_lexicon()
    # A person who speaks for no state or organisation (not in the dictionary) owns no troops or money.
    mentions = [m for m in mentions if not (m.kind == "person" and m.rollup == m.actor)]
    in_sentence = [m for m in mentions if m.sentence_index == sentence_index]
    sentence_start = sentences[sentence_index].start if sentences else 0
    for mention in in_sentence:
        if (
            start <= mention.start < end
            and not _LINKED.match(text[mention.end : mention.end + 12])
            and not (money and _aid_after(text[mention.end : mention.end + 40], lexicon))
        ):
            return mention.rollup
    owner = _owner_before(text, start, sentence_start, mentions, lexicon)
    if owner is not None:
        return owner or None
    if price or ownerless:
        return None  # a market price, or countries: no actor nearby owns them
    if percent:
        share = re.match(r"\s*(?:%|percent|per cent)?\s+of\s+(?:the\s+)?", text[end : end + 30])
        for mention in in_sentence:
            if share and mention.start == end + share.end():
                return mention.rollup
    for mention in in_sentence:
        if mention.end <= start and re.match(r"[’']s\b", text[mention.end : mention.end + 2]):
            return mention.rollup
    if not place and lexicon.receipt_verbs.search(text[max(sentence_start, start - 40) : start]):
        for mention in in_sentence:  # "Ukraine received 17,000 anti-tank weapons from the US": the provider
            gap = text[end : mention.start]
            if (
                0 <= mention.start - end <= 60
                and re.search(r"\bfrom\s+(?:the\s+)?$", gap)
                and not re.search(r"[.;:]", gap)
            ):
                return mention.rollup
    if place and not money:
        for mention in in_sentence:
            gap = text[end : mention.start]
            if (
                0 <= mention.start - end <= 60
                and re.search(r"\b(?:in|inside|across|from|of)\s+(?:the\s+)?$", gap)
                and not re.search(r"[.;:]", gap)
            ):
                return mention.rollup

    def free(mention: Mention) -> bool:
        before = text[max(sentence_start, mention.start - 20) : mention.start]
        after = text[mention.end : mention.end + 40]
        if _LINKED.match(after):
            return False
        if not place and lexicon.giving_before.search(before):
            return False  # "pledged to send Ukraine 6,000 missiles": the recipient, not the provider
        if money and _aid_after(after, lexicon):
            return False  # "Ukrainian aid", "Ukraine military aid … $1 billion": the recipient
        if _PREPOSITION_BEFORE.search(before):
            preposition = before.split()[-1].lower() if before.split() else ""
            if not ((money and preposition == "from") or (percent and preposition in ("of", "in", "among"))):
                return False
        if not place:
            return True  # the one who tells of troops or money is mostly the one who has them
        if mention.via == "adjective":
            return False  # "Russian troops entered his city of 500,000 people": not whose people they are
        following = re.findall(r"[A-Za-z]+", text[mention.end : mention.end + 60])[:6]
        return not any(word.lower() in lexicon.source_verbs for word in following)

    before = [m for m in in_sentence if m.end <= start and free(m)]
    subject = [m for m in before if re.match(r"\s*[-–—,]\s*(?:which|who)\b", text[m.end : m.end + 12])]
    if subject and not place and not re.search(r"[.;:]", text[subject[0].end : start]):
        return subject[0].rollup  # the subject of a relative clause: "Russia - which ... Ukraine, ... 100,000 troops"
    if before:
        return before[-1].rollup
    after = [m for m in in_sentence if m.start >= end and free(m) and m.kind != "person"]
    if after:
        return after[0].rollup
    if place:
        places = Counter(
            m.rollup
            for m in mentions
            if m.kind == "state"
            and re.search(r"\b(?:in|across|inside|of|into)\s+$", text[max(0, m.start - 8) : m.start])
        )
        states = places or Counter(m.rollup for m in mentions if m.kind == "state")
        if states:
            return states.most_common(1)[0][0]
    return None


_POSSESSIVE = re.compile(r"[’']s\b")


def _aid_after(after: str, lexicon: FigureLexicon) -> bool:
    """Whether an actor's name or adjective is followed by a noun of aid ("Ukrainian aid",
    "Ukraine military assistance"): the aid goes to that actor."""
    words = re.findall(r"[a-z]+", after.lower()[:30])[:2]
    return any(lexicon.family_of.get(" ".join(words[:n])) == "aid" for n in (1, 2) if len(words) >= n)


@lru_cache(maxsize=4)
def _owner_pronoun(pronouns: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(sorted(pronouns))
    return re.compile(
        rf"\b({alternatives})(\s+(?:country|nation|state|government)[’']s)?\s+(?:[\w-]+\s+){{0,2}}$", re.IGNORECASE
    )


def _owner_before(
    text: str, start: int, sentence_start: int, mentions: Sequence[Mention], lexicon: FigureLexicon
) -> str | None:
    """The owner named in the noun phrase just before a figure: "Russia's", "Putin's" (his
    state), "his country's" (the state of the person named last), "their" (the actor named
    last). ``_NOBODY`` when the owner is a private person, None when there is no owner."""
    window_start = max(sentence_start, start - 40)
    phrase = text[window_start:start]
    # Only the phrase after the last break: a comma, "and" or "that" ends the noun phrase.
    cut = max(phrase.rfind(","), phrase.rfind(";"), phrase.rfind(" that "), phrase.rfind(" and "))
    if cut >= 0:
        window_start += cut + 1
        phrase = text[window_start:start]
    # The possessive that starts last (the first listed among equals): no sort needed.
    owner: Mention | None = None
    for mention in mentions:
        if (
            window_start <= mention.start
            and mention.end <= start
            and (owner is None or mention.start > owner.start)
            and _POSSESSIVE.match(text[mention.end : mention.end + 2])
        ):
            owner = mention
    if owner is not None:
        return owner.rollup
    pronoun = _owner_pronoun(lexicon.owner_pronouns).search(phrase)
    if not pronoun or pronoun[1].lower() == "its":
        return None
    earlier = [m for m in mentions if m.end <= window_start + pronoun.start()]
    if pronoun[1].lower() in ("his", "her"):
        people = [m for m in earlier if m.kind == "person"]
        if not people:
            return _NOBODY if not pronoun[2] else None
        person = people[-1]
        return person.rollup if pronoun[2] or person.rollup != person.actor else _NOBODY
    return earlier[-1].rollup if earlier else None


# ---- comparison across articles --------------------------------------------------------

DEFAULT_WINDOW_DAYS = 7
"""Figures from articles more than this many days apart are a change over time, not a dispute."""


@dataclass(frozen=True)
class Measure:
    """Figures from several articles that measure the same thing: the same counted thing,
    about the same actor, in the same unit."""

    key: str  # "troops · Russia"
    counted: str
    about: str | None
    kind: str
    values: dict[str, float]  # article id -> the article's representative value
    disagree: bool  # two articles close in time (within the window) give different values
    spread: float  # largest / smallest representative value among articles close in time
    unit: str | None = None


def measure_key(figure: Figure) -> str:
    """What a figure measures: its counted thing, its unit when it has one, and its actor.
    "troops · Russia", "aid (USD) · United States", "percent of banking · Russia"."""
    about = figure.about or "unknown actor"
    counted = figure.counted or ""
    if figure.kind == "money":
        return f"{counted or 'money'} ({figure.unit or 'money'}) · {about}"
    if figure.kind == "percent":
        share = figure.counted_surface if figure.counted_surface.startswith("percent of ") else "percent"
        return f"{share} · {about}"  # "percent of Russian banking · Russia": a share of what it names
    if figure.kind == "measure":
        return f"{counted or figure.unit or 'measure'} · {about}"
    return f"{counted or 'counting nothing named'} · {about}"  # a bare number: never a measure of its own thing


def representative(values: Sequence[float]) -> float:
    """The value an article cites most often; ties go to the largest."""
    counts = Counter(values)
    return max(counts, key=lambda value: (counts[value], value))


def _close(a: date | None, b: date | None, window_days: int | None) -> bool:
    """Articles are close in time when both dates are within the window; an article with no
    date could be from any day, so it is compared with every other."""
    if window_days is None or a is None or b is None:
        return True
    return abs((a - b).days) <= window_days


def compare_figures(
    by_article: Mapping[str, Sequence[Figure]],
    *,
    tolerance: float = 0.10,
    dates: Mapping[str, date | None] | None = None,
    window_days: int | None = DEFAULT_WINDOW_DAYS,
) -> list[Measure]:
    """Group figures by measure across articles. A measure disagrees when it names its actor
    and its counted thing, and two articles whose dates are at most ``window_days`` apart (``dates`` by article id; without dates every
    pair is compared) give representative values that differ by more than ``tolerance``
    (relative). Values further apart in time are a change, shown on a timeline."""
    dates = dates or {}
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
        spread = 1.0
        for a, b in combinations(values, 2):
            if not _close(dates.get(a), dates.get(b), window_days):
                continue
            low, high = sorted((values[a], values[b]))
            spread = max(spread, high / low if low > 0 else float("inf") if high > low else 1.0)
        first = meta[key]
        # Figures about an unknown actor, or counting nothing named (a percentage of nothing named),
        # are not known to measure one thing.
        comparable = first.about is not None and bool(first.counted) and key.split(" · ")[0] != "percent"
        measures.append(
            Measure(
                key=key,
                counted=first.counted,
                about=first.about,
                kind=first.kind,
                values=values,
                disagree=comparable and len(values) > 1 and spread > 1 + tolerance,
                spread=spread,
                unit=first.unit,
            )
        )
    return sorted(measures, key=lambda m: (-len(m.values), not m.disagree, m.key))


_FOLD = re.compile(rf"(?<![\w-])(?P<number>\d+|{'|'.join(_ONES)}|{'|'.join(_TENS)})-?fold\b", re.IGNORECASE)
_SLASH_FRACTION = re.compile(r"(?<![\w/.])(?P<top>\d{1,3})\s?[/⁄]\s?(?P<bottom>\d{1,4})(?![\w/.])")


def extract_quantities(text: str) -> list[Figure]:
    """Every quantity in ``text`` (the NewsQuant task), not only cited figures: small and
    spelled-out numbers, durations, fractions ("half", "1/16") and multiples ("sixfold")
    count; dates, years and clock times do not."""
    from lib.actors import find_mentions, load_dictionary
    from lib.text import split_sentences

    sentences = split_sentences(text)
    mentions = find_mentions(text, sentences, load_dictionary())
    figures = extract_figures(text, sentences, mentions, keep_small=True)
    taken = [(f.start, f.end) for f in figures]

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    for match in _FRACTION.finditer(text):
        if (
            match["count"] is None
            and match["part"].lower() in ("half", "quarter", "third")
            and not re.search(r"\b(?:a|an|one)\s*$", text[max(0, match.start() - 4) : match.start()])
        ):
            continue  # "the second half", "third quarter": not a quantity
        if not free(match.start(), match.end()):
            continue
        count = _COUNTS.get((match["count"] or "a").lower(), 1)
        value = count / _FRACTIONS[match["part"].lower()]
        figures.append(
            Figure(value, "", "", None, None, "fraction", None, match.start(), match.end(), 0, match.group())
        )
    for match in _FOLD.finditer(text):
        number = match["number"].lower()
        value = float(number) if number.isdigit() else float(_ONES.get(number) or _TENS[number])
        if free(match.start(), match.end()):
            figures.append(
                Figure(value, "", "", None, None, "multiple", None, match.start(), match.end(), 0, match.group())
            )
    for match in _SLASH_FRACTION.finditer(text):
        top, bottom = int(match["top"]), int(match["bottom"])
        if (
            0 < top < bottom
            and free(match.start(), match.end())
            and not re.match(r"\d", text[match.end() + 1 : match.end() + 2])
        ):
            if top == 24 and bottom == 7:
                continue
            figures.append(
                Figure(top / bottom, "", "", None, None, "fraction", None, match.start(), match.end(), 0, match.group())
            )
    return sorted(figures, key=lambda f: f.start)
