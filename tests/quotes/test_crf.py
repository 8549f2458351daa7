"""The attribution CRF: tokenizer, BIO reading of brat files, the shipped weights, training end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.quotes.crf import build_units, load_model, spans_from_tags, tokenize
from lib.quotes.train import gold_tags, read_folder, read_spans, train
from lib.text import split_sentences
from tests.conftest import DATA


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("“We won,” he said.", ["“", "We", "won", ",", "”", "he", "said", "."]),
        ('"No," she said', ['"', "No", ",", '"', "she", "said"]),
        ("''Never'' he wrote", ["''", "Never", "''", "he", "wrote"]),
        ("«Non», a-t-il dit", ["«", "Non", "»", ",", "a", "-", "t", "-", "il", "dit"]),
        ("It didn’t cost $1,500.50 today", ["It", "didn’t", "cost", "$", "1,500.50", "today"]),
        ("the ‘plan’ is dead", ["the", "‘", "plan", "’", "is", "dead"]),
    ],
)
def test_tokenize_keeps_quotation_marks_apart(text: str, tokens: list[str]) -> None:
    found = tokenize(text)
    assert [t[2] for t in found] == tokens
    assert all(text[s:e] == w for s, e, w in found)


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["B-SOURCE", "I-SOURCE", "B-CUE", "O"], [("SOURCE", 0, 2), ("CUE", 2, 3)]),
        (["I-CONTENT", "I-CONTENT", "B-CONTENT"], [("CONTENT", 0, 2), ("CONTENT", 2, 3)]),
        (["O", "I-CUE", "I-SOURCE"], [("CUE", 1, 2), ("SOURCE", 2, 3)]),
    ],
)
def test_spans_from_tags(tags: list[str], spans: list[tuple[str, int, int]]) -> None:
    assert spans_from_tags(tags) == spans


def test_gold_tags_nested_and_discontinuous(tmp_path: Path) -> None:
    text = "“We stay,” Ann Lee said, “and we fight.”"
    ann = tmp_path / "a.ann"
    ann.write_text(
        "T1\tContent 1 8;26 39\tWe stay and we fight.\nT2\tSource 11 18\tAnn Lee\nT3\tCue 19 23\tsaid\n",
        encoding="utf-8",
    )
    tags = gold_tags(tokenize(text), read_spans(ann))
    words = [t[2] for t in tokenize(text)]
    labelled = dict(zip(words, tags, strict=True))
    assert labelled["We"] == "B-CONTENT" and labelled["stay"] == "I-CONTENT"
    assert labelled["Ann"] == "B-SOURCE" and labelled["Lee"] == "I-SOURCE" and labelled["said"] == "B-CUE"
    assert labelled["and"] == "B-CONTENT" and labelled["fight"] == "I-CONTENT"


@pytest.mark.parametrize(
    ("text", "content", "cue", "source"),
    [
        ("“We will not retreat from this plan,” the minister said on Tuesday.", "retreat", "said", "minister"),
        ("“Taxes must fall next year,” said Maria Lopez, a senator.", "Taxes", "said", "Lopez"),
        ('"We will not retreat," Lopez said.', "retreat", "said", "Lopez"),
        ("“Taxes must fall next year,” said Senator Maria Lopez.", "Taxes", "said", "Lopez"),
        ("Governor Tom Baker said that the state would close its schools.", "schools", "said", "Baker"),
        ("The company’s chief executive warned that prices would rise again.", "prices", "warned", "executive"),
    ],
)
def test_shipped_weights_label_a_made_up_sentence(text: str, content: str, cue: str, source: str) -> None:
    sentences = split_sentences(text)
    found = load_model().attributions(text, sentences)
    assert found, text
    best = max(found, key=lambda a: a.confidence)
    assert content in text[best.content[0] : best.content[1]]
    assert best.cue is not None and text[best.cue[0] : best.cue[1]] == cue
    assert best.source is not None and source in text[best.source[0] : best.source[1]]
    assert source not in text[best.content[0] : best.content[1]]
    assert 0.0 < best.confidence <= 1.0
    assert best.sentence_index == 0


def test_sentence_without_attribution_is_not_tagged() -> None:
    text = "The river rose by two metres overnight. Roads were closed."
    assert load_model().attributions(text, split_sentences(text)) == []


def test_units_keep_neighbours_inside_the_paragraph() -> None:
    text = "One. Two. Three.\n\nFour. Five."
    sentences = split_sentences(text)
    units = build_units(text, sentences, [False, True, False, False, True], context=1)
    assert [[s.text for s in u.sentences] for u in units] == [["One.", "Two.", "Three."], ["Four.", "Five."]]
    assert [[s.text for s in u.sentences] for u in build_units(text, sentences, [True] + [False] * 4, 0)] == [["One."]]


_FIXTURE = [
    ("“We will build it,” Ann Lee said.", [("Content", 1, 17), ("Source", 20, 27), ("Cue", 28, 32)]),
    ("Bob Stone said the plan was dead.", [("Source", 0, 9), ("Cue", 10, 14), ("Content", 15, 32)]),
    ("“Prices rise,” said Carla Diaz.", [("Content", 1, 12), ("Cue", 15, 19), ("Source", 20, 30)]),
]


def _write_fixture(folder: Path) -> None:
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    for n, (text, spans) in enumerate(_FIXTURE * 3):
        (folder / "text" / f"a{n}.txt").write_text(text + "\n\nThe weather was fine.\n", encoding="utf-8")
        lines = [f"T{i + 1}\t{label} {s} {e}\t{text[s:e]}" for i, (label, s, e) in enumerate(spans)]
        ids = {label: f"T{i + 1}" for i, (label, _, _) in enumerate(spans)}
        lines.append(f"E1\tAttribution:{ids['Cue']} Content:{ids['Content']} Cue:{ids['Cue']} Source:{ids['Source']}")
        (folder / "attributions" / f"a{n}_x1.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_training_end_to_end(tmp_path: Path) -> None:
    _write_fixture(tmp_path / "data")
    articles = list(read_folder(tmp_path / "data"))
    assert len(articles) == 9
    out = train(articles, tmp_path / "model.crfsuite", params={"c1": 0.0, "c2": 0.01, "max_iterations": 50})
    model = load_model(out)
    text = "“We will build it,” Ann Lee said."
    found = model.attributions(text, split_sentences(text))
    assert found and found[0].cue is not None and text[found[0].cue[0] : found[0].cue[1]] == "said"


@pytest.mark.data
@pytest.mark.skipif(not (DATA / "polnear_dev").is_dir(), reason="needs ../shared/data/polnear_dev")
def test_dev_figures_hold() -> None:
    from lib.quotes.train import evaluate_model

    result = evaluate_model(DATA / "polnear_dev")
    # Measured 0.689 and 0.622 for the shipped weights: a guard against regressions, not a target.
    assert result["span_f1"]["SOURCE"]["f1"] >= 0.65
    assert result["speaker_recall_named"] >= 0.6


def test_the_features_read_the_cue_lists_the_weights_were_trained_with(tmp_path: Path) -> None:
    from lib.quotes import crf
    from lib.quotes.lexicon import load_speech
    from lib.quotes.train import snapshot_lexicon
    from lib.resources import load_yaml

    # The shipped snapshot keeps the lists of training time, whatever speech.yml says now.
    assert "believes" in crf.load_lexicon().cues and "believes" in load_speech().cognition
    # Retraining takes speech.yml's lists as they are.
    written = load_yaml(snapshot_lexicon(tmp_path / "lexicon.yml"))
    speech = load_yaml(crf.data_path("speech.yml"))
    assert all(written[key] == (speech.get(key) or []) for key in crf.LEXICON_KEYS)
    crf.load_lexicon.cache_clear()
    crf._word.cache_clear()


@pytest.mark.parametrize("weights", ["shipped", "trained"])
def test_state_features_read_from_the_file_are_what_the_tagger_dumps(weights: str, tmp_path: Path) -> None:
    import pycrfsuite

    from lib.quotes import crf

    path = crf.data_path(crf.MODEL_FILE)
    if weights == "trained":  # a file written here, with labels and attributes of its own
        _write_fixture(tmp_path / "data")
        path = train(list(read_folder(tmp_path / "data")), tmp_path / "model.crfsuite",
                     params={"c1": 0.0, "c2": 0.01, "max_iterations": 20})  # fmt: skip
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    found = crf.state_features(path)
    assert {(attr, label): weight for attr, label, weight in found} == tagger.info().state_features
    assert len(found) == len(tagger.info().state_features)


def test_weights_written_elsewhere_keep_the_shipped_lexicon_snapshot(tmp_path: Path, monkeypatch) -> None:
    """A fold trained to measure (``--tuning-fifth --out PATH``) must not rewrite the cue lists
    that the shipped weights' features read; retraining the shipped weights does."""
    from lib.quotes import train as training
    from lib.resources import data_path

    folder = tmp_path / "polnear"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "a.txt").write_text("“We stay,” Ann Lee said.", encoding="utf-8")
    (folder / "attributions" / "a_x.ann").write_text(
        "T1\tContent 1 8\tWe stay\nT2\tSource 11 18\tAnn Lee\nT3\tCue 19 23\tsaid\n", encoding="utf-8"
    )
    snapshots: list[object] = []
    monkeypatch.setattr(training, "snapshot_lexicon", lambda path=None: snapshots.append(path))
    monkeypatch.setattr(training, "train", lambda articles, out, **kw: out)
    training.train_folder(folder, tmp_path / "fold.crfsuite")
    assert snapshots == []
    training.train_folder(folder, data_path("attribution.crfsuite"))
    assert len(snapshots) == 1
