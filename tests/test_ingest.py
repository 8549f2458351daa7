import datetime as dt

import pytest

from lib.errors import IngestError
from lib.ingest import article_id, extract_article, resolve_partial_dates


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        (" date 2022-02-19 Amid the rising tensions, NATO met.\n\nMore text here.", "date", dt.date(2022, 2, 19)),
        ("Body text here.\nMore body.\nCredit | AA", "outlet", "Anadolu Agency"),
        ("Body text here.\nMore body.\nКорресподент", "outlet", "Korrespondent"),
        ("Lead line\nBy Agnes Szucs\nBody text here.", "byline", "Agnes Szucs"),
        ("Body text.\n\n(With inputs from ANI, Image: AP)", "credits", ("ANI", "AP")),
        ("MINSK, 10 February (BelTA) - Russia has no need to attack.", "outlet", "BelTA"),
        ("WASHINGTON, Feb 10, 2022 (Reuters) - Talks went on.", "date", dt.date(2022, 2, 10)),
        ("NATO Leaders Look to Defense\n\n1 year ago\n\nNATO will act.", "title", "NATO Leaders Look to Defense"),
        ("NATO Leaders Look to Defense\n\n1 year ago\n\nNATO will act.", "date", None),
        ("He spoke.\nRead Entire Article", "outlet", None),
    ],
)
def test_metadata_from_text(text, field, value):
    assert getattr(extract_article(text, "x.txt"), field) == value


def test_furniture_is_dropped():
    article = extract_article("Body text.\npic.twitter.com/dQxUvWODMZ\nRead Entire Article\n", "x.txt")
    assert "pic.twitter" not in article.text and "Read Entire" not in article.text


def test_weekday_fixes_the_year_within_the_corpus():
    dated = extract_article(" date 2022-02-19 Body.", "a.txt")
    partial = extract_article("He said this on Thursday, February 10, at a briefing.", "b.txt")
    assert partial.date is None and partial.partial_date == (2, 10, 3)
    resolved = resolve_partial_dates([dated, partial])
    assert resolved[1].date == dt.date(2022, 2, 10)
    assert "weekday" in dict(resolved[1].provenance)["date"]


def test_weekday_alone_is_not_a_date():
    assert resolve_partial_dates([extract_article("He spoke on Thursday, February 10.", "b.txt")])[0].date is None


def test_id_is_the_content_hash():
    assert article_id("a\r\nb  \n") == article_id("a\nb")
    assert article_id("a") != article_id("b")


def test_empty_text_is_an_error():
    with pytest.raises(IngestError, match="no text"):
        extract_article("   \n ", "empty.txt")


# ---- outlets and dates from every place that states them ---------------------------------

from pathlib import Path  # noqa: E402

from lib.formats import Document, Hints  # noqa: E402
from lib.ingest import (  # noqa: E402
    Sidecar,
    detect_language,
    engine_reads,
    language_note,
    load_outlets,
    load_paths,
    parse_sidecar,
    read_articles,
    to_article,
)
from tests.conftest import DATA  # noqa: E402

BODY = "Officials met in Geneva on Monday to discuss the security proposals.\n\nThe talks will go on next week."


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        # self-mentions, one table row per pattern in outlets.yml
        (BODY + "\n\nSign up for Onet's newsletter to get the news first.", "Onet"),
        (BODY + "\n\nMore stories like this are on TVN24's main page.", "TVN24"),
        (BODY + "\n\nRead the rest on the Kyiv Post's website.", "Kyiv Post"),
        (BODY + "\n\nWatch TVN24 live on the internet.", "TVN24"),
        ("A Ukrinform correspondent reports from Odesa that the port is calm.\n\n" + BODY, "Ukrinform"),
        ("The minister spoke on the radio, BelTA has learned.\n\n" + BODY, "BelTA"),
        (BODY + "\n\nCNN contacted the ministry for comment.", "CNN"),
        (BODY + "\n\nFox News' Jane Roe contributed to this report.", "Fox News"),
        # datelines at the top
        ("London CNN Business —\n\n" + BODY, "CNN"),
        ("CNN —\n\n" + BODY, "CNN"),
        ("Warsaw, Poland (Reuters)- " + BODY, "Reuters"),
        ("KYIV, 3 March (Ukrinform) - " + BODY, "Ukrinform"),
        # what is not the article's own outlet
        ("According to Reuters, the talks failed.\n\n" + BODY, None),
        ("Reuters was the first to report the move.\n\n" + BODY, None),
        ("The minister told CNN — in a long interview — that talks would go on.\n\n" + BODY, None),
        (BODY + "\n\nPhoto: Jane Roe, Anadolu Agency", None),
        (BODY + "\n\nSource: Reuters, PAP", None),
    ],
)
def test_outlet_stated_in_the_text(text, outlet):
    assert extract_article(text, "x.txt").outlet == outlet


