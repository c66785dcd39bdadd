"""The Sources page: the bibliography in both citation styles, who cites what, and how to cite us."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from timeline.citations import citing_events, dashboard_bibtex, dashboard_citation, sources_table
from timeline.dataset import DataVersion
from timeline.markup import escape_markdown, safe_link
from timeline.ui import state
from timeline.ui.cite import base_url
from timeline.ui.data import active_dataset
from timeline.ui.navigation import event_link_button
from timeline.ui.state import t
from timeline.vocab import SOURCE_KINDS


def render() -> None:
    """Draw the citation box, the filters and the bibliography."""
    dataset = active_dataset()
    lang = state.lang()
    st.title(t("sources_title"), anchor=False)
    st.caption(t("sources_intro"))
    _render_citation_box(dataset.version, lang)

    view = state.view()
    kind_column, query_column = st.columns([1, 2])
    kind_column.multiselect(
        t("sources_kind"), list(SOURCE_KINDS), format_func=lambda kind: SOURCE_KINDS[kind][lang],
        key=state.bind("w_source_kinds", list(view.source_kinds)), placeholder=t("sources_kind_placeholder"),
        select_all=False,
        on_change=lambda: state.set_view(source_kinds=tuple(st.session_state["w_source_kinds"])))
    query_column.text_input(
        t("sources_query"), key=state.bind("w_source_query", view.source_query),
        on_change=lambda: state.set_view(source_query=st.session_state["w_source_query"].strip()))
    view = state.view()
    table = sources_table(dataset, lang, view.source_kinds, view.source_query)
    st.markdown(f"**{t('sources_count', shown=len(table), total=len(dataset.sources))}**")
    if table.empty:
        st.info(t("sources_none"))
        return
    cited = citing_events(dataset)
    titles = dict(zip(dataset.events["id"], dataset.events[f"date_{lang}"] + " · " + dataset.events[f"title_{lang}"]))
    other = "en" if lang == "zh" else "zh"
    counts = table["kind"].value_counts()
    current_kind = None
    for source in table.itertuples():
        if source.kind != current_kind:
            current_kind = source.kind
            label = SOURCE_KINDS.get(current_kind, {}).get(lang, current_kind)
            st.markdown(f"## {escape_markdown(label)} ({counts[current_kind]})")
        with st.container(border=True, key=f"source_{source.id}"):
            st.markdown(f"{safe_link(getattr(source, f'citation_{lang}'), source.url)}  \n"
                        f"{escape_markdown(SOURCE_KINDS.get(source.kind, {}).get(lang, source.kind))} · "
                        f"`{source.id}`")
            st.caption(f"{t('sources_other_style')}{t('colon')}{escape_markdown(getattr(source, f'citation_{other}'))}")
            events = cited.get(source.id, [])
            if events:
                with st.expander(t("sources_cited_by", count=len(events))):
                    for event_id in events:
                        event_link_button(event_id, escape_markdown(titles.get(event_id, event_id)),
                                          key=f"w_cites_{source.id}_{event_id}")


def _render_citation_box(version: DataVersion | None, lang: str) -> None:
    """How to cite the dashboard, naming the version its data folder declared when it was loaded."""
    url = base_url()
    today = dt.date.today()
    with st.container(border=True, key="cite_box"):
        st.markdown(f"## {t('cite_title')}")
        st.caption(t("cite_intro"))
        st.code(dashboard_citation(version, lang, url, today), language=None, wrap_lines=True)
        other = "en" if lang == "zh" else "zh"
        st.code(dashboard_citation(version, other, url, today), language=None, wrap_lines=True)
        with st.expander(t("cite_bibtex")):
            st.code(dashboard_bibtex(version, url, today), language="bibtex")

