"""The analytic layer's figures (lib/analytics) for the benchmark.

- ``build``: the layer filled from the benchmark's store (``Analytics.sync`` on every core), seconds;
- ``replicate``: the layer grown to N articles by copying its rows under new ids (outlets and
  dates shifted), to time the queries at a size whose ingest does not fit in the run;
- ``dashboard`` (in a process of its own): the pages themselves through AppTest, drawing
  their summaries from the layer beside the store: the first load after the start, each
  summary page's first load in a new session and its rerun after an outlet filter change,
  an upload shown (the process's first, and a second with the models loaded), the peak RSS (``python -m bench.analytics dashboard URL``; ``prepare
  SIZE`` makes a store and its layer to point it at);
- ``serve`` (in a process of its own, which holds only the DuckDB connection): opening the
  file, the first query after the start, every page's summaries cold and after a filter
  change, one upload analysed (models warm), stored, appended and shown, and the peak RSS
  before the upload (queries only) and after it (the analysis models loaded too).
Nothing here asserts a time.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# What each page draws (pages/*.py), as (summary, positional arguments, keyword arguments).
LAYER_FILE = "stancewatch.duckdb"
SUMMARY_PAGES = ["overview", "actors", "stance", "figures", "sources"]  # the pages that draw from the layer
SUMMARIES: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    ("outlet_tone", ("textblob",), {}),
    ("actor_summary", ("textblob",), {}),
    ("share_of_voice", (), {}),
    ("speaker_stance", (), {}),
    ("target_matrix", (), {}),
    ("measures", (), {}),
    ("co_mentions", (), {}),
]


def peak_rss_mb() -> float:
    """This process's peak resident set since it started its program, in MB: ``VmHWM`` of
    /proc/self/status. ``getrusage``'s ``ru_maxrss`` keeps the high-water mark of the process
    it was forked from across ``exec`` (Linux), so a child started by a benchmark holding
    100,000 articles reported the benchmark's size, not its own."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(store_url: str, path: Path) -> dict[str, float]:
    from lib.analysis import analyzer_version, default_workers
    from lib.analytics import Analytics
    from lib.store import Store

    store = Store(store_url)
    started = time.perf_counter()
    layer = Analytics(path)
    appended = layer.sync(store, analyzer_version(), workers=default_workers())
    seconds = time.perf_counter() - started
    layer.close()
    store.close()
    return {"articles": appended, "seconds": round(seconds, 1), "articles_per_s": round(appended / seconds, 1),
            "file_mb": round(path.stat().st_size / 2**20, 1)}  # fmt: skip


