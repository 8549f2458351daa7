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
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lib.errors import DataFileError
from lib.resources import data_path, load_yaml, optional_list, require
from lib.types import Mention, Sentence

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

    @property
    def rollup(self) -> str:
        """Whom this actor's words count for: a person's state or organisation, else itself."""
        return self.speaks_for or self.name


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
    max_tokens: int
    # First token of any surface form -> the most tokens a form starting with it has:
    # a token that starts no form costs one dictionary probe, not max_tokens joins.
    first_exact: dict[str, int]
    first_folded: dict[str, int]

    def actor(self, name: str) -> Actor | None:
        return self.actors.get(name)

    def rollup(self, name: str) -> str:
        actor = self.actors.get(name)
        return actor.rollup if actor else name


def _key(tokens: Iterable[str]) -> str:
    return " ".join(token.replace("’", "'") for token in tokens)


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Word tokens with offsets. "U.S." is one token, "Russia's" is "Russia" + "'s"."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _phrase_key(phrase: str) -> str:
    return _key(token for _, _, token in tokenize(phrase))


def _with_capital_the(form: str) -> list[str]:
    if form.startswith("the "):
        return [form, "The " + form[4:]]
    return [form]


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
        roles=tuple(role.lower() for role in optional_list(entry, "roles", path=path, where=where)),
        speaks_for=entry.get("speaks_for"),
        leads=entry.get("leads"),
        gender=gender,
    )


def build_dictionary(raw: Any, path: str = "actors.yml") -> Dictionary:
    """Validate a parsed actors file and compile its lookup tables."""
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
    for key in list(folded) + [f"the {role}" for role in roles]:
        head, size = key.split()[0].lower(), len(key.split())
        first_folded[head] = max(first_folded.get(head, 0), size)
    return Dictionary(
        actors=actors,
        exact={key: tuple(value) for key, value in exact.items()},
        folded={key: tuple(value) for key, value in folded.items()},
        roles={key: tuple(value) for key, value in roles.items()},
        leaders=leaders,
        head_nouns=frozenset(noun.lower() for noun in heads),
        not_actors=frozenset(_phrase_key(phrase) for phrase in not_actors),
        max_tokens=max_tokens,
        first_exact=first_exact,
        first_folded=first_folded,
    )


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


def _joinable(text: str, tokens: Sequence[tuple[int, int, str]]) -> list[bool]:
    """joinable[i]: tokens i and i+1 may belong to one name."""
    out = []
    for (_, end, _), (start, _, nxt) in itertools.pairwise(tokens):
        gap = text[end:start]
        ok = gap == " " or (gap == "" and nxt in ("'s", "’s")) or bool(_JOINABLE_GAP.fullmatch(gap))
        if gap == ". " and not (end - tokens[0][0] >= 0 and len(text[end - 1 : end]) and text[end - 1].isupper()):
            ok = False  # only the stop after a one-letter initial ("Lloyd J. Austin")
        out.append(ok)
    out.append(False)
    return out


def _scan(tokens: Sequence[tuple[int, int, str]], joinable: Sequence[bool], dictionary: Dictionary) -> list[_Raw]:
    raws: list[_Raw] = []
    i = 0
    n = len(tokens)
    norm = [token.replace("’", "'") for _, _, token in tokens]  # what _key does, once per token
    while i < n:
        word = tokens[i][2]
        longest = max(dictionary.first_exact.get(norm[i], 0), dictionary.first_folded.get(word.lower(), 0))
        if longest == 0:
            owners = _possessive_person(word, dictionary)
            if owners:
                raws.append(_Raw(i, i + 1, owners, "alias"))
            i += 1
            continue
        limit = 1
        while limit < longest and i + limit < n and joinable[i + limit - 1]:
            limit += 1
        matched = False
        for length in range(limit, 0, -1):
            key = norm[i] if length == 1 else " ".join(norm[i : i + length])
            if key in dictionary.not_actors:
                i += length
                matched = True
                break
            hit = dictionary.exact.get(key)
            if hit:
                vias = {via for _, via in hit}
                via = "adjective" if vias == {"adjective"} else ("name" if "name" in vias else "alias")
                raws.append(_Raw(i, i + length, tuple(name for name, _ in hit), via))
                i += length
                matched = True
                break
            folded = dictionary.folded.get(key.lower())
            if folded:
                raws.append(_Raw(i, i + length, folded, "title"))
                i += length
                matched = True
                break
            if length >= 2 and tokens[i][2].lower() == "the":
                role = dictionary.roles.get(_key(t for _, _, t in tokens[i + 1 : i + length]).lower())
                if role:
                    raws.append(_Raw(i, i + length, role, "role"))
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


