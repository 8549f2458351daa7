"""The analysis of a corpus as documented pandas frames, and the summaries built on them.

- ``lib.tables.columns``: the column schema, one constant per column name and one line of
  meaning per column of every frame and summary;
- ``lib.tables.build``: the builders (``build_tables`` and ``Tables``);
- ``lib.tables.summaries``: the pandas summaries (``outlet_tone``, ``actor_summary``, ...).

What was ``lib/tables.py``'s public surface is re-exported here, so ``from lib.tables import
X`` and ``from lib import tables as frames; frames.outlet_tone`` work as they did.
"""

from __future__ import annotations

from lib.tables.build import Tables, build_tables, outlet_label
from lib.tables.columns import (
    ALL_TARGETS,
    ARTICLE_COLUMNS,
    EVIDENCE_COLUMNS,
    FIGURE_COLUMNS,
    MENTION_COLUMNS,
    QUOTE_COLUMNS,
    SENTENCE_COLUMNS,
    STANCE_COLUMNS,
    UNKNOWN_OUTLET,
    polarity_column,
    subjectivity_column,
)
from lib.tables.summaries import (
    actor_summary,
    co_mentions,
    measure_summary,
    measures,
    outlet_tone,
    outlet_values,
    share_of_voice,
    speaker_stance,
    target_matrix,
)

__all__ = [
    "ALL_TARGETS",
    "ARTICLE_COLUMNS",
    "EVIDENCE_COLUMNS",
    "FIGURE_COLUMNS",
    "MENTION_COLUMNS",
    "QUOTE_COLUMNS",
    "SENTENCE_COLUMNS",
    "STANCE_COLUMNS",
    "UNKNOWN_OUTLET",
    "Tables",
    "actor_summary",
    "build_tables",
    "co_mentions",
    "measure_summary",
    "measures",
    "outlet_label",
    "outlet_tone",
    "outlet_values",
    "polarity_column",
    "share_of_voice",
    "speaker_stance",
    "subjectivity_column",
    "target_matrix",
]
