"""Tell browsers and screen readers the page's language: Streamlit always writes ``<html lang="en">``."""

from __future__ import annotations

import streamlit as st

from timeline.ui.styles import apply_style

# BCP 47 tags: the interface's Chinese is Simplified, which a screen reader needs to pick its voice.
LANGUAGE_TAGS = {"zh": "zh-Hans", "en": "en"}


def set_page_language(lang: str) -> None:
    """Set ``<html lang>`` to ``lang``'s tag on every run, from an element that takes no space on the page."""
    tag = LANGUAGE_TAGS[lang]
    apply_style(".st-key-page_language { display: none; }", "page_language_style")
    with st.container(key="page_language"):
        st.html(f"<script>document.documentElement.lang = {tag!r};</script>", unsafe_allow_javascript=True)
