"""The store on both back-ends: SQLite and a real PostgreSQL server on loopback."""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from lib.analysis import analyze_article, analyzer_version
from lib.errors import StoreError
from lib.ingest import extract_article
from lib.store import Store, database_url


def test_seeds_load_once(store, seed_articles):
    assert store.ensure_seeds(seed_articles) == 5
    assert store.ensure_seeds(seed_articles) == 0
    assert store.count() == 5
    assert {a.id for a in store.articles()} == {a.id for a in seed_articles}


def test_articles_round_trip(store, seed_articles):
    store.add_articles(seed_articles)
    by_id = {a.id: a for a in store.articles()}
    for article in seed_articles:
        assert by_id[article.id] == article


def test_duplicates_and_near_duplicates(store, seed_articles):
    original = seed_articles[3]
    results = store.add_articles([original])
    assert results[0].status == "added"
    assert store.add_articles([original])[0].status == "duplicate"
    copy = extract_article("Syndicated by another desk\n" + original.text + "\nCredit | AA", "copy.txt")
    result = store.add_articles([copy])[0]
    assert result.status == "near-duplicate" and result.duplicate_of == original.id
    assert store.near_duplicates() == {copy.id: original.id}


def test_analyses_are_kept_per_version(store, seed_articles):
    article = seed_articles[1]
    store.add_articles([article])
    version = analyzer_version()
    assert store.missing_analyses(version) == [article.id]
    analysis = analyze_article(article)
    store.put_analyses([analysis])
    store.put_analyses([analysis])  # idempotent
    assert store.missing_analyses(version) == []
    loaded = store.get_analyses([article.id], version)[article.id]
    assert dataclasses.replace(loaded, sentiment=()) == dataclasses.replace(analysis, sentiment=())
    assert [s["textblob"] for s in loaded.sentiment] == [s["textblob"] for s in analysis.sentiment]
    assert store.missing_analyses("another-version") == [article.id]


def test_edits_persist_with_provenance(store, seed_articles):
    store.add_articles(seed_articles[:1])
    before = store.fingerprint()
    time.sleep(0.01)
    store.update_metadata(seed_articles[0].id, {"outlet": "Republic World", "title": "NATO open to talks"})
    edited = store.articles()[0]
    assert edited.outlet == "Republic World" and edited.title == "NATO open to talks"
    assert dict(edited.provenance)["outlet"] == "edited by the user"
    assert store.fingerprint() != before


def test_unknown_article_edit_is_an_error(store):
    with pytest.raises(StoreError, match="no article"):
        store.update_metadata("nope", {"outlet": "X"})


def _add_from_process(url: str, texts: list[str], barrier) -> None:
    store = Store(url)
    articles = [extract_article(text, f"{i}.txt") for i, text in enumerate(texts)]
    barrier.wait()
    for article in articles:  # one transaction each, interleaving with the other writer
        store.add_articles([article])
    store.close()


