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
