"""Reported speech: "X said (that) …", "…, X said.", "A, X said, B", "according to X"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lib.quotes.attributor import _Attributor
from lib.quotes.lexicon import (
    _AFTER_TRAILING_CUE,
    _CLAUSE_END,
    _MARKS,
    _THAT,
    _THAT_AFTER_OBJECT,
    _WHEN,
    SpeechLexicon,
)
from lib.quotes.merge import Collector, overlaps
from lib.quotes.speakers import _Ref
from lib.types import Sentence
from lib.words import verb_base

# Patterns of the passes, compiled once (re.search(str, …) looks each up in re's cache per call).
_RELATIVE = re.compile(r"\b(?:that|which|who)\b")
_LISTENER = re.compile(r"\s*([\w’']+)\s+")
_LEAD = re.compile(r"[\s:]*")
_JOINED_AND = re.compile(r",?\s+and\s+(?:[^,]{0,60},\s*)?$")
_CONJUNCTION_BEFORE = re.compile(r"[\s,]+(?:and|but)\s+(?:\w+\s+)?$")
_CLAUSE_BREAK = re.compile(r"[,;:]")
_COORDINATED = re.compile(r"\s*(?:but|and|while|whereas|yet)\b")
_NUMBER_NEXT = re.compile(r"\s+\d")  # "said about 300 troops": a number, not a topic
# A non-restrictive relative clause that holds the cue: ", which Kyiv said", ", who said".
_RELATIVE_OPEN = re.compile(r",\s+(?:which|who|whom)\s+(?:[a-z]+\s+){0,2}$")


def _trailing_comma(prefix: str) -> int | None:
    """Where the statement ends in "STATEMENT, [short title] SPEAKER said": the first comma
    followed by at most six words before the speaker, with at least four words before it."""
    if _MARKS.search(prefix[-2:]):
        return None
    for match in re.finditer(",", prefix):
        before, after = prefix[: match.start()], prefix[match.end() :]
        if len(before.split()) >= 4 and len(after.split()) <= 6 and not _RELATIVE.search(after):
            return match.start()
    return None


_THAT_WORD = re.compile(r"\bthat\b")
_TO_WORD = re.compile(r"\s*to\s+([a-z]+)")


def _infinitive(after: str, listeners: frozenset[str]) -> bool:
    """ "to drive Moscow's forces out" after a cue: the content, an infinitive; not "to
    reporters", "to parliament" (a listener)."""
    match = _TO_WORD.match(after)
    return match is not None and match.group(1) not in listeners and verb_base(match.group(1))


# "As he said, …", "As President X noted, …", "In his opinion, …", "In her view, …".
_FRAME = re.compile(
    r"\s*(?P<cue>(?:(?:But|And|Yet),?\s+)?[Aa]s\s+(?P<who>[^,]{2,60}?)\s+(?:has\s+|had\s+)?(?:said|says|noted|notes|"
    r"put\s+it|puts\s+it|stressed|explained|warned|pointed\s+out|points\s+out|emphasi[sz]ed|recalled|wrote|writes|"
    r"argued|argues|observed|observes|reported|reports)"
    # "as Jane Roe writes this week, …"
    r"(?:\s+(?:this|last)\s+(?:week|month|year)|\s+on\s+\w+day|\s+recently|\s+earlier)?"
    r"|In\s+(?P<pronoun>his|her|its|their)\s+(?:opinion|view|words))\s*,\s*"
)
# "said this was …" is a clause ("this" its subject); "said this week", "said this on Monday" are not.
_THIS_CLAUSE = re.compile(
    r"this\s+(?:was|is|were|are|would|will|could|might|may|meant|means|had|has|showed|shows|proved|marked)\b"
)
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
# "Interfax quoted Dmitry Peskov as saying", "the agency quoted him as telling reporters"
_QUOTED_AS = re.compile(
    r"\bquot(?:ed|es|ing)\s+(?P<who>[^,.;:“”\"]{2,80}?)\s+as\s+(?:saying|telling\s+(?:reporters|journalists|\w+))\b"
)
# The noun right after an actor's name or adjective ("Russian-installed officials", "Ukrainian sources").
_GROUP_AFTER = re.compile(r"(?:-[a-z]+)?\s+([a-z]+)\b")
# An aside between the cue and what was said: "said, however, that", "added, in a statement, that".
_ADVERB_ASIDE = re.compile(r"\s*,\s*(?:[\w’']+\s+){0,3}[\w’']+\s*,\s*(?=that\b)")


