"""The Documents page: the list of documents, a document read part by part, and comparisons side by side.

Addresses: ``?doc=1960-treaty`` opens a document, ``?doc=1960-treaty&part=art-6`` opens it with that part
scrolled into view and marked, ``?doc_cmp=treaties-1951-1960`` opens a comparison. A small browser component
(the reader bridge's idea, see :mod:`timeline.ui.reader`) brings the opened document or part into view.
"""

from __future__ import annotations

import datetime as dt
import functools
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from timeline.dataset import Dataset
from timeline.documents import (
    comparison_dimensions,
    comparison_documents,
    comparison_grid_csv_bytes,
    comparison_grid_markdown,
    comparison_row,
    document_citation,
    document_parts,
    document_row,
    events_of_document,
    format_document_date,
    list_documents,
    official_urls,
    part_heading,
    party_names,
)
from timeline.markup import escape_markdown, safe_link
from timeline.ui import state
from timeline.ui.cite import render_cite_this, view_url
from timeline.ui.compare_page import CELL_LABEL_CSS
from timeline.ui.data import active_dataset
from timeline.ui.navigation import event_link_button
from timeline.ui.panels import render_citations
from timeline.ui.reader import KEEP_IN_VIEW_JS
from timeline.ui.state import t
from timeline.ui.styles import apply_style
from timeline.vocab import DOCUMENT_KINDS, document_kind_label

# Bring the element keyed ``target`` into view once per nonce, and keep it there while the page settles.
_JS = KEEP_IN_VIEW_JS + """
export default function (component) {
  const data = component.data || {};
  const state = window.__documentReader = window.__documentReader || {focused: null, settled: null};
  if (!data.target || data.nonce === state.focused) return;
  state.focused = data.nonce;
  state.target = data.target;
  keepInView(state, data.nonce, () => document.querySelector('.st-key-' + data.target));
}
"""
_bridge = st.components.v2.component("document_reader", js=_JS)

# The part a link points to stands out; headings clear the sticky header when scrolled to.
_CSS = """
[class*="st-key-doc_part_"], [class*="st-key-doc_heading_"] { scroll-margin-top: 4.5rem; }
.st-key-document_reader { display: none; }
@media (max-width: 640px) { .st-key-doc_cmp_head { display: none; } }
"""
_CURRENT_PART_CSS = ".st-key-{key} {{ background: rgba(11, 92, 173, 0.07); box-shadow: inset 4px 0 0 #0b5cad; }}"


def render() -> None:
    """Draw the open document, the open comparison, or the list of documents."""
    dataset = active_dataset()
    view = state.view()
    apply_style(_CSS + CELL_LABEL_CSS, "documents_style")
    if view.document and document_row(dataset, view.document) is not None:
        target = _render_document(dataset, view.document, view.part, view.lang)
    elif view.comparison and comparison_row(dataset, view.comparison) is not None:
        target = _render_comparison(dataset, view.comparison, view.lang)
    else:
        target = None
        _render_list(dataset, view.lang)
    with st.container(key="document_reader"):
        _bridge(data={"nonce": state.focus_nonce(), "target": target}, key="w_document_reader")


def _heading_key(item_id: str) -> str:
    return f"doc_heading_{item_id}"


def _part_key(doc_id: str, part: str) -> str:
    return f"doc_part_{doc_id}_{part}"


# The list.

