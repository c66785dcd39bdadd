"""The event panel and the era panel: the analysis a click opens."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from timeline.dataset import Dataset, split_ids
from timeline.documents import documents_of_event
from timeline.links import link_groups
from timeline.markup import escape_markdown, safe_link
from timeline.ui import state
from timeline.ui.cite import render_cite_this, view_url
from timeline.ui.data import dataset_key
from timeline.ui.navigation import document_link_button
from timeline.ui.reader import PANEL_TITLE_KEY
from timeline.ui.state import t
from timeline.urlstate import ViewState
from timeline.vocab import category_label, importance_label

KEY_EVENTS_SHOWN = 12


def render_event_panel(dataset: Dataset, event_id: str, filtered: pd.DataFrame,
                       below_heading: Callable[[], None] | None = None) -> None:
    """Title, date, era, category, the three analyses, typed links, related events, sources, previous / next.

    ``below_heading`` draws something right under the title (a tour's bar), where the reader lands.
    """
    lang = state.lang()
    events = dataset.events
    row = dataset.event_row.get(event_id)
    if row is None:
        return
    event = events.loc[row]
    era = _era_row(dataset, event["era"])
    _render_heading(event[f"title_{lang}"], "w_close_event", state.open_event)
    if below_heading is not None:
        below_heading()
    st.markdown(
        f"**{t('date')}** {escape_markdown(event[f'date_{lang}'])} · **{t('category')}** "
        f"{escape_markdown(category_label(event['category'], lang))} · **{t('importance')}** "
        f"{escape_markdown(importance_label(int(event['importance']), lang))}"
    )
    if era is not None:
        st.button(f"{t('era')}{t('colon')}{escape_markdown(era[f'name_{lang}'])}", key="w_event_era",
                  on_click=state.open_era, args=(era["id"],), type="tertiary", icon=":material/date_range:")
    st.markdown(f"**{escape_markdown(event[f'summary_{lang}'])}**")
    _render_documents(dataset, event_id, lang)
    for section in ("background", "content", "significance"):
        text = str(event[f"{section}_{lang}"]).strip()
        if text:
            st.markdown(f"### {t(section)}")
            st.markdown(escape_markdown(text))
    _render_links(dataset, event_id, lang)
    _render_related(dataset, event, lang)
    _render_sources(dataset, event, lang)
    render_cite_this(event[f"title_{lang}"], view_url(ViewState(lang=lang, event=event_id)))
    _render_previous_next(row, filtered if row in filtered.index else events, lang)


def render_era_panel(dataset: Dataset, era_id: str) -> None:
    """The era's span, summary, background and significance, its phases and key events."""
    lang = state.lang()
    era = _era_row(dataset, era_id)
    if era is None:
        return
    _render_heading(era[f"name_{lang}"], "w_close_era", state.open_era)
    st.markdown(f"**{t('era_span')}** {escape_markdown(era[f'span_{lang}'])}")
    if era["parent"]:
        parent = _era_row(dataset, era["parent"])
        if parent is not None:
            label = f"{t('era_parent')}{t('colon')}{escape_markdown(parent[f'name_{lang}'])}"
            st.button(label, key="w_era_parent", type="tertiary", on_click=state.open_era, args=(parent["id"],))
    if str(era[f"summary_{lang}"]).strip():
        st.markdown(f"**{escape_markdown(era[f'summary_{lang}'])}**")
    for section in ("background", "significance"):
        text = str(era[f"{section}_{lang}"]).strip()
        if text:
            st.markdown(f"### {t(section)}")
            st.markdown(escape_markdown(text))
    phases = dataset.eras[dataset.eras["parent"] == era_id]
    if not phases.empty:
        st.markdown(f"### {t('era_phases')}")
        with st.container(gap=None):
            for phase in phases.itertuples():
                st.button(escape_markdown(f"{getattr(phase, f'span_{lang}')} · {getattr(phase, f'name_{lang}')}"),
                          key=f"w_phase_{phase.id}", on_click=state.open_era, args=(phase.id,), type="tertiary",
                          icon=":material/subdirectory_arrow_right:")
    family = dataset.era_family(era_id)
    in_era = dataset.events[dataset.events["era"].isin(family)]
    key_events = in_era.sort_values(["importance", "start"], kind="stable").head(KEY_EVENTS_SHOWN)
    if not key_events.empty:
        st.markdown(f"### {t('era_key_events')}")
        with st.container(gap=None):
            for event in key_events.sort_values("start").itertuples():
                _event_button(event.id, getattr(event, f"date_{lang}"), getattr(event, f"title_{lang}"),
                              "w_era_event")
        if len(in_era) > len(key_events):
            st.caption(t("era_more_events", shown=len(key_events), total=len(in_era)))
            st.button(t("era_filter_to"), key="w_era_filter", icon=":material/filter_alt:",
                      on_click=_filter_to_era, args=(era_id,))
    render_cite_this(era[f"name_{lang}"], view_url(ViewState(lang=lang, era=era_id)))


def _render_heading(title: str, close_key: str, close: Callable[[None], None]) -> None:
    """The panel's title with its close button on the same line, on a phone as on a desktop."""
    with st.container(horizontal=True, wrap=False, vertical_alignment="top"):
        with st.container(key=PANEL_TITLE_KEY):
            st.header(escape_markdown(title), anchor=False)
        st.button(t("close_panel"), key=close_key, icon=":material/close:", type="tertiary",
                  on_click=close, args=(None,))


def _filter_to_era(era_id: str) -> None:
    """Show only this era's events on the timeline (the panel stays open)."""
    state.set_filters(eras=(era_id,))


def _era_row(dataset: Dataset, era_id: str) -> pd.Series | None:
    rows = dataset.eras[dataset.eras["id"] == era_id]
    return None if rows.empty else rows.iloc[0]


def _event_button(event_id: str, date: str, title: str, key_prefix: str) -> None:
    st.button(escape_markdown(f"{date} · {title}"), key=f"{key_prefix}_{event_id}", on_click=state.open_event,
              args=(event_id,), type="tertiary", wrap=True, icon=":material/arrow_forward:")


@st.cache_resource(show_spinner=False, max_entries=512)
def _documents_of_event(key: str, _dataset: Dataset, event_id: str) -> pd.DataFrame:
    # Per data content and event: every panel opening would otherwise scan and sort the documents again.
    return documents_of_event(_dataset, event_id)


@st.cache_resource(show_spinner=False, max_entries=1024)
def _link_groups(key: str, _dataset: Dataset, event_id: str, lang: str) -> list:
    return link_groups(_dataset, event_id, lang)


def _render_documents(dataset: Dataset, event_id: str, lang: str) -> None:
    """The documents this event belongs to, each one click from its reading on the Documents page."""
    documents = _documents_of_event(dataset_key(dataset), dataset, event_id)
    if documents.empty:
        return
    st.markdown(f"### {t('panel_documents')}")
    with st.container(gap=None):
        for document in documents.itertuples():
            document_link_button(document.id, escape_markdown(getattr(document, f"title_{lang}")),
                                 key=f"w_event_doc_{document.id}")


def _render_related(dataset: Dataset, event: pd.Series, lang: str) -> None:
    rows = [dataset.event_row[related] for related in split_ids(event["related"])
            if related in dataset.event_row and related != event["id"]]
    if not rows:
        return
    st.markdown(f"### {t('related')}")
    with st.container(gap=None):
        for _, row in dataset.events.loc[rows].sort_values("start").iterrows():
            _event_button(row["id"], row[f"date_{lang}"], row[f"title_{lang}"], "w_related")


def _render_links(dataset: Dataset, event_id: str, lang: str) -> None:
    """The event's typed links, grouped under the phrase that says how ("Led to", "A response to")."""
    groups = _link_groups(dataset_key(dataset), dataset, event_id, lang)
    if not groups:
        return
    st.markdown(f"### {t('links')}")
    for group in groups:
        st.markdown(f"**{escape_markdown(group.phrase)}**")
        with st.container(gap=None):
            for linked in group.events:
                row = dataset.events.loc[dataset.event_row[linked.event]]
                _event_button(linked.event, row[f"date_{lang}"], row[f"title_{lang}"],
                              f"w_link_{group.type}_{group.direction}")
                if linked.note.strip():
                    st.caption(escape_markdown(linked.note))


def _render_sources(dataset: Dataset, event: pd.Series, lang: str) -> None:
    render_citations(dataset, event["sources"], f"### {t('sources')}", lang)


def render_citations(dataset: Dataset, source_ids: str, heading: str, lang: str) -> None:
    """The sources named in a ``;``-separated cell, numbered and linked, under ``heading`` (nothing if none)."""
    cited = dataset.sources.set_index("id").reindex(split_ids(source_ids)).dropna(subset=[f"citation_{lang}"])
    if cited.empty:
        return
    st.markdown(heading)
    st.markdown("\n".join(
        f"{number}. {safe_link(row[f'citation_{lang}'], row['url'])}"
        for number, (_, row) in enumerate(cited.iterrows(), start=1)
    ))


def _render_previous_next(row: int, sequence: pd.DataFrame, lang: str) -> None:
    """Buttons to the events before and after ``row`` in ``sequence`` (the filtered events, in time order)."""
    position = sequence.index.get_loc(row)
    previous_col, next_col = st.columns(2)
    if position > 0:
        previous = sequence.iloc[position - 1]
        previous_col.button(f"{t('previous')}  {escape_markdown(previous[f'title_{lang}'])}", key="w_previous",
                            on_click=state.open_event, args=(previous["id"],), width="stretch", wrap=True)
    if position < len(sequence) - 1:
        following = sequence.iloc[position + 1]
        next_col.button(f"{t('next')}  {escape_markdown(following[f'title_{lang}'])}", key="w_next",
                        on_click=state.open_event, args=(following["id"],), width="stretch", wrap=True)
