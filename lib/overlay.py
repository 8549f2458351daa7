"""An analyst's edits of the actor dictionary, kept beside ``lib/data/actors.yml``, never in it.

Three kinds of edit, applied in this order on top of the packaged dictionary:

- ``AddActor``: a new actor (a candidate the dictionary lacks) with its kind, aliases and
  whom they speak for;
- ``AddAlias``: one more surface form for an actor;
- ``Merge``: actor ``source`` folds into ``target`` (its names, adjectives, titles and roles
  become the target's; whoever spoke for or was led by the source now counts for the target).

The overlay is one small YAML document (``to_yaml`` / ``from_yaml``), stored per corpus by
``Store.save_overlay`` and exported or imported by the user. A non-empty overlay changes the
analyzer version (``overlay_version``), so stored analyses are keyed by it; an edit
re-analyses only the articles whose text holds a surface form the edit changed
(``changed_forms`` / ``affected``) and copies the others' analyses (``reanalyse``).
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from lib.actors import KINDS, Actor, Dictionary, build_dictionary, tokenize
from lib.errors import StancewatchError
from lib.resources import _Loader as YamlLoader  # YAML 1.2 booleans: an alias "NO" (Norway) stays a string
from lib.resources import data_path, load_yaml
from lib.types import Article, ArticleAnalysis

Progress = Callable[[int, int], None]
FORMAT_VERSION = 1
_HEADER = (
    "# Stancewatch dictionary edits: an overlay on lib/data/actors.yml (import it on the Dictionary page).\n"
    "# add_actors: {name, kind, aliases, speaks_for}; add_aliases: {actor, alias}; merges: {source, target}\n"
    "# (the source actor folds into the target). Applied in that order.\n"
)


class OverlayError(StancewatchError):
    """An edit of the dictionary that cannot be applied: names the edit, the field and why."""

    def __init__(self, edit: str, field: str, reason: str) -> None:
        self.edit = edit
        self.field = field
        self.reason = reason
        super().__init__(f"{edit}: {field}: {reason}")


@dataclass(frozen=True)
class AddActor:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    speaks_for: str | None = None

    def describe(self) -> str:
        extra = f"; aliases {', '.join(self.aliases)}" if self.aliases else ""
        extra += f"; speaks for {self.speaks_for}" if self.speaks_for else ""
        return f"add {self.kind} {self.name!r}{extra}"


@dataclass(frozen=True)
class AddAlias:
    actor: str
    alias: str

    def describe(self) -> str:
        return f"alias {self.alias!r} for {self.actor}"


@dataclass(frozen=True)
class Merge:
    source: str  # folds into target and disappears
    target: str

    def describe(self) -> str:
        return f"merge {self.source} into {self.target}"


Edit = AddActor | AddAlias | Merge


@dataclass(frozen=True)
class Overlay:
    """The edits, in the order they apply within each kind."""

    actors: tuple[AddActor, ...] = ()
    aliases: tuple[AddAlias, ...] = ()
    merges: tuple[Merge, ...] = ()

    @property
    def edits(self) -> tuple[Edit, ...]:
        return (*self.actors, *self.aliases, *self.merges)

    def is_empty(self) -> bool:
        return not self.edits

    def with_edit(self, edit: Edit) -> Overlay:
        """This overlay plus ``edit`` (not validated: see ``validate``)."""
        if isinstance(edit, AddActor):
            return dataclasses.replace(self, actors=(*self.actors, edit))
        if isinstance(edit, AddAlias):
            return dataclasses.replace(self, aliases=(*self.aliases, edit))
        return dataclasses.replace(self, merges=(*self.merges, edit))

    def without(self, edit: Edit) -> Overlay:
        """This overlay less ``edit`` (its first occurrence)."""
        edits = list(self.edits)
        edits.remove(edit)
        out = Overlay()
        for kept in edits:
            out = out.with_edit(kept)
        return out

    def to_yaml(self) -> str:
        """The overlay as a YAML document (``from_yaml`` reads it back)."""
        data: dict[str, Any] = {
            "version": FORMAT_VERSION,
            "add_actors": [
                {"name": a.name, "kind": a.kind, "aliases": list(a.aliases)}
                | ({"speaks_for": a.speaks_for} if a.speaks_for else {})
                for a in self.actors
            ],
            "add_aliases": [{"actor": a.actor, "alias": a.alias} for a in self.aliases],
            "merges": [{"source": m.source, "target": m.target} for m in self.merges],
        }
        return _HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)

    def fingerprint(self) -> str:
        """A short hash of the edits; empty for no edits."""
        if self.is_empty():
            return ""
        return hashlib.sha256(self.to_yaml().encode()).hexdigest()[:10]


# ---- reading an overlay -------------------------------------------------------------------------


def from_yaml(text: str | bytes | None, *, source: str = "overlay") -> Overlay:
    """Parse an overlay document; empty text is no edits. Checks the shape only (``validate``
    checks it against the dictionary)."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise OverlayError(source, "(file)", "UTF-8 text") from exc
    if not text or not text.strip():
        return Overlay()
    try:
        data = yaml.load(text, Loader=YamlLoader)
    except yaml.YAMLError as exc:
        raise OverlayError(source, "(file)", f"valid YAML ({exc})") from exc
    if data is None:
        return Overlay()
    if not isinstance(data, dict):
        raise OverlayError(source, "(top)", "a mapping with add_actors, add_aliases and merges")
    unknown = set(data) - {"version", "add_actors", "add_aliases", "merges"}
    if unknown:
        raise OverlayError(source, ", ".join(sorted(unknown)), "one of version, add_actors, add_aliases, merges")
    if data.get("version", FORMAT_VERSION) != FORMAT_VERSION:
        raise OverlayError(source, "version", f"{FORMAT_VERSION}, got {data.get('version')!r}")
    actors = tuple(
        AddActor(
            name=_text(entry, "name", source, f"add_actors[{i}]"),
            kind=_text(entry, "kind", source, f"add_actors[{i}]"),
            aliases=tuple(_texts(entry, "aliases", source, f"add_actors[{i}]")),
            speaks_for=_text(entry, "speaks_for", source, f"add_actors[{i}]", required=False) or None,
        )
        for i, entry in enumerate(_entries(data, "add_actors", source))
    )
    aliases = tuple(
        AddAlias(_text(e, "actor", source, f"add_aliases[{i}]"), _text(e, "alias", source, f"add_aliases[{i}]"))
        for i, e in enumerate(_entries(data, "add_aliases", source))
    )
    merges = tuple(
        Merge(_text(e, "source", source, f"merges[{i}]"), _text(e, "target", source, f"merges[{i}]"))
        for i, e in enumerate(_entries(data, "merges", source))
    )
    return Overlay(actors, aliases, merges)


