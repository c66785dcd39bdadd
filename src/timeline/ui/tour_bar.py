"""Guided tours on the timeline page: the list of tours, and the bar that walks one stop at a time."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from timeline.dataset import Dataset
from timeline.markup import escape_markdown
from timeline.tours import TourStop, tour_ids, tour_row, tour_stop
from timeline.ui import state
from timeline.ui.cite import render_cite_this, view_url
from timeline.ui.data import dataset_key
from timeline.ui.state import t

TOUR_BAR_KEY = "tour_bar"
TOUR_LIST_KEY = "w_tours"


def render_tour_list(dataset: Dataset) -> None:
    """A button beside the count line that unfolds the tours, each with its summary and a button to start it."""
    tours = tour_ids(dataset)
    if not tours:
        return
    lang = state.lang()
    # on_change="rerun" makes the open state a session value, so starting a tour can close the list.
    with st.popover(t("tours"), icon=":material/route:", key=TOUR_LIST_KEY, on_change="rerun"):
        st.caption(t("tours_intro"))
        for tour_id, row, first in _tour_entries(dataset_key(dataset), dataset):
            st.markdown(f"**{escape_markdown(row[f'title_{lang}'])}**  \n{escape_markdown(row[f'summary_{lang}'])}")
            if str(row[f"audience_{lang}"]).strip():
                st.caption(t("tour_audience", audience=escape_markdown(row[f"audience_{lang}"])))
            st.button(t("tour_start", count=first.count),
                      key=f"w_tour_start_{tour_id}", on_click=_start, args=(tour_id, first.event),
                      icon=":material/play_arrow:")


@st.cache_resource(show_spinner=False, max_entries=8)
def _tour_entries(key: str, _dataset: Dataset) -> list[tuple[str, pd.Series, TourStop]]:
    """Each tour with its row and first stop (tours without stops left out), once per data content."""
    entries = [(tour_id, tour_row(_dataset, tour_id), tour_stop(_dataset, tour_id, 1))
               for tour_id in tour_ids(_dataset)]
    return [(tour_id, row, first) for tour_id, row, first in entries if row is not None and first is not None]


def _start(tour_id: str, first_event: str) -> None:
    """Open the tour's first stop and fold the list away, so the stop's panel is what the reader sees."""
    st.session_state[TOUR_LIST_KEY] = False
    state.open_tour_stop(tour_id, 1, first_event)


def render_tour_bar(dataset: Dataset) -> None:
    """Where the reader is in the tour (3 / 9), the stop's narrative, Previous / Next and a way out."""
    view = state.view()
    stop = tour_stop(dataset, view.tour, view.stop) if view.tour else None
    row = tour_row(dataset, view.tour) if view.tour else None
    if stop is None or row is None:
        return
    lang = view.lang
    with st.container(key=TOUR_BAR_KEY, border=True):
        st.markdown(f":material/route: {t('tour_label')}{t('colon')}**{escape_markdown(row[f'title_{lang}'])}** · "
                    f"{t('tour_position', stop=stop.stop, count=stop.count)}")
        st.markdown(escape_markdown(stop.text(lang)))
        with st.container(horizontal=True):
            st.button(t("tour_previous"), key="w_tour_previous", disabled=stop.previous is None,
                      on_click=_go_to, args=(dataset, stop.tour, stop.previous))
            st.button(t("tour_next"), key="w_tour_next", disabled=stop.next is None, type="primary",
                      on_click=_go_to, args=(dataset, stop.tour, stop.next))
            if view.event != stop.event:
                st.button(t("tour_back_to_stop"), key="w_tour_back", on_click=_go_to,
                          args=(dataset, stop.tour, stop.stop))
            st.button(t("tour_leave"), key="w_tour_leave", on_click=state.leave_tour, type="tertiary",
                      icon=":material/close:")
        render_cite_this(row[f"title_{lang}"], view_url(view))


def _go_to(dataset: Dataset, tour_id: str, number: int | None) -> None:
    """Open stop ``number`` of the tour (Previous, Next, back to the stop)."""
    stop = tour_stop(dataset, tour_id, number) if number is not None else None
    if stop is not None:
        state.open_tour_stop(tour_id, stop.stop, stop.event)
