"""Command line: ``python -m lib <command>``.

    analyze PATH... --out DIR      analyse files or folders, write one CSV per table
    evaluate [--data DIR]          score the engine on the gold data it finds, write JSON
    target-sentiment FILE.jsonl    label NewsMTSC-format targets (-1, 0, 1)
    train-targeted [--data DIR]    refit the target-aware model on NewsMTSC train
    train-attribution [--data DIR] [--out PATH] [--tuning-fifth]  refit the attribution CRF on PolNeAR train
    sweep-threshold [--data DIR] [--model PATH] [--thresholds 0.7,0.8]  the learned pass's threshold, on
                                   the fifth of train that --tuning-fifth held out
    ingest PATH... [--dask ADDR]   add to the store and analyse, on Dask if asked

A bad path or unreadable file is one line on stderr and a non-zero exit; the other
files are still analysed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from lib.errors import StancewatchError
from lib.export import to_csv_bytes


def _err(message: str) -> None:
    print(f"stancewatch: error: {message}", file=sys.stderr)


def cmd_analyze(args: argparse.Namespace) -> int:
    from lib.analysis import default_workers
    from lib.corpus import analyse, load_paths
    from lib.tables import UNKNOWN_OUTLET, actor_summary, measures, outlet_tone, share_of_voice, speaker_stance

    loaded = load_paths([Path(p) for p in args.paths])
    for error in loaded.errors:
        _err(error)
    for note in loaded.notes:
        print(f"stancewatch: {note}", file=sys.stderr)
    if not loaded.articles:
        _err("no article could be read")
        return 1
    workers = args.workers or (default_workers() if len(loaded.articles) >= 200 else 1)

    def progress(done: int, total: int) -> None:
        if not args.quiet and (done == total or done % 500 == 0):
            print(f"analysed {done}/{total}", file=sys.stderr)

    _, tables = analyse(loaded.articles, workers=workers, progress=progress)
    tables = tables.with_engine(args.engine)  # another engine than TextBlob is scored now
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    frames = {
        "articles": tables.articles,
        "sentences": tables.sentences,
        "mentions": tables.mentions,
        "quotes": tables.quotes,
        "stance": tables.stance,
        "evidence": tables.evidence,
        "figures": tables.figures,
        "measures": measures(tables),
        "actors": actor_summary(tables, args.engine),
        "outlets": outlet_tone(tables, args.engine),
        "voices": share_of_voice(tables),
        "speakers": speaker_stance(tables),
    }
    for name, frame in frames.items():
        if "outlet" in frame.columns:
            frame = frame.assign(outlet=frame["outlet"].replace(UNKNOWN_OUTLET, ""))
        (out / f"{name}.csv").write_bytes(to_csv_bytes(frame))
    print(f"wrote {len(frames)} tables for {len(loaded.articles)} articles to {out}", file=sys.stderr)
    return 1 if loaded.errors else 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from lib.corpus import SEEDS_DIR
    from lib.evaluate import evaluate_all, write_results

    data = Path(args.data) if args.data else None
    spec = Path(args.spec) if args.spec else None
    only = set(args.only.split(",")) if args.only else None
    results = evaluate_all(
        data, spec, Path(args.seeds or SEEDS_DIR), log=lambda m: print(m, file=sys.stderr), only=only
    )
    if args.misses:
        for name, result in results.items():
            for miss in result.get("misses", []) if isinstance(result, dict) else []:
                print(f"{name}: {miss}")
    if only:
        return 0  # a partial run does not overwrite the stored results
    write_results(results, Path(args.out))
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def cmd_target_sentiment(args: argparse.Namespace) -> int:
    from lib.targeted import label_jsonl

    try:
        count = label_jsonl(Path(args.file), Path(args.out) if args.out else None, engine=args.engine)
    except OSError as exc:
        _err(f"{args.file}: {exc.strerror}")
        return 1
    print(f"labelled {count} targets", file=sys.stderr)
    return 0


def cmd_train_targeted(args: argparse.Namespace) -> int:
    from lib.evaluate import newsmtsc_examples
    from lib.resources import data_path
    from lib.targeted import save_model, train

    source = Path(args.data) / "newsmtsc" / "train.jsonl"
    if not source.exists():
        _err(f"{source}: not found (point --data at the folder holding newsmtsc/)")
        return 1
    model = train(newsmtsc_examples(source))
    note = {
        "method": "multinomial logistic regression, AdaGrad (rate 0.05, 8 epochs, l2 1e-5, features seen twice or more)",
        "trained_on": "NewsMTSC train.jsonl only (Hamborg & Donnay, EACL 2021; MIT licence)",
    }
    save_model(model, Path(args.out) if args.out else data_path("targeted_model.json"), note=note)
    print(f"trained on {source}: {len(model.weights)} features", file=sys.stderr)
    return 0


def _polnear_train(data: str) -> Path | None:
    """PolNeAR train's folder: ``data`` or its ``polnear_train/``; None (said on stderr) when
    it holds no ``attributions/``."""
    folder = Path(data)
    if (folder / "polnear_train").is_dir():
        folder = folder / "polnear_train"
    if not (folder / "attributions").is_dir():
        _err(f"{folder}: no attributions/ folder (point --data at polnear_train/ or the folder holding it)")
        return None
    return folder


def cmd_train_attribution(args: argparse.Namespace) -> int:
    from lib.quotes.crf import MODEL_FILE
    from lib.quotes.train import train_folder
    from lib.resources import data_path

    folder = _polnear_train(args.data)
    if folder is None:
        return 1
    out = Path(args.out) if args.out else data_path(MODEL_FILE)
    train_folder(folder, out, tuning_fifth=args.tuning_fifth, log=lambda m: print(m, file=sys.stderr))
    return 0


def cmd_sweep_threshold(args: argparse.Namespace) -> int:
    import json

    from lib.quotes.train import threshold_sweep

    folder = _polnear_train(args.data)
    if folder is None:
        return 1
    try:
        thresholds = [float(t) for t in args.thresholds.split(",") if t.strip()]
    except ValueError:
        _err(f"--thresholds: numbers separated by commas, got {args.thresholds!r}")
        return 1
    model = Path(args.model) if args.model else None
    if model is not None and not model.exists():
        _err(f"{model}: no such weights file (train one with train-attribution --tuning-fifth --out PATH)")
        return 1
    for row in threshold_sweep(folder, thresholds, model_path=model):
        print(json.dumps(row))
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from lib.analysis import analyzer_version
    from lib.corpus import load_paths, store_analyses
    from lib.store import Store

    loaded = load_paths([Path(p) for p in args.paths])
    for error in loaded.errors:
        _err(error)
    store = Store.open(args.database_url)
    results = store.add_articles(loaded.articles)
    added = sum(r.status != "duplicate" for r in results)
    missing = set(store.missing_analyses(analyzer_version()))
    todo = [a for a in loaded.articles if a.id in missing]

    def progress(done: int, total: int) -> None:
        print(f"analysed {done}/{total}", file=sys.stderr)

    if args.dask and todo:
        from lib.distributed import analyse_on_dask

        analyses = analyse_on_dask(todo, scheduler=args.dask, workers=args.workers or None, progress=progress)
        for start in range(0, len(analyses), 500):
            store.put_analyses(analyses[start : start + 500])
    elif todo:
        store_analyses(store, todo, progress=progress)
    print(
        f"{added} new of {len(loaded.articles)} articles; {len(todo)} analysed; store: {store.count()} articles",
        file=sys.stderr,
    )
    return 1 if loaded.errors else 0


def build_parser() -> argparse.ArgumentParser:
    here = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(prog="python -m lib", description="Stancewatch engine, headless.")
    sub = parser.add_subparsers(dest="command", required=True)
    analyze = sub.add_parser("analyze", help="analyse files or folders and write CSV tables")
    analyze.add_argument("paths", nargs="+", help="files (.txt .md .html .pdf .docx .csv .jsonl) or folders")
    analyze.add_argument("--out", required=True, help="folder for the CSV files")
    analyze.add_argument("--engine", default="textblob", help="sentiment engine for the summaries")
    analyze.add_argument("--workers", type=int, default=0, help="processes (default: all cores for big corpora)")
    analyze.add_argument("--quiet", action="store_true")
    analyze.set_defaults(func=cmd_analyze)
    evaluate = sub.add_parser("evaluate", help="score the engine on gold data")
    evaluate.add_argument("--data", default=str(here.parent / "shared" / "data"), help="folder of gold data")
    evaluate.add_argument("--spec", default=str(here.parent / "shared" / "spec" / "seeds_expected.yml"))
    evaluate.add_argument("--seeds", default=None)
    evaluate.add_argument("--out", default=str(here / "lib" / "data" / "evaluation.json"))
    evaluate.add_argument(
        "--only", default=None, help="comma-separated: seed_spec,articles_spec,polnear,newsquant,newsmtsc"
    )
    evaluate.add_argument("--misses", action="store_true", help="print every miss")
    evaluate.set_defaults(func=cmd_evaluate)
    target = sub.add_parser("target-sentiment", help="label NewsMTSC-format jsonl targets")
    target.add_argument("file")
    target.add_argument("--out", default=None, help="output jsonl (default: stdout)")
    target.add_argument("--engine", default="targeted")
    target.set_defaults(func=cmd_target_sentiment)
    ingest = sub.add_parser("ingest", help="add files or folders to the store and analyse them")
    ingest.add_argument("paths", nargs="+")
    ingest.add_argument("--database-url", default=None, help="SQLAlchemy URL (default: the data folder's SQLite)")
    ingest.add_argument(
        "--dask", default=None, help="'local' for a local cluster, or a scheduler address tcp://host:8786"
    )
    ingest.add_argument("--workers", type=int, default=0)
    ingest.set_defaults(func=cmd_ingest)
    trainer = sub.add_parser("train-targeted", help="refit the target-aware sentiment model on NewsMTSC train")
    trainer.add_argument("--data", default=str(here.parent / "shared" / "data"))
    trainer.add_argument("--out", default=None)
    trainer.set_defaults(func=cmd_train_targeted)
    attribution = sub.add_parser("train-attribution", help="refit the attribution CRF on PolNeAR train")
    attribution.add_argument("--data", default=str(here.parent / "shared" / "data" / "polnear_train"))
    attribution.add_argument("--out", default=None, help="weights file (default: lib/data/attribution.crfsuite)")
    attribution.add_argument(
        "--tuning-fifth", action="store_true", help="fit only the four fifths of train not held out for tuning"
    )
    attribution.set_defaults(func=cmd_train_attribution)
    sweep = sub.add_parser(
        "sweep-threshold", help="the learned pass's threshold, on the fifth of train held out by --tuning-fifth"
    )
    sweep.add_argument("--data", default=str(here.parent / "shared" / "data" / "polnear_train"))
    sweep.add_argument("--model", default=None, help="weights fitted with --tuning-fifth (default: the shipped ones)")
    sweep.add_argument("--thresholds", default="0.7,0.75,0.8,0.85")
    sweep.set_defaults(func=cmd_sweep_threshold)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except StancewatchError as exc:
        _err(str(exc))
        return 2