def replicate(path: Path, size: int) -> dict[str, float]:
    """Copy the layer's rows until it holds ``size`` articles (copy k: aid + k * n, ids and
    statement ids suffixed, dates k days later, outlets kept)."""
    from lib.analytics import Analytics
    from lib.analytics.schema import TABLES

    layer = Analytics(path)
    cursor = layer.cursor()
    row = cursor.execute("SELECT count(*) FROM articles").fetchone()
    base = int(row[0]) if row else 0
    copies = -(-size // base)
    started = time.perf_counter()
    for name in TABLES:
        replaced = ["t.aid + r.k * ? AS aid"]
        if name == "articles":
            replaced += ["article_id || '-' || r.k AS article_id", '"date" + (r.k % 60)::INTEGER AS "date"']
        if name in ("quotes", "quote_texts", "evidence"):
            replaced.append("quote_id || '-' || r.k AS quote_id")
        columns = [c[0] for c in cursor.execute(f"DESCRIBE {name}").fetchall()]
        cursor.execute(
            f"INSERT INTO {name} ({', '.join(chr(34) + c + chr(34) for c in columns)}) "
            f"SELECT t.* REPLACE ({', '.join(replaced)}) FROM {name} t, range(1, ?) r(k) WHERE t.aid <= ? "
            f"AND t.aid + r.k * ? <= ?",
            [base, copies, base, base, size],
        )
    cursor.execute("CHECKPOINT")
    seconds = time.perf_counter() - started
    layer.close()
    return {"from_articles": base, "articles": size, "seconds": round(seconds, 1),
            "file_mb": round(path.stat().st_size / 2**20, 1)}  # fmt: skip


def _summaries(layer: Any, filters: Any) -> dict[str, float]:
    from lib.analytics import queries

    out = {}
    for name, args, kwargs in SUMMARIES:
        started = time.perf_counter()
        getattr(queries, name)(layer, filters, *args, **kwargs)
        out[name] = round(time.perf_counter() - started, 4)
    return out


def serve(path: Path, store_url: str) -> dict[str, Any]:
    """What a dashboard process holding only the DuckDB connection sees (run in its own process)."""
    started = time.perf_counter()
    from lib.analysis import analyze_article
    from lib.analytics import Analytics, Filters, queries
    from lib.ingest import extract_article
    from lib.store import Store

    imported = time.perf_counter() - started
    started = time.perf_counter()
    layer = Analytics(path)
    opened = time.perf_counter() - started
    started = time.perf_counter()
    queries.outlet_tone(layer, Filters(), "textblob")
    first = time.perf_counter() - started
    cold = _summaries(layer, Filters())
    outlets = queries.outlets(layer)
    filtered = Filters(outlets=(outlets[0],))
    rerun = _summaries(layer, filtered)
    dated = _summaries(layer, Filters(outlets=tuple(outlets[:3]), actors=("NATO",), undated=False))
    queries_rss = peak_rss_mb()
    store = Store(store_url)
    template = (
        "Kyiv, 3 March 2022. The foreign minister said on Thursday that more than 40,000 troops had "
        "gathered near the border. “We are ready for talks,” Dmytro Kuleba said. NATO said it would "
        "not send troops. (bench upload {})"
    )
    # The models (language identifier, dictionaries, attribution) load on a server's first
    # upload: warm them with a text of the same shape, so the figure is an upload's own cost.
    analyze_article(extract_article(template.format("warm-up"), "warm.txt"))
    text = template.format(time.time_ns())
    started = time.perf_counter()
    article = extract_article(text, "bench-upload.txt")
    analysis = analyze_article(article)
    store.add_articles([article])
    store.put_analyses([analysis])
    layer.append([article], [analysis])
    tone = queries.outlet_tone(layer, Filters(), "textblob")
    queries.actor_summary(layer, Filters(), "textblob")
    upload = time.perf_counter() - started
    assert int(tone["articles"].sum()) == layer.count()
    return {
        "articles": layer.count(),
        "import_s": round(imported, 3),
        "open_s": round(opened, 3),
        "first_query_after_start_s": round(first, 3),
        "summaries_cold_s": cold,
        "summaries_cold_total_s": round(sum(cold.values()), 3),
        "rerun_after_filter_s": rerun,
        "rerun_after_filter_max_s": max(rerun.values()),
        "rerun_outlets_actor_dated_max_s": max(dated.values()),
        "one_upload_analysed_appended_shown_s": round(upload, 3),
        "peak_rss_mb_queries_only": round(queries_rss),
        "peak_rss_mb_with_analysis_models": round(peak_rss_mb()),
    }


def measure(store_url: str, folder: Path, *, grow_to: list[int] | None = None) -> dict[str, Any]:
    """The layer built from the store, then served; and, for each of ``grow_to``, a copy grown
    to that many articles, served."""
    path = folder / LAYER_FILE  # the file the pages open beside a SQLite store (pages/_data._layer_path)
    out: dict[str, Any] = {"build_from_store": build(store_url, path), "serve": _serve_in_process(path, store_url)}
    for size in grow_to or []:
        grown = folder / f"analytics-{size}.duckdb"
        grown.write_bytes(path.read_bytes())
        out[f"replicated_{size}"] = {"replicate": replicate(grown, size), "serve": _serve_in_process(grown, store_url)}
        grown.unlink()
    return out


def _serve_in_process(path: Path, store_url: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--analytics-only", str(path), store_url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"the analytic run failed: {done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def dashboard(store_url: str, *, uploads: int = 2) -> dict[str, Any]:
    """The pages as a person opens them (AppTest, this process standing for the server), with
    their summaries from the layer beside the store at ``store_url``; then ``uploads`` uploads
    (at least 2), each in a new session on the Overview."""
    import os

    os.environ["STANCEWATCH_DATABASE_URL"] = store_url
    started = time.perf_counter()
    import sqlalchemy as sa
    from streamlit.testing.v1 import AppTest

    from lib.store import Store

    imported = time.perf_counter() - started
    entry = str(ROOT / "tests" / "app_entry" / "app.py")
    # The outlets of the store's first 200 articles (its order: file, id), read without their texts:
    # loading every article here would count in this process's peak RSS, not the dashboard's.
    with Store(store_url).engine.connect() as conn:
        first = conn.execute(sa.text("SELECT outlet FROM articles ORDER BY file, id LIMIT 200"))
        outlets = sorted({row[0] for row in first if row[0]})

    def opened(page: str) -> tuple[Any, float]:
        at = AppTest.from_file(entry, default_timeout=3600)
        begun = time.perf_counter()
        at.run()
        if page != "overview":
            at.switch_page(str(ROOT / "pages" / f"{page}.py")).run()
        if at.exception:
            raise SystemExit(f"{page}: {[e.value for e in at.exception]}")
        return at, time.perf_counter() - begun

    _, first = opened("overview")
    pages: dict[str, dict[str, float]] = {}
    for page in SUMMARY_PAGES:
        at, load = opened(page)
        begun = time.perf_counter()
        at.sidebar.multiselect(key="f_outlet").select(outlets[0]).run()
        rerun = time.perf_counter() - begun
        begun = time.perf_counter()
        at.sidebar.multiselect(key="f_outlet").select(outlets[1]).run()
        again = time.perf_counter() - begun
        pages[page] = {"first_load_new_session_s": round(load, 3), "rerun_after_filter_s": round(rerun, 3),
                       "rerun_after_second_filter_s": round(again, 3)}  # fmt: skip
    # Two uploads: the process's first loads the analysis models (language identifier,
    # dictionaries, attribution model); the second is an upload's own cost.
    times: list[float] = []
    shown = True
    for turn in range(max(2, uploads)):
        at, _ = opened("overview")
        before = at.metric[0].value
        text = (
            "Kyiv, 3 March 2022. The foreign minister said on Thursday that more than 40,000 troops had "
            "gathered near the border. “We are ready for talks,” Dmytro Kuleba said. NATO said it would "
            f"not send troops. (bench upload {turn} {time.time_ns()})"
        )
        at.sidebar.get("file_uploader")[0].set_value([(f"bench-upload-{turn}.txt", text.encode(), "text/plain")])
        begun = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - begun)
        shown = shown and at.metric[0].value != before and not at.exception
    return {
        "import_s": round(imported, 3),
        "first_load_after_start_s": round(first, 3),
        "pages": pages,
        "page_first_load_max_s": max(p["first_load_new_session_s"] for p in pages.values()),
        "rerun_after_filter_max_s": max(
            max(p["rerun_after_filter_s"], p["rerun_after_second_filter_s"]) for p in pages.values()
        ),
        "first_upload_shown_s": round(times[0], 3),
        "upload_one_article_shown_s": round(times[1], 3),
        # Every upload after the first (which loads the analysis models), in order.
        "uploads_after_the_first_s": [round(t, 3) for t in times[1:]],
        "upload_shown": shown,
        "peak_rss_mb": round(peak_rss_mb()),
    }


def prepare(size: int, folder: Path) -> dict[str, Any]:
    """A benchmark store of ``size`` generated articles (``bench.corpus``), analysed on every
    core, and its layer beside it (``build``)."""
    from bench.__main__ import corpus, ingest_store

    folder.mkdir(parents=True, exist_ok=True)
    url, ingest = ingest_store(folder, corpus(size))
    return {"url": url, "articles": size, "ingest_s": round(ingest, 1), "layer": build(url, folder / LAYER_FILE)}


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.analytics")
    commands = parser.add_subparsers(dest="command", required=True)
    made = commands.add_parser("prepare", help="a store of SIZE generated articles and its layer, in FOLDER")
    made.add_argument("size", type=int)
    made.add_argument("folder", type=Path)
    shown = commands.add_parser("dashboard", help="time the pages on the store at URL (its layer beside it)")
    shown.add_argument("url")
    shown.add_argument("--uploads", type=int, default=2, help="uploads to time, each in a new session (default 2)")
    args = parser.parse_args(argv)
    result = prepare(args.size, args.folder) if args.command == "prepare" else dashboard(args.url, uploads=args.uploads)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
