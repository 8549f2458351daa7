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
from collections.abc import Callable, Collection
from functools import lru_cache
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


_UNSPLIT_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "ı": "i"})


@lru_cache(maxsize=1)
def _dictionary_names() -> dict[str, str]:
    """Every alias of the dictionary (as ``_fold`` keys it) mapped to its actor's name, where
    only one actor has it: "Group of Seven" is the G7, "Vassily Nebenzia" is Vasily Nebenzya."""
    from lib.actors import load_dictionary

    dictionary = load_dictionary()
    found: dict[str, set[str]] = {}
    for name in dictionary.actors:
        actor = dictionary.actors[name]
        for form in (actor.name, *actor.aliases):
            found.setdefault(_fold(form), set()).add(actor.name)
    return {key: next(iter(names)) for key, names in found.items() if len(names) == 1}


def _name_key(name: str) -> str:
    """A name compared loosely: case, accents, apostrophes and the y/i of transliteration, and
    through the dictionary: an alias or another rendering of a dictionary actor's name (a gold
    file written with the article's spelling) is that actor."""
    from lib.actors import _spelled, load_dictionary

    canonical = _dictionary_names().get(_fold(name))
    if canonical is None and len(name.split()) >= 2:
        person = _spelled(name, load_dictionary())
        canonical = person.name if person is not None else None
    return _fold(canonical or name)


def _fold(name: str) -> str:
    # Letters NFKD does not split into a base and an accent ("ł", "ø", "đ") are folded first.
    name = name.translate(_UNSPLIT_LETTERS)
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", folded).replace("yy", "y").replace("iy", "y")


def _head(word: str) -> str:
    word = word.lower().strip()
    word = word.split()[-1] if word.split() else word
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def _ratio(hit: int, total: int) -> dict[str, Any]:
    return {"hit": hit, "total": total, "rate": round(hit / total, 4) if total else None}


