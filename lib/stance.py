"""A speaker's stance on the cooperation-conflict axis, from what they are quoted or
reported as saying, with the evidence kept. Every stance in the engine is computed here;
the frame builders (``lib.tables``) only tabulate what this module returns.

Cues come from ``lib/data/stance.yml``: classes inspired by CAMEO's verbal cooperation
(appeal for dialogue, express intent to cooperate, reassure) and verbal conflict (warn,
accuse, demand, reject, threaten force). A cue is read in its context, with rules that are
general mechanisms and word lists that live in the data file:

- negation: a negator among the three words before a cue, in the same clause and not
  already taken by an earlier cue, flips it ("no threat" is reassurance, "will not
  compromise" a rejection; in "will not tolerate any attack" the negator belongs to "not
  tolerate", a warning, and "attack" is not flipped). A negating reporting verb ("denied")
  scopes over the start of its content;
- conditions: a cue inside an "if"/"unless"/"in case of" clause is a premise, not an act
  ("if we do not provide military support" offers nothing);
- topics and names: a cue that names a topic or an institution ("defence plans", "the
  question of war", "the peace process is under discussion", "Security Council") is no act;
- another actor's action that the speaker reports ("Russia's invasion", "Serbs have been
  threatening") is not the speaker's stance;
- a de-escalation that the speaker demands of someone else ("Nato must pull back") is part
  of the demand, not an offer.
A cue set aside by these rules stays in the evidence, with the reason in its category and
weight 0, so an analyst can see what was read and why it did not count.

The reporting verb ("X warned that ...") is the journalist's word for the speech act: it
counts at ``reporting_verb_weight`` of its class weight (see the data file).

score = (cooperation - conflict) / (cooperation + conflict), summed cue weights, -1..1.
This is lexical: it reads what a statement is about, and cannot tell irony.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from lib.actors import Dictionary, load_dictionary
from lib.errors import DataFileError
from lib.resources import data_path, load_yaml, optional_list, require
from lib.types import Mention, Quote, StanceCue

LABELS = ("conciliatory", "mixed", "confrontational", "neutral")
REPORTING_VERB = " (reporting verb)"

# Reasons a cue found in a statement does not count (the category's suffix in the evidence).
IN_CONDITION = "in a condition"
TOPIC = "names a topic"
NAME = "part of a name"
THIRD_PARTY = "another actor's action"
DEMANDED = "demanded of another"
OPPOSED = "what is opposed"
OWN_OBLIGATION = "the speaker's own obligation"
ONLOOKER = "an event an onlooker names"
MEDIATOR_APPEAL = " (a mediator's appeal)"
MEDIATOR_WEIGHS = "weighed by a mediator"


@dataclass(frozen=True)
class Scope:
    """The word lists that decide how far a cue's context reaches (``stance.yml``)."""

    negators: frozenset[str]
    clause_breaks: frozenset[str]  # words that end a negation's reach ("but", "that", "which")
    conditionals: tuple[tuple[str, ...], ...]  # "if", "unless", "in case of"
    condition_ends: frozenset[str]  # tokens that close a condition ("then", ",")
    hypothetical: frozenset[str]  # a cue right after one of these is hypothetical ("any attack")
    topic_heads: frozenset[str]  # a cue followed by one of these names a topic ("defence plans")
    topic_markers: tuple[tuple[str, ...], ...]  # a cue after one of these is a topic ("question of war")
    auxiliaries: frozenset[str]  # "has", "were", "been": a reported action's auxiliaries
    modal_auxiliaries: frozenset[str]  # "will", "could": before an act's plain form
    refusal_passives: frozenset[str]  # "would not be intimidated": a refusal to yield
    participle_endings: tuple[str, ...]  # "massed", "threatening": an act after "has", "were"
    first_person: frozenset[str]
    actor_adjectives: tuple[str, ...]  # endings of actor adjectives ("Russian", "Western")
    third_party_classes: frozenset[str]  # classes that name acts (not the speaker's judgements)
    demand_classes: frozenset[str]
    obligations: frozenset[str]  # demand cues that are an obligation when the speaker's side is the subject
    own_possessives: frozenset[str]  # "his country must": in reported speech, the speaker's side
    demanded_classes: frozenset[str]  # what a demand absorbs ("pull back" after "must")
    opposed_markers: frozenset[str] = frozenset()  # "a war against … peaceful coexistence": what is opposed
    consequence_words: frozenset[str] = frozenset()  # "will", "would": a hostile premise's consequence follows
    consequence_class: str = ""  # the class such a warning counts as
    event_nouns: frozenset[str] = frozenset()  # "war", "sanctions": events an onlooker names as topics
    onlooker_roles: frozenset[str] = frozenset()  # "analyst", "economist": a speaker who is no party
    # After a hostile act in its clause, a verdict against it ("war … should be a non-starter",
    # "escalation would be a mistake"): the act is rejected, as if negated.
    rejections: tuple[tuple[str, ...], ...] = ()
    # Before a cooperation cue, its absence ("without consultation"): no cooperation. (Before a
    # hostile act, "without warning" still describes the act.)
    absence_markers: frozenset[str] = frozenset()
    # A readiness cue ("willing to") takes the sense of what it is ready for: before a hostile act
    # ("willing to use military force") it offers nothing.
    readiness: frozenset[str] = frozenset()
    # Nouns of help that coordinated modifiers share ("financial, military and diplomatic support").
    aid_nouns: frozenset[str] = frozenset()
    # A mediator's (the dictionary's ``mediator: true``) hostile cues of these classes appeal for
    # mediator_class ("must stop immediately", "called for urgent measures") ...
    mediator_appeals: frozenset[str] = frozenset()
    mediator_class: str = ""
    # ... and of these it weighs the conflict ("dangerous", "violated", "shelling"): they do not count.
    mediator_weighs: frozenset[str] = frozenset()


