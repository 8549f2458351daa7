"""Where the passes' candidates meet: one rule decides overlaps.

Passes run in order of how strong their evidence is (shapes a text declares -- tweets,
transcript turns, dash dialogue -- then quotation marks, then reported speech, then the
learned model). A candidate is trimmed of edge punctuation and accepted unless it overlaps a
statement accepted before it; a cue that a direct quote used is not used again. A news
outlet is never a speaker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from lib.quotes.speakers import _Ref, _Speakers
from lib.types import Quote, Sentence


@lru_cache(maxsize=1)
def media() -> frozenset[str]:
    """News outlets (``outlets.yml``): a medium reporting is a source, never a speaker
    ("CNN reported that …"), in every pass."""
    from lib.ingest import load_outlets

    outlets = load_outlets()
    return frozenset(outlets.names) | frozenset(outlets.by_written)


def overlaps(covered: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in covered)


# What may stand between two reported clauses of one speaker that are one statement: a
# conjunction and the second cue ("… and said …", "…, adding that …").
_COORDINATED = re.compile(
    r"[\s,;]*(?:and\s+|but\s+)?(?:also\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,2}?\s*(?:that\s+)?", re.IGNORECASE
)
_NOT_JOINT = frozenset({"(continued)", "transcript", "tweet", "(model)"})


def _has_narrative(between: str, cue: str = "") -> bool:
    """Whether the text between two statements holds a sentence of the narrator's own, more
    than the attribution of the statement before: "he said.", or one clause that holds its
    cue however long the speaker's description ("Peter Brown, a former official focused on
    sanctions at the Treasury, said.")."""
    if len(between.split()) <= 8:
        return False
    body = between.strip(' \n"“”„«»,.')
    return not (cue and re.search(rf"\b{re.escape(cue)}\b", body) and not re.search(r"[.!?;:]\s", body))


