"""The default corpus against the analyst's hand reading (../shared/spec/seeds_expected.yml)."""

import filecmp

import pytest

from tests.conftest import ROOT, SHARED, SPEC

pytestmark = pytest.mark.skipif(not SPEC.exists(), reason="shared/spec is not beside the project")


@pytest.fixture(scope="module")
def result():
    from lib.evaluate import evaluate_seed_spec

    return evaluate_seed_spec(SPEC, ROOT / "seeds")


def test_seeds_are_the_originals():
    originals = sorted(p.name for p in (SHARED / "seeds").glob("*.txt"))
    assert originals
    _match, mismatch, errors = filecmp.cmpfiles(SHARED / "seeds", ROOT / "seeds", originals, shallow=False)
    assert mismatch == [] and errors == []


@pytest.mark.parametrize(
    ("key", "minimum"),
    [("actors", 1.0), ("figures", 1.0), ("quotes", 0.9), ("stance", 0.8), ("outlet", 1.0), ("date", 1.0)],
)
def test_agrees_with_the_spec(result, key, minimum):
    assert result[key]["rate"] >= minimum, [m for m in result["misses"]]