@dataclass(frozen=True)
class StanceLexicon:
    pattern: re.Pattern[str]
    cue_class: dict[str, tuple[str, int, float]]  # cue as written -> (class, polarity, weight)
    matchers: tuple[tuple[re.Pattern[str], str], ...]
    # Cues by their first word (lower case), and by the first three letters of a first word
    # that ends in "*": each as (rank in ``matchers``, matcher, cue). A text is scanned word
    # by word instead of trying every cue at every character.
    by_first: dict[str, tuple[tuple[int, re.Pattern[str], str], ...]]
    by_stem: dict[str, tuple[tuple[int, str, re.Pattern[str], str], ...]]
    negators: frozenset[str]
    not_cues: re.Pattern[str] | None
    min_weight: float
    conciliatory: float
    confrontational: float
    reporting_verb_weight: float
    direct_reporting_verb_weight: float
    fragment_words: int
    repeat_decay: float
    scope: Scope


def _cue_regex(cue: str) -> str:
    parts = []
    for word in cue.split():
        if word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"[\w-]*")
        else:
            parts.append(re.escape(word))
    return r"(?<![\w-])" + r"\s+".join(parts) + r"(?![\w-])"


def _alternation(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    return re.compile("|".join(f"(?:{_cue_regex(p)})" for p in sorted(phrases, key=len, reverse=True)), re.I)


def _phrases(raw: dict[str, object], key: str, *, path: str, where: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.lower().split()) for p in optional_list(raw, key, path=path, where=where) if p.split())


def _words(raw: dict[str, object], key: str, *, path: str, where: str) -> frozenset[str]:
    return frozenset(w.lower() for w in optional_list(raw, key, path=path, where=where))


def _load_scope(raw: dict[str, object], negators: frozenset[str], classes: set[str], name: str) -> Scope:
    scope = require(raw, "scope", dict, path=name, where="(top)")
    where = "scope"

    def class_list(key: str) -> frozenset[str]:
        chosen = frozenset(optional_list(scope, key, path=name, where=where))
        unknown = sorted(chosen - classes)
        if unknown:
            raise DataFileError(
                name, f"{where}.{key}", f"names of classes ({', '.join(sorted(classes))}), got {unknown}"
            )
        return chosen

    return Scope(
        negators=negators,
        clause_breaks=_words(scope, "clause_breaks", path=name, where=where),
        conditionals=_phrases(scope, "conditionals", path=name, where=where),
        condition_ends=_words(scope, "condition_ends", path=name, where=where),
        hypothetical=_words(scope, "hypothetical", path=name, where=where),
        topic_heads=_words(scope, "topic_heads", path=name, where=where),
        topic_markers=_phrases(scope, "topic_markers", path=name, where=where),
        auxiliaries=_words(scope, "auxiliaries", path=name, where=where),
        modal_auxiliaries=_words(scope, "modal_auxiliaries", path=name, where=where),
        refusal_passives=_words(scope, "refusal_passives", path=name, where=where),
        participle_endings=tuple(sorted(_words(scope, "participle_endings", path=name, where=where))),
        first_person=_words(scope, "first_person", path=name, where=where),
        actor_adjectives=tuple(sorted(_words(scope, "actor_adjective_endings", path=name, where=where))),
        third_party_classes=class_list("third_party_classes"),
        demand_classes=class_list("demand_classes"),
        demanded_classes=class_list("demanded_classes"),
        obligations=_words(scope, "obligations", path=name, where=where),
        own_possessives=_words(scope, "own_possessives", path=name, where=where),
        opposed_markers=_words(scope, "opposed_markers", path=name, where=where),
        consequence_words=_words(scope, "consequence_words", path=name, where=where),
        consequence_class=next(iter(class_list("consequence_class")), ""),
        event_nouns=_words(scope, "event_nouns", path=name, where=where),
        onlooker_roles=_words(scope, "onlooker_roles", path=name, where=where),
        rejections=_phrases(scope, "rejections", path=name, where=where),
        absence_markers=_words(scope, "absence_markers", path=name, where=where),
        readiness=frozenset(" ".join(p) for p in _phrases(scope, "readiness", path=name, where=where)),
        aid_nouns=_words(scope, "aid_nouns", path=name, where=where),
        mediator_appeals=class_list("mediator_appeals"),
        mediator_class=next(iter(class_list("mediator_class")), ""),
        mediator_weighs=class_list("mediator_weighs"),
    )