def evaluate_articles_spec(spec_path: Path, articles_dir: Path) -> dict[str, Any]:
    """Score the engine on real articles read by hand (``articles_expected.yml``).

    - statements: gold statements found with the right speaker (recall); of the engine's
      statements whose text matches a gold statement, the share with the right speaker
      (speaker precision); of all the engine's statements, the share matching a gold statement
      with its speaker (statement precision: extra statements the reader did not list count
      against it);
    - stance: the main speakers' labels;
    - actors: recall and precision of the distinct actors per article;
    - figures: value precision and recall (one-to-one), and of the figures matched, how often the
      counted thing and the actor it is about are right.
    """
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))["articles"]
    by_file = {a.file: a for a in load_folder(articles_dir)}
    chosen = [by_file[f] for f in spec if f in by_file]
    analyses = [analyze_article(a) for a in chosen]
    tables = build_tables(chosen, analyses)
    counts = {key: [0, 0] for key in (
        "statements_recall", "speaker_precision", "statement_precision", "stance", "actors_recall",
        "actors_precision", "figures_precision", "figures_recall", "figures_counted", "figures_about",
        "outlet", "date")}  # fmt: skip
    misses: list[str] = []

    def tally(key: str, ok: bool, miss: str) -> None:
        counts[key][1] += 1
        counts[key][0] += ok
        if not ok:
            misses.append(miss)

    for file, expected in spec.items():
        article = by_file.get(file)
        if article is None:
            continue
        aid = article.id
        found: list[dict[str, Any]] = [
            {str(k): v for k, v in row.items()}
            for row in tables.quotes[tables.quotes["article_id"] == aid].to_dict("records")
        ]
        gold = expected.get("statements") or []

        def same_speaker(want: str, row: dict[str, Any]) -> bool:
            return _name_key(want) in (_name_key(str(row["speaker"])), _name_key(str(row["speaker_rollup"])))

        for statement in gold:
            ok = any(
                quote_matches(statement["text"], str(r["text"])) and same_speaker(statement["speaker"], r)
                for r in found
            )
            tally("statements_recall", ok, f"{file}: missed {statement['speaker']}: {statement['text'][:60]}")
        for row in found:
            texts = [g for g in gold if quote_matches(g["text"], str(row["text"]))]
            right = any(same_speaker(g["speaker"], row) for g in texts)
            if texts:
                tally("speaker_precision", right,
                      f"{file}: wrong speaker {row['speaker']} (gold {texts[0]['speaker']}): {str(row['text'])[:60]}")  # fmt: skip
            tally("statement_precision", right,
                  f"{file}: extra {row['speaker']} ({row['speaker_surface']}): {str(row['text'])[:60]}" if not texts else
                  f"{file}: (wrong speaker, counted above)")  # fmt: skip
        stances = speaker_stance(tables.filter(article_ids=[aid]), by="article_id")
        labels = {_name_key(s): lab for s, lab in zip(stances["speaker"], stances["label"], strict=False)}
        for speaker, label in (expected.get("stance") or {}).items():
            got = labels.get(_name_key(speaker))
            tally("stance", got == label, f"{file}: stance {speaker} {got} != {label}")
        mentions = tables.mentions[tables.mentions["article_id"] == aid]
        found_actors = {_name_key(str(a)) for a in set(mentions["actor"]) | set(mentions["rollup"])}
        want_actors = {_name_key(a): a for a in expected.get("actors") or []}
        for key, actor in want_actors.items():
            tally("actors_recall", key in found_actors, f"{file}: actor missed {actor}")
        for actor in sorted(set(mentions["actor"])):
            tally("actors_precision", _name_key(str(actor)) in want_actors, f"{file}: actor extra {actor}")
        # The spec lists a range once, at its upper bound ("up to"): the lower end ("from") is not compared.
        in_article = tables.figures[(tables.figures["article_id"] == aid) & (tables.figures["qualifier"] != "from")]
        figures = [{str(k): v for k, v in r.items()} for r in in_article.to_dict("records")]
        want_figures = list(expected.get("figures") or [])
        unmatched = list(want_figures)
        for row in figures:
            hit = next((g for g in unmatched if _values_match(float(g["value"]), float(row["value"]))), None)
            tally(
                "figures_precision",
                hit is not None,
                f"{file}: figure extra {row['value']:g} {row['counted']} ({row['surface']})",
            )
            if hit is None:
                continue
            unmatched.remove(hit)
            counted_ok = _head(str(hit.get("counted") or "")) in {
                _head(str(row["counted"])),
                _head(str(row["counted_surface"])),
            }
            tally(
                "figures_counted",
                counted_ok,
                f"{file}: figure {hit['value']:g} counted {row['counted']}/{row['counted_surface']} != {hit.get('counted')}",
            )
            want_about, got_about = hit.get("about"), row["about"] if isinstance(row["about"], str) else None
            about_ok = _name_key(str(want_about or "")) == _name_key(got_about or "")
            tally("figures_about", about_ok, f"{file}: figure {hit['value']:g} about {row['about']} != {want_about}")
        counts["figures_recall"][0] += len(want_figures) - len(unmatched)
        counts["figures_recall"][1] += len(want_figures)
        misses += [f"{file}: figure missed {g['value']:g} {g.get('counted')}" for g in unmatched]
        for key in ("outlet", "date"):
            want, got = expected.get(key), getattr(article, key)
            got = got.isoformat() if hasattr(got, "isoformat") else got
            want = want.isoformat() if hasattr(want, "isoformat") else want
            tally(key, got == want, f"{file}: {key} {got} != {want}")
    result: dict[str, Any] = {"articles": len(chosen)}
    result.update({key: _ratio(*value) for key, value in counts.items()})
    result["misses"] = [m for m in misses if not m.endswith("(wrong speaker, counted above)")]
    return result


