"""Corpora for the analytic layer's tests: the seeds, and one generated from the seeds'
paragraphs (outlets, dates, some undated and some outlet-less), both analysed once."""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
OUTLETS = ["Harbour Courier", "Valley Gazette", "Northern Wire", "Plains Daily", None]


def generated_corpus(size: int, seed: int = 12):
    """``size`` articles of 3-7 seed paragraphs, figures scaled, outlets and dates drawn."""
    from lib.ingest import extract_article

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    pool = [p.strip() for text in texts for p in re.split(r"\n\s*\n|\n", text) if len(p.split()) >= 12]
    rng = random.Random(seed)
    start = dt.date(2022, 2, 1)
    out = []
    for index in range(size):
        chosen = rng.sample(pool, rng.randint(3, 7))
        scale = rng.choice([0.5, 1.0, 1.0, 1.05, 2.0])
        body = "\n\n".join(re.sub(r"\b\d{1,3}(?:,\d{3})+\b", _scaled(scale), p) for p in chosen)
        article = extract_article(f"Report {index}\n\n{body}", f"gen-{index:04d}.txt")
        date = None if index % 7 == 3 else start + dt.timedelta(days=rng.randrange(40))
        out.append(replace(article, outlet=rng.choice(OUTLETS), date=date))
    return out


def _scaled(scale: float):
    return lambda match: f"{round(int(match.group().replace(',', '')) * scale):,}"


@pytest.fixture(scope="session")
def seed_corpus(seed_articles):
    from lib.analysis import analyze_articles

    return list(seed_articles), analyze_articles(seed_articles)


@pytest.fixture(scope="session")
def generated():
    from lib.analysis import analyze_articles

    articles = generated_corpus(120)
    return articles, analyze_articles(articles)


def pandas_filtered(tables, filters):
    """The pages' filtering (pages/_data.filtered) of the pandas tables, for comparison."""
    ids = None
    if filters.actors:
        ids = set(tables.mentions.loc[tables.mentions["actor"].isin(filters.actors), "article_id"].unique())
    if not filters.undated:
        dated = set(tables.articles.loc[tables.articles["date"].notna(), "article_id"])
        ids = dated if ids is None else ids & dated
    if filters.article_ids is not None:
        ids = set(filters.article_ids) if ids is None else ids & set(filters.article_ids)
    return tables.filter(outlets=list(filters.outlets) or None, article_ids=None if ids is None else list(ids),
                         date_range=filters.date_range)  # fmt: skip


def same_frame(ours: pd.DataFrame, theirs: pd.DataFrame, keys: list[str]) -> None:
    """Equal up to row order (sorted by ``keys``), dtype and float rounding."""
    assert list(ours.columns) == list(theirs.columns)
    assert len(ours) == len(theirs)

    def tidy(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.reset_index(drop=True)
        for column in frame.columns:
            values = frame[column].tolist()
            if all(isinstance(v, (int, float, bool)) or v is None or pd.isna(v) for v in values):
                frame[column] = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").astype("float64")
            else:
                frame[column] = [None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in values]
        return frame.sort_values(keys, kind="stable").reset_index(drop=True)

    pd.testing.assert_frame_equal(tidy(ours), tidy(theirs), check_dtype=False, atol=1e-9, rtol=1e-9)
