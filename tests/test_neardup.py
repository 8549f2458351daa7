"""Near-duplicates (lib.neardup): SimHash distances and the banded index."""

from __future__ import annotations

import pytest

from lib import neardup


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


def test_the_index_finds_what_comparing_every_pair_finds():
    import random

    rng = random.Random(7)
    stored = [(f"a{i}", rng.getrandbits(64) - (1 << 63)) for i in range(400)]
    index = neardup.NearIndex()
    for article_id, digest in stored:
        index.add(article_id, digest)
    queries = [d ^ (1 << rng.randrange(64)) ^ (1 << rng.randrange(64)) for _, d in stored[:50]]
    queries += [rng.getrandbits(64) - (1 << 63) for _ in range(50)]
    for digest in queries:
        brute = next((a for a, other in stored if neardup.distance(digest, other) <= neardup.NEAR_DUPLICATE_BITS), None)
        assert index.nearest("query", digest) == brute
