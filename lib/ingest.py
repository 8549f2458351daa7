"""The metadata step of the one way in: a ``Document`` (text plus the hints its file shows,
from ``lib.formats``) becomes an ``Article``: the body cleaned of page furniture, its
language, and what the text, the file and the user state about outlet, date, title and byline.

Every entry point (``load_paths`` / ``load_folder`` for files and folders, ``read_articles``
for one file's bytes, as uploads use it) goes through ``to_article``; a sidecar CSV
(``is_sidecar``) is merged in one place, there.

Each field takes the first value stated, in this order of trust:
- outlet: what a person wrote down (a batch's column, a sidecar row); the text (a credit line,
  a signature line, a dateline "MINSK, 10 February (BelTA) -" or "New York CNN Business —",
  a byline's agency, a self-mention "Sign up for Onet's newsletter"); the page's site name;
  the URL's domain; the file name ``<outlet>_<yyyy-mm-dd>_...``. Names, aliases, codes, domains
  and file prefixes come from ``lib/data/outlets.yml``; a placeholder ("unknown PL outlet
  (one of: ...)") is no outlet. What nothing states stays ``None``, never guessed.
- date: written down; a ``date YYYY-MM-DD`` line or a dateline in the text; the page's
  metadata; the URL's path (/2022/02/10/); the file name; a full date near the top of the text
  ("February 18, 2022"); a weekday with month and day ("on Thursday, February 10"), whose year
  ``resolve_partial_dates`` fixes when the corpus's other dates bracket exactly one year in
  which that day is that weekday.
- byline: written down; a byline line ("By Agnes Szucs"); the page's author. Credits: a credit
  line ("Credit | AA"), wire credits ("(With inputs from ANI, Image: AP)"), a photo credit.
- title: written down; a short first line of its own that does not read as a sentence; the
  page's title.
- language: detected from the body (py3langid; ``lib/data/languages.yml`` names the codes
  and says which languages the engine reads).
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any

from lib.errors import DataFileError, IngestError, StancewatchError
from lib.formats import SUPPORTED, Document, Hints, decode, domain_of, iso_date, read_file
from lib.resources import data_path, load_yaml, optional_list, require
from lib.types import Article

MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_DATE_LINE = re.compile(r"^\s*date\s*[:=]?\s*(\d{4})-(\d{2})-(\d{2})\b[ \t]*", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MDY = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),?\s+(\d{{4}})\b")
_DMY = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH}),?\s+(\d{{4}})\b")
_WEEKDAY_MD = re.compile(rf"\b({_WEEKDAY}),?\s+(?:({_MONTH})\s+(\d{{1,2}})|(\d{{1,2}})\s+({_MONTH}))\b(?!,?\s*\d{{4}})")
_DATELINE = re.compile(
    r"^(?P<city>[A-ZÀ-Þ][A-ZÀ-Þ .'’-]{2,40}),\s*(?P<middle>[^()\n]{0,40}?)\s*\((?P<agency>[^()\n]{2,40})\)\s*[-–—]+\s*"
)
_BYLINE = re.compile(r"^By\s+(?P<names>[A-ZÀ-Þ][^\n,]{1,80}?)(?:,\s*(?P<agency>[^\n]{2,40}))?\s*$")
_CREDIT_LINE = re.compile(r"^(?:Credit|Credits|Source|Photo credit)\s*[|:]\s*(?P<value>.+?)\s*$", re.IGNORECASE)
_INPUTS = re.compile(r"^\((?P<body>(?:With inputs? from|Inputs from)[^()]*)\)\s*$", re.IGNORECASE)
_TWITTER_LINK = re.compile(r"\s*pic\.twitter\.com/\w+")
_SENTENCE_END = re.compile(r"[.!?…]['’\"”]?\s*$")


@dataclass(frozen=True, eq=False)  # hashed by identity: one table per loaded file
class Outlets:
    """The outlet list of ``lib/data/outlets.yml`` and the patterns built on it."""

    names: tuple[str, ...]
    by_code: dict[str, str]
    by_alias: dict[str, str]  # case-folded alias -> outlet
    furniture: tuple[re.Pattern[str], ...]
    by_domain: dict[str, str] = field(default_factory=dict)
    by_file: dict[str, str] = field(default_factory=dict)  # case-folded file-name prefix -> outlet
    by_written: dict[str, str] = field(default_factory=dict)  # alias as written -> outlet
    self_mentions: tuple[re.Pattern[str], ...] = ()
    placeholders: tuple[re.Pattern[str], ...] = ()
    photo_credits: tuple[re.Pattern[str], ...] = ()
    written: re.Pattern[str] | None = None  # any alias as written, word-bounded

    def from_code(self, code: str) -> str | None:
        code = code.strip().strip(".")
        return self.by_code.get(code) or self.by_alias.get(_fold(code))

    def match_line(self, line: str, *, fuzzy: bool) -> str | None:
        """The outlet a short line names, exactly or (``fuzzy``) with a small misspelling."""
        folded = _fold(line.strip(" .-–—|"))
        if not folded or len(folded) > 40:
            return None
        if folded in self.by_alias:
            return self.by_alias[folded]
        if fuzzy:
            close = difflib.get_close_matches(folded, list(self.by_alias), n=1, cutoff=0.85)
            if close:
                return self.by_alias[close[0]]
        return None

    def mentioned_in(self, line: str) -> str | None:
        folded = _fold(line)
        for alias, name in self.by_alias.items():
            if len(alias) > 3 and re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", folded):
                return name
        return None

    def is_placeholder(self, value: str) -> bool:
        """A value that says the outlet is unknown ("unknown PL outlet (one of: ...)")."""
        text = value.strip()
        return not text or any(pattern.search(text) for pattern in self.placeholders)

    def canonical(self, value: str | None) -> str | None:
        """A stated outlet under its listed name (an alias, code or domain of a listed
        outlet), else as written; None for a placeholder."""
        if value is None or self.is_placeholder(value):
            return None
        text = " ".join(value.split())
        return self.from_code(text) or self.from_domain(domain_of(text) if "." in text else None) or text

    def from_domain(self, domain: str | None) -> str | None:
        """The listed outlet whose domain is ``domain`` or one of its parents."""
        if not domain:
            return None
        parts = domain.lower().removeprefix("www.").split(".")
        for start in range(len(parts) - 1):
            found = self.by_domain.get(".".join(parts[start:]))
            if found:
                return found
        return None

    def from_file(self, name: str) -> tuple[str | None, dt.date | None]:
        """Outlet and date of a file named ``<outlet>_<yyyy-mm-dd>_...``: the prefix counts
        only when it is a listed outlet's name, alias, code, domain or file prefix."""
        return _from_file(self, name.split("#")[0].replace("\\", "/").rsplit("/", 1)[-1])

    def self_mention(self, text: str) -> str | None:
        """The outlet the article names as its own most often ("Sign up for Onet's
        newsletter", "an Ukrinform correspondent reports"); None when none does. The
        patterns are tried only around the places that name a listed outlet."""
        if self.written is None:
            return None
        found: Counter[str] = Counter()
        first: dict[str, int] = {}
        seen: set[int] = set()
        for named in self.written.finditer(text):
            low, high = max(0, named.start() - 60), min(len(text), named.end() + 120)
            for pattern in self.self_mentions:
                for match in pattern.finditer(text, low, high):
                    start = match.start("outlet")
                    name = self.by_written.get(match["outlet"])
                    if name and start not in seen:
                        seen.add(start)
                        found[name] += 1
                        first.setdefault(name, start)
        if not found:
            return None
        return min(found, key=lambda name: (-found[name], first[name]))

    def in_dateline(self, line: str) -> tuple[str, str] | None:
        """The outlet a dash dateline at the top names: "New York CNN Business —",
        "CNN —", "Atlanta, United States (CNN)- ..." (every word before the dash capitalised)."""
        match = _DASH_DATELINE.match(line)
        if not match or self.written is None:
            return None
        lead = match["lead"]
        words = re.findall(r"[^\W\d_][\w.'’]*", lead)
        if not words or any(not word[0].isupper() for word in words):
            return None
        named = self.written.search(lead)
        return (self.by_written[named[0]], lead) if named else None


