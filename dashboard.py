"""Stancewatch: `streamlit run dashboard.py`.

Sets the page config and declares the navigation; each page draws the shared sidebar
(uploads, URL-bound filters, the shared link) through pages/_ui.py and calls lib/ for everything else.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from pages import _ui

HERE = Path(__file__).resolve().parent

st.set_page_config(page_title="Stancewatch", page_icon=":material/radar:", layout="wide")

pages = {
    "overview": st.Page(HERE / "pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    "actors": st.Page(HERE / "pages/actors.py", title="Actors", icon=":material/groups:"),
    "dictionary": st.Page(HERE / "pages/dictionary.py", title="Dictionary", icon=":material/edit_note:"),
    "stance": st.Page(HERE / "pages/stance.py", title="Stance", icon=":material/balance:"),
    "figures": st.Page(HERE / "pages/figures.py", title="Figures", icon=":material/pin:"),
    "sources": st.Page(HERE / "pages/sources.py", title="Sources", icon=":material/newspaper:"),
    "timeline": st.Page(HERE / "pages/timeline.py", title="Over time", icon=":material/timeline:"),
    "compare": st.Page(HERE / "pages/compare.py", title="Compare", icon=":material/compare_arrows:"),
    "articles": st.Page(HERE / "pages/articles.py", title="Articles", icon=":material/table_rows:"),
    "reader": st.Page(HERE / "pages/reader.py", title="Reader", icon=":material/menu_book:"),
    "methods": st.Page(HERE / "pages/methods.py", title="Methods", icon=":material/science:"),
}
_ui.PAGES.update(pages)
_ui.forget_share_link()
st.navigation(list(pages.values())).run()
# The page has written its selection to the URL: the sidebar's link now carries it too.
_ui.refresh_share_link()
