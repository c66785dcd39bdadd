"""Each chart's text alternative: a sentence in the page's language, and the mind map's tree as a list."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from timeline.chart_text import describe_themes, describe_timeline, themes_outline

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini"
PAGES = ROOT / "src" / "timeline" / "ui" / "pages"



def _chart_alt(at: AppTest) -> str:
    return at.get("plotly_chart")[0].proto.alt


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", ["共7个事件", "从1945年9月2日到1955年", "5条类别泳道",
            "占领与改革、条约与协定、日本国内立法、经贸、危机与冲突"]),
    ("en", ["7 events", "from 2 Sep 1945 to 1955", "5 category lanes",
            "Occupation, Treaties & agreements, Japanese legislation, Economy & trade, Crises & conflicts"]),
])
def test_timeline_sentence_names_count_span_and_lanes(mini, lang, expected):
    """The sentence says how many events, their first and last dates and the lanes, in the page's language."""
    sentence = describe_timeline(mini.events, lang)
    for part in expected:
        assert part in sentence


def test_timeline_sentence_follows_the_filtered_events(mini):
    """Fewer events give a smaller count, a shorter span and only the lanes they occupy."""
    treaties = mini.events[mini.events["category"] == "treaty"]
    sentence = describe_timeline(treaties, "en")
    assert f"{len(treaties)} events" in sentence and "1 category lanes (Treaties & agreements)" in sentence
    assert "from 8 Sep 1951 to 28 Apr 1952" in sentence
    assert describe_timeline(mini.events.iloc[0:0], "zh") == "时间线图：当前筛选条件下没有事件。"


def test_themes_sentence_and_outline_hold_the_whole_tree(mini):
    """The mind map's sentence names its centre and branches; the outline nests every node under its parent."""
    sentence = describe_themes(mini.themes, "zh", "日美同盟")
    assert "以“日美同盟”为中心，向外分为1个分支（同盟建立），共2个节点" in sentence
    assert "branches (1: Founding); 2 nodes" in describe_themes(mini.themes, "en", "US–Japan alliance")
    assert themes_outline(mini.themes, "en").splitlines() == ["- Founding", "  - Separate peace"]


def test_outline_shows_markup_in_titles_as_text(mini):
    """A title holding Markdown stays literal text in the list."""
    themes = mini.themes.assign(title_en=["**Bold** [link](x)", "# heading"])
    assert themes_outline(themes, "en").splitlines() == [
        "- \\*\\*Bold\\*\\* \\[link\\]\\(x\\)", "  - \\# heading"]


def test_timeline_chart_carries_the_sentence_as_its_accessible_name(app):
    """The chart's alt is the sentence for what it shows, and follows the filters and the language."""
    at = app.run()
    assert "共7个事件" in _chart_alt(at)
    at.multiselect(key="w_categories").set_value(["treaty"]).run()
    assert "条约与协定" in _chart_alt(at) and "共3个事件" in _chart_alt(at)
    next(widget for widget in at.get("button_group") if widget.key == "w_lang").set_value("en").run()
    assert _chart_alt(at).startswith("Timeline chart of 3 events")


def test_themes_page_gives_the_chart_a_sentence_and_the_tree_as_a_list(app):
    """The sunburst has its sentence, and an expander beside it lists every node in order."""
    at = app.run()
    at = at.switch_page(str((PAGES / "themes.py").relative_to(ROOT))).run()
    assert _chart_alt(at).startswith("分析导图（旭日图）：以“日美同盟”为中心")
    outline = next(expander for expander in at.expander if expander.label == "分析导图文字版")
    assert [element.value for element in outline.markdown] == ["- 同盟建立\n  - 片面媾和"]
