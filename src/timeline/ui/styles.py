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
