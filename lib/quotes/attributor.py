"""Finding the speaker of a cue or a quote: the subject before the cue, an apposition, a
name after the cue ("said MSNBC host X"), a short attribution clause after a quote."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from lib.actors import load_names, spelled_surname
from lib.quotes.lexicon import (
    _DASH_NAME,
    _LOOSE_BEFORE,
    _MARKS,
    _NAMED_AFTER,
    _NOT_NAMED_LEAD,
    _PREPOSITION,
    SpeechLexicon,
    find_cues,
)
from lib.quotes.speakers import _Ref, _Speakers
from lib.types import Sentence
from lib.words import common_word, english_words, ordinary_noun

# "the Russian (foreign) minister": a state's adjective, then a role in lower case.
_STATE_ROLE = re.compile(r"(?<![\w-])(?:the|The)\s+([A-Z][\w-]+)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})")
# "the politician", "the Hungarian minister" right after a cue, up to the next punctuation.
_TITLE_AFTER = re.compile(r"(?:the|The)\s+(?:[A-Z][\w-]+\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?(?=\s*[.,;:!?]|\s*$)")
# Between a name and the comma before "who": nothing, or an aside in parentheses ("(D-Conn.)").
_ASIDE_BEFORE_COMMA = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?")
# After a name, what may stand before the comma that ends it: "(D-Va.)", ", 59".
_ASIDE_THEN_COMMA = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?,")
# "continued to", "added to": an aspect verb before "to", no cue (``aspect_cues``)
_TO_NEXT = re.compile(r"\s+to\s")
# ", a nuclear expert at England's " between a person and a body: the description the person opened
_OPEN_APPOSITION = re.compile(
    r",\s+(?:an?|the)\s+[^,;:.“”\"()]{0,60}?\s(?:at|of|with|from|for)\s+(?:the\s+)?(?:[A-Z][\w.-]*['’]s\s+)?"
)
# ", but", ", and": a new clause begins
_NEW_CLAUSE = re.compile(r",\s+(?:but|and|while|whereas|yet)\s")
# After a name, where the person works: "of Clemson University", "at the Rand Corporation".
_AFFILIATION = re.compile(
    r"\s+(?:of|at|from|with)\s+(?:the\s+)?[A-Z][\w.&’'-]*(?:\s+(?:of\s+|for\s+|the\s+|and\s+)?[A-Z][\w.&’'-]*){0,5}\s*"
)
# A surname as written: one capital, or a second after Mc, Mac, O', D' ("McFadden", "O’Malley").
_PERSON_WORD = re.compile(r"(?:Mc|Mac|O['’]|D['’])?[A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)?")
# "the (former) Labour leader": a capitalised modifier (a party, a body) before a role word.
_NAMED_ROLE = re.compile(
    r"(?<![\w-])(?:the|The)\s+(?:(?P<former>former|then)\s+)?(?P<modifier>[A-Z][\w-]+)\s+(?P<role>[a-z][\w-]+)"
)
# The last capitalised word of a short stretch, at most three words before its end.
_LAST_CAPITAL = re.compile(r"[A-ZÀ-Þ][\w’'-]*(?=(?:[\s,]+[\w’'-]+){0,2}[\s,]*$)")
_AS_BEFORE = re.compile(r"(?:^|\s)[Aa]s\s+(?:the\s+)?$")
# After a cue, a description and then, after a comma, the name: "said a former official, Jane Roe".
# Between the state or body a description begins with and the person it ends with: words, no
# punctuation ("Foreign Ministry spokesperson"); what follows the person's name ends the phrase.
_PHRASE_GAP = re.compile(r"(?:['’]s)?(?:\s+[\w’'.-]+){0,5}\s+|\s*")
_PHRASE_END = re.compile(r"\s*(?:[,.;:!?)]|\(|$|\s+(?:who|which|in|on|at|to|during|after|before)\b)")
_DESCRIBED_NAME = re.compile(r"\s+(?:a|an|another|the|one|his|her|their|its)\s+[^,“”\"\n]{2,60}?,\s+(?=[A-Z])")
# What stands before a participle that reports speech: ", saying …", "– telling reporters …".
_PARTICIPLE_LEADS = (", ", "– ", "— ", "- ")

# Patterns of the passes, compiled once (re.search(str, …) looks each up in re's cache per call).
# "… and its Western allies", "… along with his colleagues": partners the subject brings, named by no one.
_OWN_PARTNERS = re.compile(
    r"(?:\s+and\s+(?:its|his|her|their|other)\s+(?:[\w’'-]+\s+){0,2}[a-z][\w’'-]*"
    # "Cramer along with several of his colleagues told"
    r"|,?\s+(?:along|together)\s+with\s+(?:[\w’'-]+\s+){0,4}[a-z][\w’'-]*,?)$"
)
_SUBJECT_ASIDE = re.compile(r"(?:\([^()]{1,40}\)|,\s*\d{1,3},|\s[-–—]\s[^-–—]{3,160}?\s[-–—])\s*$")


def _one_slip(word: str, surnames: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """(speaker, rollup) of the person whose surname, as the article gave it in full, ``word`` (six
    letters or more) mistypes by one letter dropped, added or two swapped ("Zhokva" for
    "Zhovkva"), when only one fits."""
    if len(word) < 6:
        return None
    found = {who for surname, who in surnames.items() if surname[:1] == word[:1] and _one_edit(word, surname)}
    return found.pop() if len(found) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one letter dropped or added, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


# "the institute": a definite noun that ends the subject.
_THE_NOUN = re.compile(r"(?:^|\s)[Tt]he\s+([a-z]+)$")
# The rest of a participle's aside, up to the comma that closes it, within its sentence.
_ASIDE_REST = re.compile(r"[^,.;:!?“”\"\n]{1,80},")


@lru_cache(maxsize=8)
def _document_pattern(noun: str, verbs: frozenset[str]) -> re.Pattern[str]:
    """ "<verb> a|an|the … <noun>", "['s] … <noun>", "<noun> from|by <author>"."""
    alternatives = "|".join(sorted(map(re.escape, verbs)))
    return re.compile(
        rf"(?:(?P<verb>\b(?:{alternatives}))\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){{0,3}}?{re.escape(noun)}\b"
        rf"|(?P<owner>['’]s)\s+(?:[\w-]+\s+){{0,2}}?{re.escape(noun)}\b"
        rf"|\b{re.escape(noun)},?\s+(?:(?:signed|sent|issued|released|published|written|drafted|posted)\s+)?"
        rf"(?:from|by)\s+(?P<from>))",
        re.IGNORECASE,
    )


# When, between a conjunction and its cue: "but in recent days has signaled", "and on Monday said".
_TRAILING_WHEN = re.compile(
    r"(?<=\s)(?:in\s+recent\s+(?:days|weeks|months)|(?:on|last|this|next|earlier\s+this)\s+"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year|weekend|morning|evening|night))"
    r",?\s*$"
)
# When, between a subject and its cue: "Germany at the weekend welcomed", "Russia this morning said".
_SUBJECT_WHEN = re.compile(
    r"(?<=\s)(?:(?:at|over)\s+the\s+weekend|this\s+(?:morning|afternoon|evening)|(?:last|this|next)\s+(?:month|year)"
    r"|earlier\s+(?:this|on)(?:\s+(?:week|month|year))?|late\s+on\s+\w+day)\s*$"
)
_LAST_WORD = re.compile(r"([\w’']+)[\s,]*$")
_ENDS_CONJUNCTION = re.compile(r"(?:^|\s)(?:and|but)$")
_ENDS_WHO = re.compile(r",\s*(who|which)$")
# "'s defense ministry", "'s foreign office": a body a state owns, after the state's name.
_OWNED_BODY = re.compile(r"['’]s(?:\s+[\w-]+){0,2}\s+([\w-]+)\s*")
# A sentence whose subject is a document: "The letter to Biden … says".
_DOCUMENT_SUBJECT = re.compile(r"(?:[Tt]he|[Tt]his|[Tt]hat)\s+([a-z][\w-]*)\b")
_OWNER_BEFORE = re.compile(r"(\w+)\s+(?:for|of|at)\s+(?:the\s+)?$")
_ENDS_GENERIC = re.compile(r"(?:^|\s)(?:the|The)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})$")
_QUOTE_LEAD = re.compile(r"[\s,.;:!?”\"»]*")
_CLAUSE_MARK = re.compile(r"[,;:]\s")
_COMMA_AFTER_NAME = re.compile(r"(?:\s+(?:Jr\.|Sr\.|II|III|IV))?(?:\s*\([^()]{1,40}\))?,")


@lru_cache(maxsize=8)
def _pair_pattern(pair_words: frozenset[str]) -> re.Pattern[str]:
    pairs = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(pair_words, key=len, reverse=True))
    return re.compile(rf"(?:^|\s)((?i:{pairs}))$")


class _Attributor:
    def __init__(self, text: str, sentences: Sequence[Sentence], speakers: _Speakers, lexicon: SpeechLexicon) -> None:
        self.text = text
        self.sentences = sentences
        self.sentence_starts = [s.start for s in sentences]
        self.speakers = speakers
        self.lexicon = lexicon
        # Every active cue of the text, found in one scan (the cue pattern is a long alternation:
        # scanning each sentence and each quote's prefix anew cost a fifth of the attribution).
        self._cues = [
            m
            for m in find_cues(text, lexicon)
            if not self._passive(m.start()) and not self._aside(m) and not self._physical(m) and not self._aspect(m)
        ]
        self._cue_starts = [m.start() for m in self._cues]
        # "both", "the two" (speech.yml's pair_words) right before a cue: the pair named before it
        self._pair = _pair_pattern(lexicon.pair_words)

    def _surnames(self) -> dict[str, tuple[str, str]]:
        """The surname of every person the article names in full, with (speaker, rollup)."""
        found = {surname: (full, full) for surname, full in self.speakers.surnames.items()}
        for ref in self.speakers.refs:
            words = ref.surface.split()
            if ref.person and len(words) >= 2 and words[-1][:1].isupper():
                found.setdefault(words[-1], (ref.speaker, ref.rollup))
        return found

    def _physical(self, cue: re.Match[str]) -> bool:
        """ "Russia attacked Kharkiv overnight": a physical act, no speech. "Attacked" is speech when
        a person attacks ("Mr. Trump has attacked loopholes"), when the grounds follow its object
        ("the ministry attacked the West for its slow deliveries", "as a liar"), or when its object is
        a person ("the party attacked Clinton")."""
        last = cue.group().split()[-1].lower()
        if last not in self.lexicon.physical_cues:
            return False
        sentence = self.sentence_of(cue.start())
        before = self.speakers.ending_before(cue.start(), sentence.start)
        if before and before[0].person and cue.start() - before[0].end <= 30:
            return False
        following = self.text[cue.end() : sentence.end].split()[:7]
        if any(word.lower().strip(",.;:") in self.lexicon.verbal_grounds for word in following[1:]):
            return False
        after = self.speakers.at(cue.end() + 1, slack=5)
        return not (after is not None and after.person)

    def _aspect(self, cue: re.Match[str]) -> bool:
        """ "if Ukraine continued to mount attacks", "which added to the pressure": "continue",
        "add" before "to" say nothing (``aspect_cues``)."""
        if cue.group().lower() not in self.lexicon.aspect_cues:
            return False
        return _TO_NEXT.match(self.text, cue.end()) is not None

    def _aside(self, cue: re.Match[str]) -> bool:
        """A participle naming a source, set off by commas ("X, citing Russian reports, said"):
        the aside of another cue, no cue itself."""
        if cue.group().lower() not in self.lexicon.source_participles:
            return False
        if self.text[max(0, cue.start() - 2) : cue.start()] != ", ":
            return False
        return _ASIDE_REST.match(self.text, cue.end()) is not None

    def lone_speakers(self, is_medium: Callable[[str], bool]) -> list[_Ref]:
        """The one-word names that no reference explains and that are the subject of a cue
        ("Novak said that …"): people the article names by surname alone; not media."""
        out = []
        for cue in self._cues:
            floor = self.sentence_of(cue.start()).start
            window = max(floor, cue.start() - 40)
            capital = _LAST_CAPITAL.search(self.text, window, cue.start())
            if capital is None:
                continue  # no capitalised word just before the cue: no name for a subject
            known = self.speakers.ending_before(cue.start(), window)
            if known and known[0].end >= capital.end():
                continue  # the name before the cue is a reference already
            ref = self.subject(cue.start(), floor)
            if (
                ref is not None
                and ref.person
                and " " not in ref.surface
                and ref.surface[:1].isupper()
                and self.speakers.at(ref.start, slack=0) is None
                and not is_medium(ref.speaker)
                and _PERSON_WORD.fullmatch(ref.surface)  # not "FBI", "EgyptAir", "HuffPost"
                and ref.surface.lower() not in english_words()  # not "Poll", "Republican", "Nobody"
                # "Republicans said": the plural of a word the article also writes ("Republican")
                and not (
                    ref.surface.endswith("s")
                    and re.search(rf"(?<![\w-]){re.escape(ref.surface[:-1])}(?![\w-])", self.text)
                )
            ):
                spelled = spelled_surname(ref.surface, self.speakers.dictionary)
                mistyped = None if spelled is not None else _one_slip(ref.surface, self._surnames())
                if spelled is not None:  # "Zilinski told reporters": Zelensky in another spelling
                    ref = _Ref(ref.start, ref.end, spelled.name, spelled.rollup, ref.surface, True, spelled.gender)
                elif mistyped is not None:  # "Zhokva said" after "Igor Zhovkva": a letter dropped
                    ref = _Ref(ref.start, ref.end, mistyped[0], mistyped[1], ref.surface, True, None)
                out.append(ref)
        return out

    def sentence_of(self, position: int) -> Sentence:
        index = max(0, bisect.bisect_right(self.sentence_starts, position) - 1)
        return self.sentences[index]

    def cues_in(self, start: int, end: int) -> list[re.Match[str]]:
        """The active (not passive) cues inside [start, end), in text order."""
        index = bisect.bisect_left(self._cue_starts, start)
        out = []
        while index < len(self._cues) and self._cue_starts[index] < end:
            if self._cues[index].end() <= end:
                out.append(self._cues[index])
            index += 1
        return out

    def _passive(self, cue_start: int) -> bool:
        before = self.text[max(0, cue_start - 12) : cue_start].split()
        return bool(before) and before[-1].lower() in self.lexicon.passive_before

    def subject(self, cue_start: int, floor: int, *, previous: _Ref | None = None) -> _Ref | None:
        """The speaker of a cue at ``cue_start``; ``floor`` bounds the search (sentence start,
        past a dateline: "PARIS, Aug 31 (Reuters) - …")."""
        floor = self.speakers.past_dateline(floor)
        lexicon_cue = self.lexicon.cue_pattern.match(self.text, cue_start)
        if (
            self.text[max(floor, cue_start - 2) : cue_start] in _PARTICIPLE_LEADS
            and lexicon_cue is not None
            and lexicon_cue.group("participle")
        ):
            absolute = self._absolute_subject(floor, cue_start - 2)
            if absolute is not None:
                return absolute  # "with the prime minister, Boris Johnson, describing …"
            return previous or self.earlier_speaker(floor, cue_start)  # "X said A, adding that B"
        if (
            self.text[max(floor, cue_start - 3) : cue_start] == "by "
            and lexicon_cue is not None
            and lexicon_cue.group("participle")
        ):
            # "Biden did not fail to deliver by declaring that …": the sentence's subject speaks
            return previous or self.first_free(floor, cue_start)
        gap_end = cue_start
        # Skip adverbs and auxiliaries between the speaker and the cue.
        while True:
            # "(D-Wis.)", ", 82,", " - which has repeatedly denied it - "
            aside = _SUBJECT_ASIDE.search(self.text[floor:gap_end])
            if aside:
                gap_end = floor + aside.start()
                continue
            when = _TRAILING_WHEN.search(self.text, floor, gap_end)
            if when and _ENDS_CONJUNCTION.search(self.text[floor : when.start()].rstrip(" ,")):
                gap_end = when.start()  # "but in recent days has signaled": the conjunction's
                continue
            when = _SUBJECT_WHEN.search(self.text, floor, gap_end)
            if when:
                gap_end = when.start()  # "Germany at the weekend welcomed …"
                continue
            match = _LAST_WORD.search(self.text[floor:gap_end])
            if not match or match.group(1).lower() not in self.lexicon.gap_words:
                break
            gap_end = floor + match.start()
        head = self.text[floor:gap_end].rstrip()
        partners = _OWN_PARTNERS.search(head)
        if partners:
            head = head[: partners.start()]  # "Ukraine and its Western allies say": the one named speaks
        document = _DOCUMENT_SUBJECT.match(head)
        if document and document.group(1).lower() in self.lexicon.documents:
            # "The letter to Biden, obtained by Fox News, says …": whoever sent it, never the addressee
            return self.document_author(document.group(1).lower(), floor + len(head))
        if _ENDS_CONJUNCTION.search(head):
            if previous is not None:
                return previous
            return self.earlier_speaker(floor, gap_end)
        # A relative clause: "… repeated by Liz Truss, who stated that …": the person before it.
        relative = _ENDS_WHO.search(head)
        if relative:
            comma = floor + relative.start()
            antecedents = self.speakers.ending_before(comma, floor)
            if (
                antecedents
                and antecedents[0].person
                and relative.group(1) == "who"
                and _ASIDE_BEFORE_COMMA.fullmatch(self.text, antecedents[0].end, comma)
            ):
                return antecedents[0]  # "Sen. Jane Roe (D-Conn.), who tweeted, …"
            if antecedents and not antecedents[0].person and relative.group(1) == "which":
                # "the U.K.'s defense ministry, which described …": the state or body before it
                owned = _OWNED_BODY.fullmatch(self.text, antecedents[0].end, comma)
                gap = self.text[antecedents[0].end : comma]
                if not gap.strip() or (
                    owned
                    and self._is_state(antecedents[0])
                    and (
                        owned.group(1).lower() in self.lexicon.institutions
                        or owned.group(1).title() in load_names().government_heads
                    )
                ):
                    return antecedents[0]
        # An apposition: "Bruno Kahl, Head of the German Foreign Intelligence Agency (BND), said".
        if head.endswith(","):
            return self._apposed(floor, head[:-1])
        candidates = self.speakers.ending_before(floor + len(head), floor)
        if candidates and not self.text[candidates[0].end : floor + len(head)].strip(" ’'s"):
            ref = self.unclosed_apposition(candidates[0], floor) or candidates[0]
            before = self.text[max(floor, ref.start - 40) : ref.start]
            # "as" right before the cue's subject is a conjunction: "as Trump denounced …"
            if not _PREPOSITION.search(before[-20:]) or _AS_BEFORE.search(before[-20:]):
                return ref
            owner = _OWNER_BEFORE.search(before)
            if owner and owner.group(1).lower() in self.lexicon.generic_speakers:
                return ref  # "a spokeswoman for Hillary Clinton says"
        pair = self._pair.search(head)
        if pair:
            # "at which both pledged": a joint statement of the two people named just before
            found = self.speakers.pair_before(floor + pair.start(1))
            if found is not None:
                first = found[0]
                at = floor + pair.start(1)
                return _Ref(at, at + len(pair.group(1)), first.speaker, first.rollup, " ".join(pair.group(1).lower().split()),
                            True, first.gender)  # fmt: skip
        words = head.split()
        if (
            candidates
            and words
            and words[-1].lower() in self.lexicon.documents
            and len(re.sub(r"^['’]s\b", "", self.text[candidates[0].end : floor + len(head)]).split()) <= 2
        ):
            return candidates[0]  # "A Downing Street statement said", "the Kremlin's readout said": its author
        if candidates and self._is_state(candidates[0]):
            owned = re.fullmatch(r"['’]s((?:\s+[A-Za-z-]+){1,5})\s*", self.text[candidates[0].end : floor + len(head)])
            if owned and any(w.title() in load_names().government_heads for w in owned.group(1).split()):
                # "Britain's Ministry of Defense said", "Russia's main domestic security agency said",
                # "Ukraine's presidential office said": the state's own body
                return candidates[0]
        if words and (
            words[-1] in self.lexicon.generic_speakers
            or words[-1].lower() in self.lexicon.generic_speakers
            or words[-1] in load_names().government_heads
        ):
            if (
                words[-1] in self.lexicon.generic_speakers
                and words[-1].endswith("s")
                and candidates
                and self._is_state(candidates[0])
            ):
                return None  # "Ukrainian officials said", "US sources say": people nobody names
            # "the Russian diplomat said", "the top diplomat said": one person the article named
            # before, who speaks for that state; with no state, the last person named
            single = words[-1].lower() in self.lexicon.person_roles and len(words) >= 2
            titled = _STATE_ROLE.search(head) if single else None
            if titled is not None and candidates and self._is_state(candidates[0]) and titled.end() == len(head):
                at, state = floor + titled.start(), candidates[0].speaker
                holder = self.speakers.holder(titled.group(2), at, fallback=False, rollup=state)
                holder = holder or self.speakers.holder(titled.group(2).split()[-1], at, rollup=state)
                if holder is not None:
                    return holder
            if single and not candidates and _ENDS_GENERIC.search(head):
                generic = _ENDS_GENERIC.search(head)
                if generic is not None:
                    return self.title_holder(generic.group(1).split(), floor + generic.start())
            # "the Russian government said", "Kremlin spokesman said", "Russia's foreign ministry
            # said", "Ukraine's General Staff said": the actor named just before.
            gap = re.sub(r"^['’]s\b", "", self.text[candidates[0].end : floor + len(head)]) if candidates else ""
            # "the French Ministry of the Armed Forces said": at most three words besides "of", "the"
            if candidates and len([w for w in gap.split() if w.lower() not in ("of", "the", "and")]) <= 3:
                return candidates[0]
            if len(words) >= 2 and words[-2].lower() == "the" and words[-1].lower() in self.lexicon.institutions:
                end = floor + len(head)
                return self.speakers.institution(words[-1], end - len(words[-1]) - 4, end)  # "the government said"
            if len(words) >= 2 and words[-2].lower() == "the" and self._body_noun(words[-1]):
                named = self.speakers.named_body(words[-1], floor + len(head) - len(words[-1]) - 4)
                if named is not None:
                    return named  # "the agency said": the agency the article named
            return self.named_role(floor, floor + len(head))  # "the Labour leader said": whom it titled
        loose = self.loose_before(floor + len(head), floor)
        if (
            loose is not None
            and loose.end == floor + len(head)
            and (
                not _PREPOSITION.search(self.text[max(floor, loose.start - 20) : loose.start])
                or _AS_BEFORE.search(self.text[max(floor, loose.start - 20) : loose.start])
            )
        ):
            return loose  # "DuVernay said", a name no dictionary or earlier mention explains
        role = self.state_role(floor, floor + len(head)) or self.named_role(floor, floor + len(head))
        if role is not None:
            return role
        # "The institute said", "the agency added": the body the article named with that head
        # noun ("the Institute for the Study of War", "the International Atomic Energy Agency").
        body = _THE_NOUN.search(head)
        if body and self._body_noun(body.group(1)):
            named = self.speakers.named_body(body.group(1), floor + body.start())
            if named is not None:
                return named
        # "the political scientist stressed": the last person named.
        generic = _ENDS_GENERIC.search(head)
        if (
            generic
            and not generic.group(1).endswith("s")
            and generic.group(1).split()[-1] not in ("that", "this", "it")
            # "a Russian-installed official in the region told": "the region" is inside the
            # subject, the object of its preposition, and names no one
            and not _PREPOSITION.search(head, 0, generic.start() + 1)
        ):
            return self.title_holder(generic.group(1).split(), floor + generic.start())
        return None

    def document_author(self, noun: str, position: int) -> _Ref | None:
        """Who sent, wrote or issued the last "<noun>" named before ``position`` ("Jane Roe sent a
        letter to …", "Roe's letter", "a letter from Roe"), else None."""
        verbs = self.lexicon.document_verbs
        if not verbs:
            return None
        pattern = _document_pattern(noun, verbs)
        found: _Ref | None = None
        for match in pattern.finditer(self.text, 0, position):
            if match["verb"]:
                # the sending verb's subject, as a cue's ("Rep. Jane Roe, R-Ariz., …, sent a letter")
                at = match.start("verb")
                found = self.subject(at, self.sentence_of(at).start) or found
            elif match["owner"]:
                at = match.start("owner")
                before = self.speakers.ending_before(at, self.sentence_of(at).start)
                if before and before[0].end == at and not self.speakers.in_quote(before[0].start):
                    found = before[0]
            else:
                found = self._ref_at(match.end("from")) or found
        return found

    def _body_noun(self, word: str) -> bool:
        """ "institute", "agency", "group": a noun that names a body ("the group said")."""
        return word.title() in self.lexicon.organisation_heads or word.lower() in self.lexicon.collective_bodies

    def _is_state(self, ref: _Ref) -> bool:
        actor = self.speakers.dictionary.actor(ref.speaker)
        return actor is not None and actor.kind == "state"

    def title_holder(self, words: list[str], position: int, *, guess: bool = True) -> _Ref | None:
        """ "the vice president" -> the person named with "vice president", before one named
        "president"; then the holder of the last word alone (``Speakers.holder``), and with
        ``guess``, when no one was named with it, the last person named."""
        if len(words) >= 2:
            found = self.speakers.holder(" ".join(words[-2:]), position, fallback=False)
            if found is not None:
                return found
        return self.speakers.holder(words[-1], position, fallback=guess)

    def state_role(self, start: int, end: int) -> _Ref | None:
        """ "the Russian minister", "the Hungarian foreign minister" ending at ``end``: the
        person the article named who speaks for that state, with that title if several (the
        dictionary's roles name only whole titles: "Russian foreign minister"); None when the
        article named no one who speaks for it ("the Russian side" stays the state's)."""
        role = _STATE_ROLE.search(self.text, start, end)
        if role is None or role.end() != end:
            return None
        words = role.group(2).split()
        if (
            words[-1].endswith("s")
            or words[-1] in self.lexicon.generic_speakers
            or words[-1] in self.lexicon.institutions
        ):
            return None  # "the Russian officials": the state speaks
        state = self.speakers.at(role.start(1), slack=0)
        if state is None or state.person or state.end != role.end(1):
            return None
        return self.speakers.holder(" ".join(words), role.start(), rollup=state.speaker)

    def named_role(self, start: int, end: int) -> _Ref | None:
        """ "the (former) Labour leader", "the Republican senator" ending at ``end``: the person the
        article named with that title (or with its role word alone); never a guess."""
        match = _NAMED_ROLE.search(self.text, start, end)
        if match is None or match.end() != end:
            return None
        title = f"{match['modifier']} {match['role']}"
        if match["former"]:  # "the former Labour leader": not the one who holds it now
            return self.speakers.holder(f"{match['former']} {title}", match.start(), fallback=False)
        found = self.speakers.holder(title, match.start(), fallback=False)
        return found or self.speakers.holder(match["role"], match.start(), fallback=False)

    def named_in(self, start: int, end: int, *, known_only: bool = False) -> _Ref | None:
        """The speaker a source span [start, end) names: a reference the article resolves inside
        it (the named owner in "a spokeswoman for X"), "the <title>" to its holder, or a name
        the dictionary lacks as written; None when it names no one ("analysts")."""
        speakers, text = self.speakers, self.text
        document = _DOCUMENT_SUBJECT.match(text, start + len(text[start:end]) - len(text[start:end].lstrip()), end)
        if document and document.group(1).lower() in self.lexicon.documents:
            return self.document_author(document.group(1).lower(), end)  # "The letter to X, …": its sender
        role = self.state_role(start, len(text[:end].rstrip()))
        if role is not None:
            return role
        inside = [r for r in speakers.refs if r.start >= start and r.end <= end and not speakers.in_quote(r.start)]
        if not inside:
            # The span is part of a longer reference ("Greenfield" of "Ambassador Linda
            # Thomas-Greenfield"): that reference is who it names.
            around = [r for r in speakers.refs if r.start <= start and end <= r.end and r.person]
            if around and text[start:end].strip():
                return around[0]
        if inside:
            # "The U.S. civil rights group the NAACP": a name the dictionary lacks closes the
            # description; it speaks, not the state the description began with.
            closing = self.loose_before(len(text[:end].rstrip()), inside[-1].end)
            if (
                closing is not None
                and closing.end == len(text[:end].rstrip())
                and not inside[-1].person
                and speakers.at(closing.start, slack=0) is None
                and not re.search(
                    r"[,;:]|\b(?:to|in|at|of|from|for|with|by|on)\s", text[inside[-1].end : closing.start]
                )
            ):
                return closing
        if inside:
            free = [r for r in inside if not _PREPOSITION.search(text[max(start, r.start - 20) : r.start])]
            people = [r for r in free or inside if r.surface.lower() not in ("his", "her", "its", "their")]
            if people:
                return people[-1] if len(people) > 1 and people[-1].end == end else people[0]
        span = text[start:end].strip()
        generic = re.fullmatch(r"(?:the|The)\s+((?:[\w-]+\s+){0,3}?[a-z][\w-]*)", span)
        if generic and not generic.group(1).endswith("s"):
            if generic.group(1).split()[-1] in self.lexicon.generic_speakers:
                return None
            # The model's source ("The most", "the reality") is no title the article gave anyone:
            # only a holder named with it counts.
            return self.title_holder(generic.group(1).split(), start, guess=not known_only)
        if known_only:
            return None
        loose = self.loose_after(start, end + 1)
        if loose is not None and loose.end <= end + 1:
            return loose
        return None

    def _apposed(self, floor: int, inner: str) -> _Ref | None:
        """The speaker of "HEAD, said": "Bruno Kahl, Head of the BND, said" (the name before
        the last comma), "one of the family's attorneys, Justin Bamberg, said" (the name
        after it), "Donna Rawlings, 59, of Ashton, Md., said" (the sentence's subject), "The
        former Labour leader, who stood down in 2020, said" (the holder of the title)."""
        comma = inner.rfind(",")
        if comma < 0:
            return None
        first = inner.find(",")
        if re.match(r",\s*(?:who|whose)\b", inner[first:]):
            titled = self.named_role(floor, floor + first)
            if titled is not None:
                return titled
        opening = re.match(r"\s*(?:[Tt]he\s+)?", self.text[floor : floor + len(inner)])
        subject_at = floor + (opening.end() if opening else 0)
        # "The Pentagon, citing …, said": a reference may begin with the article itself
        subject = (
            self.speakers.at(floor, slack=0)
            or self.speakers.at(subject_at, slack=0)
            or self.loose_after(subject_at, floor + len(inner))
        )
        # "The head of the agency, Rafael Grossi, said": a person filling the last segment speaks,
        # not the organisation that ends the description before it.
        after = self._ref_at(floor + comma + 2) or self.loose_after(floor + comma + 1, floor + len(inner))
        filling = (
            after is not None
            and after.person
            and after.start <= floor + comma + 6
            and (
                after.end >= floor + len(inner) - 1
                # "Another pollster, David Woodard of Clemson University, said"
                or _AFFILIATION.fullmatch(self.text, after.end, floor + len(inner))
            )
        )
        if (
            subject is not None
            and (
                subject.start in (floor, subject_at)
                # "Rep. Jane Roe (D-Va.), ranking member …, said": a title before the name
                or self.lexicon.leading_titles.fullmatch(self.text[subject_at : subject.start])
            )
            and _ASIDE_THEN_COMMA.match(self.text, subject.end, floor + comma + 1)
            # "Denmark, critical of the EU, secured …, but the country's prime minister, Mette
            # Frederiksen, said": a new clause whose subject is the person named last
            and not (filling and _NEW_CLAUSE.search(self.text, subject.end, floor + comma))
        ):
            return subject
        if filling:
            return after
        candidates = self.speakers.ending_before(floor + comma, floor)
        if candidates and not self.text[candidates[0].end : floor + comma].strip():
            return candidates[0]
        if after is not None and after.end == floor + len(inner) and after.start <= floor + comma + 6:
            return after
        return None

    def first_free(self, floor: int, limit: int) -> _Ref | None:
        """The sentence's subject: its first reference outside quotes and not inside a
        prepositional phrase."""
        for ref in reversed(self.speakers.ending_before(limit, floor)):
            before = self.text[max(floor, ref.start - 20) : ref.start]
            if (
                ref.surface.lower() in ("his", "her", "its", "their")
                or self.text.startswith(("'s ", "’s "), ref.end)  # "Iran's missile tests": an owner
                or _PREPOSITION.search(before)
                or self.speakers.in_quote(ref.start)
            ):
                continue
            return ref
        return None

    def _absolute_subject(self, floor: int, comma: int) -> _Ref | None:
        """The subject of a participle in an absolute construction: "with NAME, saying …",
        "with the prime minister, NAME, describing …" (and "…, and the president, NAME,
        condemning …" after it): the name right before the comma, inside the "with" phrase."""
        opening = re.search(r"(?:^|,\s+)with\s+(?:[^.;:]{0,200}?)$", self.text[floor:comma])
        if opening is None:
            return None
        candidates = self.speakers.ending_before(comma, floor + opening.start())
        if (
            candidates
            and not self.text[candidates[0].end : comma].strip()
            and not self.speakers.in_quote(candidates[0].start)
        ):
            return candidates[0]
        return None

    def earlier_speaker(self, floor: int, limit: int) -> _Ref | None:
        """The speaker of a cue that shares the subject of the cue before it in its sentence
        ("“…,” Smith said, and pointed out that …"; "…, she said, adding that …"): that cue's
        speaker, before it or right after it ("said Smith, adding"); else the sentence's subject."""
        for cue in reversed(self.cues_in(floor, limit)):
            if cue.group("participle"):
                continue
            ref = self.subject(cue.start(), floor)
            if ref is None:
                after = self.text[cue.end() : limit]
                ref = self._ref_at(cue.end() + len(after) - len(after.lstrip()))
            if ref is not None and not self.speakers.in_quote(ref.start):
                return ref
        return self.first_free(floor, limit)

    def _loose(self, name: str, start: int) -> _Ref | None:
        """A name no dictionary explains, as a possible speaker: a person ("Brad Holm" in
        "City Attorney Brad Holm"), or an organisation whose name ends in a head noun or is an
        acronym ("Commission on Presidential Debates", "NAACP"); not "Baltic", "Open Letter",
        "Diplomats", "Tuesday" or a possessive ("Russia’s")."""
        words = name.split()
        stripped = False
        while words and re.sub(r"['’]\w+$", "", words[0]).title() in self.lexicon.not_names:
            start += len(words[0]) + 1
            words = words[1:]
            stripped = True
        states = (
            [a for a, via in self.speakers.dictionary.exact.get(words[0], ()) if via == "adjective"] if words else []
        )
        if len(words) >= 2 and len(states) == 1 and words[-1] in load_names().government_heads:
            # "the British Defense Ministry": the state's own body speaks for the state
            state = self.speakers.dictionary.actors[states[0]]
            return _Ref(start, start + len(" ".join(words)), state.name, state.rollup, " ".join(words), False, None)
        owners = (
            [
                a
                for a, _ in self.speakers.dictionary.exact.get(words[-1], ())
                if self.speakers.dictionary.actors[a].kind == "state"
            ]
            if len(words) >= 3 and words[-2] == "of"
            else []
        )
        if len(set(owners)) == 1 and any(w in load_names().government_heads for w in words[:-2]):
            # "the Security Service of Ukraine", "the State Nuclear Regulatory Inspectorate of
            # Ukraine": the state's own body, named after it, speaks for the state
            state = self.speakers.dictionary.actors[owners[0]]
            return _Ref(start, start + len(" ".join(words)), state.name, state.rollup, " ".join(words), False, None)
        if (
            len(words) >= 2
            and ordinary_noun(words[0])
            and words[0] not in load_names().given_names
            and self._opens_sentence(start)
        ):
            start += len(words[0]) + 1  # "Operator Nord Stream AG said": a noun the sentence capitalised
            words = words[1:]
        if (
            not words
            # "Most Europeans", "The Democrats", "Many Ukrainians": a group, named by no one
            or (stripped and len(words) == 1 and words[0].endswith("s") and not words[0].isupper())
            # "Ukrainians", "Russians": a state's people, no one's name
            or (
                len(words) == 1
                and any(via == "adjective" for _, via in self.speakers.dictionary.exact.get(words[0], ()))
            )
            # "Now", "Others", "Critics" opening a sentence: an ordinary word, capitalised there; and
            # "Videos", "Fighting": an English word the article capitalises nowhere inside a sentence
            or (
                len(words) == 1
                and self._opens_sentence(start)
                and (
                    common_word(words[0]) or (words[0].lower() in english_words() and not self._named_inside(words[0]))
                )
            )
            or words[-1] in self.lexicon.not_names
            or words[-1] in self.lexicon.calendar
            or words[-1].endswith(("’s", "'s"))
            or self.lexicon.leading_titles.fullmatch(words[-1] + " ")
            or (len(words) == 1 and words[0].lower() in self.lexicon.generic_speakers)
        ):
            return None
        text = " ".join(words)
        # A given name that is also such a word begins a person's name: "Bill Burton".
        given = 1 if len(words) >= 2 and words[0] in load_names().given_names else 0
        if any(w in self.lexicon.not_person_words for w in words[given:]):
            if words[-1] in self.lexicon.organisation_heads or re.fullmatch(
                r"(?:[A-Z]\.){2,}|[A-Z][A-Z&-]+", words[-1]
            ):
                return _Ref(start, start + len(text), text, text, text, False, None)
            tail: list[str] = []
            for word in reversed(words):
                if word in self.lexicon.not_person_words or self.lexicon.leading_titles.fullmatch(word + " "):
                    break
                tail.insert(0, word)
            if len(tail) < 2 or not tail[0][:1].isupper():
                return None  # "of Ukraine" is no one's name
            text = " ".join(tail)
            start += len(" ".join(words)) - len(text)
        full = self.lexicon.leading_titles.sub("", text) if len(words) > 1 else text
        start += len(text) - len(full)
        return _Ref(start, start + len(full), full, full, full, True, None)

    def _named_inside(self, word: str) -> bool:
        """``word`` stands capitalised inside a sentence somewhere in the text ("the Democrats
        said"): a name, not a word capitalised only because it opens a sentence."""
        return re.search(rf"(?<=[a-z,;] ){re.escape(word)}\b", self.text) is not None

    def _opens_sentence(self, position: int) -> bool:
        """Nothing but quotation marks or a dash between the sentence's start and ``position``."""
        return not self.text[self.sentence_of(position).start : position].strip(" \"“”‘’'-–—(")

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
        # "Mariupol Mayor Vadym Boychenko", "Maj. Gen. Edward Dorman": a person the article
        # knows by full name closes the run; the words before are a place and a title, not the
        # name (a surname alone, "Gregory W. Meeks", is part of it).
        # So does a person's surname when the words before it end that person's full name
        # ("said Gahr Støre" after "Jonas Gahr Støre").
        closing = [
            r for r in self.speakers.refs
            if r.person and match.start("name") < r.start and abs(r.end - match.end("name")) <= 1
            and (" " in r.surface or r.speaker.endswith(" " + self.text[match.start("name") : r.end]))
        ]  # fmt: skip
        if closing:
            return closing[0]
        name = match["name"]
        bare = self.lexicon.leading_titles.sub("", name)
        if not bare or bare.split()[-1] in self.lexicon.calendar or bare.split()[0] in self.lexicon.not_names:
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
            return self.unclosed_apposition(before[0], start) or before[0], cue
        aside = re.search(r"\s*\([^()]{1,40}\)\s*$", self.text[start : cue.start()])
        loose = self.loose_before(start + aside.start() if aside else cue.start(), start)
        if loose is not None and not _strip_gap(self.text[loose.end : cue.start()], self.lexicon).strip():
            return loose, cue
        if not self.text[start : cue.start()].strip():
            after = self._ref_at(cue.end() + 1) or self.loose_after(cue.end(), end)
            titled = _TITLE_AFTER.match(self.text, cue.end() + 1, end)
            if titled and (after is None or not after.person):
                role = self.state_role(titled.start(), titled.end())
                if role is not None:
                    return role, cue  # "- … - added the US president": the president, not the state
            described = _DESCRIBED_NAME.match(self.text, cue.end(), end)
            if (after is None or not after.person) and described:
                # "…,” said another Twitter user, Jane Roe.": the name after the description
                named = self._ref_at(described.end()) or self.loose_after(described.end() - 1, end)
                if named is not None and named.person:
                    return named, cue
            if after is not None and not after.person:
                # "…,” said Russian Foreign Ministry spokesperson Maria Zakharova": the person who
                # ends the description speaks, not the state or body it begins with.
                person = self._person_ending_phrase(after.end, end)
                if person is not None:
                    return person, cue
            if after is not None:
                return after, cue
        return None

    def unclosed_apposition(self, ref: _Ref, floor: int) -> _Ref | None:
        """The person whose description ``ref`` (no person) ends when the closing comma is missing:
        "Paul Dorfman, a nuclear expert at the University of Sussex said" is Dorfman's."""
        if ref.person:
            return None
        for person in self.speakers.ending_before(ref.start, floor):
            if person.person:
                if _OPEN_APPOSITION.fullmatch(self.text, person.end, ref.start):
                    return person
                return None
        return None

    def _person_ending_phrase(self, start: int, end: int) -> _Ref | None:
        """A person named after ``start`` in the same noun phrase: only titles, roles and names
        between (no comma, preposition or verb), the name closing the phrase."""
        index = bisect.bisect_right(self.speakers.starts, start)
        for ref in self.speakers.refs[index:]:
            if ref.start >= end:
                break
            gap = self.text[start : ref.start]
            if not _PHRASE_GAP.fullmatch(gap) or any(w.lower() in self.lexicon.phrase_stops for w in gap.split()):
                return None
            if ref.person and _PHRASE_END.match(self.text, ref.end):
                return ref
            start = ref.end
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
        lead = _QUOTE_LEAD.match(window)
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
            and not _CLAUSE_MARK.search(self.text[offset : named.start])
            and _COMMA_AFTER_NAME.match(self.text[named.end : named.end + 45])
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
        institution = re.match(r"(?:the|The)\s+([a-z][a-z ]*?)\s+(?=[a-z])", self.text[offset:limit])
        if institution and institution.group(1) in self.lexicon.institutions:
            cue = self.lexicon.cue_pattern.match(self.text, offset + institution.end())
            ref = self.speakers.institution(institution.group(1), offset, offset + institution.end(1))
            if cue and ref is not None:
                return ref, cue  # "…,” the government said"
        generic = re.match(r"(?:the|The)\s+(?:[a-z][\w-]*\s+){1,3}", self.text[offset:limit])
        if generic:
            # "…,” the political scientist stressed": the last person named outside quotes.
            cue = self.lexicon.cue_pattern.match(self.text, offset + generic.end())
            words = generic.group().split()
            if cue and words[-1].lower() in self.lexicon.documents:
                # "…,” the letter states": whoever the article said sent it, never a guess
                author = self.document_author(words[-1].lower(), close)
                if author is not None:
                    return author, cue
            elif cue and len(words) == 2 and self._body_noun(words[-1]):
                # "…,” the group said", "…,” the institute added": the body named with that noun
                named = self.speakers.named_body(words[-1], offset)
                if named is not None:
                    return named, cue
            elif cue and words[-1] not in self.lexicon.generic_speakers and not words[-1].endswith("s"):
                person = self.title_holder(words[1:], close)
                if person is not None:
                    return person, cue
        cue = self.lexicon.cue_pattern.match(self.text, offset)
        if cue:
            after = self.text[cue.end() : limit]
            skip = len(after) - len(after.lstrip())
            ref = self._ref_at(cue.end() + skip)
            # "- … - said the politician", "- added the US president": a title after the cue; a
            # state before the role ("the US president") is the person who holds it, not the state
            titled = _TITLE_AFTER.match(self.text, cue.end() + skip, limit)
            if titled and (ref is None or not ref.person):
                role = self.state_role(titled.start(), titled.end())
                if role is not None:
                    return role, cue
            if ref is not None:
                return ref, cue
            if titled:
                words = titled.group().split()[1:]
                if (
                    words[0][0].islower()
                    and words[-1] not in self.lexicon.generic_speakers
                    and not words[-1].endswith("s")
                ):
                    person = self.title_holder(words, close)
                    if person is not None:
                        return person, cue
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
