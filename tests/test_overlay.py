"""The dictionary overlay: edits of the actor dictionary, validated, stored, exported, applied."""

from __future__ import annotations

import pytest

from lib.actors import find_mentions
from lib.errors import StancewatchError
from lib.overlay import (
    AddActor,
    AddAlias,
    Merge,
    Overlay,
    OverlayError,
    affected,
    analyse,
    apply_overlay,
    changed_forms,
    from_yaml,
    overlay_dictionary,
    overlay_version,
    reanalyse,
    validate,
)
from lib.resources import data_path, load_yaml
from lib.store import Store
from lib.types import Article


@pytest.fixture(scope="module")
def raw():
    return load_yaml(data_path("actors.yml"))


def _overlay(*edits):
    out = Overlay()
    for edit in edits:
        out = out.with_edit(edit)
    return out


def _actors(text: str, overlay: Overlay) -> list[tuple[str, str]]:
    return [(m.surface, m.actor) for m in find_mentions(text, [], overlay_dictionary(overlay))]


# ---- the model and its YAML -------------------------------------------------------------------------

EXAMPLES = [
    _overlay(),
    _overlay(AddActor("Olena Marchuk", "person", ("Marchuk",), "Ukraine")),
    _overlay(AddActor("Baltic Grain Council", "organisation")),
    _overlay(AddAlias("NATO", "the Atlantic bloc")),
    _overlay(Merge("Kamala Harris", "Joe Biden")),
    _overlay(
        AddActor("Olena Marchuk", "person", ("Marchuk", "Олена Марчук"), "Ukraine"),
        AddAlias("Olena Marchuk", "Deputy Marchuk"),
        Merge("Olena Marchuk", "Ukraine"),
    ),
]


@pytest.mark.parametrize("overlay", EXAMPLES)
def test_yaml_round_trips(overlay):
    text = overlay.to_yaml()
    assert from_yaml(text) == overlay
    assert from_yaml(text.encode()) == overlay
    assert text.startswith("#")  # the header says what the file is


def test_empty_text_is_no_edits():
    assert from_yaml("") == from_yaml(None) == from_yaml("# nothing\n") == Overlay()
    assert Overlay().is_empty() and Overlay().fingerprint() == ""


def test_edits_are_added_and_removed_in_order():
    first, second = AddAlias("NATO", "the bloc"), AddAlias("Russia", "the Federation")
    overlay = _overlay(Merge("Kamala Harris", "Joe Biden"), first, second)
    assert overlay.edits == (first, second, Merge("Kamala Harris", "Joe Biden"))  # actors, aliases, merges
    assert overlay.without(first).edits == (second, Merge("Kamala Harris", "Joe Biden"))


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("[1, 2]", "(top)"),
        ("add_actors: {name: X}", "add_actors"),
        ("add_actors: [{kind: person}]", "add_actors[0].name"),
        ("add_actors: [{name: X, kind: person, aliases: [1]}]", "add_actors[0].aliases"),
        ("add_aliases: [{actor: NATO}]", "add_aliases[0].alias"),
        ("merges: [{source: NATO, target: ''}]", "merges[0].target"),
        ("version: 7", "version"),
        ("renames: []", "renames"),
        ("add_actors: [", "(file)"),
    ],
)
def test_a_malformed_file_names_the_key(text, field):
    with pytest.raises(OverlayError) as caught:
        from_yaml(text, source="edits.yml")
    assert caught.value.field == field and "edits.yml" in str(caught.value)
    assert isinstance(caught.value, StancewatchError)


# ---- validation against the dictionary --------------------------------------------------------------


@pytest.mark.parametrize(
    ("overlay", "field", "reason"),
    [
        (_overlay(AddActor("NATO", "organisation")), "name", "already an actor"),
        (_overlay(AddActor("Olena Marchuk", "politician")), "kind", "one of state, organisation"),
        (_overlay(AddActor("Olena Marchuk", "person", (), "Atlantis")), "speaks_for", "Atlantis"),
        (_overlay(AddAlias("Atlantis", "the lost isle")), "actor", "Atlantis"),
        (_overlay(AddAlias("NATO", "NATO")), "alias", "already has"),
        (_overlay(Merge("Atlantis", "NATO")), "source", "Atlantis"),
        (_overlay(Merge("NATO", "Atlantis")), "target", "Atlantis"),
        (_overlay(Merge("NATO", "NATO")), "target", "another actor"),
        (_overlay(Merge("Kamala Harris", "Joe Biden"), Merge("Kamala Harris", "NATO")), "source", "merged into"),
        (
            _overlay(
                AddAlias("Kamala Harris", "the VP"), Merge("Kamala Harris", "Joe Biden"), Merge("NATO", "Kamala Harris")
            ),
            "target",
            "'Joe Biden'",
        ),
    ],
)
def test_an_edit_that_cannot_apply_says_why(raw, overlay, field, reason):
    with pytest.raises(OverlayError) as caught:
        validate(raw, overlay)
    assert caught.value.field == field and reason in caught.value.reason, str(caught.value)


