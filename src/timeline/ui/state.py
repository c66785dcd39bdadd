"""The one place that maps the view (language, filters, open event or era) to session and URL.

The canonical :class:`ViewState` lives in ``st.session_state["view"]``; widgets are drawn from it
and write back through callbacks, so a page that is not shown never loses a filter, and the URL
is rewritten from it on every run. Each rewrite is a new history entry; when Back or Forward
brings another address, the view is read from it again, so the browser's history walks through
the events and eras opened.
"""

from __future__ import annotations

import dataclasses

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from timeline.dataset import Dataset
from timeline.filters import FilterState
from timeline.i18n import translate
from timeline.urlstate import IgnoredParam, ViewState, params_from_view, view_from_params

VIEW_KEY = "view"
IGNORED_KEY = "url_ignored"
CHART_GENERATION_KEY = "chart_generation"
FOCUS_KEY = "focus_nonce"
SYNCED_PARAMS_KEY = "synced_params"


def init_view(dataset: Dataset) -> ViewState:
    """The session's view, read from the URL on the session's first run."""
    if VIEW_KEY not in st.session_state:
        _read_view(dataset)
    return st.session_state[VIEW_KEY]


def follow_address(dataset: Dataset) -> bool:
    """Read the view again when Back or Forward brought another address; True when it did.

    Only a history navigation counts: a rerun that was queued before the last rewrite carries the
    older address too, and must not undo what the reader just opened.
    """
    context = get_script_run_ctx()
    if context is None or not context.is_history_navigation:
        return False
    if st.query_params.to_dict() == st.session_state.get(SYNCED_PARAMS_KEY):
        return False
    _read_view(dataset)
    _forget_chart_selection()
    return True


def _read_view(dataset: Dataset) -> None:
    view, ignored = view_from_params(st.query_params.to_dict(), dataset)
    st.session_state[VIEW_KEY] = view
    st.session_state[IGNORED_KEY] = ignored
    if view.event or view.era or view.document or view.comparison:
        _request_focus()


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
    """Open an event's panel (closing any era panel) and bring it into the reader's view."""
    set_view(event=event_id, era=None)
    _request_focus()
    if not from_chart:
        _forget_chart_selection()


def open_era(era_id: str | None, *, from_chart: bool = False) -> None:
    """Open an era's panel (closing any event panel) and bring it into the reader's view."""
    set_view(era=era_id, event=None)
    _request_focus()
    if not from_chart:
        _forget_chart_selection()


def open_document(doc_id: str | None, part: str | None = None) -> None:
    """Open a document (at one of its parts, if given) on the Documents page and bring it into view."""
    set_view(document=doc_id, part=part if doc_id else None, comparison=None)
    _request_focus()


def open_comparison(comparison_id: str | None) -> None:
    """Open a side-by-side comparison of documents (closing any open document) and bring it into view."""
    set_view(comparison=comparison_id, document=None, part=None)
    _request_focus()


def open_tour_stop(tour_id: str, stop: int, event_id: str) -> None:
    """Go to stop ``stop`` of a tour: its event's panel opens and comes into view."""
    set_view(tour=tour_id, stop=stop)
    open_event(event_id)


def leave_tour() -> None:
    """Close the tour; the event last opened stays open."""
    set_view(tour=None, stop=1)


def focus_nonce() -> int:
    """Changes each time a panel is opened, however; the page scrolls the panel into view once per value."""
    return st.session_state.get(FOCUS_KEY, 0)


def _request_focus() -> None:
    st.session_state[FOCUS_KEY] = focus_nonce() + 1


def chart_key() -> str:
    """The chart's widget key; it changes when a panel is opened another way, clearing the old click."""
    return f"chart-{st.session_state.get(CHART_GENERATION_KEY, 0)}"


def _forget_chart_selection() -> None:
    """Clear a click the chart still holds, so clicking that point again opens it again.

    A new widget key is the only way to clear it, and it makes Streamlit send the whole figure again, so the
    key changes only when the chart does hold a click; Previous / Next after a pick leave the chart as it is.
    """
    chart = st.session_state.get(chart_key())
    selection = getattr(chart, "selection", None) or (chart or {}).get("selection") or {}
    if selection.get("points"):
        st.session_state[CHART_GENERATION_KEY] = st.session_state.get(CHART_GENERATION_KEY, 0) + 1


def take_ignored_params() -> list[IgnoredParam]:
    """What the opening URL named but the data lacks (reported once, then forgotten)."""
    return st.session_state.pop(IGNORED_KEY, [])


def params_for_page_switch() -> dict[str, str]:
    """The view's query parameters, for ``st.switch_page`` (which otherwise clears them from the address)."""
    return params_from_view(view())


def sync_url() -> None:
    """Rewrite the query parameters to match the view, so the address bar is always a working link."""
    params = params_from_view(view())
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
    st.session_state[SYNCED_PARAMS_KEY] = params


def bind(key: str, value: object) -> str:
    """Set widget ``key`` to the canonical ``value`` before it is drawn; returns the key."""
    st.session_state[key] = value
    return key
