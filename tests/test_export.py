"""CSV export: exactly the filtered rows, UTF-8 with BOM, language columns, formula-safe, named well."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.export import events_to_csv_bytes, export_columns, export_file_name, neutralise_formula
from timeline.filters import FilterState, apply_filters


def _read(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel and WPS need the UTF-8 BOM to read Chinese"
    return list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def test_export_holds_exactly_the_filtered_rows(mini):
    """The CSV rows are the filtered events, in order, with Chinese intact."""
    filtered = apply_filters(mini, FilterState(categories=("treaty",)))
    rows = _read(events_to_csv_bytes(filtered, "zh"))
    assert [row["id"] for row in rows] == list(filtered["id"])
    assert rows[1]["title_zh"] == "签署《日美安全保障条约》"


@pytest.mark.parametrize(("lang", "present", "absent"), [
    ("zh", ["title_zh", "summary_zh", "significance_zh"], ["title_en"]),
    ("en", ["title_en", "background_en"], ["title_zh"]),
    ("both", ["title_zh", "title_en", "content_zh", "content_en"], []),
])
def test_export_columns_follow_the_chosen_language(mini, lang, present, absent):
    """Columns are those of the chosen language, or both."""
    header = _read(events_to_csv_bytes(mini.events, lang))[0].keys()
    assert list(header) == export_columns(lang)
    assert set(present) <= set(header)
    assert not set(absent) & set(header)


@pytest.mark.parametrize(("cell", "expected"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1+1", "'+1+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("1951-09-08", "1951-09-08"), ("日美同盟", "日美同盟"), ("", ""),
])
def test_formula_cells_are_neutralised(cell, expected):
    """Cells a spreadsheet would run as formulas start with an apostrophe (OWASP CSV injection advice)."""
    assert neutralise_formula(cell) == expected


def test_injected_formula_in_data_is_neutralised_in_the_file(mini):
    """A title starting with '=' leaves the export as text."""
    events = mini.events.copy()
    events.loc[0, "title_en"] = "=cmd|' /C calc'!A0"
    rows = _read(events_to_csv_bytes(events, "en"))
    assert rows[0]["title_en"] == "'=cmd|' /C calc'!A0"


@pytest.mark.parametrize(("state", "lang", "count", "expected"), [
    (FilterState(), "zh", 7, "us-japan-alliance_all_7-events_zh.csv"),
    (FilterState(eras=("occupation",), importance=(2, 1)), "en", 5,
     "us-japan-alliance_era-occupation_imp-12_5-events_en.csv"),
    (FilterState(categories=("treaty", "law"), years=(1950, 1960), query="安保 条约"), "both", 2,
     "us-japan-alliance_cat-treaty+law_1950-1960_q-安保-条约_2-events_both.csv"),
])
def test_file_name_says_what_was_filtered(state, lang, count, expected):
    """The download's name records the filters, the count and the language."""
    assert export_file_name(state, lang, count) == expected


@pytest.mark.parametrize(("state", "expected"), [
    (FilterState(eras=("occupation", "treaty-system")),
     "us-japan-alliance_era-occupation+treaty-system_3-events_zh.csv"),
    (FilterState(query="安保!"), "us-japan-alliance_q-安保_3-events_zh.csv"),  # no trailing hyphen
    (FilterState(query="Quad X"), "us-japan-alliance_q-Quad-X_3-events_zh.csv"),
    (FilterState(query="«»?!"), "us-japan-alliance_q-query_3-events_zh.csv"),  # nothing file-safe left
    (FilterState(query="x" * 45), f"us-japan-alliance_q-{'x' * 40}_3-events_zh.csv"),  # a query gives 40 at most
])
def test_file_name_keeps_queries_and_eras_readable(state, expected):
    """Several eras join with '+', a query becomes a short file-safe slug, and an empty slug says 'query'."""
    assert export_file_name(state, "zh", 3) == expected


@pytest.mark.parametrize(("length", "kept"), [(149, 149), (150, 150), (151, 150), (400, 150)])
def test_long_file_names_are_cut_to_150_characters(length, kept):
    """However many filters are chosen, the name before '.csv' is at most 150 characters (every OS accepts it)."""
    era = "e" * (length - len("us-japan-alliance_era-_3-events_zh"))
    name = export_file_name(FilterState(eras=(era,)), "zh", 3)
    assert name == f"us-japan-alliance_era-{era}_3-events_zh"[:kept] + ".csv"


def test_export_rows_end_with_crlf(mini):
    """Each record ends with CR LF, as RFC 4180 and Excel expect, whatever the platform."""
    data = events_to_csv_bytes(mini.events, "en")
    assert data.count(b"\r\n") == len(mini.events) + 1
    assert data.count(b"\n") == data.count(b"\r\n")


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)


@settings(deadline=None)  # pandas on a busy machine can take longer than the default 200 ms
@given(st.lists(st.tuples(texts, texts), min_size=1, max_size=8))
def test_export_round_trips_text(pairs):
    """Whatever the text (commas, quotes, newlines, Chinese), reading the CSV back gives it again."""
    frame = pd.DataFrame({column: "" for column in export_columns("both")}, index=range(len(pairs)))
    frame["title_zh"] = [zh for zh, _ in pairs]
    frame["summary_en"] = [en for _, en in pairs]
    rows = _read(events_to_csv_bytes(frame, "both"))
    assert [row["title_zh"] for row in rows] == [neutralise_formula(zh) for zh, _ in pairs]
    assert [row["summary_en"] for row in rows] == [neutralise_formula(en) for _, en in pairs]