def _render_list(dataset: Dataset, lang: str) -> None:
    """The comparisons first (the revision notes), then every document, filtered by kind and era."""
    view = state.view()
    st.title(t("doc_title"), anchor=False)
    st.caption(t("doc_intro"))
    if dataset.documents.empty:
        st.info(t("doc_no_data"))
        return
    if not dataset.comparisons.empty:
        st.markdown(f"## {t('doc_compare_title')}")
        st.caption(t("doc_compare_intro"))
        comparisons = list(dataset.comparisons.itertuples())
        for column, comparison in zip(st.columns(min(len(comparisons), 3)) * len(comparisons), comparisons):
            with column, st.container(border=True):
                st.button(escape_markdown(getattr(comparison, f"title_{lang}")), key=f"w_cmp_open_{comparison.id}",
                          icon=":material/compare_arrows:", on_click=state.open_comparison, args=(comparison.id,),
                          wrap=True)
                # The years compared, not the summary: on a phone a paragraph each would bury the list below.
                years = [str(document_row(dataset, doc_id)["signed"])[:4]
                         for doc_id in comparison_documents(dataset, comparison.id)]
                st.caption(" · ".join(years))
    st.markdown(f"## {t('doc_all')}")
    era_names = dict(zip(dataset.eras["id"], dataset.eras[f"name_{lang}"]))
    kind_column, era_column = st.columns(2)
    kind_column.multiselect(
        t("doc_filter_kind"), list(DOCUMENT_KINDS), format_func=lambda kind: document_kind_label(kind, lang),
        key=state.bind("w_doc_kinds", list(view.document_kinds)), placeholder=t("doc_filter_kind_placeholder"),
        select_all=False, on_change=lambda: state.set_view(document_kinds=tuple(st.session_state["w_doc_kinds"])))
    era_column.multiselect(
        t("doc_filter_era"), list(dataset.eras["id"]), format_func=lambda era: era_names.get(era, era),
        key=state.bind("w_doc_eras", list(view.document_eras)), placeholder=t("doc_filter_era_placeholder"),
        select_all=False, on_change=lambda: state.set_view(document_eras=tuple(st.session_state["w_doc_eras"])))
    view = state.view()
    shown = list_documents(dataset, view.document_kinds, view.document_eras)
    st.markdown(f"**{t('doc_count', shown=len(shown), total=len(dataset.documents))}**")
    if shown.empty:
        st.info(t("doc_none"))
    with st.container(gap=None, key="doc_list"):
        for document in shown.itertuples():
            facts = [format_document_date(document.signed, lang), document_kind_label(document.kind, lang)]
            place = document.place_zh if lang == "zh" else document.place
            if str(place).strip():
                facts.append(place)
            st.button(escape_markdown(getattr(document, f"title_{lang}")), key=f"w_doc_open_{document.id}",
                      type="tertiary", icon=":material/article:", wrap=True, on_click=state.open_document,
                      args=(document.id,))
            st.caption(escape_markdown(" · ".join(facts)))


# One document.

def _render_document(dataset: Dataset, doc_id: str, part: str | None, lang: str) -> str:
    """Draw the document part by part; return the key of what the reader should see first."""
    document = document_row(dataset, doc_id)
    st.button(t("doc_back"), key="w_doc_back", icon=":material/arrow_back:", type="tertiary",
              on_click=state.open_document, args=(None,))
    with st.container(key=_heading_key(doc_id)):
        st.title(escape_markdown(document[f"title_{lang}"]), anchor=False)
    other = "en" if lang == "zh" else "zh"
    st.caption(escape_markdown(document[f"title_{other}"]))
    st.markdown(_metadata(document, lang))
    st.markdown(escape_markdown(document[f"summary_{lang}"]))
    urls = official_urls(document)
    if urls:
        st.markdown(f"## {t('doc_official_texts')}")
        st.markdown("\n".join(f"- {safe_link(_link_label(url), url)}" for url in urls))
    events = events_of_document(dataset, doc_id)
    if not events.empty:
        st.markdown(f"## {t('doc_events')}")
        with st.container(gap=None):
            for event in events.itertuples():
                label = f"{getattr(event, f'date_{lang}')} · {getattr(event, f'title_{lang}')}"
                event_link_button(event.id, escape_markdown(label), key=f"w_doc_event_{event.id}")
    _render_parts(dataset, doc_id, part, lang)
    _render_citation(document, lang)
    render_cite_this(document[f"title_{lang}"], view_url(state.view()))
    render_citations(dataset, document["sources"], f"## {t('doc_sources')}", lang)
    return _part_key(doc_id, part) if part else _heading_key(doc_id)


def _metadata(document: pd.Series, lang: str) -> str:
    """Kind, dates, place, parties and signatories, one fact a line (empty facts left out)."""
    place = document["place_zh"] if lang == "zh" else document["place"]
    facts = [
        ("doc_kind", document_kind_label(document["kind"], lang)),
        ("doc_title_ja", document["title_ja"]),
        ("doc_signed", format_document_date(document["signed"], lang)),
        ("doc_in_force", format_document_date(document["in_force"], lang)),
        ("doc_ended", format_document_date(document["ended"], lang)),
        ("doc_place", place),
        ("doc_parties", ("、" if lang == "zh" else ", ").join(party_names(document["parties"], lang))),
        ("doc_signatories", document[f"signatories_{lang}"]),
    ]
    return "  \n".join(f"**{t(label)}**{t('colon')}{escape_markdown(value)}" for label, value in facts
                       if str(value).strip())


