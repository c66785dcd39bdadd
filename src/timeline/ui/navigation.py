"""The pages of the dashboard and the jumps between them."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from timeline.ui import state
from timeline.ui.state import t

PAGES_DIR = Path(__file__).resolve().parent / "pages"
# name → (UI string key of its title, icon); the first is the default page.
PAGES = {
    "timeline": ("page_timeline", ":material/timeline:"),
    "compare": ("page_compare", ":material/compare_arrows:"),
    "documents": ("page_documents", ":material/article:"),
    "themes": ("page_themes", ":material/account_tree:"),
    "sources": ("page_sources", ":material/menu_book:"),
    "quiz": ("page_quiz", ":material/quiz:"),
}


def page_objects() -> dict[str, st.Page]:
    """One st.Page per page, titled in the current language."""
    return {
        name: st.Page(PAGES_DIR / f"{name}.py", title=t(title), icon=icon, url_path=name, default=index == 0)
        for index, (name, (title, icon)) in enumerate(PAGES.items())
    }


def show_event_on_timeline(event_id: str) -> None:
    """Open an event's panel on the timeline page, from any page."""
    state.open_event(event_id)
    st.switch_page(page_objects()["timeline"], query_params=state.params_for_page_switch())


def event_link_button(event_id: str, label: str, key: str) -> None:
    """A button that takes the reader to the event on the timeline page."""
    if st.button(label, key=key, type="tertiary", icon=":material/arrow_forward:", wrap=True):
        show_event_on_timeline(event_id)


def show_document(doc_id: str, part: str | None = None) -> None:
    """Open a document (at one of its parts, if given) on the Documents page, from any page."""
    state.open_document(doc_id, part)
    st.switch_page(page_objects()["documents"], query_params=state.params_for_page_switch())


def document_link_button(doc_id: str, label: str, key: str, part: str | None = None) -> None:
    """A button that takes the reader to a document (at one of its parts, if given) on the Documents page."""
    if st.button(label, key=key, type="tertiary", icon=":material/article:", wrap=True):
        show_document(doc_id, part)
