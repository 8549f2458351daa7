"""Every upload format, and every kind of bad input: one clear message, nothing else."""

from __future__ import annotations

import io
import json
import random
import zipfile

import pytest

from lib.errors import IngestError
from lib.formats import MAX_ARTICLE_CHARS, domain_of, iso_date, read_file, safe_name
from lib.ingest import read_articles

ARTICLE = "Stoltenberg said that NATO is ready for dialogue with Russia. Russia has deployed more than 100,000 troops."


def make_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_pdf(text: str) -> bytes:
    """A minimal one-page PDF with ``text`` in Helvetica (written by hand: no PDF writer needed)."""
    stream = f"BT /F1 11 Tf 50 750 Td ({text.replace('(', '').replace(')', '')}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


HTML = """<html><head><title>NATO ready for talks</title><meta property="og:site_name" content="Example News">
<meta name="date" content="2022-02-10"></head><body><nav>Home | World</nav><article><h1>NATO ready for talks</h1>
<p>Stoltenberg said that NATO is ready for dialogue with Russia, in a long statement in Brussels on the day.</p>
<p>Russia has deployed more than 100,000 troops near the border with Ukraine, officials said on Thursday.</p>
<p>The alliance rejected Moscow's demands but offered talks on arms control and transparency measures.</p>
</article><footer>Cookie policy</footer></body></html>"""


@pytest.mark.parametrize(
    ("name", "data", "expect_text"),
    [
        ("a.txt", ARTICLE.encode(), "ready for dialogue"),
        ("a.md", ("# NATO and Russia\n\n" + ARTICLE).encode(), "ready for dialogue"),
        ("a.html", HTML.encode(), "ready for dialogue"),
        ("a.pdf", make_pdf(ARTICLE), "ready for dialogue"),
        ("a.docx", make_docx("NATO and Russia\n" + ARTICLE), "ready for dialogue"),
    ],
)
def test_each_format_gives_an_article(name, data, expect_text):
    result = read_file(name, data)
    assert len(result.documents) == 1
    assert expect_text in result.documents[0].text
    assert expect_text in read_articles(name, data).articles[0].text


def test_html_metadata_is_read():
    document = read_file("page.html", HTML.encode()).documents[0]
    assert (document.hints.title, document.hints.site, document.hints.date) == (
        "NATO ready for talks", "Example News", "2022-02-10"
    )  # fmt: skip
    article = read_articles("page.html", HTML.encode()).articles[0]
    assert article.title == "NATO ready for talks"
    assert (article.outlet, str(article.date)) == ("Example News", "2022-02-10")
    assert "Cookie policy" not in article.text and "Home | World" not in article.text


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.theguardian.com/world/2022/x", "theguardian.com"),
        ("eng.belta.by/politics", "eng.belta.by"),
        ("HTTP://WWW.CNN.COM", "cnn.com"),
        ("not a url", None),
        (None, None),
    ],
)
def test_domain_of_a_url(url, domain):
    assert domain_of(url) == domain


@pytest.mark.parametrize(
    ("value", "iso"),
    [("2022-02-10T10:00:00Z", "2022-02-10"), ("20220210T100000Z_PL", "2022-02-10"), ("2022-02-30", ""), ("x", "")],
)
def test_iso_date(value, iso):
    assert iso_date(value) == iso


def test_non_utf8_is_detected_and_reported():
    text = "Außenministerin Baerbock sagte, Russland müsse deeskalieren. Die Gespräche in Genf gehen weiter, heißt es."
    result = read_file("de.txt", text.encode("cp1252"))
    assert result.encoding is not None and result.encoding.lower() != "utf_8"
    assert "Außenministerin" in result.documents[0].text


def test_csv_batch_with_mapped_and_aliased_columns():
    data = "headline,body,source,published\nTalks,NATO met Russia in Geneva for talks.,Reuters,2022-01-10\nMore,Second text here about talks.,AP,2022-01-11\n"
    assert dict(read_file("batch.csv", data.encode()).documents[1].hints.stated)["outlet"] == "AP"
    result = read_articles("batch.csv", data.encode())
    assert [a.outlet for a in result.articles] == ["Reuters", "Associated Press"]  # a listed code, by its name
    assert [str(a.date) for a in result.articles] == ["2022-01-10", "2022-01-11"]
    assert result.articles[0].title == "Talks"
    assert dict(result.articles[0].provenance)["outlet"] == "batch.csv columns"


def test_csv_without_a_text_column_names_the_columns():
    with pytest.raises(IngestError, match=r"no text column.*name, value"):
        read_file("batch.csv", b"name,value\na,1\n")


