"""Finding actors (states, organisations, people) in text through a data dictionary.

The dictionary (``lib/data/actors.yml``) lists each actor's aliases, adjectives, titles
and, for people, whom they speak for. Matching is a longest-first lookup of token
n-grams, so thousands of surface forms cost a few dictionary probes per token.

What counts as a mention, in order of precedence:
- a name or alias, case-sensitive ("Moscow", "the Kremlin", "Stoltenberg");
- an adjective or demonym ("Russian forces", "Ukrainian army");
- a title, case-insensitive, given in the data or composed from a person's roles and
  the actor they speak for ("Russian foreign minister", "NATO secretary general");
- an actor followed by a head noun ("NATO chief", "the alliance's chief") names its leader;
- "the <role>" ("the secretary general") refers back to the last person with that role.
A title directly followed by a name ("NATO Secretary General Jens Stoltenberg") is one
mention. An alias shared by several actors ("Sullivan") goes to the one named most
recently in the same article, else to the first listed.

Dictionary hits that the words around them contradict are dropped (``_disambiguate``):
"Peter Lavrov" is not Sergey Lavrov, "the Minsk agreements" are not Belarus, "talks in Rome"
are not Italy. People and organisations the dictionary lacks are found as well, with
``via="open"`` (see "names that are not in the dictionary" below, word lists in
``lib/data/names.yml``).
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from lib.errors import DataFileError
from lib.resources import data_path, load_yaml, optional_list, require
from lib.types import Mention, Sentence
from lib.words import ordinary_noun

KINDS = ("state", "organisation", "person", "group")
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+|[’'](?=s\b)s")
# What may separate two tokens of one name: a space, a hyphen, or the stop after an initial.
_JOINABLE_GAP = re.compile(r"\s{1,2}|-|\.\s")


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    speaks_for: str | None = None
    leads: str | None = None
    gender: str | None = None
    onlooker: bool = False  # a think tank or research body: it weighs the conflict, it is no party
    mediator: bool = False  # the UN, the IAEA, the Red Cross: no party; its demands appeal for de-escalation

    @property
    def rollup(self) -> str:
        """Whom this actor's words count for: a person's state or organisation, else itself."""
        return self.speaks_for or self.name


@dataclass(frozen=True)
class NameLexicon:
    """Word lists for people and organisations the dictionary lacks (``lib/data/names.yml``)."""

    given_names: frozenset[str]
    person_titles: frozenset[str]  # lower case, no final stop
    appositive_roles: frozenset[str]  # lower case
    first_name_roles: frozenset[str]  # lower case: "resident Oksana", a person by given name alone
    speech_verbs: frozenset[str]
    patronymic_endings: tuple[str, ...]
    organisation_heads: frozenset[str]
    generic_org_words: frozenset[str]
    government_heads: frozenset[str]
    not_actor_words: frozenset[str]
    after_state_not_state: frozenset[str]  # lower case
    official_titles: frozenset[str]  # lower case: titles of office, whose holder speaks for the state
    credit_markers: frozenset[str]
    credit_after: frozenset[str]
    title_words: frozenset[str]
    not_name_start: frozenset[str]
    name_particles: frozenset[str]
    # A given name's skeleton -> the skeletons of its other renderings ("Vladimir" for "Volodymyr")
    given_forms: dict[str, frozenset[str]] = field(default_factory=dict, compare=False)


_NAME_LISTS = (
    "given_names", "person_titles", "appositive_roles", "first_name_roles", "speech_verbs", "patronymic_endings", "organisation_heads",
    "generic_org_words", "government_heads", "not_actor_words", "after_state_not_state", "official_titles", "credit_markers", "credit_after", "title_words", "not_name_start", "name_particles",
)  # fmt: skip
_LOWER_LISTS = ("person_titles", "appositive_roles", "first_name_roles", "after_state_not_state", "official_titles")


def build_names(raw: Any, path: str = "names.yml") -> NameLexicon:
    """Validate a parsed names file: every list is present and holds strings."""
    if not isinstance(raw, dict):
        raise DataFileError(path, "(top)", "a mapping of word lists")
    lists: dict[str, list[str]] = {}
    for key in _NAME_LISTS:
        if key not in raw:
            raise DataFileError(path, key, "a list of strings (missing)")
        words = optional_list(raw, key, path=path, where="(top)")
        lists[key] = [word.lower() for word in words] if key in _LOWER_LISTS else words
    return NameLexicon(
        given_names=frozenset(lists["given_names"]),
        person_titles=frozenset(lists["person_titles"]),
        appositive_roles=frozenset(lists["appositive_roles"]),
        first_name_roles=frozenset(lists["first_name_roles"]),
        speech_verbs=frozenset(lists["speech_verbs"]),
        patronymic_endings=tuple(lists["patronymic_endings"]),
        organisation_heads=frozenset(lists["organisation_heads"]),
        generic_org_words=frozenset(lists["generic_org_words"]),
        government_heads=frozenset(lists["government_heads"]),
        not_actor_words=frozenset(lists["not_actor_words"]),
        after_state_not_state=frozenset(lists["after_state_not_state"]),
        official_titles=frozenset(lists["official_titles"]),
        credit_markers=frozenset(lists["credit_markers"]),
        credit_after=frozenset(lists["credit_after"]),
        title_words=frozenset(lists["title_words"]),
        not_name_start=frozenset(lists["not_name_start"]),
        name_particles=frozenset(lists["name_particles"]),
        given_forms=_given_forms(raw.get("given_name_forms") or [], path),
    )


def _given_forms(groups: Any, path: str) -> dict[str, frozenset[str]]:
    """Each form's skeleton mapped to every form of its group (``given_name_forms``)."""
    if not isinstance(groups, list) or not all(
        isinstance(g, list) and all(isinstance(w, str) for w in g) for g in groups
    ):
        raise DataFileError(path, "given_name_forms", "a list of lists of names")
    forms: dict[str, set[str]] = {}
    for group in groups:
        keys = {skeleton(name) for name in group}
        for key in keys:
            forms.setdefault(key, set()).update(keys)
    return {key: frozenset(value) for key, value in forms.items()}


@lru_cache(maxsize=4)
def load_names(path: Path | None = None) -> NameLexicon:
    """Load the word lists for open-vocabulary actors (the packaged ones by default)."""
    path = path or data_path("names.yml")
    return build_names(load_yaml(path), str(path))


# A word as the scan sees it: (normalised form, lower case, the most tokens a key starting
# with it has, the person it names on its own when no key starts with it, capitalised).
_Word = tuple[str, str, int, tuple[str, ...], bool]
_END = ""  # a trie node's marker for "a key ends here" (no token is empty)
_MEMO_SIZE = 200_000


@dataclass(frozen=True)
class Dictionary:
    """The compiled actor dictionary. Build it with ``load_dictionary``."""

    actors: dict[str, Actor]
    exact: dict[str, tuple[tuple[str, str], ...]]  # token key -> ((actor, via), ...)
    folded: dict[str, tuple[str, ...]]  # lower-case token key -> actors (titles)
    roles: dict[str, tuple[str, ...]]  # lower-case role key -> people
    leaders: dict[str, str]  # actor -> the person who leads it
    head_nouns: frozenset[str]
    not_actors: frozenset[str]
    places: frozenset[str]  # aliases that are cities: after a locative, the place, not the actor
    locatives: frozenset[str]
    max_tokens: int
    # First token of any surface form -> the most tokens a form starting with it has:
    # a token that starts no form costs one dictionary probe, not max_tokens joins.
    first_exact: dict[str, int]
    first_folded: dict[str, int]
    names: NameLexicon
    # Person -> the first words of their multi-word names ("Sergey", "Sergei" for Lavrov).
    first_names: dict[str, frozenset[str]]
    # Every key the scan can match (exact, folded, not-actor, "the <role>"), lower case, as a
    # trie of tokens: a token sequence that leads nowhere in it is never joined into a key.
    # A node maps the next token to its child; _END marks a node where a key ends.
    trie: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # (given name, surname) as ``skeleton`` spells them -> the person: "Volodymyr Zelanski" and
    # "Wołodymyr Zełenski" are Volodymyr Zelensky in another transliteration.
    spellings: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, repr=False)
    # A surname's skeleton and final vowel, six letters or more -> the one person it spells ("Zilinski")
    surname_spellings: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    # What the scan needs of a word, computed once per distinct word (a memo of pure
    # functions of the word and this dictionary; cleared when it grows past _MEMO_SIZE).
    words: dict[str, _Word] = field(default_factory=dict, compare=False, repr=False)

    def actor(self, name: str) -> Actor | None:
        return self.actors.get(name)

    def rollup(self, name: str) -> str:
        actor = self.actors.get(name)
        return actor.rollup if actor else name


