"""Who says what: direct quotes and reported speech, each attributed to a speaker.

Direct quotes are spans between quotation marks (straight, curly, guillemets, „…“) or a
paragraph opened by a dash and closed by "- said X" (the convention of many translated
articles), or an embedded tweet ("… — Jens Stoltenberg (@jensstoltenberg) February 18,
2022"). Their speaker is found, in order:
1. after the quote: "“…,” Stoltenberg said", "“…,” said the secretary general";
2. before it, in the same sentence: "Stoltenberg said in a statement, “…”", "X: “…”";
3. a quote with neither continues the previous quote of its paragraph.
Reported speech is a reporting cue with its content: "X said (that) …", "…, X said.",
"according to X, …". The speaker is the name, alias or title nearest before the cue with
nothing but adverbs between ("Russia has also stated"), skipping an apposition
("Bruno Kahl, Head of the BND, said"); after "and" ("… and said") it is the subject of the
sentence; "he" and "she" go to the last person named, "the political scientist" to the
last person named at all.

The cue lexicon is ``lib/data/speech.yml``. Speakers in the actor dictionary get their
canonical name; others keep their name as written (a surname alone goes back to the full
name given earlier in the article).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lib.actors import Dictionary, find_names
from lib.resources import data_path, load_yaml, optional_list
from lib.text import paragraph_spans
from lib.types import Mention, Quote, Sentence

_OPEN = "“„«"
_CLOSE = "”»"
_MARKS = re.compile(r"[\"“”„«»]")
_TWEET = re.compile(
    r"^(?P<content>.+?)\s*[—–-]\s*(?P<name>[^()\n]{3,60}?)\s*\(@\w+\)\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})?\s*$"
)
_DASH_QUOTE = re.compile(r"^[-–—]\s+(?P<content>.+?)\s+[-–—]\s+(?P<attribution>[^-–—]{3,120})$")
_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
_HONORIFIC_NAME = re.compile(
    r"\b(?P<title>Mr|Mrs|Ms|Miss|Dr|Gov|Sen|Rep|Del|Gen|Adm|Col|Lt|Sgt|Prof|President|Senator|Governor|Minister|"
    r"Ambassador|Chancellor|Premier|Judge|Justice|Mayor|Secretary)\.?\s+(?P<name>[A-Z][a-z][\w'’-]+)(?![\w'’-]*\s+[A-Z][a-z])"
)
# A name as written after a cue or "according to": capitalised words ("Sen.", "O'Neill",
# "NAACP", "S.E.C."), joined by "of", "for", "to" ("Federal Bureau of Prisons"), after at most
# five words of description ("MSNBC host Chris Matthews", "a new report by Politico"), and
# ending where the clause does.
_NAME_WORD = r"(?:[A-Z][a-z]{0,3}\.|[A-Z](?:[a-z]|['’][A-Z])[\w'’-]*|(?:[A-Z]\.){2,}|[A-Z][A-Z&-]+)"
_NAME_RUN = rf"{_NAME_WORD}(?:\s+(?:(?:of|for|on|de|von|van|al|bin)\s+)?{_NAME_WORD}){{0,7}}"
# A capitalised name next to a cue that no dictionary or earlier mention explains.
_LOOSE_BEFORE = re.compile(rf"(?:^|(?<=[\s(\[]))({_NAME_RUN})\s*$")
_NAMED_AFTER = re.compile(
    rf"\s*(?P<lead>(?:[\w'’.&/-]+\s+){{0,5}}?)(?P<name>{_NAME_RUN})"
    r"(?=\s*(?:[,.;:()!?”\"]|$)|\s+(?:who|whose|which|in|at|on|during|after|told|to|from|with|said|says)\b)"
)
_NOT_NAMED_LEAD = re.compile(r"^(?:in|on|at|during|after|before|to|from|with|that|this|last|on)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"\s*(?:[,.;:()!?”\"]|$)|\s+(?:who|whose|which|in|at|on|during|after|told|to|from|with)\b")
_AFTER_MARKS = re.compile(r"[\s”\"»,.;:!?]*")
# Where the content of "X said … that …" begins: after "that", when what stands before it is
# an adverbial ("said on Monday that", "said in a statement that"), or, after a cue that takes
# a listener, the listener ("told the debate audience that"); not a relative clause ("said
# officials have video that shows").
_THAT = re.compile(
    r"\s*(?:(?:in|on|at|during|after|before|while|last|this|earlier|later|late|yesterday|today|tonight|again|also|"
    r"repeatedly|publicly|privately|separately|then|now|recently|previously|once|twice|ago|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday)\b[^,.;“”\"]{0,60}?\s)?that\s+",
    re.IGNORECASE,
)
_THAT_AFTER_OBJECT = re.compile(r"(?:[^,.;“”\"]{0,60}?\s)?that\s+")
_DASH_NAME = re.compile(r"\s*[―—–]\s*(?P<name>[^\W\d_][^,()\n]{1,50}?)\s*(?:[,(].{0,80})?$")
_TRANSCRIPT = re.compile(r"^[\"“]?(?P<name>[A-Z][A-Z.'’ -]{1,40}[A-Z])\s*:\s+(?P<content>\S.{10,})$")
_NOT_LOOSE = frozenset(
    "The A An It This That These Those There He She They We I You His Her Its Their Our But And Or If So As "
    "In On At For From To Of By With Yet Still Also Then When While However Meanwhile Officials Sources What Who "
    "Why How Where Let Let's Asked Speaking".split()
)
_PREPOSITION = re.compile(
    r"\b(?:in|of|to|from|with|by|for|on|at|near|against|about|toward|towards|into|over|under|between|among|than|as)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SpeechLexicon:
    cue_pattern: re.Pattern[str]
    objects: frozenset[str]
    passive_before: frozenset[str]
    gap_words: frozenset[str]
    generic_speakers: frozenset[str]
    not_person_words: frozenset[str]
    organisation_heads: frozenset[str]
    calendar: frozenset[str]
    leading_titles: re.Pattern[str]  # "Sen. ", "Senate Majority Leader " before a name
    trailing_titles: re.Pattern[str]  # the same at the end of a text ("…, Chief Justice")
    closing: frozenset[str]


@lru_cache(maxsize=2)
def load_speech(path: Path | None = None) -> SpeechLexicon:
    """The reporting-cue lexicon (``lib/data/speech.yml``), validated."""
    path = path or data_path("speech.yml")
    raw = load_yaml(path)
    name = str(path)
    cues = optional_list(raw, "cues", path=name, where="(top)")
    positions = optional_list(raw, "positions", path=name, where="(top)")
    participles = optional_list(raw, "participles", path=name, where="(top)")
    progressives = optional_list(raw, "progressives", path=name, where="(top)")

    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))

    titles = rf"(?:{alternation(optional_list(raw, 'titles', path=name, where='(top)'))})\.?"

    return SpeechLexicon(
        cue_pattern=re.compile(
            rf"(?<![\w-])(?:{alternation(cues + positions)})(?![\w-])|(?<=,\s)(?P<participle>{alternation(participles)})(?![\w-])"
            # the progressive: "Trump is once again questioning", "she is warning"
            rf"|(?<![\w-])(?:is|are|was|were|has\s+been|have\s+been)\s+(?:(?:also|now|still|again|once\s+again|"
            rf"already|\w+ly)\s+)?(?:{alternation(participles + progressives)})(?![\w-])"
        ),
        objects=frozenset(optional_list(raw, "objects", path=name, where="(top)")),
        passive_before=frozenset(optional_list(raw, "passive_before", path=name, where="(top)")),
        gap_words=frozenset(w.lower() for w in optional_list(raw, "gap_words", path=name, where="(top)")),
        generic_speakers=frozenset(optional_list(raw, "generic_speakers", path=name, where="(top)")),
        not_person_words=frozenset(optional_list(raw, "not_person_words", path=name, where="(top)")),
        organisation_heads=frozenset(optional_list(raw, "organisation_heads", path=name, where="(top)")),
        calendar=frozenset(optional_list(raw, "calendar", path=name, where="(top)")),
        leading_titles=re.compile(rf"^(?:{titles}\s+)+"),
        trailing_titles=re.compile(rf"(?:\s*\b{titles})+$"),
        closing=frozenset(cues),
    )


@dataclass(frozen=True)
class _Ref:
    """A span of text that can be a speaker."""

    start: int
    end: int
    speaker: str
    rollup: str
    surface: str
    person: bool
    gender: str | None


class _Speakers:
    """Every possible speaker reference in one article, pronouns resolved."""

    def __init__(
        self,
        text: str,
        sentences: Sequence[Sentence],
        mentions: Sequence[Mention],
        dictionary: Dictionary,
        lexicon: SpeechLexicon,
        quoted: Sequence[tuple[int, int]],
    ) -> None:
        self.text = text
        self.sentence_starts = [s.start for s in sentences]
        self.quoted = sorted(quoted)
        refs: list[_Ref] = []
        for m in mentions:
            actor = dictionary.actor(m.actor)
            refs.append(
                _Ref(m.start, m.end, m.actor, m.rollup, m.surface, m.kind == "person", actor.gender if actor else None)
            )
        surnames: dict[str, str] = {}
        self.surnames = surnames
        for start, end, name in find_names(text, mentions):
            if any(word in lexicon.not_person_words for word in name.split()):
                continue
            surnames[name.split()[-1]] = name
            refs.append(_Ref(start, end, name, name, text[start:end], True, None))
        if surnames:
            covered = sorted((r.start, r.end) for r in refs)
            for match in re.finditer(r"\b(" + "|".join(map(re.escape, surnames)) + r")\b", text):
                index = bisect.bisect_right(covered, (match.start(), 10**9)) - 1
                if index >= 0 and covered[index][1] > match.start():
                    continue
                full = surnames[match.group(1)]
                refs.append(_Ref(match.start(), match.end(), full, full, match.group(), True, None))
        covered_spans = [(r.start, r.end) for r in refs]
        for match in _HONORIFIC_NAME.finditer(text):
            start, end = match.start("name"), match.end("name")
            if any(s < end and start < e for s, e in covered_spans):
                continue
            name = surnames.get(match["name"], match["name"])
            title = match["title"].lower()
            gender = "f" if title in ("mrs", "ms", "miss") else "m" if title == "mr" else None
            refs.append(_Ref(start, end, name, name, match["name"], True, gender))
        refs.sort(key=lambda r: r.start)
        self.refs = self._with_pronouns(refs)
        self.starts = [r.start for r in self.refs]

    def sentence_index(self, position: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, position) - 1)

    def in_quote(self, position: int) -> bool:
        index = bisect.bisect_right(self.quoted, (position, 10**9)) - 1
        return index >= 0 and self.quoted[index][0] <= position < self.quoted[index][1]

    def free(self, ref: _Ref) -> bool:
        """Not the object of a preposition ("with Boris Johnson") and not inside a quote."""
        before = self.text[max(0, ref.start - 20) : ref.start]
        return not _PREPOSITION.search(before) and not self.in_quote(ref.start)

    def _with_pronouns(self, refs: list[_Ref]) -> list[_Ref]:
        """Resolve he/she to the first free person of the same sentence before the pronoun,
        else of the nearest previous sentence that has one (the subject, by centering),
        matching gender where known."""
        by_sentence: dict[int, list[_Ref]] = {}
        for ref in refs:
            if ref.person:
                by_sentence.setdefault(self.sentence_index(ref.start), []).append(ref)
        resolved: list[_Ref] = []
        for match in re.finditer(r"\b(?:he|she|He|She)\b", self.text):
            if self.in_quote(match.start()):
                continue
            gender = _PRONOUNS[match.group().lower()]
            here = self.sentence_index(match.start())
            antecedent = None
            for index in range(here, max(-1, here - 6), -1):
                pool = [
                    r
                    for r in by_sentence.get(index, [])
                    if r.gender in (None, gender) and (index < here or r.start < match.start())
                ]
                free = [r for r in pool if self.free(r)]
                if free or pool:
                    antecedent = (free or pool)[0]
                    break
            if antecedent is None:
                continue
            ref = _Ref(
                match.start(),
                match.end(),
                antecedent.speaker,
                antecedent.rollup,
                match.group(),
                True,
                antecedent.gender,
            )
            by_sentence.setdefault(here, []).append(ref)
            by_sentence[here].sort(key=lambda r: r.start)
            resolved.append(ref)
        return sorted(refs + resolved, key=lambda r: r.start)

    def at(self, start: int, *, slack: int = 0) -> _Ref | None:
        """A reference that begins at ``start`` (up to ``slack`` characters later)."""
        index = bisect.bisect_left(self.starts, start)
        if index < len(self.refs) and self.refs[index].start <= start + slack:
            return self.refs[index]
        return None

    def ending_before(self, position: int, floor: int) -> list[_Ref]:
        """References inside [floor, position), nearest first."""
        index = bisect.bisect_left(self.starts, position)
        out = []
        for ref in reversed(self.refs[:index]):
            if ref.start < floor:
                break
            if ref.end <= position:
                out.append(ref)
        return out

    def last_person_before(self, position: int) -> _Ref | None:
        index = bisect.bisect_left(self.starts, position)
        for ref in reversed(self.refs[:index]):
            if ref.person and ref.end <= position and not self.in_quote(ref.start):
                return ref
        return None


def _quote_spans(paragraph: str) -> list[tuple[int, int]]:
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
            spans.append((open_at + 1, marks[index + 1]))
            index += 2
        else:
            if (paragraph[open_at] in _OPEN + '"' or open_at == 0) and len(paragraph) - open_at > 20:
                spans.append((open_at + 1, len(paragraph)))
            index += 1
    return spans


class _Attributor:
    def __init__(self, text: str, sentences: Sequence[Sentence], speakers: _Speakers, lexicon: SpeechLexicon) -> None:
        self.text = text
        self.sentences = sentences
        self.sentence_starts = [s.start for s in sentences]
        self.speakers = speakers
        self.lexicon = lexicon

    def sentence_of(self, position: int) -> Sentence:
        index = max(0, bisect.bisect_right(self.sentence_starts, position) - 1)
        return self.sentences[index]

    def cues_in(self, start: int, end: int) -> list[re.Match[str]]:
        return [m for m in self.lexicon.cue_pattern.finditer(self.text, start, end) if not self._passive(m.start())]

    def _passive(self, cue_start: int) -> bool:
        before = self.text[max(0, cue_start - 12) : cue_start].split()
        return bool(before) and before[-1].lower() in self.lexicon.passive_before

    def subject(self, cue_start: int, floor: int, *, previous: _Ref | None = None) -> _Ref | None:
        """The speaker of a cue at ``cue_start``; ``floor`` bounds the search (sentence start)."""
        if self.text[max(floor, cue_start - 2) : cue_start] == ", " and self.lexicon.cue_pattern.match(
            self.text, cue_start
        ).group("participle"):  # type: ignore[union-attr]
            return previous or self.first_free(floor, cue_start)  # "X said A, adding that B"
        gap_end = cue_start
        # Skip adverbs and auxiliaries between the speaker and the cue.
        while True:
            aside = re.search(r"(?:\([^()]{1,40}\)|,\s*\d{1,3},)\s*$", self.text[floor:gap_end])
            if aside:
                gap_end = floor + aside.start()
                continue
            match = re.search(r"([\w’']+)[\s,]*$", self.text[floor:gap_end])
            if not match or match.group(1).lower() not in self.lexicon.gap_words:
                break
            gap_end = floor + match.start()
        head = self.text[floor:gap_end].rstrip()
        if re.search(r"(?:^|\s)(?:and|but)$", head):
            if previous is not None:
                return previous
            return self.first_free(floor, gap_end)
        # An apposition: "Bruno Kahl, Head of the German Foreign Intelligence Agency (BND), said".
        if head.endswith(","):
            return self._apposed(floor, head[:-1])
        candidates = self.speakers.ending_before(floor + len(head), floor)
        if candidates and not self.text[candidates[0].end : floor + len(head)].strip(" ’'s"):
            ref = candidates[0]
            before = self.text[max(floor, ref.start - 40) : ref.start]
            if not _PREPOSITION.search(before[-20:]):
                return ref
            owner = re.search(r"(\w+)\s+(?:for|of|at)\s+(?:the\s+)?$", before)
            if owner and owner.group(1).lower() in self.lexicon.generic_speakers:
                return ref  # "a spokeswoman for Hillary Clinton says"
        words = head.split()
        if words and words[-1] in self.lexicon.generic_speakers:
            # "Russian officials said", "Kremlin spokesman said": the actor named just before.
            if candidates and len(self.text[candidates[0].end : floor + len(head)].split()) <= 2:
                return candidates[0]
            return None
        loose = self.loose_before(floor + len(head), floor)
        if (
            loose is not None
            and loose.end == floor + len(head)
            and not _PREPOSITION.search(self.text[max(floor, loose.start - 20) : loose.start])
        ):
            return loose  # "DuVernay said", a name no dictionary or earlier mention explains
        # "the political scientist stressed": the last person named.
        generic = re.search(r"(?:^|\s)(?:the|The)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})$", head)
        if (
            generic
            and not generic.group(1).endswith("s")
            and generic.group(1).split()[-1] not in ("that", "this", "it")
        ):
            return self.speakers.last_person_before(floor + generic.start())
        return None

    def _apposed(self, floor: int, inner: str) -> _Ref | None:
        """The speaker of "HEAD, said": "Bruno Kahl, Head of the BND, said" (the name before
        the last comma), "one of the family's attorneys, Justin Bamberg, said" (the name
        after it), "Donna Rawlings, 59, of Ashton, Md., said" (the sentence's subject)."""
        comma = inner.rfind(",")
        if comma < 0:
            return None
        opening = re.match(r"\s*(?:[Tt]he\s+)?", self.text[floor : floor + len(inner)])
        subject_at = floor + (opening.end() if opening else 0)
        subject = self.speakers.at(subject_at, slack=0) or self.loose_after(subject_at, floor + len(inner))
        if (
            subject is not None
            and subject.start == subject_at
            and self.text[subject.end : floor + comma].startswith(",")
        ):
            return subject
        candidates = self.speakers.ending_before(floor + comma, floor)
        if candidates and not self.text[candidates[0].end : floor + comma].strip():
            return candidates[0]
        after = self.loose_after(floor + comma + 1, floor + len(inner))
        if after is not None and after.end == floor + len(inner) and after.start <= floor + comma + 6:
            return after
        return None

    def first_free(self, floor: int, limit: int) -> _Ref | None:
        """The sentence's subject: its first reference not inside a prepositional phrase."""
        for ref in reversed(self.speakers.ending_before(limit, floor)):
            before = self.text[max(floor, ref.start - 20) : ref.start]
            if ref.surface.lower() in ("his", "her", "its", "their") or _PREPOSITION.search(before):
                continue
            return ref
        return None

    def _loose(self, name: str, start: int) -> _Ref | None:
        """A name no dictionary explains, as a possible speaker: a person ("Brad Holm" in
        "City Attorney Brad Holm"), or an organisation whose name ends in a head noun or is an
        acronym ("Commission on Presidential Debates", "NAACP"); not "Baltic", "Open Letter",
        "Diplomats", "Tuesday" or a possessive ("Russia’s")."""
        words = name.split()
        while words and re.sub(r"['’]\w+$", "", words[0]).title() in _NOT_LOOSE:
            start += len(words[0]) + 1
            words = words[1:]
        if (
            not words
            or words[-1] in _NOT_LOOSE
            or words[-1] in self.lexicon.calendar
            or words[-1].endswith(("’s", "'s"))
            or self.lexicon.leading_titles.fullmatch(words[-1] + " ")
            or (len(words) == 1 and words[0].lower() in self.lexicon.generic_speakers)
        ):
            return None
        text = " ".join(words)
        if any(w in self.lexicon.not_person_words for w in words):
            if words[-1] in self.lexicon.organisation_heads or re.fullmatch(
                r"(?:[A-Z]\.){2,}|[A-Z][A-Z&-]+", words[-1]
            ):
                return _Ref(start, start + len(text), text, text, text, False, None)
            tail: list[str] = []
            for word in reversed(words):
                if word in self.lexicon.not_person_words or self.lexicon.leading_titles.fullmatch(word + " "):
                    break
                tail.insert(0, word)
            if len(tail) < 2:
                return None
            text = " ".join(tail)
            start += len(" ".join(words)) - len(text)
        full = self.lexicon.leading_titles.sub("", text) if len(words) > 1 else text
        start += len(text) - len(full)
        return _Ref(start, start + len(full), full, full, full, True, None)

    def loose_before(self, position: int, floor: int) -> _Ref | None:
        match = _LOOSE_BEFORE.search(self.text[floor:position])
        return self._loose(match.group(1), floor + match.start(1)) if match else None

    def loose_after(self, position: int, limit: int) -> _Ref | None:
        """A name as written from ``position``: "said MSNBC host Chris Matthews", "according
        to the nonpartisan Congressional Budget Office"; a name known to the article wins."""
        match = _NAMED_AFTER.match(self.text, position, limit)
        if match is None or _NOT_NAMED_LEAD.match(match["lead"]):
            return None
        known = self.speakers.at(match.start("name"), slack=0)
        if known is not None and known.end <= match.end("name") + 1:
            return known
        name = match["name"]
        bare = self.lexicon.leading_titles.sub("", name)
        if not bare or bare.split()[-1] in self.lexicon.calendar or bare.split()[0] in _NOT_LOOSE:
            return None
        start = match.start("name") + len(name) - len(bare)
        ref = self._loose(bare, start)
        if ref is None:
            return None
        surname = self.speakers.surnames.get(bare)
        return _Ref(ref.start, ref.end, surname, surname, ref.surface, True, None) if surname else ref

    def _cue_in_window(self, start: int, end: int) -> tuple[_Ref, re.Match[str]] | None:
        """A short attribution clause right after a quote: the first cue in it, its speaker
        the reference nearest before the cue (titles and appositions may come first), else
        the one right after it ("said Obstfeld")."""
        cue = self.lexicon.cue_pattern.search(self.text, start, end)
        if cue is None or _MARKS.search(self.text, start, cue.start()):
            return None
        before = [r for r in self.speakers.ending_before(cue.start(), start) if not self.speakers.in_quote(r.start)]
        if before and not _strip_gap(self.text[before[0].end : cue.start()], self.lexicon).strip():
            return before[0], cue
        aside = re.search(r"\s*\([^()]{1,40}\)\s*$", self.text[start : cue.start()])
        loose = self.loose_before(start + aside.start() if aside else cue.start(), start)
        if loose is not None and not _strip_gap(self.text[loose.end : cue.start()], self.lexicon).strip():
            return loose, cue
        if not self.text[start : cue.start()].strip():
            after = self._ref_at(cue.end() + 1) or self.loose_after(cue.end(), end)
            if after is not None:
                return after, cue
        return None

    def _ref_at(self, offset: int) -> _Ref | None:
        """A reference starting at ``offset``, or right after a leading "the"."""
        ref = self.speakers.at(offset, slack=0)
        if ref is None and self.text[offset : offset + 4] in ("the ", "The "):
            ref = self.speakers.at(offset + 4, slack=0)
        return ref

    def after_quote(self, close: int, limit: int) -> tuple[_Ref, re.Match[str]] | None:
        """After a quote: "…,” Stoltenberg said" / "…,” said the secretary general" /
        "…”, he asserted" / "…,” IMF chief economist Maury Obstfeld said" (nearest the cue)."""
        window = self.text[close:limit]
        lead = re.match(r"[\s,.;:!?”\"»]*", window)
        offset = close + (lead.end() if lead else 0)
        dash = _DASH_NAME.match(self.text, offset, limit)
        if dash and self.text[offset] in "―—–":
            # "“…” ― Sonya Herridge": a dash and a name close the paragraph.
            ref = self.loose_after(dash.start("name"), dash.end("name") + 1)
            cue = re.compile(r"[―—–]").match(self.text, offset)
            if ref is not None and cue is not None:
                return ref, cue
        found = self._cue_in_window(offset, min(limit, offset + 90))
        if found:
            return found
        ref = self._ref_at(offset)
        named = ref or self.loose_after(offset, limit)
        if (
            named is not None
            and named.start <= offset + 40
            and not re.search(r"[,;:]\s", self.text[offset : named.start])
            and re.match(r"(?:\s*\([^()]{1,40}\))?,", self.text[named.end : named.end + 45])
        ):
            # "…,” Scott Pruitt, the Republican attorney general of Oklahoma, said at …"
            first = self.text.index(",", named.end)
            for comma in re.finditer(",", self.text[first + 1 : min(limit, first + 220)]):
                at = first + 1 + comma.end()
                rest = self.text[at:limit]
                cue = self.lexicon.cue_pattern.match(self.text, at + len(rest) - len(_strip_gap(rest, self.lexicon)))
                if cue and not _MARKS.search(self.text[named.end : at]):
                    return named, cue
        if ref is not None:
            rest = self.text[ref.end : limit]
            rest_stripped = _strip_gap(rest, self.lexicon)
            cue = self.lexicon.cue_pattern.match(self.text, ref.end + len(rest) - len(rest_stripped))
            if cue:
                return ref, cue
        generic = re.match(r"(?:the|The)\s+(?:[a-z][\w-]*\s+){1,3}", self.text[offset:limit])
        if generic:
            # "…,” the political scientist stressed": the last person named outside quotes.
            cue = self.lexicon.cue_pattern.match(self.text, offset + generic.end())
            words = generic.group().split()
            if cue and words[-1] not in self.lexicon.generic_speakers and not words[-1].endswith("s"):
                person = self.speakers.last_person_before(close)
                if person is not None:
                    return person, cue
        cue = self.lexicon.cue_pattern.match(self.text, offset)
        if cue:
            after = self.text[cue.end() : limit]
            skip = len(after) - len(after.lstrip())
            ref = self._ref_at(cue.end() + skip)
            if ref is not None:
                return ref, cue
        return None


_ASIDE = re.compile(r"(?:\([^()]{1,40}\)|,\s*\d{1,3},)\s*")


def _strip_gap(text: str, lexicon: SpeechLexicon) -> str:
    """``text`` without the adverbs, auxiliaries and asides ("(D-Wis.)", ", 82,") that may
    stand between a speaker and the cue."""
    rest = text.lstrip()
    while True:
        match = re.match(r"([\w’']+)\s+", rest) or _ASIDE.match(rest)
        if not match or (match.re is not _ASIDE and match.group(1).lower() not in lexicon.gap_words):
            return rest
        rest = rest[match.end() :]


def _typeset(text: str) -> str:
    """Two apostrophes or backticks used as a double quotation mark (``''…''``, the New York
    Times archive and LDC convention) become one mark, at the same offsets."""
    if "''" not in text and "``" not in text:
        return text
    return text.replace("''", ' "').replace("``", ' "')


def find_quotes(
    text: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    dictionary: Dictionary,
    *,
    lexicon: SpeechLexicon | None = None,
) -> list[Quote]:
    """Direct and reported statements in ``text`` with their speakers, in text order."""
    lexicon = lexicon or load_speech()
    if not sentences:
        return []
    original, text = text, _typeset(text)
    paragraphs = paragraph_spans(text)
    spans_by_paragraph = [
        [(p_start + a, p_start + b) for a, b in _quote_spans(text[p_start:p_end])] for p_start, p_end in paragraphs
    ]
    speakers = _Speakers(
        text, sentences, mentions, dictionary, lexicon, [span for spans in spans_by_paragraph for span in spans]
    )
    attributor = _Attributor(text, sentences, speakers, lexicon)
    quotes: list[Quote] = []
    covered: list[tuple[int, int]] = []
    used_cues: set[int] = set()

    def add(ref: _Ref, start: int, end: int, *, direct: bool, cue: str, surface: str | None = None) -> None:
        while end > start and text[end - 1] in " ,;:":
            end -= 1
        while start < end and text[start] in " ,;:":
            start += 1
        if end - start < 3:
            return
        quotes.append(
            Quote(
                speaker=ref.speaker,
                speaker_rollup=ref.rollup,
                text=original[start:end],
                start=start,
                end=end,
                sentence_index=attributor.sentence_of(start).index,
                direct=direct,
                cue=cue,
                speaker_surface=surface if surface is not None else ref.surface,
            )
        )
        covered.append((start, end))

    for (p_start, p_end), spans in zip(paragraphs, spans_by_paragraph, strict=True):
        paragraph = text[p_start:p_end]
        tweet = _TWEET.match(paragraph)
        if tweet:
            name = tweet["name"].strip()
            ref = speakers.at(p_start + tweet.start("name"), slack=1)
            if ref is None or ref.end > p_start + tweet.end("name") + 1:
                ref = _Ref(0, 0, name, name, name, True, None)
            add(ref, p_start, p_start + tweet.end("content"), direct=True, cue="tweet", surface=name)
            continue
        turn = _TRANSCRIPT.match(paragraph)
        if turn and len(turn["name"].split()) <= 4:
            name = turn["name"].title()
            ref = speakers.at(p_start, slack=0)
            # "THE PRESIDENT:" in a transcript is its host, not the last president named.
            if ref is None or ref.end > p_start + turn.end("name") or name.startswith("The "):
                ref = _Ref(p_start, p_start + turn.end("name"), name, name, turn["name"], True, None)
            add(ref, p_start + turn.start("content"), p_end, direct=True, cue="transcript", surface=turn["name"])
            continue
        dash = _DASH_QUOTE.match(paragraph)
        if dash:
            found = attributor.after_quote(p_start + dash.start("attribution"), p_end)
            if found:
                ref, cue_match = found
                used_cues.add(cue_match.start())
                add(
                    ref,
                    p_start + dash.start("content"),
                    p_start + dash.end("content"),
                    direct=True,
                    cue=cue_match.group(),
                )
                continue
        previous_speaker: _Ref | None = None
        for start, end in spans:
            content = text[start:end]
            words = len(content.split())
            if words < 2:
                continue
            close = end + 1
            # The attribution may be split off as a sentence of its own ("…?” Clinton said.").
            sentence_end = attributor.sentence_of(min(close, p_end - 1)).end
            after_marks = _AFTER_MARKS.match(text, close, p_end)
            if after_marks and after_marks.end() < p_end:
                following = attributor.sentence_of(after_marks.end())
                introduced = attributor.cues_in(max(p_start, attributor.sentence_of(start).start), start)
                if len(following.text.split()) <= 8 and not introduced:
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
            if found:
                speaker, cue_match = found
                cue = cue_match.group()
                used_cues.add(cue_match.start())
            else:
                sentence = attributor.sentence_of(start)
                floor = max(sentence.start, p_start)
                prefix_end = start - 1
                colon = re.search(r"\s*:\s*$", text[floor:prefix_end])
                if colon:
                    before = speakers.ending_before(floor + colon.start(), floor)
                    if before and not text[before[0].end : floor + colon.start()].strip():
                        speaker, cue = before[0], ":"
                if speaker is None:
                    cues = attributor.cues_in(floor, prefix_end)
                    if cues:
                        if words < 4:
                            continue  # a phrase quoted inside reported speech: the reported pass keeps it
                        speaker = attributor.subject(cues[-1].start(), floor)
                        cue = cues[-1].group()
                        used_cues.add(cues[-1].start())
                if speaker is None and previous_speaker is not None:
                    speaker, cue = previous_speaker, "(continued)"
            if speaker is None:
                continue
            if words < 4 and cue in ("(continued)", ":"):
                continue  # a scare quote, not a statement
            add(speaker, start, end, direct=True, cue=cue)
            previous_speaker = speaker

    _reported(text, sentences, attributor, lexicon, covered, used_cues, add)
    quotes.sort(key=lambda q: q.start)
    return quotes


def _trailing_comma(prefix: str) -> int | None:
    """Where the statement ends in "STATEMENT, [short title] SPEAKER said": the first comma
    followed by at most six words before the speaker, with at least four words before it."""
    if _MARKS.search(prefix[-2:]):
        return None
    for match in re.finditer(",", prefix):
        before, after = prefix[: match.start()], prefix[match.end() :]
        if len(before.split()) >= 4 and len(after.split()) <= 6 and not re.search(r"\b(?:that|which|who)\b", after):
            return match.start()
    return None


def _overlaps(covered: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in covered)


_AFTER_TRAILING_CUE = re.compile(
    r"^(?:\s*(?:(?:at|in|on|during|after|following|before|while|when|from|to|today|yesterday|late|earlier|"
    r"this|last|on\s+\w+day)\b[^“”\"]*)?)?$",
    re.IGNORECASE,
)


def _reported(
    text: str,
    sentences: Sequence[Sentence],
    attributor: _Attributor,
    lexicon: SpeechLexicon,
    covered: list[tuple[int, int]],
    used_cues: set[int],
    add: Callable[..., None],
) -> None:
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
                if _overlaps(covered, cue.start(), cue.end())
                else attributor.subject(cue.start(), s_start, previous=previous)
            )
            if (
                ref is None
                and cue.group() in lexicon.closing
                and text[cue.start() - 2 : cue.start()] == ", "
                and len(text[s_start : cue.start()].split()) >= 4
                and not _overlaps(covered, s_start, cue.start())
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
            if comma is not None and cue.group() in lexicon.closing and _AFTER_TRAILING_CUE.match(after):
                found.append((ref, s_start, s_start + comma, cue.group()))
                continue
            if (
                after.startswith(",")
                and lexicon.trailing_titles.sub("", prefix).endswith(",")
                and len(prefix.split()) >= 2
                and len(after.split()) >= 3
            ):
                found.append((ref, s_start, body_end, cue.group()))  # "A, Mr. Obama said, B."
                continue
            rest_start = cue.end()
            that = (_THAT_AFTER_OBJECT if cue.group() in lexicon.objects else _THAT).match(after)
            if that:
                rest_start += that.end()
            elif cue.group() in lexicon.objects:
                pass  # "called on Russia to withdraw": the object is part of what was said
            else:
                lead = re.match(r"[\s:]*", after)
                rest_start += lead.end() if lead else 0
            end = body_end
            # "X said A, and Y said B": A ends where the next speaker begins;
            # "X denied A and said B": A ends at the "and".
            for later_cue, later in zip(cues[index + 1 :], subjects[index + 1 :], strict=True):
                if later is None:
                    continue
                if later.start > rest_start:
                    if later_cue.group() not in lexicon.closing:
                        continue  # "…, if Zelensky wants, he could come": not a second statement
                    end = min(end, later.start)
                    break
                conjunction = re.search(r"[\s,]+(?:and|but)\s+(?:\w+\s+)?$", text[rest_start : later_cue.start()])
                if conjunction and later.start < rest_start:
                    end = min(end, rest_start + conjunction.start())
                    break
            content = text[rest_start:end]
            first_word = content.split(" ", 1)[0].lower() if content else ""
            if content and content[0] in '“"„«':
                closing = _MARKS.search(content, 1)
                if closing is None or len(content[closing.end() :].split()) < 3:
                    continue  # a direct quote: the direct pass has it
            elif (
                not content
                or content[0] in ".,;:!?)]–—-"
                or len(content.split()) < 3
                or first_word in ("this", "so", "it.")
            ):
                continue
            found.append((ref, rest_start, end, cue.group()))
        # Outer statements first: in "…, though officials said A, …, X said." X's is kept.
        for ref, start, end, cue_text in sorted(found, key=lambda item: (item[1], -(item[2] - item[1]))):
            if not _overlaps(covered, start, end):
                add(ref, start, end, direct=False, cue=cue_text)
        # "according to X, …" and "…, according to X."
        for match in re.finditer(r"\b[Aa]ccording to\s+", text[s_start:s_end]):
            ref = attributor.speakers.at(s_start + match.end(), slack=0) or attributor.loose_after(
                s_start + match.end() + (4 if text[s_start + match.end() :].startswith(("the ", "The ")) else 0), s_end
            )
            if ref is None:
                continue
            tail = text[ref.end : body_end]
            if tail.lstrip().startswith(",") and len(text[s_start : s_start + match.start()].split()) < 3:
                start, end = ref.end + tail.index(",") + 1, body_end  # "According to X, …"
            else:
                start, end = s_start, s_start + match.start()  # "…, according to X(, a …)."
            if not _overlaps(covered, start, end) and len(text[start:end].split()) >= 3:
                add(ref, start, end, direct=False, cue="according to")
