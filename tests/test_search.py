"""lib/search.py: the article list and full-text search (made-up articles)."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.search import ARTICLE_LIST_COLUMNS, article_list, query_terms, search, term_spans

TEXTS = {
    "a1": (
        "North Daily",
        dt.date(2022, 2, 1),
        "Stoltenberg said that NATO remains open to peace talks with Russia. "
        "The alliance has 40,000 troops on standby. Nothing else happened.",
    ),
    "a2": (
        "South Post",
        None,
        "Lavrov said that Moscow wants security guarantees. Peace is not on the table, an aide added.",
    ),
    "a3": ("South Post", dt.date(2022, 2, 3), "Markets were calm on Tuesday. Oil prices rose slightly."),
}


@pytest.fixture(scope="module")
def tables():
    from lib.corpus import analyse
    from lib.types import Article

    articles = [
        Article(id=key, file=f"{key}.txt", text=text, title=f"Story {key}", outlet=outlet, date=date)
        for key, (outlet, date, text) in TEXTS.items()
    ]
    return analyse(articles)[1]


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("troops", ["troops"]),
        ("  Peace   TALKS ", ["peace", "talks"]),
        ('"peace talks" Russia', ["peace talks", "russia"]),
        ('"unbalanced quote', ["unbalanced", "quote"]),
        ("", []),
    ],
)
def test_query_terms(query, terms):
    assert query_terms(query) == terms


@pytest.mark.parametrize(
    ("query", "articles"),
    [
        ("troops", {"a1"}),
        ("PEACE", {"a1", "a2"}),
        ('"peace talks"', {"a1"}),
        ("peace table", {"a2"}),  # every term, in one sentence
        ("troops calm", set()),  # terms in different articles
        ("40,000", {"a1"}),
        ("security guarantees", {"a2"}),  # inside a statement
        ("", set()),
    ],
)
def test_search_finds_the_articles_holding_every_term(tables, query, articles):
    assert set(search(tables, query)["article_id"]) == articles


def test_a_statement_is_a_hit_of_its_own(tables):
    hits = search(tables, "security guarantees")
    assert set(hits["where"]) == {"sentence", "statement"}


def test_article_list_counts_and_orders_columns(tables):
    frame = article_list(tables, "textblob")
    assert list(frame.columns) == ARTICLE_LIST_COLUMNS
    rows = frame.set_index("article_id")
    assert rows.loc["a1", "figures"] >= 1 and rows.loc["a3", "statements"] == 0
    assert rows.loc["a1", "statements"] >= 1 and rows.loc["a2", "statements"] >= 1
    assert rows.loc["a3", "title"] == "Story a3" and rows.loc["a1", "outlet"] == "North Daily"
    assert frame["tone"].notna().all()


def test_article_list_with_a_query_keeps_the_hits_and_their_first_sentence(tables):
    frame = article_list(tables, "textblob", query="peace").set_index("article_id")
    assert set(frame.index) == {"a1", "a2"}
    assert frame.loc["a1", "first_match"] == 0 and frame.loc["a2", "first_match"] == 1
    assert (frame["matches"] >= 1).all()


def test_article_list_with_an_unscored_engine_has_no_tone(tables):
    assert article_list(tables, "no-such-engine")["tone"].isna().all()


@pytest.mark.parametrize(
    ("text", "terms", "window", "spans"),
    [
        ("Peace now. No peace later.", ["peace"], (0, None), [(0, 5), (14, 19)]),
        ("Peace now. No peace later.", ["peace"], (11, None), [(14, 19)]),
        ("Peace talks, peace TALKS.", ["peace talks"], (0, None), [(0, 11), (13, 24)]),
        ("Nothing here.", ["peace"], (0, None), []),
    ],
)
def test_term_spans(text, terms, window, spans):
    start, end = window
    assert term_spans(text, terms, start=start, end=end) == spans
