"""The timeline page: filters, the figure, the event and era panels, the table and the CSV export."""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from timeline.chart_text import describe_timeline
from timeline.dataset import Dataset
from timeline.export import EXPORT_LANGUAGES, events_to_csv_bytes, export_file_name
from timeline.figures import build_timeline_figure, clicked_item, lanes_for
from timeline.filters import FilterState, apply_filters, year_bounds
from timeline.i18n import translate
from timeline.ui import state
from timeline.ui.data import active_dataset, dataset_key
from timeline.ui.panels import render_era_panel, render_event_panel
from timeline.ui.state import t
from timeline.vocab import CATEGORIES, IMPORTANCE, category_label, importance_label

PICKER_LIMIT = 1000
TABLE_PAGE_SIZE = 200
CHART_CONFIG = {"displaylogo": False, "scrollZoom": False,
                "modeBarButtonsToRemove": ["lasso2d", "select2d", "toImage"]}


def render() -> None:
    """Draw the whole timeline page for the current view."""
    dataset = active_dataset()
    _render_filters(dataset)
    view = state.view()
    filtered = _filtered_events(dataset_key(dataset), dataset, view.filters)
    total = len(dataset.events)

    st.title(t("app_title"), anchor=False)
    st.caption(t("app_subtitle"))
    st.markdown(f"**{t('count_line', shown=len(filtered), total=total)}**")
    if total == 0:
        st.info(t("no_events"))
    elif filtered.empty:
        st.info(f"{t('no_match')} {t('no_match_hint')}")
        st.button(t("reset_filters"), key="w_reset_empty", on_click=state.reset_filters)

    figure = _figure(dataset_key(dataset), dataset, view.filters, view.lang)
    st.plotly_chart(figure, key=state.chart_key(), on_select=_on_chart_select, selection_mode="points",
                    config=CHART_CONFIG, width="stretch", alt=describe_timeline(filtered, view.lang))
    st.caption(t("chart_help"))

    _render_pickers(dataset, filtered)
    with st.container(key="detail", border=True):
        if view.event:
            render_event_panel(dataset, view.event, filtered)
        elif view.era:
            render_era_panel(dataset, view.era)
        else:
            st.caption(t("panel_empty"))
    _render_table(dataset, filtered)
    _render_export(dataset, filtered)


@st.cache_resource(show_spinner=False, max_entries=64)
def _filtered_events(key: str, _dataset: Dataset, filters: FilterState) -> pd.DataFrame:
    return apply_filters(_dataset, filters)


class _FrozenFigure(go.Figure):
    """A cached figure that is never changed, so its dict form is made once, not on every rerun.

    st.plotly_chart calls ``to_dict()`` and serialises the result on each run. The cached figure is
    read-only, so the deep copy buys nothing; and its string arrays are stored as fixed-width numpy
    arrays, which Plotly's JSON encoder takes in one step instead of string by string (at 100,000
    events, a tenth of a second on every click).
    """

    def __init__(self, figure: go.Figure) -> None:
        super().__init__(figure)
        as_dict = super().to_dict()
        for trace in as_dict["data"]:
            for name, values in trace.items():
                if isinstance(values, np.ndarray) and values.dtype == object and all(
                        isinstance(value, str) for value in values[:1]):
                    trace[name] = values.astype(str)
        self._frozen_dict = as_dict

    def to_dict(self) -> dict:
        return self._frozen_dict


@st.cache_resource(show_spinner=False, max_entries=32)
def _figure(key: str, _dataset: Dataset, filters: FilterState, lang: str) -> go.Figure:
    events = _filtered_events(key, _dataset, filters)
    labels = {"era_lane": translate("era_lane", lang)}
    figure = build_timeline_figure(events, _dataset.eras, lang, lanes=lanes_for(_dataset.events), labels=labels)
    return _FrozenFigure(figure)


def _on_chart_select() -> None:
    selection = st.session_state[state.chart_key()].selection
    item = clicked_item(selection.get("points", []))
    if item is None:
        return
    if item.kind == "era":
        state.open_era(item.id, from_chart=True)
    else:
        state.open_event(item.id, from_chart=True)


