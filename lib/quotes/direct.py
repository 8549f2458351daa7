"""Direct quotes: spans between quotation marks, each given the speaker of the attribution
after it ("…,” X said), before it in its sentence ("X said: “…”"), or, with neither, the
previous quote of its paragraph (a quote continued)."""

from __future__ import annotations

import re

from lib.quotes.attributor import _Attributor
from lib.quotes.lexicon import _AFTER_MARKS, _AFTER_TRAILING_CUE, _CLOSE, _DASH_NAME, _MARKS, _OPEN
from lib.quotes.merge import Collector
from lib.quotes.speakers import _Ref, _Speakers
from lib.types import Sentence

_SINGLE = re.compile(r"(?:^|(?<=[\s(\[]))['‘](?=[A-Z])(?P<content>[^\n]{8,}?[,.!?])[’'](?![\w])")

# Before a name, what makes it the one addressed: "appealed directly to President Joe Biden: “…”".
# A reference right after one of these is where or to whom something was said, not who said it.
_AFTER_PREPOSITION = re.compile(r"\b(?:on|in|via|to|at|with)\s+(?:the\s+)?$", re.IGNORECASE)
_ADDRESSED = re.compile(r"\b(?:to|toward|towards|at)\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){0,2}$")


def _quote_spans(paragraph: str) -> list[tuple[int, int]]:
    """Spans in double quotation marks or, in a paragraph that has none (British style), in
    single ones that open before a capital and close after punctuation ("‘We will act,’ she
    said"): an apostrophe never does both."""
    if not _MARKS.search(paragraph):
        return [(m.start("content"), m.end("content")) for m in _SINGLE.finditer(paragraph)]
    return _double_spans(paragraph)


def _double_spans(paragraph: str) -> list[tuple[int, int]]:
    """(content start, content end) of quoted spans in a paragraph; an unclosed last quote
    runs to the paragraph's end (the typographic convention for multi-paragraph quotes)."""
    marks = [m.start() for m in _MARKS.finditer(paragraph)]
    spans = []
    index = 0
    while index < len(marks):
        open_at = marks[index]
        if paragraph[open_at] in _CLOSE and index + 1 < len(marks) and open_at > 0:
            index += 1  # a stray closing mark
            continue
        if index + 1 < len(marks):
            close = index + 1
            while close + 1 < len(marks) and (
                (paragraph[open_at] == paragraph[marks[close]] == '"' and _opens(paragraph, marks[close]))
                or paragraph[open_at] == paragraph[marks[close]] == "“"
            ):
                # '"A. "B."', '“A. “B.”': a mark that can only open continues the quote (paragraphs run
                # together, each opened by a mark and the one before left unclosed): one passage. („
                # opens a quote that “ closes.)
                close += 1
            spans.append((open_at + 1, marks[close]))
            index = close + 1
        else:
            if (paragraph[open_at] in _OPEN + '"' or open_at == 0) and len(paragraph) - open_at > 20:
                spans.append((open_at + 1, len(paragraph)))
            index += 1
    return spans


def _opens(paragraph: str, at: int) -> bool:
    """A straight mark that only an opening fits: after a sentence's end and a space, before a
    capital ('… ban. "But')."""
    before, after = paragraph[max(0, at - 2) : at], paragraph[at + 1 : at + 2]
    return len(before) == 2 and before[0] in ".!?" and before[1] == " " and after.isupper()


def _adjunct_attribution(attributor: _Attributor, start: int, sentence: Sentence) -> bool:
    """A sentence split off after a quote that opens with its attribution and says nothing more
    than where, when or about what it was said ("…?” Allan Lichtman said about McCain's effort to
    downplay his connections with Bush."): the quote's, however long; "…?” X said the country
    will act" is a statement of its own."""
    found = attributor.after_quote(start, sentence.end)
    if found is None:
        return False
    _, cue = found
    body_end = sentence.end - 1 if attributor.text[sentence.end - 1] in ".!?" else sentence.end
    return _AFTER_TRAILING_CUE.match(attributor.text[cue.end() : body_end]) is not None