# A named listener after "told": "told The Huffington Post", "told POLITICO".
_NAMED_LISTENER = re.compile(r"\s+(?:the\s+)?[A-Z][\w.&’'-]*(?:\s+(?:of\s+)?[A-Z][\w.&’'-]*){0,4}")


def _listener_cut(after: str, cue: str, lexicon: SpeechLexicon) -> str:
    """What follows a cue that takes a listener, past a named listener: in "…, Jane Roe told
    The Huffington Post on Monday." the statement is before the comma."""
    if cue not in lexicon.objects:
        return after
    listener = _NAMED_LISTENER.match(after)
    return after[listener.end() :] if listener else after


def _nominal(content: str, cue: str, lexicon: SpeechLexicon) -> bool:
    """ "denied these accusations", "rejected the claims": a two-word noun phrase that is all a
    denial or a condemnation said (``nominal_cues``), not "said Monday" or "told reporters"."""
    words = content.split()
    return (
        len(words) == 2
        and cue in lexicon.nominal_cues
        and words[0].lower() in lexicon.nominal_leads
        and words[1].rstrip(".,;:!?").isalpha()
        and words[1][:1].islower()
    )


def reported_pass(
    collector: Collector, sentences: Sequence[Sentence], attributor: _Attributor, lexicon: SpeechLexicon
) -> None:
    """Offer every reported statement whose cue no direct quote has used."""
    text, covered, used_cues, add = collector.text, collector.covered, collector.used_cues, collector.add
    according = "ccording to" in text  # else no sentence has "according to": its regex is not tried
    quoted_as = "as saying" in text or "as telling" in text
    for sentence in sentences:
        s_start, s_end = sentence.start, sentence.end
        body_end = s_end - 1 if text[s_end - 1] in ".!?" else s_end
        cues = [c for c in attributor.cues_in(s_start, s_end) if c.start() not in used_cues]
        subjects: list[_Ref | None] = []
        inverted: set[int] = set()
        previous: _Ref | None = None
        for index, cue in enumerate(cues):
            ref = (
                None
                if overlaps(covered, cue.start(), cue.end())
                else attributor.subject(cue.start(), s_start, previous=previous)
            )
            if (
                ref is None
                and cue.group() in lexicon.closing
                and cue.group() not in lexicon.objects  # "…, X tells Breitbart News": a listener
                and text[cue.start() - 2 : cue.start()] in (", ", "- ", "– ", "— ")
                and len(text[s_start : cue.start()].split()) >= 4
                and not overlaps(covered, s_start, cue.start())
            ):
                # "…, said Brian Baker, a longtime political adviser." / "…, Lindsey Graham Says."
                ref = attributor._ref_at(cue.end() + 1) or attributor.loose_after(cue.end(), body_end)
                if ref is not None and ref.start <= cue.end() + 60 and _CLAUSE_END.match(text, ref.end):
                    inverted.add(index)
                else:
                    ref = None
            subjects.append(ref)
            previous = ref or previous
        found: list[tuple[_Ref, int, int, str]] = []
        for index, (cue, ref) in enumerate(zip(cues, subjects, strict=True)):
            if ref is None:
                continue
            if index in inverted:
                found.append((ref, s_start, cue.start() - 2, cue.group()))
                continue
            after = text[cue.end() : body_end]
            prefix = text[s_start : ref.start].rstrip()
            # "…, the secretary general said (at the ministerial)." : content before the comma,
            # also past a short title ("…, Russian political scientist, publicist Kurginyan said").
            comma = _trailing_comma(prefix)
            if (
                comma is not None
                and cue.group() in lexicon.closing
                and _AFTER_TRAILING_CUE.match(_listener_cut(after, cue.group(), lexicon))
                # "…, while Ukraine has vowed to drive …": an infinitive is its own content, and so
                # is what follows "that" ("…, Klaus Mueller, said on Twitter that …")
                and not _infinitive(after, lexicon.listeners)
                and not _THAT_WORD.search(after)
                # "…, X said on Thursday they had left": a time, then what was said
                and not _WHEN.match(after)
                # "A did B, but X said …": the speaker's own clause, coordinated, not an attribution
                and not _COORDINATED.match(prefix, comma + 1)
            ):
                found.append((ref, s_start, s_start + comma, cue.group()))
                continue
            if (
                after.startswith(",")
                and lexicon.trailing_titles.sub("", prefix).endswith(",")
                and len(prefix.split()) >= 1
                and len(after.split()) >= 3
            ):
                found.append((ref, s_start, body_end, cue.group()))  # "A, Mr. Obama said, B."
                continue
            rest_start = cue.end()
            aside = _ADVERB_ASIDE.match(after)  # "said, however, that …"
            if aside:
                rest_start += aside.end()
                after = after[aside.end() :]
            that = (_THAT_AFTER_OBJECT if cue.group() in lexicon.objects else _THAT).match(after)
            if that:
                rest_start += that.end()
            elif cue.group() in lexicon.objects:
                # "called on Russia to withdraw": the object is part of what was said; "telling her
                # he was grateful": a listener is not
                listener = _LISTENER.match(after)
                if listener and listener.group(1).lower() in lexicon.listeners:
                    rest_start += listener.end()
                    when = _WHEN.match(text, rest_start)
                    rest_start = when.end() if when else rest_start
                elif (named := _NAMED_LISTENER.match(after)) is not None:
                    # "told CBS News she was …": a named listener, then a clause
                    past = rest_start + named.end()
                    when = _WHEN.match(text, past)
                    past = when.end() if when else past
                    opener = _LISTENER.match(text, past)
                    if opener and opener.group(1).lower() in lexicon.clause_openers:
                        rest_start = past + (len(opener.group()) - len(opener.group().lstrip()))
            else:
                lead = _LEAD.match(after)
                rest_start += lead.end() if lead else 0
                when = _WHEN.match(text, rest_start)
                rest_start = when.end() if when else rest_start  # "said on Sunday he …"
            end = body_end
            # "X said A, and Y said B": A ends where the next speaker begins;
            # "X denied A and said B": A ends at the "and".
            for later_cue, later in zip(cues[index + 1 :], subjects[index + 1 :], strict=True):
                if later is None:
                    continue
                if later.start > rest_start:
                    between = text[rest_start : later.start]
                    if len(between.split()) < 3 and not _CLAUSE_BREAK.search(between):
                        continue  # "saying the Biden administration asked …": the later clause is what was said
                    if later_cue.group("participle") and text[later.end : later_cue.start()].strip() == ",":
                        # "…, and the president, NAME, condemning …": the next absolute clause
                        joined = _JOINED_AND.search(text[rest_start : later.start])
                        end = min(end, rest_start + joined.start() if joined else later.start)
                        break
                    if later_cue.group() not in lexicon.closing:
                        continue  # "…, if Zelensky wants, he could come": not a second statement
                    end = min(end, later.start)
                    break
                conjunction = _CONJUNCTION_BEFORE.search(text[rest_start : later_cue.start()])
                if conjunction and later.start < rest_start:
                    end = min(end, rest_start + conjunction.start())
                    break
            if _RELATIVE_OPEN.search(text, s_start, ref.start) or _RELATIVE_OPEN.search(text, ref.end, cue.start()):
                # "The attack, which Kyiv said was carried out by drones, killed four", "X, who said
                # …, arrived": the cue is in a relative clause, and what was said ends with it
                clause_end = text.find(",", rest_start, end)
                end = clause_end if clause_end > rest_start else end
            content = text[rest_start:end]
            first_word = content.split(" ", 1)[0].lower() if content else ""
            if content and content[0] in '“"„«':
                closing = _MARKS.search(content, 1)
                if closing is None or len(content[closing.end() :].split()) < 3:
                    continue  # a direct quote: the direct pass has it
            elif (
                not content
                or content[0] in ".,;:!?)]–—-"
                or (len(content.split()) < 3 and not _nominal(content, cue.group(), lexicon))
                or first_word in ("so", "it.")
                or (first_word in lexicon.topic_prepositions and not _NUMBER_NEXT.match(content, len(first_word)))
                or (first_word == "this" and not _THIS_CLAUSE.match(content))
            ):
                continue
            found.append((ref, rest_start, end, cue.group()))
        # Outer statements first: in "…, though officials said A, …, X said." X's is kept.
        for ref, start, end, cue_text in sorted(found, key=lambda item: (item[1], -(item[2] - item[1]))):
            if not overlaps(covered, start, end):
                add(ref, start, end, direct=False, cue=cue_text)
        # "As X said, …", "In his view, …": a frame before the comma names the speaker.
        frame = _FRAME.match(text, s_start, s_end)
        if frame:
            if frame["pronoun"]:
                gender = {"his": "m", "her": "f"}.get(frame["pronoun"])
                ref = attributor.speakers.antecedent(frame.start("pronoun"), gender)
            else:
                ref = attributor.named_in(frame.start("who"), frame.end("who"))
            start, end = frame.end(), body_end
            if ref is not None and not overlaps(covered, start, end) and len(text[start:end].split()) >= 3:
                add(ref, start, end, direct=False, cue=frame["cue"].strip())
        # "Interfax quoted Dmitry Peskov as saying (that) …": the one quoted speaks, not the medium.
        for match in _QUOTED_AS.finditer(text, s_start, s_end) if quoted_as else ():
            ref = attributor.named_in(match.start("who"), match.end("who"))
            if ref is None:
                continue
            that = _THAT.match(text, match.end())
            start = (
                that.end() if that else match.end() + len(text[match.end() :]) - len(text[match.end() :].lstrip(" :"))
            )
            direct = start < body_end and text[start] in '“"„«'
            begin, end = (
                (start + 1, body_end - (1 if text[body_end - 1 : body_end] in '”"»' else 0))
                if direct
                else (start, body_end)
            )
            if len(text[begin:end].split()) >= 3 and not overlaps(covered, begin, end):
                add(ref, begin, end, direct=direct, cue="quoted as saying")
        # "according to X, …" and "…, according to X."
        for match in _ACCORDING.finditer(text[s_start:s_end]) if according else ():
            ref = attributor.speakers.at(s_start + match.end(), slack=0) or attributor.loose_after(
                s_start + match.end() + (4 if text[s_start + match.end() :].startswith(("the ", "The ")) else 0), s_end
            )
            if ref is None:
                continue
            group = _GROUP_AFTER.match(text, ref.end)
            if group and group.group(1) in lexicon.generic_speakers and group.group(1).endswith("s"):
                continue  # "according to Russian-installed officials": people nobody names
            tail = text[ref.end : body_end]
            if tail.lstrip().startswith(",") and len(text[s_start : s_start + match.start()].split()) < 3:
                start, end = ref.end + tail.index(",") + 1, body_end  # "According to X, …"
            else:
                start, end = s_start, s_start + match.start()  # "…, according to X(, a …)."
            if not overlaps(covered, start, end) and len(text[start:end].split()) >= 3:
                add(ref, start, end, direct=False, cue="according to")