_FILE_NAME = re.compile(r"^(?P<prefix>[^\W_][\w.-]*?)_(?=(?:19|20)\d{2}-?\d{2}-?\d{2}(?!\d))")
_DASH_DATELINE = re.compile(r"^(?P<lead>[^\n—–]{2,60}?)\s*(?:[—–]+|(?<=\))\s*-+|\s-+\s)")


@lru_cache(maxsize=4096)
def _from_file(outlets: Outlets, base: str) -> tuple[str | None, dt.date | None]:
    stem = base.rsplit(".", 1)[0] if "." in base else base
    match = _FILE_NAME.match(stem)
    if not match:
        return None, _file_date(stem)
    prefix = match["prefix"]
    folded = _fold(prefix)
    outlet = (
        outlets.by_file.get(folded)
        or outlets.by_alias.get(folded)
        or outlets.by_alias.get(_fold(prefix.replace("-", " ")))
        or outlets.from_domain(prefix if "." in prefix else None)
        or next((name for code, name in outlets.by_code.items() if _fold(code) == folded), None)
    )
    return outlet, _file_date(stem)


def _file_date(stem: str) -> dt.date | None:
    value = iso_date(stem)
    return dt.date.fromisoformat(value) if value else None


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _patterns(raw: dict[str, Any], key: str, path: Path) -> list[re.Pattern[str]]:
    out = []
    for index, pattern in enumerate(optional_list(raw, key, path=str(path), where="(top)")):
        try:
            out.append(re.compile(pattern, re.IGNORECASE))
        except re.error as exc:
            raise DataFileError(str(path), f"{key}[{index}]", f"a regular expression ({exc})") from exc
    return out


