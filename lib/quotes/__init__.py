"""Who says what: direct quotes and reported speech, each attributed to a speaker.

Direct quotes are spans between quotation marks (straight, curly, guillemets, „…“) or a
paragraph opened by a dash and closed by "- said X" (the convention of many translated
articles), or an embedded tweet ("… — Jens Stoltenberg (@jensstoltenberg) February 18,
2022"). Their speaker is found, in order:
1. after the quote: "“…,” Stoltenberg said", "“…,” said the secretary general";
2. before it, in the same sentence: "Stoltenberg said in a statement, “…”", "X: “…”";
3. a quote with neither continues the previous quote of its paragraph.
Reported speech is a reporting cue with its content: "X said (that) …", "…, X said.",
"according to X, …". The speaker is the name, alias or title nearest before the cue with
nothing but adverbs between ("Russia has also stated"), skipping an apposition
("Bruno Kahl, Head of the BND, said"); after "and" ("… and said") it is the subject of the
sentence; "he" and "she" go to the last person named, "the political scientist" to the
last person named at all.

The passes (one module each) offer candidates to one merge rule (``merge``): ``shapes``
(tweets, transcript turns, dash dialogue), ``direct`` (quotation marks), ``reported``
(reporting cues; verdicts in the passive, "denounced by X as Y"), then the learned attribution model (``model``, a CRF trained on PolNeAR
train) for what the rules did not find. ``speakers`` and ``attributor`` link a span of text
to a speaker. The cue lexicon is ``lib/data/speech.yml``. Speakers in the actor dictionary get their
canonical name; others keep their name as written (a surname alone goes back to the full
name given earlier in the article).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from lib.actors import Dictionary
from lib.quotes.attributor import _Attributor
from lib.quotes.direct import _quote_spans, direct_pass
from lib.quotes.lexicon import SpeechLexicon, load_speech
from lib.quotes.merge import Collector
from lib.quotes.model import MIN_CONFIDENCE, model_pass
from lib.quotes.reported import passive_pass, reported_pass
from lib.quotes.shapes import Transcript, attributed_pass, dash_pass, transcript_pass, tweet_pass
from lib.quotes.speakers import _Speakers
from lib.text import caption_spans, headline_span, paragraph_spans
from lib.types import Mention, Quote, Sentence

__all__ = ["SpeechLexicon", "find_quotes", "load_speech"]


# A straight double mark with blank space on both sides opens and closes nothing: what is left
# where a scraper dropped a caption or an embed ("… nerve." '' She called …").
_LONE_MARK = re.compile(r"(?:(?<=\s)|^)(?:''|\")(?=\s|$)")


def _typeset(text: str) -> str:
    """Two apostrophes or backticks used as a double quotation mark (``''…''``, the New York
    Times archive and LDC convention) and a double prime become one mark, and a lone straight
    mark a blank, at the same offsets."""
    if "''" not in text and "``" not in text and ' " ' not in text and "″" not in text:
        return text
    text = _LONE_MARK.sub(lambda m: " " * len(m.group()), text)
    # a double prime typed for a closing mark ("… time for action,″ Kallas told")
    return text.replace("''", ' "').replace("``", ' "').replace("″", '"')


def find_quotes(
    text: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    dictionary: Dictionary,
    *,
    lexicon: SpeechLexicon | None = None,
    model: bool = True,
    thoughts: bool = False,
    model_path: Path | None = None,
    min_confidence: float | None = None,
    captions: Sequence[tuple[int, int]] | None = None,
) -> list[Quote]:
    """Direct and reported statements in ``text`` with their speakers, in text order; with
    ``model`` false, the rules alone (to measure what the learned pass adds); ``model_path`` and
    ``min_confidence`` read other weights or another threshold than the shipped ones (to
    measure them: ``lib.quotes.train.threshold_sweep``). With ``thoughts``,
    attributions of beliefs and wishes too ("X believes …", "Y wants …"), and media that report
    as sources ("CBS said it was cancelling …"): PolNeAR's notion of attribution, which the
    statements an analyst reads leave out. ``captions``: the text's photo captions
    (``lib.text.caption_spans``) when the caller has them, else found here."""
    lexicon = lexicon or load_speech(thoughts=thoughts)
    if not sentences:
        return []
    original, text = text, _typeset(text)
    paragraphs = paragraph_spans(text)
    spans_by_paragraph = [
        [(p_start + a, p_start + b) for a, b in _quote_spans(text[p_start:p_end])] for p_start, p_end in paragraphs
    ]
    # Spans nobody speaks in: photo captions run into the text, and the headline (which
    # PolNeAR's attributions, ``thoughts``, annotate).
    unspoken = list(caption_spans(text, sentences) if captions is None else captions)
    headline = None if thoughts else headline_span(text)
    if headline is not None:
        unspoken.append(headline)
    speakers = _Speakers(
        text,
        sentences,
        mentions,
        dictionary,
        lexicon,
        [span for spans in spans_by_paragraph for span in spans],
        unspoken=unspoken,
    )
    attributor = _Attributor(text, sentences, speakers, lexicon)
    collector = Collector(
        text,
        original,
        sentences,
        paragraphs,
        lexicon.furniture,
        lexicon.furniture_markers,
        speakers=speakers,
        media_heads=lexicon.media_heads,
        media_suffixes=lexicon.media_suffixes,
        media_speak=thoughts,
        source_participles=lexicon.source_participles,
        unspoken=unspoken,
    )
    speakers.adopt(attributor.lone_speakers(collector.is_medium))
    transcript = Transcript(text, paragraphs, lexicon, dictionary)
    attributed_pass(collector, paragraphs, attributor)
    for index, (paragraph, spans) in enumerate(zip(paragraphs, spans_by_paragraph, strict=True)):
        rest = tweet_pass(collector, paragraph, speakers)
        if rest > paragraph[0]:
            paragraph = (rest, paragraph[1])
            spans = [(start, end) for start, end in spans if start >= rest]
        if transcript_pass(collector, index, transcript, speakers, mentions) or dash_pass(
            collector, paragraph, attributor
        ):
            continue
        direct_pass(collector, paragraph, spans, attributor, speakers)
    reported_pass(collector, sentences, attributor, lexicon)
    passive_pass(collector, sentences, attributor)
    if model:
        model_pass(
            collector,
            sentences,
            mentions,
            attributor,
            speakers,
            thoughts=thoughts,
            path=model_path,
            min_confidence=MIN_CONFIDENCE if min_confidence is None else min_confidence,
        )
    collector.continue_pending()
    return collector.result()