@lru_cache(maxsize=2)
def load_stance_lexicon(path: Path | None = None) -> StanceLexicon:
    """The stance cue lexicon (``lib/data/stance.yml``), validated."""
    path = path or data_path("stance.yml")
    raw = load_yaml(path)
    name = str(path)
    classes = require(raw, "classes", dict, path=name, where="(top)")
    cue_class: dict[str, tuple[str, int, float]] = {}
    for class_name, spec in classes.items():
        where = f"classes.{class_name}"
        polarity = require(spec, "polarity", int, path=name, where=where)
        if polarity not in (-1, 1):
            raise DataFileError(name, f"{where}.polarity", f"1 or -1, got {polarity}")
        weight = float(require(spec, "weight", (int, float), path=name, where=where))
        for cue in optional_list(spec, "cues", path=name, where=where):
            cue_class[cue.lower()] = (class_name, polarity, weight)
    labels = require(raw, "labels", dict, path=name, where="(top)")
    # Longest cues first, so "use of force" wins over "force".
    ordered = sorted(cue_class, key=lambda c: (-len(c.split()), -len(c)))
    matchers = tuple((re.compile(_cue_regex(cue), re.IGNORECASE), cue) for cue in ordered)
    combined = re.compile("|".join(f"(?:{_cue_regex(cue)})" for cue in ordered), re.IGNORECASE)
    by_first: dict[str, list[tuple[int, re.Pattern[str], str]]] = {}
    by_stem: dict[str, list[tuple[int, str, re.Pattern[str], str]]] = {}
    for rank, (matcher, cue) in enumerate(matchers):
        first = cue.split()[0]
        if first.endswith("*"):
            by_stem.setdefault(first[:3], []).append((rank, first[:-1], matcher, cue))
        else:
            by_first.setdefault(first, []).append((rank, matcher, cue))
    negators = frozenset(optional_list(raw, "negators", path=name, where="(top)"))
    return StanceLexicon(
        pattern=combined,
        cue_class=cue_class,
        matchers=matchers,
        by_first={k: tuple(v) for k, v in by_first.items()},
        by_stem={k: tuple(v) for k, v in by_stem.items()},
        negators=negators,
        not_cues=_alternation(optional_list(raw, "not_cues", path=name, where="(top)")),
        min_weight=float(labels.get("min_weight", 1.0)),
        conciliatory=float(labels.get("conciliatory", 0.34)),
        confrontational=float(labels.get("confrontational", -0.34)),
        reporting_verb_weight=float(labels.get("reporting_verb_weight", 1.0)),
        direct_reporting_verb_weight=float(labels.get("direct_reporting_verb_weight", 1.0)),
        fragment_words=int(labels.get("fragment_words", 0)),
        repeat_decay=float(labels.get("repeat_decay", 1.0)),
        scope=_load_scope(raw, negators, set(classes), name),
    )


# ---- reading a cue in its context ---------------------------------------------------------

_TOKEN = re.compile(r"\w[\w'’-]*|[^\w\s]")
_SENTENCE_END = frozenset(".!?")
_CLAUSE_PUNCT = frozenset(",;:()—–[]")
_QUOTE_MARKS = frozenset("\"“”„«»‘’'")
_OPENERS = frozenset("\"“‘'([-—–")


@dataclass(frozen=True)
class _Token:
    text: str
    lower: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"

    @property
    def titled(self) -> bool:
        return self.text[0].isupper() and not self.text.isupper()


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(), m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _ends_with(words: Sequence[str], phrases: Iterable[tuple[str, ...]]) -> int:
    """Index in ``words`` where the last phrase of ``phrases`` that ``words`` contains starts, else -1."""
    found = -1
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(words) - n, -1, -1):
            if tuple(words[i : i + n]) == phrase:
                found = max(found, i)
                break
    return found


def _ends_sentence(tokens: Sequence[_Token], j: int) -> bool:
    """A full stop that is not an abbreviation's ("U.S. troops", "Gen. Smith")."""
    if tokens[j].text not in _SENTENCE_END:
        return False
    if tokens[j].text == "." and j > 0 and len(tokens[j - 1].text) == 1 and tokens[j - 1].text.isalpha():
        return False
    following = tokens[j + 1] if j + 1 < len(tokens) else None
    return following is None or not following.text[0].islower()


def _sentence_start(tokens: Sequence[_Token], i: int) -> int:
    for j in range(i - 1, -1, -1):
        if _ends_sentence(tokens, j):
            return j + 1
    return 0


def _sentence_initial(tokens: Sequence[_Token], i: int) -> bool:
    j = i - 1
    while j >= 0 and tokens[j].text in _OPENERS:
        j -= 1
    return j < 0 or _ends_sentence(tokens, j) or tokens[j].text == ":"


def _possessor(token: _Token) -> str | None:
    for mark in ("'s", "’s"):
        if token.lower.endswith(mark) and len(token.text) > 2:
            return token.lower[: -len(mark)]
    return None


