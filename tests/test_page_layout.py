"""Pages that read on any screen, in AppTest: labelled Compare cells, Themes wording, the panels' Close button."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from timeline.compare import ASPECTS

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini"
PAGES = ROOT / "src" / "timeline" / "ui" / "pages"



def _open_page(at: AppTest, name: str, lang: str = "zh") -> AppTest:
    at.query_params["lang"] = lang
    at.run()
    return at.switch_page(str((PAGES / f"{name}.py").relative_to(ROOT))).run()


@pytest.mark.parametrize(("lang", "titles"), [("zh", ["建立", "巩固"]), ("en", ["Founding", "Settling in"])],
                         ids=["zh", "en"])
def test_every_compare_cell_names_its_adjustment(app, lang, titles):
    """Each aspect's cell starts with its adjustment's title, so stacked cells on a phone stay attributable."""
    at = _open_page(app, "compare", lang)
    assert not at.exception
    labels = [element.value for element in at.markdown if element.value in {f"**{title}**" for title in titles}]
    assert labels == [f"**{title}**" for _ in ASPECTS for title in titles]


@pytest.mark.parametrize(("lang", "side", "list_label"), [
    ("zh", "右侧", "选择分析节点"),
    ("en", "on the right", "Choose a node of the analysis"),
], ids=["zh", "en"])
def test_themes_intro_names_the_list_not_a_side(app, lang, side, list_label):
    """The intro points to the node list by its label, true beside the chart and below it on a phone."""
    at = _open_page(app, "themes", lang)
    intro = at.caption[0].value
    assert side not in intro
    assert f"“{list_label}”" in intro
    assert at.selectbox(key="w_theme").label == list_label


@pytest.mark.parametrize(("query", "key", "label"), [
    ({"event": "1951-security-treaty"}, "w_close_event", "关闭"),
    ({"show_era": "occupation", "lang": "en"}, "w_close_era", "Close"),
], ids=["event-zh", "era-en"])
def test_panel_close_button_says_close_and_closes(app, query, key, label):
    """The panels' close button is labelled with a word in the page's language, and closes the panel."""
    for name, value in query.items():
        app.query_params[name] = value
    at = app.run()
    close = at.button(key=key)
    assert close.label == label
    close.click().run()
    assert "event" not in at.query_params and "show_era" not in at.query_params
    assert not [button for button in at.button if button.key == key]