def test_photo_agency_is_a_credit_not_the_outlet():
    article = extract_article(BODY + "\n\nPhoto: Jane Roe, Anadolu Agency", "x.txt")
    assert "Anadolu Agency" in article.credits and "Photo:" not in article.text


@pytest.mark.parametrize(
    ("name", "outlet", "date"),
    [
        ("guardian_2022-03-13_ab12.txt", "The Guardian", dt.date(2022, 3, 13)),
        ("usgov-wh_2022-03-01_3c57.txt", "US White House", dt.date(2022, 3, 1)),
        ("bbc_20220210_x.txt", "BBC", dt.date(2022, 2, 10)),
        ("theguardian.com_2022-01-02_x.txt", "The Guardian", dt.date(2022, 1, 2)),
        ("kyiv-post_2022-02-13_x.txt", "Kyiv Post", dt.date(2022, 2, 13)),
        ("gdeltpl_2022-02-01_x.txt", None, dt.date(2022, 2, 1)),  # a feed, not an outlet: never guessed
        ("notes_ab12.txt", None, None),
        ("guardian_notes.txt", None, None),  # a prefix counts only before a date
        ("report_2022-02-30_x.txt", None, None),  # no such day
    ],
)
def test_outlet_and_date_from_the_file_name(name, outlet, date):
    article = extract_article(BODY, name)
    assert (article.outlet, article.date) == (outlet, date)
    if outlet:
        assert dict(article.provenance)["outlet"] == "file name"


@pytest.mark.parametrize(
    ("hints", "outlet", "date"),
    [
        (Hints(url="https://www.theguardian.com/world/2022/feb/10/x", domain="theguardian.com"), "The Guardian", None),
        (Hints(url="https://eng.belta.by/politics/view/x", domain="eng.belta.by"), "BelTA", None),
        (Hints(url="https://example.org/2022/02/10/talks", domain="example.org"), None, dt.date(2022, 2, 10)),
        (Hints(site="Example News", date="2022-02-11", origin="HTML metadata"), "Example News", dt.date(2022, 2, 11)),
        (Hints(site="cnn.com", origin="HTML metadata"), "CNN", None),
        (Hints(stated=(("outlet", "AP"), ("date", "10 February 2022")), stated_by="b.csv columns"),
         "Associated Press", dt.date(2022, 2, 10)),
        (Hints(stated=(("outlet", "unknown PL outlet (one of: a.pl | b.pl)"),), stated_by="b.csv columns"), None, None),
        (Hints(stated=(("outlet", "n/a"),), stated_by="b.csv columns"), None, None),
    ],
)  # fmt: skip
def test_outlet_and_date_from_urls_domains_and_columns(hints, outlet, date):
    article = to_article(Document("x.txt", "x.txt", BODY, hints))
    assert (article.outlet, article.date) == (outlet, date)


def test_order_of_trust():
    stated_outlet = Hints(stated=(("outlet", "Kyiv Post"),), stated_by="b.csv columns")
    # what a person wrote down beats the text; the text beats the file name
    assert to_article(Document("x", "bbc_2022-01-01_x.txt", "CNN —\n\n" + BODY, stated_outlet)).outlet == "Kyiv Post"
    assert extract_article("CNN —\n\n" + BODY, "bbc_2022-01-01_x.txt").outlet == "CNN"
    # a date line in the text beats the file name; the file name beats a date merely mentioned near the top
    assert extract_article("date 2022-02-19 " + BODY, "bbc_2022-01-01_x.txt").date == dt.date(2022, 2, 19)
    near_top = "On February 18, 2022 the ministers met.\n\n" + BODY
    assert extract_article(near_top, "bbc_2022-01-01_x.txt").date == dt.date(2022, 1, 1)
    assert extract_article(near_top, "x.txt").date == dt.date(2022, 2, 18)