def _key(tokens: Iterable[str]) -> str:
    return " ".join(token.replace("’", "'") for token in tokens)


# A token and what lies before it: the shortest gap first, so the tokens are ``_TOKEN``'s matches.
_GAP_TOKEN = re.compile(r"(.*?)(" + _TOKEN.pattern + ")", re.DOTALL)


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Word tokens with offsets. "U.S." is one token, "Russia's" is "Russia" + "'s"."""
    return _tokens_and_gaps(text)[0]


def _tokens_and_gaps(text: str) -> tuple[list[tuple[int, int, str]], list[str]]:
    """The tokens, and the text before each (after the token before it)."""
    tokens = []
    gaps = []
    position = 0
    for gap, token in _GAP_TOKEN.findall(text):
        start = position + len(gap)
        position = start + len(token)
        tokens.append((start, position, token))
        gaps.append(gap)
    return tokens, gaps


_ROLE_ACRONYM = re.compile(r"\b[A-Z]{2,3}\b")


def _dotted(role: str) -> list[str]:
    """A role as given and, when it holds an acronym, as written with dots too ("ambassador to the
    UN", "ambassador to the U.N.")."""
    dotted = _ROLE_ACRONYM.sub(lambda m: "".join(f"{c}." for c in m.group()), role)
    return [role] if dotted == role else [role, dotted]


def _phrase_key(phrase: str) -> str:
    return _key(token for _, _, token in tokenize(phrase))


def _with_capital_the(form: str) -> list[str]:
    if form.startswith("the "):
        return [form, "The " + form[4:]]
    return [form]


def _sentence_case(form: str) -> str:
    """A body's name as some style guides write it ("International criminal court",
    "the UN security council"): the first word kept, later words in lower case, acronyms kept."""
    words = form.split()
    keep = 2 if words and words[0].lower() == "the" else 1
    return " ".join(w if i < keep or w.isupper() else w.lower() for i, w in enumerate(words))


def _parse_actor(entry: Any, index: int, path: str) -> Actor:
    where = f"actors[{index}]"
    name = require(entry, "name", str, path=path, where=where)
    where = f"actors[{index}] ({name})"
    kind = require(entry, "kind", str, path=path, where=where)
    if kind not in KINDS:
        raise DataFileError(path, f"{where}.kind", f"one of {', '.join(KINDS)}, got {kind!r}")
    gender = entry.get("gender")
    if gender not in (None, "m", "f"):
        raise DataFileError(path, f"{where}.gender", f"m or f, got {gender!r}")
    return Actor(
        name=name,
        kind=kind,
        aliases=tuple(optional_list(entry, "aliases", path=path, where=where)),
        adjectives=tuple(optional_list(entry, "adjectives", path=path, where=where)),
        titles=tuple(optional_list(entry, "titles", path=path, where=where)),
        roles=tuple(
            role.lower() for given in optional_list(entry, "roles", path=path, where=where) for role in _dotted(given)
        ),
        speaks_for=entry.get("speaks_for"),
        leads=entry.get("leads"),
        gender=gender,
        onlooker=bool(entry.get("onlooker", False)),
        mediator=bool(entry.get("mediator", False)),
    )


def build_dictionary(raw: Any, path: str = "actors.yml", *, names: NameLexicon | None = None) -> Dictionary:
    """Validate a parsed actors file and compile its lookup tables (with the packaged
    name lists unless ``names`` is given)."""
    entries = require(raw, "actors", list, path=path, where="(top)")
    actors: dict[str, Actor] = {}
    for index, entry in enumerate(entries):
        actor = _parse_actor(entry, index, path)
        if actor.name in actors:
            raise DataFileError(path, f"actors[{index}].name", f"a unique name; {actor.name!r} appears twice")
        actors[actor.name] = actor
    for actor in actors.values():
        for field_name in ("speaks_for", "leads"):
            target = getattr(actor, field_name)
            if target is not None and target not in actors:
                raise DataFileError(path, f"{actor.name}.{field_name}", f"the name of a listed actor, got {target!r}")

    exact: dict[str, list[tuple[str, str]]] = {}
    folded: dict[str, list[str]] = {}
    roles: dict[str, list[str]] = {}
    leaders: dict[str, str] = {}

    def add_exact(form: str, name: str, via: str) -> None:
        for variant in _with_capital_the(form):
            bucket = exact.setdefault(_phrase_key(variant), [])
            if all(existing != name for existing, _ in bucket):
                bucket.append((name, via))

    def add_folded(form: str, name: str) -> None:
        bucket = folded.setdefault(_phrase_key(form).lower(), [])
        if name not in bucket:
            bucket.append(name)

    for actor in actors.values():
        add_exact(actor.name, actor.name, "name")
        for alias in actor.aliases:
            add_exact(alias, actor.name, "alias")
        if actor.kind != "person":
            for form in (actor.name, *actor.aliases):
                variant = _sentence_case(form)
                if variant != form:
                    add_exact(variant, actor.name, "alias")
        for adjective in actor.adjectives:
            add_exact(adjective, actor.name, "adjective")
        for title in actor.titles:
            add_folded(title, actor.name)
        if actor.leads:
            leaders[actor.leads] = actor.name
        for role in actor.roles:
            roles.setdefault(_phrase_key(role).lower(), []).append(actor.name)
            if actor.speaks_for:
                org = actors[actor.speaks_for]
                for form in (org.name, *org.aliases, *org.adjectives):
                    bare = form[4:] if form.lower().startswith("the ") else form
                    add_folded(f"{bare} {role}", actor.name)
                    add_folded(f"{bare}'s {role}", actor.name)

    heads = optional_list(raw, "head_nouns", path=path, where="(top)")
    not_actors = optional_list(raw, "not_actors", path=path, where="(top)")
    keys = list(exact) + list(folded) + list(roles)
    max_tokens = max((len(key.split()) for key in keys), default=1) + 1
    first_exact: dict[str, int] = {}
    for key in list(exact) + [phrase for phrase in (_phrase_key(p) for p in not_actors)]:
        head, size = key.split()[0], len(key.split())
        first_exact[head] = max(first_exact.get(head, 0), size)
    first_folded: dict[str, int] = {}
    for key in list(folded) + [f"{lead} {role}" for role in roles for lead in _ROLE_LEADS]:
        head, size = key.split()[0].lower(), len(key.split())
        first_folded[head] = max(first_folded.get(head, 0), size)
    trie: dict[str, Any] = {}
    owned = (f"{lead} {role}" for role in roles for lead in _ROLE_LEADS)
    for key in itertools.chain(exact, folded, owned, (_phrase_key(p) for p in not_actors)):
        node = trie
        for token in key.lower().split(" "):
            node = node.setdefault(token, {})
        node[_END] = True
    return Dictionary(
        actors=actors,
        exact={key: tuple(value) for key, value in exact.items()},
        folded={key: tuple(value) for key, value in folded.items()},
        roles={key: tuple(value) for key, value in roles.items()},
        leaders=leaders,
        head_nouns=frozenset(noun.lower() for noun in heads),
        not_actors=frozenset(_phrase_key(phrase) for phrase in not_actors),
        places=frozenset(_phrase_key(p) for p in optional_list(raw, "places", path=path, where="(top)")),
        locatives=frozenset(word.lower() for word in optional_list(raw, "locatives", path=path, where="(top)")),
        max_tokens=max_tokens,
        first_exact=first_exact,
        first_folded=first_folded,
        names=names or load_names(),
        first_names={
            actor.name: frozenset(form.split()[0] for form in (actor.name, *actor.aliases) if len(form.split()) > 1)
            for actor in actors.values()
            if actor.kind == "person"
        },
        trie=trie,
        spellings=_spellings(actors),
        surname_spellings=_surname_spellings(actors),
    )


_SKELETON_LETTERS = str.maketrans({"w": "v", "ł": "l", "y": "i", "j": "i", "x": "k", "q": "k", "c": "k", "g": "h"})


def skeleton(word: str) -> str:
    """A name's consonants as most transliterations agree on them: lower case, no accents,
    w as v, y and j as vowels, c and k alike, g as h (the Russian rendering of a Ukrainian h: "Shmygal"), doubled letters once, vowels after the first
    letter dropped ("Zelensky", "Zelenskyy", "Zelanski", "Zełenski" -> "zlnsk")."""
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(ch))
    folded = folded.replace("ph", "f").replace("sch", "sh").translate(_SKELETON_LETTERS)
    folded = re.sub(r"[^a-z]", "", folded)
    if not folded:
        return ""
    rest = re.sub(r"[aeiou]", "", folded[1:])
    return re.sub(r"(.)\1+", r"\1", folded[0] + rest)