class _Reader:
    """The context of every cue in one text: negation, conditions, topics, reported actions."""

    def __init__(self, text: str, lexicon: StanceLexicon, own: Iterable[str], onlooker: bool = False) -> None:
        self.onlooker = onlooker
        self.tokens = _tokens(text)
        self.starts = [t.start for t in self.tokens]
        self.scope = lexicon.scope
        self.own = frozenset(w for name in own for w in re.findall(r"\w+", name.lower()))
        self.last_end = 0  # token index after the previous cue
        self.last_act_end = 0  # token index after the previous cue of an act (third_party_classes)
        self.last_reason = ""
        self.demand_at = -1  # token index of the last demand in the current sentence

    def index(self, char: int) -> int:
        lo, hi = 0, len(self.starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.starts[mid] < char:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def read(self, start: int, end: int, class_name: str, polarity: int = -1) -> tuple[bool, str]:
        """(negated, reason it does not count or "") for the cue at ``start:end``."""
        tokens, scope = self.tokens, self.scope
        i = self.index(start)
        j = max(i + 1, self.index(end))
        sentence = _sentence_start(tokens, i)
        negated = (
            (self._negated(i, sentence) and not (polarity < 0 and self._refusal(i, sentence)))
            or (polarity < 0 and self._rejected(j))
            or (polarity > 0 and self._absent(i, sentence))
        )
        reason = (
            self._condition(i, sentence)
            or self._name(i, j)
            or self._topic(i, j, sentence)
            or self._third_party(i, sentence, class_name)
            or self._demanded(i, sentence, class_name)
            or self._own_obligation(i, sentence)
            or self._onlooker_event(i, j, negated)
            or (self._opposed(i, sentence) if polarity > 0 else "")
        )
        if not reason and self.last_reason and self.last_end == i - 1 and tokens[i - 1].lower in ("and", "or"):
            reason = self.last_reason if self.last_reason in (TOPIC, NAME) else ""  # "issues of war and peace"
        if class_name in scope.demand_classes and not negated:
            self.demand_at = i
        self.last_end, self.last_reason = j, reason
        if class_name in scope.third_party_classes:
            self.last_act_end = j
        return negated, reason

    def _negated(self, i: int, sentence: int) -> bool:
        window: list[_Token] = []
        for k in range(i - 1, max(sentence, self.last_end) - 1, -1):
            token = self.tokens[k]
            if token.text in _CLAUSE_PUNCT or token.lower in self.scope.clause_breaks:
                break
            if token.is_word:
                window.append(token)
            if len(window) == 3:
                break
        return any(t.lower in self.scope.negators or t.lower.endswith(("n't", "n’t")) for t in window)

    def _refusal(self, i: int, sentence: int) -> bool:
        """ "the U.S. would not be intimidated", "we will not be blackmailed": a hostile act in
        the passive right after "be", with the speaker's side as its subject; its negation is a
        refusal to yield (still conflict), no reassurance ("borders cannot be violated" is not)."""
        tokens, scope = self.tokens, self.scope
        if i < 1 or not tokens[i].lower.endswith(scope.participle_endings):
            return False
        if tokens[i - 1].lower not in scope.refusal_passives:
            return False
        k = i - 2
        while k >= sentence and (
            tokens[k].lower in scope.auxiliaries
            or tokens[k].lower in scope.negators
            or tokens[k].lower.endswith(("n't", "n’t"))
            or tokens[k].text in _QUOTE_MARKS  # 'would "not be intimidated"'
        ):
            k -= 1
        if k >= sentence and tokens[k].text == ".":
            k -= 1  # "U.S.": an abbreviation's last letter
        if k < sentence:
            return False
        subject = tokens[k].lower
        return subject in scope.first_person or any(w in self.own for w in re.findall(r"\w+", subject))

    def _absent(self, i: int, sentence: int) -> bool:
        """ "without (any) consultation": one of ``Scope.absence_markers`` within two words before."""
        words = [t.lower for t in self.tokens[max(sentence, i - 2) : i] if t.is_word]
        return any(w in self.scope.absence_markers for w in words)

    def _rejected(self, j: int) -> bool:
        """A verdict against the act right after it in its clause (``Scope.rejections``,
        within 12 words): "direct war between the two powers should be a non-starter"."""
        words: list[str] = []
        for token in self.tokens[j : j + 16]:
            if token.text in ".;!?" or (token.lower in self.scope.clause_breaks and token.lower != "that"):
                break
            if token.is_word:
                words.append(token.lower)
            if len(words) >= 12:
                break
        return any(
            tuple(words[k : k + len(phrase)]) == phrase for phrase in self.scope.rejections for k in range(len(words))
        )

    def _condition(self, i: int, sentence: int) -> str:
        words = [t.lower for t in self.tokens[sentence:i]]
        if words and words[-1] in self.scope.hypothetical:
            return IN_CONDITION
        at = _ends_with(words, self.scope.conditionals)
        if at < 0:
            return ""
        if any(w in self.scope.condition_ends for w in words[at:]):
            return ""
        return IN_CONDITION

    def _name(self, i: int, j: int) -> str:
        tokens = self.tokens
        if not tokens[i].titled or _sentence_initial(tokens, i):
            return ""
        after = tokens[j] if j < len(tokens) else None
        before = tokens[i - 1] if i > 0 else None
        if (after is not None and after.titled) or (before is not None and before.titled and before.is_word):
            return NAME
        if before is not None and before.lower == "of" and i > 1 and tokens[i - 2].titled:
            return NAME  # "Ministry of Defence"
        return ""

    def _topic(self, i: int, j: int, sentence: int) -> str:
        tokens = self.tokens
        k = j + 1 if j < len(tokens) and tokens[j].text == "-" else j
        if k < len(tokens) and tokens[k].lower in self.scope.topic_heads:
            return TOPIC  # "defence plans", "sanctions policy"
        words = tuple(t.lower for t in tokens[max(sentence, i - 4) : i])
        if any(words[len(words) - len(p) :] == p for p in self.scope.topic_markers if len(p) <= len(words)):
            return TOPIC  # "the question of war"
        return ""

    def _third_party(self, i: int, sentence: int, class_name: str) -> str:
        tokens, scope = self.tokens, self.scope
        # "Russia's invasion", "Putin's brutal war": the possessor acts (for acts, not judgements:
        # in "Russia's unprovoked war" the speaker judges).
        for k in range(i - 1, max(sentence, self.last_act_end, i - 5) - 1, -1):
            if class_name not in scope.third_party_classes:
                break
            token = tokens[k]
            owner = _possessor(token)
            # "Russian invasion", "Russian cruise missiles": an actor's adjective, a plain word between at most
            plain_between = k == i - 2 and tokens[i - 1].is_word and tokens[i - 1].text.islower()
            if owner is None and (k == i - 1 or plain_between) and token.titled and not _sentence_initial(tokens, k):
                owner = token.lower if token.lower.endswith(scope.actor_adjectives) else None
            if owner is not None:  # "Russia's invasion", "Western proposals"
                words = re.findall(r"\w+", owner)
                if token.titled and not any(w in self.own for w in words):
                    return THIRD_PARTY
                break
            if (not token.is_word and token.text != ",") or token.titled:
                break
        # "Russia has massed troops", "Serbs have been threatening", "Moscow attacked": a reported action.
        k = i - 1
        while k >= sentence and (tokens[k].lower in scope.auxiliaries or tokens[k].lower in scope.negators):
            k -= 1
        if k < sentence or (k == i - 1 and not tokens[i].lower.endswith("ed")):
            return ""
        if k < i - 1 and not (
            tokens[i].lower.endswith(scope.participle_endings) or tokens[i - 1].lower in scope.modal_auxiliaries
        ):
            return ""  # "the visit has provocative character": a judgement, no action reported
        subject = tokens[k]
        if _possessor(subject) is not None:
            return ""  # "Moscow's unprovoked": a possessive is no subject
        if subject.lower in scope.first_person or any(w in self.own for w in re.findall(r"\w+", subject.lower)):
            return ""
        if subject.titled and subject.is_word:
            return THIRD_PARTY
        return ""

    def _opposed(self, i: int, sentence: int) -> str:
        """A cooperation cue in the object of "against" ("a war against democracy, rules and
        peaceful coexistence"): what someone is said to oppose, not an offer. The phrase may
        list several objects (commas); a clause break, ; or : ends it."""
        for k in range(i - 1, max(sentence, i - 12) - 1, -1):
            token = self.tokens[k]
            if token.lower in self.scope.opposed_markers:
                return OPPOSED
            if token.text in ";:()" or token.lower in self.scope.clause_breaks:
                return ""
        return ""

    def _onlooker_event(self, i: int, j: int, negated: bool) -> str:
        """An event ("the war", "a potential invasion", "sanctions") named by an onlooker (an
        analyst, an economist: ``onlookers``) is what they talk about, not an act of theirs. A
        denial ("no need to attack") still counts: it is the speaker's reading of intent."""
        if not self.onlooker or negated or j != i + 1 or self.tokens[i].lower not in self.scope.event_nouns:
            return ""
        return ONLOOKER

    def _own_obligation(self, i: int, sentence: int) -> str:
        """ "We must ...", "his country must ...": an obligation the speaker's side takes on, no demand."""
        tokens, scope = self.tokens, self.scope
        if tokens[i].lower not in scope.obligations or i - 1 < sentence:
            return ""
        subject = tokens[i - 1].lower
        owner = tokens[i - 2].lower if i - 2 >= sentence else ""
        if subject in scope.first_person or subject in self.own or owner in scope.own_possessives:
            return OWN_OBLIGATION
        return ""

    def _demanded(self, i: int, sentence: int, class_name: str) -> str:
        """A de-escalation ("pull back") after a demand or warning in its sentence."""
        if self.demand_at < sentence:
            return ""
        if class_name not in self.scope.demanded_classes:
            return ""
        between = self.tokens[self.demand_at : i]
        if any(t.text == ";" or t.lower in ("but", "while", "whereas") for t in between):
            return ""
        return DEMANDED


def find_cues(
    text: str,
    offset: int = 0,
    *,
    lexicon: StanceLexicon | None = None,
    lead: str = "",
    own: Iterable[str] = (),
    onlooker: bool = False,
) -> list[StanceCue]:
    """Stance cues in ``text``, each read in its context (see the module docstring); offsets
    are shifted by ``offset``. ``lead`` is the words before the text that scope over it (the
    reporting verb: "denied"); ``own`` names the speaker, whose own possessions are their acts;
    ``onlooker``: the speaker is no party (``onlookers``)."""
    lexicon = lexicon or load_stance_lexicon()
    context = f"{lead} {text}" if lead else text
    shift = len(context) - len(text)
    blocked: list[tuple[int, int]] | None = None  # not_cues' spans, found once a cue is
    reader: _Reader | None = None
    cues = []
    for (match_start, match_end, surface), cue in _distributed(_scan(context, lexicon), context, lexicon):
        if blocked is None:
            blocked = [m.span() for m in lexicon.not_cues.finditer(context)] if lexicon.not_cues else []
        if any(start <= match_start < end for start, end in blocked):
            continue
        reader = reader or _Reader(context, lexicon, own, onlooker)
        class_name, polarity, weight = lexicon.cue_class[cue]
        negated, reason = reader.read(match_start, match_end, class_name, polarity)
        if match_start < shift:
            continue  # the lead's cues set the scene ("urged ... to pull back") but are not the text's
        category = f"not {class_name}" if negated else class_name
        cues.append(
            StanceCue(
                cue=surface,
                polarity=-polarity if negated else polarity,
                weight=0.0 if reason else weight,
                category=f"{category} ({reason})" if reason else category,
                negated=negated,
                start=offset + match_start - shift,
                end=offset + match_end - shift,
            )
        )
    return _ready_for(cues, context, offset - shift, lexicon.scope) if lexicon.scope.readiness else cues


@lru_cache(maxsize=2)
def _aid_list(nouns: frozenset[str]) -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, nouns)))
    return re.compile(
        rf"(?<![\w-])(?P<list>[a-z]+(?:\s*,\s*[a-z]+)*\s*,?\s+(?:and|or)\s+[a-z]+)\s+(?P<noun>{words})(?![\w-])",
        re.IGNORECASE,
    )