def _entries(data: dict[str, Any], key: str, source: str) -> list[dict[str, Any]]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise OverlayError(source, key, "a list of mappings")
    return value


def _text(entry: dict[str, Any], key: str, source: str, where: str, *, required: bool = True) -> str:
    value = entry.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise OverlayError(source, f"{where}.{key}", f"a non-empty string, got {value!r}")
    return value.strip()


def _texts(entry: dict[str, Any], key: str, source: str, where: str) -> list[str]:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise OverlayError(source, f"{where}.{key}", "a list of non-empty strings")
    return [item.strip() for item in value]


# ---- applying it --------------------------------------------------------------------------------


def applied_entries(raw_actors: Any, overlay: Overlay) -> dict[str, Any]:
    """The parsed actors file with the overlay's edits made (a copy), after checking each
    edit against the dictionary as the earlier edits left it."""
    raw = copy.deepcopy(raw_actors)
    if not isinstance(raw, dict) or not isinstance(raw.get("actors"), list):
        raise OverlayError("actors.yml", "actors", "a list of actors to apply the edits to")
    entries: dict[str, dict[str, Any]] = {}
    for existing in raw["actors"]:
        if isinstance(existing, dict) and isinstance(existing.get("name"), str):
            entries[existing["name"]] = existing
    merged_into: dict[str, str] = {}

    def known(name: str, edit: Edit, field: str) -> None:
        if name in merged_into:
            raise OverlayError(edit.describe(), field, f"{name!r} was merged into {merged_into[name]!r}; use that")
        if name not in entries:
            raise OverlayError(edit.describe(), field, f"an actor in the dictionary, got {name!r}")

    for added in overlay.actors:
        if not added.name.strip():
            raise OverlayError(added.describe(), "name", "a non-empty name")
        if added.name in entries:
            raise OverlayError(added.describe(), "name", f"a new name; {added.name!r} is already an actor")
        if added.kind not in KINDS:
            raise OverlayError(added.describe(), "kind", f"one of {', '.join(KINDS)}, got {added.kind!r}")
        if added.speaks_for is not None:
            known(added.speaks_for, added, "speaks_for")
        entry: dict[str, Any] = {"name": added.name, "kind": added.kind, "aliases": list(added.aliases)}
        if added.speaks_for:
            entry["speaks_for"] = added.speaks_for
        entries[added.name] = entry
        raw["actors"].append(entry)
    for alias in overlay.aliases:
        known(alias.actor, alias, "actor")
        forms = entries[alias.actor].setdefault("aliases", []) or []
        if alias.alias == alias.actor or alias.alias in forms:
            raise OverlayError(alias.describe(), "alias", f"a new form; {alias.actor} already has {alias.alias!r}")
        entries[alias.actor]["aliases"] = [*forms, alias.alias]
    for merge in overlay.merges:
        known(merge.source, merge, "source")
        known(merge.target, merge, "target")
        if merge.source == merge.target:
            raise OverlayError(merge.describe(), "target", "another actor than the source")
        _fold(entries, raw, merge.source, merge.target)
        merged_into[merge.source] = merge.target
        for name, target in merged_into.items():
            if target == merge.source:
                merged_into[name] = merge.target
    return raw  # type: ignore[no-any-return]