@lru_cache(maxsize=2)
def load_outlets(path: Path | None = None) -> Outlets:
    """The outlet table, self-mention, placeholder and furniture patterns (``lib/data/outlets.yml``)."""
    path = path or data_path("outlets.yml")
    raw = load_yaml(path)
    where = "(top)"
    entries = require(raw, "outlets", list, path=str(path), where=where)
    by_code: dict[str, str] = {}
    by_alias: dict[str, str] = {}
    by_domain: dict[str, str] = {}
    by_file: dict[str, str] = {}
    by_written: dict[str, str] = {}
    names = []
    for index, entry in enumerate(entries):
        at = f"outlets[{index}]"
        name = require(entry, "name", str, path=str(path), where=at)
        names.append(name)
        for code in optional_list(entry, "codes", path=str(path), where=at):
            by_code[code] = name
        for alias in [name, *optional_list(entry, "aliases", path=str(path), where=at)]:
            by_alias[_fold(alias)] = name
            by_written[alias] = name
        for domain in optional_list(entry, "domains", path=str(path), where=at):
            by_domain[domain.lower().removeprefix("www.")] = name
        for prefix in optional_list(entry, "files", path=str(path), where=at):
            by_file[_fold(prefix)] = name
    written = "|".join(re.escape(a) for a in sorted(by_written, key=len, reverse=True) if len(a) > 1)
    alias_group = rf"(?P<outlet>(?-i:{written}))(?!\w)"
    self_mentions = []
    for index, template in enumerate(optional_list(raw, "self_mentions", path=str(path), where=where)):
        if "{outlet}" not in template:
            raise DataFileError(str(path), f"self_mentions[{index}]", "a pattern with {outlet} in it")
        try:
            self_mentions.append(re.compile(template.replace("{outlet}", alias_group), re.IGNORECASE))
        except re.error as exc:
            raise DataFileError(str(path), f"self_mentions[{index}]", f"a regular expression ({exc})") from exc
    return Outlets(
        tuple(names),
        by_code,
        by_alias,
        tuple(_patterns(raw, "furniture", path)),
        by_domain=by_domain,
        by_file=by_file,
        by_written=by_written,
        self_mentions=tuple(self_mentions),
        placeholders=tuple(_patterns(raw, "placeholders", path)),
        photo_credits=tuple(_patterns(raw, "photo_credits", path)),
        written=re.compile(rf"(?<!\w)(?:{written})(?!\w)") if written else None,
    )


def article_id(text: str) -> str:
    """Content hash of the text with line ends and outer space normalised."""
    normal = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n"))
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def _month(token: str) -> int:
    return MONTHS[token.rstrip(".").lower()]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_full_date(text: str) -> dt.date | None:
    """The first complete date (ISO, "February 18, 2022", "18 February 2022") in ``text``."""
    found: list[tuple[int, dt.date]] = []
    for match in _ISO.finditer(text):
        date = _safe_date(int(match[1]), int(match[2]), int(match[3]))
        if date:
            found.append((match.start(), date))
    for match in _MDY.finditer(text):
        date = _safe_date(int(match[3]), _month(match[1]), int(match[2]))
        if date:
            found.append((match.start(), date))
    for match in _DMY.finditer(text):
        date = _safe_date(int(match[3]), _month(match[2]), int(match[1]))
        if date:
            found.append((match.start(), date))
    return min(found)[1] if found else None