def _render_filters(dataset: Dataset) -> None:
    view = state.view()
    lang, filters = view.lang, view.filters
    eras = dataset.eras
    era_names = dict(zip(eras["id"], eras[f"name_{lang}"]))
    era_depth = dict(zip(eras["id"], (eras["parent"] != "").astype(int)))
    bounds = year_bounds(dataset)
    with st.sidebar:
        st.header(t("filters"), anchor=False)
        st.multiselect(
            t("filter_eras"), list(eras["id"]), key=state.bind("w_eras", list(filters.eras)),
            format_func=lambda era: ("　↳ " if era_depth.get(era) else "") + era_names.get(era, era),
            help=t("filter_eras_help"), placeholder=t("filter_eras_placeholder"),
            on_change=lambda: state.set_filters(eras=tuple(st.session_state["w_eras"])),
        )
        st.multiselect(
            t("filter_categories"), list(CATEGORIES), key=state.bind("w_categories", list(filters.categories)),
            format_func=lambda category: category_label(category, lang),
            placeholder=t("filter_categories_placeholder"),
            on_change=lambda: state.set_filters(categories=tuple(st.session_state["w_categories"])),
        )
        st.pills(
            t("filter_importance"), list(IMPORTANCE), selection_mode="multi",
            key=state.bind("w_importance", list(filters.importance)),
            format_func=lambda level: importance_label(level, lang),
            on_change=lambda: state.set_filters(importance=tuple(sorted(st.session_state["w_importance"]))),
        )
        if bounds[0] < bounds[1]:
            st.slider(
                t("filter_years"), min_value=bounds[0], max_value=bounds[1],
                key=state.bind("w_years", _clamped(filters.years, bounds)),
                on_change=lambda: state.set_filters(years=_years_or_none(st.session_state["w_years"], bounds)),
            )
        st.text_input(
            t("filter_query"), key=state.bind("w_query", filters.query), placeholder=t("filter_query_placeholder"),
            on_change=lambda: state.set_filters(query=st.session_state["w_query"].strip()),
        )
        st.button(t("reset_filters"), key="w_reset", on_click=state.reset_filters, disabled=filters.is_default(),
                  width="stretch")


def _clamped(years: tuple[int, int] | None, bounds: tuple[int, int]) -> tuple[int, int]:
    """The chosen years within the data's bounds (another dataset, such as an upload, may span less)."""
    if years is None:
        return bounds
    first, last = max(years[0], bounds[0]), min(years[1], bounds[1])
    return (first, last) if first <= last else bounds


def _years_or_none(years: tuple[int, int], bounds: tuple[int, int]) -> tuple[int, int] | None:
    years = (int(years[0]), int(years[1]))
    return None if years == bounds else years


@st.cache_resource(show_spinner=False, max_entries=32)
def _event_labels(key: str, _dataset: Dataset, filters: FilterState, lang: str) -> dict[str, str]:
    filtered = _filtered_events(key, _dataset, filters)
    return dict(zip(filtered["id"], filtered[f"date_{lang}"] + " · " + filtered[f"title_{lang}"]))


def _render_pickers(dataset: Dataset, filtered: pd.DataFrame) -> None:
    """The keyboard path to both panels: a select box of events and one of eras."""
    view = state.view()
    lang = view.lang
    event_col, era_col = st.columns([3, 2])
    with event_col:
        if len(filtered) <= PICKER_LIMIT:
            labels = _event_labels(dataset_key(dataset), dataset, view.filters, lang)
            st.selectbox(
                t("pick_event"), list(labels), format_func=lambda event: labels.get(event, event),
                key=state.bind("w_pick_event", view.event if view.event in labels else None),
                placeholder=t("pick_event_placeholder"),
                on_change=lambda: state.open_event(st.session_state["w_pick_event"]),
            )
        else:
            st.caption(t("pick_event_too_many", count=len(filtered), limit=PICKER_LIMIT))
    with era_col:
        eras = dataset.eras
        names = dict(zip(eras["id"], eras[f"span_{lang}"] + " · " + eras[f"name_{lang}"]))
        st.selectbox(
            t("pick_era"), list(names), format_func=lambda era: names.get(era, era),
            key=state.bind("w_pick_era", view.era), placeholder=t("pick_era_placeholder"),
            on_change=lambda: state.open_era(st.session_state["w_pick_era"]),
        )