def _spellings(actors: dict[str, Actor]) -> dict[tuple[str, str], str]:
    """Every person's two-word names by skeleton; a key two people share is dropped."""
    found: dict[tuple[str, str], set[str]] = {}
    for actor in actors.values():
        if actor.kind != "person":
            continue
        for form in (actor.name, *actor.aliases):
            words = form.split()
            if len(words) >= 2:
                key = (skeleton(words[0]), skeleton(words[-1]))
                if len(key[0]) >= 2 and len(re.sub(r"[aeiou]", "", key[1])) >= 3:
                    found.setdefault(key, set()).add(actor.name)
    return {key: next(iter(names)) for key, names in found.items() if len(names) == 1}


def _surname_spellings(actors: dict[str, Actor]) -> dict[str, str]:
    """Every person's surname by skeleton and final vowel, where that is long enough (six
    letters) to tell a name ("Zelensky", "Zilinski") from a place ("Peskov" and "Pskov" are
    four); a key two people share is dropped."""
    found: dict[str, set[str]] = {}
    for actor in actors.values():
        if actor.kind == "person":
            for form in (actor.name, *actor.aliases):
                key = _surname_key(form.split()[-1])
                if len(key) >= 6:
                    found.setdefault(key, set()).add(actor.name)
    out = {}
    for key, names in found.items():
        # Shared: the one whose own name spells it ("Zelenskyy" is also an alias of Olena Zelenska)
        own = [name for name in names if _surname_key(name.split()[-1]) == key] if len(names) > 1 else list(names)
        if len(own) == 1:
            out[key] = own[0]
    return out


def _surname_key(word: str) -> str:
    """A surname's skeleton and its final vowel, which tells "Zelenska" from "Zelensky"."""
    last = word[-1:].lower().translate(_SKELETON_LETTERS)
    return skeleton(word) + (last if last in "aeiou" else "")


def spelled_surname(word: str, dictionary: Dictionary) -> Actor | None:
    """The dictionary person a lone surname spells another way ("Zilinski": Volodymyr Zelensky),
    or with two letters typed the wrong way round ("Zelenksyy"), in a surname of seven letters or
    more."""
    person = dictionary.surname_spellings.get(_surname_key(word))
    if person is None and len(word) >= 7:
        swapped = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(1, len(word) - 1)}
        found = {dictionary.surname_spellings.get(_surname_key(w)) for w in swapped} - {None}
        person = found.pop() if len(found) == 1 else None
    return dictionary.actors[person] if person is not None else None


@lru_cache(maxsize=4)
def load_dictionary(path: Path | None = None) -> Dictionary:
    """Load and compile the actor dictionary (the packaged one by default)."""
    path = path or data_path("actors.yml")
    return build_dictionary(load_yaml(path), str(path))


@dataclass
class _Raw:
    start_token: int
    end_token: int  # exclusive
    candidates: tuple[str, ...]
    via: str
    apposed: bool = False  # "Name, the <this>": its head noun does not name the actor's leader


def _joinable(text: str, tokens: Sequence[tuple[int, int, str]], gaps: Sequence[str]) -> list[bool]:
    """joinable[i]: tokens i and i+1 may belong to one name (``gaps[i + 1]`` between them)."""
    out = []
    for (_, end, _), (_, _, nxt), gap in zip(tokens, tokens[1:], gaps[1:]):  # noqa: B905
        if gap == " ":
            out.append(True)
        elif not gap:
            out.append(nxt in _POSSESSIVE)
        else:
            if gap == ". ":
                out.append(text[end - 1].isupper())  # only the stop after a one-letter initial ("Lloyd J. Austin")
            else:
                out.append(bool(_JOINABLE_GAP.fullmatch(gap)))
    out.append(False)
    return out


def _word(word: str, dictionary: Dictionary) -> _Word:
    norm = word.replace("’", "'")  # what _key does
    low = word.lower()
    longest = max(dictionary.first_exact.get(norm, 0), dictionary.first_folded.get(low, 0))
    owners: tuple[str, ...] = ()
    if longest == 0:
        owners = _possessive_person(word, dictionary) or _capitals_person(word, dictionary)
    return norm, low, longest, owners, _cap(word)


def _words_of(tokens: Sequence[tuple[int, int, str]], dictionary: Dictionary) -> list[_Word]:
    memo = dictionary.words
    if len(memo) > _MEMO_SIZE:
        memo.clear()
    text_words = [word for _, _, word in tokens]
    found: list[_Word | None] = list(map(memo.get, text_words))
    if None not in found:
        return cast(list[_Word], found)  # every word seen before (most articles)
    words: list[_Word] = []
    for word, known in zip(text_words, found, strict=True):
        if known is None:
            known = memo.get(word)
            if known is None:
                known = memo[word] = _word(word, dictionary)
        words.append(known)
    return words


def _scan(
    tokens: Sequence[tuple[int, int, str]], joinable: Sequence[bool], dictionary: Dictionary, words: Sequence[_Word]
) -> list[_Raw]:
    """Dictionary hits, longest first at each token. Only the lengths at which some key
    ends (the trie of keys) are looked up, in the order and with the precedence below."""
    raws: list[_Raw] = []
    i = 0
    n = len(tokens)
    trie = dictionary.trie
    exact, folded_keys, not_actors = dictionary.exact, dictionary.folded, dictionary.not_actors
    # Most tokens start no key and name no one: only the others are visited.
    for k in [k for k, word in enumerate(words) if word[2] or word[3]]:
        if k < i:
            continue  # inside a hit
        i = k
        norm_i, low_i, longest, owners, _ = words[i]
        if longest == 0:
            raws.append(_Raw(i, i + 1, owners, "alias"))
            i += 1
            continue
        limit = 1
        while limit < longest and i + limit < n and joinable[i + limit - 1]:
            limit += 1
        # The lengths (at most ``limit``) at which a key ends, in lower case: no other can match.
        lengths: list[int] = []
        node = trie.get(words[i][0].lower())
        length = 1
        while node is not None:
            if _END in node:
                lengths.append(length)
            if length == limit:
                break
            node = node.get(words[i + length][0].lower())
            length += 1
        matched = False
        for length in reversed(lengths):
            key = norm_i if length == 1 else " ".join(w[0] for w in words[i : i + length])
            if key in not_actors:
                i += length
                matched = True
                break
            hit = exact.get(key)
            if (
                hit
                and key in dictionary.places
                and i > 0
                and joinable[i - 1]
                and words[i - 1][0] in dictionary.locatives
            ):
                i += length  # "talks in Rome": the city
                matched = True
                break
            if hit:
                vias = {via for _, via in hit}
                via = "adjective" if vias == {"adjective"} else ("name" if "name" in vias else "alias")
                raws.append(_Raw(i, i + length, tuple(name for name, _ in hit), via))
                i += length
                matched = True
                break
            folded = folded_keys.get(key.lower())
            if folded:
                raws.append(_Raw(i, i + length, folded, "title"))
                i += length
                matched = True
                break
            if length >= 2 and low_i in _ROLE_LEADS:
                role = dictionary.roles.get(_key(t for _, _, t in tokens[i + 1 : i + length]).lower())
                if role:
                    raws.append(_Raw(i, i + length, role, "role" if low_i == "the" else "owned role"))
                    i += length
                    matched = True
                    break
        if not matched:
            owners = _possessive_person(tokens[i][2], dictionary)
            if owners:
                raws.append(_Raw(i, i + 1, owners, "alias"))
            i += 1
    return raws


