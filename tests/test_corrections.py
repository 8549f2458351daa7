"""Corrections (lib.corrections): applied by span and original value, surviving a changed
analysis where they still fit, and reported where they no longer do."""

from __future__ import annotations

import dataclasses

import pytest

from lib import corrections as c
from lib.tables import build_tables, speaker_stance
from lib.types import Article, ArticleAnalysis, Figure, Mention, Quote, Sentence

TEXT = (
    "Lavrov said talks with NATO could resume. Stoltenberg warned that Russia had massed 100,000 troops on the border."
)
ARTICLE = Article(id="a1", file="a1.txt", text=TEXT, outlet="Example Daily")


def quote(speaker: str, start: int, end: int, rollup: str | None = None) -> Quote:
    return Quote(speaker, rollup or speaker, TEXT[start:end], start, end, 0, False, "said", speaker)


def figure(value: float, start: int, end: int, about: str | None = "Russia") -> Figure:
    return Figure(value, "troops", "troops", None, about, "count", None, start, end, 1, TEXT[start:end])


TALKS = (12, 41)  # "talks with NATO could resume."
WARNING = (61, 113)
TROOPS = (84, 98)  # "100,000 troops"


def analysis(*, quotes=None, figures=None) -> ArticleAnalysis:
    return ArticleAnalysis(
        article_id="a1",
        analyzer_version="test",
        sentences=(Sentence(0, 0, 41, TEXT[:41], 0), Sentence(1, 42, len(TEXT), TEXT[42:], 0)),
        mentions=(
            Mention("Sergey Lavrov", "person", "Russia", 0, 6, "Lavrov", 0, "name"),
            Mention("NATO", "organisation", "NATO", 23, 27, "NATO", 0, "name"),
            Mention("Jens Stoltenberg", "person", "NATO", 42, 53, "Stoltenberg", 1, "name"),
        ),
        quotes=tuple(
            quotes
            if quotes is not None
            else [quote("NATO", *TALKS), quote("Jens Stoltenberg", *WARNING, rollup="NATO")]
        ),
        figures=tuple(figures if figures is not None else [figure(100000.0, *TROOPS)]),
        sentiment=({"textblob": (0.0, 0.0)}, {"textblob": (0.0, 0.0)}),
    )


def test_a_speaker_fix_gives_the_statement_to_the_new_speaker_and_marks_it():
    fix = c.speaker_fix("a1", *TALKS, "NATO", "Sergey Lavrov")
    done = c.apply_corrections(analysis(), [fix])
    assert done.applied == (fix,) and done.stale == ()
    first = done.analysis.quotes[0]
    assert first.speaker == "Sergey Lavrov" and first.speaker_rollup == "Russia"  # rollup from the mentions
    assert first.corrected == "speaker was NATO"
    assert first.text == TEXT[slice(*TALKS)] and done.analysis.quotes[1].corrected is None


def test_a_name_the_article_does_not_mention_speaks_for_itself_or_the_rollup_given():
    typed = c.speaker_fix("a1", *TALKS, "NATO", "  Maria   Zakharova ")
    assert c.apply_corrections(analysis(), [typed]).analysis.quotes[0].speaker_rollup == "Maria Zakharova"
    known = c.speaker_fix("a1", *TALKS, "NATO", "Maria Zakharova", speaker_rollup="Russia")
    assert c.apply_corrections(analysis(), [known]).analysis.quotes[0].speaker_rollup == "Russia"


def test_a_removed_statement_and_a_removed_figure_are_gone():
    done = c.apply_corrections(
        analysis(),
        [c.statement_removal("a1", *TALKS, "NATO"), c.figure_removal("a1", *TROOPS, 100000.0)],
    )
    assert [q.speaker for q in done.analysis.quotes] == ["Jens Stoltenberg"]
    assert done.analysis.figures == () and len(done.applied) == 2