def _render_table(dataset: Dataset, filtered: pd.DataFrame) -> None:
    """The filtered events as a table, a page at a time; selecting a row opens the event."""
    if filtered.empty:
        return
    lang = state.lang()
    st.header(t("table"), anchor=False)
    pages = max(1, math.ceil(len(filtered) / TABLE_PAGE_SIZE))
    page = 1
    if pages > 1:
        current = min(int(st.session_state.get("w_table_page", 1)), pages)  # a narrower filter has fewer pages
        page = int(st.number_input(t("table_page"), min_value=1, max_value=pages, step=1,
                                   key=state.bind("w_table_page", current)))
        st.caption(t("table_page_of", page=page, pages=pages, size=TABLE_PAGE_SIZE))
    table, ids = _table_page(dataset_key(dataset), dataset, state.view().filters, lang, page)
    key = f"w_table_{page}"
    st.dataframe(table, key=key, on_select=functools.partial(_on_table_select, key, ids),
                 selection_mode="single-row", hide_index=True, width="stretch")
    st.caption(t("table_help"))


@st.cache_resource(show_spinner=False, max_entries=32)
def _table_page(key: str, _dataset: Dataset, filters: FilterState, lang: str, page: int) -> tuple[pa.Table, list]:
    """One page of the filtered events as the table shows them (as Arrow, converted once), and their ids."""
    filtered = _filtered_events(key, _dataset, filters)
    shown = filtered.iloc[(page - 1) * TABLE_PAGE_SIZE: page * TABLE_PAGE_SIZE]
    era_names = dict(zip(_dataset.eras["id"], _dataset.eras[f"name_{lang}"]))
    table = pd.DataFrame({
        translate("col_date", lang): shown[f"date_{lang}"],
        translate("col_title", lang): shown[f"title_{lang}"],
        translate("col_category", lang): shown["category"].map(lambda category: category_label(category, lang)),
        translate("col_importance", lang): shown["importance"].map(lambda level: importance_label(level, lang)),
        translate("col_era", lang): shown["era"].map(era_names),
        translate("col_summary", lang): shown[f"summary_{lang}"],
    }).reset_index(drop=True)
    return pa.Table.from_pandas(table, preserve_index=False), list(shown["id"])


def _on_table_select(key: str, ids: list[str]) -> None:
    rows = st.session_state[key].selection.rows
    if rows and rows[0] < len(ids):
        state.open_event(ids[rows[0]])


def _render_export(dataset: Dataset, filtered: pd.DataFrame) -> None:
    """The download button: exactly the filtered rows, in the chosen language or both."""
    view = state.view()
    st.header(t("export"), anchor=False)
    if "w_export_lang" not in st.session_state:
        st.session_state["w_export_lang"] = view.lang
    export_lang = st.segmented_control(
        t("export_language"), list(EXPORT_LANGUAGES), key="w_export_lang", required=True,
        format_func=lambda code: t(f"export_lang_{code}"),
    ) or view.lang
    st.download_button(
        t("download_csv", count=len(filtered)),
        data=functools.partial(_csv_bytes, dataset_key(dataset), dataset, view.filters, export_lang),
        file_name=export_file_name(view.filters, export_lang, len(filtered)),
        mime="text/csv", key="w_download", on_click="ignore", icon=":material/download:",
        disabled=filtered.empty,
    )


@st.cache_data(show_spinner=False, max_entries=16)
def _csv_bytes(key: str, _dataset: Dataset, filters: FilterState, lang: str) -> bytes:
    return events_to_csv_bytes(_filtered_events(key, _dataset, filters), lang)
