"""Text made safe for Streamlit's markdown."""

from __future__ import annotations


def md(text: str) -> str:
    """Text made safe for st.markdown: no markup, no links, no HTML."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|<>~$" else ch for ch in text)