_LIST_WORD = re.compile(r"[a-z]+", re.IGNORECASE)
_LIST_JOINS = frozenset({"and", "or"})


def _distributed(
    scanned: Iterable[tuple[re.Match[str], str]], context: str, lexicon: StanceLexicon
) -> list[tuple[tuple[int, int, str], str]]:
    """The scanned cues as (start, end, surface) and cue, with each coordinated modifier of an
    aid noun read with that noun ("financial, humanitarian, military and diplomatic support":
    "humanitarian support", "military support", ...), not as a word of its own."""
    found = [((m.start(), m.end(), m.group()), cue) for m, cue in scanned]
    nouns = lexicon.scope.aid_nouns
    if not nouns or not found:
        return found
    lists = list(_aid_list(nouns).finditer(context))
    if not lists:
        return found
    out = [item for item in found if not any(m.start() <= item[0][0] < m.end() for m in lists)]
    for m in lists:
        noun = m["noun"]
        shared = False
        for word in _LIST_WORD.finditer(context, m.start("list"), m.end("list")):
            if word.group().lower() in _LIST_JOINS:
                continue
            phrase = f"{word.group()} {noun}"
            hit = next(iter(_scan(phrase, lexicon)), None)
            if hit is not None and hit[0].start() == 0 and hit[0].end() == len(phrase):
                out.append(((word.start(), word.end(), phrase), hit[1]))
                shared = True
        if not shared:  # "security and humanitarian assistance": the noun's own cue
            out += [item for item in found if item[0][0] == m.start("noun")]
    out.sort(key=lambda item: item[0][0])
    return out