def _possessive_person(word: str, dictionary: Dictionary) -> tuple[str, ...]:
    """A person's name with a possessive "s" and no apostrophe ("Bidens counterattack")."""
    if len(word) <= 4 or not word.endswith("s") or not word[0].isupper():
        return ()
    hit = dictionary.exact.get(word[:-1])
    if hit and all(dictionary.actors[name].kind == "person" for name, _ in hit):
        return tuple(name for name, _ in hit)
    return ()


def _capitals_person(word: str, dictionary: Dictionary) -> tuple[str, ...]:
    """A person's surname in capitals, as in a transcript's speaker label ("SECRETARY BLINKEN:")."""
    if len(word) <= 3 or not word.isupper() or not word.isalpha():
        return ()
    hit = dictionary.exact.get(word.title())
    if hit and all(dictionary.actors[name].kind == "person" for name, _ in hit):
        return tuple(name for name, _ in hit)
    return ()


def _kinds(raw: _Raw, dictionary: Dictionary) -> set[str]:
    return {dictionary.actors[name].kind for name in raw.candidates}


def _name_like(word: str, names: NameLexicon) -> bool:
    """A capitalised word that can be part of a person's or organisation's name."""
    return (
        len(word) > 1
        and word[0].isupper()
        and any(ch.islower() for ch in word[1:])
        and word not in names.not_name_start
        and word not in names.title_words
    )


def _disambiguate(
    raws: Sequence[_Raw], text: str, tokens: Sequence[tuple[int, int, str]], joinable: Sequence[bool],
    dictionary: Dictionary,
) -> list[_Raw]:  # fmt: skip
    """Drop dictionary hits that the words around them contradict:
    - a state's name inside another thing's name ("the Minsk agreements", "the Beijing Olympics");
    - a dictionary body after a state's adjective that is that state's own ("Russian Security Council");
    - a surname after a first name that is not the dictionary person's ("Peter Lavrov");
    - a title that belongs to a name not in the dictionary, given right after it ("former UK foreign
      secretary Malcolm Rifkind") or before it ("Julianne Smith, the US ambassador"): only the state
      or organisation the title starts with is kept.
    """
    names = dictionary.names
    n = len(tokens)
    starts = {raw.start_token for raw in raws}
    out: list[_Raw] = []
    for raw in raws:
        kinds = _kinds(raw, dictionary)
        first, after = raw.start_token, raw.end_token
        next_word = tokens[after][2] if after < n and joinable[after - 1] else ""
        previous = out[-1] if out else None
        touches_previous = previous is not None and previous.end_token == first and joinable[first - 1]
        if kinds == {"state"} and raw.via in ("name", "alias") and next_word.lower() in names.after_state_not_state:
            continue
        if (
            kinds == {"organisation"}
            and touches_previous
            and previous is not None
            and _kinds(previous, dictionary) == {"state"}
            and tokens[after - 1][2] in names.government_heads
        ):
            continue
        if (
            kinds == {"state"}
            and raw.via in ("name", "alias")
            and after - first == 1
            and first > 0
            and joinable[first - 1]
            and not touches_previous
            and tokens[first - 1][2] in names.given_names
            and text[tokens[first - 1][1] : tokens[first][0]] == " "
        ):
            continue  # "Hanna Mali", "Michael Jordan": a person's surname, not the state
        if kinds == {"person"} and after - first == 1 and first > 0 and joinable[first - 1] and not touches_previous:
            before = tokens[first - 1][2]
            own = set().union(*(dictionary.first_names.get(name, frozenset()) for name in raw.candidates))
            if before in names.given_names and before not in own:
                continue
        apposed = _apposed_to_name(first, text, tokens, out, names, dictionary)
        if raw.via in ("title", "role") and kinds == {"person"}:
            named_after = bool(next_word) and _name_like(next_word, names) and after not in starts
            if named_after or apposed:
                prefix = _state_prefix(raw, tokens, dictionary)
                if prefix is not None:
                    out.append(dataclasses.replace(prefix, apposed=apposed))
                continue
        if apposed:
            raw = _Raw(raw.start_token, raw.end_token, raw.candidates, raw.via, apposed=True)
        out.append(raw)
    return out


def _apposed_to_name(
    first: int, text: str, tokens: Sequence[tuple[int, int, str]], out: Sequence[_Raw], names: NameLexicon,
    dictionary: Dictionary,
) -> bool:  # fmt: skip
    """``Name, (the|a|an) (former)? <title>``: the title describes the name before it, one the
    dictionary lacks or a dictionary person ("Jarosław Kaczyński, the Polish leader" is not the
    Polish president)."""
    k = first - 1
    while k >= 0 and tokens[k][2].lower() in ("former", "then", "acting", "ex", "the", "a", "an"):
        k -= 1
    if k < 0:
        return False
    gap = text[tokens[k][1] : tokens[k + 1][0]]
    if "," not in gap or not _name_like(tokens[k][2], names):
        return False
    run = k
    while (
        run > 0
        and text[tokens[run - 1][1] : tokens[run][0]] == " "
        and (_cap(tokens[run - 1][2]) or tokens[run - 1][2] in _PLACE_PREPOSITIONS)
    ):
        run -= 1
        if tokens[run][2].lower() in _PLACE_PREPOSITIONS:
            return False  # "In Vladivostok, the Russian leader …": a place, no one the title describes
    hits = [raw for raw in out[-3:] if raw.start_token <= k < raw.end_token]
    return not hits or _kinds(hits[-1], dictionary) == {"person"}


_ROLE_LEADS = ("the", "its")
_PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "near", "outside", "inside", "across", "to", "into", "over"})


def _owning_state(
    mentions: Sequence[Mention], position: int, sentence_starts: Sequence[int], dictionary: Dictionary
) -> str | None:
    """The state "its" before a role stands for: the first state named in the sentence before
    it, else the last state named before the sentence."""
    sentence = max(0, bisect.bisect_right(sentence_starts, position) - 1)
    before = [m for m in mentions if m.start < position and dictionary.actors[m.actor].kind == "state"]
    in_sentence = [m for m in before if m.sentence_index == sentence]
    chosen = in_sentence[0] if in_sentence else (before[-1] if before else None)
    return chosen.actor if chosen else None


def _state_prefix(raw: _Raw, tokens: Sequence[tuple[int, int, str]], dictionary: Dictionary) -> _Raw | None:
    """The state or organisation a composed title starts with ("UK" in "UK foreign secretary")."""
    for length in range(raw.end_token - raw.start_token - 1, 0, -1):
        key = _key(token for _, _, token in tokens[raw.start_token : raw.start_token + length])
        hit = dictionary.exact.get(key)
        if hit and all(dictionary.actors[name].kind != "person" for name, _ in hit):
            vias = {via for _, via in hit}
            via = "adjective" if vias == {"adjective"} else ("name" if "name" in vias else "alias")
            return _Raw(raw.start_token, raw.start_token + length, tuple(name for name, _ in hit), via)
    return None


