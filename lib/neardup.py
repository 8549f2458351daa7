"""Near-duplicates: a 64-bit SimHash of an article's words, and an index that finds a stored
article within ``NEAR_DUPLICATE_BITS`` of a new one without comparing every pair.

A syndicated copy with a changed headline or credit line keeps almost all of its word
4-shingles, so its SimHash (Charikar 2002) differs from the original's in a few bits.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

NEAR_DUPLICATE_BITS = 3
_BITS = np.arange(64, dtype=np.uint64)


def simhash(text: str) -> int:
    """64-bit SimHash (Charikar 2002) over word 4-shingles; signed, to fit BIGINT. A bit is
    set when more than half of the shingles' hashes have it."""
    words = re.findall(r"\w+", text.lower())
    shingles = [" ".join(words[i : i + 4]) for i in range(max(1, len(words) - 3))]
    values = np.fromiter(
        (int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") for s in shingles),
        dtype=np.uint64,
        count=len(shingles),
    )
    ones = ((values[:, None] >> _BITS) & np.uint64(1)).sum(axis=0)
    unsigned = sum(1 << int(bit) for bit in np.flatnonzero(2 * ones > len(shingles)))
    return unsigned - (1 << 64) if unsigned >= 1 << 63 else unsigned


def distance(a: int, b: int) -> int:
    """Bits in which two SimHashes differ."""
    return ((a ^ b) & (2**64 - 1)).bit_count()


class NearIndex:
    """Simhashes banded into NEAR_DUPLICATE_BITS + 1 blocks: two hashes within that many
    bits agree on at least one block (pigeonhole), so a look-up compares a handful of
    candidates instead of every stored article."""

    def __init__(self) -> None:
        self.blocks = NEAR_DUPLICATE_BITS + 1
        self.width = 64 // self.blocks
        self.buckets: dict[tuple[int, int], list[tuple[int, str, int]]] = {}
        self.size = 0

    def _keys(self, digest: int) -> list[tuple[int, int]]:
        unsigned = digest & (2**64 - 1)
        mask = (1 << self.width) - 1
        return [(block, (unsigned >> (block * self.width)) & mask) for block in range(self.blocks)]

    def add(self, article_id: str, digest: int) -> None:
        for key in self._keys(digest):
            self.buckets.setdefault(key, []).append((self.size, article_id, digest))
        self.size += 1

    def nearest(self, article_id: str, digest: int) -> str | None:
        """The first-added article within NEAR_DUPLICATE_BITS of ``digest``, if any."""
        found = [
            (order, other_id)
            for key in self._keys(digest)
            for order, other_id, other in self.buckets.get(key, ())
            if other_id != article_id and distance(digest, other) <= NEAR_DUPLICATE_BITS
        ]
        return min(found)[1] if found else None
