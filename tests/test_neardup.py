"""Near-duplicates (lib.neardup): SimHash distances and the banded index; the store re-exports them."""

from __future__ import annotations

import pytest

from lib import neardup, store


@pytest.mark.parametrize(
    ("make", "near"),
    [
        (lambda text: text, True),
        (lambda text: "Syndicated by another desk\n" + text + "\nCredit | AA", True),
        (lambda text: text[: len(text) // 3], False),
        (lambda text: "Ukraine's president called for talks in Geneva as the army held exercises in the east.", False),
    ],
)
def test_a_copy_is_within_the_bits_and_another_text_is_not(seed_articles, make, near):
    base = seed_articles[3].text
    index = neardup.NearIndex()
    index.add("base", neardup.simhash(base))
    assert (index.nearest("new", neardup.simhash(make(base))) == "base") is near


def test_distance_counts_differing_bits():
    assert neardup.distance(0b1011, 0b0010) == 2
    assert neardup.distance(-1, 0) == 64


@pytest.mark.parametrize(("old", "new"), [("simhash", "simhash"), ("_NearIndex", "NearIndex"),
                                          ("_distance", "distance"), ("NEAR_DUPLICATE_BITS", "NEAR_DUPLICATE_BITS")])  # fmt: skip
def test_the_store_still_offers_the_old_names(old, new):
    assert getattr(store, old) is getattr(neardup, new)