READY_FOR_FORCE = "readiness for a hostile act"
_CLAUSE_MARK = re.compile(r"[,;:.!?()–—]")


def _ready_for(cues: list[StanceCue], context: str, base: int, scope: Scope) -> list[StanceCue]:
    """A readiness cue ("willing to") right before a counted hostile act in its clause ("willing
    to use military force as a last resort") offers nothing: set aside, the act counts. ``base``:
    the offset of ``context``'s first character in the cues' offsets."""
    out = list(cues)
    for k, cue in enumerate(cues[:-1]):
        act = cues[k + 1]
        if cue.cue.lower() not in scope.readiness or cue.polarity < 0 or not cue.weight:
            continue
        between = context[cue.end - base : act.start - base]
        if act.polarity < 0 and act.weight and len(between) <= 30 and not _CLAUSE_MARK.search(between):
            out[k] = StanceCue(
                cue.cue, cue.polarity, 0.0, f"{cue.category} ({READY_FOR_FORCE})", cue.negated, cue.start, cue.end
            )
    return out


_WORD = re.compile(r"(?<![\w-])\w[\w-]*(?:['’]\w+)?")


def _scan(text: str, lexicon: StanceLexicon) -> Iterator[tuple[re.Match[str], str]]:
    """Non-overlapping cue matches, left to right; at one place the longest cue (the
    order of ``lexicon.matchers``) wins, as one alternation of every cue would give."""
    resume = 0
    for word in _WORD.finditer(text):
        start = word.start()
        if start < resume:
            continue
        lowered = word.group().lower()
        candidates: list[tuple[int, re.Pattern[str], str]] = []
        for head in {lowered, lowered.split("'")[0], lowered.split("’")[0], lowered.split("-")[0]}:  # "won't", "no-fly"
            candidates.extend(lexicon.by_first.get(head, ()))
        candidates.extend(
            (rank, matcher, cue)
            for rank, prefix, matcher, cue in lexicon.by_stem.get(lowered[:3], ())
            if lowered.startswith(prefix)
        )
        for _, matcher, cue in sorted(candidates, key=lambda c: c[0]):
            found = matcher.match(text, start)
            if found:
                yield found, cue
                resume = found.end()
                break


CONSEQUENCE = " (a hostile premise's consequence)"