def _fold(entries: dict[str, dict[str, Any]], raw: dict[str, Any], source: str, target: str) -> None:
    old, new = entries.pop(source), entries[target]
    forms = list(new.get("aliases") or [])
    for form in (old["name"], *(old.get("aliases") or [])):
        if form not in forms and form != target:
            forms.append(form)
    new["aliases"] = forms
    people = old.get("kind") == new.get("kind") == "person"
    for field in ("adjectives", "titles", "roles") if people else ("adjectives", "titles"):
        values = list(new.get(field) or [])
        values += [v for v in old.get(field) or [] if v not in values]
        if values:
            new[field] = values
    for field in ("speaks_for", "leads", "gender") if people else ():
        if not new.get(field) and old.get(field) and old[field] != target:
            new[field] = old[field]
    raw["actors"] = [entry for entry in raw["actors"] if entry is not old]
    for entry in raw["actors"]:
        for field in ("speaks_for", "leads"):
            if entry.get(field) == source:
                entry[field] = target if entry["name"] != target else None
        if entry.get("speaks_for") is None:
            entry.pop("speaks_for", None)
        if entry.get("leads") is None:
            entry.pop("leads", None)


def validate(raw_actors: Any, overlay: Overlay) -> None:
    """Raise an OverlayError naming the first edit that cannot apply."""
    apply_overlay(raw_actors, overlay)


def apply_overlay(raw_actors: Any, overlay: Overlay) -> Dictionary:
    """The compiled dictionary: the parsed actors file with the overlay's edits."""
    return build_dictionary(applied_entries(raw_actors, overlay), "actors.yml + dictionary edits")


@lru_cache(maxsize=8)
def overlay_dictionary(overlay: Overlay) -> Dictionary:
    """The packaged dictionary with ``overlay`` applied (cached per overlay)."""
    from lib.actors import load_dictionary

    if overlay.is_empty():
        return load_dictionary()
    return apply_overlay(load_yaml(data_path("actors.yml")), overlay)


def overlay_version(overlay: Overlay) -> str:
    """The analyzer version under ``overlay``: the packaged one for no edits, else that plus
    the overlay's fingerprint (stored analyses are keyed by it)."""
    from lib.analysis import analyzer_version

    if overlay.is_empty():
        return analyzer_version()
    return f"{analyzer_version()}+o{overlay.fingerprint()}"


# ---- what an edit affects -----------------------------------------------------------------------


def _forms(dictionary: Dictionary, name: str) -> set[str]:
    actor = dictionary.actor(name)
    if actor is None:
        return set()
    return {actor.name, *actor.aliases, *actor.adjectives, *actor.titles, *actor.roles}


def changed_forms(old: Dictionary, new: Dictionary) -> frozenset[str]:
    """Surface forms (lower-case token keys) whose reading differs between two dictionaries:
    a form that now names another actor, or none, and every form of an actor whose kind,
    rollup or leader changed. An article holding none of them is analysed the same way."""
    changed: set[str] = set()
    for old_table, new_table in ((old.exact, new.exact), (old.folded, new.folded), (old.roles, new.roles)):
        for key in old_table.keys() | new_table.keys():
            if old_table.get(key) != new_table.get(key):
                changed.add(key)
    for name in old.actors.keys() | new.actors.keys():
        before, after = old.actor(name), new.actor(name)
        if _identity(before) != _identity(after) or old.leaders.get(name) != new.leaders.get(name):
            changed |= _forms(old, name) | _forms(new, name)
    return frozenset(_token_text(form) for form in changed if form.strip())


