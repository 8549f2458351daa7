"""Benchmark: python -m bench [--sizes 1000,10000,100000] [--out bench/results/bench.json]

Builds seeded, reproducible corpora by recombining paragraphs of the seeds and of
../shared/data/articles (when present), with varied outlets, dates and figures; then
measures, in one run, for each size:
  1. analysis throughput on one process and on all cores (articles/s, sentences/s);
  2. a TextBlob-only pass over the same sentences (split + TextBlob(s).sentiment) and the
     ratio full analysis / TextBlob-only (the headline figure);
  3. ingest into the SQLite store end to end (add + analyse on all cores + store);
  4. the analytic layer built from that store and its queries served (``bench.analytics``);
  5. the dashboard (AppTest, in a process of its own: ``bench.analytics.dashboard``): the first
     load after the start, each summary page's first load in a new session and its reruns
     after a filter change, two uploads shown, and that process's peak RSS.
It ends with a table of issue 12's targets per size: each figure, its target, held or not.
Not part of the tests: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.analytics import peak_rss_mb  # noqa: E402
from lib.analysis import analyze_articles, default_workers  # noqa: E402
from lib.ingest import extract_article  # noqa: E402
from lib.text import split_sentences  # noqa: E402
from lib.types import Article  # noqa: E402

OUTLETS = ["Reuters", "Associated Press", "The Guardian", "BBC", "Anadolu Agency", "TASS", "Korrespondent",
           "Ukrinform", "Al Jazeera", "Deutsche Welle", "Euronews", "Republic World"]  # fmt: skip


def paragraphs() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    shared = ROOT.parent / "shared" / "data" / "articles"
    if shared.exists():
        texts += [p.read_text(encoding="utf-8") for p in sorted(shared.glob("*.txt"))]
    pool = [p.strip() for text in texts for p in re.split(r"\n\s*\n|\n", text) if len(p.split()) >= 12]
    return pool


def outlet_names(count: int) -> list[str]:
    """``count`` outlet names: the benchmark's twelve, then made-up ones, some long and some
    with characters a URL or a chart must survive (for the many-outlets tests and screenshots)."""
    made_up = [f"{town} {kind}" for kind in ("Courier", "Gazette", "Daily Chronicle and Evening Herald", "News")
               for town in ("Odesa", "Riga", "Warsaw", "Ankara", "Tbilisi", "Vilnius", "Helsinki", "Kharkiv",
                            "Minsk", "Tallinn", "Chisinau", "Bucharest")]  # fmt: skip
    made_up[3] = "+Formula Outlet"
    made_up[7] = "Kharkiv & District #1 (100%)"
    return (OUTLETS + made_up)[:count]


def corpus(size: int, seed: int = 2022, *, outlets: list[str] | None = None) -> list[Article]:
    """``size`` articles of 4-9 pooled paragraphs, figures scaled 0.5-1.5x, each from one of
    ``outlets`` (the benchmark's twelve by default), dated within 90 days of 2022-01-01."""
    rng = random.Random(seed)
    outlets = outlets or OUTLETS
    pool = paragraphs()
    start = dt.date(2022, 1, 1)
    out = []
    for index in range(size):
        chosen = rng.sample(pool, rng.randint(4, 9))
        body = "\n\n".join(
            re.sub(
                r"\d{1,3}(?:,\d{3})+", lambda m: f"{int(m.group().replace(',', '')) * rng.randint(5, 15) // 10:,}", p
            )
            for p in chosen
        )
        article = extract_article(f"Report {index}\n\n{body}", f"bench-{index:06d}.txt")
        out.append(replace(article, outlet=rng.choice(outlets), date=start + dt.timedelta(days=rng.randrange(90))))
    return out


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - started


def textblob_only(articles: list[Article]) -> tuple[int, float]:
    from textblob import TextBlob

    started = time.perf_counter()
    count = 0
    for article in articles:
        for sentence in split_sentences(article.text):
            TextBlob(sentence.text).sentiment  # noqa: B018
            count += 1
    return count, time.perf_counter() - started


def run(size: int, sample: int, with_dashboard: bool, *, layer_only: bool = False,
        grow_to: list[int] | None = None) -> dict[str, object]:  # fmt: skip
    from lib.analysis import analyzer_version
    from lib.corpus import store_analyses
    from lib.store import Store

    articles, build_s = timed(corpus, size)
    if layer_only:
        return layer_run(size, articles, build_s, grow_to or [])
    subset = articles[: min(size, sample)]
    analyze_articles(subset[:5])  # warm the caches (dictionaries, nupunkt, TextBlob lexicon)
    best_single = best_textblob = float("inf")
    sentences = 0
    for _ in range(3):
        _, single_s = timed(analyze_articles, subset, workers=1)
        sentences, textblob_s = textblob_only(subset)
        best_single, best_textblob = min(best_single, single_s), min(best_textblob, textblob_s)
    workers = default_workers()
    _, parallel_s = timed(analyze_articles, subset, workers=workers)
    folder = Path(tempfile.mkdtemp(prefix=f"stancewatch-bench-{size}-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    store = Store(url)
    started = time.perf_counter()
    for chunk in range(0, size, 2000):
        store.add_articles(articles[chunk : chunk + 2000])
    store_analyses(store, articles)
    ingest_s = time.perf_counter() - started
    assert not store.missing_analyses(analyzer_version())
    result: dict[str, object] = {
        "articles": size,
        "corpus_build_s": round(build_s, 2),
        "analysis_sample": len(subset),
        "sentences_in_sample": sentences,
        "single_process": {"articles_per_s": round(len(subset) / best_single, 1), "sentences_per_s": round(sentences / best_single)},
        "all_cores": {"workers": workers, "articles_per_s": round(len(subset) / parallel_s, 1),
                      "sentences_per_s": round(sentences / parallel_s)},
        "textblob_only": {"sentences_per_s": round(sentences / best_textblob)},
        "ratio_full_over_textblob_only": round(best_single / best_textblob, 2),
        "ingest_sqlite": {"seconds": round(ingest_s, 1), "articles_per_s": round(size / ingest_s, 1),
                          "db_mb": round((folder / "bench.db").stat().st_size / 2**20, 1)},
    }  # fmt: skip
    result["ingest_peak_rss_mb"] = round(peak_rss_mb())
    from bench import analytics

    result["analytic_layer"] = analytics.measure(url, folder, grow_to=[n for n in (grow_to or []) if n > size])
    if with_dashboard:
        del articles, subset
        # In a process of its own, so that its peak RSS is the dashboard's, not the benchmark's.
        done = subprocess.run(
            [sys.executable, "-m", "bench", "--dashboard-only", url],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"the dashboard run failed: {done.stderr[-2000:]}")
        result.update(json.loads(done.stdout.strip().splitlines()[-1]))
    return result


def ingest_store(folder: Path, articles: list[Article]) -> tuple[str, float]:
    """``articles`` stored (in batches of 2,000) and analysed into a SQLite store in ``folder``:
    the store's URL and the seconds it took."""
    from lib.corpus import store_analyses
    from lib.store import Store

    url = f"sqlite:///{folder / 'bench.db'}"
    store = Store(url)
    started = time.perf_counter()
    for chunk in range(0, len(articles), 2000):
        store.add_articles(articles[chunk : chunk + 2000])
    store_analyses(store, articles)
    seconds = time.perf_counter() - started
    store.close()
    return url, seconds


def layer_run(size: int, articles: list[Article], build_s: float, grow_to: list[int]) -> dict[str, object]:
    """Only the ingest into the store and the analytic layer's figures (``bench.analytics``)."""
    from bench import analytics

    folder = Path(tempfile.mkdtemp(prefix=f"stancewatch-bench-{size}-"))
    url, ingest_s = ingest_store(folder, articles)
    del articles
    return {"articles": size, "corpus_build_s": round(build_s, 2),
            "ingest_sqlite": {"seconds": round(ingest_s, 1), "articles_per_s": round(size / ingest_s, 1)},
            "analytic_layer": analytics.measure(url, folder, grow_to=[n for n in grow_to if n > size])}  # fmt: skip


def dashboard_only(url: str) -> int:
    """The pages through AppTest (``bench.analytics.dashboard``), as one JSON line on stdout."""
    from bench import analytics

    print(json.dumps({"dashboard": analytics.dashboard(url)}))
    return 0


# The targets of issue 12, as (label, where in a run's entry, limit per size, unit).
TARGETS: list[tuple[str, tuple[str, ...], dict[int, float], str]] = [
    ("first load after the server starts", ("dashboard", "first_load_after_start_s"), {10_000: 5, 100_000: 15}, "s"),
    ("a page's first load in a new session", ("dashboard", "page_first_load_max_s"), {10_000: 1, 100_000: 2}, "s"),
    ("rerun after a filter change", ("dashboard", "rerun_after_filter_max_s"), {10_000: 0.5, 100_000: 1}, "s"),
    ("one upload, analysed and shown", ("dashboard", "upload_one_article_shown_s"), {10_000: 1, 100_000: 1}, "s"),
    ("dashboard peak RSS", ("dashboard", "peak_rss_mb"), {10_000: 500, 100_000: 1536}, "MB"),
    ("ingest on all cores", ("ingest_sqlite", "seconds"), {100_000: 480}, "s"),
    ("full analysis / TextBlob-only", ("ratio_full_over_textblob_only",), {1_000: 1.5, 10_000: 1.5, 100_000: 1.5}, ""),
]


def target_table(runs: list[dict[str, Any]]) -> str:
    """Every figure of the issue's targets per size, with the target and whether it holds."""
    lines = ["| | " + " | ".join(f"{run['articles']:,} articles" for run in runs) + " |",
             "|---|" + "---|" * len(runs)]  # fmt: skip
    for label, where, limits, unit in TARGETS:
        cells = []
        for run in runs:
            value: Any = run
            for key in where:
                value = value.get(key) if isinstance(value, dict) else None
            limit = limits.get(run["articles"])
            if value is None:
                cells.append("—")
            elif limit is None:
                cells.append(f"{value:g} {unit}".strip())
            else:
                cells.append(
                    f"{value:g} {unit} (≤ {limit:g}: {'held' if value <= limit else 'NOT held'})".replace("  ", " ")
                )
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def profile(size: int, out: Path) -> int:
    """Where the analysis spends its time, by pyinstrument (sampling, low overhead): the
    call tree on stdout and as HTML."""
    from pyinstrument import Profiler

    articles = corpus(size)
    analyze_articles(articles[:5])
    profiler = Profiler(interval=0.001)
    with profiler:
        analyze_articles(articles, workers=1)
    print(profiler.output_text(unicode=True, show_all=False))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(profiler.output_html(), encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument(
        "--sample", type=int, default=1000, help="articles timed for the single-process and ratio figures"
    )
    parser.add_argument("--no-dashboard", action="store_true")
    parser.add_argument("--dashboard-max", type=int, default=100_000, help="largest size for the dashboard timings")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "bench.json"))
    parser.add_argument(
        "--profile", type=int, metavar="N", help="profile the analysis of N articles with pyinstrument instead"
    )
    parser.add_argument("--dashboard-only", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--analytics-only", nargs=2, metavar=("PATH", "URL"), help=argparse.SUPPRESS)
    parser.add_argument("--layer-only", action="store_true",
                        help="only the ingest and the analytic layer (no throughput, no dashboard)")  # fmt: skip
    parser.add_argument("--analytics-grow", default="",
                        help="also time the analytic layer copied up to these sizes (e.g. 100000)")  # fmt: skip
    args = parser.parse_args()
    if args.dashboard_only:
        return dashboard_only(args.dashboard_only)
    if args.analytics_only:
        from bench import analytics

        print(json.dumps(analytics.serve(Path(args.analytics_only[0]), args.analytics_only[1])))
        return 0
    grow_to = [int(n) for n in args.analytics_grow.split(",") if n]
    if args.profile:
        return profile(args.profile, Path(args.out).with_name("profile.html"))
    machine = {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
               "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)}  # fmt: skip
    results = {"machine": machine, "date": time.strftime("%Y-%m-%d"), "runs": []}
    sizes = [int(s) for s in args.sizes.split(",")]
    for size in sizes:
        print(f"benchmarking {size:,} articles…", file=sys.stderr, flush=True)
        entry = run(size, args.sample, not args.no_dashboard and size <= args.dashboard_max,
                    layer_only=args.layer_only, grow_to=grow_to if size == max(sizes) else [])  # fmt: skip
        results["runs"].append(entry)  # type: ignore[attr-defined]
        print(json.dumps(entry, indent=1), flush=True)
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=2))
    print(target_table(results["runs"]))  # type: ignore[arg-type]
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