def evaluate_all(
    data_dir: Path | None,
    spec_path: Path | None,
    seeds_dir: Path,
    *,
    log: Callable[[str], None] = print,
    only: set[str] | None = None,
) -> dict[str, Any]:
    """Run every evaluation whose data is present."""
    results: dict[str, Any] = {"analyzer_version": analyzer_version(), "generated": time.strftime("%Y-%m-%d")}
    steps: list[tuple[str, bool, Callable[[], dict[str, Any]]]] = [
        ("seed_spec", bool(spec_path and spec_path.exists()), lambda: evaluate_seed_spec(spec_path, seeds_dir)),  # type: ignore[arg-type]
    ]
    articles_spec = spec_path.parent / "articles_expected.yml" if spec_path else None
    if data_dir is not None and articles_spec is not None:
        steps.append(
            (
                "articles_spec",
                articles_spec.exists() and (data_dir / "articles").exists(),
                lambda: evaluate_articles_spec(articles_spec, data_dir / "articles"),
            )
        )  # type: ignore[arg-type]
    if data_dir is not None:
        steps += [
            ("newsquant", (data_dir / "newsquant" / "newsquant_dev.json").exists(),
             lambda: evaluate_newsquant(data_dir / "newsquant" / "newsquant_dev.json")),
            ("polnear", (data_dir / "polnear_dev" / "attributions").exists(),
             lambda: evaluate_polnear(data_dir / "polnear_dev")),
            ("newsmtsc", (data_dir / "newsmtsc" / "train.jsonl").exists(), lambda: evaluate_newsmtsc(data_dir / "newsmtsc")),
        ]  # fmt: skip
    for name, available, run in steps:
        if only and name not in only:
            continue
        if not available:
            log(f"{name}: data not found, skipped")
            continue
        started = time.perf_counter()
        results[name] = run()
        log(
            f"{name}: {time.perf_counter() - started:.1f}s {json.dumps({k: v for k, v in results[name].items() if k != 'misses'})}"
        )
    return results


# Which data the rules or models were tuned on: a figure measured on it is not an unseen test.
TUNED_ON = {
    "seed spec": "yes: the rules were written from the seeds",
    "real articles": "yes, in part: no entry copied, but its misses were read to find general patterns and lexicon gaps",
    "PolNeAR dev": "read to find general patterns (round 2); the model is trained on PolNeAR train only",
    "NewsQuant dev": "read to find general patterns",
    "NewsMTSC dev": "no: the models are fitted on NewsMTSC train",
}


