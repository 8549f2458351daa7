"""Statements whose shape the text declares: an embedded tweet with its credit line, a
transcript's speaker turns ("NAME: …", running over the paragraphs until the next turn), and
dialogue set off by dashes ("- … - said X - …", the convention of many translated articles)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lib.actors import Dictionary, find_mentions
from lib.quotes.attributor import _Attributor
from lib.quotes.lexicon import _CREDIT, _DASH_QUOTE, _TRANSCRIPT, SpeechLexicon
from lib.quotes.merge import Collector
from lib.quotes.speakers import _Ref, _Speakers
from lib.types import Mention, Sentence


def tweet_pass(collector: Collector, paragraph: tuple[int, int], speakers: _Speakers) -> int:
    """Embedded tweets: each credit line ("— Name (@handle) March 4, 2022") ends its own tweet
    only, which begins after the previous credit line or line break. Returns where the rest of
    the paragraph, for the other passes, begins (its start when it holds no tweet)."""
    text = collector.text
    p_start, p_end = paragraph
    begin = p_start
    if text.find("(@", p_start, p_end) < 0:
        return begin
    for credit in _CREDIT.finditer(text, p_start, p_end):
        name = credit["name"].strip()
        start = max(begin, text.rfind("\n", p_start, credit.start()) + 1)
        ref = speakers.at(credit.start("name"), slack=1)
        if ref is None or ref.end > credit.end("name") + 1:
            ref = _Ref(0, 0, name, name, name, True, None)
        collector.add(ref, start, credit.start(), direct=True, cue="tweet", surface=name)
        begin = credit.end()
    return begin


class Transcript:
    """Speaker turns of a transcript: a turn opens with "NAME:" and runs over the following
    paragraphs until the next turn. Reporters' questions, the moderator and unnamed officials
    are not statements; nor is a turn too short to say anything ("Wonderful.", "Thank you.")."""

    def __init__(
        self, text: str, paragraphs: Sequence[tuple[int, int]], lexicon: SpeechLexicon, dictionary: Dictionary
    ) -> None:
        self.text = text
        self.lexicon = lexicon
        self.dictionary = dictionary
        self.turns: dict[int, tuple[int, int, str]] = {}  # paragraph index -> (content start, end, header)
        heads = []
        for index, (p_start, p_end) in enumerate(paragraphs):
            turn = _TRANSCRIPT.match(text[p_start:p_end])
            if turn and len(turn["name"].split()) <= 4:
                heads.append((index, p_start + turn.start("content"), turn["name"]))
        # A turn runs over the following paragraphs only in a transcript (two turns or more); a
        # lone "NAME: …" (a headline "NATO: “…”") is one paragraph.
        running = len(heads) >= 2
        self.within: set[int] = set()
        for position, (index, content_start, name) in enumerate(heads):
            last = index
            if running:
                last = heads[position + 1][0] - 1 if position + 1 < len(heads) else len(paragraphs) - 1
                # A turn stops before a question ("Q …") or furniture ("END", "10:51 A.M. EDT").
                for later in range(index + 1, last + 1):
                    body = text[paragraphs[later][0] : paragraphs[later][1]].strip()
                    first = re.split(r"[\s:.]", body, maxsplit=1)[0].upper()
                    if body.upper() == body or first in lexicon.transcript_skip:
                        last = later - 1
                        break
            self.turns[index] = (content_start, paragraphs[last][1], name)
            self.within.update(range(index, last + 1))

    def skipped(self, header: str) -> bool:
        words = header.replace(".", "").split()
        return (
            not words
            or words[0].upper() in self.lexicon.transcript_skip
            or words[-1].lower() in self.lexicon.generic_speakers
        )

    def host(self, role: str, header: str, mentions: Sequence[Mention]) -> str | None:
        """Who "THE PRESIDENT:" is in a transcript: of the dictionary's holders of the role, the
        ones the turns under that header do not name (a speaker does not name himself), whose
        state the transcript names most; None when nothing singles one out."""
        holders = set(self.dictionary.roles.get(role.lower(), ()))
        if not holders:
            return None
        spans = [(start, end) for start, end, name in self.turns.values() if name == header]
        named = {m.actor for m in mentions if any(s <= m.start < e for s, e in spans)}
        candidates = holders - named
        states: dict[str, int] = {}
        for m in mentions:
            states[m.rollup] = states.get(m.rollup, 0) + 1
        scored = sorted(((states.get(self.dictionary.rollup(name), 0), name) for name in candidates), reverse=True)
        # A clear lead: the host's state named at least three times, and more than any other's.
        if not scored or scored[0][0] < 3 or (len(scored) > 1 and scored[1][0] * 1.5 > scored[0][0]):
            return None
        return scored[0][1]

    def speaker(self, header: str, start: int, speakers: _Speakers, mentions: Sequence[Mention] = ()) -> _Ref:
        """ "NATO" -> the actor the dictionary reads there; "SECRETARY BLINKEN" -> the person the
        article or the dictionary knows by that surname; "THE PRESIDENT" -> ``host``, else as written
        (the host of a transcript is not the last president named)."""
        name = " ".join(w.capitalize() for w in header.split())
        if name.startswith("The "):
            host = self.host(name[4:], header, mentions)
            if host is not None:
                actor = self.dictionary.actor(host)
                return _Ref(start, start + len(header), host, self.dictionary.rollup(host), header, True,
                            actor.gender if actor else None)  # fmt: skip
        else:
            # "NATO:", "SECRETARY BLINKEN:" as the dictionary or the article reads them
            known_ref = speakers.at(start, slack=0)
            if known_ref is not None and known_ref.end <= start + len(header):
                return _Ref(start, start + len(header), known_ref.speaker, known_ref.rollup, header,
                            known_ref.person, known_ref.gender)  # fmt: skip
        bare = self.lexicon.leading_titles.sub("", name).strip()
        if bare and not name.startswith("The ") and len(bare.split()) <= 2:
            known = speakers.surnames.get(bare.split()[-1])
            if known:
                return _Ref(start, start + len(header), known, known, header, True, None)
            found = find_mentions(name, [Sentence(0, 0, len(name), name, 0)], self.dictionary)
            people = [m for m in found if m.kind == "person" and m.end == len(name)]
            if people:
                actor = self.dictionary.actor(people[0].actor)
                gender = actor.gender if actor else None
                return _Ref(start, start + len(header), people[0].actor, people[0].rollup, header, True, gender)
        return _Ref(start, start + len(header), name, name, header, True, None)


def transcript_pass(
    collector: Collector, index: int, transcript: Transcript, speakers: _Speakers, mentions: Sequence[Mention] = ()
) -> bool:
    """Offer the turn that opens at paragraph ``index``; True when the paragraph is part of a turn."""
    if index not in transcript.within:
        return False
    turn = transcript.turns.get(index)
    if turn is None:
        return True
    start, end, header = turn
    if transcript.skipped(header) or len(collector.text[start:end].split()) < 4:
        return True
    header_start = collector.text.rfind(header, 0, start)
    ref = transcript.speaker(header, max(0, header_start), speakers, mentions)
    collector.add(ref, start, end, direct=True, cue="transcript", surface=header)
    return True


# A line of dialogue with no attribution of its own: "- There will be no war." at a paragraph's
# start, or right after the sentence that introduces its speaker ("… said Sergei Lavrov.- If …").
_DASH_SPACE = re.compile(r"[-–—]\s")
_DIALOGUE = re.compile(r"(?m)(?:^|(?<=[.!?:”]))\s*[-–—]\s+(?P<content>[A-Z\"“„«][^\n]{10,}?[.!?…”\"»])\s*$")


def _dialogue(collector: Collector, paragraph: tuple[int, int], attributor: _Attributor) -> bool:
    p_start, p_end = paragraph
    line = _DIALOGUE.search(collector.text, p_start, p_end)
    if line is None or " - " in line["content"] or " – " in line["content"]:
        return False
    start, end = line.start("content"), line.end("content")
    introducer = None
    if start > p_start + 2:
        sentence = attributor.sentence_of(max(p_start, line.start() - 1))
        people = [r for r in attributor.speakers.ending_before(line.start() + 1, sentence.start) if r.person]
        introducer = people[0] if people else None
    collector.dialogue.append((start, end, introducer))
    return line.start() <= p_start + 1  # the whole paragraph is the line: nothing else to read in it


def dash_pass(collector: Collector, paragraph: tuple[int, int], attributor: _Attributor) -> bool:
    """ "- Military action is possible - said X - but not now": dialogue set off by dashes."""
    p_start, p_end = paragraph
    if not _DASH_SPACE.search(collector.text, p_start, p_end):
        return False  # both shapes need a dash before a space: neither is in the paragraph
    dash = _DASH_QUOTE.search(collector.text[p_start:p_end])
    if not dash:
        return _dialogue(collector, paragraph, attributor)
    found = attributor.after_quote(p_start + dash.start("attribution"), p_start + dash.end("attribution"))
    if not found:
        return False
    ref, cue_match = found
    collector.used_cues.add(cue_match.start())
    end = p_start + (dash.end("more") if dash["more"] else dash.end("content"))
    collector.add(ref, p_start + dash.start("content"), end, direct=True, cue=cue_match.group())
    return dash.start() == 0  # a line after a sentence leaves that sentence to the other passes


# A release that names its speaker before the text: "The following statement is attributed to
# Press Secretary X:", "Statement by Y:".
_ATTRIBUTED = re.compile(
    r"^\s*(?:the\s+following\s+)?statement\s+(?:is\s+|was\s+)?(?:attributed\s+to|by|from)\s+(?P<who>[^:\n]{3,120}?):\s*",
    re.IGNORECASE,
)


def attributed_pass(collector: Collector, paragraphs: Sequence[tuple[int, int]], attributor: _Attributor) -> None:
    """The statement of a release attributed to its speaker up front: it runs from the colon to
    the end of the release (the last paragraph before furniture: "###", a heading in capitals)."""
    text = collector.text
    for index, (p_start, p_end) in enumerate(paragraphs):
        found = _ATTRIBUTED.match(text[p_start:p_end])
        if not found:
            continue
        ref = attributor.named_in(p_start + found.start("who"), p_start + found.end("who"))
        if ref is None:
            continue
        end = p_end
        for later_start, later_end in paragraphs[index + 1 :]:
            body = text[later_start:later_end].strip()
            if not body or body.upper() == body or len(body.split()) < 4:
                break
            end = later_end
        collector.add(ref, p_start + found.end(), end, direct=True, cue="statement attributed to")
