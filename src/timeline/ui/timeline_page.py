"""The timeline page: filters, the figure, the event and era panels, the table and the CSV export."""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from timeline.chart_config import chart_config
from timeline.chart_text import describe_timeline
from timeline.dataset import Dataset
from timeline.export import EXPORT_FORMATS, EXPORT_LANGUAGES, export_csv_bytes, export_file_name
from timeline.figures import (
    ERA_PREFIX,
    add_tour_path,
    build_timeline_figure,
    clicked_item,
    event_points,
    lanes_for,
    link_trace,
)
from timeline.filters import FilterState, apply_filters, year_bounds
from timeline.i18n import translate
from timeline.links import event_links, link_phrase
from timeline.listing import LIST_LIMIT, group_events_by_era, groups_as_data
from timeline.markup import escape_plotly
from timeline.tours import tour_path
from timeline.ui import state
from timeline.ui.data import active_dataset, dataset_key
from timeline.ui.event_list import render_event_list
from timeline.ui.guard import calm_errors
from timeline.ui.panels import render_era_panel, render_event_panel
from timeline.ui.reader import CHART_VIEW_KEY, LIST_VIEW_KEY, inject_layout_css, reader_bridge
from timeline.ui.state import t
from timeline.ui.takeaway import render_takeaway
from timeline.ui.tour_bar import render_tour_bar, render_tour_list
from timeline.urlstate import stop_event
from timeline.vocab import CATEGORIES, IMPORTANCE, LANGUAGES, category_label, importance_label

PICKER_LIMIT = 1000
TABLE_PAGE_SIZE = 200
# Per language: the toolbar and dates in it, and the camera button's PNG named in it.
CHART_CONFIG = {lang: chart_config(lang, translate("chart_image_name", lang), remove=("lasso2d", "select2d"))
                for lang in LANGUAGES}


def render() -> None:
    """Draw the whole timeline page for the current view: the chart or list beside the open panel."""
    dataset = active_dataset()
    _render_filters(dataset)
    view = state.view()
    filtered = _filtered_events(dataset_key(dataset), dataset, view.filters)
    total = len(dataset.events)
    inject_layout_css()

    st.title(t("app_title"), anchor=False)
    st.caption(t("app_subtitle"))
    count_column, layout_column = st.columns([3, 2], vertical_alignment="center")
    with count_column, st.container(horizontal=True, vertical_alignment="center"):
        st.markdown(f"**{t('count_line', shown=len(filtered), total=total)}**")
        render_tour_list(dataset)
    with layout_column:
        layout = _render_layout_switch()
    if total == 0:
        st.info(t("no_events"))
    elif filtered.empty:
        st.info(f"{t('no_match')} {t('no_match_hint')}")
        st.button(t("reset_filters"), key="w_reset_empty", on_click=state.reset_filters)
    _render_reading(dataset, filtered, layout)


@st.fragment
def _render_reading(dataset: Dataset, filtered: pd.DataFrame, layout: str) -> None:
    """The chart or list, the pickers, the open panel, the table and the downloads: one fragment.

    Opening an event or an era (a click, a tap, a pick, Previous / Next, a related event) changes only
    what is in here, so it reruns only this, not the sidebar, the filters or the page's frame; a filter,
    the language or the layout changes the whole page and reruns all of it (the fragment's arguments
    are then new). The address is kept in step here too, since a fragment's run ends here.
    """
    with calm_errors():
        _render_reading_area(dataset, filtered, layout)
        state.sync_url()


def _render_reading_area(dataset: Dataset, filtered: pd.DataFrame, layout: str) -> None:
    view = state.view()
    with st.container(key=f"layout_{layout}"), st.container(key="reading_columns"):
        main_column, panel_column = st.columns([3, 2], gap="medium")
    with main_column:
        if layout != "list":
            with st.container(key=CHART_VIEW_KEY):
                figure = _figure(dataset_key(dataset), dataset, view.filters, view.lang, view.tour)
                chart_key = state.chart_key()
                st.plotly_chart(figure, key=chart_key, on_select=functools.partial(_on_chart_select, chart_key),
                                selection_mode="points",
                                config=CHART_CONFIG[view.lang], width="stretch",
                                alt=describe_timeline(filtered, view.lang))
                st.caption(t("chart_help"))
        if layout != "chart":
            with st.container(key=LIST_VIEW_KEY):
                _render_list(dataset, filtered)
        _render_pickers(dataset, filtered)
    with panel_column, st.container(key="detail", border=True):
        at_stop = view.tour is not None and view.event == stop_event(dataset, view.tour, view.stop)
        if view.tour and not at_stop:
            render_tour_bar(dataset)
        if view.event:
            render_event_panel(dataset, view.event, filtered,
                               below_heading=functools.partial(render_tour_bar, dataset) if at_stop else None)
        elif view.era:
            render_era_panel(dataset, view.era)
        else:
            st.caption(t("panel_empty"))
    _render_table(dataset, filtered)
    _render_export(dataset, filtered)
    render_takeaway(dataset, filtered)
    reader_bridge(state.focus_nonce(), _open_title(dataset, view), _open_marker(view), _open_tapped_point,
                  links=_link_trace(dataset, view) if layout != "list" else None)


