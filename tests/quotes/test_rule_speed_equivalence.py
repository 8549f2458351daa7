"""The rules' speed-ups find what the plain versions they replaced find."""

from __future__ import annotations

import pytest

from lib.quotes.lexicon import _find_cues_reference, find_cues, load_speech
from tests.conftest import corpus_texts

EDGES = [
    "'said it", "ab'said x", "x said's", "Said", "’said", "a''said", "_said", "said_", "2said", "said2", "unsaid",
    "said-x", "x-said", "’’said", " ’'said", "said’", "He said, she told reporters, and they were saying so.",
]  # fmt: skip


def _texts() -> list[str]:
    return corpus_texts() + EDGES


@pytest.mark.parametrize("thoughts", [False, True])
def test_find_cues_finds_what_the_word_loop_found(thoughts: bool) -> None:
    lexicon = load_speech(thoughts=thoughts)
    for text in _texts():
        found = [(m.start(), m.end(), m.group()) for m in find_cues(text, lexicon)]
        assert found == [(m.start(), m.end(), m.group()) for m in _find_cues_reference(text, lexicon)], text[:60]