class Collector:
    """The statements accepted so far, in the order they were offered."""

    def __init__(
        self,
        text: str,
        original: str,
        sentences: Sequence[Sentence],
        paragraphs: Sequence[tuple[int, int]] = (),
        furniture: Sequence[re.Pattern[str]] = (),
        markers: Sequence[str] = (),
        speakers: _Speakers | None = None,
        media_heads: frozenset[str] = frozenset(),
        media_suffixes: tuple[str, ...] = (),
        media_speak: bool = False,
        source_participles: frozenset[str] = frozenset(),
        unspoken: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.media_heads = media_heads
        self.media_suffixes = media_suffixes
        # "The Telegraph reported that …, citing Defence Secretary Ben Wallace": the one cited speaks
        self._citing = (
            re.compile(r"\s*,?\s*(?:" + "|".join(map(re.escape, sorted(source_participles))) + r")\s+")
            if source_participles
            else None
        )
        # PolNeAR's notion of attribution (``find_quotes(thoughts=True)``) counts a medium that
        # reports as a source ("CBS said it was cancelling …"); statements never do.
        self.media_speak = media_speak
        spans = [(m.start(), m.end()) for pattern in furniture for m in pattern.finditer(text)]
        spans += unspoken  # photo captions run into the text and the headline (``find_quotes``)
        for marker in markers:
            at = text.find(marker)
            while at >= 0:
                # The related headline: back from the marker to the previous sentence end (200 characters at most).
                floor = max(0, at - 200)
                start = max((text.rfind(mark, floor, at) for mark in '.!?”"\n'), default=-1)
                spans.append((start + 1 if start >= 0 else floor, at + len(marker)))
                at = text.find(marker, at + len(marker))
        self.furniture = sorted(spans)
        self.speakers = speakers  # for joint speakers ("A and B said")
        self.paragraph_starts = [start for start, _ in paragraphs]
        self.paragraph_ends = [end for _, end in paragraphs]
        self.text = text  # typeset: ``''`` as one quotation mark, same offsets
        self.original = original
        self.sentence_starts = [s.start for s in sentences]
        self.sentences = sentences
        self.quotes: list[Quote] = []
        self.covered: list[tuple[int, int]] = []
        self.used_cues: set[int] = set()
        # Quotes with no attribution of their own: a continuation of the statement just before.
        self.pending: list[tuple[int, int]] = []
        # Dialogue lines ("- There will be no war."): a continuation too, across paragraphs, or
        # else the words of the person the sentence before them introduced.
        self.dialogue: list[tuple[int, int, _Ref | None]] = []

    def _cited(self, start: int, end: int) -> tuple[_Ref, int] | None:
        """Whom a medium's statement cites ("…, citing U.K. Defense Secretary Ben Wallace"), in
        its content or right after it: the first person or body named within 60 characters of
        the participle in its sentence, and where the statement then ends (before the
        participle); None when it cites no one the article names, or another medium."""
        if self._citing is None or self.speakers is None:
            return None
        citing = next((m for m in self._citing.finditer(self.text, start, end) if m.start() > start), None)
        citing = citing or self._citing.match(self.text, end)
        if citing is None:
            return None
        sentence = self.sentences[max(0, bisect.bisect_right(self.sentence_starts, citing.start()) - 1)]
        limit = min(sentence.end, citing.end() + 60)
        for ref in self.speakers.refs:
            if citing.end() <= ref.start < limit and ref.end <= sentence.end:
                if self.is_medium(ref.speaker) or ref.surface.lower() in ("he", "she", "it", "they"):
                    return None
                return ref, min(end, citing.start())
        return None

    def add(self, ref: _Ref, start: int, end: int, *, direct: bool, cue: str, surface: str | None = None) -> bool:
        """Accept a statement unless it is too short or overlaps one accepted before."""
        text = self.text
        while end > start and text[end - 1] in " ,;:":
            end -= 1
        while start < end and text[start] in " ,;:":
            start += 1
        for f_start, f_end in self.furniture:
            if f_start < end and start < f_end:
                if f_start <= start:
                    start = f_end  # a statement begins after the furniture it follows
                else:
                    end = f_start  # and ends before the furniture it runs into
                while start < end and (text[start].isspace() or (direct and text[start] in '"“„«')):
                    start += 1  # after the furniture: the quotation's own first word
                while end > start and text[end - 1].isspace():
                    end -= 1
        if not self.media_speak and self.is_medium(ref.speaker):
            found = self._cited(start, end)
            if found is None:
                return False
            (ref, end), surface = found, None  # the one cited, as the article names them
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
        partner = self.speakers.joint_partner(ref) if self.speakers is not None and cue not in _NOT_JOINT else None
        if partner is not None:
            # A joint statement is listed once per speaker, at the same span.
            self.quotes.append(replace(self.quotes[-1], speaker=partner.speaker, speaker_rollup=partner.rollup,
                                       speaker_surface=partner.surface))  # fmt: skip
        return True

    def is_medium(self, name: str) -> bool:
        """A news outlet (``outlets.yml``) or a name ending like one ("Novaya Gazeta")."""
        words = name.split()
        known = media()
        # "Telegraph" for "The Telegraph": the outlet named without its article
        if name in known or f"The {name}" in known or (len(words) >= 2 and words[-1] in self.media_heads):
            return True
        # "BFMTV": one word that ends like a channel's name
        return len(words) == 1 and any(name.endswith(s) and len(name) > len(s) for s in self.media_suffixes)

    def sentence_at(self, position: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, position) - 1)

    def paragraph_at(self, position: int) -> int:
        return max(0, bisect.bisect_right(self.paragraph_starts, position) - 1)

    def _runs_on(self, quote: Quote) -> bool:
        """A direct quote left open at the end of its paragraph (the next one opens with a mark)."""
        if not quote.direct or not self.paragraph_ends:
            return False
        end = self.paragraph_ends[self.paragraph_at(quote.start)]
        return not self.text[quote.end : end].strip(" .,") and self.text[end - 1 : end] not in '”"»'

    def _last_before(self, position: int) -> Quote | None:
        """The accepted statement that ends last before ``position``."""
        earlier = [q for q in self.quotes if q.end <= position]
        return max(earlier, key=lambda q: q.end) if earlier else None

    def _continue(self, previous: Quote, start: int, end: int) -> None:
        ref = _Ref(previous.start, previous.start, previous.speaker, previous.speaker_rollup,
                   previous.speaker_surface, True, None)  # fmt: skip
        self.add(ref, start, end, direct=True, cue="(continued)", surface=previous.speaker_surface)

    def continue_pending(self) -> None:
        """Give each unattributed quote the speaker of the statement that ends right before it:
        nothing but its attribution between them ("“A,” he said. “B.”"), never across a sentence
        of the narrator's. A quote with no such neighbour stays unattributed. A dialogue line
        continues a direct statement the same way, across paragraphs too, or else goes to the
        person the sentence before it introduced."""
        for start, end in sorted(self.pending):
            last = self._last_before(start)
            if last is None or _has_narrative(self.text[last.end : start], last.cue):
                continue
            if self.paragraph_at(start) != self.paragraph_at(last.start) and not self._runs_on(last):
                continue  # a new paragraph continues a quote only when the last one was left open
            self._continue(last, start, end)
        for start, end, introducer in sorted(self.dialogue, key=lambda item: item[0]):
            last = self._last_before(start)
            if last is not None and last.direct and not _has_narrative(self.text[last.end : start]):
                self._continue(last, start, end)
            elif introducer is not None:
                self.add(introducer, start, end, direct=True, cue="(dialogue)")

    def result(self) -> list[Quote]:
        """The statements in text order, a speaker's coordinated reported clauses in one sentence
        joined into one statement ("denied A and said B", "said A, adding that B"), as an
        analyst counts them; a direct quote beside a reported clause stays apart."""
        merged: list[Quote] = []
        for quote in sorted(self.quotes, key=lambda q: q.start):
            last = merged[-1] if merged else None
            if (
                last is not None
                and not last.direct
                and not quote.direct
                and last.speaker == quote.speaker
                and last.sentence_index == quote.sentence_index
                and _COORDINATED.fullmatch(self.text, last.end, quote.start)
            ):
                merged[-1] = replace(last, text=self.original[last.start : quote.end], end=quote.end)
                continue
            merged.append(quote)
        return merged