LAYOUTS = ("auto", "chart", "list")


def _render_layout_switch() -> str:
    """Chart or list: chosen by screen width ("auto": the list on a phone), or by hand."""
    st.segmented_control(t("layout"), LAYOUTS, key="w_layout", default="auto", required=True,
                         format_func=lambda layout: t(f"layout_{layout}"), label_visibility="collapsed",
                         help=t("layout_help"))
    return st.session_state.get("w_layout") or "auto"


def _render_list(dataset: Dataset, filtered: pd.DataFrame) -> None:
    view = state.view()
    groups = _list_groups(dataset_key(dataset), dataset, view.filters, view.lang)
    if len(filtered) > LIST_LIMIT:
        st.caption(t("list_limited", shown=LIST_LIMIT, count=len(filtered)))
    render_event_list(groups, _open_from_list)


@st.cache_resource(show_spinner=False, max_entries=8)
def _year_bounds(key: str, _dataset: Dataset) -> tuple[int, int]:
    return year_bounds(_dataset)


@st.cache_resource(show_spinner=False, max_entries=32)
def _list_groups(key: str, _dataset: Dataset, filters: FilterState, lang: str) -> list[dict]:
    return groups_as_data(group_events_by_era(_filtered_events(key, _dataset, filters), _dataset.eras, lang))


def _open_from_list(value: str) -> None:
    """Open what a card or an era heading names (an event id or ``era:<id>``)."""
    _open_item(value, from_chart=False)


def _open_tapped_point(value: str) -> None:
    """Open a chart point tapped on a touch screen; the chart keeps its zoom (it is not redrawn)."""
    _open_item(value, from_chart=True)


def _open_item(value: str, *, from_chart: bool) -> None:
    if value.startswith(ERA_PREFIX):
        state.open_era(value[len(ERA_PREFIX):], from_chart=from_chart)
    else:
        state.open_event(value, from_chart=from_chart)


def _open_title(dataset: Dataset, view) -> str | None:
    """The open panel's title as the page shows it, so the browser knows when the new panel is drawn."""
    if view.event and view.event in dataset.event_row:
        return str(dataset.events.at[dataset.event_row[view.event], f"title_{view.lang}"])
    if view.era:
        names = dataset.eras.loc[dataset.eras["id"] == view.era, f"name_{view.lang}"]
        return str(names.iloc[0]) if not names.empty else None
    return None


def _open_marker(view) -> str | None:
    """The chart's customdata of the open event or era, to mark it on the chart."""
    if view.event:
        return view.event
    return ERA_PREFIX + view.era if view.era else None


def _link_trace(dataset: Dataset, view) -> dict | None:
    """The open event's typed links as arrows on the chart, each hovering with how it reads from the open event."""
    if not view.event:
        return None
    lang = view.lang
    links = []
    for link in event_links(dataset, view.event):
        direction, other = ("out", link.target) if link.source == view.event else ("in", link.source)
        if other not in dataset.event_row:
            continue
        title = dataset.events.at[dataset.event_row[other], f"title_{lang}"]
        hover = f"{link_phrase(link.type, direction, lang)}{translate('colon', lang)}{title}"
        links.append((link.source, link.target, link.type, escape_plotly(hover)))
    return link_trace(_points(dataset_key(dataset), dataset, view.filters, lang), links)


@st.cache_resource(show_spinner=False, max_entries=32)
def _points(key: str, _dataset: Dataset, filters: FilterState, lang: str) -> dict[str, tuple[str, float]]:
    """Where each shown event's marker sits on the chart, to draw arrows between them."""
    return event_points(_figure(key, _dataset, filters, lang, None))


@st.cache_resource(show_spinner=False, max_entries=64)
def _filtered_events(key: str, _dataset: Dataset, filters: FilterState) -> pd.DataFrame:
    return apply_filters(_dataset, filters)


class _FrozenFigure(go.Figure):
    """A cached figure that is never changed, so its dict form is made once, not on every rerun.

    st.plotly_chart calls ``to_dict()`` and serialises the result on each run, and Plotly's encoder
    edits what it is given (it pops each trace's ``uid``). So the dict is frozen once: long value
    lists become tuples and numpy arrays become read-only, shared by every call; each call gets fresh
    dicts and lists around them (a few hundred small containers, never a copy of 100,000 events).
    Text arrays are stored as fixed-width numpy strings, which the encoder takes in one step
    instead of string by string (at 100,000 events, a tenth of a second on every click).
    """

    def __init__(self, figure: go.Figure) -> None:
        super().__init__(figure)
        self._frozen_dict = _frozen(super().to_dict())

    def to_dict(self) -> dict:
        return _thawed(self._frozen_dict)


