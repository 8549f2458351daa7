"""Sentence splitting with character offsets, without NLTK downloads.

Paragraphs are line-delimited blocks (news text puts one paragraph per line or per
blank-line block; a headline is a line of its own). Inside a paragraph, nupunkt's
default model (pure Python, bundled parameters) finds sentence ends; we adjust it for
news: "day", "week", "month" are not abbreviations, a title abbreviation ("Lt.",
"Gen.") never ends a sentence, and a missing space after a full stop
("declared.Earlier") still ends one.
"""

from __future__ import annotations

import contextlib
import copy
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from lib.resources import data_path, load_yaml, optional_list, require
from lib.types import Sentence
from lib.words import english_words

# Titles that precede a name: a break right after one of them is never a sentence end.
_TITLE_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "adm",
        "cmdr",
        "gov",
        "sen",
        "rep",
        "rev",
        "st",
        "hon",
        "pres",
        "amb",
        "brig",
        "cpl",
        "pvt",
    ]
)
_PARAGRAPH = re.compile(r"[^\n]+")
# "declared.Earlier": a lower-case letter, a stop, an upper-case word, no space.
# (The capital is matched, then the stop before it looked back at: the regex engine skips to
# capitals instead of trying every position; match.start() is the same.)
# And "land.- No, we did not agree": a dialogue dash glued to the stop before it.
_GLUED = re.compile(r"[A-Z](?<=[a-z\)][.!?][A-Z])(?=[a-z])|[-–—](?<=[a-z\)”][.!?][-–—])(?=\s[A-Z“\"])")
_TRAILING_TITLE = re.compile(r"(?:^|\s)([A-Za-z]{1,5})\.$")


def _dropped_abbreviations(abbreviations: frozenset[str]) -> list[str]:
    """The abbreviations of nupunkt's model that are no abbreviations in news
    (``lib/data/sentences.yml``): English words, and words too long to be abbreviations."""
    raw = load_yaml(data_path("sentences.yml"))
    name = str(data_path("sentences.yml"))
    kept = set(optional_list(raw, "kept", path=name, where="(top)"))
    longest = int(require(raw, "max_length", int, path=name, where="(top)"))
    words = english_words()
    dropped = [
        a for a in abbreviations if a.isalpha() and len(a) > 1 and a not in kept and (a in words or len(a) > longest)
    ]
    return sorted(dropped + optional_list(raw, "not_abbreviations", path=name, where="(top)"))


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    import nupunkt

    loaded = nupunkt.load("default")
    # The loaded tokenizer is shared by nupunkt; adjust a private copy.
    tokenizer = copy.deepcopy(loaded)
    for word in _dropped_abbreviations(frozenset(tokenizer.abbreviations)):
        with contextlib.suppress(KeyError, ValueError):
            tokenizer.remove_abbreviation(word)
    return tokenizer


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Non-empty lines, stripped, as (start, end) offsets."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _raw_spans(paragraph: str) -> Iterator[tuple[int, int]]:
    for start, end in _tokenizer().span_tokenize(paragraph):
        cut = start
        for glued in _GLUED.finditer(paragraph, start, end):
            yield cut, glued.start()
            cut = glued.start()
        yield cut, end


_ACRONYM_ALONE = re.compile(r"(?:[A-Z]\.){2,}")


def _merge_titles(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged:
            # The pattern ends at the stop and spans at most eight characters with it: only the
            # previous sentence's tail is searched (the same match, not a scan of the sentence).
            match = _TRAILING_TITLE.search(paragraph[max(merged[-1][0], merged[-1][1] - 8) : merged[-1][1]])
            following = paragraph[start:end].lstrip()[:1]
            alone = _ACRONYM_ALONE.fullmatch(paragraph[merged[-1][0] : merged[-1][1]].strip())
            if (
                (match and match.group(1).lower() in _TITLE_ABBREVIATIONS)
                or (following and following in "),;:]")
                or alone  # "U.S. Ambassador to …": an acronym opening a sentence ends nothing
            ):
                # "Sen. Maria Lopez (D-Ore.), a member …": a stop inside brackets ends nothing.
                merged[-1] = (merged[-1][0], end)
                continue
        merged.append((start, end))
    return merged


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with offsets into ``text``."""
    sentences: list[Sentence] = []
    for paragraph_index, (p_start, p_end) in enumerate(paragraph_spans(text)):
        paragraph = text[p_start:p_end]
        spans = _merge_titles(paragraph, list(_raw_spans(paragraph)))
        for start, end in spans:
            while start < end and paragraph[start].isspace():
                start += 1
            while end > start and paragraph[end - 1].isspace():
                end -= 1
            if end <= start:
                continue
            sentences.append(
                Sentence(
                    index=len(sentences),
                    start=p_start + start,
                    end=p_start + end,
                    text=paragraph[start:end],
                    paragraph=paragraph_index,
                )
            )
    return sentences


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)


_DAY_YEAR = re.compile(r"\d,\s(?:19|20)\d\d")  # "17, 2022": a sentence without one holds no caption


@lru_cache(maxsize=1)
def _caption() -> re.Pattern[str] | None:
    """A photo caption at the start of a sentence: no quotation mark, a verb of ``caption_verbs``
    (``sentences.yml``: present tense), and the full date the photo was taken at its end
    (", Thursday, March 17, 2022.", "… March 30, 2022, in Washington.")."""
    verbs = optional_list(load_yaml(data_path("sentences.yml")), "caption_verbs", path="sentences.yml", where="(top)")
    if not verbs:
        return None
    alternation = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(verbs, key=len, reverse=True))
    return re.compile(
        # who is pictured: the verb follows a capitalised word, a name's ("Putin shakes", "Pelosi,
        # D-Calif., accompanies"), not an article's ("The talks were held")
        rf"(?:FILE\s+PHOTO:\s*)?(?:[A-Z][^\"“”„«»\n]{{0,160}}?\s)?(?!(?:The|A|An|This|That|These|Those)\s)"
        rf"[A-Z][\w.'’-]*,?\s(?:{alternation})\s[^\"“”„«»\n]{{0,300}}?,?\s"
        rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s)?{_MONTH}\s\d{{1,2}},\s(?:19|20)\d{{2}}"
        r"(?:,\s+in\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})?\.(?=\s|$)"
    )


def caption_spans(text: str, sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    """The photo captions run into ``text`` (scraped AP and Fox bodies keep them): each opens a
    sentence, which may run on past it. Nobody speaks in a caption, and what it names or counts
    is not in the article's text."""
    caption = _caption()
    if caption is None:
        return []
    return [
        (s.start, found.end())
        for s in sentences
        if _DAY_YEAR.search(text, s.start, s.end) and (found := caption.match(text, s.start, s.end))
    ]


_HEADLINE_END = re.compile(r"[.!?][\"”’')\]]*$")


def headline_span(text: str, max_words: int = 25) -> tuple[int, int] | None:
    """The article's headline: a first paragraph of one short line that no sentence-final stop
    ends ("Putin accuses US of 'provoking' China amid expected Pelosi trip"; the page title a
    scraper keeps above the body). Nobody is reported there: the body reports it again."""
    paragraphs = paragraph_spans(text)
    if len(paragraphs) < 2:
        return None
    start, end = paragraphs[0]
    line = text[start:end].strip()
    if not line or len(line.split()) > max_words or _HEADLINE_END.search(line):
        return None
    return start, end
