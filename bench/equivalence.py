"""Outputs before and after a speed change: python -m bench.equivalence dump|compare DIR [--size N]

``dump`` writes, for a fixed set of texts (the seeds, ../shared/data/articles when present and
``bench.corpus(N)``), the JSON of each article's analysis (``lib.codec``) and the CRF's features
of every paragraph (``crf.features_for``, the features the shipped weights were trained on) and
its tags; ``compare`` writes the same into a temporary folder and reports every file that
differs. Speed work must leave both unchanged. Not a test: it needs a baseline from before.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.codec import analysis_to_json  # noqa: E402
from lib.ingest import extract_article  # noqa: E402
from lib.types import Article  # noqa: E402


def articles(size: int) -> list[tuple[str, Article]]:
    from bench.__main__ import corpus

    files = sorted((ROOT / "seeds").glob("*.txt"))
    shared = ROOT.parent / "shared" / "data" / "articles"
    if shared.exists():
        files += sorted(shared.glob("*.txt"))
    named = [(p.stem, extract_article(p.read_text(encoding="utf-8"), p.name)) for p in files]
    return named + [(f"bench-{i:04d}", a) for i, a in enumerate(corpus(size))]


def dump(folder: Path, size: int) -> None:
    from lib.analysis import analyze_article
    from lib.quotes.crf import build_units, features_for, load_model

    folder.mkdir(parents=True, exist_ok=True)
    model = load_model()
    for name, article in articles(size):
        analysis = analyze_article(article)
        (folder / f"{name}.analysis.json").write_text(analysis_to_json(analysis), encoding="utf-8")
        units = build_units(article.text, analysis.sentences)
        feats = features_for(article.text, units, analysis.sentences, analysis.mentions)
        tags = model.tag_units(units, feats)
        digest = hashlib.sha256(json.dumps([feats, tags]).encode()).hexdigest()
        (folder / f"{name}.crf.sha256").write_text(digest, encoding="utf-8")


def compare(folder: Path, size: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        dump(Path(tmp), size)
        new = {p.name: p.read_bytes() for p in Path(tmp).iterdir()}
    old = {p.name: p.read_bytes() for p in folder.iterdir()}
    differ = sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))
    for name in differ:
        print("differs:", name)
    print(f"{len(old)} files compared, {len(differ)} differ")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.equivalence")
    parser.add_argument("action", choices=("dump", "compare"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--size", type=int, default=300, help="articles of bench.corpus to add (0: none)")
    args = parser.parse_args()
    if args.action == "dump":
        dump(args.folder, args.size)
        return 0
    return compare(args.folder, args.size)


if __name__ == "__main__":
    raise SystemExit(main())
