"""The dashboard in Streamlit's AppTest: every page renders, filters change the output, panels open."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import assert_page_ok
from timeline.i18n import translate
from timeline.markup import escape_markdown
from timeline.ui import timeline_page

ROOT = Path(__file__).resolve().parents[1]
TESTS_DATA = ROOT / "tests" / "data"



def _markdown(at: AppTest) -> str:
    return "\n".join(str(element.value) for element in at.markdown)


def _chart_event_ids(at: AppTest) -> list[str]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return [value for trace in spec["data"] if trace.get("name") not in ("eras", "durations")
            for value in trace.get("customdata", [])]


def _table_titles(at: AppTest) -> list[str]:
    table = at.dataframe[0].value
    return list(table[table.columns[1]])


def _panel_title(at: AppTest) -> str | None:
    headers = [element.value for element in at.header]
    detail = [header for header in headers if header not in ("筛选", "事件列表", "导出", "Filters", "Events", "Export")]
    return detail[0] if detail else None


def test_timeline_renders_every_event(app):
    """The default page shows all events in the chart, the table and the count line, in Chinese."""
    at = app.run()
    assert_page_ok(at)
    assert at.title[0].value == "日美同盟互动年表"
    assert "显示 7 / 7 个事件" in _markdown(at)
    assert len(_chart_event_ids(at)) == 7
    assert len(_table_titles(at)) == 7


@pytest.mark.parametrize(("key", "value", "count", "param"), [
    ("w_eras", ["occupation"], 5, {"era": "occupation"}),
    ("w_eras", ["treaty-system"], 2, {"era": "treaty-system"}),
    ("w_categories", ["treaty"], 3, {"cat": "treaty"}),
    ("w_importance", [1], 2, {"imp": "1"}),
    ("w_years", (1952, 1960), 3, {"years": "1952-1960"}),
    ("w_query", "和平宪法", 1, {"q": "和平宪法"}),
])
def test_each_filter_changes_table_figure_and_url(app, key, value, count, param):
    """Every filter narrows the count line, the chart's markers and the table alike, and enters the URL."""
    at = app.run()
    _find_widget(at, key).set_value(value).run()
    assert_page_ok(at)
    assert f"显示 {count} / 7 个事件" in _markdown(at)
    assert len(_chart_event_ids(at)) == count
    assert len(_table_titles(at)) == count
    assert {name: at.query_params[name] for name in param} == param


def _find_widget(at: AppTest, key: str):
    for kind in ("multiselect", "slider", "text_input", "button_group", "selectbox"):
        for widget in at.get(kind):
            if getattr(widget, "key", None) == key:
                return widget
    raise AssertionError(f"no widget with key {key}")


def test_no_match_says_how_to_widen(app):
    """When nothing matches, the page says so and offers to clear the filters."""
    at = app.run()
    _find_widget(at, "w_query").set_value("完全不存在的词").run()
    assert "显示 0 / 7 个事件" in _markdown(at)
    assert any("没有符合当前筛选条件的事件" in info.value for info in at.info)
    at.button(key="w_reset_empty").click().run()
    assert "显示 7 / 7 个事件" in _markdown(at)


def test_choosing_an_event_by_keyboard_opens_its_panel(app):
    """The event select box (the keyboard path) opens the event panel with its analysis and sources."""
    at = app.run()
    at.selectbox(key="w_pick_event").set_value("1951-security-treaty").run()
    assert _panel_title(at) == "签署《日美安全保障条约》"
    text = _markdown(at)
    assert "安保背景" in text and "安保内容" in text and "安保意义" in text
    assert "乙\\. 条约\\[Z\\]\\. 1951\\." in text
    assert at.query_params["event"] == "1951-security-treaty"


def test_related_and_next_buttons_move_between_events(app):
    """Related events and previous / next are one click away."""
    at = app.run()
    at.selectbox(key="w_pick_event").set_value("1951-security-treaty").run()
    at.button(key="w_related_1951-peace-treaty").click().run()
    assert _panel_title(at) == "签署旧金山和约"
    at.button(key="w_next").click().run()
    assert _panel_title(at) == "签署《日美安全保障条约》"
    at.button(key="w_previous").click().run()
    assert _panel_title(at) == "签署旧金山和约"


