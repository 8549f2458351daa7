"""Reading the files an analyst has into text: .txt, .md, .html, .pdf, .docx, and .csv /
.jsonl batches of many articles.

This is the first half of the one way in: bytes become ``Document``s, each a text plus the
hints the container shows beside it (an HTML page's title, URL, site name and date; a batch's
columns). The metadata step (``lib.ingest.to_article``) turns a document into an ``Article``;
nothing here reads metadata out of the text.

Every failure is an ``IngestError`` that says what is wrong and what to do; nothing here
raises anything else on bad input (a fuzz test holds it to that). Limits guard the app:
``MAX_FILE_BYTES`` per file, ``MAX_ARTICLE_CHARS`` per article, and a DOCX is refused
when its members would inflate past ``MAX_UNZIPPED_BYTES`` (a zip bomb).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath

from lib.errors import IngestError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ARTICLE_CHARS = 1_000_000
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_BATCH_ROWS = 200_000
TEXT_EXTENSIONS = (".txt", ".md", ".markdown", ".text")
SUPPORTED = (*TEXT_EXTENSIONS, ".html", ".htm", ".pdf", ".docx", ".csv", ".jsonl", ".ndjson")
# Column names recognised in batches, first match wins; the user may map others.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text", "fulltext", "story"),
    "title": ("title", "headline", "heading"),
    "outlet": ("outlet", "source", "publisher", "site", "sitename", "media", "newspaper"),
    "date": ("date", "published", "publication_date", "pubdate", "published_at", "datetime", "time"),
    "url": ("url", "link", "href"),
    "byline": ("byline", "author", "authors"),
}


@dataclass(frozen=True)
class Hints:
    """What a file shows beside its text. ``stated`` holds values a person wrote down for
    this article (a batch's outlet, date, title or byline column, by field); the others
    are what the container records (an HTML page's metadata), trusted less than the text."""

    title: str | None = None
    url: str | None = None
    domain: str | None = None
    site: str | None = None  # the site's own name (HTML og:site_name)
    date: str | None = None  # YYYY-MM-DD
    author: str | None = None
    stated: tuple[tuple[str, str], ...] = ()
    stated_by: str = ""  # "batch.csv columns"
    origin: str = ""  # "HTML metadata"


@dataclass(frozen=True)
class Document:
    """One article's raw text as read from a file. ``name`` is the article's label (the
    file, or "batch.csv#3" for a row); ``file`` the file it came from."""

    name: str
    file: str
    text: str
    hints: Hints = Hints()


@dataclass
class ReadResult:
    """What one file gave: documents, the encoding used when it was not UTF-8, and
    per-row problems in a batch (the rest of the batch still goes in)."""

    name: str
    documents: list[Document] = field(default_factory=list)
    encoding: str | None = None
    problems: list[str] = field(default_factory=list)


def domain_of(url: str | None) -> str | None:
    """The host of ``url`` without "www.", lower case; None when there is none."""
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return None
    host = host.lower().removeprefix("www.")
    return host if "." in host else None


def safe_name(name: str) -> str:
    """A display and storage name: no folders, no control characters, at most 200 chars."""
    base = PurePath(name.replace("\\", "/")).name or "upload"
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip().lstrip(".")
    return (base or "upload")[:200]


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """Bytes to text. UTF-8 first; otherwise the encoding charset-normalizer detects,
    which is returned so the user can be told. Binary data is refused."""
    if not data.strip():
        raise IngestError(name, "the file is empty", "choose the file that holds the article text")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(name, "this looks like a binary file, not text", "export the article as .txt, .pdf or .docx")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise IngestError(
            name, "the text encoding could not be recognised", "save the file as UTF-8 and upload it again"
        )
    if best.coherence == 0.0 and len(data) > 200:
        # Bytes that decode in some code page but read as no language at all: garbage.
        raise IngestError(
            name,
            "the text encoding could not be recognised (the bytes read as no language)",
            "save the file as UTF-8 and upload it again",
        )
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise IngestError(name, "this looks like a binary file, not text", "export the article as .txt, .pdf or .docx")
    return text, best.encoding


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\n\r\t\f")
    return bad / len(sample)


def _check_text(text: str, name: str) -> str:
    if len(text) > MAX_ARTICLE_CHARS:
        raise IngestError(
            name,
            f"the text is {len(text):,} characters, over the {MAX_ARTICLE_CHARS:,} a single article may have",
            "split it into articles, or upload it as a .csv or .jsonl batch",
        )
    if _control_ratio(text) > 0.05:
        raise IngestError(name, "this looks like a binary file, not text", "export the article as .txt, .pdf or .docx")
    return text


def read_file(name: str, data: bytes, *, column_map: Mapping[str, str] | None = None) -> ReadResult:
    """Read one file into documents. Raises IngestError for a file that gives none."""
    name = safe_name(name)
    if len(data) > MAX_FILE_BYTES:
        raise IngestError(
            name, f"the file is {len(data) / 2**20:.1f} MB, over the {MAX_FILE_BYTES / 2**20:.0f} MB limit", "split it"
        )
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUPPORTED:
        raise IngestError(
            name, f"{suffix or 'no extension'} is not a supported format", f"use one of {', '.join(SUPPORTED)}"
        )
    result = ReadResult(name)
    if suffix in TEXT_EXTENSIONS:
        text, result.encoding = decode(data, name)
        result.documents.append(Document(name, name, _check_text(text, name)))
    elif suffix in (".html", ".htm"):
        text, result.encoding = decode(data, name)
        result.documents.append(_read_html(text, name))
    elif suffix == ".pdf":
        result.documents.append(Document(name, name, _check_text(_read_pdf(data, name), name)))
    elif suffix == ".docx":
        result.documents.append(Document(name, name, _check_text(_read_docx(data, name), name)))
    else:
        text, result.encoding = decode(data, name)
        rows = _csv_rows(text, name) if suffix == ".csv" else _jsonl_rows(text, name, result.problems)
        _read_batch(rows, name, result, column_map or {})
    if not result.documents:
        detail = f": {result.problems[0]}" if result.problems else ""
        raise IngestError(name, f"no article could be read from the file{detail}")
    return result


def _read_html(html: str, name: str) -> Document:
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura raises many kinds on malformed markup
        raise IngestError(name, f"the HTML could not be parsed ({type(exc).__name__})", "save the page again") from exc
    if not extracted:
        raise IngestError(name, "no article text was found in the HTML", "save the article page, not an index page")
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = data.get("text") or ""
    if not text.strip():
        raise IngestError(name, "no article text was found in the HTML", "save the article page, not an index page")
    body = _check_text(text, name)
    title = _text_or_none(data.get("title"))
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    url = _text_or_none(data.get("url"))
    hints = Hints(
        title=title,
        url=url,
        domain=domain_of(url) or domain_of(_text_or_none(data.get("hostname"))),
        site=_text_or_none(data.get("sitename")),
        date=iso_date(str(data.get("date") or "")) or None,
        author=_text_or_none(data.get("author")),
        origin="HTML metadata",
    )
    return Document(name, name, body, hints)


def _text_or_none(value: object) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _read_pdf(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise IngestError(name, "the PDF is encrypted", "export an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except IngestError:
        raise
    except (
        PdfReadError,
        ValueError,
        KeyError,
        TypeError,
        OSError,
        AttributeError,
        IndexError,
        RecursionError,
        AssertionError,
        ZeroDivisionError,
    ) as exc:
        raise IngestError(name, f"the PDF is damaged or truncated ({type(exc).__name__})", "export it again") from exc
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise IngestError(name, "the PDF has no extractable text (a scan?)", "run OCR first or paste the text")
    return text


def _read_docx(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            total = sum(info.file_size for info in infos)
            if total > MAX_UNZIPPED_BYTES or any(
                info.compress_size and info.file_size / info.compress_size > 200 for info in infos
            ):
                raise IngestError(name, "the DOCX would unpack to an unsafe size (a zip bomb?)", "open and re-save it")
            if "word/document.xml" not in archive.namelist():
                raise IngestError(name, "this is not a Word document (no word/document.xml)", "save it as .docx")
    except zipfile.BadZipFile as exc:
        raise IngestError(name, "the DOCX is damaged (not a zip archive)", "open and re-save it in Word") from exc
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises lxml, KeyError and its own errors on damaged files
        raise IngestError(name, f"the DOCX could not be read ({type(exc).__name__})", "open and re-save it") from exc
    text = "\n".join(p.text for p in document.paragraphs)
    if not text.strip():
        raise IngestError(name, "the DOCX has no text", "check that it is the article")
    return text


def _csv_rows(text: str, name: str) -> Iterator[dict[str, str]]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    csv.field_size_limit(MAX_ARTICLE_CHARS * 2)
    try:
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        for row in reader:
            yield {str(k).strip(): (v or "") for k, v in row.items() if k is not None}
    except csv.Error as exc:
        raise IngestError(name, f"the CSV is malformed ({exc})", "export it again as CSV") from exc


def _jsonl_rows(text: str, name: str, problems: list[str]) -> Iterator[dict[str, str]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not JSON ({exc.msg})")
            continue
        if not isinstance(value, dict):
            problems.append(f"line {number}: not a JSON object")
            continue
        yield {str(k): "" if v is None else str(v) for k, v in value.items()}


def peek_columns(name: str, data: bytes) -> list[str]:
    """The column names of a .csv or .jsonl batch (for a mapping form); [] if unreadable."""
    suffix = PurePath(name).suffix.lower()
    try:
        text, _ = decode(data[:200_000], name)
        rows = _csv_rows(text, name) if suffix == ".csv" else _jsonl_rows(text, name, [])
        return list(next(iter(rows), {}))
    except (IngestError, StopIteration):
        return []


def batch_columns(columns: list[str], column_map: Mapping[str, str]) -> dict[str, str]:
    """Field -> column: the user's mapping first, else the first recognised alias."""
    lowered = {c.lower().strip(): c for c in columns}
    chosen = {}
    for field_name, aliases in COLUMN_ALIASES.items():
        if column_map.get(field_name) in columns:
            chosen[field_name] = column_map[field_name]
            continue
        for alias in aliases:
            if alias in lowered:
                chosen[field_name] = lowered[alias]
                break
    return chosen


def _read_batch(rows: Iterator[dict[str, str]], name: str, result: ReadResult, column_map: Mapping[str, str]) -> None:
    mapping: dict[str, str] | None = None
    for number, row in enumerate(rows, start=1):
        if number > MAX_BATCH_ROWS:
            result.problems.append(f"rows after {MAX_BATCH_ROWS:,} were not read; split the file")
            break
        if mapping is None:
            mapping = batch_columns(list(row), column_map)
            if "text" not in mapping:
                raise IngestError(
                    name,
                    f"no text column (columns: {', '.join(list(row)[:12])})",
                    "name the article text column 'text', or map it in the uploader",
                )
        text = row.get(mapping["text"], "")
        if not text.strip():
            result.problems.append(f"row {number}: empty text")
            continue
        label = f"{name}#{number}"
        try:
            body = _check_text(text, label)
        except IngestError as exc:
            result.problems.append(f"row {number}: {exc.reason}")
            continue
        values = {k: row[c].strip() for k, c in mapping.items() if k not in ("text", "url") and row.get(c, "").strip()}
        url = row.get(mapping.get("url", ""), "").strip() or None
        hints = Hints(url=url, domain=domain_of(url), stated=tuple(sorted(values.items())), stated_by=f"{name} columns")
        result.documents.append(Document(label, name, body, hints))
    if mapping is None:
        raise IngestError(name, "the file has no rows", "check the export")


def iso_date(value: str) -> str:
    """The first YYYY-MM-DD (or YYYYMMDD) in ``value`` that is a real date, else ""."""
    for match in re.finditer(r"(?<!\d)((?:19|20)\d{2})-?(\d{2})-?(\d{2})(?!\d)", value):
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            continue
    return ""