def _consequence(quote: Quote, cues: Sequence[StanceCue], lexicon: StanceLexicon) -> list[StanceCue]:
    """ "Any attack … will lead to conflict", "if Russia invades, the response will be severe":
    a hostile act as a premise and a consequence announced for it is a warning (CAMEO 13), though
    the consequence names no cue of its own. Counted once per statement, as the class of
    ``scope.consequence_class``."""
    scope = lexicon.scope
    if not scope.consequence_words or not scope.consequence_class:
        return []
    for cue in cues:
        if cue.polarity < 0 and IN_CONDITION in cue.category and cue.start >= quote.start:
            after = quote.text[cue.end - quote.start :].lower().split()
            if any(word.strip(",.;:") in scope.consequence_words for word in after[:25]):
                weight = next(w for c, (k, _, w) in lexicon.cue_class.items() if k == scope.consequence_class)
                category = scope.consequence_class + CONSEQUENCE
                return [StanceCue(cue.cue, -1, weight, category, False, cue.start, cue.end)]
    return []


_NOT_A_VERB = ("(continued)", ":", "tweet", "according to")


@lru_cache(maxsize=4096)
def _other_names(actor: str) -> tuple[str, ...]:
    """The dictionary's other names for an actor: "U.S." and "American" are the United States's
    own side, as "we" is ("the U.S. would not be intimidated", "American proposals")."""
    found = load_dictionary().actor(actor)
    return (*found.aliases, *found.adjectives) if found is not None else ()


def quote_cues(quote: Quote, *, lexicon: StanceLexicon | None = None, onlooker: bool = False) -> list[StanceCue]:
    """Cues in a statement, plus its reporting verb ("warned", "assured") when that is a cue.
    The reporting verb scopes over the content ("denied plans to invade" flips "invade"). It
    is the journalist's word for the speech act: for reported speech and quoted fragments it is
    the best evidence of the act (``reporting_verb_weight``); before a whole direct quote, whose
    words are the speaker's own, it is framing (``direct_reporting_verb_weight``)."""
    lexicon = lexicon or load_stance_lexicon()
    verb = quote.cue if quote.cue and quote.cue not in _NOT_A_VERB else ""
    own = (quote.speaker, quote.speaker_rollup, quote.speaker_surface, *_other_names(quote.speaker_rollup))
    cues = find_cues(quote.text, quote.start, lexicon=lexicon, lead=verb, own=own, onlooker=onlooker)
    cues += _consequence(quote, cues, lexicon)
    whole = quote.direct and len(quote.text.split()) >= lexicon.fragment_words  # not a quoted fragment
    share = lexicon.direct_reporting_verb_weight if whole else lexicon.reporting_verb_weight
    for cue in find_cues(verb, -1, lexicon=lexicon) if verb else []:
        weight = cue.weight * share
        cues.append(StanceCue(cue.cue, cue.polarity, weight, cue.category + REPORTING_VERB, False, -1, -1))
    if _mediator(quote.speaker) or _mediator(quote.speaker_rollup):
        cues = [_as_mediator(cue, lexicon) for cue in cues]
    return cues


@lru_cache(maxsize=4096)
def _mediator(actor: str) -> bool:
    found = load_dictionary().actor(actor)
    return found is not None and found.mediator


def _as_mediator(cue: StanceCue, lexicon: StanceLexicon) -> StanceCue:
    """A mediator is no party to the conflict (the UN, the IAEA, the Red Cross; Grossi speaks for
    the IAEA): its demand that the shelling stop appeals for de-escalation, and the danger, the
    violations and the attacks it names weigh the conflict; its offers count as anyone's."""
    scope = lexicon.scope
    if cue.weight <= 0 or cue.polarity > 0:
        return cue
    base = cue.category.split(" (")[0]
    if base in scope.mediator_appeals and scope.mediator_class:
        weight = next(w for k, _, w in lexicon.cue_class.values() if k == scope.mediator_class)
        return replace(cue, polarity=1, weight=weight, category=scope.mediator_class + MEDIATOR_APPEAL)
    if base in scope.mediator_weighs:
        return replace(cue, weight=0.0, category=f"{base} ({MEDIATOR_WEIGHS})")
    return cue


# ---- scoring -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stance:
    score: float
    label: str
    cooperation: float
    conflict: float
    n_cues: int


@dataclass(frozen=True)
class StatementStance:
    """One statement's stance with its evidence: every cue read (``cues``, including those
    set aside, at weight 0) and the ones that count (``counted``)."""

    cues: tuple[StanceCue, ...]
    counted: tuple[StanceCue, ...]
    stance: Stance


def statement_signals(cues: Iterable[StanceCue]) -> list[StanceCue]:
    """The cues that count for one statement: each class (and direction) once, at its
    weight; cues set aside by their context (weight 0) do not count."""
    kept: dict[tuple[str, int], StanceCue] = {}
    for cue in cues:
        if cue.weight <= 0:
            continue
        key = (cue.category.replace(REPORTING_VERB, ""), cue.polarity)
        if key not in kept or cue.weight > kept[key].weight:
            kept[key] = cue
    return list(kept.values())