def test_the_packaged_dictionary_is_not_changed(raw):
    before = len(raw["actors"])
    apply_overlay(raw, _overlay(AddActor("Olena Marchuk", "person"), Merge("Kamala Harris", "Joe Biden")))
    assert len(raw["actors"]) == before and any(a["name"] == "Kamala Harris" for a in raw["actors"])


# ---- what the edits do to the reading of a text -------------------------------------------------------

# Made-up sentences, one per kind of edit: (overlay, text, expected (surface, actor) pairs in it).
READINGS = [
    (
        _overlay(AddActor("Olena Marchuk", "person", ("Marchuk",), "Ukraine")),
        "Olena Marchuk warned that the grain corridor could close. Marchuk spoke in Odesa.",
        [("Olena Marchuk", "Olena Marchuk"), ("Marchuk", "Olena Marchuk")],  # and she now speaks for Ukraine
    ),
    (
        _overlay(AddActor("Baltic Grain Council", "organisation", ("BGC",))),
        "The Baltic Grain Council said the BGC would publish its figures on Monday.",
        [("Baltic Grain Council", "Baltic Grain Council"), ("BGC", "Baltic Grain Council")],
    ),
    (
        _overlay(AddAlias("NATO", "the Atlantic bloc")),
        "Moscow again criticised the Atlantic bloc on Tuesday.",
        [("Moscow", "Russia"), ("the Atlantic bloc", "NATO")],
    ),
    (
        _overlay(Merge("Kamala Harris", "Joe Biden")),
        "Kamala Harris met the press after Joe Biden spoke.",
        [("Kamala Harris", "Joe Biden"), ("Joe Biden", "Joe Biden")],
    ),
]


@pytest.mark.parametrize(("overlay", "text", "expected"), READINGS)
def test_an_edit_changes_what_the_text_names(overlay, text, expected):
    found = _actors(text, overlay)
    for pair in expected:
        assert pair in found, found
    shipped = find_mentions(text, [], overlay_dictionary(Overlay()))
    assert shipped != find_mentions(text, [], overlay_dictionary(overlay))  # read otherwise as it ships


def test_a_person_speaks_for_the_actor_given():
    dictionary = overlay_dictionary(_overlay(AddActor("Olena Marchuk", "person", (), "Ukraine")))
    assert dictionary.rollup("Olena Marchuk") == "Ukraine"


def test_a_merge_moves_whoever_spoke_for_the_source(raw):
    dictionary = apply_overlay(raw, _overlay(Merge("United Kingdom", "European Union")))
    assert "United Kingdom" not in dictionary.actors
    assert dictionary.rollup("Boris Johnson") == "European Union"
    assert "United Kingdom" in dictionary.actor("European Union").aliases


def test_a_person_merged_into_a_state_leaves_no_person_traits(raw):
    dictionary = apply_overlay(raw, _overlay(Merge("Liz Truss", "United Kingdom")))
    state = dictionary.actor("United Kingdom")
    assert state.kind == "state" and state.gender is None and not state.roles and state.speaks_for is None
    assert "Liz Truss" in state.aliases and dictionary.rollup("Boris Johnson") == "United Kingdom"


def test_yaml_words_that_look_like_booleans_stay_names():
    overlay = from_yaml("add_aliases: [{actor: Norway, alias: NO}, {actor: NATO, alias: on}]")
    assert [a.alias for a in overlay.aliases] == ["NO", "on"]


def test_an_overlay_changes_the_analyzer_version():
    from lib.analysis import analyzer_version

    assert overlay_version(Overlay()) == analyzer_version()
    one, other = _overlay(AddAlias("NATO", "the bloc")), _overlay(AddAlias("NATO", "the pact"))
    assert overlay_version(one).startswith(analyzer_version() + "+o")
    assert overlay_version(one) != overlay_version(other) and len(overlay_version(one)) <= 64


# ---- which articles an edit affects ----------------------------------------------------------------------

TEXTS = {
    "marchuk": "Olena Marchuk said the grain deal would hold.",
    "surname": "Ms Marchuk later said the deal would hold.",
    "harris": "Kamala Harris arrived in Warsaw on Thursday.",
    "nato": "NATO ministers met in Brussels.",
    "other": "Grain prices fell sharply in the spring.",
}