def find_mentions(text: str, sentences: Sequence[Sentence], dictionary: Dictionary) -> list[Mention]:
    """Every actor mention in ``text``, in order, with offsets and sentence index."""
    tokens, gaps = _tokens_and_gaps(text)
    joinable = _joinable(text, tokens, gaps)
    words = _words_of(tokens, dictionary)
    raws = _disambiguate(_scan(tokens, joinable, dictionary, words), text, tokens, joinable, dictionary)
    starts = [sentence.start for sentence in sentences]
    last_seen: dict[str, int] = {}
    mentions: list[Mention] = []
    skip_next = False
    for position, raw in enumerate(raws):
        if skip_next:
            skip_next = False
            continue
        start_token, end_token = raw.start_token, raw.end_token
        via = raw.via
        if via == "role":
            seen = [name for name in raw.candidates if name in last_seen]
            if not seen:
                continue  # "the president" with no president named before: unresolved
            actor_name = max(seen, key=lambda name: last_seen[name])
        elif via == "owned role":
            # "Poland will build a fence …, its defence minister said": the holder who speaks for
            # the state "its" stands for (the sentence's first state, else the last one named)
            owner_state = _owning_state(mentions, tokens[start_token][0], starts, dictionary)
            holders = [c for c in raw.candidates if dictionary.actors[c].speaks_for == owner_state]
            if owner_state is None or not holders:
                continue
            actor_name, via = _pick(tuple(holders), last_seen), "title"
        else:
            actor_name = _pick(raw.candidates, last_seen)
        # A person title or state adjective directly followed by a name: one mention.
        nxt = raws[position + 1] if position + 1 < len(raws) else None
        if (
            nxt is not None
            and nxt.start_token == end_token
            and joinable[end_token - 1]
            and "\n" not in text[tokens[end_token - 1][1] : tokens[nxt.start_token][0]]
            and via in ("title", "adjective")
        ):
            next_people = [c for c in nxt.candidates if _is_person(dictionary, c)]
            if next_people and (via == "title" or not _is_person(dictionary, actor_name)):
                shared = [c for c in raw.candidates if c in next_people]
                actor_name = shared[0] if shared else _pick(tuple(next_people), last_seen)
                end_token = nxt.end_token
                via = "name"
                skip_next = True
        # "NATO chief", "the alliance's chief": the actor's leader.
        if not _is_person(dictionary, actor_name) and actor_name in dictionary.leaders and not raw.apposed:
            probe = end_token
            if probe < len(tokens) and tokens[probe][2] in ("'s", "’s"):
                probe += 1
            if (
                probe < len(tokens)
                and tokens[probe][2].lower() in dictionary.head_nouns
                and (probe == end_token or tokens[probe - 1][2] in ("'s", "’s"))
            ):
                actor_name = dictionary.leaders[actor_name]
                end_token = probe + 1
                via = "title"
        # "Putin's spokesperson", "President Biden's press secretary": the one who holds that role
        # and speaks for the same state (the role, after the possessor's own mention).
        if _is_person(dictionary, actor_name) and end_token < len(tokens) and tokens[end_token][2] in ("'s", "’s"):
            speaks = dictionary.actors[actor_name].speaks_for
            for length in (3, 2, 1):
                role_end = end_token + 1 + length
                if role_end > len(tokens) or not all(joinable[k] for k in range(end_token, role_end - 1)):
                    continue
                key = _key(t for _, _, t in tokens[end_token + 1 : role_end]).lower()
                role_holders = tuple(
                    p
                    for p in dictionary.roles.get(key, ())
                    if p != actor_name and dictionary.actors[p].speaks_for == speaks
                )
                if speaks and role_holders:
                    owner = dictionary.actors[actor_name]
                    owner_start, owner_end = tokens[start_token][0], tokens[end_token - 1][1]
                    last_seen[actor_name] = owner_start
                    mentions.append(
                        Mention(
                            actor=actor_name, kind=owner.kind, rollup=owner.rollup, start=owner_start,
                            end=owner_end, surface=text[owner_start:owner_end],
                            sentence_index=max(0, bisect.bisect_right(starts, owner_start) - 1), via=via,
                        )
                    )  # fmt: skip
                    actor_name, start_token, end_token = _pick(role_holders, last_seen), end_token + 1, role_end
                    via = "title"
                    break
        start = tokens[start_token][0]
        end = tokens[end_token - 1][1]
        actor = dictionary.actors[actor_name]
        last_seen[actor_name] = start
        mentions.append(
            Mention(
                actor=actor_name,
                kind=actor.kind,
                rollup=actor.rollup,
                start=start,
                end=end,
                surface=text[start:end],
                sentence_index=max(0, bisect.bisect_right(starts, start) - 1),
                via=via,
            )
        )
    mentions = _with_open_names(text, tokens, joinable, mentions, starts, dictionary, [w[4] for w in words])
    return _with_current_holders(text, _with_surnames(text, tokens, mentions, starts, dictionary), dictionary)


def _with_current_holders(text: str, mentions: list[Mention], dictionary: Dictionary) -> list[Mention]:
    """A dictionary title ("Estonia's foreign minister") goes to the one other person the article
    names with those words right before the name ("Foreign Minister Urmas Reinsalu"), who speaks
    for the same state or for none the article gives: the office changed hands since the
    dictionary was written, and the article says who holds it."""
    titled = [m for m in mentions if m.via == "title" and m.kind == "person"]
    if not titled:
        return mentions
    people = [m for m in mentions if m.kind == "person" and m.via != "title"]
    replaced: dict[int, Mention] = {}
    for mention in titled:
        words = [w for w in mention.surface.split() if w[:1].islower()]
        if len(words) < 2:
            continue  # "minister" alone could be anyone's
        before = re.compile(rf"\b{re.escape(' '.join(words))}\s+$", re.IGNORECASE)
        holders = {
            m.actor: m
            for m in people
            if m.actor != mention.actor
            and m.rollup in (mention.rollup, m.actor)
            and before.search(text, max(0, m.start - 40), m.start)
        }
        if len(holders) == 1:
            holder = next(iter(holders.values()))
            replaced[mention.start] = dataclasses.replace(mention, actor=holder.actor, rollup=mention.rollup)
    if not replaced:
        return mentions
    return [replaced.get(m.start, m) if m.via == "title" else m for m in mentions]


def _with_surnames(
    text: str, tokens: Sequence[tuple[int, int, str]], mentions: list[Mention], sentence_starts: Sequence[int],
    dictionary: Dictionary,
) -> list[Mention]:  # fmt: skip
    """A dictionary person named in full, then by surname alone ("Marise Payne … Payne said"),
    where the dictionary lists no surname alias (one that could be someone else's): after the
    full name, the surname is that person, unless another capitalised name joins it ("Hunter
    Biden", "Jill Payne")."""
    owners: dict[str, dict[str, int]] = {}
    for mention in mentions:
        words = mention.surface.split()
        if mention.kind == "person" and len(words) >= 2 and words[-1][:1].isupper() and "-" not in words[-1]:
            owners.setdefault(words[-1], {}).setdefault(mention.actor, mention.start)
    # One person of the article per surname, a dictionary person (an open name's surname is
    # already read by ``_later_references``); "Bill Clinton … Hillary Clinton … Clinton" is neither.
    surnames = {
        surname: next((start, actor) for actor, start in people.items())
        for surname, people in owners.items()
        if len(people) == 1 and surname not in dictionary.exact and next(iter(people)) in dictionary.actors
    }
    if surnames:
        # Another full name with that surname, one no mention explains ("Former President Bill
        # Clinton" beside the dictionary's Hillary Clinton): the surname alone is ambiguous.
        for _, _, name in find_names(text, mentions):
            surnames.pop(name.split()[-1], None)
    if not surnames:
        return mentions
    covered = sorted((m.start, m.end) for m in mentions)
    titles = load_names().title_words
    opening = set(sentence_starts)
    lower: set[str] | None = None  # the article's lower-case words, read when first needed
    added = []
    for k, (start, end, word) in enumerate(tokens):
        owner = surnames.get(word)
        if owner is None or owner[0] >= start:
            continue
        index = bisect.bisect_right(covered, (start, 10**9)) - 1
        if index >= 0 and covered[index][1] > start:
            continue
        joined_after = k + 1 < len(tokens) and _cap(tokens[k + 1][2]) and text[end : tokens[k + 1][0]] == " "
        joined_before = (
            k > 0
            and _cap(tokens[k - 1][2])
            and text[tokens[k - 1][1] : start] == " "
            and tokens[k - 1][2] not in titles  # "Senator Payne", "Minister Payne" is Payne
        )
        if joined_after or joined_before:
            continue
        if start in opening:
            # "Power cuts spread." after Samantha Power: a sentence's first word that the
            # article also writes in lower case is an ordinary word
            lower = lower if lower is not None else {w for _, _, w in tokens if w[:1].islower()}
            if word.lower() in lower:
                continue
        actor = dictionary.actors[owner[1]]
        added.append(
            Mention(
                actor=actor.name, kind=actor.kind, rollup=actor.rollup, start=start, end=end, surface=word,
                sentence_index=max(0, bisect.bisect_right(sentence_starts, start) - 1), via="alias",
            )
        )  # fmt: skip
    return sorted(mentions + added, key=lambda m: (m.start, m.end)) if added else mentions