def _frozen(value):
    """``value`` with its leaves made immutable: read-only arrays, tuples of plain values."""
    if isinstance(value, dict):
        return {name: _frozen(item) for name, item in value.items()}
    if isinstance(value, np.ndarray):
        if value.dtype == object and value.size and all(isinstance(item, str) for item in value.flat):
            value = value.astype(str)
        value.flags.writeable = False  # to_dict() deep-copied it, so no one else holds this array
        return value
    if isinstance(value, (list, tuple)):
        items = [_frozen(item) for item in value]
        return items if any(isinstance(item, (dict, list)) for item in items) else tuple(items)
    return value


def _thawed(value):
    """A fresh copy of the dicts and lists of a frozen value, sharing its immutable leaves."""
    if isinstance(value, dict):
        return {name: _thawed(item) for name, item in value.items()}
    if isinstance(value, list):
        return [_thawed(item) for item in value]
    return value


@st.cache_resource(show_spinner=False, max_entries=32)
def _figure(key: str, _dataset: Dataset, filters: FilterState, lang: str, tour: str | None) -> go.Figure:
    events = _filtered_events(key, _dataset, filters)
    labels = {"era_lane": translate("era_lane", lang)}
    figure = build_timeline_figure(events, _dataset.eras, lang, lanes=lanes_for(_dataset.events), labels=labels)
    if tour:
        add_tour_path(figure, tour_path(_dataset, tour), name=translate("tour_label", lang))
    return _FrozenFigure(figure)


def _on_chart_select(key: str) -> None:
    """Open what a click on the chart chose (``key`` is that chart's: a rerun may have renamed the current one)."""
    selection = st.session_state[key].selection
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
    bounds = _year_bounds(dataset_key(dataset), dataset)
    with st.sidebar:
        st.header(t("filters"), anchor=False)
        st.multiselect(
            t("filter_eras"), list(eras["id"]), key=state.bind("w_eras", list(filters.eras)),
            format_func=lambda era: ("　↳ " if era_depth.get(era) else "") + era_names.get(era, era),
            help=t("filter_eras_help"), placeholder=t("filter_eras_placeholder"),
            select_all=False,  # else Enter after typing picks "Select N matches", not the highlighted era
            on_change=lambda: state.set_filters(eras=tuple(st.session_state["w_eras"])),
        )
        st.multiselect(
            t("filter_categories"), list(CATEGORIES), key=state.bind("w_categories", list(filters.categories)),
            format_func=lambda category: category_label(category, lang),
            placeholder=t("filter_categories_placeholder"), select_all=False,
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
    """The download button: exactly the filtered rows, for reading (in a language) or as re-importable data.

    The export language follows the page's until the reader picks one; that pick is kept in
    ``export_lang`` outside the widget, so it survives a visit to another page.
    """
    view = state.view()
    st.header(t("export"), anchor=False)
    export_format = st.segmented_control(
        t("export_format"), list(EXPORT_FORMATS), required=True,
        key=state.bind("w_export_format", st.session_state.get("export_format", EXPORT_FORMATS[0])),
        format_func=lambda code: translate(f"export_format_{code}", view.lang),
        on_change=lambda: st.session_state.update(export_format=st.session_state["w_export_format"]),
    ) or EXPORT_FORMATS[0]
    export_lang = st.segmented_control(
        t("export_language"), list(EXPORT_LANGUAGES), required=True,
        key=state.bind("w_export_lang", st.session_state.get("export_lang") or view.lang),
        format_func=lambda code: translate(f"export_lang_{code}", view.lang), disabled=export_format == "data",
        on_change=lambda: st.session_state.update(export_lang=st.session_state["w_export_lang"]),
    ) or view.lang
    st.download_button(
        t("download_csv", count=len(filtered)),
        data=functools.partial(_csv_bytes, dataset_key(dataset), dataset, view.filters, export_format, export_lang),
        file_name=export_file_name(view.filters, export_lang, len(filtered), export_format),
        mime="text/csv", key="w_download", on_click="ignore", icon=":material/download:",
        disabled=filtered.empty,
    )
    st.caption(t(f"export_format_{export_format}_help"))


@st.cache_data(show_spinner=False, max_entries=16)
def _csv_bytes(key: str, _dataset: Dataset, filters: FilterState, export_format: str, lang: str) -> bytes:
    return export_csv_bytes(_dataset, _filtered_events(key, _dataset, filters), export_format, lang)
