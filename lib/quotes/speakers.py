"""Every span of an article that can be a speaker: dictionary mentions, names the dictionary
lacks (a surname goes to the full name given earlier), honorifics ("Mr Smith") and pronouns
resolved to a person named before."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from lib.actors import Dictionary, find_names, load_names
from lib.quotes.lexicon import _HONORIFIC_NAME, _PREPOSITION, _PRONOUNS, SpeechLexicon
from lib.types import Mention, Sentence

# What joins two speakers of one statement: " and ", with a title before the second ("and German
# Chancellor ", "and the US president ").
# (The look-ahead lets the regex engine skip to the letters a pronoun starts with.)
_HE_SHE = re.compile(r"(?=[HhSs])\b(?:he|she|He|She)\b")
_JOINED = re.compile(r"\s+and\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}")

# Patterns of the passes, compiled once (re.search(str, …) looks each up in re's cache per call).
_ASKED_BEFORE = re.compile(r"\basked\s+(?:[\w.]+['’]s\s+)?$")
_OF_AFTER = re.compile(r"\s+of\s")
_WORD_BEFORE = re.compile(r"\b([a-z][\w-]+)\s+$")


_IT = re.compile(r"(?<![\w’'])[Ii]t(?![\w’'])")
# "’s Ministry of Defence", "’s foreign ministry": up to five words after a state's possessive.
_OWNED_WORDS = re.compile(r"['’]s((?:\s+[A-Za-z][\w-]*){1,5})")
_NEXT_WORD = re.compile(r"\s+([\w’']+)")


@lru_cache(maxsize=8)
def _object_before(objects: frozenset[str]) -> re.Pattern[str]:
    """A verb that takes a listener right before a name ("told CNN's", "urged the"), compiled once
    per lexicon (it was joined and escaped again for every article)."""
    return re.compile(
        r"\b(?:"
        + "|".join(re.escape(w) for w in sorted(objects | {"met", "asked", "interviewed"}, key=len, reverse=True))
        + r")\s+(?:[\w.]+['’]s\s+|the\s+|\w+\s+)?$"
    )


# A wire story's dateline at a paragraph's start: "WASHINGTON (AFP) –", "PARIS, Aug 31 (Reuters) -",
# "FLINT, Mich., Oct. 4 (UPI) —", "KYIV —": a place (and a date, an agency) before a dash.
_DATELINE = re.compile(
    r"(?m)^[ \t]*(?:[A-Z][\w.'’-]*(?:,?[ ]+[A-Z][\w.'’-]*){0,3}(?:,?[ ]+[A-Z][a-z]{2,8}\.?[ ]+\d{1,2})?[ ]*"
    r"\([A-Z][\w.]*(?:[ ][A-Z][\w.]*){0,2}\)|[A-Z]{3,}(?:,?[ ]+[A-Z][\w.]*){0,2})[ ]*[-–—][ ]"
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
    # A one-word name taken as a person because it is a cue's subject (``adopt``): pronouns and
    # titles the article gave it refer back to it, the guess "the last person named" does not.
    lone: bool = False


# After a subject: an owner ("Russia's invasion") or one of several ("Russia and China").
_OWNER_AFTER = re.compile(r"['’]s?\b|\s*(?:,|and\b|or\b)")


@lru_cache(maxsize=4)
def _governing(institutions: frozenset[str]) -> re.Pattern[str]:
    """After a person's name, an institution of one word: "Biden administration", "Johnson's government"."""
    words = sorted(w for w in institutions if " " not in w)
    return re.compile(r"(?:['’]s)?\s+(?:" + "|".join(map(re.escape, words)) + r")\b")


