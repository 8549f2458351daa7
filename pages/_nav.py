"""Navigation: the pages declared in dashboard.py and how a page links to another."""

from __future__ import annotations

from typing import Any

import streamlit as st

PAGES: dict[str, Any] = {}  # filled by dashboard.py: name -> st.Page


def ensure_navigation() -> None:
    """Run pages through dashboard.py's st.navigation, even on a deep link.

    Because a ``pages/`` folder sits beside dashboard.py, Streamlit starts each process in
    its v1 multipage mode and leaves it only once dashboard.py has run. A shared link to
    /figures as a fresh server's first request would run the page bare (no page config,
    no navigation). Leave v1 mode and rerun: the rerun goes through dashboard.py and lands
    on the same page (its script hash is the same). (AppTest resets this flag before every
    run; the tests drive the app through an entry script with no pages/ beside it.)"""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def page(name: str) -> Any:
    """A page to link to: the st.Page declared in dashboard.py, else its file (a page run
    on its own, as AppTest can, has no navigation)."""
    return PAGES.get(name, f"pages/{name}.py")
