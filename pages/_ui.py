"""What the pages use, in one place (each piece lives in a module with one job):

- ``_nav``: the pages declared in dashboard.py, links between them;
- ``_data``: settings, the store, the session's corpus, engines and filters (the caching boundary);
- ``_state``: every URL parameter, declared once (``PARAMS``), URL-bound selections, the shared link;
- ``_filters``: the sidebar every page shares and the page setup;
- ``_upload``: uploads, column mapping, the upload report;
- ``_drill``: from a chart mark to its sentences, and downloads;
- ``_safe``: text made safe for markdown.

Engine logic stays in lib/."""

from __future__ import annotations

from pages._data import (
    Corpus,
    View,
    analysis_version,
    article_texts,
    candidates,
    choices,
    corpus,
    current_overlay,
    filtered,
    get_store,
    names,
    read_only,
    secret,
    summaries,
    view,
    with_engine,
)
from pages._drill import apply_selection, download, download_all, selected_points, show_sentences
from pages._filters import FILTER_KEYS, Filters, page_setup, sidebar
from pages._nav import PAGES, ensure_navigation, page
from pages._safe import md
from pages._state import (
    PARAMS,
    forget_share_link,
    read,
    reader_params,
    refresh_share_link,
    share_url,
    url_select,
    url_text,
)
from pages._upload import show_outcomes, uploader

url_value = read  # a declared parameter's value in the URL, decoded (None: absent or malformed)

# The names the pages used before the split.
_md = md
_show_outcomes = show_outcomes
_uploader = uploader
_article_texts = article_texts
_with_engine = with_engine
_filtered = filtered

__all__ = [
    "FILTER_KEYS",
    "PAGES",
    "PARAMS",
    "Corpus",
    "Filters",
    "View",
    "analysis_version",
    "apply_selection",
    "article_texts",
    "candidates",
    "choices",
    "corpus",
    "current_overlay",
    "download",
    "download_all",
    "ensure_navigation",
    "filtered",
    "forget_share_link",
    "get_store",
    "md",
    "names",
    "page",
    "page_setup",
    "read_only",
    "reader_params",
    "refresh_share_link",
    "secret",
    "selected_points",
    "share_url",
    "show_outcomes",
    "show_sentences",
    "sidebar",
    "summaries",
    "uploader",
    "url_select",
    "url_text",
    "url_value",
    "view",
    "with_engine",
]