def _spelled(name: str, dictionary: Dictionary) -> Actor | None:
    """The dictionary person a two-word name the dictionary lacks spells another way."""
    words = name.split()
    if len(words) < 2:
        return None
    first, last = skeleton(words[0]), skeleton(words[-1])
    # "Vladimir Zelensky": the given name in another language's rendering is the same person
    for given in (first, *sorted(load_names().given_forms.get(first, frozenset()) - {first})):
        person = dictionary.spellings.get((given, last))
        if person is not None:
            return dictionary.actors[person]
    return None


def _is_person(dictionary: Dictionary, name: str) -> bool:
    actor = dictionary.actors.get(name)
    return actor is not None and actor.kind == "person"


def _pick(candidates: tuple[str, ...], last_seen: dict[str, int]) -> str:
    if len(candidates) == 1:
        return candidates[0]
    seen = [name for name in candidates if name in last_seen]
    if seen:
        return max(seen, key=lambda name: last_seen[name])
    return candidates[0]


# ---- names that are not in the dictionary -------------------------------------------
#
# Open-vocabulary actors: a capitalised run of words that no dictionary entry covers is a
# person when its first word is a given name, a title stands before it ("regional governor
# Oleh Petrenko", "Sen. Rand Paul"), an apposition follows it ("Dan Drezner, a professor")
# or a speech verb does ("Kurginyan said"); it is an organisation when it ends in a head noun
# ("Northfield University", "Institute of Public Affairs") or is an acronym defined in brackets
# after one. A surname alone then refers to the full name given earlier in the article.
# Their mentions carry ``via="open"``; the actor is the full name as written, so the same
# full name in two articles is one actor.

_CONNECTORS = ("of", "for", "on")
_FORMER = ("former", "ex", "late", "then")
_POSSESSIVE = ("'s", "’s")
_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z]{1,7})\)")


@dataclass
class _Open:
    start_token: int
    end_token: int  # exclusive
    name: str
    kind: str
    speaks_for: str | None = None  # the state an official title names ("Polish deputy minister X")