def test_two_writers_at_once_lose_nothing_and_duplicate_nothing(store):
    texts = [f"Article {i}: Russia and NATO held talks number {i} in Brussels today." for i in range(30)]
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    writers = [ctx.Process(target=_add_from_process, args=(store.url, texts, barrier)) for _ in range(2)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(120)
        assert writer.exitcode == 0
    articles = store.articles()
    assert len(articles) == 30 and len({a.id for a in articles}) == 30


KILL_SCRIPT = """
import sys
from lib.ingest import extract_article
from lib.store import Store
store = Store(sys.argv[1])
for i in range(100000):
    text = f"Article {i}: " + "Russia massed troops near Ukraine while NATO talked. " * 40
    store.add_articles([extract_article(text, f"{i}.txt")])
    print(i, flush=True)
"""


def test_a_killed_ingest_leaves_whole_articles(tmp_path):
    url = f"sqlite:///{tmp_path / 'kill.db'}"
    Store(url).close()
    process = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, url], stdout=subprocess.PIPE, cwd=os.getcwd(), text=True
    )
    assert process.stdout is not None
    for _ in range(40):
        process.stdout.readline()
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    with sqlite3.connect(tmp_path / "kill.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store = Store(url)
    articles = store.articles()
    assert len(articles) >= 40
    assert all(a.text.endswith("talked.") and a.text.startswith("Article ") for a in articles)


def test_unwritable_folder_falls_back_to_memory(tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    monkeypatch.delenv("STANCEWATCH_DATA_DIR", raising=False)
    monkeypatch.delenv("STANCEWATCH_DATABASE_URL", raising=False)
    try:
        if os.geteuid() == 0:
            monkeypatch.setattr("lib.store.tempfile.NamedTemporaryFile", _refuse)
        url, persistent = database_url(folder)
        assert (url, persistent) == ("sqlite://", False)
        store = Store.open(data_dir=folder)
        assert not store.persistent and store.count() == 0
    finally:
        folder.chmod(0o700)


def _refuse(*args, **kwargs):
    raise PermissionError("read-only file system")


def test_bad_database_url_is_a_clear_error():
    with pytest.raises(StoreError, match=r"postgresql\+psycopg://user:\*\*\*@"):
        Store("postgresql+psycopg://user:secret@127.0.0.1:1/none")


def test_analysis_json_survives_nan(store, seed_articles):
    article = seed_articles[0]
    store.add_articles([article])
    analysis = analyze_article(article, engines=["textblob", "vader"])
    store.put_analyses([analysis])
    loaded = store.get_analyses([article.id], analysis.analyzer_version)[article.id]
    assert dataclasses.replace(loaded, sentiment=()) == dataclasses.replace(analysis, sentiment=())
    assert loaded.sentiment[0]["vader"][1] != loaded.sentiment[0]["vader"][1]  # NaN stays NaN


def test_articles_by_id(store, seed_articles):
    store.add_articles(seed_articles)
    wanted = [seed_articles[3].id, seed_articles[1].id]
    assert {a.id for a in store.articles(ids=wanted)} == set(wanted)
    assert store.articles(ids=[]) == []
    assert len(store.articles()) == len(seed_articles)


# ---- language ----------------------------------------------------------------------------

RUSSIAN_TEXT = (
    "Министр обороны заявил, что учения у границы продлятся ещё две недели. По его словам, войска затем "
    "вернутся в места постоянной дислокации, а переговоры в Женеве продолжатся."
)


def test_the_language_is_stored_and_read_back(store):
    article = extract_article(RUSSIAN_TEXT, "ru.txt")
    assert article.language == "ru"
    store.add_articles([article])
    assert store.articles()[0].language == "ru"


def test_a_store_made_before_languages_opens_and_gets_the_column(tmp_path):
    """A database written by the previous version (no ``language`` column) stays readable:
    the column is added, empty, when the store is opened."""
    path = tmp_path / "old.db"
    old = Store(f"sqlite:///{path}")
    old.add_articles([extract_article("Russia and NATO met in Geneva for talks on Monday.", "old.txt")])
    old.close()
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE articles DROP COLUMN language")
        assert "language" not in {row[1] for row in conn.execute("PRAGMA table_info(articles)")}
    reopened = Store(f"sqlite:///{path}")
    (article,) = reopened.articles()
    assert article.file == "old.txt" and article.language is None
    reopened.add_articles([extract_article(RUSSIAN_TEXT, "ru.txt")])
    assert {a.file: a.language for a in reopened.articles()} == {"old.txt": None, "ru.txt": "ru"}
    reopened.close()


# ---- editing by hand: bulk metadata, exclusion with restore, deletion --------------------------


def test_a_bulk_edit_sets_every_selected_article_and_no_other(store, seed_articles):
    store.add_articles(seed_articles)
    chosen = [seed_articles[0].id, seed_articles[2].id]
    before = store.fingerprint()
    time.sleep(0.01)
    assert store.update_metadata_many(chosen, {"outlet": "Example Daily", "date": dt.date(2022, 2, 14)}) == 2
    by_id = {a.id: a for a in store.articles()}
    for article_id in chosen:
        assert by_id[article_id].outlet == "Example Daily" and by_id[article_id].date == dt.date(2022, 2, 14)
        assert dict(by_id[article_id].provenance)["outlet"] == "edited by the user"
        assert dict(by_id[article_id].provenance)["date"] == "edited by the user"
    for article in seed_articles[3:]:
        assert by_id[article.id] == article
    assert store.fingerprint() != before


def test_a_bulk_edit_with_an_unknown_id_changes_nothing(store, seed_articles):
    store.add_articles(seed_articles[:2])
    with pytest.raises(StoreError, match="no article nope"):
        store.update_metadata_many([seed_articles[0].id, "nope"], {"outlet": "Example Daily"})
    assert {a.outlet for a in store.articles()} == {a.outlet for a in seed_articles[:2]}


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"outlet": "  "}, {"outlet": None}),  # an empty value clears the field
        ({"outlet": ""}, {"outlet": None}),
        ({"date": None}, {"date": None, "partial_date": None}),  # a cleared date is not guessed again
        ({"title": "A new title", "text": "ignored"}, {"title": "A new title"}),  # the text is not editable
        ({"byline": "By A. Writer"}, {"byline": "By A. Writer"}),
    ],
)
def test_each_editable_field_is_set_or_cleared(store, values, expected):
    article = dataclasses.replace(
        extract_article("Russia and NATO met in Geneva on Thursday for talks.", "partial.txt"),
        outlet="Example Daily",
        date=dt.date(2022, 2, 10),
        partial_date=(2, 10, 3),
    )
    store.add_articles([article])
    store.update_metadata_many([article.id], {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()})
    (edited,) = store.articles()
    for field, value in expected.items():
        assert getattr(edited, field) == value, field
    assert edited.text == article.text


