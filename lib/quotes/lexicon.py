"""The reporting-cue lexicon (``lib/data/speech.yml``) and the patterns every pass shares."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lib.resources import data_path, load_yaml, optional_list

_OPEN = "“„«"
_CLOSE = "”»"
_MARKS = re.compile(r"[\"“”„«»]")
# A tweet's credit line, wherever it stands: "— Jens Stoltenberg (@jensstoltenberg) February 18, 2022".
_CREDIT = re.compile(r"\s*[—–]\s*(?P<name>[^()\n—–]{3,60}?)\s*\(@\w+\)\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})?")
# "- Military action is possible - said X - but …": at a paragraph's start or right after a sentence.
_DASH_QUOTE = re.compile(
    r"(?:^|(?<=[.!?”]))\s*[-–—]\s+(?P<content>[^\n]+?)\s+[-–—]\s+(?P<attribution>[^-–—\n]{3,120}?)"
    r"(?:\s+[-–—]\s+(?P<more>[^\n]+))?$"
)
_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
_HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Gov", "Sen", "Rep", "Del", "Gen", "Adm", "Col", "Lt", "Sgt", "Prof",
               "President", "Senator", "Governor", "Minister", "Ambassador", "Chancellor", "Premier", "Judge",
               "Justice", "Mayor", "Secretary", "Sir", "Dame")  # fmt: skip
# The look-ahead at the titles' first letters only lets the regex engine skip the other positions
# (a pattern that opens with \b is tried at every one): the same matches.
_HONORIFIC_NAME = re.compile(
    rf"(?=[{''.join(sorted({t[0] for t in _HONORIFICS}))}])\b(?P<title>{'|'.join(_HONORIFICS)})\.?\s+"
    r"(?P<name>[A-Z][a-z][\w'’-]+)(?![\w'’-]*\s+[A-Z][a-z])"
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
    r"(?=\s*(?:[,.;:()!?”\"]|$)|\s+(?:who|whose|which|in|at|on|during|after|told|to|from|with|said|says|last|this|"
    r"earlier|yesterday|today)\b)"
)
_NOT_NAMED_LEAD = re.compile(r"^(?:in|on|at|during|after|before|to|from|with|that|this|last|on)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(
    r"\s*(?:[,.;:()!?”\"]|$)|\s+(?:who|whose|which|in|at|on|during|after|told|to|from|with|last|this|earlier|"
    r"yesterday|today)\b"
)
_AFTER_MARKS = re.compile(r"[\s”\"»,.;:!?]*")
# What may follow a cue when what was said is before it: nothing, or an adjunct of the saying
# ("…, X said at the ministerial.", "…” X said about McCain's effort"); "about 300" is a number.
_AFTER_TRAILING_CUE = re.compile(
    r"^(?:\s*(?:(?:at|in|on|during|after|following|before|while|when|from|to|about(?!\s+\d)|today|yesterday|"
    r"late|earlier|"
    # "this week", "last night"; not "told reporters this was the only chance": a clause
    r"(?:this|last)\s+(?:week|weekend|month|year|morning|afternoon|evening|night|spring|summer|autumn|fall|winter)|"
    r"on\s+\w+day)\b[^“”\"]*)?)?$",
    re.IGNORECASE,
)
# Where the content of "X said … that …" begins: after "that", when what stands before it is
# an adverbial ("said on Monday that", "said in a statement that"), or, after a cue that takes
# a listener, the listener ("told the debate audience that"); not a relative clause ("said
# officials have video that shows").
_THAT = re.compile(
    r"\s*(?:(?:in|on|at|by|about|regarding|concerning|during|after|before|while|last|this|earlier|later|late|"
    r"yesterday|today|tonight|again|also|"
    r"repeatedly|publicly|privately|separately|then|now|recently|previously|once|twice|ago|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday)\b[^,.;“”\"]{0,60}?\s)?that\s+",
    re.IGNORECASE,
)
_THAT_AFTER_OBJECT = re.compile(r"(?:[^,.;“”\"]{0,60}?\s)?that\s+")
# When of the cue, not of what was said, right after it with no "that": "said on Sunday he
# supported …", "said last week the sanctions …" (what was said begins after it).
_WHEN = re.compile(
    r"\s*(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|last\s+(?:week|month|year|night)"
    r"|this\s+(?:week|month|year|morning|afternoon|evening)|yesterday|today|tonight|earlier\s+this\s+(?:week|month))"
    r"\s*,?\s+(?=[a-z]|I\b|[A-Z][a-z]+\s+(?:is|was|has|had|would|will|could|should|must|did|does)\b)"
)
_DASH_NAME = re.compile(r"\s*[―—–]\s*(?P<name>[^\W\d_][^,()\n]{1,50}?)\s*(?:[,(].{0,80})?$")
_TRANSCRIPT = re.compile(r"^[\"“]?(?P<name>[A-Z][A-Z.'’ -]{1,40}[A-Z])\s*:\s+(?P<content>\S.{10,})$")
_PREPOSITION = re.compile(
    r"\b(?:in|of|to|from|with|by|for|on|at|near|against|about|toward|towards|into|over|under|between|among|than|as)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SpeechLexicon:
    cue_pattern: re.Pattern[str]
    first_words: frozenset[str]  # the first word of every cue: where ``find_cues`` tries the pattern
    objects: frozenset[str]
    listeners: frozenset[str]  # "told her the war would end": the listener, not part of what was said
    clause_openers: frozenset[str]  # "told CBS News she was …": a clause after a named listener
    cognition: frozenset[str]  # "believes", "wants": no speech, never a statement's cue
    pair_words: frozenset[str]  # "both", "the two": the pair named just before (a joint statement)
    # "X, citing Russian reports, said …": participles that name where the words came from; set off
    # by commas they are an aside, and the finite cue after them is the statement's
    source_participles: frozenset[str]
    participle_cues: frozenset[str]  # "saying", "adding": "with Blinken saying: “…”" is Blinken's
    # "the group said", "the bloc said": collective nouns that stand for the last body the article named
    collective_bodies: frozenset[str]
    physical_cues: frozenset[str]  # "attacked": speech only with grounds or a person as object
    aspect_cues: frozenset[str]  # "continued to mount": no cue before an infinitive
    verbal_grounds: frozenset[str]  # "for", "as", "over" after the object: the grounds of a verbal attack
    reflexives: frozenset[str]  # "tells himself": speech to oneself, a thought
    topic_prepositions: frozenset[str]  # "said about the talks": a topic, not what was said
    # "denied these accusations": cues whose object alone, a short noun phrase, is what was said
    nominal_cues: frozenset[str]
    nominal_leads: frozenset[str]  # the words such a noun phrase begins with ("these", "the")
    media_heads: frozenset[str]  # "Novaya Gazeta", "Wall Street Journal": a medium, never a speaker
    media_suffixes: tuple[str, ...]  # "BFMTV": a one-word name ending so is a channel
    # "His response was (the scornful) “…”" up to the quote: the possessor speaks
    speech_noun: re.Pattern[str] | None
    passive_before: frozenset[str]
    gap_words: frozenset[str]
    generic_speakers: frozenset[str]
    not_person_words: frozenset[str]
    organisation_heads: frozenset[str]
    calendar: frozenset[str]
    leading_titles: re.Pattern[str]  # "Sen. ", "Senate Majority Leader " before a name
    trailing_titles: re.Pattern[str]  # the same at the end of a text ("…, Chief Justice")
    closing: frozenset[str]
    not_names: frozenset[str]  # capitalised words that never begin or end a loose name
    transcript_skip: frozenset[str]  # transcript turns that are not statements (Q, MODERATOR)
    institutions: frozenset[str]  # "the government said": the state the article names with it
    person_roles: frozenset[str]  # "the Russian diplomat said": one person, the holder the article named
    furniture: tuple[re.Pattern[str], ...]  # page furniture inside a text: never part of a statement
    furniture_markers: tuple[str, ...]  # "Read more": the related headline before it is furniture
    # Words that end a description before a person's name: "Russian Foreign Ministry spokesperson
    # Maria Zakharova" is one phrase, "Russia, said to Maria Zakharova" is not.
    phrase_stops: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()  # "the letter states": whoever sent or issued it
    document_verbs: frozenset[str] = frozenset()  # "sent", "issued": how an article names a document's author
    # "denounced by Ukraine and the West as shams": a verdict reported in the passive, its agents after "by"
    passive_verdict: re.Pattern[str] | None = None
    passive_charge: re.Pattern[str] | None = None  # "accused of X by Y": Y's charge, X its content


@lru_cache(maxsize=4)
def load_speech(path: Path | None = None, *, thoughts: bool = False) -> SpeechLexicon:
    """The reporting-cue lexicon (``lib/data/speech.yml``), validated; with ``thoughts``, the
    verbs of thinking and wishing (``thoughts:``) are cues too, like positions."""
    path = path or data_path("speech.yml")
    raw = load_yaml(path)
    name = str(path)
    cues = optional_list(raw, "cues", path=name, where="(top)")
    positions = optional_list(raw, "positions", path=name, where="(top)")
    if thoughts:
        positions = positions + optional_list(raw, "thoughts", path=name, where="(top)")
    participles = optional_list(raw, "participles", path=name, where="(top)")
    verdicts = optional_list(raw, "passive_verdicts", path=name, where="(top)")
    charges = optional_list(raw, "passive_charges", path=name, where="(top)")
    progressives = optional_list(raw, "progressives", path=name, where="(top)")

    # "reports of mutiny", "pledges of support": these forms before "of" are nouns ("warns of" is a verb)
    nouns = frozenset(optional_list(raw, "nouns_before_of", path=name, where="(top)"))

    def alternation(words: list[str]) -> str:
        return "|".join(
            re.escape(w).replace(r"\ ", r"\s+") + (r"(?!\s+of(?![\w-]))" if w in nouns else "")
            for w in sorted(set(words), key=len, reverse=True)
        )

    titles = rf"(?:{alternation(optional_list(raw, 'titles', path=name, where='(top)'))})\.?"

    reflexives = optional_list(raw, "reflexives", path=name, where="(top)")
    speech_nouns = optional_list(raw, "speech_nouns", path=name, where="(top)")
    # "he may tell himself “…”": speech to oneself is a thought, no statement
    inward = rf"(?!\s+(?:{alternation(reflexives)})(?![\w-]))" if reflexives else ""
    # "other European states are", "calls were growing": a plural noun, not a verb in -s
    inward += r"(?!(?<=s)\s+(?:are|were|have|had|who|which|whose|bordering)(?![\w-]))"
    return SpeechLexicon(
        cue_pattern=re.compile(
            # after a possessive a cue's form is a noun or an adjective: "Trump's hopes", "his claims",
            # "Russia's stated goal"; no statement, though PolNeAR's attributions (``thoughts``) count them
            # "the rights of states to choose", "the claims": after "of" or "the", a noun
            (
                ""
                if thoughts
                else r"(?<![’']s\s)(?<![Hh]is\s)(?<![Hh]er\s)(?<![Ii]ts\s)(?<![Tt]heir\s)(?<![Oo]ur\s)"
                r"(?<!\bof\s)(?<!\b[Tt]he\s)"
            )
            + rf"(?:(?<![\w-])(?:{alternation(cues + positions)})(?![\w-])|(?:(?<=,\s)|(?<=[–—]\s)|(?<=\s-\s)|(?<=\bby\s))(?P<participle>{alternation(participles)})(?![\w-])"
            # the progressive: "Trump is once again questioning", "she is warning"
            rf"|(?<![\w-])(?:is|are|was|were|has\s+been|have\s+been)\s+(?:(?:also|now|still|again|once\s+again|"
            rf"already|\w+ly)\s+)?(?:{alternation(participles + progressives)})(?![\w-])){inward}"
        ),
        first_words=frozenset(
            [phrase.split()[0] for phrase in cues + positions + participles]
            + ["is", "are", "was", "were", "has", "have"]
        ),
        objects=frozenset(optional_list(raw, "objects", path=name, where="(top)")),
        listeners=frozenset(w.lower() for w in optional_list(raw, "listeners", path=name, where="(top)")),
        clause_openers=frozenset(w.lower() for w in optional_list(raw, "clause_openers", path=name, where="(top)")),
        cognition=frozenset(w.lower() for w in optional_list(raw, "cognition", path=name, where="(top)")),
        pair_words=frozenset(w.lower() for w in optional_list(raw, "pair_words", path=name, where="(top)")),
        physical_cues=frozenset(w.lower() for w in optional_list(raw, "physical_cues", path=name, where="(top)")),
        aspect_cues=frozenset(w.lower() for w in optional_list(raw, "aspect_cues", path=name, where="(top)")),
        verbal_grounds=frozenset(w.lower() for w in optional_list(raw, "verbal_grounds", path=name, where="(top)")),
        collective_bodies=frozenset(
            w.lower() for w in optional_list(raw, "collective_bodies", path=name, where="(top)")
        ),
        participle_cues=frozenset(w.lower() for w in participles),
        source_participles=frozenset(
            w.lower() for w in optional_list(raw, "source_participles", path=name, where="(top)")
        ),
        reflexives=frozenset(w.lower() for w in reflexives),
        # PolNeAR's attributions (``thoughts``) take a topic for content ("spoke out about the death of …")
        topic_prepositions=frozenset(
            () if thoughts else (w.lower() for w in optional_list(raw, "topic_prepositions", path=name, where="(top)"))
        ),
        nominal_cues=frozenset(optional_list(raw, "nominal_cues", path=name, where="(top)")),
        nominal_leads=frozenset(w.lower() for w in optional_list(raw, "nominal_leads", path=name, where="(top)")),
        media_heads=frozenset(optional_list(raw, "media_heads", path=name, where="(top)")),
        media_suffixes=tuple(optional_list(raw, "media_suffixes", path=name, where="(top)")),
        speech_noun=re.compile(
            r"(?:(?<![\w-])(?P<pronoun>[Hh]is|[Hh]er|[Tt]heir)|(?P<owner>['’]s))\s+(?:[a-z][\w-]*\s+){0,2}?"
            rf"(?P<noun>{alternation(speech_nouns)})\s+(?:was|were|is|came)(?:\s+[a-z][\w-]*){{0,4}}?\s*[:,]?\s*$"
        )
        if speech_nouns
        else None,
        passive_before=frozenset(optional_list(raw, "passive_before", path=name, where="(top)")),
        gap_words=frozenset(w.lower() for w in optional_list(raw, "gap_words", path=name, where="(top)")),
        generic_speakers=frozenset(optional_list(raw, "generic_speakers", path=name, where="(top)")),
        not_person_words=frozenset(optional_list(raw, "not_person_words", path=name, where="(top)")),
        organisation_heads=frozenset(optional_list(raw, "organisation_heads", path=name, where="(top)")),
        calendar=frozenset(optional_list(raw, "calendar", path=name, where="(top)")),
        leading_titles=re.compile(rf"^(?:{titles}\s+)+"),
        trailing_titles=re.compile(rf"(?:\s*\b{titles})+$"),
        closing=frozenset(cues),
        not_names=frozenset(optional_list(raw, "not_names", path=name, where="(top)")),
        furniture=tuple(re.compile(p) for p in optional_list(raw, "furniture", path=name, where="(top)")),
        furniture_markers=tuple(optional_list(raw, "furniture_markers", path=name, where="(top)")),
        institutions=frozenset(w.lower() for w in optional_list(raw, "institutions", path=name, where="(top)")),
        person_roles=frozenset(w.lower() for w in optional_list(raw, "person_roles", path=name, where="(top)")),
        transcript_skip=frozenset(w.upper() for w in optional_list(raw, "transcript_skip", path=name, where="(top)")),
        phrase_stops=frozenset(w.lower() for w in optional_list(raw, "phrase_stops", path=name, where="(top)")),
        documents=frozenset(w.lower() for w in optional_list(raw, "documents", path=name, where="(top)")),
        document_verbs=frozenset(w.lower() for w in optional_list(raw, "document_verbs", path=name, where="(top)")),
        passive_verdict=re.compile(
            rf"\b(?P<cue>{alternation(verdicts)})\s+by\s+(?P<agents>[^,.;:“”\"()]{{2,80}}?)\s+as\s+(?=\S)"
        )
        if verdicts
        else None,
        passive_charge=re.compile(
            rf"\b(?:has|have|had|was|were|been|being|is|are)\s+(?P<cue>{alternation(charges)})\s+"
            r"(?P<content>[^;:]{3,240}?)\s+by\s+(?P<agents>[^,.;:“”\"()]{2,80}?)(?=[,.;:!?]|$)"
        )
        if charges
        else None,
    )


_WORD = re.compile(r"\w[\w’']*")
_APOSTROPHES = "’'"
_WORD_CHAR = re.compile(r"\w")


def _trie_regex(words: Sequence[str]) -> str:
    """One alternation of ``words`` as a trie ("said|says" -> "sa(?:id|ys)"): at a position
    no word starts with, the regex engine fails on the first character."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return build(trie)