def accuracy_rows(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The results of ``evaluate_all`` as a table: component, data it was measured on,
    score, n and whether that data was used for tuning (what the Methods page shows)."""
    spec = results.get("seed_spec") or {}
    real = results.get("articles_spec") or {}
    polnear = results.get("polnear") or {}
    quant = results.get("newsquant") or {}
    mtsc = results.get("newsmtsc") or {}
    seeds = "seed spec (5 articles, analyst's hand reading)"
    articles = f"real articles ({real.get('articles', 24)} of 2022, read by hand: articles_expected.yml)"
    candidates: list[tuple[str, str, str, Any, Any]] = [
        (key, seeds, "seed spec", spec[key]["rate"], spec[key]["total"])
        for key in ("actors", "figures", "quotes", "stance", "outlet", "date")
        if key in spec
    ]
    labels = {
        "statements_recall": "statements found with the right speaker (recall)",
        "speaker_precision": "statements: speaker precision (of those found)",
        "statement_precision": "statements: precision (extra statements count as wrong)",
        "stance": "stance of the main speakers (agreement)",
        "actors_recall": "actors: recall",
        "actors_precision": "actors: precision",
        "figures_precision": "figures: precision",
        "figures_recall": "figures: recall",
        "figures_counted": "figures: counted thing right (of those found)",
        "figures_about": "figures: actor right (of those found)",
        "outlet": "outlet",
    }
    candidates += [
        (label, articles, "real articles", real[key]["rate"], real[key]["total"])
        for key, label in labels.items()
        if isinstance(real.get(key), dict)
    ]
    if polnear:
        dev = "PolNeAR dev (84 articles, trained annotators)"
        candidates += [
            ("attributions, beliefs and media sources included: speaker recall (named sources)", dev, "PolNeAR dev",
             polnear["speaker_recall_named"], polnear["named_attributions"]),
            ("statements: precision (a pronoun source counts as wrong)", dev, "PolNeAR dev",
             polnear["precision"], polnear["reported"]),
            ("statements: precision where the gold source is named", dev, "PolNeAR dev",
             polnear.get("precision_named"), polnear["reported"]),
        ]  # fmt: skip
        if polnear.get("rules_only"):
            rules = polnear["rules_only"]
            candidates.append(("attributions: speaker recall (named), rules alone", dev, "PolNeAR dev",
                               rules.get("speaker_recall_named"), polnear["named_attributions"]))  # fmt: skip
        if polnear.get("statements_only"):
            spoken = polnear["statements_only"]
            candidates.append(("statements only (no beliefs, no media; what the dashboard shows): speaker recall (named)",
                               dev, "PolNeAR dev", spoken.get("speaker_recall_named"),
                               polnear["named_attributions"]))  # fmt: skip
    if quant:
        candidates.append(
            ("figures: value F1", "NewsQuant dev (118 sentences)", "NewsQuant dev", quant["value_f1"], quant["gold"])
        )
    candidates += [
        (f"sentiment toward a target: {engine}", f"NewsMTSC dev-{part} (macro-F1)", "NewsMTSC dev",
         mtsc[engine][f"macro_f1_{part}"], mtsc.get("dev_targets", {}).get(part))
        for engine in ("textblob", "vader", "targeted") if engine in mtsc for part in ("rw", "mt")
    ]  # fmt: skip
    return [
        {"component": component, "data": data, "score": score, "n": n, "used for tuning": TUNED_ON[tuned]}
        for component, data, tuned, score, n in candidates
        if score is not None
    ]


def write_results(results: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")


# ---- NewsQuant: figure values -------------------------------------------------------------


def _values_match(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


_NUMBER = r"-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"


def newsquant_values(value: str) -> list[float]:
    """The numbers of a NewsQuant ``value``: "150000" -> [150000.0]; a range ("3.0-4.0",
    "3.0 - 4.0", "3 to 4", "1e9-2e9") -> both ends, as the extractor gives both ends of a
    range; "-5" is negative. A value with no number gives [] (counted, never a crash)."""
    text = value.strip().replace(",", "").replace("−", "-").replace("–", "-").replace("—", "-")
    single = re.fullmatch(rf"\s*({_NUMBER})\s*", text)
    if single:
        return [float(single[1])]
    pair = re.fullmatch(rf"\s*({_NUMBER})\s*(?:-|to)\s*({_NUMBER})\s*", text)
    if pair:
        return [float(pair[1]), float(pair[2])]
    return [float(number) for number in re.findall(_NUMBER, text)]


def evaluate_newsquant(path: Path) -> dict[str, Any]:
    """Value precision / recall / F1 of ``extract_quantities`` on NewsQuant sentences. A gold
    range counts as its two ends (``newsquant_values``), like the extractor's ranges."""
    from lib.figures import extract_quantities

    data = json.loads(path.read_text(encoding="utf-8"))
    tp = fp = fn = unparsed = 0
    for item in data:
        gold = []
        for quantity in item["quantities"]:
            values = newsquant_values(str(quantity["value"]))
            unparsed += not values
            gold += values
        found = [f.value for f in extract_quantities(item["text"])]
        unmatched = list(gold)
        for value in found:
            hit = next((g for g in unmatched if _values_match(g, value)), None)
            if hit is None:
                fp += 1
            else:
                tp += 1
                unmatched.remove(hit)
        fn += len(unmatched)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"sentences": len(data), "gold": tp + fn, "unparsed_values": unparsed, "value_precision": round(precision, 4),
            "value_recall": round(recall, 4), "value_f1": round(f1, 4)}  # fmt: skip


# ---- PolNeAR: speaker attribution ----------------------------------------------------------

_FUNCTION_WORDS = {"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our"}


def _named(source: str, text: str = "") -> bool:
    """A source that names someone: its head word (the last, before any parenthesis) is
    capitalised ("Sen. Lindsey Graham", "The Post"), not a description ("The Indiana
    governor"); a single word must not also occur in lower case in the article
    ("Lawmakers" at a sentence start is a common noun)."""
    words = re.findall(r"[A-Za-z][\w'’.-]*", source.split("(")[0])
    words = [w for w in words if w.lower().strip(".") not in _FUNCTION_WORDS]
    if not words or not words[-1][0].isupper():
        return False
    if len(words) == 1 and re.search(rf"\b{re.escape(words[0].lower())}\b", text):
        return False
    return True


