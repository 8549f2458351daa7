"""The columnar analytic layer: the analysed corpus as typed tables in DuckDB, summaries as SQL.

At ingest (or an upload), each analysis is written as rows of typed tables (``schema``):
articles, sentences with a score column per engine, mentions, statements with their stance,
evidence, figures, and the per-article aggregates the charts read (tone per engine, tone per
actor, co-mentions). Each chart's aggregate is then one SQL query keyed by the filters
(``queries``): no process holds every sentence as frames, and a rerun after a filter change
is one query. Text is read only on drill-down, by id (``Analytics.sentences_of``,
``Analytics.quote_texts``). An upload appends its rows and aggregates in one transaction,
without reading the store again (``Analytics.append``); ``Analytics.sync`` appends whatever
the store has analysed and this layer lacks, so a killed ingest resumes where it stopped.

**The store stays the source of truth; this layer is derived from it and can be rebuilt.**
On the default SQLite store and on the shared PostgreSQL deployment alike, the analytic
queries run in DuckDB, on a file beside the store (``stancewatch.duckdb`` in the data
folder) or in memory. Why not the same SQL on PostgreSQL:

- DuckDB cannot read PostgreSQL here (the ``postgres`` scanner is an extension, downloaded at
  run time, and these machines cannot download it), so "the same SQL on PostgreSQL" would
  mean a second dialect of every query (DuckDB's ``arg_max``, ordered ``first``, list
  parameters have no one-to-one PostgreSQL spelling) and a second set of tests to keep equal;
- the charts' aggregates scan millions of rows at 100,000 articles: a columnar engine does
  that in tens of milliseconds, a row store in seconds, with the dashboard's own database
  load on top;
- PostgreSQL keeps doing what it is good at: many concurrent writers, deduplication by
  content hash (``INSERT … ON CONFLICT DO NOTHING``), the articles' text and their analyses.

Each dashboard process keeps its own DuckDB file (DuckDB lets one process write a file) and,
on a rerun after the store changed, calls ``Analytics.refresh``: it asks the store for every
article's revision (``Store.revisions``: when its metadata was last edited; a digest of its
analysis and its corrections' count and largest id; one query) and compares them with the
revision kept with the article's rows here. What the store no longer has (deleted, excluded)
is removed, what is new (an upload from any session of any server, an undo) appended, an
article whose analysis changed (a correction, a re-analysis after a dictionary edit) made
again, one whose metadata alone changed has its one ``articles`` row updated. So every
session of every server sees every change, and an edit costs what it touches. Deleting the
file rebuilds it from the store.

Public surface: ``Analytics`` (the database), ``Filters``, and the summaries in ``queries``.
"""

from __future__ import annotations

from lib.analytics.db import Analytics
from lib.analytics.queries import (
    Filters,
    actor_summary,
    co_mentions,
    measures,
    outlet_tone,
    share_of_voice,
    speaker_stance,
    target_matrix,
)

__all__ = [
    "Analytics",
    "Filters",
    "actor_summary",
    "co_mentions",
    "measures",
    "outlet_tone",
    "share_of_voice",
    "speaker_stance",
    "target_matrix",
]
