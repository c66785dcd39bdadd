"""The router: page config, the shared language switch, navigation over the pages, and the error page."""

from __future__ import annotations

import streamlit as st

from timeline.dataset import bundled_data_dir
from timeline.i18n import translate
from timeline.markup import escape_markdown
from timeline.problems import Problem
from timeline.ui import state
from timeline.ui.connection import keep_connection
from timeline.ui.data import UPLOADED_KEY, active_dataset, get_dataset, use_uploaded_events
from timeline.ui.guard import calm_errors, safe_lang
from timeline.ui.navigation import page_objects
from timeline.ui.page_language import set_page_language
from timeline.ui.styles import apply_page_style
from timeline.ui.widget_texts import UPLOAD_LIMIT_MB, render_uploader_texts
from timeline.vocab import LANGUAGES

LANGUAGE_NAMES = {"zh": "中文", "en": "English"}


def main() -> None:
    """Run one script pass of the dashboard."""
    st.set_page_config(page_title=translate("app_title", "zh") + " · US–Japan Alliance Timeline",
                       page_icon="🕰️", layout="wide")
    apply_page_style()
    with calm_errors():
        _run()
    set_page_language(safe_lang())
    keep_connection()


def _run() -> None:
    dataset, problems, origin = get_dataset()
    if dataset is None:
        render_problems(problems, origin, safe_lang())
        return
    state.init_view(dataset)
    drawn_in = state.lang()
    page = st.navigation(list(page_objects().values()))
    if state.follow_address(dataset) and state.lang() != drawn_in:
        st.rerun()  # Back or Forward changed the language: draw the navigation again in it
    _render_language_switch()
    _render_upload()
    ignored = state.take_ignored_params()
    if ignored:
        items = ", ".join(escape_markdown(f"{item.name}={item.value}") for item in ignored)
        st.warning(state.t("url_ignored", items=items), icon="⚠️")
    st.set_page_config(page_title=state.t("tab_title", page=page.title))  # each tab names its page
    page.run()
    state.sync_url()


def _render_language_switch() -> None:
    with st.sidebar:
        st.segmented_control(
            translate("language", "zh"), list(LANGUAGES), key=state.bind("w_lang", state.lang()),
            format_func=LANGUAGE_NAMES.get, required=True,
            on_change=lambda: state.set_view(lang=st.session_state["w_lang"] or state.lang()),
        )


def _render_upload() -> None:
    """A sidebar upload to try one's own events.csv for this session, validated like the bundled data."""
    with st.sidebar.expander(state.t("upload_title"), icon=":material/upload_file:"):
        st.caption(state.t("upload_help"))
        render_uploader_texts(state.lang())
        upload = st.file_uploader(state.t("upload_label"), type=["csv"], key="w_upload",
                                  max_upload_size=UPLOAD_LIMIT_MB)
        template = bundled_data_dir() / "events.csv"
        if template.exists():
            st.download_button(state.t("upload_template"), data=template.read_bytes, file_name="events-template.csv",
                               mime="text/csv", key="w_template", on_click="ignore", type="tertiary")
    was_uploaded = st.session_state.get(UPLOADED_KEY) is not None
    problems = use_uploaded_events(upload)
    if problems:
        st.error(state.t("upload_problems", file=escape_markdown(upload.name), count=len(problems)),
                 icon=":material/error:")
        st.code("\n".join(str(problem) for problem in problems), language=None, wrap_lines=True)
    elif upload is not None:
        st.sidebar.success(state.t("upload_in_use", file=escape_markdown(upload.name),
                                   count=len(active_dataset().events)))
    if was_uploaded != (st.session_state.get(UPLOADED_KEY) is not None):
        state.open_event(None)  # the open event may not exist in the other events


def render_problems(problems: list[Problem], origin: str, lang: str) -> None:
    """The error page for a data folder that cannot be loaded: every problem, one per line."""
    st.title(translate("data_error_title", lang), anchor=False)
    st.error(translate("data_error_intro", lang, count=len(problems), origin=escape_markdown(origin)))
    st.code("\n".join(str(problem) for problem in problems), language=None, wrap_lines=True)
