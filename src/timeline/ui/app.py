"""The router: page config, the shared language switch, navigation over the pages, and the error page."""

from __future__ import annotations

import streamlit as st

from timeline.i18n import translate
from timeline.problems import Problem
from timeline.ui import state
from timeline.ui.data import get_dataset
from timeline.ui.navigation import page_objects
from timeline.vocab import LANGUAGES

LANGUAGE_NAMES = {"zh": "中文", "en": "English"}


def main() -> None:
    """Run one script pass of the dashboard."""
    st.set_page_config(page_title=translate("app_title", "zh") + " · US–Japan Alliance Timeline",
                       page_icon="🕰️", layout="wide")
    try:
        _run()
    except Exception as error:  # the last guard: a user sees a sentence, never a traceback
        st.error(translate("unexpected_error", _safe_lang(), detail=f"{error.__class__.__name__}: {error}"))


def _run() -> None:
    dataset, problems, origin = get_dataset()
    if dataset is None:
        render_problems(problems, origin, _safe_lang())
        return
    state.init_view(dataset)
    _render_language_switch()
    ignored = state.take_ignored_params()
    if ignored:
        items = ", ".join(f"{item.name}={item.value}" for item in ignored)
        st.warning(state.t("url_ignored", items=items), icon="⚠️")
    st.navigation(list(page_objects().values())).run()
    state.sync_url()


def _render_language_switch() -> None:
    with st.sidebar:
        st.segmented_control(
            translate("language", "zh"), list(LANGUAGES), key=state.bind("w_lang", state.lang()),
            format_func=LANGUAGE_NAMES.get, required=True,
            on_change=lambda: state.set_view(lang=st.session_state["w_lang"] or state.lang()),
        )


def _safe_lang() -> str:
    view = st.session_state.get(state.VIEW_KEY)
    if view is not None:
        return view.lang
    lang = st.query_params.get("lang", "zh")
    return lang if lang in LANGUAGES else "zh"


def render_problems(problems: list[Problem], origin: str, lang: str) -> None:
    """The error page for a data folder that cannot be loaded: every problem, one per line."""
    st.title(translate("data_error_title", lang), anchor=False)
    st.error(translate("data_error_intro", lang, count=len(problems), origin=origin))
    st.code("\n".join(str(problem) for problem in problems), language=None, wrap_lines=True)