def _cap(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and any(ch.islower() for ch in word[1:])


def _runs(
    tokens: Sequence[tuple[int, int, str]], text: str, joinable: Sequence[bool], covered: Sequence[int],
    names: NameLexicon, caps: Sequence[bool],
) -> Iterable[tuple[int, int]]:  # fmt: skip
    """Maximal runs [i, j) of capitalised tokens (``caps``: _cap of each) that no dictionary
    mention covers."""
    n = len(tokens)
    i = 0
    while i < n:
        if covered[i] >= 0 or not caps[i]:
            i += 1
            continue
        j = i + 1
        while j < n and joinable[j - 1] and covered[j] < 0:
            word = tokens[j][2]
            gap = text[tokens[j - 1][1] : tokens[j][0]]
            if "\n" in gap:
                break  # a name does not run over a line break (signatures, lists)
            hyphen = gap == "-"
            if caps[j] or (hyphen and word.isalpha()):
                j += 1
            elif word in names.name_particles and j + 1 < n and joinable[j] and caps[j + 1]:
                j += 2
            else:
                break
        yield i, j
        i = j


def _words(text: str, tokens: Sequence[tuple[int, int, str]], i: int, j: int) -> list[str]:
    return text[tokens[i][0] : tokens[j - 1][1]].split()


def _token_starts(text: str, tokens: Sequence[tuple[int, int, str]], i: int, j: int) -> list[int]:
    """The token index where each whitespace-separated word of tokens[i:j] starts."""
    return [i] + [k for k in range(i + 1, j) if any(ch.isspace() for ch in text[tokens[k - 1][1] : tokens[k][0]])]


def _is_credit(i: int, j: int, text: str, tokens: Sequence[tuple[int, int, str]], names: NameLexicon) -> bool:
    """Photo credits and bylines: "Photograph: Sergey Dolzhenko/EPA", "By Jane Doe"."""
    if text[tokens[j - 1][1] : tokens[j - 1][1] + 1] == "/":
        return True
    if j < len(tokens) and tokens[j][2] in names.credit_after:
        return True
    return i > 0 and tokens[i - 1][2] in names.credit_markers


def _titled(i: int, tokens: Sequence[tuple[int, int, str]], names: NameLexicon) -> bool:
    """A person title right before token i ("governor Oleh Petrenko", "Sen. Rand Paul")."""
    k = i - 1
    while k >= 0 and tokens[k][2].lower() in ("former", "then", "acting", "late"):
        k -= 1
    return k >= 0 and tokens[k][2].lower().rstrip(".") in names.person_titles


def _apposition_after(j: int, text: str, tokens: Sequence[tuple[int, int, str]], names: NameLexicon) -> bool:
    """ ", the US ambassador", ", a senior fellow at", ", who" right after token j - 1: an
    article, then at most three words before the role ("Nova Kakhovka, the town whose mayor"
    is no apposition of a person)."""
    if j >= len(tokens) or not text[tokens[j - 1][1] : tokens[j][0]].strip().startswith(","):
        return False
    words = [token.lower() for _, _, token in tokens[j : j + 7]]
    if words and words[0] == "who":
        return True
    k = 0
    while k < len(words) and words[k] in ("the", "a", "an", "former", "then", "acting", "ex"):
        k += 1
    for word in words[k : k + 4]:
        if word in names.appositive_roles:
            return True
        if word in ("who", "whose", "which", "that", "where", "of", "in", "at", "and", "with", "is", "was"):
            return False
    return False


def _speech_after(j: int, tokens: Sequence[tuple[int, int, str]], joinable: Sequence[bool], names: NameLexicon) -> bool:
    return j < len(tokens) and joinable[j - 1] and tokens[j][2] in names.speech_verbs


def _person_name(words: list[str], names: NameLexicon) -> str:
    """The canonical form: a Russian patronymic dropped ("Ivan Petrovich Sidorov")."""
    if len(words) == 3 and words[1].endswith(tuple(names.patronymic_endings)) and words[1][0].isupper():
        words = [words[0], words[2]]
    return " ".join(words)


def _classify(
    i: int, j: int, text: str, tokens: Sequence[tuple[int, int, str]], joinable: Sequence[bool],
    covered: Sequence[int], mentions: Sequence[Mention], dictionary: Dictionary,
) -> _Open | None:  # fmt: skip
    names = dictionary.names
    given = _first_name_after_role(i, j, tokens, names)
    if given is not None:
        return _Open(given, given + 1, tokens[given][2], "person")
    if j == i + 1 and tokens[i][2] not in names.organisation_heads:
        # One word that heads no organisation: no name of two words or more, whatever follows
        # (most runs: a capitalised word that opens a sentence). What the steps below conclude.
        return None
    n = len(tokens)
    if _is_credit(i, j, text, tokens, names):
        return None
    # An organisation: the run ends in a head noun, maybe followed by "of/for/on ..." words.
    end = j
    last = tokens[j - 1][2]
    while (
        end + 1 < n
        and joinable[end - 1]
        and joinable[end]
        and (
            tokens[end][2] in _CONNECTORS
            or (tokens[end][2] == "and" and end > j)
            # "Committee to Protect Journalists": "to" and a capitalised verb right after the head
            or (tokens[end][2] == "to" and end == j and last in names.organisation_heads and covered[end + 1] < 0)
        )
        and (last in names.organisation_heads or end > j)
    ):
        k = end + 1
        if tokens[k][2] == "the" and tokens[end][2] == "and":
            break  # "… and the Campaign for …": another name
        if tokens[k][2] == "the" and k + 1 < n and joinable[k]:
            k += 1
        m = k
        while m < n and (m == k or joinable[m - 1]) and _cap(tokens[m][2]):
            if covered[m] >= 0 and mentions[covered[m]].kind not in ("state",):
                break
            m += 1
        if m == k:
            break
        end = m
    org_start = i
    while org_start < j - 1 and tokens[org_start][2] in names.not_name_start:
        org_start += 1
    head = tokens[j - 1][2]
    to_tail = end > j and tokens[j][2] == "to"
    if head in names.organisation_heads and (head not in names.government_heads or to_tail):
        words = _words(text, tokens, org_start, end)
        before_head = _words(text, tokens, org_start, j - 1) if org_start < j - 1 else []
        generic = names.title_words | names.not_name_start | names.generic_org_words
        if len(words) >= 2 and (end > j or any(w not in generic for w in before_head)):
            return _Open(org_start, end, " ".join(words), "organisation")
    # A person.
    words = _words(text, tokens, i, j)
    starts = _token_starts(text, tokens, i, j)
    if len(words) != len(starts):
        return None
    p = next(
        (k for k, word in enumerate(words) if word in names.given_names or word.split("-")[0] in names.given_names),
        None,
    )
    titled = False
    if p is None or len(words) - p < 2:
        p = 0
        while p < len(words) and (
            words[p] in names.title_words or words[p] in names.not_name_start or words[p] in names.not_actor_words
        ):
            titled = titled or words[p].lower().rstrip(".") in names.person_titles
            p += 1
        if not 2 <= len(words) - p <= 4:
            return None  # no name, whatever the evidence (checked below as well)
        evidence = (
            titled
            or (p == 0 and _titled(i, tokens, names))
            or _apposition_after(j, text, tokens, names)
            or _speech_after(j, tokens, joinable, names)
        )
        if not evidence:
            return None
    person = words[p:]
    if not 2 <= len(person) <= 4:
        return None
    # Without a given name, a role word is not part of a name ("Chief Political Commentator").
    roles = names.person_titles | names.appositive_roles
    if (titled or (p == 0 and person[0] not in names.given_names)) and any(w.lower() in roles for w in person):
        return None
    led_by_given_name = person[0] in names.given_names or person[0].split("-")[0] in names.given_names
    if not led_by_given_name and person[-1] in names.government_heads:
        return None  # "Armed Forces said", "Emergency Service said": a body, no one's name
    for k, w in enumerate(person):
        if k == 0 and led_by_given_name and w not in names.organisation_heads:
            continue  # "Bill Browder": the given name that leads it, though "Bill" also names a law
        # "Theresa May": after a given name, a month or weekday may be a surname.
        if w in names.organisation_heads or (
            w in names.not_actor_words and not (led_by_given_name and w in names.not_name_start)
        ):
            return None
    if any(w in names.title_words for w in person[1:]):
        return None
    speaks_for = _official_of(starts[p], text, tokens, covered, mentions, names)
    return _Open(starts[p], j, _person_name(person, names), "person", speaks_for)


def _first_name_after_role(i: int, j: int, tokens: Sequence[tuple[int, int, str]], names: NameLexicon) -> int | None:
    """The token of a given name that a role of ordinary people introduces ("resident Oksana",
    "Resident Oksana told"): the run is that name alone, or the role (capitalised) and the name."""
    if j - i == 1 and i > 0:
        role, name = i - 1, i
    elif j - i == 2:
        role, name = i, i + 1
    else:
        return None
    word = tokens[name][2]
    if word not in names.given_names or tokens[role][2].lower() not in names.first_name_roles:
        return None
    if name + 1 < len(tokens) and _cap(tokens[name + 1][2]):
        return None  # "resident Oksana Petrenko": a full name, read as one
    return name


def _official_of(
    first: int, text: str, tokens: Sequence[tuple[int, int, str]], covered: Sequence[int],
    mentions: Sequence[Mention], names: NameLexicon,
) -> str | None:  # fmt: skip
    """The state an official's title names right before the name ("Ukraine's deputy foreign
    minister X", "Polish MP X"); none for a former holder or a title that is not an office."""
    official = False
    for k in range(first - 1, max(-1, first - 7), -1):
        word = tokens[k][2]
        low = word.lower().rstrip(".")
        gap = text[tokens[k][1] : tokens[k + 1][0]]
        if gap not in ("", " ", "-") and not (gap == ". " and low in names.official_titles):
            return None  # the title ends at a sentence, clause or line break
        if covered[k] >= 0:
            mention = mentions[covered[k]]
            if not official or mention.kind != "state":
                return None
            before = bisect.bisect_left([start for start, _, _ in tokens], mention.start) - 1
            former = before >= 0 and tokens[before][2].lower() in _FORMER  # "former Polish minister"
            return None if former else mention.actor
        if low in _FORMER:
            return None
        if low in names.official_titles:
            official = True
        elif not (low in names.person_titles or word.capitalize() in names.title_words or word in _POSSESSIVE):
            return None
    return None


def _covered_tokens(tokens: Sequence[tuple[int, int, str]], mentions: Sequence[Mention]) -> list[int]:
    """For each token, the index of the mention covering it, else -1."""
    covered = [-1] * len(tokens)
    token_starts = [start for start, _, _ in tokens]
    for index, mention in enumerate(mentions):
        k = bisect.bisect_left(token_starts, mention.start)
        while k < len(tokens) and tokens[k][0] < mention.end:
            covered[k] = index
            k += 1
    return covered


def _open_actors(
    text: str, tokens: Sequence[tuple[int, int, str]], joinable: Sequence[bool], mentions: Sequence[Mention],
    dictionary: Dictionary, caps: Sequence[bool],
) -> tuple[list[_Open], set[int]]:  # fmt: skip
    """Open-vocabulary actors in order, and the dictionary mentions they swallow (a state
    inside an organisation's name: "National Union of Journalists of Ukraine")."""
    names = dictionary.names
    covered = _covered_tokens(tokens, mentions)
    found: list[_Open] = []
    swallowed: set[int] = set()
    acronyms: dict[str, str] = {}
    reached = 0  # the end token of the last hit: a run inside it ("Clean Air" in "Centre for
    # Research on Energy and Clean Air", whose name took the words after "for") is part of that name
    for i, j in _runs(tokens, text, joinable, covered, names, caps):
        if i < reached:
            continue
        hit = _classify(i, j, text, tokens, joinable, covered, mentions, dictionary)
        if hit is None or hit.start_token < reached:
            continue
        if hit.name.split()[-1] in names.government_heads:
            k = hit.start_token - 1
            if (
                k >= 1
                and tokens[k][2] in _POSSESSIVE
                and covered[k - 1] >= 0
                and mentions[covered[k - 1]].kind == "state"
            ):
                continue  # "Russia's Armed Forces", "Ukraine's General Staff": the state's own body
        if hit.kind == "organisation":
            # A state's adjective right before: part of the name unless it is that state's own body.
            k = hit.start_token - 1
            if k >= 0 and joinable[k] and covered[k] >= 0 and mentions[covered[k]].kind == "state":
                state = mentions[covered[k]]
                if mentions[covered[k]].via == "adjective" and k == _first_token(tokens, state.start):
                    swallowed.add(covered[k])
                    hit = _Open(k, hit.end_token, text[state.start : tokens[hit.end_token - 1][1]], "organisation")
            for m in range(hit.start_token, hit.end_token):
                if covered[m] >= 0:
                    swallowed.add(covered[m])
            defined = _ACRONYM.match(text, tokens[hit.end_token - 1][1])
            if defined and defined.group(1).isupper():
                acronyms[defined.group(1)] = hit.name
        found.append(hit)
        reached = hit.end_token
    found.extend(_later_references(text, tokens, covered, found, acronyms, names))
    found.sort(key=lambda o: o.start_token)
    return found, swallowed


def _first_token(tokens: Sequence[tuple[int, int, str]], offset: int) -> int:
    return bisect.bisect_left([start for start, _, _ in tokens], offset)


def _later_references(
    text: str, tokens: Sequence[tuple[int, int, str]], covered: Sequence[int], found: Sequence[_Open],
    acronyms: dict[str, str], names: NameLexicon,
) -> list[_Open]:  # fmt: skip
    """A surname alone ("Kurginyan added") or a defined acronym, after the full name."""
    taken = [False] * len(tokens)
    for hit in found:
        for m in range(hit.start_token, hit.end_token):
            taken[m] = True
    surnames: dict[str, list[tuple[int, str]]] = {}
    for hit in found:
        if hit.kind == "person":
            surname = hit.name.split()[-1]
            if "-" not in surname:
                surnames.setdefault(surname, []).append((hit.start_token, hit.name))
    if not surnames and not acronyms:
        return []
    out = []
    for k, (_, _, word) in enumerate(tokens):
        if (word not in surnames and word not in acronyms) or taken[k] or covered[k] >= 0:
            continue
        if word in acronyms:
            out.append(_Open(k, k + 1, acronyms[word], "organisation"))
            continue
        owners = [(start, name) for start, name in surnames.get(word, []) if start < k]
        followed = k + 1 < len(tokens) and _cap(tokens[k + 1][2]) and text[tokens[k][1] : tokens[k + 1][0]] == " "
        if owners and not followed:  # "Hunter Biden" is not Robert Hunter
            out.append(_Open(k, k + 1, max(owners)[1], "person"))
    return out


def _with_open_names(
    text: str, tokens: Sequence[tuple[int, int, str]], joinable: Sequence[bool], mentions: list[Mention],
    sentence_starts: Sequence[int], dictionary: Dictionary, caps: Sequence[bool],
) -> list[Mention]:  # fmt: skip
    """The dictionary's mentions plus open-vocabulary ones, in order of offset."""
    found, swallowed = _open_actors(text, tokens, joinable, mentions, dictionary, caps)
    if not found:
        return mentions
    speaks_for: dict[str, str] = {}
    for hit in found:
        if hit.speaks_for:
            speaks_for.setdefault(hit.name, hit.speaks_for)
    # A dictionary surname after the same surname's open full name is that person
    # ("Oleh Kuleba ... Kuleba said"), unless the dictionary person was named in full before.
    first_open: dict[str, tuple[int, str]] = {}
    for hit in found:
        # a dictionary person in another spelling ("Vladimir Zelensky") is no open name to go back to
        if hit.kind == "person" and _spelled(hit.name, dictionary) is None:
            first_open.setdefault(hit.name.split()[-1], (tokens[hit.start_token][0], hit.name))
    named_in_full: dict[str, int] = {}
    kept: list[Mention] = []
    for index, mention in enumerate(mentions):
        if index in swallowed:
            continue
        if mention.kind == "person" and " " in mention.surface:
            named_in_full.setdefault(mention.actor, mention.start)
        other = first_open.get(mention.surface)
        if (
            other is not None
            and mention.kind == "person"
            and mention.via == "alias"
            and other[0] < mention.start
            and named_in_full.get(mention.actor, mention.start) >= mention.start
        ):
            mention = Mention(
                actor=other[1], kind="person", rollup=speaks_for.get(other[1], other[1]), start=mention.start,
                end=mention.end,
                surface=mention.surface, sentence_index=mention.sentence_index, via="open",
            )  # fmt: skip
        kept.append(mention)
    for hit in found:
        start, end = tokens[hit.start_token][0], tokens[hit.end_token - 1][1]
        known = _spelled(hit.name, dictionary) if hit.kind == "person" else None
        if known is not None:  # "Volodymyr Zelanski": the dictionary's person, in another spelling
            kept.append(
                Mention(
                    actor=known.name, kind=known.kind, rollup=known.rollup, start=start, end=end,
                    surface=text[start:end], sentence_index=max(0, bisect.bisect_right(sentence_starts, start) - 1),
                    via="alias",
                )
            )  # fmt: skip
            continue
        kept.append(
            Mention(
                actor=hit.name,
                kind=hit.kind,
                rollup=speaks_for.get(hit.name, hit.name),
                start=start,
                end=end,
                surface=text[start:end],
                sentence_index=max(0, bisect.bisect_right(sentence_starts, start) - 1),
                via="open",
            )
        )
    kept.sort(key=lambda m: (m.start, m.end))
    return kept


# The first capital is matched before the look back at the character before it ("(?<![\w@#])"
# first would be tried at every position; a capital first lets the regex engine skip to capitals).
_NAME = re.compile(
    r"[A-ZÀ-Þ](?<![\w@#].)(?:[a-zß-ÿ]+(?:[-'’][A-ZÀ-Þ]?[a-zß-ÿ]+)*|(?<=[A-Z])\.)"
    r"(?:\s(?:[A-ZÀ-Þ][a-zß-ÿ]+(?:[-'’][A-ZÀ-Þ]?[a-zß-ÿ]+)*|[A-Z]\.|de|van|von|der|al|bin|la|le)){1,3}(?![\w])"
)


# Before a word that opens a sentence: a sentence end (and a closing mark) or a line break.
_SENTENCE_END_BEFORE = re.compile(r"(?:[.!?][\"”’)]?[ \t]+|\n[ \t]*)$")


def _opens_sentence(text: str, offset: int) -> bool:
    return offset == 0 or _SENTENCE_END_BEFORE.search(text, max(0, offset - 4), offset) is not None


def find_names(text: str, mentions: Sequence[Mention]) -> list[tuple[int, int, str]]:
    """Capitalised multi-word names that no mention covers, with leading titles removed
    ("Prime Minister Kaja Kallas" -> "Kaja Kallas"). Open-vocabulary actors are mentions
    already; this finds the rest, for attribution to fall back on."""
    names = load_names()
    covered = [(m.start, m.end) for m in mentions]
    covered_starts = [start for start, _ in covered]
    found = []
    for match in _NAME.finditer(text):
        words = match.group().split()
        offset = match.start()
        while words and (words[0] in names.title_words or words[0] in names.not_name_start):
            offset += len(words[0]) + 1
            words = words[1:]
        if (
            len(words) >= 2
            and ordinary_noun(words[0])
            and words[0] not in names.given_names
            and _opens_sentence(text, offset)
        ):
            offset += len(words[0]) + 1  # "Operator Nord Stream AG": a noun the sentence capitalised
            words = words[1:]
        if len(words) < 2 or not words[-1][:1].isupper() or words[-1].endswith("."):
            continue
        if words[-1] in names.title_words:
            continue  # "D.C. Sen", "Republican Sens": a title ends no one's name
        if any(word in names.not_name_start for word in words[1:-1]):
            continue  # "Treatment Of Africans Fleeing": a headline in title case, no name
        if any(word.endswith(("'s", "’s")) for word in words[:-1]):
            continue  # "Russia's Foreign Ministry": an owner and what it owns, no one name
        start, end = offset, match.end()
        index = bisect.bisect_right(covered_starts, end) - 1
        if index >= 0 and covered[index][1] > start:
            continue  # overlaps a mention
        found.append((start, end, " ".join(words)))
    return found


def candidate_actors(texts: Iterable[str], dictionary: Dictionary, *, min_count: int = 2) -> Counter[str]:
    """People and organisations the dictionary lacks that recur in ``texts`` (by mentions,
    a surname after the full name included): the open-vocabulary actors, never places,
    periods or documents ("Cold War", "Black Sea", "Central Bank" are not candidates)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(m.actor for m in find_mentions(text, [], dictionary) if m.via == "open")
    return Counter({name: count for name, count in counts.items() if count >= min_count})