def test_a_placeholder_outlet_in_a_sidecar_stays_unknown(tmp_path):
    (tmp_path / "a_2022-02-01_x.txt").write_text(BODY)
    (tmp_path / "bbc_2022-02-02_y.txt").write_text(BODY + " Second.")
    (tmp_path / "index.csv").write_text(
        "file,outlet,date\na_2022-02-01_x.txt,unknown GB outlet (one of: bbc.co.uk | x.com),2022-02-03\n"
        "bbc_2022-02-02_y.txt,BBC News,\n"
    )
    by_file = {a.file: a for a in load_paths([tmp_path]).articles}
    first, second = by_file["a_2022-02-01_x.txt"], by_file["bbc_2022-02-02_y.txt"]
    assert first.outlet is None and first.date == dt.date(2022, 2, 3)
    assert dict(first.provenance)["date"] == "sidecar: index.csv"
    assert second.outlet == "BBC" and second.date == dt.date(2022, 2, 2)


def test_a_sidecar_uploaded_as_bytes():
    sidecar = parse_sidecar("meta.csv", b"file,outlet\nupload.txt,Reuters\n")
    assert sidecar is not None and parse_sidecar("batch.csv", b"text,outlet\nhello,AP\n") is None
    article = read_articles("upload.txt", BODY.encode(), sidecar=sidecar).articles[0]
    assert article.outlet == "Reuters" and dict(article.provenance)["outlet"] == "sidecar: meta.csv"
    assert read_articles("other.txt", BODY.encode(), sidecar=sidecar).articles[0].outlet is None
    assert not Sidecar()


ARTICLES = DATA / "articles"
# Read by hand for this test (not from index.csv): the shared articles whose text states their outlet.
STATED_IN_TEXT = {
    "gdeltby_2022-02-10_b94544c376.txt": "BelTA",  # dateline "MINSK, 10 February (BelTA) -"
    "gdeltby_2022-02-26_94f59328ed.txt": "BelTA",
    "gdeltpl_2022-02-09_1263f624db.txt": "Onet",  # "Sign up for Onet's newsletter"
    "gdeltpl_2022-02-15_020715f91f.txt": "Onet",
    "gdeltpl_2022-02-18_f80cd8cb9c.txt": "Onet",
    "gdeltpl_2022-03-14_25c2eefb44.txt": "TVN24",  # "Watch TVN24 on the Internet"
    "gdeltua_2022-03-23_812794c6ca.txt": "Ukrinform",  # "an Ukrinform correspondent reports"
    "gdeltus_2022-01-29_883c702aec.txt": "CNN",  # "Atlanta, United States (CNN)-"
    "gdeltus_2022-02-03_70f6841b94.txt": "Fox News",  # "Fox News' ... contributed to this report"
    "gdeltus_2022-02-14_3b725c2b68.txt": "CNN",  # "New York CNN Business —"
    "gdeltus_2022-02-19_6c92532846.txt": "CNN",  # "CNN —"
}


@pytest.mark.data
@pytest.mark.skipif(not ARTICLES.is_dir(), reason="../shared/data/articles is not beside the project")
def test_every_shared_article_that_states_its_outlet_gets_it():
    """Text and file name only: each file is read on its own, without index.csv beside it."""
    outlets = load_outlets()
    files = sorted(ARTICLES.glob("*.txt"))
    assert len(files) == 48
    for path in files:
        article = extract_article(path.read_text(encoding="utf-8"), path.name)
        from_name, date = outlets.from_file(path.name)
        expected = STATED_IN_TEXT.get(path.name) or from_name
        assert article.outlet == expected, path.name
        assert article.date == date and date is not None, path.name  # every file name carries its date
    assert sum(1 for p in files if outlets.from_file(p.name)[0]) == 30  # guardian_ and usgov-*


# ---- articles not in English --------------------------------------------------------------

ENGLISH = (
    "The foreign ministers met in Geneva on Monday to discuss the security proposals that Moscow sent to "
    "Washington last month. The talks lasted for more than seven hours, and both sides said that they would "
    "meet again next week. NATO has said that it is ready for dialogue but will not give up its open door."
)

