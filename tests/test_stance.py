import pytest

from lib.stance import find_cues, quote_targets, score_cues, statement_signals
from tests.conftest import analyse_text

# (statement, [(cue, polarity)])
CUES = [
    ("NATO poses no threat to Russia", [("no threat", 1)]),
    ("We will not compromise on key principles", [("not compromise", -1)]),
    ("it has no plans to invade Ukraine", [("invade", 1)]),
    ("there will be economic sanctions", [("sanctions", -1)]),
    ("We are ready to engage in political dialogue", [("dialogue", 1)]),
    ("the biggest deployment since the end of the Cold War", [("deployment", -1)]),
    ("without any prior warning", [("warning", -1)]),
    ("the US did not respond to Russia's main demands", [("demands", -1)]),
]


@pytest.mark.parametrize(("text", "expected"), CUES)
def test_find_cues(text, expected):
    assert [(c.cue, c.polarity) for c in find_cues(text)] == expected


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("We are ready to engage in dialogue and talks and seek a peaceful solution.", "conciliatory"),
        ("They will pay a high price, there will be sanctions, we warn them.", "confrontational"),
        ("We are ready for dialogue. We are also ready to respond if Russia prefers armed conflict.", "mixed"),
        ("The meeting took place on Tuesday.", "neutral"),
    ],
)
def test_score_labels(text, label):
    assert score_cues(statement_signals(find_cues(text))).label == label


def test_each_class_counts_once_per_statement():
    cues = find_cues("attack, attack, attack and an offensive")
    assert len(cues) == 4
    assert len(statement_signals(cues)) == 1


def test_targets_exclude_the_speaker_side():
    _, mentions, quotes, _ = analyse_text("Stoltenberg said that NATO poses no threat to Russia.")
    assert quote_targets(quotes[0], mentions) == ["Russia"]