# "headed up by", "led by", "chaired by": "by" after a participle names the agent.
_AGENT_BY = re.compile(r"\b[a-z]+(?:ed|en)\s+(?:up\s+)?by\s+$")


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
        *,
        unspoken: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.text = text
        self.dictionary = dictionary
        self.lexicon = lexicon
        self.pair_words = lexicon.pair_words
        self.sentence_starts = [s.start for s in sentences]
        self.quoted = sorted(quoted)
        refs: list[_Ref] = []
        governing = _governing(lexicon.institutions)
        for m in mentions:
            actor = dictionary.actor(m.actor)
            if (
                m.via == "adjective"
                and m.kind == "state"
                and m.surface.endswith("s")
                and actor is not None
                and m.surface[:-1] in actor.adjectives
            ):
                continue  # "Ukrainians", "Americans": people nobody names, not their state ("Swiss" is)
            body = governing.match(text, m.end) if m.kind == "person" and m.rollup != m.actor else None
            if body is not None:
                # "the Biden administration", "the Morrison government": the state the person leads
                # speaks (the person stays a reference: "his", "him" later are still theirs)
                refs.append(_Ref(m.start, body.end(), m.rollup, m.rollup, text[m.start : body.end()], False, None))
            refs.append(
                _Ref(m.start, m.end, m.actor, m.rollup, m.surface, m.kind == "person", actor.gender if actor else None)
            )
        surnames: dict[str, str] = {}
        self.surnames = surnames
        given: dict[str, tuple[str, str]] = {}  # "Sir David" is the David Lidington named before
        for m in mentions:
            if m.kind == "person" and len(m.surface.split()) >= 2:
                given.setdefault(m.surface.split()[0], (m.actor, m.rollup))
        for start, end, name in find_names(text, mentions):
            words = name.split()
            if any(word in lexicon.not_person_words for word in words) or words[-1] in lexicon.calendar:
                continue  # "Fort Pierce, Florida Friday": a place and a day, no one's name
            surnames[name.split()[-1]] = name
            given.setdefault(name.split()[0], (name, name))
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
            title = match["title"].lower()
            name = surnames.get(match["name"], match["name"])
            rollup = name
            if title in ("sir", "dame") and match["name"] in given:
                name, rollup = given[match["name"]]
            gender = "f" if title in ("mrs", "ms", "miss") else "m" if title == "mr" else None
            refs.append(_Ref(start, end, name, rollup, match["name"], True, gender))
        self._object_before = _object_before(lexicon.objects)
        self._people_by_sentence: dict[int, list[_Ref]] = {}
        datelines = [m.span() for m in _DATELINE.finditer(text)]
        self._dateline_ends = {a: b for a, b in datelines}
        # "WASHINGTON (AFP) – Hillary Clinton …, saying": the dateline's place is no subject; nor
        # is a name in page furniture ("(AP Photo/Jane Roe)": the photographer, never a speaker) or
        # in a photo caption or the headline (nobody speaks there, and "he added" after a caption
        # is not its subject's).
        aside = datelines + [m.span() for pattern in lexicon.furniture for m in pattern.finditer(text)] + [*unspoken]
        if aside:
            refs = [r for r in refs if not any(a <= r.start < b for a, b in aside)]
        refs.sort(key=lambda r: r.start)
        roles = {(m.start, m.end) for m in mentions if m.via == "role" and m.kind == "person"}
        if roles:
            refs = self._role_holders(refs, roles)
        self._named = refs  # before pronouns: ``adopt`` resolves them again
        self.refs = self._with_pronouns(refs)
        self.starts = [r.start for r in self.refs]

    def adopt(self, names: Sequence[_Ref]) -> None:
        """People the article names by one word only, as the subject of a cue ("Novak said"):
        that word is a person wherever else it stands outside another reference, and "he", "the
        politician" can refer back to them."""
        covered = sorted((r.start, r.end) for r in self._named)
        added: list[_Ref] = []
        for name in {ref.surface: ref for ref in names}.values():
            for match in re.finditer(rf"(?<![\w-]){re.escape(name.surface)}(?![\w-])", self.text):
                index = bisect.bisect_right(covered, (match.start(), 10**9)) - 1
                if index >= 0 and covered[index][1] > match.start():
                    continue
                added.append(
                    _Ref(match.start(), match.end(), name.speaker, name.rollup, name.surface, True, None, lone=True)
                )
        if not added:
            return
        refs = sorted(self._named + added, key=lambda r: r.start)
        self._named = refs
        self.refs = self._with_pronouns(refs)
        self.starts = [r.start for r in self.refs]

    def past_dateline(self, position: int) -> int:
        """``position``, or the end of the dateline that begins within a few characters of it."""
        for start in range(max(0, position - 2), position + 3):
            if start in self._dateline_ends:
                return max(position, self._dateline_ends[start])
        return position

    def sentence_index(self, position: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, position) - 1)

    def in_quote(self, position: int) -> bool:
        index = bisect.bisect_right(self.quoted, (position, 10**9)) - 1
        return index >= 0 and self.quoted[index][0] <= position < self.quoted[index][1]

    def free(self, ref: _Ref) -> bool:
        """Not the object of a preposition ("with Boris Johnson") or of a verb that takes a
        listener ("told CNN's X", "urged X"), and not inside a quote."""
        before = self.text[max(0, ref.start - 30) : ref.start]
        if self.in_quote(ref.start):
            return False
        if _PREPOSITION.search(before[-20:]) and not _AGENT_BY.search(before):
            return False  # ... but the agent of a passive is its clause's doer ("headed up by X and he …")
        return not self._object_before.search(before)

    def antecedent(self, position: int, gender: str | None) -> _Ref | None:
        """Whom a pronoun at ``position`` stands for: the first free person of its sentence
        before it, else of the nearest previous sentence that has one (the subject, by
        centering), matching gender where known."""
        here = self.sentence_index(position)
        asked = self._asked_in(here - 1, gender) if here else None
        if asked is not None and not self._people_by_sentence.get(here):
            return asked  # "X asked Zelensky about it. He said …": the one asked answers
        for index in range(here, max(-1, here - 6), -1):
            pool = [
                r
                for r in self._people_by_sentence.get(index, [])
                if r.gender in (None, gender) and (index < here or r.start < position)
            ]
            # The subject: a person named outside quotes and not as an object ("talks with
            # Boris Johnson", "told CNN's X"); a sentence with none is passed over.
            free = [r for r in pool if self.free(r)]
            if free:
                return free[0]
        return None

    def _asked_in(self, index: int, gender: str | None) -> _Ref | None:
        """The person asked in sentence ``index`` ("Amanpour also asked Zelensky about …")."""
        for ref in self._people_by_sentence.get(index, []):
            before = self.text[max(0, ref.start - 25) : ref.start]
            if _ASKED_BEFORE.search(before) and ref.gender in (None, gender):
                return ref
        return None

    def _with_pronouns(self, refs: list[_Ref]) -> list[_Ref]:
        """Resolve he/she to the first free person of the same sentence before the pronoun,
        else of the nearest previous sentence that has one (the subject, by centering),
        matching gender where known."""
        by_sentence: dict[int, list[_Ref]] = {}
        for ref in refs:
            if ref.person:
                by_sentence.setdefault(self.sentence_index(ref.start), []).append(ref)
        self._people_by_sentence = by_sentence
        resolved: list[_Ref] = []
        for match in _HE_SHE.finditer(self.text):
            if self.in_quote(match.start()):
                continue
            gender = _PRONOUNS[match.group().lower()]
            here = self.sentence_index(match.start())
            antecedent = self.antecedent(match.start(), gender)
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
                lone=antecedent.lone,
            )
            by_sentence.setdefault(here, []).append(ref)
            by_sentence[here].sort(key=lambda r: r.start)
            resolved.append(ref)
        resolved += self._its(refs)
        return sorted(refs + resolved, key=lambda r: r.start)

    def _its(self, refs: list[_Ref]) -> list[_Ref]:
        """ "Russia said it would call up reservists. It also warned …": an "it" that a cue follows
        goes on with the last reference of its sentence, else of the sentence before, that a cue
        follows, when that one is a state or an organisation (never a person, never a report)."""
        text = self.text
        by_sentence: dict[int, list[_Ref]] = {}
        for ref in refs:
            by_sentence.setdefault(self.sentence_index(ref.start), []).append(ref)
        found: list[_Ref] = []
        for match in _IT.finditer(text):
            if self.in_quote(match.start()):
                continue
            if not self._cue_after(match.end()):
                continue
            here = self.sentence_index(match.start())
            for index in (here, here - 1):
                # the last one before it that spoke ("Russia said …"): "it" goes on with that speaker
                speaking = [
                    r
                    for r in by_sentence.get(index, [])
                    if r.start < match.start() and self.free(r) and (self._cue_after(r.end) or self._body_spoke(r))
                ]
                if speaking:
                    subject = speaking[-1]
                    if not subject.person:
                        found.append(
                            _Ref(
                                match.start(), match.end(), subject.speaker, subject.rollup, match.group(), False, None
                            )
                        )
                    break
            else:
                # "Germany has moved to stage two of its plan. It has also warned …": with no one
                # speaking before it, the state or body that is the sentence before's subject
                opener = self._sentence_subject(by_sentence.get(here - 1, []), here - 1)
                if opener is not None and match.start() == self.sentence_starts[here]:
                    found.append(
                        _Ref(match.start(), match.end(), opener.speaker, opener.rollup, match.group(), False, None)
                    )
        return found

    def _sentence_subject(self, refs: list[_Ref], index: int) -> _Ref | None:
        """The state or organisation that opens sentence ``index`` as its subject ("Germany has
        moved …", "The Kremlin said"); not an owner ("Russia's invasion …")."""
        if not refs or index < 0:
            return None
        first = refs[0]
        opening = self.text[self.sentence_starts[index] : first.start]
        if first.person or opening.strip() not in ("", "The", "the"):
            return None
        if _OWNER_AFTER.match(self.text, first.end):
            return None
        return first

    def _body_spoke(self, ref: _Ref) -> bool:
        """ "Britain’s Ministry of Defence said": a state whose own body, named right after it, spoke."""
        owned = None if ref.person else _OWNED_WORDS.match(self.text, ref.end)
        if owned is None:
            return False
        at, body = owned.start(1), False
        for word in re.finditer(r"\s+([A-Za-z][\w-]*)", owned.group(1)):
            name = word.group(1)
            # "Ministry of Defence": the body's head noun, then the rest of its name, then the cue
            body = body or name.title() in load_names().government_heads or name.lower() in self.lexicon.institutions
            if body and self._cue_after(at + word.end()):
                return True
        return False

    def _cue_after(self, position: int) -> bool:
        """A reporting cue right after ``position``, past up to three adverbs or auxiliaries."""
        text, lexicon = self.text, self.lexicon
        at = position
        for _ in range(3):  # "It also has warned"
            word = _NEXT_WORD.match(text, at)
            if word is None or word.group(1).lower() not in lexicon.gap_words:
                break
            at = word.end()
        while at < len(text) and text[at].isspace():
            at += 1
        cue = lexicon.cue_pattern.match(text, at)
        # "Russia was attacking Sievierodonetsk": a physical act (``physical_cues``) is no speech here
        return cue is not None and cue.group().split()[-1].lower() not in lexicon.physical_cues

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
        # two references from one place ("Zelensky" and "Zelensky's office"): the longer is nearer
        return sorted(out, key=lambda r: -r.end) if len(out) > 1 and out[0].start == out[1].start else out

    def _role_holders(self, refs: list[_Ref], roles: set[tuple[int, int]]) -> list[_Ref]:
        """A role ("the president") goes to the person the article itself named with it, the most
        salient one (see ``holder``), before the dictionary's guess of its last-named holder."""
        self.refs, self.starts = refs, [r.start for r in refs]
        out = []
        for ref in refs:
            if (ref.start, ref.end) in roles and not _OF_AFTER.match(self.text[ref.end : ref.end + 5]):
                title = ref.surface.split()[-1]
                before = _WORD_BEFORE.search(self.text[max(0, ref.start - 20) : ref.start])
                words = ref.surface.split()
                if len(words) == 1 and before and before.group(1) not in ("the", "a", "an", "said", "says"):
                    title = f"{before.group(1)} {title}"  # "the vice president": "vice" before the role
                elif len(words) >= 2 and words[-2][0].islower() and words[-2].lower() not in ("the", "a", "an"):
                    title = " ".join(words[-2:])
                holder = self.holder(title, ref.start, fallback=False)
                if holder is None and " " in title:
                    holder = (
                        None  # a two-word title nobody in the article was named with: the dictionary's guess stands
                    )
                if holder is not None and holder.speaker != ref.speaker:
                    ref = _Ref(ref.start, ref.end, holder.speaker, holder.rollup, ref.surface, True, holder.gender)
            out.append(ref)
        return out

    def pair_before(self, position: int) -> tuple[_Ref, _Ref] | None:
        """The two people "both" or "the two" stand for at ``position``: the last two different
        people named outside quotes in its sentence or the one before."""
        floor = self.sentence_starts[max(0, self.sentence_index(position) - 1)] if self.sentence_starts else 0
        people: list[_Ref] = []
        for ref in reversed(self.refs[: bisect.bisect_left(self.starts, position)]):
            if ref.start < floor:
                break
            if (
                ref.person
                and ref.end <= position
                and not self.in_quote(ref.start)
                and all(p.speaker != ref.speaker for p in people)
            ):
                people.append(ref)
            if len(people) == 2:
                return people[1], people[0]
        return None

    def joint_partner(self, ref: _Ref) -> _Ref | None:
        """The other speaker of a joint statement: "Biden and German Chancellor Olaf Scholz agreed",
        "The UK and EU promised" (the reference joined to ``ref`` by "and"), "both pledged" (the
        other of the pair named before)."""
        if ref.surface.lower() in self.pair_words:
            pair = self.pair_before(ref.start)
            return pair[1] if pair is not None and pair[0].speaker == ref.speaker else None
        if ref.end <= ref.start:
            return None
        index = bisect.bisect_left(self.starts, ref.start)
        for other in reversed(self.refs[max(0, index - 4) : index]):
            if other.end > ref.start or other.speaker == ref.speaker or self.in_quote(other.start):
                continue
            between = self.text[other.end : ref.start]
            if _JOINED.fullmatch(between) and not _PREPOSITION.search(
                self.text[max(0, other.start - 20) : other.start]
            ):
                return other
            break
        return None

    def institution(self, word: str, start: int, end: int) -> _Ref | None:
        """Whose "the <word>" ("the government", "the embassy") this is: the state the article
        names right before that word ("the Australian government", "Ukraine's embassy") most often."""
        counts: dict[str, int] = {}
        sample: dict[str, _Ref] = {}
        # "the Australian government", "Ukraine's defence ministry": at most two words between
        pattern = re.compile(rf"^['’]?s?(?:\s+[a-z]+){{0,2}}\s+{re.escape(word)}\b", re.IGNORECASE)
        for ref in self.refs:
            if ref.person or ref.speaker != ref.rollup:
                continue
            if pattern.match(self.text[ref.end : ref.end + len(word) + 30]):
                counts[ref.speaker] = counts.get(ref.speaker, 0) + 1
                sample.setdefault(ref.speaker, ref)
        if not counts:
            return None
        best = max(counts, key=lambda name: counts[name])
        if list(counts.values()).count(counts[best]) > 1:
            return None
        found = sample[best]
        return _Ref(start, end, found.speaker, found.rollup, self.text[start:end], False, None)

    def named_body(self, noun: str, position: int) -> _Ref | None:
        """The organisation last named before ``position`` with ``noun`` in its name ("the
        institute": the Institute for the Study of War), as a reference at ``position``; no
        person, no state ("the ministry" is its state's: ``institution``)."""
        has_noun = re.compile(rf"\b{re.escape(noun)}\b", re.IGNORECASE).search
        # "the group", "the bloc": a collective noun stands for the last body named, whatever its name
        collective = noun.lower() in self.lexicon.collective_bodies
        index = bisect.bisect_left(self.starts, position)
        floor = self.sentence_index(position) - 5
        for ref in reversed(self.refs[:index]):
            if ref.person or self.in_quote(ref.start):
                continue
            actor = self.dictionary.actor(ref.speaker)
            if actor is not None and actor.kind == "state":
                continue
            if has_noun(ref.surface) or has_noun(ref.speaker):
                return _Ref(position, position + len(noun) + 4, ref.speaker, ref.rollup, f"the {noun}", False, None)
            if collective and self.sentence_index(ref.start) >= floor and (actor is None or actor.kind != "person"):
                return _Ref(position, position + len(noun) + 4, ref.speaker, ref.rollup, f"the {noun}", False, None)
        return None

    def holder(self, title: str, position: int, *, fallback: bool = True, rollup: str | None = None) -> _Ref | None:
        """Whom "the <title>" ("the president", "the governor") stands for before ``position``:
        of the people the article has named with that title ("President X", "X, the
        Belarusian president"), the most often named, the latest on a tie; with none, the last
        person named. With ``rollup`` ("the Russian minister": Russia), only the people who
        speak for it count, and with none titled, the last of them named."""
        title = title.lower()
        titled_as = re.compile(rf"\b{re.escape(title)}\b", re.IGNORECASE).search
        index = bisect.bisect_left(self.starts, position)
        counts: dict[str, int] = {}
        titled: dict[str, _Ref] = {}
        last: _Ref | None = None
        for ref in self.refs[:index]:
            if not ref.person or self.in_quote(ref.start):
                continue
            if rollup is not None:
                if ref.rollup != rollup or ref.speaker == rollup:
                    continue
                last = ref
            counts[ref.speaker] = counts.get(ref.speaker, 0) + 1
            around = " ".join(
                (
                    self.text[max(0, ref.start - 40) : ref.start],
                    ref.surface,
                    self.text[ref.end : ref.end + 50].split(".")[0],
                )
            )
            if titled_as(around):
                titled[ref.speaker] = ref
        if titled:
            best = max(titled, key=lambda name: (counts[name], titled[name].start))
            return titled[best]
        if rollup is not None:
            return last if fallback else None
        return self.last_person_before(position) if fallback else None

    def last_person_before(self, position: int) -> _Ref | None:
        index = bisect.bisect_left(self.starts, position)
        for ref in reversed(self.refs[:index]):
            if ref.person and not ref.lone and ref.end <= position and not self.in_quote(ref.start):
                return ref
        return None
