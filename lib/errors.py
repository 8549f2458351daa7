"""The engine's errors: one root, each carrying the context a user needs.

    StancewatchError
    ├── DataFileError        a dictionary or lexicon file is malformed
    ├── UnknownEngineError   a sentiment engine name that is not registered
    ├── IngestError          a file that cannot become an article
    ├── StoreError           the database cannot be opened or written
    └── OverlayError         an edit of the actor dictionary that cannot apply (lib.overlay)

Pages catch ``StancewatchError`` and show its message with what to do; the
CLI prints it as one line and carries on with the other inputs.
"""

from __future__ import annotations


class StancewatchError(Exception):
    """Root of every error the engine raises on purpose."""


class DataFileError(StancewatchError):
    """A data file (actors, cues, figure nouns) does not have the expected shape."""

    def __init__(self, path: str, key: str, expected: str) -> None:
        self.path = path
        self.key = key
        self.expected = expected
        super().__init__(f"{path}: {key}: expected {expected}")


class UnknownEngineError(StancewatchError):
    """A sentiment engine was asked for by a name that is not registered."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        self.known = known
        super().__init__(f"unknown sentiment engine {name!r}; known engines: {', '.join(known)}")


class IngestError(StancewatchError):
    """A file could not be read as one or more articles."""

    def __init__(self, source: str, reason: str, hint: str = "") -> None:
        self.source = source
        self.reason = reason
        self.hint = hint
        message = f"{source}: {reason}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class StoreError(StancewatchError):
    """The article store cannot be opened, read or written."""