RUSSIAN = (
    "Министр обороны заявил, что у границы сосредоточено более 100 000 военнослужащих.\n\n"
    "«Мы не собираемся ни на кого нападать», — сказал он журналистам в понедельник. По его словам, "
    "учения продлятся ещё две недели, а затем войска вернутся в места постоянной дислокации. "
    "Эксперты считают, что напряжённость в регионе сохранится до конца месяца, а переговоры в Женеве "
    "пока не принесли результата."
)
UKRAINIAN = (
    "Міністр закордонних справ заявив, що біля кордону зосереджено понад 100 000 військових.\n\n"
    "«Ми готові до діалогу, але не до поступок», — сказав він журналістам у вівторок. За його словами, "
    "партнери пообіцяли нову допомогу на 200 мільйонів доларів, а переговори триватимуть і наступного "
    "тижня. Аналітики вважають, що ситуація залишається напруженою."
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (RUSSIAN, "ru"),
        (UKRAINIAN, "uk"),
        (ENGLISH, "en"),
        (BODY, None),  # a short text in plain ASCII: not told (read as English)
        # ... and so with curly quotes and dashes, which say nothing of the language
        (
            "The minister said on Thursday \u2014 in Kyiv \u2014 that \u201cwe are ready for talks\u201d, and NATO\u2019s "
            "envoy said it would not send troops.",
            None,
        ),
        ("Minister obrony powiedział, że przy granicy stoi ponad 100 tysięcy żołnierzy i sytuacja jest napięta.", "pl"),
        ("OK", None),  # too short to tell
    ],
)
def test_language_is_detected(text, language):
    assert detect_language(text)[0] == language


@pytest.mark.parametrize(("text", "name"), [(RUSSIAN, "Russian"), (UKRAINIAN, "Ukrainian")])
def test_an_article_not_in_english_is_labelled_and_adds_nothing_misread(text, name):
    import math

    from lib.analysis import analyze_article

    article = extract_article(text, "x.txt")
    assert not engine_reads(article.language)
    assert name in str(language_note(article.language))
    assert "language" in dict(article.provenance)
    analysis = analyze_article(article)
    assert analysis.sentences  # kept, and shown in the Reader
    assert analysis.quotes == () and analysis.figures == ()
    assert all(math.isnan(p) for scores in analysis.sentiment for p, _ in scores.values())


def test_an_english_article_is_read():
    from lib.analysis import analyze_article

    text = ENGLISH + '\n\nStoltenberg said: "NATO will defend every ally." Russia has 100,000 troops there.'
    article = extract_article(text, "x.txt")
    assert article.language == "en" and language_note("en") is None and engine_reads(None)
    analysis = analyze_article(article)
    assert analysis.quotes and analysis.figures


def test_the_upload_report_says_which_articles_the_engine_cannot_read():
    from lib.corpus import ingest_files

    outcomes, kept = ingest_files(None, [("ru.txt", RUSSIAN.encode()), ("en.txt", ENGLISH.encode())])
    by_name = {o.name: o for o in outcomes}
    assert (
        "in Russian" in by_name["ru.txt"].message and "no statements, figures or sentiment" in by_name["ru.txt"].message
    )
    assert "Russian" not in by_name["en.txt"].message
    assert {a.language for a in kept} == {"ru", "en"}
    batch = "text\n" + "\n".join(f'"{t}"' for t in (RUSSIAN, UKRAINIAN, ENGLISH))
    (outcome,), _ = ingest_files(None, [("batch.csv", batch.encode())])
    assert "1 in Russian, 1 in Ukrainian" in outcome.message


def test_an_uploaded_sidecar_describes_the_other_files():
    from lib.corpus import ingest_files

    files = [("meta.csv", b"file,outlet,date\nen.txt,Reuters,2022-02-10\n"), ("en.txt", BODY.encode())]
    outcomes, kept = ingest_files(None, files)
    assert [o.status for o in outcomes] == ["metadata", "added"]
    assert (kept[0].outlet, kept[0].date) == ("Reuters", dt.date(2022, 2, 10))


def test_load_folder_is_load_paths(tmp_path):
    from lib.ingest import load_folder

    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b.md").write_text("# Title\n\n" + BODY + " More.")
    assert [a.id for a in load_folder(tmp_path)] == [a.id for a in load_paths([tmp_path]).articles]
    assert len(load_folder(Path(tmp_path))) == 2
