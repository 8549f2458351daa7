"""Where the passes' candidates meet: one rule decides overlaps.

Passes run in order of how strong their evidence is (shapes a text declares -- tweets,
transcript turns, dash dialogue -- then quotation marks, then reported speech, then the
learned model). A candidate is trimmed of edge punctuation and accepted unless it overlaps a
statement accepted before it; a cue that a direct quote used is not used again.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from lib.quotes.speakers import _Ref
from lib.types import Quote, Sentence


def overlaps(covered: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in covered)


class Collector:
    """The statements accepted so far, in the order they were offered."""

    def __init__(self, text: str, original: str, sentences: Sequence[Sentence]) -> None:
        self.text = text  # typeset: ``''`` as one quotation mark, same offsets
        self.original = original
        self.sentence_starts = [s.start for s in sentences]
        self.sentences = sentences
        self.quotes: list[Quote] = []
        self.covered: list[tuple[int, int]] = []
        self.used_cues: set[int] = set()

    def add(self, ref: _Ref, start: int, end: int, *, direct: bool, cue: str, surface: str | None = None) -> bool:
        """Accept a statement unless it is too short or overlaps one accepted before."""
        text = self.text
        while end > start and text[end - 1] in " ,;:":
            end -= 1
        while start < end and text[start] in " ,;:":
            start += 1
        if end - start < 3 or overlaps(self.covered, start, end):
            return False
        index = max(0, bisect.bisect_right(self.sentence_starts, start) - 1)
        self.quotes.append(
            Quote(
                speaker=ref.speaker,
                speaker_rollup=ref.rollup,
                text=self.original[start:end],
                start=start,
                end=end,
                sentence_index=self.sentences[index].index,
                direct=direct,
                cue=cue,
                speaker_surface=surface if surface is not None else ref.surface,
            )
        )
        self.covered.append((start, end))
        return True

    def result(self) -> list[Quote]:
        return sorted(self.quotes, key=lambda q: q.start)