def _identity(actor: Actor | None) -> tuple[Any, ...] | None:
    """What every existing mention of an actor carries besides its surface."""
    return None if actor is None else (actor.kind, actor.rollup, actor.leads, actor.gender, actor.roles)


def _token_text(text: str) -> str:
    return " ".join(token.replace("’", "'") for _, _, token in tokenize(text)).lower()


def affected(articles: Iterable[Article], forms: frozenset[str]) -> list[Article]:
    """The articles whose text holds one of ``forms`` as whole tokens (case-insensitive: a
    cheap superset of what the dictionary would match)."""
    if not forms:
        return []
    out = []
    for article in articles:
        text = f" {_token_text(article.text)} "
        if any(f" {form} " in text for form in forms):
            out.append(article)
    return out


# ---- analysing under an overlay -----------------------------------------------------------------


def analyse(article: Article, overlay: Overlay) -> ArticleAnalysis:
    """``analysis.analyze_article`` with the overlay's dictionary, stamped with its version."""
    from lib.analysis import analyze_article

    analysis = analyze_article(article, dictionary=overlay_dictionary(overlay))
    return dataclasses.replace(analysis, analyzer_version=overlay_version(overlay))


def analyse_missing(
    store: Any, overlay: Overlay, *, articles: Sequence[Article] | None = None, progress: Progress | None = None
) -> int:
    """Analyse the articles (all the store's by default) that have no analysis under
    ``overlay`` and store them; returns how many. With no edits, the packaged path
    (``corpus.store_analyses``, in worker processes for a large batch)."""
    from lib.analysis import default_workers
    from lib.corpus import store_analyses

    if articles is None:
        articles = store.articles()
    if overlay.is_empty():
        return store_analyses(store, articles, progress=progress)
    missing_ids = set(store.missing_analyses(overlay_version(overlay), ids=[a.id for a in articles]))
    missing = [a for a in articles if a.id in missing_ids]
    workers = default_workers() if len(missing) >= 200 else 1
    done = 0
    with ProcessPoolExecutor(max_workers=workers) if workers > 1 else nullcontext() as pool:
        for start in range(0, len(missing), 100):
            batch = [(a, overlay) for a in missing[start : start + 100]]
            payloads = pool.map(_payload, batch) if pool is not None else map(_payload, batch)
            store.put_payloads(list(payloads))
            done += len(batch)
            if progress:
                progress(done, len(missing))
    return len(missing)


def _payload(job: tuple[Article, Overlay]) -> tuple[str, str, str]:
    """(article id, version, JSON) of one article under an overlay; run in a worker process
    for a large batch (each builds the overlay's dictionary once)."""
    from lib.codec import analysis_to_json

    article, overlay = job
    return article.id, overlay_version(overlay), analysis_to_json(analyse(article, overlay))


def reanalyse(store: Any, old: Overlay, new: Overlay, *, progress: Progress | None = None) -> tuple[int, int]:
    """After an edit from ``old`` to ``new``: analyse again the articles whose text holds a
    form the edit changed, and copy the others' analyses under the new version. Returns
    (analysed, copied). Articles with no analysis under ``old`` are analysed."""
    from lib.codec import analysis_to_json

    version, old_version = overlay_version(new), overlay_version(old)
    missing = store.missing_analyses(version)
    if not missing:
        return 0, 0
    articles = store.articles(ids=missing)
    lacking_old = set(store.missing_analyses(old_version))
    forms = changed_forms(overlay_dictionary(old), overlay_dictionary(new))
    to_analyse = {a.id for a in affected(articles, forms)} | {a.id for a in articles if a.id in lacking_old}
    to_copy = [a.id for a in articles if a.id not in to_analyse]
    for start in range(0, len(to_copy), 500):
        chunk = to_copy[start : start + 500]
        store.put_payloads(
            (a.article_id, version, analysis_to_json(dataclasses.replace(a, analyzer_version=version)))
            for a in store.iter_analyses(chunk, old_version, corrected=False)  # corrections stay apart
        )
    redo = [a for a in articles if a.id in to_analyse]
    analyse_missing(store, new, articles=redo, progress=progress)
    return len(redo), len(to_copy)
