"""lib/highlight.py: marks, nesting, sentence badges, and that text is always escaped."""

import pytest

from lib.highlight import Mark, render, snippet


def test_text_and_labels_are_escaped():
    text = 'Lavrov said <script>alert(1)</script> & "more".'
    html = render(text, [Mark(0, 6, "actor", 'Sergey "x" <b>Lavrov</b>')])
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert "<b>Lavrov</b>" not in html


def test_nested_marks_and_quote_speaker():
    text = "“NATO is ready,” Stoltenberg said."
    html = render(text, [Mark(1, 14, "quote", "Jens Stoltenberg"), Mark(1, 5, "actor", "NATO")])
    assert html.index('class="sw-quote"') < html.index('class="sw-actor"')
    assert "[Jens Stoltenberg]" in html
    assert html.count("<span") == html.count("</span>")


def test_crossing_marks_stay_balanced():
    html = render("abcdefghij", [Mark(0, 6, "actor"), Mark(3, 9, "figure")])
    assert html.count("<span") == html.count("</span>")
    assert "abc" in html and "ghi" in html.replace("</span>", "")


def test_sentence_badges_and_focus():
    text = "Good talks. Bad shelling."
    html = render(text, [], sentences=[(0, 11, 0.7), (12, 25, -0.7)], focus_sentence=1)
    assert "+0.70" in html and "-0.70" in html
    assert html.count('id="sw-focus"') == 1 and 'data-sentence="1"' in html


def test_snippet_clips_marks_to_the_sentence():
    text = "First sentence here. Russia massed 100,000 troops."
    html = snippet(text, 21, len(text), [Mark(0, 5, "actor", "x"), Mark(21, 27, "actor", "Russia")])
    assert "First" not in html and 'class="sw-actor"' in html and "Russia" in html


@pytest.mark.parametrize("token", ["a1:3", "</script><script>alert(1)</script>", "quote\"s and 'apostrophes'"])
def test_scroll_script_cannot_be_broken_out_of(token):
    from lib.highlight import FOCUS_ANCHOR, scroll_script

    script = scroll_script(token=token)
    inner = script.removeprefix("<script>").removesuffix("</script>")
    assert script.startswith("<script>") and "</" not in inner and "<script" not in inner
    assert f'"{FOCUS_ANCHOR}"' in script and "scrollIntoView" in script


def test_the_focused_sentence_carries_the_anchor_the_script_looks_for():
    from lib.highlight import FOCUS_ANCHOR, render

    html = render("One. Two. Three.", [], sentences=[(0, 4, 0.0), (5, 9, 0.0), (10, 16, 0.0)], focus_sentence=1)
    assert html.count(f'id="{FOCUS_ANCHOR}"') == 1 and f'id="{FOCUS_ANCHOR}" data-sentence="1"' in html
