"""The Compare page: the 1978 Guidelines and the adjustments side by side, exportable as CSV or notes."""

from __future__ import annotations

import functools

import streamlit as st

from timeline.compare import ASPECTS, chosen_adjustments, comparison_csv_bytes, comparison_markdown, key_documents
from timeline.documents import documents_of_event
from timeline.markup import escape_markdown
from timeline.ui import state
from timeline.ui.data import active_dataset
from timeline.ui.navigation import document_link_button, event_link_button
from timeline.ui.state import t
from timeline.ui.styles import apply_style

# Streamlit stacks columns below 640 px; there each cell shows which adjustment it belongs to. On wider
# screens the label is only visually hidden, so a screen reader still hears it before the cell's text.
CELL_LABEL_CSS = """
[class*="st-key-compare_label_"] { position: absolute; width: 1px; min-width: 0; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; }
@media (max-width: 640px) {
  [class*="st-key-compare_label_"] { position: static; width: auto; height: auto; overflow: visible;
    clip-path: none; white-space: normal; }
}
"""


def render() -> None:
    """Draw the comparison grid for the chosen adjustments."""
    dataset = active_dataset()
    view = state.view()
    lang = view.lang
    st.title(t("compare_title"), anchor=False)
    st.caption(t("compare_intro"))
    adjustments = dataset.adjustments
    if adjustments.empty:
        st.info(t("compare_no_data"))
        return
    titles = dict(zip(adjustments["id"], adjustments[f"title_{lang}"]))
    st.multiselect(
        t("compare_choose"), list(titles), format_func=lambda key: titles.get(key, key),
        key=state.bind("w_compare", list(view.compare)), placeholder=t("compare_choose_placeholder"),
        select_all=False,  # none chosen already means all; Enter should pick the highlighted adjustment
        on_change=lambda: state.set_view(compare=tuple(st.session_state["w_compare"])),
    )
    chosen = chosen_adjustments(dataset, view.compare)
    spans = dict(zip(dataset.eras["id"], dataset.eras[f"span_{lang}"]))
    header = st.columns(len(chosen))
    for column, (_, adjustment) in zip(header, chosen.iterrows()):
        column.header(escape_markdown(adjustment[f"title_{lang}"]), anchor=False)
        column.caption(spans.get(adjustment["era"], ""))
    apply_style(CELL_LABEL_CSS, "compare_style")
    for aspect in ASPECTS:
        st.markdown(f"### {t(f'aspect_{aspect}')}")
        cells = st.columns(len(chosen))
        for cell, (_, adjustment) in zip(cells, chosen.iterrows()):
            with cell:
                with st.container(key=f"compare_label_{aspect}_{adjustment['id']}"):
                    st.markdown(f"**{escape_markdown(adjustment[f'title_{lang}'])}**")
                if aspect == "documents":
                    for event_id, label in key_documents(dataset, adjustment, lang):
                        event_link_button(event_id, escape_markdown(label), key=f"w_doc_{adjustment['id']}_{event_id}")
                        for document in documents_of_event(dataset, event_id).itertuples():
                            document_link_button(
                                document.id, escape_markdown(t("compare_open_document",
                                                               title=getattr(document, f"title_{lang}"))),
                                key=f"w_text_{adjustment['id']}_{event_id}_{document.id}")
                else:
                    st.markdown(escape_markdown(adjustment[f"{aspect}_{lang}"]))
        st.divider()
    csv_column, notes_column = st.columns(2)
    suffix = "-".join(chosen["id"]) if view.compare else "all"
    csv_column.download_button(
        t("compare_download_csv"), data=functools.partial(comparison_csv_bytes, dataset, view.compare, lang),
        file_name=f"us-japan-alliance_compare_{suffix}_{lang}.csv", mime="text/csv", key="w_compare_csv",
        on_click="ignore", icon=":material/download:")
    notes_column.download_button(
        t("compare_download_md"), data=functools.partial(comparison_markdown, dataset, view.compare, lang),
        file_name=f"us-japan-alliance_compare_{suffix}_{lang}.md", mime="text/markdown", key="w_compare_md",
        on_click="ignore", icon=":material/description:")
