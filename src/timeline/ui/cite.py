""""Cite this": one view (an event, an era, a tour, a document) in GB/T 7714, Chicago and APA, ready to copy."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import streamlit as st

from timeline.citations import CITATION_STYLES, view_citation
from timeline.ui import state
from timeline.ui.data import active_dataset
from timeline.ui.state import t
from timeline.urlstate import ViewState, view_address

DEFAULT_URL = "http://localhost:8501/"


def base_url() -> str:
    """The dashboard's own address (scheme and host), as the reader's browser sees it."""
    try:
        url = st.context.url or DEFAULT_URL
    except Exception:  # outside a browser session (tests), there is no URL to read
        url = DEFAULT_URL
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/" if parts.scheme and parts.netloc else DEFAULT_URL


def view_url(view: ViewState) -> str:
    """The full address that reopens ``view`` here."""
    return view_address(base_url(), view)


def render_cite_this(title: str, url: str) -> None:
    """A folded "Cite this" box: the view at ``url`` cited in each style with today's date, each with a copy button."""
    lang = state.lang()
    version = active_dataset().version
    today = dt.date.today()
    with st.expander(t("cite_this"), icon=":material/format_quote:"):
        st.caption(t("cite_this_intro"))
        for style, name in CITATION_STYLES.items():
            st.markdown(f"**{name}**")
            st.code(view_citation(style, lang, title, url, today, version), language=None, wrap_lines=True)