def test_restoring_metadata_undoes_a_bulk_edit_with_its_provenance(store, seed_articles):
    store.add_articles(seed_articles)
    chosen = [seed_articles[1].id, seed_articles[4].id]
    previous = store.articles(ids=chosen)
    store.update_metadata_many(chosen, {"outlet": "Example Daily", "date": None})
    before = store.fingerprint()
    time.sleep(0.01)
    assert store.restore_metadata(previous) == 2
    assert {a.id: a for a in store.articles(ids=chosen)} == {a.id: a for a in previous}
    assert store.fingerprint() != before


def test_an_excluded_article_is_kept_and_named_until_restored(store, seed_articles):
    store.add_articles(seed_articles)
    article = seed_articles[2]
    store.put_analyses([analyze_article(article)])
    before = store.fingerprint()
    assert store.excluded_ids() == set()
    assert store.set_excluded([article.id], True) == 1
    assert store.set_excluded([article.id], True) == 0  # already excluded
    assert store.excluded_ids() == {article.id}
    assert store.fingerprint() != before
    assert store.count() == 5 and store.get_analyses([article.id], analyzer_version())  # kept
    assert store.set_excluded([article.id], False) == 1
    assert store.excluded_ids() == set()
    assert store.set_excluded([article.id], False) == 0


def test_excluding_an_unknown_article_is_an_error_and_excludes_nothing(store, seed_articles):
    store.add_articles(seed_articles[:1])
    with pytest.raises(StoreError, match="no article nope"):
        store.set_excluded([seed_articles[0].id, "nope"], True)
    assert store.excluded_ids() == set()


def test_deleting_removes_the_article_its_analyses_and_exclusion_and_it_can_be_added_back(store, seed_articles):
    store.add_articles(seed_articles)
    article = seed_articles[0]
    analysis = analyze_article(article)
    store.put_analyses([analysis])
    store.set_excluded([article.id, seed_articles[1].id], True)
    kept = store.get_analyses([article.id], analysis.analyzer_version)[article.id]
    assert store.delete_articles([article.id, "nope"]) == 1
    assert article.id not in {a.id for a in store.articles()} and store.count() == 4
    assert store.get_analyses([article.id], analysis.analyzer_version) == {}
    assert store.excluded_ids() == {seed_articles[1].id}
    assert store.delete_articles([article.id]) == 0
    # The undo: the same record through the normal add path, its analysis put back.
    assert store.add_articles([article])[0].status == "added"
    store.put_analyses([kept])
    assert store.articles(ids=[article.id]) == [article]
    assert article.id not in store.missing_analyses(analysis.analyzer_version)