def passive_pass(collector: Collector, sentences: Sequence[Sentence], attributor: _Attributor) -> None:
    """ "The votes, widely denounced by Ukraine and the West as shams, …": each actor the article
    names among the agents after "by" said what follows "as", to the end of its clause; and
    "Russian forces have been accused of killing civilians by Ukraine's foreign minister": each
    said what the charge names."""
    text, lexicon = collector.text, attributor.lexicon
    for pattern in (lexicon.passive_verdict, lexicon.passive_charge):
        if pattern is None:
            continue
        for sentence in sentences:
            for match in pattern.finditer(text, sentence.start, sentence.end):
                if overlaps(collector.covered, match.start(), match.end()):
                    continue
                if "content" in pattern.groupindex:
                    start, end = match.start("content"), match.end("content")
                else:
                    clause = _VERDICT_END.search(text, match.end(), sentence.end)
                    start, end = match.end(), clause.start() if clause else sentence.end
                agents = [
                    r
                    for r in attributor.speakers.refs
                    if match.start("agents") <= r.start and r.end <= match.end("agents") and r.surface[:1].isupper()
                ]
                for ref in agents:
                    collector.add(ref, start, end, direct=False, cue=f"{match['cue']} by")


_VERDICT_END = re.compile(r"[,;:.!?](?:\s|$)|\s[-–—]\s")