@lru_cache(maxsize=8)
def _first_word_pattern(first_words: frozenset[str]) -> re.Pattern[str]:
    """A whole ``_WORD`` token that is one of ``first_words`` (those a token can be), not after a
    word character; after an apostrophe ``find_cues`` looks further back."""
    words = sorted(w for w in first_words if _WORD.fullmatch(w))
    return re.compile(r"(?<!\w)" + _trie_regex(words) + r"(?![\w’'])")


def find_cues(text: str, lexicon: SpeechLexicon) -> list[re.Match[str]]:
    """What ``lexicon.cue_pattern.finditer(text)`` finds, tried only where a word that begins
    some cue stands (the pattern is a long alternation: trying it at every position of a text
    cost more than the rest of the attribution). The words are found by one trie regex
    (``_first_word_pattern``) instead of a Python loop over every ``_WORD`` token; the same
    starts (``_find_cues_reference``, tested)."""
    found: list[re.Match[str]] = []
    after = 0
    match = lexicon.cue_pattern.match
    for word in _first_word_pattern(lexicon.first_words).finditer(text):
        start = word.start()
        if start < after:
            continue
        if start and text[start - 1] in _APOSTROPHES:
            # "ab'said" is one token; "'said" after a space is the token "said"
            k = start - 1
            while k >= 0 and text[k] in _APOSTROPHES:
                k -= 1
            if k >= 0 and _WORD_CHAR.match(text, k):
                continue
        cue = match(text, start)
        if cue is not None:
            found.append(cue)
            after = cue.end()
    return found


def _find_cues_reference(text: str, lexicon: SpeechLexicon) -> list[re.Match[str]]:
    """``find_cues`` as a loop over every ``_WORD`` token (kept to test ``find_cues`` against)."""
    found: list[re.Match[str]] = []
    after = 0
    for word in _WORD.finditer(text):
        if word.start() < after or word.group() not in lexicon.first_words:
            continue
        cue = lexicon.cue_pattern.match(text, word.start())
        if cue is not None:
            found.append(cue)
            after = cue.end()
    return found