def test_a_store_made_before_exclusions_opens_and_gets_the_table(tmp_path):
    path = tmp_path / "old.db"
    old = Store(f"sqlite:///{path}")
    old.add_articles([extract_article("Russia and NATO met in Geneva for talks on Monday.", "old.txt")])
    old.close()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE excluded_articles")
    reopened = Store(f"sqlite:///{path}")
    assert reopened.excluded_ids() == set()
    (article,) = reopened.articles()
    assert reopened.set_excluded([article.id], True) == 1 and reopened.excluded_ids() == {article.id}
    reopened.close()


# ---- corrections (lib.corrections), kept per article ------------------------------------------


def _corrected_seed(store, seed_articles):
    article = next(a for a in seed_articles if a.file.startswith("001"))
    store.add_articles([article])
    analysis = analyze_article(article)
    store.put_analyses([analysis])
    return article, analysis


def test_a_correction_is_applied_where_the_store_hands_analyses_out(store, seed_articles):
    from lib import corrections as c

    article, analysis = _corrected_seed(store, seed_articles)
    version = analysis.analyzer_version
    said, troops = analysis.quotes[0], analysis.figures[0]
    before = store.fingerprint()
    first = store.save_correction(c.speaker_fix(article.id, said.start, said.end, said.speaker, "Joe Biden"))
    assert store.fingerprint() != before
    second = store.save_correction(
        c.figure_fix(article.id, troops.start, troops.end, troops.value, value=1.5e5, counted="soldiers", about=None)
    )
    loaded = store.get_analyses([article.id], version)[article.id]
    assert loaded.quotes[0].speaker == "Joe Biden" and loaded.quotes[0].corrected == f"speaker was {said.speaker}"
    assert loaded.figures[0].counted == "soldiers" and loaded.figures[0].about is None
    assert next(store.iter_analyses([article.id], version)) == loaded
    assert store.get_analyses([article.id], version, corrected=False)[article.id] == analysis  # stored as made
    assert [x.id for x in store.corrections([article.id])] == [first, second] == [x.id for x in store.corrections()]

    before = store.fingerprint()
    assert store.remove_correction(first) and not store.remove_correction(first)
    assert store.fingerprint() != before
    assert store.get_analyses([article.id], version)[article.id].quotes[0] == said


def test_correcting_an_item_again_replaces_its_correction(store, seed_articles):
    from lib import corrections as c

    article, analysis = _corrected_seed(store, seed_articles)
    said = analysis.quotes[0]
    first = store.save_correction(c.speaker_fix(article.id, said.start, said.end, said.speaker, "Joe Biden"))
    applied = store.corrections([article.id])
    store.save_correction(c.statement_removal(article.id, said.start, said.end, "Joe Biden", applied=applied))
    kept = store.corrections([article.id])
    assert len(kept) == 1 and kept[0].action == c.REMOVE and kept[0].id != first
    loaded = store.get_analyses([article.id], analysis.analyzer_version)[article.id]
    assert len(loaded.quotes) == len(analysis.quotes) - 1 and said not in loaded.quotes


def test_a_reanalysis_keeps_what_still_fits_and_reports_the_rest(store, seed_articles):
    from lib import corrections as c

    article, analysis = _corrected_seed(store, seed_articles)
    kept, gone = analysis.quotes[0], analysis.quotes[1]
    store.save_correction(c.speaker_fix(article.id, kept.start, kept.end, kept.speaker, "Joe Biden"))
    store.save_correction(c.speaker_fix(article.id, gone.start, gone.end, gone.speaker, "Joe Biden"))
    # A new engine: the first statement's span shifts a little, the second is given to someone else.
    shifted = dataclasses.replace(kept, start=kept.start + 2)
    redone = dataclasses.replace(gone, speaker="Vladimir Putin")
    newer = dataclasses.replace(analysis, analyzer_version="newer", quotes=(shifted, redone, *analysis.quotes[2:]))
    store.put_analyses([newer])
    statuses = [status for _, status in store.correction_statuses("newer", [article.id])]
    assert statuses == [c.APPLIED, c.STALE]
    loaded = store.get_analyses([article.id], "newer")[article.id]
    assert loaded.quotes[0].speaker == "Joe Biden" and loaded.quotes[1].speaker == "Vladimir Putin"
    assert [status for _, status in store.correction_statuses("missing-version")] == [c.STALE, c.STALE]


