"""The learned pass: statements the CRF (``crf``, trained on PolNeAR train) finds that the
rules did not, each linked from its source span to a speaker.

Linking (``_Attributor.named_in``), in order: a reference the article already resolves inside the
source span (a dictionary actor, a name given earlier, a surname, a pronoun resolved to a
subject); "the <title>" to its holder in the article; a name the dictionary lacks, kept as
written; in a source with a generic noun, the one person it names ("the Vatican spokesman,
Federico Lombardi"). A source that names no one ("analysts", "a senior official", "The most")
gives no statement: a speaker is never guessed.

The merge rule (``lib.quotes.merge``): a statement the rules found wins; a quote the rules left
to continue from its neighbour (``Collector.pending``) is the model's when the model names its
source in the quote's own sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from lib.quotes.attributor import _Attributor
from lib.quotes.lexicon import _MARKS
from lib.quotes.merge import Collector
from lib.quotes.speakers import _Ref, _Speakers
from lib.resources import data_path
from lib.types import Mention, Sentence

MODEL_FILE = "attribution.crfsuite"  # the weights, in lib/data/ (see lib/quotes/crf.py)
# Below this mean marginal probability of its content tokens a statement is left out. 0.65, 0.75,
# 0.80 and 0.90 were measured on PolNeAR dev and the real-article spec (so neither is an unseen
# test for this one number): 0.80 keeps PolNeAR precision (named) >= 0.90 and the articles'
# speaker precision >= 0.92 for the most recall.
MIN_CONFIDENCE = 0.80
# A source span that is a capitalised name and nothing else (after its titles).
_NAME_ONLY = re.compile(r"[A-Z][a-z][\w'’-]*(?:\s+[A-Z][\w'’.-]*){0,2}")
# A first and last name (with an initial between): a person a source span names.
_PERSON_RUN = re.compile(r"(?<![\w.])[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z][\w'’-]+)+")
# The content of a statement the model may add: at least this many words.
MIN_WORDS = 4


def available(path: Path | None = None) -> bool:
    return (path or data_path(MODEL_FILE)).exists()


def _person_in(attributor: _Attributor, start: int, end: int) -> _Ref | None:
    """The one person a source span names by first and last name ("April Mellody, a
    spokeswoman for …"), else None."""
    people = []
    for run in _PERSON_RUN.finditer(attributor.text, start, end):
        if run.group().split()[0] in attributor.lexicon.not_names:
            continue
        ref = attributor.named_in(run.start(), run.end())
        if ref is not None and ref.person:
            people.append(ref)
    return people[0] if len({p.speaker for p in people}) == 1 else None


def model_pass(
    collector: Collector,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    attributor: _Attributor,
    speakers: _Speakers,
    *,
    path: Path | None = None,
    min_confidence: float = MIN_CONFIDENCE,
    thoughts: bool = False,
) -> None:
    """Offer the model's statements; the merge rule keeps those the rules did not find."""
    if not available(path):
        return
    from lib.quotes.crf import load_model  # python-crfsuite is loaded only when the weights are there

    model = load_model(path)
    text = collector.text
    for found in model.attributions(text, sentences, mentions, covered=collector.covered):
        start, end = found.content
        if found.source is None or found.confidence < min_confidence:
            continue
        if len(text[start:end].split()) < MIN_WORDS:
            continue
        if any(s < end and start < e for s, e in collector.covered):
            continue  # the rules have it
        # A quote the rules left without an attribution of its own, to continue the one before
        # it, is the model's when the model finds its source in its own sentence: named there, a
        # continuation only inferred. A source in another sentence ("“…” Blinken said:" after
        # it) is more often the next speaker's.
        taken = [(s, e) for s, e in collector.pending if s < end and start < e]
        if taken and collector.sentence_at(found.source[0]) != collector.sentence_at(found.content[0]):
            continue
        direct = bool(_MARKS.match(text, start))
        while start < end and (_MARKS.match(text, start) or text[start] in " ,"):
            start += 1  # the model's span takes the quotation marks in: the statement is inside them
        while end > start and (_MARKS.match(text, end - 1) or text[end - 1] in " ,"):
            end -= 1
        if text.startswith("that ", start):
            start += 5  # "saying that …": what was said begins after the conjunction
        source = text[found.source[0] : found.source[1]]
        if any(word.lower().strip(",.") in attributor.lexicon.generic_speakers for word in source.split()):
            # "three US officials", "analysts": an unnamed source is no speaker; but "the Vatican
            # spokesman, Federico Lombardi," names one: the person in it speaks.
            ref = _person_in(attributor, *found.source)
            if ref is None:
                continue
        else:
            # Only a speaker the article itself resolves (a dictionary or open-vocabulary actor, a
            # surname, a pronoun's antecedent): a loose capitalised word the model marked is not one.
            ref = attributor.named_in(*found.source, known_only=True)
        bare = attributor.lexicon.leading_titles.sub("", source.strip())
        if ref is None and _NAME_ONLY.fullmatch(bare) and bare.split()[0] not in attributor.lexicon.not_names:
            # The source span is a name and nothing else ("Gingrich", "Sen. Jon Tester"): a person
            # the article names once; kept as written.
            ref = attributor.named_in(*found.source)
        if ref is None:
            continue
        direct = direct or bool(start and _MARKS.fullmatch(text[start - 1 : start]))
        cue = text[found.cue[0] : found.cue[1]] if found.cue else "(model)"
        after_cue = text[found.cue[1] : found.cue[1] + 12].split()[:1] if found.cue else []
        if {w.lower().strip(",.") for w in [*cue.split()[-1:], *after_cue]} & attributor.lexicon.reflexives:
            continue  # "he may tell himself “…”": speech to oneself, a thought
        if cue.split()[-1].lower() in attributor.lexicon.topic_prepositions:
            continue  # "said about the talks": what was spoken about, not what was said
        if not thoughts and any(word in attributor.lexicon.cognition for word in cue.lower().split()[:2]):
            continue  # "believes", "wants to": a thought or a wish, no statement
        if collector.add(ref, start, end, direct=direct, cue=cue, surface=text[found.source[0] : found.source[1]]):
            collector.pending = [span for span in collector.pending if span not in taken]