def find_partial_date(text: str) -> tuple[int, int, int] | None:
    """(month, day, weekday) of the first "Thursday, February 10" that has no year."""
    match = _WEEKDAY_MD.search(text)
    if not match:
        return None
    weekday = WEEKDAYS.index(match[1].lower())
    if match[2]:
        return _month(match[2]), int(match[3]), weekday
    return _month(match[5]), int(match[4]), weekday


@dataclass
class _Reading:
    """What the text itself states (the first pass of ``to_article``)."""

    body: str
    title: str | None = None
    outlet: str | None = None
    date: dt.date | None = None
    date_is_weak: bool = False  # a full date near the top: below the file name and the URL
    partial: tuple[int, int, int] | None = None
    byline: str | None = None
    credits: list[str] = field(default_factory=list)
    provenance: dict[str, str] = field(default_factory=dict)


def _read_text(raw: str, file: str) -> _Reading:
    """Clean ``raw`` and read the metadata it states. Raises IngestError on empty text."""
    outlets = load_outlets()
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    if not text.strip():
        raise IngestError(file, "the file has no text", "check that it is the article and not an empty export")
    provenance: dict[str, str] = {}
    date: dt.date | None = None
    partial: tuple[int, int, int] | None = None
    outlet: str | None = None
    byline: str | None = None
    credits: list[str] = []

    match = _DATE_LINE.match(text)
    if match:
        date = _safe_date(int(match[1]), int(match[2]), int(match[3]))
        if date:
            provenance["date"] = "text: date line"
        text = text[match.end() :]

    lines = [line.strip() for line in text.split("\n")]
    kept: list[str] = []
    content_lines = [i for i, line in enumerate(lines) if line]
    last_content = content_lines[-1] if content_lines else -1
    for index, line in enumerate(lines):
        if not line:
            kept.append("")
            continue
        line = _TWITTER_LINK.sub("", line)
        photo = next((m for p in outlets.photo_credits if (m := p.match(line))), None)
        if photo:
            # A picture's agency is a credit, not the outlet that published the article.
            credits.extend(part.strip() for part in re.split(r"[,/;&]", photo["value"]) if part.strip())
            provenance.setdefault("credits", f"text: {line!r}")
            continue
        if any(pattern.match(line) for pattern in outlets.furniture):
            named = outlets.mentioned_in(line)
            if named and outlet is None:
                outlet, provenance["outlet"] = named, "text: self-mention in page furniture"
            continue
        credit = _CREDIT_LINE.match(line)
        if credit:
            parts = [part.strip() for part in re.split(r"[,/;&]", credit["value"]) if part.strip()]
            named = outlets.from_code(parts[0]) or outlets.match_line(parts[0], fuzzy=False) if parts else None
            if named and len(parts) == 1:
                outlet, provenance["outlet"] = named, f"text: credit line {line!r}"
            else:
                credits.extend(parts)
            continue
        inputs = _INPUTS.match(line)
        if inputs:
            credits.extend(_parse_inputs(inputs["body"]))
            provenance["credits"] = f"text: {line!r}"
            continue
        byline_match = _BYLINE.match(line) if len(line) < 100 else None
        if byline_match and not _SENTENCE_END.search(line):
            byline = byline_match["names"].strip()
            provenance["byline"] = "text: byline"
            if byline_match["agency"]:
                named = outlets.from_code(byline_match["agency"]) or outlets.match_line(
                    byline_match["agency"], fuzzy=False
                )
                if named and outlet is None:
                    outlet, provenance["outlet"] = named, "text: byline agency"
            continue
        if index == last_content and len(line) <= 40 and len(line.split()) <= 4:
            named = outlets.match_line(line, fuzzy=True)
            if named:
                outlet, provenance["outlet"] = named, f"text: signature line {line!r}"
                continue
        kept.append(line)

    body = "\n".join(kept).strip()
    body = re.sub(r"\n{3,}", "\n\n", body)
    if not body:
        raise IngestError(file, "nothing is left once page furniture is removed")

    top = [line for line in body.split("\n") if line.strip()][:3]
    for line in top:
        dateline = _DATELINE.match(line)
        if dateline:
            agency = outlets.from_code(dateline["agency"]) or outlets.match_line(dateline["agency"], fuzzy=False)
            if agency and outlet is None:
                outlet, provenance["outlet"] = agency, "text: dateline agency"
            if line is top[0] and date is None:
                middle = dateline["middle"]
                date = find_full_date(middle)
                if date:
                    provenance["date"] = "text: dateline"
                else:
                    partial = _partial_from_dateline(middle)
            break
        found = outlets.in_dateline(line) if outlet is None else None
        if found:
            outlet, provenance["outlet"] = found[0], f"text: dateline {found[1]!r}"
            break
    if outlet is None:
        outlet = outlets.self_mention(body)
        if outlet:
            provenance["outlet"] = "text: self-mention"
    weak = False
    if date is None:
        date = find_full_date(body[:300])
        weak = date is not None
    if date is None and partial is None:
        partial = find_partial_date(body)

    title = _title(body)
    if title:
        provenance["title"] = "text: first line"
    return _Reading(body, title, outlet, date, weak, partial, byline, credits, provenance)


