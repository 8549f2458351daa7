"""Article text as escaped HTML with actors, statements and figures highlighted.

All text is escaped (``html.escape``): an article holding ``<script>`` shows those
characters and runs nothing. Only the spans built here carry markup.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

STYLE = """
<style>
.sw-text { line-height: 1.7; font-size: 0.98rem; }
.sw-sent { border-radius: 3px; padding: 1px 0; }
.sw-focus { outline: 2px solid #f0b429; background: #fff7e0; }
.sw-actor { border-bottom: 2px solid #3182bd; background: #e8f1fa; }
.sw-quote { background: #f3ecfa; }
.sw-figure { background: #ffe8cc; font-weight: 600; }
.sw-term { background: #fff3a3; font-weight: 600; }
.sw-pol { font-size: 0.7rem; color: #555; vertical-align: super; margin: 0 2px; }
.sw-pos { color: #1a7f37; } .sw-neg { color: #b42318; }
.sw-speaker { font-size: 0.72rem; color: #6b4fa0; font-weight: 600; margin-right: 2px; }
</style>
"""


@dataclass(frozen=True)
class Mark:
    """A span to highlight: ``kind`` is actor | quote | figure | term; ``label`` shows on hover."""

    start: int
    end: int
    kind: str
    label: str = ""


def render(
    text: str,
    marks: Sequence[Mark],
    *,
    sentences: Sequence[tuple[int, int, float | None]] = (),
    focus_sentence: int | None = None,
) -> str:
    """HTML for ``text``: inline marks (they may nest but not cross: a crossing mark is
    clipped), sentence polarity as a small superscript after each sentence, paragraphs
    kept, the focused sentence outlined (with an anchor ``sw-focus`` to scroll to)."""
    events: list[tuple[int, int, str]] = []  # (position, order, html)
    for index, (start, end, polarity) in enumerate(sentences):
        focus = " sw-focus" if index == focus_sentence else ""
        anchor = ' id="sw-focus"' if focus else ""
        events.append((start, 0, f'<span class="sw-sent{focus}"{anchor} data-sentence="{index}">'))
        badge = ""
        if polarity is not None and polarity == polarity:
            tone = "sw-pos" if polarity > 0.05 else "sw-neg" if polarity < -0.05 else ""
            badge = f'<span class="sw-pol {tone}" title="sentence polarity">{polarity:+.2f}</span>'
        events.append((end, 3, f"</span>{badge}"))
    for mark in sorted(marks, key=lambda m: (m.start, -(m.end - m.start))):
        if mark.end <= mark.start:
            continue
        title = f' title="{html.escape(mark.label, quote=True)}"' if mark.label else ""
        prefix = ""
        if mark.kind == "quote" and mark.label:
            prefix = f'<span class="sw-speaker">[{html.escape(mark.label)}]</span>'
        events.append((mark.start, 1, f'{prefix}<span class="sw-{mark.kind}"{title}>'))
        events.append((mark.end, 2, "</span>"))
    events.sort(key=lambda e: (e[0], e[1]))
    out = [STYLE, '<div class="sw-text">']
    position = 0
    depth = 0
    for point, order, tag in events:
        point = min(max(point, position), len(text))
        out.append(_escape(text[position:point]))
        position = point
        if order in (0, 1):
            depth += 1
            out.append(tag)
        elif depth > 0:
            depth -= 1
            out.append(tag)
    out.append(_escape(text[position:]))
    out.append("</span>" * depth)
    out.append("</div>")
    return "".join(out)


def _escape(text: str) -> str:
    return html.escape(text).replace("\n\n", "<br><br>").replace("\n", "<br>")


def snippet(text: str, start: int, end: int, marks: Sequence[Mark]) -> str:
    """One sentence (``text[start:end]``) with the marks inside it, as escaped HTML."""
    inner = [
        Mark(max(m.start, start) - start, min(m.end, end) - start, m.kind, m.label)
        for m in marks
        if m.start < end and m.end > start
    ]
    return render(text[start:end], inner)


FOCUS_ANCHOR = "sw-focus"  # the id ``render`` gives the focused sentence


def scroll_script(anchor: str = FOCUS_ANCHOR, *, token: str = "") -> str:
    """A script that scrolls the element ``anchor`` to the middle of the view once it is on
    the page (the text may render a moment after the script). ``token`` (the article and
    sentence) makes each focus a new script, so a new focus scrolls again. Holds no text
    from an article: only ``anchor`` and ``token``, both escaped as JSON strings."""
    import json

    def js(value: str) -> str:
        return json.dumps(value).replace("<", "\\u003c")

    return (
        "<script>(() => {"
        f" const anchor = {js(anchor)}; const token = {js(token)};"
        " let tries = 0;"
        " const go = () => {"
        "  const el = document.getElementById(anchor);"
        "  if (el) { el.scrollIntoView({block: 'center'}); return; }"
        "  if (++tries < 100) setTimeout(go, 100);"
        " };"
        " go();"
        "})();</script>"
    )
