"""The headline ratio and where the time goes: python -m bench.profile_analysis [--size 300] [--no-profile]

On ``corpus(size)`` in one process: the full analysis (``analyze_articles``, workers=1) and the
TextBlob-only pass (``textblob_only``) timed alternately, best of ``--repeat``, as ``make bench``
does; their ratio; then a cProfile of one full pass, the top functions by cumulative and by own
time. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.__main__ import corpus, textblob_only  # noqa: E402
from lib.analysis import analyze_articles  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_analysis")
    parser.add_argument("--size", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args()
    articles = corpus(args.size)
    analyze_articles(articles[:5])  # warm the caches (dictionaries, nupunkt, lexicons, the CRF)
    textblob_only(articles[:5])
    best_full = best_textblob = float("inf")
    sentences = 0
    for _ in range(args.repeat):
        started = time.perf_counter()
        analyze_articles(articles, workers=1)
        best_full = min(best_full, time.perf_counter() - started)
        sentences, textblob_s = textblob_only(articles)
        best_textblob = min(best_textblob, textblob_s)
    print(f"{len(articles)} articles, {sentences} sentences, best of {args.repeat}")
    print(f"full analysis   {best_full:7.3f} s")
    print(f"TextBlob only   {best_textblob:7.3f} s")
    print(f"ratio_full_over_textblob_only {best_full / best_textblob:.2f}")
    if args.no_profile:
        return 0
    profiler = cProfile.Profile()
    profiler.enable()
    analyze_articles(articles, workers=1)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