def label_for(score: float, total: float, *, lexicon: StanceLexicon | None = None) -> str:
    """The label of a score in -1..1 over ``total`` cue weight (thresholds in ``stance.yml``)."""
    lexicon = lexicon or load_stance_lexicon()
    if total < lexicon.min_weight:
        return "neutral"
    if score >= lexicon.conciliatory:
        return "conciliatory"
    if score <= lexicon.confrontational:
        return "confrontational"
    return "mixed"


def pool(cooperation: float, conflict: float, n_cues: int, *, lexicon: StanceLexicon | None = None) -> Stance:
    """A stance from summed cooperation and conflict weights (a speaker's statements pooled)."""
    total = cooperation + conflict
    score = (cooperation - conflict) / total if total else 0.0
    return Stance(round(score, 4), label_for(score, total, lexicon=lexicon), cooperation, conflict, n_cues)


def score_cues(cues: Iterable[StanceCue], *, lexicon: StanceLexicon | None = None) -> Stance:
    """Aggregate counted cues into a score in -1..1 and a label (see ``statement_signals``)."""
    cues = [c for c in cues if c.weight > 0]
    cooperation = sum(c.weight for c in cues if c.polarity > 0)
    conflict = sum(c.weight for c in cues if c.polarity < 0)
    return pool(cooperation, conflict, len(cues), lexicon=lexicon)


def speaker_pool(statements: Iterable[Sequence[StanceCue]], *, lexicon: StanceLexicon | None = None) -> Stance:
    """One speaker's stance over their statements' counted cues: a class's k-th statement
    counts at ``repeat_decay`` ** (k - 1) of its weight (``stance.yml``), so that repeating
    one theme does not drown the other side out."""
    lexicon = lexicon or load_stance_lexicon()
    seen: dict[tuple[str, int], int] = {}
    cooperation = conflict = 0.0
    n_cues = 0
    for cues in statements:
        for cue in cues:
            if cue.weight <= 0:
                continue
            key = (cue.category.replace(REPORTING_VERB, ""), cue.polarity)
            weight = cue.weight * lexicon.repeat_decay ** seen.get(key, 0)
            seen[key] = seen.get(key, 0) + 1
            n_cues += 1
            if cue.polarity > 0:
                cooperation += weight
            else:
                conflict += weight
    return pool(round(cooperation, 4), round(conflict, 4), n_cues, lexicon=lexicon)


def statement_stance(quote: Quote, *, lexicon: StanceLexicon | None = None, onlooker: bool = False) -> StatementStance:
    """A statement's cues, the ones that count, and its stance; ``onlooker``: its speaker is
    one of the article's ``onlookers``."""
    lexicon = lexicon or load_stance_lexicon()
    cues = quote_cues(quote, lexicon=lexicon, onlooker=onlooker)
    counted = statement_signals(cues)
    return StatementStance(tuple(cues), tuple(counted), score_cues(counted, lexicon=lexicon))


def onlookers(
    text: str,
    quotes: Iterable[Quote],
    mentions: Iterable[Mention],
    *,
    lexicon: StanceLexicon | None = None,
    dictionary: Dictionary | None = None,
) -> frozenset[str]:
    """The speakers the article describes by a role that is no party to the conflict
    (``onlooker_roles``: "Naeem Aslam, chief market analyst at …", "the economist Jane Roe"):
    where they name a war or sanctions, they weigh an event, they do not threaten one. A
    speaker the dictionary knows (a state, an organisation, a person who speaks for one; not
    a name found by the open vocabulary, ``via == "open"``) is a party, unless the dictionary
    marks it an onlooker (a think tank: ``onlooker: true``). The role is
    looked for in the apposition after a name ("NAME, a/the … ROLE"), in the words right
    before it ("market analyst NAME") and in the word right after it ("NAME analysts wrote")."""
    lexicon = lexicon or load_stance_lexicon()
    dictionary = dictionary or load_dictionary()
    roles = lexicon.scope.onlooker_roles
    found: set[str] = set()
    seen = {mention.actor for mention in mentions if mention.via != "open"}
    for quote in quotes:
        known = dictionary.actors.get(quote.speaker)
        if known is not None and known.onlooker:
            found.add(quote.speaker)  # "the Institute for the Study of War said": a think tank
            continue
        if quote.speaker in seen:
            continue
        seen.add(quote.speaker)
        for name in {quote.speaker, quote.speaker_surface}:
            if not name or not name[:1].isupper():
                continue
            for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
                after = re.match(r",\s+([^,.;:()]{0,80})", text[match.end() : match.end() + 90])
                before = text[max(0, match.start() - 40) : match.start()].split()[-3:]
                head = text[match.end() : match.end() + 30].split()[:1]  # "Capital Economics analysts wrote"
                words = [w.lower().strip("’'s") for w in (after.group(1).split()[:8] if after else [])]
                if any(w.lower().strip(",.") in roles for w in [*words, *before, *head]):
                    found.add(quote.speaker)
                    break
            if quote.speaker in found:
                break
    return frozenset(found)


def quote_targets(quote: Quote, mentions: Sequence[Mention]) -> list[str]:
    """Actors a statement names, other than the speaker and whom the speaker speaks for."""
    own = {quote.speaker, quote.speaker_rollup}
    targets = []
    for mention in mentions:
        if quote.start <= mention.start < quote.end:
            target = mention.rollup
            if target not in own and mention.actor not in own and target not in targets:
                targets.append(target)
    return targets
