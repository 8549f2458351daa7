"""From raw text to an ``Article``: the body cleaned of page furniture, and what the text
itself states about outlet, date, title, byline and credits.

Read from the text, in this order of trust:
- a ``date YYYY-MM-DD`` line; a wire dateline ("MINSK, 10 February (BelTA) -");
  a full date near the top ("February 18, 2022");
- a weekday with month and day ("on Thursday, February 10"): the year is fixed later,
  by ``resolve_partial_dates``, when the corpus's other dates bracket exactly one year
  in which that day is that weekday;
- a byline line ("By Agnes Szucs"); a credit line ("Credit | AA" -> the outlet);
  wire credits ("(With inputs from ANI, Image: AP)" -> credits, not the outlet);
- a signature line at the end naming a known outlet in any script, allowing small
  misspellings ("Корресподент" -> Korrespondent);
- a title: a short first line of its own that does not read as a sentence.
What the text does not state stays ``None``; a metadata sidecar may supply it.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from lib.errors import DataFileError, IngestError
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


@dataclass(frozen=True)
class Outlets:
    names: tuple[str, ...]
    by_code: dict[str, str]
    by_alias: dict[str, str]  # case-folded alias -> outlet
    furniture: tuple[re.Pattern[str], ...]

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


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


@lru_cache(maxsize=2)
def load_outlets(path: Path | None = None) -> Outlets:
    """The outlet table and furniture patterns (``lib/data/outlets.yml``)."""
    path = path or data_path("outlets.yml")
    raw = load_yaml(path)
    where = "(top)"
    entries = require(raw, "outlets", list, path=str(path), where=where)
    by_code: dict[str, str] = {}
    by_alias: dict[str, str] = {}
    names = []
    for index, entry in enumerate(entries):
        name = require(entry, "name", str, path=str(path), where=f"outlets[{index}]")
        names.append(name)
        for code in optional_list(entry, "codes", path=str(path), where=f"outlets[{index}]"):
            by_code[code] = name
        for alias in [name, *optional_list(entry, "aliases", path=str(path), where=f"outlets[{index}]")]:
            by_alias[_fold(alias)] = name
    patterns = []
    for index, pattern in enumerate(optional_list(raw, "furniture", path=str(path), where=where)):
        try:
            patterns.append(re.compile(pattern, re.IGNORECASE))
        except re.error as exc:
            raise DataFileError(str(path), f"furniture[{index}]", f"a regular expression ({exc})") from exc
    return Outlets(tuple(names), by_code, by_alias, tuple(patterns))


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


def extract_article(raw: str, file: str, *, url: str | None = None) -> Article:
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

    dateline = _DATELINE.match(body)
    if dateline:
        agency = outlets.from_code(dateline["agency"]) or outlets.match_line(dateline["agency"], fuzzy=False)
        if agency and outlet is None:
            outlet, provenance["outlet"] = agency, "text: dateline agency"
        middle = dateline["middle"]
        if date is None:
            date = find_full_date(middle)
            if date:
                provenance["date"] = "text: dateline"
            else:
                partial = _partial_from_dateline(middle)
    head = body[:300]
    if date is None:
        date = find_full_date(head)
        if date:
            provenance["date"] = "text: date near the top"
    if date is None and partial is None:
        partial = find_partial_date(body)

    title = _title(body)
    if title:
        provenance["title"] = "text: first line"
    return Article(
        id=article_id(raw),
        file=file,
        text=body,
        title=title,
        outlet=outlet,
        date=date,
        byline=byline,
        credits=tuple(dict.fromkeys(credits)),
        url=url,
        provenance=tuple(sorted(provenance.items())),
        partial_date=partial,
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


def is_sidecar(path: Path) -> bool:
    """A CSV that describes other files (a ``file`` column, no article text column)."""
    if path.suffix.lower() != ".csv":
        return False
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            header = [h.strip().lower() for h in next(csv.reader(handle), [])]
    except (OSError, UnicodeDecodeError, csv.Error):
        return False
    return "file" in header and not {"text", "body", "content", "article"} & set(header)


def read_sidecar(folder: Path) -> dict[str, dict[str, str]]:
    """Sidecar CSVs beside the articles (``metadata.csv``, or any CSV with a ``file`` column
    and no text column): file -> {outlet, date, title, byline, url}."""
    out: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.csv")):
        if not is_sidecar(path):
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                values = {k: v for k, v in row.items() if k in SIDECAR_FIELDS and v}
                if "date" in values and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", values["date"]):
                    del values["date"]
                out.setdefault(row.get("file", ""), {}).update(values)
    return out


def apply_metadata(article: Article, values: dict[str, str], source: str) -> Article:
    """Fill or override metadata fields from ``values`` (a sidecar row or a user edit)."""
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


def load_folder(folder: Path) -> list[Article]:
    """Every ``.txt`` article in ``folder``, with its sidecar applied where the text is silent."""
    sidecar = read_sidecar(folder)
    articles = []
    for path in sorted(folder.glob("*.txt")):
        article = extract_article(path.read_text(encoding="utf-8"), path.name)
        extra = {k: v for k, v in sidecar.get(path.name, {}).items() if getattr(article, k, None) in (None, ())}
        if extra:
            article = apply_metadata(article, extra, "sidecar: metadata.csv")
        articles.append(article)
    return resolve_partial_dates(articles)


def corpus_dates(articles: Iterable[Article]) -> tuple[dt.date | None, dt.date | None]:
    dates = [article.date for article in articles if article.date]
    return (min(dates), max(dates)) if dates else (None, None)
