"""An analysis as JSON and back: what the store keeps per article and analyzer version, and
what the analysis workers hand the parent process (encoded in the worker, so the parent only
writes). NaN (VADER has no subjectivity) is written as null and read back as NaN. Keys an older
version wrote and this one no longer reads (``candidates``) are ignored."""

from __future__ import annotations

import hashlib
import json

from lib.types import ArticleAnalysis, Figure, Mention, Quote, Sentence


def analysis_to_json(analysis: ArticleAnalysis) -> str:
    # The records are flat dataclasses: their __dict__ is the JSON object (dataclasses.asdict
    # deep-copies, four times slower).
    data = {
        "article_id": analysis.article_id,
        "analyzer_version": analysis.analyzer_version,
        "sentences": [vars(s) for s in analysis.sentences],
        "mentions": [vars(m) for m in analysis.mentions],
        "quotes": [vars(q) for q in analysis.quotes],
        "figures": [vars(f) for f in analysis.figures],
        "sentiment": [{k: [v[0], None if v[1] != v[1] else v[1]] for k, v in s.items()} for s in analysis.sentiment],
    }
    return json.dumps(data, separators=(",", ":"))


def analysis_from_json(payload: str) -> ArticleAnalysis:
    data = json.loads(payload)
    nan = float("nan")
    return ArticleAnalysis(
        article_id=data["article_id"],
        analyzer_version=data["analyzer_version"],
        sentences=tuple(Sentence(**s) for s in data["sentences"]),
        mentions=tuple(Mention(**m) for m in data["mentions"]),
        quotes=tuple(Quote(**q) for q in data["quotes"]),
        figures=tuple(Figure(**f) for f in data["figures"]),
        sentiment=tuple({k: (v[0], nan if v[1] is None else v[1]) for k, v in s.items()} for s in data["sentiment"]),
    )


def payload_digest(payload: str, version: str) -> str:
    """A digest of what an analysis says, leaving out the version it is stamped with (this
    codec writes ``"analyzer_version":"…"``), so an analysis copied to another version
    unchanged keeps its digest."""
    stamp = f',"analyzer_version":{json.dumps(version)}'
    return hashlib.sha1(payload.replace(stamp, "", 1).encode("utf-8"), usedforsecurity=False).hexdigest()