def test_csv_column_mapping_by_the_user():
    result = read_file(
        "batch.csv", b"story_body,who\nNATO and Russia talked again today.,X\n", column_map={"text": "story_body"}
    )
    assert result.documents[0].text.startswith("NATO and Russia")


def test_jsonl_skips_bad_lines_and_keeps_the_rest():
    lines = [json.dumps({"text": "NATO met Russia in Geneva.", "outlet": "AP"}), "{not json", json.dumps([1, 2])]
    result = read_articles("batch.jsonl", "\n".join(lines).encode())
    assert len(result.articles) == 1 and len(result.problems) == 2


def test_a_10000_row_csv_goes_in():
    rows = "\n".join(f"Article number {i} says NATO and Russia talked,2022-02-{1 + i % 28:02d}" for i in range(10_000))
    result = read_articles("big.csv", ("text,date\n" + rows).encode())
    assert len(result.articles) == 10_000


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 20_000_000)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t ", "empty"),
        ("binary.txt", bytes(range(256)) * 40, "binary"),
        ("program.exe", b"MZ\x90\x00", "not a supported format"),
        ("noext", b"text", "not a supported format"),
        ("garbage.txt", bytes(random.Random(1).randrange(128, 256) for _ in range(5000)), "binary|encoding"),
        ("truncated.pdf", make_pdf(ARTICLE)[:200], "damaged or truncated|no extractable text"),
        ("notpdf.pdf", b"%PDF-1.4 nonsense", "damaged or truncated|no extractable text"),
        ("corrupt.docx", b"PK\x03\x04 this is not a zip", "damaged"),
        ("bomb.docx", _zip_bomb(), "unsafe size"),
        (
            "noword.docx",
            (lambda b: (zipfile.ZipFile(b, "w").writestr("x.txt", "hi"), b.getvalue())[1])(io.BytesIO()),
            "not a Word document",
        ),
        ("huge.txt", b"A" * (51 * 1024 * 1024), "over the 50 MB limit"),
        ("long.txt", ("Russia and NATO talked. " * (MAX_ARTICLE_CHARS // 20)).encode(), "split it"),
        ("nohead.csv", b"", "empty"),
    ],
)
def test_bad_input_is_one_clear_message(name, data, message):
    with pytest.raises(IngestError, match=message) as info:
        read_articles(name, data)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("a\x00b\x1b[31m.txt", "ab[31m.txt"),
        ("..\\..\\win.txt", "win.txt"),
        ("", "upload"),
    ],
)
def test_file_names_are_made_safe(name, safe):
    assert safe_name(name) == safe


def test_fuzz_hostile_files_raise_only_ingest_errors():
    """>= 1,000 generated hostile files through the ingest path: every outcome is an
    article or an IngestError; any other exception fails the test."""
    rng = random.Random(20221)
    seeds = {
        ".txt": ARTICLE.encode(), ".md": ARTICLE.encode(), ".html": HTML.encode(), ".pdf": make_pdf(ARTICLE),
        ".docx": make_docx(ARTICLE), ".csv": b"text,outlet\n" + ARTICLE.encode() + b",AP\n",
        ".jsonl": json.dumps({"text": ARTICLE}).encode(),
    }  # fmt: skip
    payloads = [
        "<script>alert(1)</script>",
        '=HYPERLINK("x")',
        "\u202e\u200b",
        "\x00\x01\x02",
        "%PDF",
        "PK\x03\x04",
        "💥" * 50,
    ]
    outcomes = {"article": 0, "rejected": 0}
    for case in range(1200):
        ext = rng.choice([*seeds, ".exe", ""])
        data = bytearray(seeds.get(ext, b"\x7fELF"))
        mode = case % 6
        if mode == 0:
            for _ in range(rng.randint(1, 30)):
                if data:
                    data[rng.randrange(len(data))] = rng.randrange(256)
        elif mode == 1:
            data = data[: rng.randrange(len(data) + 1)]
        elif mode == 2:
            data = bytearray(rng.randbytes(rng.randint(0, 4000)))
        elif mode == 3:
            data[rng.randrange(len(data) + 1) : 0] = rng.choice(payloads).encode("utf-8", "surrogatepass")
        elif mode == 4:
            data = bytearray(rng.choice(payloads).encode() * rng.randint(1, 200))
        else:
            data += bytes(rng.randbytes(rng.randint(1, 500)))
        name = rng.choice(["a", "../x", "\x1bname", "n" * 300, "ok"]) + ext
        try:
            result = read_articles(name, bytes(data))
            assert result.articles
            outcomes["article"] += 1
        except IngestError:
            outcomes["rejected"] += 1
    assert sum(outcomes.values()) == 1200
    print(f"fuzz: {outcomes}")
