"""English words and their classes, from the lexicon TextBlob ships (Brill's tagger lexicon,
trained on the Brown corpus and the Penn Treebank): no download.

- ``english_words``: the lower-case words it lists (sentence splitting drops the
  "abbreviations" nupunkt's legal-text model learned that are ordinary words);
- ``common_word``: whether a capitalised word is an ordinary word rather than a name
  ("Now", "Others", "Critics" at the start of a sentence; not "Rose", "Brown" or "Bush",
  which the lexicon also knows as proper nouns);
- ``ordinary_noun``: whether a word's lower-case form is a common noun ("Operator", "Videos",
  "Regulator"): capitalised only by the sentence it opens, unless a name it begins is known.
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


def ordinary_noun(word: str) -> bool:
    """The word in lower case is a common noun of the lexicon (NN, NNS) and, capitalised, no
    singular proper noun: "Operator", "Videos"; not "Trump", "Baker" or "Page" (nouns that are
    also names), "Rose" (a verb form), "Kyiv" (not listed) or "Now"."""
    tags = _tags()
    return tags.get(word.lower()) in ("NN", "NNS") and tags.get(word[:1].upper() + word[1:].lower()) != "NNP"


def verb_base(word: str) -> bool:
    """``word`` can be a verb's base form: the lexicon gives it (lower case) as one, or as a
    singular noun (it lists one tag a word, "drive" and "fight" as nouns): "send", "drive"; not
    "reporters", "the", "him"."""
    return _tags().get(word.lower()) in ("VB", "VBP", "NN")
