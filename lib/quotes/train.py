"""Training and evaluation of the attribution CRF (``lib/quotes/crf.py``) on PolNeAR.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) is brat standoff: ``T`` lines are Source, Cue and
Content spans with character offsets (a discontinuous span is ``a b;c d``), ``E`` lines link them
into attributions. An article annotated twice (``<article>_<annotator>.ann``) is read once, from
the first file in sorted order. Spans become BIO tags over the tokens; where spans nest (a quote
inside a quote), a source or cue wins over the content around it.

Parameters are fixed (``PARAMS``): c1 was chosen on a fifth of train held out from training
(every fifth article in sorted order, ``tuning_split``); ``train_folder`` then fits all of train.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lib.quotes.crf import (
    CONTEXT,
    LABELS,
    AttributionModel,
    Unit,
    build_units,
    features_for,
    gated,
    spans_from_tags,
    tokenize,
)
from lib.types import Mention, Sentence

# Held-out fifth of train (60 iterations): c1 0.1 -> 42 MB, source F1 0.605, named recall 0.564;
# c1 0.5 -> 8.9 MB, 0.605, 0.567; c1 1.5 -> 3.5 MB, 0.590, 0.607. Shipped: c1 1.0 between the two (L1 keeps
# the file small), 100 iterations on all of train (3.2 MB).
PARAMS: dict[str, Any] = {"c1": 1.0, "c2": 0.01, "max_iterations": 100, "feature.possible_transitions": True}
_PRIORITY = {"Content": 0, "Cue": 1, "Source": 2}


@dataclass
class Article:
    name: str
    text: str
    sentences: list[Sentence]
    mentions: list[Mention]
    tokens: list[tuple[int, int, str]]  # every token of every sentence, in order
    tags: list[str]  # gold BIO tag per token
    gold: list[tuple[str, int, int]]  # (source text, content start, content end) per attribution


def read_spans(ann: Path) -> list[tuple[str, list[tuple[int, int]]]]:
    """(label, fragments) of the Source, Cue and Content spans of a brat file."""
    spans = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if not line.startswith("T") or len(parts) < 2:
            continue
        label, _, offsets = parts[1].partition(" ")
        if label not in _PRIORITY:
            continue
        fragments = []
        for fragment in offsets.split(";"):
            try:
                start, end = (int(x) for x in fragment.split())
            except ValueError:
                continue
            if end > start:
                fragments.append((start, end))
        if fragments:
            spans.append((label, fragments))
    return spans


def gold_tags(tokens: Sequence[tuple[int, int, str]], spans: Sequence[tuple[str, list[tuple[int, int]]]]) -> list[str]:
    """BIO tags for ``tokens``: a token takes the label of a fragment it overlaps."""
    starts = [t[0] for t in tokens]
    label: list[str | None] = [None] * len(tokens)
    fragment_of = [-1] * len(tokens)
    fragment_id = 0
    for name, fragments in sorted(spans, key=lambda s: _PRIORITY[s[0]]):
        for start, end in fragments:
            fragment_id += 1
            i = max(0, bisect.bisect_right(starts, start) - 1)
            while i < len(tokens) and tokens[i][0] < end:
                if tokens[i][1] > start:
                    label[i] = name.upper()
                    fragment_of[i] = fragment_id
                i += 1
    tags = []
    for i, current in enumerate(label):
        if current is None:
            tags.append("O")
        elif i > 0 and label[i - 1] == current and fragment_of[i - 1] == fragment_of[i]:
            tags.append("I-" + current)
        else:
            tags.append("B-" + current)
    return tags


def read_folder(folder: Path, *, with_mentions: bool = True) -> Iterator[Article]:
    """The articles of a PolNeAR split (``text/``, ``attributions/``), one annotator each, sorted."""
    from lib.actors import find_mentions, load_dictionary
    from lib.evaluate import _polnear_gold
    from lib.text import split_sentences

    dictionary = load_dictionary()
    seen: set[str] = set()
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        text_path = folder / "text" / f"{name}.txt"
        if name in seen or not text_path.exists():
            continue
        seen.add(name)
        text = text_path.read_text(encoding="utf-8")
        sentences = split_sentences(text)
        mentions = find_mentions(text, sentences, dictionary) if with_mentions else []
        tokens = [t for s in sentences for t in tokenize(text, s.start, s.end)]
        yield Article(name, text, sentences, mentions, tokens, gold_tags(tokens, read_spans(ann)), _polnear_gold(ann))


def unit_tags(article: Article, units: Sequence[Unit]) -> list[list[str]]:
    index = {t[0]: i for i, t in enumerate(article.tokens)}
    return [[article.tags[index[t[0]]] for t in unit.tokens] for unit in units]


def sequences(articles: Sequence[Article], context: int = CONTEXT) -> Iterator[tuple[list[list[str]], list[str]]]:
    """(features, tags) per unit; every sentence of every article is in one unit."""
    for article in articles:
        units = build_units(article.text, article.sentences, None, context)
        feats = features_for(article.text, units, article.sentences, article.mentions)
        for unit, x, y in zip(units, feats, unit_tags(article, units), strict=True):
            if unit.tokens:
                yield x, y


def train(
    articles: Sequence[Article],
    out: Path,
    *,
    params: dict[str, Any] | None = None,
    context: int = CONTEXT,
    log: Callable[[str], None] = lambda _: None,
) -> Path:
    """Fit the CRF on ``articles`` and write it to ``out``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    count = 0
    for x, y in sequences(articles, context):
        trainer.append(pycrfsuite.ItemSequence(x), y)
        count += 1
    trainer.set_params(params or PARAMS)
    out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    trainer.train(str(out))
    log(f"trained on {len(articles)} articles, {count} sequences in {time.perf_counter() - started:.0f} s -> {out}")
    return out