def _speaker_matches(gold_source: str, speaker: str, surface: str) -> bool:
    gold = {w.lower() for w in re.findall(r"[A-Z][\w'’-]+", gold_source)} - _FUNCTION_WORDS
    mine = {w.lower() for w in re.findall(r"[A-Z][\w'’-]+", f"{speaker} {surface}")} - _FUNCTION_WORDS
    return bool(gold & mine)


def _polnear_gold(ann: Path) -> list[tuple[str, int, int]]:
    spans: dict[str, tuple[str, int, int, str]] = {}
    events = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            label, *offsets = parts[1].split(" ")
            try:
                start, end = int(offsets[0]), int(offsets[-1].split(";")[-1])
            except (ValueError, IndexError):
                continue
            spans[parts[0]] = (label, start, end, parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(item.split(":") for item in parts[1].split() if ":" in item))
    gold = []
    for event in events:
        source, content = spans.get(event.get("Source", "")), spans.get(event.get("Content", ""))
        if source and content:
            gold.append((source[3], content[1], content[2]))
    return gold


def evaluate_polnear(
    folder: Path,
    *,
    model: bool = True,
    thoughts: bool = True,
    extras: bool = True,
    only: Collection[str] | None = None,
    model_path: Path | None = None,
    min_confidence: float | None = None,
) -> dict[str, Any]:
    """Of the gold attributions whose source is named, the share for which the engine
    reports a statement overlapping the gold content with a matching speaker (recall);
    and of the engine's statements, the share that match a gold attribution (precision).
    PolNeAR's attributions include beliefs and wishes ("X believes …") and media that report
    ("CBS said …"), so the engine is read with ``thoughts`` (``find_quotes(thoughts=True)``,
    which counts both); with ``extras``, beside it the rules
    alone (no model) and the statements alone (no thoughts: what the dashboard shows). ``only``
    reads those articles of the folder alone; ``model_path`` and ``min_confidence`` other weights
    or another threshold (``lib.quotes.train.threshold_sweep``)."""
    from lib.actors import find_mentions, load_dictionary
    from lib.quotes import find_quotes
    from lib.text import split_sentences

    dictionary = load_dictionary()
    named = found_named = reported = correct = unjudged = 0
    seen_articles: set[str] = set()
    for ann in sorted((folder / "attributions").glob("*.ann")):
        article = ann.stem.rsplit("_", 1)[0]
        if article in seen_articles or (only is not None and article not in only):
            continue  # one annotator per article
        text_path = folder / "text" / f"{article}.txt"
        if not text_path.exists():
            continue
        seen_articles.add(article)
        text = text_path.read_text(encoding="utf-8")
        gold = _polnear_gold(ann)
        sentences = split_sentences(text)
        mentions = find_mentions(text, sentences, dictionary)
        quotes = find_quotes(
            text,
            sentences,
            mentions,
            dictionary,
            model=model,
            thoughts=thoughts,
            model_path=model_path,
            min_confidence=min_confidence,
        )

        def overlap(q_start: int, q_end: int, g_start: int, g_end: int) -> bool:
            inter = min(q_end, g_end) - max(q_start, g_start)
            return inter > 0 and inter >= 0.3 * min(q_end - q_start, g_end - g_start)

        for source, start, end in gold:
            if not _named(source, text):
                continue
            named += 1
            if any(
                overlap(q.start, q.end, start, end) and _speaker_matches(source, q.speaker, q.speaker_surface)
                for q in quotes
            ):
                found_named += 1
        for quote in quotes:
            reported += 1
            overlapping = [(src, s, e) for src, s, e in gold if overlap(quote.start, quote.end, s, e)]
            if any(_speaker_matches(src, quote.speaker, quote.speaker_surface) for src, _, _ in overlapping):
                correct += 1
            elif overlapping and not any(_named(src, text) for src, _, _ in overlapping):
                unjudged += 1  # the gold source is "he" or "the official": right or wrong needs coreference
    judged = reported - unjudged
    extra = (
        {
            "rules_only": evaluate_polnear(folder, model=False, thoughts=thoughts, extras=False),
            "statements_only": evaluate_polnear(folder, model=model, thoughts=False, extras=False),
        }
        if extras
        else {}
    )
    return extra | {"articles": len(seen_articles), "named_attributions": named,
            "speaker_recall_named": round(found_named / named, 4) if named else None,
            "precision": round(correct / reported, 4) if reported else None, "reported": reported,
            "precision_named": round(correct / judged, 4) if judged else None}  # fmt: skip