def to_article(document: Document, *, sidecar: Mapping[str, str] | None = None, sidecar_name: str = "") -> Article:
    """The metadata step: ``document``'s text and hints, and its ``sidecar`` row, as an
    Article, each field from the most trusted place that states it (see the module's
    docstring). Raises IngestError when the text is empty or only page furniture."""
    outlets = load_outlets()
    reading = _read_text(document.text, document.name)
    hints = document.hints
    provenance = dict(reading.provenance)
    stated: list[tuple[str, dict[str, str]]] = [
        (hints.stated_by or "the batch's columns", dict(hints.stated)),
        (f"sidecar: {sidecar_name or 'metadata CSV'}", dict(sidecar or {})),
    ]
    file_outlet, file_date = outlets.from_file(document.file)
    url_date = _url_date(hints.url)
    values: dict[str, Any] = {}

    def choose(key: str, candidates: Iterable[tuple[object, str]]) -> None:
        for value, source in candidates:
            if value not in (None, ""):
                values[key] = value
                if source:
                    provenance[key] = source
                return
        values[key] = None
        provenance.pop(key, None)

    def written(key: str, parse: Any = None) -> list[tuple[object, str]]:
        return [((parse or _clean)(row[key]), source) for source, row in stated if row.get(key)]

    text_source = provenance.get
    choose("outlet", [
        *written("outlet", outlets.canonical),
        (reading.outlet, text_source("outlet", "")),
        (outlets.canonical(hints.site), f"{hints.origin}: site name"),
        (outlets.from_domain(hints.domain), f"URL domain {hints.domain}"),
        (file_outlet, "file name"),
    ])  # fmt: skip
    choose("date", [
        *written("date", _parse_date),
        (None if reading.date_is_weak else reading.date, text_source("date", "")),
        (_parse_date(hints.date or ""), f"{hints.origin}: date"),
        (url_date, "URL path"),
        (file_date, "file name"),
        (reading.date if reading.date_is_weak else None, "text: date near the top"),
    ])  # fmt: skip
    choose("title", [*written("title"), (reading.title, text_source("title", "")), (hints.title, hints.origin)])
    choose("byline", [
        *written("byline"), (reading.byline, text_source("byline", "")), (hints.author, f"{hints.origin}: author")
    ])  # fmt: skip
    choose("url", [*written("url"), (hints.url, hints.origin or "")])
    language, confidence, method = _detect_language(reading.body)
    if language:
        provenance["language"] = f"detected ({method}, confidence {confidence:.2f})"
    return Article(
        id=article_id(document.text),
        file=document.name,
        text=reading.body,
        title=values["title"],
        outlet=values["outlet"],
        date=values["date"],
        byline=values["byline"],
        credits=tuple(dict.fromkeys(reading.credits)),
        url=values["url"],
        provenance=tuple(sorted(provenance.items())),
        partial_date=None if values["date"] else reading.partial,
        language=language,
    )


def extract_article(raw: str, file: str, *, url: str | None = None) -> Article:
    """``raw`` text from a file named ``file`` as an Article (``to_article`` of a plain text
    document). Raises IngestError on empty text."""
    return to_article(Document(file, file, raw, Hints(url=url, domain=domain_of(url))))


def _clean(value: str) -> str | None:
    return " ".join(value.split()) or None