def _link_label(url: str) -> str:
    """A link's host and path, short enough to read: what the reader will open."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    return parts.netloc + (path if len(path) <= 48 else path[:47] + "…")


def _render_parts(dataset: Dataset, doc_id: str, current: str | None, lang: str) -> None:
    """Each part in order: its heading (an anchor), its digest, and a link that opens the document at it."""
    st.markdown(f"## {t('doc_parts')}")
    parts = document_parts(dataset, doc_id)
    if parts.empty:
        st.caption(t("doc_no_parts"))
        return
    if current:
        apply_style(_CURRENT_PART_CSS.format(key=_part_key(doc_id, current)), "doc_current_part_style")
    for part in parts.itertuples():
        with st.container(key=_part_key(doc_id, part.part), border=True):
            with st.container(horizontal=True, wrap=True, vertical_alignment="center", gap="small"):
                st.subheader(escape_markdown(getattr(part, f"heading_{lang}")), anchor=part.part, width="content")
                st.button(t("doc_part_link"), key=f"w_part_link_{part.part}", icon=":material/link:",
                          type="tertiary", on_click=state.open_document, args=(doc_id, part.part))
            if part.part == current:
                st.caption(t("doc_part_current"))
            digest = str(getattr(part, f"digest_{lang}")).strip()
            if digest:
                st.markdown(escape_markdown(digest))
            else:
                st.caption(t("doc_no_digest"))


def _render_citation(document: pd.Series, lang: str) -> None:
    """How to cite the document, in GB/T 7714 and in English, with today's access date."""
    today = dt.date.today()
    with st.container(border=True, key="doc_cite_box"):
        st.markdown(f"## {t('doc_cite')}")
        st.caption(t("doc_cite_intro"))
        st.code(document_citation(document, "zh", today), language=None, wrap_lines=True)
        st.code(document_citation(document, "en", today), language=None, wrap_lines=True)


# A comparison.

def _render_comparison(dataset: Dataset, comparison_id: str, lang: str) -> str:
    """The grid: a row per dimension, a column per document; each cell links to the parts it draws on."""
    comparison = comparison_row(dataset, comparison_id)
    st.button(t("doc_back"), key="w_doc_back", icon=":material/arrow_back:", type="tertiary",
              on_click=state.open_comparison, args=(None,))
    with st.container(key=_heading_key(comparison_id)):
        st.title(escape_markdown(comparison[f"title_{lang}"]), anchor=False)
    if str(comparison[f"summary_{lang}"]).strip():
        st.caption(escape_markdown(comparison[f"summary_{lang}"]))
    columns = comparison_documents(dataset, comparison_id)
    titles = {doc_id: document_row(dataset, doc_id)[f"title_{lang}"] for doc_id in columns}
    if not columns:
        return _heading_key(comparison_id)
    # On a phone the cells name their document (CELL_LABEL_CSS), so this row of titles is left out there.
    with st.container(key="doc_cmp_head"):
        head = st.columns(len(columns))
    for column, doc_id in zip(head, columns):
        with column:
            st.button(escape_markdown(titles[doc_id]), key=f"w_cmp_doc_{doc_id}", type="tertiary",
                      icon=":material/article:", wrap=True, on_click=state.open_document, args=(doc_id,))
            st.caption(format_document_date(document_row(dataset, doc_id)["signed"], lang))
    for dimension in comparison_dimensions(dataset, comparison_id):
        st.markdown(f"## {escape_markdown(getattr(dimension, f'dimension_{lang}'))}")
        for column, doc_id, cell in zip(st.columns(len(columns)), columns, dimension.cells):
            with column:
                # Shown only on a phone, where the columns stack (see CELL_LABEL_CSS).
                with st.container(key=f"compare_label_{dimension.order}_{doc_id}"):
                    st.markdown(f"**{escape_markdown(titles[doc_id])}**")
                if cell is None:
                    st.caption(t("doc_cell_missing"))
                    continue
                st.markdown(escape_markdown(cell.text_zh if lang == "zh" else cell.text_en))
                with st.container(gap=None):
                    for part in cell.parts:
                        st.button(escape_markdown(part_heading(dataset, doc_id, part, lang)),
                                  key=f"w_cell_{dimension.order}_{doc_id}_{part}", type="tertiary", wrap=True,
                                  icon=":material/subdirectory_arrow_right:", on_click=state.open_document,
                                  args=(doc_id, part))
        st.divider()
    csv_column, notes_column = st.columns(2)
    csv_column.download_button(
        t("doc_download_csv"), data=functools.partial(comparison_grid_csv_bytes, dataset, comparison_id, lang),
        file_name=f"us-japan-alliance_{comparison_id}_{lang}.csv", mime="text/csv", key="w_doc_cmp_csv",
        on_click="ignore", icon=":material/download:")
    notes_column.download_button(
        t("doc_download_md"), data=functools.partial(comparison_grid_markdown, dataset, comparison_id, lang),
        file_name=f"us-japan-alliance_{comparison_id}_{lang}.md", mime="text/markdown", key="w_doc_cmp_md",
        on_click="ignore", icon=":material/description:")
    return _heading_key(comparison_id)