# ---- NewsMTSC: target sentiment -----------------------------------------------------------

NEWSMTSC_LABELS = {2.0: -1, 4.0: 0, 6.0: 1}


def newsmtsc_examples(path: Path) -> list[tuple[str, int, int, int]]:
    """(sentence, target start, target end, label -1/0/1) per target."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        for target in item["targets"]:
            out.append((item["sentence_normalized"], int(target["from"]), int(target["to"]),
                        NEWSMTSC_LABELS[float(target["polarity"])]))  # fmt: skip
    return out


def macro_f1(gold: list[int], predicted: list[int]) -> float:
    scores = []
    for label in (-1, 0, 1):
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == label and g != label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


def _fit_thresholds(scores: list[float], gold: list[int]) -> tuple[float, float]:
    """Neutral band (low, high) for a sentence score, chosen on train for macro-F1."""
    grid = [x / 100 for x in range(-60, 61, 4)]
    best = (-1.0, (0.0, 0.0))
    for low in grid:
        for high in grid:
            if high < low:
                continue
            predicted = [-1 if s < low else 1 if s > high else 0 for s in scores]
            best = max(best, (macro_f1(gold, predicted), (low, high)))
    return best[1]


def evaluate_newsmtsc(folder: Path) -> dict[str, Any]:
    """Macro-F1 and accuracy on NewsMTSC dev (rw and mt) for each engine: sentence-level
    TextBlob and VADER (neutral band fitted on train), and the target-aware engine."""
    from lib.sentiment import get_engine
    from lib.targeted import load_model

    train = newsmtsc_examples(folder / "train.jsonl")
    dev = {name: newsmtsc_examples(folder / f"dev_{name}.jsonl") for name in ("rw", "mt")}
    results: dict[str, Any] = {"train_targets": len(train), "dev_targets": {k: len(v) for k, v in dev.items()}}
    sample = train[::3]  # thresholds need no more than a third of train
    for engine_name in ("textblob", "vader"):
        engine = get_engine(engine_name)
        cache: dict[str, float] = {}

        def score(sentence: str, engine: Any = engine, cache: dict[str, float] = cache) -> float:
            if sentence not in cache:
                cache[sentence] = float(engine.score(sentence)[0])
            return cache[sentence]

        low, high = _fit_thresholds([score(s) for s, *_ in sample], [g for *_, g in sample])
        entry: dict[str, Any] = {"neutral_band": [low, high]}
        for name, examples in dev.items():
            predicted = [-1 if score(s) < low else 1 if score(s) > high else 0 for s, *_ in examples]
            gold = [g for *_, g in examples]
            entry[f"macro_f1_{name}"] = round(macro_f1(gold, predicted), 4)
            entry[f"accuracy_{name}"] = round(sum(p == g for p, g in zip(predicted, gold, strict=True)) / len(gold), 4)
        results[engine_name] = entry
    model = load_model()
    entry = {}
    for name, examples in dev.items():
        predicted = [model.predict(s, a, b) for s, a, b, _ in examples]
        gold = [g for *_, g in examples]
        entry[f"macro_f1_{name}"] = round(macro_f1(gold, predicted), 4)
        entry[f"accuracy_{name}"] = round(sum(p == g for p, g in zip(predicted, gold, strict=True)) / len(gold), 4)
    results["targeted"] = entry
    return results