def _articles(*keys):
    return [Article(id=key, file=f"{key}.txt", text=TEXTS[key]) for key in keys]


@pytest.mark.parametrize(
    ("overlay", "hit"),
    [
        (_overlay(AddActor("Olena Marchuk", "person", ("Marchuk",))), {"marchuk", "surname"}),
        (_overlay(AddActor("Olena Marchuk", "person")), {"marchuk"}),
        (_overlay(Merge("Kamala Harris", "Joe Biden")), {"harris"}),
        (_overlay(AddAlias("NATO", "the bloc")), set()),
        (_overlay(AddAlias("NATO", "ministers")), {"nato"}),
    ],
)
def test_an_edit_affects_the_articles_holding_the_names_it_changes(overlay, hit):
    forms = changed_forms(overlay_dictionary(Overlay()), overlay_dictionary(overlay))
    assert {a.id for a in affected(_articles(*TEXTS), forms)} == hit


def test_removing_an_edit_affects_what_adding_it_did():
    edit = _overlay(AddActor("Olena Marchuk", "person", ("Marchuk",)))
    adding = changed_forms(overlay_dictionary(Overlay()), overlay_dictionary(edit))
    removing = changed_forms(overlay_dictionary(edit), overlay_dictionary(Overlay()))
    assert adding == removing


# ---- stored, and re-analysed with progress ----------------------------------------------------------------


@pytest.fixture
def store():
    from lib.corpus import store_analyses

    opened = Store("sqlite://")
    opened.add_articles(_articles(*TEXTS))
    store_analyses(opened, opened.articles())
    yield opened
    opened.close()


def test_the_store_keeps_the_overlay(store):
    assert store.load_overlay() == ""
    overlay = _overlay(AddAlias("NATO", "the bloc"))
    store.save_overlay(overlay.to_yaml())
    assert from_yaml(store.load_overlay()) == overlay
    store.save_overlay("")
    assert store.load_overlay() == ""


def test_a_store_made_before_the_overlay_gets_its_table(tmp_path):
    import sqlalchemy as sa

    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = Store(url)
    old.add_articles(_articles("nato"))
    with old.engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE dictionary_overlay"))
    old.close()
    reopened = Store(url)
    assert reopened.count() == 1 and reopened.load_overlay() == ""
    reopened.save_overlay(_overlay(AddAlias("NATO", "the bloc")).to_yaml())
    assert "the bloc" in reopened.load_overlay()
    reopened.close()


def test_an_edit_reanalyses_only_what_it_affects(store):
    new = _overlay(AddActor("Olena Marchuk", "person", ("Marchuk",), "Ukraine"))
    calls = []
    analysed, copied = reanalyse(store, Overlay(), new, progress=lambda done, total: calls.append((done, total)))
    assert (analysed, copied) == (2, 3)
    assert calls and calls[-1] == (2, 2)
    version = overlay_version(new)
    assert store.missing_analyses(version) == []
    stored = store.get_analyses(list(TEXTS), version)
    assert {m.actor for m in stored["surname"].mentions} == {"Olena Marchuk"}
    assert all(a.analyzer_version == version for a in stored.values())
    base = store.get_analyses(list(TEXTS), overlay_version(Overlay()))
    assert stored["nato"].mentions == base["nato"].mentions  # copied, the same reading
    # Undoing the edit finds the analyses as they were: nothing to do.
    assert reanalyse(store, new, Overlay()) == (0, 0)


def test_a_copied_analysis_equals_a_fresh_one(store):
    new = _overlay(Merge("Kamala Harris", "Joe Biden"))
    reanalyse(store, Overlay(), new)
    stored = store.get_analyses(list(TEXTS), overlay_version(new))
    for article in _articles(*TEXTS):
        fresh = analyse(article, new)
        assert stored[article.id].mentions == fresh.mentions and stored[article.id].quotes == fresh.quotes


def test_a_large_batch_is_analysed_in_worker_processes_with_progress():
    from lib.overlay import analyse_missing

    overlay = _overlay(AddActor("Olena Marchuk", "person", ("Marchuk",), "Ukraine"))
    opened = Store("sqlite://")
    opened.add_articles(
        Article(id=f"a{i:03d}", file=f"{i}.txt", text=f"Olena Marchuk said on day {i} that the port stays open.")
        for i in range(200)
    )
    calls = []
    assert analyse_missing(opened, overlay, progress=lambda done, total: calls.append((done, total))) == 200
    assert calls[-1] == (200, 200) and opened.missing_analyses(overlay_version(overlay)) == []
    stored = opened.get_analyses(["a123"], overlay_version(overlay))["a123"]
    assert [m.rollup for m in stored.mentions] == ["Ukraine"]
    opened.close()