def _parse_date(value: str) -> dt.date | None:
    """A date written in a column or metadata: ISO (or YYYYMMDD) first, else a full date in words."""
    iso = iso_date(value)
    return dt.date.fromisoformat(iso) if iso else find_full_date(value)


_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|[-_])")


def _url_date(url: str | None) -> dt.date | None:
    """The date in a news URL's path ("/2022/02/10/")."""
    match = _URL_DATE.search(url or "")
    return _safe_date(int(match[1]), int(match[2]), int(match[3])) if match else None


# ---- language ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Languages:
    """``lib/data/languages.yml``: which languages the engine reads, and their names."""

    read: frozenset[str]
    min_confidence: float
    names: dict[str, str]
    english_markers: frozenset[str]

    def name(self, code: str | None) -> str:
        return "unknown" if code is None else self.names.get(code, code)


@lru_cache(maxsize=1)
def load_languages() -> Languages:
    path = data_path("languages.yml")
    raw = load_yaml(path)
    names = raw.get("names") or {}
    if not isinstance(names, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in names.items()):
        raise DataFileError(str(path), "names", "a mapping of language code to name")
    confidence = raw.get("min_confidence", 0.5)
    if not isinstance(confidence, int | float) or not 0 <= confidence <= 1:
        raise DataFileError(str(path), "min_confidence", "a number from 0 to 1")
    return Languages(
        frozenset(optional_list(raw, "read", path=str(path), where="(top)")),
        float(confidence),
        dict(names),
        frozenset(optional_list(raw, "english_markers", path=str(path), where="(top)")),
    )


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


_WORD = re.compile(r"[^\W\d_]+")
# Typographic punctuation and spaces: they say nothing of a text's language, so a short text that
# is ASCII but for them counts as plain ASCII.
_TYPOGRAPHIC = re.compile("[\u00a0\u2000-\u206f\u00ab\u00bb\u00b4]")


def detect_language(text: str) -> tuple[str | None, float]:
    """The language of ``text`` (ISO 639-1) and the detector's confidence; (None, c) when
    it is below ``min_confidence`` (too short or mixed to tell).

    py3langid (Lui & Baldwin's langid.py, the model inside the package) on the first
    1,500 characters. A text whose words are one fifth or more English function words
    (``english_markers``) is English without asking the model: news in English is, other
    languages are not, and the model takes ~5 ms an article. A short text in plain ASCII
    (under 40 words; curly quotes, dashes and other typographic punctuation aside) is not told: the model is unreliable there, and reading it as English
    is what the engine did before it detected anything."""
    code, confidence, _ = _detect_language(text)
    return code, confidence


def _detect_language(text: str) -> tuple[str | None, float, str]:
    languages = load_languages()
    sample = text[:1500]
    words = _WORD.findall(sample.lower())[:300]
    if len(words) >= 40 and sum(w in languages.english_markers for w in words) >= len(words) / 5:
        return "en", 1.0, "English function words"
    if len(words) < 3 or (len(words) < 40 and _TYPOGRAPHIC.sub("", sample).isascii()):
        return None, 0.0, "too short to tell"
    code, confidence = _identifier().classify(sample)
    confidence = float(confidence)
    return (str(code) if confidence >= languages.min_confidence else None), confidence, "py3langid"


def engine_reads(language: str | None) -> bool:
    """Whether the engine's English-only passes (statements, figures, sentiment) can read
    an article in ``language``; an unknown language is read."""
    return language is None or language in load_languages().read


def language_note(language: str | None) -> str | None:
    """What a user is told about an article the engine cannot read; None when it can."""
    if engine_reads(language):
        return None
    return (
        f"in {load_languages().name(language)}: kept, and its actors are counted, but it adds no statements, "
        "figures or sentiment, since the engine reads English only"
    )


def _parse_inputs(body: str) -> list[str]:
    """ "With inputs from ANI, Image: AP" -> ["ANI", "AP"]."""
    credits = []
    for part in re.split(r"[,;]", body):
        part = re.sub(r"^(?:With inputs? from|Inputs from|Image|Photo|Picture)\s*:?\s*", "", part.strip(), flags=re.I)
        part = re.sub(r"^and\s+", "", part)
        if part:
            credits.append(part.strip())
    return credits


def _partial_from_dateline(middle: str) -> tuple[int, int, int] | None:
    match = re.search(rf"(?:(\d{{1,2}})\s+({_MONTH})|({_MONTH})\s+(\d{{1,2}}))", middle)
    if not match:
        return None
    if match[1]:
        return _month(match[2]), int(match[1]), -1
    return _month(match[3]), int(match[4]), -1