def test_a_figure_fix_changes_value_measure_and_actor_and_says_what_it_was():
    fix = c.figure_fix("a1", *TROOPS, 100000.0, value=10000.0, counted="soldiers", about=None)
    fixed = c.apply_corrections(analysis(), [fix]).analysis.figures[0]
    assert (fixed.value, fixed.counted, fixed.about) == (10000.0, "soldiers", None)
    assert fixed.corrected == "value was 100,000; measure was troops; actor was Russia"
    assert fixed.surface == "100,000 troops"  # the words stay as written


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        # The same span after a re-analysis: still applies.
        ({}, "applied"),
        # The statement's span moved a little (the engine now keeps the full stop out): overlapping, applies.
        ({"quotes": [quote("NATO", TALKS[0], TALKS[1] - 1)]}, "applied"),
        # The engine now gives the statement to someone else: the original no longer holds.
        ({"quotes": [quote("Sergey Lavrov", *TALKS)]}, "no longer applies"),
        # The engine no longer finds the statement at all.
        ({"quotes": [quote("Jens Stoltenberg", *WARNING)]}, "no longer applies"),
    ],
)
def test_a_correction_survives_a_changed_analysis_only_where_it_still_fits(changed, expected):
    fix = c.speaker_fix("a1", *TALKS, "NATO", "Sergey Lavrov")
    assert c.statuses(analysis(**changed), [fix]) == [(fix, expected)]
    done = c.apply_corrections(analysis(**changed), [fix])
    assert (fix in done.stale) == (expected == c.STALE)
    if expected == c.APPLIED:
        assert done.analysis.quotes[0].speaker == "Sergey Lavrov"


def test_a_figure_whose_value_the_engine_now_reads_otherwise_is_reported_stale():
    fix = c.figure_fix("a1", *TROOPS, 100000.0, value=10000.0, counted="troops", about="Russia")
    reread = analysis(figures=[figure(1000000.0, *TROOPS)])
    done = c.apply_corrections(reread, [fix])
    assert done.stale == (fix,) and done.analysis.figures[0].value == 1000000.0
    assert c.statuses(None, [fix]) == [(fix, c.STALE)]  # no analysis at all


def test_correcting_a_corrected_statement_keeps_the_engines_original():
    first = dataclasses.replace(c.speaker_fix("a1", *TALKS, "NATO", "Sergey Lavrov"), id=1)
    again = c.speaker_fix("a1", *TALKS, "Sergey Lavrov", "Vladimir Putin", applied=[first])
    assert again.original == "NATO" and (again.start, again.end) == TALKS
    removal = c.statement_removal("a1", *TALKS, "Sergey Lavrov", applied=[first])
    assert removal.original == "NATO"
    # Applied in order against the engine's analysis: the later fix wins.
    assert c.apply_corrections(analysis(), [first, again]).analysis.quotes[0].speaker == "Vladimir Putin"


def test_corrections_of_another_article_are_ignored():
    other = c.speaker_fix("other", *TALKS, "NATO", "Sergey Lavrov")
    done = c.apply_corrections(analysis(), [other])
    assert done.analysis == analysis() and done.applied == done.stale == ()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: c.Correction("a1", "sentence", "remove", 0, 1, "x"), "target"),
        (lambda: c.Correction("a1", "figure", "speaker", 0, 1, "1.0", speaker="x"), "cannot be corrected"),
        (lambda: c.speaker_fix("a1", *TALKS, "NATO", "   "), "speaker"),
        (lambda: c.figure_fix("a1", *TROOPS, 1.0, value=float("nan"), counted="troops", about=None), "value"),
        (lambda: c.figure_fix("a1", *TROOPS, 1.0, value=2.0, counted=" ", about=None), "counted"),
    ],
)
def test_a_correction_that_cannot_be_made_says_why(make, message):
    with pytest.raises(c.CorrectionError, match=message):
        make()


def test_the_stance_rollups_follow_the_new_speaker_and_the_statement_keeps_its_label():
    words = "Stoltenberg said: We will respond with force if Russia attacks."
    article = Article(id="a2", file="a2.txt", text=words)
    said = Quote("Jens Stoltenberg", "NATO", words[18:], 18, len(words), 0, True, "said", "Stoltenberg")
    base = ArticleAnalysis(
        "a2", "test", (Sentence(0, 0, len(words), words, 0),), (), (said,), (), ({"textblob": (0.0, 0.0)},)
    )
    fix = c.speaker_fix("a2", said.start, said.end, said.speaker, "Joe Biden", speaker_rollup="United States")
    before = build_tables([article], [base])
    after = build_tables([article], [c.apply_corrections(base, [fix]).analysis])
    assert after.quotes["stance_label"].tolist() == before.quotes["stance_label"].tolist()
    assert after.quotes["corrected"].tolist() == ["speaker was Jens Stoltenberg"]
    assert set(speaker_stance(after)["speaker"]) == {"Joe Biden"}
    assert set(speaker_stance(after, rollup=True)["speaker"]) == {"United States"}


def test_the_report_lists_each_correction_with_its_status():
    fix = c.figure_fix("a1", *TROOPS, 100000.0, value=10000.0, counted="troops", about="Russia")
    rows = c.report_rows([(fix, c.APPLIED)])
    assert list(rows[0]) == c.REPORT_COLUMNS
    assert rows[0]["status"] == "applied" and rows[0]["change"] == "figure 100,000 → 10,000 troops about Russia"