def test_corrections_go_with_a_deleted_article_and_come_back_with_its_undo(store, seed_articles):
    from lib import corrections as c

    article, analysis = _corrected_seed(store, seed_articles)
    said = analysis.quotes[0]
    store.save_correction(c.speaker_fix(article.id, said.start, said.end, said.speaker, "Joe Biden"))
    saved = store.corrections([article.id])
    store.delete_articles([article.id])
    assert store.corrections() == []
    store.add_articles([article])
    store.put_analyses([analysis])
    assert store.restore_corrections(saved) == 1
    assert store.get_analyses([article.id], analysis.analyzer_version)[article.id].quotes[0].speaker == "Joe Biden"
    with pytest.raises(StoreError, match="no article"):
        store.save_correction(c.speaker_fix("0" * 16, 0, 5, "NATO", "Joe Biden"))


# ---- revisions: what the analytic layer compares to stay current ---------------------------------


def test_revisions_change_with_each_kind_of_edit_and_only_for_the_article_edited(store, seed_articles):
    from lib import corrections as c

    first, second = seed_articles[:2]
    store.add_articles([first, second])
    analyses = {a.id: analyze_article(a) for a in (first, second)}
    store.put_analyses(analyses.values())
    version = analyzer_version()
    assert store.analysed_count(version) == 2 and store.analysed_count("other") == 0

    def changed(before: dict) -> dict[str, str]:
        after = store.revisions(version)
        kinds = {}
        for key in set(before) | set(after):
            if key not in after or key not in before:
                kinds[key] = "gone" if key not in after else "new"
            elif before[key] != after[key]:
                kinds[key] = "metadata" if before[key][1] == after[key][1] else "analysis"
        return kinds

    start = store.revisions(version)
    assert set(start) == {first.id, second.id}
    time.sleep(0.002)  # updated_at has microseconds; make sure the clock moves
    store.update_metadata(first.id, {"outlet": "Edited Times"})
    assert changed(start) == {first.id: "metadata"}

    before = store.revisions(version)
    said = analyses[second.id].quotes[0]
    fix = store.save_correction(c.speaker_fix(second.id, said.start, said.end, said.speaker, "Joe Biden"))
    assert changed(before) == {second.id: "analysis"}
    before = store.revisions(version)
    store.remove_correction(fix)
    assert changed(before) == {second.id: "analysis"}

    before = store.revisions(version)
    store.set_excluded([first.id], True)
    assert changed(before) == {first.id: "gone"}
    store.set_excluded([first.id], False)
    assert changed(before) == {}

    # Copied unchanged under a new version: same analysis revision; re-analysed differently: another.
    newer = "newer-version"
    same = dataclasses.replace(analyses[first.id], analyzer_version=newer)
    redone = dataclasses.replace(analyses[second.id], analyzer_version=newer, quotes=analyses[second.id].quotes[1:])
    store.put_analyses([same, redone])
    again = store.revisions(newer)
    assert again[first.id][1] == store.revisions(version)[first.id][1]
    assert again[second.id][1] != store.revisions(version)[second.id][1]

    before = store.revisions(version)
    store.delete_articles([second.id])
    assert changed(before) == {second.id: "gone"}


def test_a_store_made_before_digests_opens_and_its_analyses_have_a_revision(tmp_path):
    path = tmp_path / "old.db"
    store = Store(f"sqlite:///{path}")
    store.close()
    with sqlite3.connect(path) as conn:  # as an older version made it: no digest column
        conn.execute("ALTER TABLE analyses DROP COLUMN digest")
        conn.execute(
            "INSERT INTO articles (id, file, text, simhash, origin, added_at, updated_at, credits, provenance) "
            "VALUES ('a1', 'f.txt', 'Text.', 0, 'upload', '2026-01-01 00:00:00', '2026-01-01 00:00:00', '[]', '[]')"
        )
        conn.execute("INSERT INTO analyses (article_id, version, payload) VALUES ('a1', 'v1', '{}')")
    reopened = Store(f"sqlite:///{path}")
    assert reopened.revisions("v1") == {"a1": ("2026-01-01 00:00:00", "v:v1:0:0")}
    reopened.close()


