"""The rules' speed-ups find what the plain versions they replaced find."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.ingest import extract_article
from lib.quotes.lexicon import _find_cues_reference, find_cues, load_speech

ROOT = Path(__file__).resolve().parents[2]

EDGES = [
    "'said it", "ab'said x", "x said's", "Said", "’said", "a''said", "_said", "said_", "2said", "said2", "unsaid",
    "said-x", "x-said", "’’said", " ’'said", "said’", "He said, she told reporters, and they were saying so.",
]  # fmt: skip


def _texts() -> list[str]:
    files = sorted((ROOT / "seeds").glob("*.txt"))
    shared = ROOT.parent / "shared" / "data" / "articles"
    if shared.exists():
        files += sorted(shared.glob("*.txt"))
    return [extract_article(p.read_text(encoding="utf-8"), p.name).text for p in files] + EDGES


@pytest.mark.parametrize("thoughts", [False, True])
def test_find_cues_finds_what_the_word_loop_found(thoughts: bool) -> None:
    lexicon = load_speech(thoughts=thoughts)
    for text in _texts():
        found = [(m.start(), m.end(), m.group()) for m in find_cues(text, lexicon)]
        assert found == [(m.start(), m.end(), m.group()) for m in _find_cues_reference(text, lexicon)], text[:60]
