"""Page styles, applied with the first paint.

``st.html`` loads its renderer lazily, so a style sent through it arrives a second or more after
the page is drawn (a phone would first see the desktop layout). Markdown is drawn at once, so
styles go through it, inside a container that the style itself hides (it takes no room).
"""

from __future__ import annotations

import streamlit as st


def apply_style(css: str, key: str) -> None:
    """Apply the CSS rules ``css`` (no ``<style>`` tags) from an invisible element keyed ``key``."""
    with st.container(key=key):
        st.markdown(f"<style>.st-key-{key} {{ display: none; }}\n{css}</style>", unsafe_allow_html=True)


# Every page: less room above the title, and a title that fits a phone's width in either language.
PAGE_CSS = """
[data-testid="stMainBlockContainer"] { padding-top: 3.5rem; }
@media (max-width: 640px) { [data-testid="stMainBlockContainer"] h1 { font-size: 1.75rem; } }
"""


def apply_page_style() -> None:
    """The rules every page shares; applied first, so the first paint already has them."""
    apply_style(PAGE_CSS, "page_style")