def test_a_dictionary_edit_copies_the_engines_analysis_and_the_correction_still_applies(store, seed_articles):
    from lib import corrections as c
    from lib.overlay import AddActor, Overlay, overlay_version, reanalyse

    article, analysis = _corrected_seed(store, seed_articles)
    said = analysis.quotes[0]
    store.save_correction(c.speaker_fix(article.id, said.start, said.end, said.speaker, "Joe Biden"))
    edited = Overlay().with_edit(AddActor("Olena Marchuk", "person", ("Marchuk",), "Ukraine"))  # not in this text
    assert reanalyse(store, Overlay(), edited) == (0, 1)  # copied, not analysed again
    version = overlay_version(edited)
    raw = store.get_analyses([article.id], version, corrected=False)[article.id]
    assert raw.quotes[0].speaker == said.speaker and raw.quotes[0].corrected is None  # not baked in
    assert store.get_analyses([article.id], version)[article.id].quotes[0].speaker == "Joe Biden"


def test_a_few_articles_find_the_near_duplicate_a_whole_index_finds(store, seed_articles):
    """An upload looks its near-duplicate candidates up in SQL (``_StoredNear``); a batch
    reads the whole index: both name the same first-added article, also among the articles
    added in the same call."""
    from lib.neardup import simhash
    from lib.store import _LOOKUPS, _near_index, _StoredNear

    store.add_articles(seed_articles)
    copies = [
        extract_article(f"Syndicated by desk {i}\n" + original.text + f"\nCredit | {i}", f"copy-{i}.txt")
        for i, original in enumerate(seed_articles[:3])
    ]
    again = extract_article("Another desk\n" + copies[0].text, "copy-of-copy.txt")
    assert len(copies) + 1 <= _LOOKUPS
    expected = []
    with store.engine.connect() as conn:
        whole, stored = _near_index(conn), _StoredNear(conn)
        for article in [*copies, again]:
            digest = simhash(article.text)
            expected.append(whole.nearest(article.id, digest))
            assert stored.nearest(article.id, digest) == expected[-1]
            whole.add(article.id, digest)
            stored.add(article.id, digest)
    assert expected[0] == seed_articles[0].id and expected[3] is not None
    results = store.add_articles([*copies, again])
    assert [r.duplicate_of if r.status == "near-duplicate" else None for r in results] == expected


def test_touched_since_names_the_articles_added_or_edited_and_nothing_else_changed(store, seed_articles):
    from lib import corrections as c

    first, second, third = seed_articles[:3]
    store.add_articles([first])
    store.put_analyses([analyze_article(first)])
    version = analyzer_version()
    start = store.state(version)
    assert start.fingerprint == store.fingerprint() and start.analysed == 1
    time.sleep(0.002)
    store.add_articles([second])
    after = store.state(version)
    # With the article last touched before (the bound is inclusive), found unchanged by the caller.
    assert set(store.touched_since(start, after) or []) == {first.id, second.id}
    time.sleep(0.002)
    store.update_metadata(first.id, {"outlet": "Edited Times"})
    assert set(store.touched_since(after, store.state(version)) or []) == {first.id, second.id}
    # Anything else: a removal (even with an addition), an exclusion, a correction, another version.
    before = store.state(version)
    store.delete_articles([second.id])
    store.add_articles([third])
    assert store.touched_since(before, store.state(version)) is None
    before = store.state(version)
    store.set_excluded([third.id], True)
    assert store.touched_since(before, store.state(version)) is None
    before = store.state(version)
    said = analyze_article(first).quotes[0]
    store.save_correction(c.speaker_fix(first.id, said.start, said.end, said.speaker, "Joe Biden"))
    assert store.touched_since(before, store.state(version)) is None
    assert store.touched_since(store.state(version), store.state("other")) is None
    assert set(store.revisions(version, ids=[first.id, "unknown"])) == {first.id}