def find_mentions(text: str, sentences: Sequence[Sentence], dictionary: Dictionary) -> list[Mention]:
    """Every actor mention in ``text``, in order, with offsets and sentence index."""
    tokens = tokenize(text)
    joinable = _joinable(text, tokens)
    raws = _scan(tokens, joinable, dictionary)
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
        else:
            actor_name = _pick(raw.candidates, last_seen)
        # A person title or state adjective directly followed by a name: one mention.
        nxt = raws[position + 1] if position + 1 < len(raws) else None
        if (
            nxt is not None
            and nxt.start_token == end_token
            and joinable[end_token - 1]
            and via in ("title", "adjective", "alias", "name")
        ):
            next_people = [c for c in nxt.candidates if _is_person(dictionary, c)]
            if next_people and (via == "title" or not _is_person(dictionary, actor_name)):
                shared = [c for c in raw.candidates if c in next_people]
                actor_name = shared[0] if shared else _pick(tuple(next_people), last_seen)
                end_token = nxt.end_token
                via = "name"
                skip_next = True
        # "NATO chief", "the alliance's chief": the actor's leader.
        if not _is_person(dictionary, actor_name) and actor_name in dictionary.leaders:
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
    return mentions


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

_NAME = re.compile(
    r"(?<![\w@#])(?:[A-ZÀ-Þ][a-zß-ÿ]+(?:[-'’][A-ZÀ-Þ]?[a-zß-ÿ]+)*|[A-Z]\.)"
    r"(?:\s(?:[A-ZÀ-Þ][a-zß-ÿ]+(?:[-'’][A-ZÀ-Þ]?[a-zß-ÿ]+)*|[A-Z]\.|de|van|von|der|al|bin|la|le)){1,3}(?![\w])"
)
# Words that can open a capitalised run without being a name: titles...
_TITLE_WORDS = frozenset(
    (
        "President Prime Minister Foreign Secretary General Defense Defence Ambassador Chancellor Head Chief "
        "Vice Deputy Spokesman Spokeswoman Spokesperson Press Senator Governor Mayor Commander Colonel "
        "Lieutenant Major Captain Sergeant Admiral Director Chairman Mr Mrs Ms Dr Lt Col Gen Adm Sen Rep Gov "
        "State Interior Affairs Security National Adviser Advisor Official Officer Analyst Professor Pope "
        "King Queen Prince "
    ).split()
)
# ...and function words, months, weekdays and page furniture.
_NOT_NAME_START = _TITLE_WORDS | frozenset(
    (
        "The A An In On At By For From To Of And But Or If As Since While When After Before However "
        "Meanwhile Earlier Later This That These Those There Here It Its His Her Their Our We They He She I "
        "You Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
        "July August September October November December Justice Secretary-General Both All Some Many "
        "According Under Over With Without During Between Among Against Following Despite Amid Asked "
        "Speaking Addressing Read Image Credit Photo Video Watch Live Getty Reuters Associated AFP "
    ).split()
)


def find_names(text: str, mentions: Sequence[Mention]) -> list[tuple[int, int, str]]:
    """Capitalised multi-word names that the dictionary does not cover, with leading
    titles removed ("Prime Minister Kaja Kallas" -> "Kaja Kallas")."""
    covered = [(m.start, m.end) for m in mentions]
    covered_starts = [start for start, _ in covered]
    names = []
    for match in _NAME.finditer(text):
        words = match.group().split()
        offset = match.start()
        while words and (words[0] in _TITLE_WORDS or words[0] in _NOT_NAME_START):
            offset += len(words[0]) + 1
            words = words[1:]
        if len(words) < 2 or not words[-1][:1].isupper() or words[-1].endswith("."):
            continue
        start, end = offset, match.end()
        index = bisect.bisect_right(covered_starts, end) - 1
        if index >= 0 and covered[index][1] > start:
            continue  # overlaps a dictionary mention
        names.append((start, end, " ".join(words)))
    return names


def candidate_actors(texts: Iterable[str], dictionary: Dictionary, *, min_count: int = 2) -> Counter[str]:
    """Capitalised names that recur across ``texts`` but are not in the dictionary."""
    counts: Counter[str] = Counter()
    for text in texts:
        mentions = find_mentions(text, [], dictionary)
        for _, _, name in find_names(text, mentions):
            counts[name] += 1
    return Counter({name: count for name, count in counts.items() if count >= min_count})
