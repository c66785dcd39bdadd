"""The Themes page: the seed mind map as a sunburst, a node's analysis, and its events on the timeline."""

from __future__ import annotations

import streamlit as st

from timeline.chart_config import chart_config
from timeline.chart_text import describe_themes, themes_outline
from timeline.markup import escape_markdown
from timeline.themes import (
    build_theme_figure,
    clicked_theme,
    ordered_themes,
    theme_depths,
    theme_events,
    theme_path,
)
from timeline.ui import state
from timeline.ui.data import active_dataset, dataset_key
from timeline.ui.navigation import event_link_button
from timeline.ui.state import t
from timeline.ui.styles import apply_style

# The sunburst is a circle: a square box as wide as its column leaves no blank band above or below it,
# whether the column sits beside the analysis or, on a phone, above it.
SQUARE_CHART_CSS = ".st-key-theme_chart { aspect-ratio: 1 / 1; max-height: 640px; }"


@st.cache_resource(show_spinner=False, max_entries=8)
def _figure(_themes, key: str, lang: str, root_label: str):
    return build_theme_figure(_themes, lang, root_label)


def render() -> None:
    """Draw the mind map and the chosen node."""
    dataset = active_dataset()
    view = state.view()
    lang = view.lang
    themes = dataset.themes
    st.title(t("themes_title"), anchor=False)
    st.caption(t("themes_intro", choose=t("themes_choose")))
    if themes.empty:
        st.info(t("themes_none"))
        return
    ordered = ordered_themes(themes)
    depths = theme_depths(themes)
    titles = dict(zip(themes["id"], themes[f"title_{lang}"]))
    chart, detail = st.columns([3, 2])
    apply_style(SQUARE_CHART_CSS, "themes_style")
    with chart, st.container(key="theme_chart"):
        figure = _figure(themes, dataset_key(dataset), lang, t("themes_root"))
        st.plotly_chart(figure, key="w_theme_chart", config=chart_config(lang, t("themes_image_name")), width="stretch",
                        height="stretch", on_select=_on_theme_click, selection_mode="points",
                        alt=describe_themes(themes, lang, t("themes_root")))
    with chart, st.expander(t("themes_outline"), icon=":material/format_list_bulleted:"):
        st.markdown(themes_outline(themes, lang))
    with detail:
        st.selectbox(
            t("themes_choose"), list(ordered["id"]),
            format_func=lambda theme: "　" * depths.get(theme, 0) + titles.get(theme, theme),
            key=state.bind("w_theme", view.theme), placeholder=t("themes_choose_placeholder"),
            on_change=lambda: state.set_view(theme=st.session_state["w_theme"]),
        )
        with st.container(key="theme_detail", border=True):
            if view.theme:
                _render_theme(dataset, view.theme, titles, lang)
            else:
                st.caption(t("themes_empty"))


def _on_theme_click() -> None:
    theme_id = clicked_theme(st.session_state["w_theme_chart"].selection.get("points", []))
    if theme_id is not None:
        state.set_view(theme=theme_id)


def _render_theme(dataset, theme_id: str, titles: dict[str, str], lang: str) -> None:
    theme = dataset.themes[dataset.themes["id"] == theme_id].iloc[0]
    path = theme_path(dataset.themes, theme_id)
    st.caption(f"{t('themes_path')}{t('colon')}" + " › ".join(escape_markdown(titles.get(node, node)) for node in path))
    st.header(escape_markdown(theme[f"title_{lang}"]), anchor=False)
    if str(theme[f"text_{lang}"]).strip():
        st.markdown(escape_markdown(theme[f"text_{lang}"]))
    children = dataset.themes[dataset.themes["parent"] == theme_id].sort_values("order")
    if not children.empty:
        st.markdown(f"### {t('themes_children')}")
        with st.container(gap=None):
            for child in children.itertuples():
                st.button(escape_markdown(getattr(child, f"title_{lang}")), key=f"w_child_{child.id}", type="tertiary",
                          icon=":material/subdirectory_arrow_right:", on_click=state.set_view,
                          kwargs={"theme": child.id})
    events = theme_events(dataset, theme_id)
    if not events.empty:
        st.markdown(f"### {t('themes_events')}")
        with st.container(gap=None):
            for event in events.itertuples():
                label = f"{getattr(event, f'date_{lang}')} · {getattr(event, f'title_{lang}')}"
                event_link_button(event.id, escape_markdown(label), key=f"w_theme_event_{event.id}")