def _title(body: str) -> str | None:
    first, _, rest = body.partition("\n")
    first = first.strip()
    if not rest.strip() or not first or first.startswith(("•", "-", "*", "–")):
        return None
    words = first.split()
    if len(words) > 20 or len(first) > 160:
        return None
    if _SENTENCE_END.search(first) and not first.endswith(("”", '"')):
        return None
    return first


def resolve_partial_dates(articles: Sequence[Article]) -> list[Article]:
    """Fix the year of "Thursday, February 10" when the corpus's known dates bracket
    exactly one year in which February 10 is a Thursday. A dateline's day and month
    without a weekday take the year only when every known date shares one year."""
    known = [article.date for article in articles if article.date]
    if not known:
        return list(articles)
    low, high = min(known) - dt.timedelta(days=366), max(known) + dt.timedelta(days=366)
    years = sorted({date.year for date in known})
    out = []
    for article in articles:
        if article.date or not article.partial_date:
            out.append(article)
            continue
        month, day, weekday = article.partial_date
        if weekday >= 0:
            fits = [
                date
                for year in range(low.year, high.year + 1)
                if (date := _safe_date(year, month, day)) and low <= date <= high and date.weekday() == weekday
            ]
            reason = "text: weekday, month and day; year from the corpus's other dates"
        else:
            fits = [date for date in [_safe_date(years[0], month, day)] if date] if len(years) == 1 else []
            reason = "text: dateline day and month; year shared by every other dated article"
        if len(fits) == 1:
            provenance = dict(article.provenance)
            provenance["date"] = reason
            article = replace(article, date=fits[0], provenance=tuple(sorted(provenance.items())))
        out.append(article)
    return out


SIDECAR_FIELDS = ("outlet", "date", "title", "byline", "url")
_TEXT_COLUMNS = {"text", "body", "content", "article"}


@dataclass(frozen=True)
class Sidecar:
    """Metadata rows a CSV beside the articles gives, by file name (``rows``), and the
    CSV files they came from (``name``, for provenance)."""

    rows: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    name: str = ""

    def __bool__(self) -> bool:
        return bool(self.rows)

    def get(self, file: str) -> Mapping[str, str] | None:
        return self.rows.get(file)

    def merged(self, other: Sidecar) -> Sidecar:
        rows = {k: dict(v) for k, v in self.rows.items()}
        for key, values in other.rows.items():
            rows.setdefault(key, {}).update(values)
        return Sidecar(rows, ", ".join(n for n in (self.name, other.name) if n))


def _is_sidecar_header(header: Iterable[str]) -> bool:
    names = {h.strip().lower() for h in header}
    return "file" in names and not _TEXT_COLUMNS & names


def is_sidecar(path: Path) -> bool:
    """A CSV that describes other files (a ``file`` column, no article text column)."""
    if path.suffix.lower() != ".csv":
        return False
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return _is_sidecar_header(next(csv.reader(handle), []))
    except (OSError, UnicodeDecodeError, csv.Error):
        return False


def parse_sidecar(name: str, data: bytes) -> Sidecar | None:
    """The rows of a sidecar CSV given as bytes (an upload); None when ``data`` is not one."""
    if PurePath(name).suffix.lower() != ".csv":
        return None
    try:
        text, _ = decode(data, name)
        rows = list(csv.reader(io.StringIO(text)))
    except (IngestError, csv.Error):
        return None
    if not rows or not _is_sidecar_header(rows[0]):
        return None
    header = [h.strip().lower() for h in rows[0]]
    out: dict[str, dict[str, str]] = {}
    for row in rows[1:]:
        record = dict(zip(header, row, strict=False))
        values = {k: v.strip() for k, v in record.items() if k in SIDECAR_FIELDS and v and v.strip()}
        if record.get("file"):
            out.setdefault(PurePath(record["file"].replace("\\", "/")).name, {}).update(values)
    return Sidecar(out, PurePath(name).name)


def read_sidecar(folder: Path) -> Sidecar:
    """Sidecar CSVs beside the articles (``metadata.csv``, ``index.csv``: any CSV with a
    ``file`` column and no text column): file -> {outlet, date, title, byline, url}."""
    found = Sidecar()
    for path in sorted(folder.glob("*.csv")):
        if is_sidecar(path):
            try:
                parsed = parse_sidecar(path.name, path.read_bytes())
            except OSError:
                continue
            if parsed is not None:
                found = found.merged(parsed)
    return found