def _reported_with_fragment(gap: str, cue: str, attributor: _Attributor) -> bool:
    """Whether the words between a cue and the quote that follows make it reported speech with a
    quoted fragment ("said that Putin “…”", "said this was “…”") rather than a quote introduced
    by its cue ("said: “…”", "told reporters, “…”", "said in a statement “…”")."""
    gap = gap.strip()
    if re.search(r"\bthat\s+\S", gap):
        return True  # "said that under the law, citizens could not go, “unless …”"
    if not gap or gap[-1] in ",:;–—-(" or attributor.lexicon.cue_pattern.fullmatch(gap):
        return False
    words = gap.split()
    if cue in attributor.lexicon.objects and len(words) <= 3:
        return False  # "told reporters “…”": the listener
    return not re.match(
        r"(?:in|on|at|during|after|before|while|last|earlier|later|from|to|this\s+(?:week|month|year|morning|"
        r"afternoon|evening|weekend|time))\b",
        gap,
        re.IGNORECASE,
    )


def _possessor(said: re.Match[str], speakers: _Speakers, floor: int) -> _Ref | None:
    """Whose response, reply or words a ``SpeechLexicon.speech_noun`` match names: the
    pronoun's antecedent, or the person or actor right before the "'s"."""
    if said["pronoun"]:
        gender = {"his": "m", "her": "f"}.get(said["pronoun"].lower())
        return speakers.antecedent(said.start("pronoun"), gender)
    before = speakers.ending_before(said.start("owner"), floor)
    return before[0] if before and before[0].end == said.start("owner") else None


