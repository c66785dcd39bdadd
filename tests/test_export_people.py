"""Export for people and for re-import: headers in the reader's language with names, or the data contract."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from timeline.csvfile import restore_formula_text
from timeline.dataset import bundled_data_dir, load_dataset_with_events
from timeline.export import export_csv_bytes, export_file_name, neutralise_formula
from timeline.filters import FilterState, apply_filters

ROOT = Path(__file__).resolve().parents[1]
ZH_HEADERS = ["日期", "时期", "类别", "重要性", "标题", "概要", "背景", "内容", "意义", "相关事件", "资料来源"]
EN_HEADERS = ["Date", "Era", "Category", "Importance", "Title", "Summary", "Background", "Content", "Significance",
              "Related events", "Sources"]


def _rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel and WPS need the UTF-8 BOM to read Chinese"
    return list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def _header(data: bytes) -> list[str]:
    return next(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def _contract_columns() -> list[str]:
    """The header of the bundled events.csv: the data contract's columns, in its order."""
    return _header(b"\xef\xbb\xbf" + (bundled_data_dir() / "events.csv").read_bytes())


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", ZH_HEADERS),
    ("en", EN_HEADERS),
    ("both", [header for pair in zip(ZH_HEADERS, EN_HEADERS) for header in pair]),
])
def test_reading_headers_are_in_the_chosen_language(mini, lang, expected):
    """The default file's header names each column in the reader's language, or in both side by side."""
    assert _header(export_csv_bytes(mini, mini.events, "reading", lang)) == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", {"日期": "1951年9月8日", "时期": "媾和阶段", "类别": "条约与协定", "重要性": "里程碑",
            "标题": "签署旧金山和约", "相关事件": "签署《日美安全保障条约》\n和约与安保条约生效",
            "资料来源": "甲. 书[M]. 北京, 2000.\n乙. 条约[Z]. 1951."}),
    ("en", {"Era": "Settlement phase", "Category": "Treaties & agreements", "Importance": "Landmark",
            "Title": "The San Francisco Peace Treaty is signed",
            "Related events": "The US–Japan Security Treaty is signed\nThe treaties enter into force",
            "Sources": "A. Book. Beijing, 2000.\nB. Treaty. 1951."}),
])
def test_reading_format_names_things_instead_of_ids(mini, lang, expected):
    """Era, category, importance, related events and sources appear as names and citations, not ids."""
    rows = _rows(export_csv_bytes(mini, mini.events, "reading", lang))
    peace_treaty = rows[list(mini.events["id"]).index("1951-peace-treaty")]
    assert {column: peace_treaty[column] for column in expected} == expected


def test_reading_format_shows_no_internal_id(mini):
    """No cell of the reading file is an event, era or source id, or a bare category or importance code."""
    ids = set(mini.events["id"]) | set(mini.eras["id"]) | set(mini.sources["id"]) | set(mini.events["category"])
    ids |= {"1", "2", "3"}
    cells = [cell for row in _rows(export_csv_bytes(mini, mini.events, "reading", "both"))
             for value in row.values() for cell in value.split("\n")]
    assert not ids & set(cells)


def test_data_format_has_the_contract_columns(bundled):
    """The data format's header is exactly the events.csv header of the data contract."""
    assert _header(export_csv_bytes(bundled, bundled.events, "data", "en")) == _contract_columns()


def _contract_frame(events: pd.DataFrame) -> pd.DataFrame:
    return events[_contract_columns()].astype(str).reset_index(drop=True)


def test_data_format_round_trips_every_event(bundled):
    """Exporting every event in the data format and loading the bytes again gives the same events."""
    data = export_csv_bytes(bundled, bundled.events, "data", "zh")
    reloaded = load_dataset_with_events(data, "export.csv", bundled)
    pd.testing.assert_frame_equal(_contract_frame(reloaded.events), _contract_frame(bundled.events))


def test_filtered_data_export_loads_on_its_own(bundled):
    """A filtered data file validates alone: its related ids point only at events in the file."""
    filtered = apply_filters(bundled, FilterState(eras=("cold-war-alliance",), importance=(1,)))
    outside = {related for cell in filtered["related"] for related in cell.split(";") if related} - set(filtered["id"])
    assert outside, "the case needs events whose related events were filtered out"
    reloaded = load_dataset_with_events(export_csv_bytes(bundled, filtered, "data", "zh"), "export.csv", bundled)
    assert list(reloaded.events["id"]) == list(filtered["id"])
    assert list(reloaded.events["title_en"]) == list(filtered["title_en"])
    kept = {related for cell in reloaded.events["related"] for related in cell.split(";") if related}
    assert kept <= set(filtered["id"])


def test_formula_text_is_neutralised_and_still_round_trips(bundled):
    """A title starting with '=' is written behind an apostrophe, and loads back exactly as it was."""
    events = bundled.events.copy()
    events.loc[0, "title_en"] = "=HYPERLINK(\"http://x\")"
    events.loc[1, "summary_en"] = "'=already quoted"
    events.loc[2, "title_zh"] = "-1 是负数"
    data = export_csv_bytes(bundled, events, "data", "en")
    rows = _rows(data)
    assert rows[0]["title_en"] == "'=HYPERLINK(\"http://x\")"
    reloaded = load_dataset_with_events(data, "export.csv", bundled).events.set_index("id")
    assert reloaded.loc[events.loc[0, "id"], "title_en"] == "=HYPERLINK(\"http://x\")"
    assert reloaded.loc[events.loc[1, "id"], "summary_en"] == "'=already quoted"
    assert reloaded.loc[events.loc[2, "id"], "title_zh"] == "-1 是负数"


@given(st.text(alphabet="'=+-@ab日", max_size=8))
def test_reading_a_neutralised_cell_gives_back_the_text(text):
    """Reading takes off exactly the apostrophe the export put on, whatever apostrophes the text had."""
    assert restore_formula_text(neutralise_formula(text)) == text


@pytest.mark.parametrize(("export_format", "lang", "expected"), [
    ("reading", "en", "us-japan-alliance_era-occupation_5-events_en.csv"),
    ("reading", "both", "us-japan-alliance_era-occupation_5-events_both.csv"),
    ("data", "zh", "us-japan-alliance_era-occupation_5-events_data.csv"),
])
def test_file_name_says_format_and_language(export_format, lang, expected):
    """The reading file ends with its language; the data file (ids, both languages) says data."""
    assert export_file_name(FilterState(eras=("occupation",)), lang, 5, export_format) == expected


def _choose(at: AppTest, key: str, value: str) -> AppTest:
    next(widget for widget in at.get("button_group") if widget.key == key).set_value(value)
    return at.run()


def _chosen(at: AppTest, key: str) -> str:
    return next(widget.value for widget in at.get("button_group") if widget.key == key)


def test_export_language_follows_the_page_until_the_reader_picks(monkeypatch):
    """Turning the page English turns the export English; a language the reader picked stays picked."""
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(ROOT / "tests" / "data" / "mini"))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert _chosen(at, "w_export_lang") == "zh"
    at = _choose(at, "w_lang", "en")
    assert _chosen(at, "w_export_lang") == "en"
    assert at.get("download_button")[0].label == "Download CSV (7 events)"
    at = _choose(at, "w_export_lang", "both")
    at = _choose(at, "w_lang", "zh")
    assert _chosen(at, "w_export_lang") == "both"
    assert not at.exception
