"""Take it away: the filtered events' references, handout PDF and Anki flashcards, beside the CSV export."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from timeline.dataset import Dataset
from timeline.export import filter_file_stem
from timeline.filters import FilterState, apply_filters
from timeline.flashcards import flashcards_file_name, flashcards_text
from timeline.handout import HandoutError, build_handout, find_cjk_font, handout_file_name
from timeline.references import REFERENCE_FORMATS, cited_sources, reference_file_name, references_of, references_text
from timeline.tours import tour_path
from timeline.ui import state
from timeline.ui.data import dataset_key
from timeline.ui.state import t

REFERENCE_LABELS = {"ris": "RIS", "bibtex": "BibTeX", "csljson": "CSL-JSON"}


def render_takeaway(dataset: Dataset, filtered: pd.DataFrame) -> None:
    """Three downloads of exactly the filtered events, each made only when its button is pressed."""
    view = state.view()
    lang, filters, key = view.lang, view.filters, dataset_key(dataset)
    stem = filter_file_stem(filters)
    with st.container(key="takeaway"):
        st.header(t("takeaway"), anchor=False)
        st.caption(t("takeaway_intro"))
        _render_downloads(dataset, filtered, key, filters, lang, stem, view.tour)


def _render_downloads(dataset: Dataset, filtered: pd.DataFrame, key: str, filters: FilterState, lang: str,
                      stem: str, tour: str | None) -> None:
    references_column, handout_column, cards_column = st.columns(3)
    with references_column:
        reference_format = st.segmented_control(
            t("references_format"), list(REFERENCE_FORMATS), required=True, format_func=REFERENCE_LABELS.get,
            key=state.bind("w_refs_format", st.session_state.get("refs_format", "ris")),
            help=t("references_format_help"),
            on_change=lambda: st.session_state.update(refs_format=st.session_state["w_refs_format"]),
        ) or "ris"
        count = _source_count(key, dataset, filters)
        st.download_button(
            t("download_references", count=count),
            data=functools.partial(_references, key, dataset, filters, lang, reference_format),
            file_name=reference_file_name(stem, count, reference_format),
            mime=REFERENCE_FORMATS[reference_format][1], key="w_download_refs", on_click="ignore",
            icon=":material/menu_book:", disabled=count == 0,
        )
    with handout_column:
        font_problem = _handout_font_problem()
        # On a tour, the handout is the tour's: its stops in order, each with its narrative.
        stops = len(tour_path(dataset, tour)) if tour else 0
        st.download_button(
            t("download_tour_handout", count=stops) if tour else t("download_handout", count=len(filtered)),
            data=functools.partial(_handout, key, dataset, filters, lang, tour),
            file_name=handout_file_name(f"us-japan-alliance_tour-{tour}" if tour else stem, lang,
                                        stops if tour else len(filtered)), mime="application/pdf",
            key="w_download_handout", on_click="ignore", icon=":material/picture_as_pdf:",
            disabled=filtered.empty or font_problem is not None,
        )
        st.caption(font_problem or t("handout_help"))
    with cards_column:
        st.download_button(
            t("download_flashcards", count=len(filtered)),
            data=functools.partial(_flashcards, key, dataset, filters, lang),
            file_name=flashcards_file_name(stem, lang, len(filtered)), mime="text/plain",
            key="w_download_cards", on_click="ignore", icon=":material/style:", disabled=filtered.empty,
        )
        st.caption(t("flashcards_help"))


@st.cache_resource(show_spinner=False, max_entries=32)
def _source_count(key: str, _dataset: Dataset, filters: FilterState) -> int:
    """How many sources the filtered events cite, counted once per filter state (not on every rerun)."""
    return len(cited_sources(_dataset, apply_filters(_dataset, filters)))


@st.cache_data(show_spinner=False, max_entries=16)
def _references(key: str, _dataset: Dataset, filters: FilterState, lang: str, reference_format: str) -> bytes:
    events = apply_filters(_dataset, filters)
    return references_text(references_of(_dataset, events, lang), reference_format).encode("utf-8")


@st.cache_resource(show_spinner=False)
def _handout_font_problem() -> str | None:
    """Why this server cannot make a handout (no CJK font), or None; asked once per server."""
    try:
        find_cjk_font()
    except HandoutError as error:
        return str(error)
    return None


@st.cache_data(show_spinner=False, max_entries=8)
def _handout(key: str, _dataset: Dataset, filters: FilterState, lang: str, tour: str | None) -> bytes:
    return build_handout(_dataset, apply_filters(_dataset, filters), lang, filters=filters, tour=tour)


@st.cache_data(show_spinner=False, max_entries=16)
def _flashcards(key: str, _dataset: Dataset, filters: FilterState, lang: str) -> bytes:
    return flashcards_text(apply_filters(_dataset, filters), lang).encode("utf-8")
