from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
SPEC = SHARED / "spec" / "seeds_expected.yml"
DATA = SHARED / "data"


@pytest.fixture(scope="session")
def dictionary():
    from lib.actors import load_dictionary

    return load_dictionary()


@pytest.fixture(scope="session")
def seed_articles():
    from lib.corpus import load_seeds

    return load_seeds()


@pytest.fixture(scope="session")
def seed_tables(seed_articles):
    from lib.corpus import analyse

    return analyse(seed_articles)[1]


def analyse_text(text: str):
    """Sentences, mentions, quotes and figures of one text."""
    from lib.actors import find_mentions, load_dictionary
    from lib.figures import extract_figures
    from lib.quotes import find_quotes
    from lib.text import split_sentences

    dictionary = load_dictionary()
    sentences = split_sentences(text)
    mentions = find_mentions(text, sentences, dictionary)
    return (
        sentences,
        mentions,
        find_quotes(text, sentences, mentions, dictionary),
        extract_figures(text, sentences, mentions),
    )


@pytest.fixture(scope="session")
def app_data_dir(tmp_path_factory):
    """One store for every AppTest run in this session (Streamlit caches it per process)."""
    import os

    folder = tmp_path_factory.mktemp("app-data")
    os.environ["STANCEWATCH_DATA_DIR"] = str(folder)
    return folder