def test_url_naming_an_event_opens_it(app):
    """A link with ?event=… reopens that event's panel, in the link's language."""
    app.query_params["event"] = "1952-treaties-in-force"
    app.query_params["lang"] = "en"
    at = app.run()
    assert _panel_title(at) == "The treaties enter into force"
    assert at.title[0].value == "The US–Japan Alliance: An Interactive Timeline"


def test_url_with_filters_reopens_the_filtered_view(app):
    """Filters in a link are applied and shown in the widgets."""
    app.query_params["era"] = "occupation"
    app.query_params["imp"] = "1"
    at = app.run()
    assert "显示 2 / 7 个事件" in _markdown(at)
    assert _find_widget(at, "w_eras").value == ["occupation"]


def test_unknown_url_values_give_a_notice_not_an_error(app):
    """Unknown ids in a link are ignored with a visible warning."""
    app.query_params["event"] = "1999-nothing"
    app.query_params["era"] = "meiji"
    at = app.run()
    assert_page_ok(at)
    warning = at.warning[0].value
    assert escape_markdown("event=1999-nothing") in warning and "era=meiji" in warning
    assert "显示 7 / 7 个事件" in _markdown(at)


def test_choosing_an_era_opens_its_panel_with_phases(app):
    """The era select box opens the era panel: span, phases and key events."""
    at = app.run()
    at.selectbox(key="w_pick_era").set_value("occupation").run()
    assert _panel_title(at) == "占领时期"
    assert at.button(key="w_phase_occupation-reform") is not None
    assert at.button(key="w_era_event_1951-peace-treaty") is not None
    at.button(key="w_era_event_1951-peace-treaty").click().run()
    assert _panel_title(at) == "签署旧金山和约"


def test_language_switch_turns_the_page_english(app):
    """Switching to English changes the title, labels, table and panel."""
    at = app.run()
    at.selectbox(key="w_pick_event").set_value("1951-peace-treaty").run()
    _find_widget(at, "w_lang").set_value("en").run()
    assert at.title[0].value == "The US–Japan Alliance: An Interactive Timeline"
    assert "Showing 7 of 7 events" in _markdown(at)
    assert _panel_title(at) == "The San Francisco Peace Treaty is signed"
    assert at.query_params["lang"] == "en"


def test_bad_data_folder_shows_every_problem_not_a_traceback(monkeypatch):
    """Pointed at a broken folder, the dashboard lists the problems as an error page."""
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(TESTS_DATA / "bad-folders" / "era-ends-before-start"))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "数据有误，无法显示年表"
    assert "ends before it starts" in at.code[0].value
    # The one error is the list's introduction (not the guard's "something went wrong"), its path shown literally.
    folder = escape_markdown(str(TESTS_DATA / "bad-folders" / "era-ends-before-start"))
    count = len(at.code[0].value.splitlines())
    assert [error.value.split("。")[0] for error in at.error] == [f"在 {folder} 中发现 {count} 个问题"]


def test_bundled_data_renders(monkeypatch):
    """The real data renders without exception."""
    monkeypatch.delenv("TIMELINE_DATA_DIR", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert_page_ok(at)
    assert at.title[0].value == "日美同盟互动年表"


def test_a_fault_is_logged_with_its_traceback_and_shown_calmly(app, monkeypatch, caplog):
    """A crash in a page reaches the operator's log with its traceback and the reader as one calm sentence."""
    def broken_export(*_args) -> None:
        return 1 / 0

    monkeypatch.setattr(timeline_page, "_render_export", broken_export)
    with caplog.at_level(logging.ERROR, logger="timeline"):
        at = app.run()
    assert not at.exception
    [record] = [record for record in caplog.records if record.name == "timeline.ui.guard"]
    assert record.levelno == logging.ERROR and record.exc_info[0] is ZeroDivisionError
    assert "Traceback" in caplog.text and "broken_export" in caplog.text
    reference = re.search(r"reference (\w+)", record.getMessage()).group(1)
    assert [error.value for error in at.error] == [translate("unexpected_error", "zh", reference=reference)]
    assert "ZeroDivisionError" not in at.error[0].value and "division" not in at.error[0].value
    with pytest.raises(AssertionError, match="shows an error"):
        assert_page_ok(at)
