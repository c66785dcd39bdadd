"""The one place that maps the view (language, filters, open event or era) to session and URL.

The canonical :class:`ViewState` lives in ``st.session_state["view"]``; widgets are drawn from it
and write back through callbacks, so a page that is not shown never loses a filter, and the URL
is rewritten from it on every run.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from timeline.dataset import Dataset
from timeline.filters import FilterState
from timeline.i18n import translate
from timeline.urlstate import IgnoredParam, ViewState, params_from_view, view_from_params

VIEW_KEY = "view"
IGNORED_KEY = "url_ignored"
CHART_GENERATION_KEY = "chart_generation"


def init_view(dataset: Dataset) -> ViewState:
    """The session's view, read from the URL on the session's first run."""
    if VIEW_KEY not in st.session_state:
        view, ignored = view_from_params(st.query_params.to_dict(), dataset)
        st.session_state[VIEW_KEY] = view
        st.session_state[IGNORED_KEY] = ignored
    return st.session_state[VIEW_KEY]


def view() -> ViewState:
    """The current view."""
    return st.session_state[VIEW_KEY]


def lang() -> str:
    """The current UI language code."""
    return view().lang


def t(key: str, **values: object) -> str:
    """A UI string in the current language."""
    return translate(key, lang(), **values)


def set_view(**changes: object) -> None:
    """Change parts of the view."""
    st.session_state[VIEW_KEY] = dataclasses.replace(view(), **changes)


def set_filters(**changes: object) -> None:
    """Change parts of the filter state."""
    set_view(filters=dataclasses.replace(view().filters, **changes))


def reset_filters() -> None:
    """Back to every event."""
    set_view(filters=FilterState())


def open_event(event_id: str | None, *, from_chart: bool = False) -> None:
    """Open an event's panel (closing any era panel)."""
    set_view(event=event_id, era=None)
    if not from_chart:
        _forget_chart_selection()


def open_era(era_id: str | None, *, from_chart: bool = False) -> None:
    """Open an era's panel (closing any event panel)."""
    set_view(era=era_id, event=None)
    if not from_chart:
        _forget_chart_selection()


def chart_key() -> str:
    """The chart's widget key; it changes when a panel is opened another way, clearing the old click."""
    return f"chart-{st.session_state.get(CHART_GENERATION_KEY, 0)}"


def _forget_chart_selection() -> None:
    st.session_state[CHART_GENERATION_KEY] = st.session_state.get(CHART_GENERATION_KEY, 0) + 1


def take_ignored_params() -> list[IgnoredParam]:
    """What the opening URL named but the data lacks (reported once, then forgotten)."""
    return st.session_state.pop(IGNORED_KEY, [])


def sync_url() -> None:
    """Rewrite the query parameters to match the view, so the address bar is always a working link."""
    params = params_from_view(view())
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


def bind(key: str, value: object) -> str:
    """Set widget ``key`` to the canonical ``value`` before it is drawn; returns the key."""
    st.session_state[key] = value
    return key