def apply_metadata(article: Article, values: dict[str, str], source: str) -> Article:
    """Fill or override metadata fields from ``values`` (a user's edit)."""
    changes: dict[str, object] = {}
    provenance = dict(article.provenance)
    for key in ("outlet", "title", "byline", "url"):
        if key in values:
            changes[key] = values[key].strip() or None
            provenance[key] = source
    if "date" in values:
        raw = values["date"].strip()
        try:
            changes["date"] = dt.date.fromisoformat(raw) if raw else None
        except ValueError as exc:
            raise IngestError(article.file, f"date {raw!r} is not YYYY-MM-DD") from exc
        provenance["date"] = source
    return replace(article, **changes, provenance=tuple(sorted(provenance.items())))  # type: ignore[arg-type]


@dataclass
class Read:
    """What one file gave: articles, the encoding used when it was not UTF-8, and
    per-row problems in a batch (the rest of the batch still goes in)."""

    name: str
    articles: list[Article] = field(default_factory=list)
    encoding: str | None = None
    problems: list[str] = field(default_factory=list)


def read_articles(
    name: str, data: bytes, *, column_map: Mapping[str, str] | None = None, sidecar: Sidecar | None = None
) -> Read:
    """One file's bytes as articles: ``formats.read_file`` then ``to_article`` for each
    document, with the ``sidecar``'s row for the file. Raises IngestError for a file that
    gives none (a bad row of a batch is a problem, not an error)."""
    result = read_file(name, data, column_map=column_map)
    read = Read(result.name, encoding=result.encoding, problems=list(result.problems))
    sidecar = sidecar or Sidecar()
    failures: list[IngestError] = []
    for document in result.documents:
        try:
            read.articles.append(to_article(document, sidecar=sidecar.get(document.name), sidecar_name=sidecar.name))
        except IngestError as exc:
            failures.append(exc)
            read.problems.append(f"{document.name}: {exc.reason}")
    if not read.articles:
        raise (
            failures[0]
            if len(result.documents) == 1
            else IngestError(result.name, f"no article could be read from the file: {read.problems[0]}")
        )
    return read


@dataclass
class Loaded:
    """Articles read from paths, one line per file that could not be read, and notes."""

    articles: list[Article] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _files(path: Path) -> Iterable[Path]:
    if path.is_dir():
        yield from sorted(
            p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED and not is_sidecar(p)
        )
    else:
        yield path


def load_paths(paths: Sequence[Path]) -> Loaded:
    """Read files and folders into articles, each folder's sidecar CSV applied; a bad path
    is an error line, not a stop. Weekday-only dates are resolved across what was read."""
    loaded = Loaded()
    seen: set[str] = set()
    sidecars: dict[Path, Sidecar] = {}
    for path in paths:
        if not path.exists():
            loaded.errors.append(f"{path}: no such file or folder")
            continue
        for file in _files(path):
            sidecar = sidecars.setdefault(file.parent, read_sidecar(file.parent))
            try:
                result = read_articles(file.name, file.read_bytes(), sidecar=sidecar)
            except IngestError as exc:
                loaded.errors.append(f"{file}: {exc.reason}" + (f" ({exc.hint})" if exc.hint else ""))
                continue
            except OSError as exc:
                loaded.errors.append(f"{file}: cannot be read ({exc.strerror})")
                continue
            except StancewatchError as exc:
                loaded.errors.append(f"{file}: {exc}")
                continue
            if result.encoding:
                loaded.notes.append(f"{file}: decoded as {result.encoding}")
            loaded.notes.extend(f"{file}: {problem}" for problem in result.problems)
            for article in result.articles:
                if article.id in seen:
                    loaded.notes.append(f"{file}: duplicate of an article already read; skipped")
                    continue
                seen.add(article.id)
                note = language_note(article.language)
                if note:
                    loaded.notes.append(f"{file}: {note}")
                loaded.articles.append(article)
    loaded.articles = resolve_partial_dates(loaded.articles)
    return loaded


def load_folder(folder: Path) -> list[Article]:
    """Every article in ``folder`` (``load_paths`` of it), with its sidecar applied."""
    return load_paths([folder]).articles