def _f1(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def score(articles: Sequence[Article], model: AttributionModel, *, gate: bool = True) -> dict[str, Any]:
    """Exact-match span F1 and token F1 per label, the gate's loss, named-source recall and
    precision counted as ``lib.evaluate.evaluate_polnear`` counts them, and the tagging time."""
    from lib.evaluate import _named, _speaker_matches

    span_counts = {label: [0, 0, 0] for label in LABELS}
    token_counts = {label: [0, 0, 0] for label in LABELS}
    gold_tokens = {label: 0 for label in LABELS}
    gated_tokens = {label: 0 for label in LABELS}
    named = found_named = reported = correct = unjudged = own_named = own_named_correct = 0
    sentences_seen = 0
    elapsed = 0.0

    def overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
        inter = min(a1, b1) - max(a0, b0)
        return inter > 0 and inter >= 0.3 * min(a1 - a0, b1 - b0)

    for article in articles:
        sentences_seen += len(article.sentences)
        units = (
            model.units(article.text, article.sentences)
            if gate
            else build_units(article.text, article.sentences, None, model.context)
        )
        feats = features_for(article.text, units, article.sentences, article.mentions)
        predicted = ["O"] * len(article.tokens)
        index = {t[0]: i for i, t in enumerate(article.tokens)}
        covered = [False] * len(article.tokens)
        for unit, tags in zip(units, model.tag_units(units, feats), strict=True):
            for token, tag in zip(unit.tokens, tags, strict=True):
                predicted[index[token[0]]] = tag
                covered[index[token[0]]] = True
        for i, tag in enumerate(article.tags):
            if tag != "O":
                gold_tokens[tag[2:]] += 1
                gated_tokens[tag[2:]] += covered[i]
        gold_spans = set(spans_from_tags(article.tags))
        mine = set(spans_from_tags(predicted))
        for label in LABELS:
            g = {s for s in gold_spans if s[0] == label}
            m = {s for s in mine if s[0] == label}
            span_counts[label][0] += len(g & m)
            span_counts[label][1] += len(m - g)
            span_counts[label][2] += len(g - m)
            for gt, pt in zip(article.tags, predicted, strict=True):
                gl, pl = gt[2:], pt[2:]
                if pl == label and gl == label:
                    token_counts[label][0] += 1
                elif pl == label:
                    token_counts[label][1] += 1
                elif gl == label:
                    token_counts[label][2] += 1
        started = time.process_time()  # CPU time: the machine is shared, wall time is not the model's
        attributions = model.attributions(article.text, article.sentences, article.mentions)
        elapsed += time.process_time() - started
        text = article.text
        found = [(a.content, text[a.source[0] : a.source[1]] if a.source else "") for a in attributions]
        for source, start, end in article.gold:
            if not _named(source, text):
                continue
            named += 1
            if any(overlap(c[0], c[1], start, end) and _speaker_matches(source, "", s) for c, s in found):
                found_named += 1
        for content, surface in found:
            reported += 1
            overlapping = [(src, s, e) for src, s, e in article.gold if overlap(content[0], content[1], s, e)]
            mine_named = bool(surface) and _named(surface, text)
            own_named += mine_named
            if surface and any(_speaker_matches(src, "", surface) for src, _, _ in overlapping):
                correct += 1
                own_named_correct += mine_named
            elif overlapping and not any(_named(src, text) for src, _, _ in overlapping):
                unjudged += 1
    judged = reported - unjudged
    return {
        "articles": len(articles),
        "sentences": sentences_seen,
        "span_f1": {label: _f1(*span_counts[label]) for label in LABELS},
        "token_f1": {label: _f1(*token_counts[label]) for label in LABELS},
        "gate_token_recall": {
            label: round(gated_tokens[label] / gold_tokens[label], 4) if gold_tokens[label] else None
            for label in LABELS
        },
        "named_attributions": named,
        "speaker_recall_named": round(found_named / named, 4) if named else None,
        "reported": reported,
        "precision": round(correct / reported, 4) if reported else None,
        "precision_named": round(correct / judged, 4) if judged else None,
        # Of the attributions whose own source span is a name (not "he", not missing): the share
        # whose name matches the gold source; pronouns are left to speaker linking.
        "precision_own_named": round(own_named_correct / own_named, 4) if own_named else None,
        "own_named": own_named,
        "us_per_sentence": round(elapsed / sentences_seen * 1e6, 1) if sentences_seen else None,
    }


def gate_share(articles: Sequence[Article], words: frozenset[str]) -> float:
    """Share of sentences that the gate lets through."""
    total = sum(len(a.sentences) for a in articles)
    passed = sum(gated(s, words) for a in articles for s in a.sentences)
    return round(passed / total, 4) if total else 0.0


def evaluate_model(folder: Path, model_path: Path | None = None) -> dict[str, Any]:
    """Score the shipped CRF (or ``model_path``) on a PolNeAR folder (``polnear_dev``)."""
    from lib.quotes.crf import load_model

    model = load_model(model_path)
    articles = list(read_folder(folder))
    result = score(articles, model)
    result["gate_share"] = gate_share(articles, model.gate)
    return result


def tuning_split(articles: Sequence[Article]) -> tuple[list[Article], list[Article]]:
    """(fit, held out): every fifth article in sorted order is held out for choosing parameters."""
    return [a for i, a in enumerate(articles) if i % 5], [a for i, a in enumerate(articles) if i % 5 == 0]


def snapshot_lexicon(path: Path | None = None) -> Path:
    """Write speech.yml's cue lists as the CRF's feature lexicon (``crf.LEXICON_FILE``), the
    lists the weights about to be trained will be read with."""
    import yaml

    from lib.quotes import crf
    from lib.resources import data_path, load_yaml

    raw = load_yaml(data_path("speech.yml"))
    path = path or data_path(crf.LEXICON_FILE)
    header = (
        "# The reporting-cue word lists the attribution CRF (attribution.crfsuite) was trained with:\n"
        "# a snapshot of speech.yml's lists taken when the weights were fitted (python -m lib\n"
        "# train-attribution writes it again). The CRF's features read these, not speech.yml, so an\n"
        "# edit of the rules' lexicon does not change what the model sees.\n\n"
    )
    body = "".join(
        yaml.safe_dump({key: list(raw.get(key) or [])}, allow_unicode=True, default_flow_style=None, width=110,
                       sort_keys=False)
        for key in crf.LEXICON_KEYS
    )  # fmt: skip
    path.write_text(header + body, encoding="utf-8")
    load_yaml.cache_clear()
    crf.load_lexicon.cache_clear()
    crf._word.cache_clear()
    return path


def train_folder(
    folder: Path, out: Path, *, tuning_fifth: bool = False, log: Callable[[str], None] = lambda _: None
) -> Path:
    """Retrain the weights on a PolNeAR train folder with the fixed ``PARAMS``: on all of it, or
    (``tuning_fifth``) on the four fifths left when ``tuning_split`` holds one out."""
    articles = list(read_folder(folder))
    if tuning_fifth:
        articles = tuning_split(articles)[0]
    if not articles:
        from lib.errors import StancewatchError

        raise StancewatchError(f"{folder}: no PolNeAR articles (expected text/*.txt and attributions/*.ann)")
    from lib.quotes.crf import MODEL_FILE
    from lib.resources import data_path

    if out.resolve() == data_path(MODEL_FILE).resolve():
        # The shipped weights: their features read the cue lists as they are now. Weights written
        # elsewhere (a fold to measure) keep the shipped snapshot, so they compare like with like
        # and the shipped model's features are left as they are.
        snapshot_lexicon()
    return train(articles, out, log=log)


def threshold_sweep(
    folder: Path, thresholds: Sequence[float], *, model_path: Path | None = None
) -> list[dict[str, Any]]:
    """Named-speaker recall and precision (``lib.evaluate.evaluate_polnear``'s counting) of the
    whole pipeline on the fifth of train that ``tuning_split`` holds out, at each threshold of
    the learned pass: with weights fitted on the other four fifths
    (``train-attribution --tuning-fifth --out PATH``) this chooses the threshold, and compares
    parameters, on train alone."""
    from lib.evaluate import evaluate_polnear

    names = sorted(
        {ann.stem.rsplit("_", 1)[0] for ann in (folder / "attributions").glob("*.ann")}
        & {path.stem for path in (folder / "text").glob("*.txt")}
    )
    held = {name for i, name in enumerate(names) if i % 5 == 0}
    rows = []
    for threshold in thresholds:
        result = evaluate_polnear(folder, extras=False, only=held, model_path=model_path, min_confidence=threshold)
        rows.append({"threshold": threshold} | result)
    return rows