# A short quoted title: every word capitalised but the small ones ("State of the Union", "Face the Nation").
_TITLE = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|the|and|on|in|a|an|for|to|at)\s+)*[A-Z][\w'’-]*){0,5}")
# A quoted stretch inside a lead: "Russian troops are “virtually cut off” by …".
_QUOTED = re.compile(r"[\"“„«]([^\"“”„«»]*)[\"”»]")


def _quoted_passage(lead: str) -> bool:
    """The lead before a quote holds a quotation of its own (more than four words), or an
    unpaired mark: it is not reported speech with short quoted fragments ("Russian troops are
    “virtually cut off” by the counteroffensive, which is “gaining momentum,” the ministry said")."""
    fragments = _QUOTED.findall(lead)
    if any(len(f.split()) > 4 for f in fragments):
        return True
    return bool(_MARKS.search(_QUOTED.sub("", lead)))


def direct_pass(
    collector: Collector,
    paragraph: tuple[int, int],
    spans: list[tuple[int, int]],
    attributor: _Attributor,
    speakers: _Speakers,
) -> None:
    """Offer the quoted spans of one paragraph, each with its speaker."""
    text, used_cues, add = collector.text, collector.used_cues, collector.add
    p_start, p_end = paragraph
    for start, end in spans:
        content = text[start:end]
        words = len(content.split())
        if words < 1:
            continue
        close = end + 1
        # The attribution may be split off as a sentence of its own ("…?” Clinton said.").
        sentence_end = attributor.sentence_of(min(close, p_end - 1)).end
        after_marks = _AFTER_MARKS.match(text, close, p_end)
        if after_marks and after_marks.end() < p_end:
            following = attributor.sentence_of(after_marks.end())
            introduced = attributor.cues_in(max(p_start, attributor.sentence_of(start).start), start)
            if not introduced and (
                len(following.text.split()) <= 8 or _adjunct_attribution(attributor, after_marks.end(), following)
            ):
                sentence_end = max(sentence_end, following.end)
        limit = min(p_end, max(sentence_end, close + 1))
        if _DASH_NAME.fullmatch(text, close, p_end):
            limit = p_end  # "“…” ― Sonya Herridge", split off as a sentence of its own
        next_mark = _MARKS.search(text, close, p_end)
        if next_mark:
            limit = min(limit, next_mark.start())
        speaker: _Ref | None = None
        cue = ""
        found = attributor.after_quote(close, limit)
        direct = True
        if found:
            speaker, cue_match = found
            cue = cue_match.group()
            used_cues.add(cue_match.start())
            # "Fighting in the cities would be “horrific”, the general added": the statement is the
            # sentence, in part quoted (reported speech with a quoted fragment).
            sentence = attributor.sentence_of(start)
            lead_start = max(sentence.start, p_start)
            for f_start, f_end in collector.furniture:
                if lead_start <= f_start and f_end < start:
                    lead_start = f_end  # "(AP Photo/Jane Roe) “…,” he said": the credit leads nothing
            lead = text[lead_start : start - 1]
            if (
                len(lead.split()) >= 3
                and not _quoted_passage(lead)
                and not attributor.cues_in(max(sentence.start, p_start), start - 1)
                and not re.search(r"[:,;–—-]\s*$", lead)
            ):
                start, direct = max(sentence.start, p_start), False
            if words < 2 and (direct or text[close : speaker.start].strip(" ,”\"’'")):
                # One quoted word is a statement only as the end of a reported sentence whose
                # attribution follows it ("An agreement is still “possible,” Ryabkov said"); else
                # its cue is left to the reported pass.
                used_cues.discard(cue_match.start())
                continue
        else:
            if words < 2:
                continue
            sentence = attributor.sentence_of(start)
            floor = max(sentence.start, p_start)
            prefix_end = start - 1
            colon = re.search(r"\s*:\s*$", text[floor:prefix_end])
            if colon:
                before = speakers.ending_before(floor + colon.start(), floor)
                gap = text[before[0].end : floor + colon.start()].strip() if before else ""
                participle = gap.lower() in attributor.lexicon.participle_cues
                if (
                    before
                    and not participle
                    and _AFTER_PREPOSITION.search(text, max(floor, before[0].start - 8), before[0].start)
                ):
                    before = []  # "wrote on Twitter: “…”": the channel, not the speaker; the cue's subject is
                if before and (not gap or participle):
                    # "Blinken: “…”", "with Blinken saying: “…”"
                    speaker, cue = before[0], gap or ":"
                    if _ADDRESSED.search(text[max(floor, before[0].start - 40) : before[0].start]):
                        # "Zelensky appealed directly to President Joe Biden: “…”": the one
                        # addressed listens; the sentence's subject speaks
                        subject = attributor.first_free(floor, before[0].start)
                        speaker = subject if subject is not None and subject.person else None
            said = (
                attributor.lexicon.speech_noun.search(text, floor, prefix_end)
                if attributor.lexicon.speech_noun
                else None
            )
            if speaker is None and said:
                speaker, cue = _possessor(said, speakers, floor), said["noun"]  # "His response was “…”"
            if speaker is None:
                cues = attributor.cues_in(floor, prefix_end)
                if cues:
                    if words < 4 or _reported_with_fragment(
                        text[cues[-1].end() : prefix_end], cues[-1].group(), attributor
                    ):
                        # a phrase quoted inside reported speech ("X said that Putin “has a plan”"):
                        # the reported pass keeps the whole clause
                        continue
                    speaker = attributor.subject(cues[-1].start(), floor)
                    cue = cues[-1].group()
                    used_cues.add(cues[-1].start())
            if speaker is None and colon and words >= 4:
                # "He also feels hope for the future: “…”": a whole quote the sentence introduces
                # with a colon, and no cue, is its subject's (a person's) words
                subject = attributor.first_free(floor, floor + colon.start())
                if subject is not None and subject.person:
                    speaker, cue = subject, ":"
            if speaker is None and words >= 4:
                window = text[close : min(limit, close + 60)]
                if attributor.lexicon.cue_pattern.search(window) and not _MARKS.search(window):
                    # "“…,” said a senior official who briefed reporters": an attribution of its
                    # own, to someone nobody names; no continuation of the statement before it
                    continue
                collector.pending.append((start, end))  # continues the statement before it, if adjacent
                continue
        if speaker is None:
            continue
        if words < 4 and cue in ("(continued)", ":"):
            continue  # a scare quote, not a statement
        if _TITLE.fullmatch(content.strip(" .,")):
            continue  # "told CNN's “State of the Union”": a programme's or a work's title, no words said
        add(speaker, start, end, direct=direct, cue=cue)
