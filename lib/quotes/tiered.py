"""Loops that run as plain Python for a few articles and compiled with numba for many.

Importing numba and loading compiled code costs about 0.5 s and 120 MB in a process: more than
an upload of a few articles spends in the loops, and more memory than the dashboard can spare.
So a ``tiered`` function runs as written until the process has read ``BULK_TOKENS`` tokens
(``count``), then as numba compiles it (``cache=True``: compiled once per machine, beside the
source). The two give the same results (``tests/quotes/test_tiered.py`` holds them equal).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

# Tokens read before the loops are compiled: about 40 articles, past which the compiled loops
# repay their load within the batch.
BULK_TOKENS = 20_000
_read = 0


def count(tokens: int) -> None:
    """Record that the process has read ``tokens`` more tokens."""
    global _read
    _read += tokens


def bulk() -> bool:
    return _read >= BULK_TOKENS


def compiled(function: Callable[P, R]) -> Callable[P, R]:
    """``function`` compiled with numba (nopython, cached)."""
    from numba import njit  # type: ignore[import-untyped]

    return njit(cache=True, nogil=True)(function)  # type: ignore[no-any-return]


def tiered(function: Callable[P, R]) -> Callable[P, R]:
    """``function`` as plain Python until ``bulk()``, then compiled."""
    fast: Callable[P, R] | None = None

    @functools.wraps(function)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        nonlocal fast
        if fast is None:
            if not bulk():
                return function(*args, **kwargs)
            try:
                fast = compiled(function)
            except ImportError:  # numba missing on this platform: the same results, slower
                fast = function
        return fast(*args, **kwargs)

    call.python = function  # type: ignore[attr-defined]
    return call


def python_of(function: Callable[..., Any]) -> Callable[..., Any]:
    """The plain Python function behind a ``tiered`` one."""
    found: Callable[..., Any] = getattr(function, "python", function)
    return found
