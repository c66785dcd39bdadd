"""The Compare, Themes and Sources pages in AppTest: they render, choices change them, exports hold the rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import assert_page_ok
from timeline.citations import DataVersion, citing_events, dashboard_bibtex, dashboard_citation, sources_table
from timeline.compare import comparison_csv_bytes, comparison_markdown, comparison_table
from timeline.themes import build_theme_figure, ordered_themes, theme_path

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini"
PAGES = ROOT / "src" / "timeline" / "ui" / "pages"



def _open_page(at: AppTest, name: str) -> AppTest:
    at.run()
    return at.switch_page(str((PAGES / f"{name}.py").relative_to(ROOT))).run()


@pytest.mark.parametrize(("name", "zh", "en"), [
    ("compare", "同盟调整对比", "Comparing the alliance's adjustments"),
    ("themes", "分析导图", "Themes of the analysis"),
    ("sources", "资料来源", "Sources"),
])
def test_every_page_renders_in_both_languages(app, name, zh, en):
    """Each page renders without exception, in Chinese and after switching to English."""
    at = _open_page(app, name)
    assert_page_ok(at)
    assert at.title[0].value == zh
    next(widget for widget in at.get("button_group") if widget.key == "w_lang").set_value("en").run()
    assert_page_ok(at)
    assert at.title[0].value == en


def test_compare_choice_changes_the_columns(app):
    """Choosing adjustments shows just those columns, and the choice enters the URL."""
    at = _open_page(app, "compare")
    assert [header.value for header in at.header] == ["建立", "巩固"]
    at.multiselect(key="w_compare").set_value(["settling"]).run()
    assert [header.value for header in at.header] == ["巩固"]
    assert at.query_params["cmp"] == "settling"


def test_compare_document_opens_the_event_on_the_timeline(app):
    """A key document's button jumps to the timeline with that event's panel open."""
    at = _open_page(app, "compare")
    at.button(key="w_doc_founding_1951-security-treaty").click().run()
    assert at.title[0].value == "日美同盟互动年表"
    assert "签署《日美安全保障条约》" in [header.value for header in at.header]


def test_compare_exports_hold_the_chosen_rows(mini):
    """The CSV has a column per chosen adjustment and a row per aspect; the notes have a section each."""
    data = comparison_csv_bytes(mini, ("founding",), "en")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    assert rows[0] == ["Aspect", "Founding"]
    assert [row[0] for row in rows[1:]] == ["Background", "Key documents and events", "Main content",
                                            "Significance", "US–Japan divergences"]
    assert "8 Sep 1951 · The US–Japan Security Treaty is signed" in rows[2][1]
    notes = comparison_markdown(mini, (), "zh")
    assert notes.count("\n## ") == 2 and "### 美日分歧" in notes and "- 1952年4月28日 · 和约与安保条约生效" in notes
    both = comparison_table(mini, (), "en")
    assert list(both.columns) == ["Founding", "Settling in"]
    assert comparison_csv_bytes(mini, ("settling",), "en").decode("utf-8-sig").count("'=Sovereignty.") == 1


def test_themes_choice_shows_text_children_and_events(app):
    """Choosing a theme shows its analysis and its events; a child opens with one click."""
    at = _open_page(app, "themes")
    at.selectbox(key="w_theme").set_value("founding").run()
    assert "同盟建立" in [header.value for header in at.header]
    at.button(key="w_child_founding-peace").click().run()
    assert "片面媾和" in [header.value for header in at.header]
    assert at.query_params["theme"] == "founding-peace"


def test_theme_event_opens_on_the_timeline(app):
    """A theme's event button jumps to that event's panel on the timeline page."""
    app.query_params["theme"] = "founding-peace"
    at = _open_page(app, "themes")
    at.button(key="w_theme_event_1951-peace-treaty").click().run()
    assert at.title[0].value == "日美同盟互动年表"
    assert "签署旧金山和约" in [header.value for header in at.header]


def test_sources_filter_and_cite_box(app):
    """The sources list narrows by kind and search; the cite box names the data version."""
    at = _open_page(app, "sources")
    text = "\n".join(str(element.value) for element in at.markdown)
    assert "显示 2 / 2 条文献" in text
    at.multiselect(key="w_source_kinds").set_value(["official"]).run()
    assert "显示 1 / 2 条文献" in "\n".join(str(element.value) for element in at.markdown)
    assert at.query_params["kind"] == "official"
    at.text_input(key="w_source_query").set_value("没有这本书").run()
    assert any("没有符合条件的文献" in info.value for info in at.info)


def test_theme_tree_and_paths(mini):
    """The sunburst has the alliance at its centre and every theme under it; paths run from the branch."""
    figure = build_theme_figure(mini.themes, "en", "US–Japan alliance")
    assert list(figure.data[0].ids) == ["__root__", "founding", "founding-peace"]
    assert list(figure.data[0].parents) == ["", "__root__", "founding"]
    assert theme_path(mini.themes, "founding-peace") == ["founding", "founding-peace"]
    assert list(ordered_themes(mini.themes)["id"]) == ["founding", "founding-peace"]


def test_citations_name_version_and_events(mini):
    """Each source lists its citing events; the dashboard citation carries the data version and date."""
    assert citing_events(mini)["src-b"] == ["1951-peace-treaty", "1951-security-treaty", "1952-treaties-in-force"]
    version = DataVersion("1.0.0", "2026-11-27")
    accessed = dt.date(2026, 12, 1)
    assert dashboard_citation(version, "zh", "https://example.org/", accessed) == (
        "日美同盟互动年表(数据版本 1.0.0,2026年11月27日)[DB/OL]. [2026-12-01]. https://example.org/.")
    assert "data version 1.0.0, 27 Nov 2026" in dashboard_citation(version, "en", "https://example.org/", accessed)
    assert "version = {1.0.0}" in dashboard_bibtex(version, "https://example.org/", accessed)
    assert list(sources_table(mini, "en", ("official",))["id"]) == ["src-b"]


# The payload of a real click in Chromium on a sunburst segment (Streamlit 1.67), its id set to one of ours:
# sunburst points carry "id", not customdata.
SUNBURST_CLICK = ('{"selection":{"points":[{"label":"A","id":"founding","parent":"root","current_path":"root/",'
                  '"percent_root":0.5,"percent_entry":0.5,"percent_parent":0.5,"point_number":1,"curve_number":0}],'
                  '"point_indices":[1],"box":[],"lasso":[]}}')


def test_sunburst_click_chooses_its_theme():
    """A click on a segment names its theme; a click on the centre names none."""
    from streamlit.elements.plotly_chart import PlotlyChartSelectionSerde

    from timeline.themes import ROOT_ID, clicked_theme

    points = PlotlyChartSelectionSerde().deserialize(SUNBURST_CLICK)["selection"]["points"]
    assert clicked_theme(points) == "founding"
    assert clicked_theme([{"id": ROOT_ID}]) is None
    assert clicked_theme([]) is None
