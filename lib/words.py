"""English words and their classes, from the lexicon TextBlob ships (Brill's tagger lexicon,
trained on the Brown corpus and the Penn Treebank): no download.

- ``english_words``: the lower-case words it lists (sentence splitting drops the
  "abbreviations" nupunkt's legal-text model learned that are ordinary words);
- ``common_word``: whether a capitalised word is an ordinary word rather than a name
  ("Now", "Others", "Critics" at the start of a sentence; not "Rose", "Brown" or "Bush",
  which the lexicon also knows as proper nouns).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def _tags() -> dict[str, str]:
    """Word (as written) -> its first tag in the lexicon."""
    import textblob

    path = Path(textblob.__file__).parent / "en" / "en-lexicon.txt"
    tags: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith(";;;"):
                continue
            parts = line.split()
            if len(parts) >= 2 and parts[0] not in tags:
                tags[parts[0]] = parts[1]
    return tags


@cache
def english_words() -> frozenset[str]:
    """The lexicon's lower-case alphabetic words."""
    return frozenset(w for w in _tags() if w.isalpha() and w.islower())


def common_word(word: str) -> bool:
    """A capitalised word the lexicon knows as an ordinary word that is no singular noun (an
    adverb, a determiner, a plural: "Now", "Some", "Others", "Critics"), as written or (when it
    lists only the lower-case form) in lower case. A singular noun may be a surname ("Tester",
    "Baker") and is not one of these."""
    tags = _tags()
    tag = tags.get(word)
    if tag is None:
        tag = tags.get(word.lower())
        if tag is None or tags.get(word.lower().capitalize(), "").startswith("NNP"):
            return False
    return not tag.startswith("NNP") and tag != "NN"
