"""Partial dates: parsing at year, month or day precision, and display in each language."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import MINI_DIR
from timeline.dataset import load_dataset
from timeline.dates import (
    DateFormatError,
    PartialDate,
    date_bounds,
    format_date,
    format_dates,
    format_span,
    parse_date,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("1951", PartialDate(1951)),
    ("1995-02", PartialDate(1995, 2)),
    ("1951-09-08", PartialDate(1951, 9, 8)),
    (" 2000-02-29 ", PartialDate(2000, 2, 29)),
])
def test_parse_accepts_each_precision(text, expected):
    """ISO dates parse at exactly the precision written."""
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "reason"), [
    ("1951-02-30", "28 days"),
    ("1900-02-29", "28 days"),
    ("1951-13", "months run 01 to 12"),
    ("1951-00-10", "months run 01 to 12"),
    ("0000", "year 0000"),
    ("51-09-08", "not a date in the form"),
    ("1951/09/08", "not a date in the form"),
    ("Sept 1951", "not a date in the form"),
    ("", "not a date in the form"),
])
def test_parse_rejects_impossible_dates_saying_why(text, reason):
    """A malformed or impossible date is refused with the reason in the message."""
    with pytest.raises(DateFormatError, match=reason):
        parse_date(text)


@pytest.mark.parametrize(("text", "zh", "en"), [
    ("1951-09-08", "1951年9月8日", "8 Sep 1951"),
    ("1995-02", "1995年2月", "Feb 1995"),
    ("1978", "1978年", "1978"),
])
def test_format_keeps_precision_in_each_language(text, zh, en):
    """Dates show in the language's own style, never more precise than the data."""
    date = parse_date(text)
    assert format_date(date, "zh") == zh
    assert format_date(date, "en") == en


def test_format_span_shows_both_ends():
    """A lasting event shows its start and end."""
    assert format_span(parse_date("1950-06-25"), parse_date("1953-07-27"), "en") == "25 Jun 1950 – 27 Jul 1953"
    assert format_span(parse_date("1950-06-25"), parse_date("1953-07-27"), "zh") == "1950年6月25日—1953年7月27日"


def test_first_and_last_day_bound_an_imprecise_date():
    """A month or a year stands for the whole span of days it may mean."""
    assert parse_date("1996-02").first_day() == dt.date(1996, 2, 1)
    assert parse_date("1996-02").last_day() == dt.date(1996, 2, 29)
    assert parse_date("1978").last_day() == dt.date(1978, 12, 31)


@st.composite
def partial_dates(draw):
    day = draw(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


@given(partial_dates())
def test_iso_text_round_trips(date):
    """Writing a date as ISO text and parsing it back gives the same date and precision."""
    assert parse_date(date.isoformat()) == date


@given(partial_dates())
def test_first_day_never_after_last_day(date):
    """Every date's span is well ordered."""
    assert date.first_day() <= date.last_day()


@given(st.lists(partial_dates(), min_size=1, max_size=20), st.sampled_from(["zh", "en"]))
def test_column_forms_agree_with_the_scalar_ones(dates, lang):
    """The vectorised bounds and formats give, date by date, what the scalar functions give."""
    texts = pd.Series([date.isoformat() for date in dates])
    first, last = date_bounds(texts)
    assert [day.date() for day in first] == [date.first_day() for date in dates]
    assert [day.date() for day in last] == [date.last_day() for date in dates]
    assert list(format_dates(texts, lang)) == [format_date(date, lang) for date in dates]


@pytest.mark.parametrize("years", [-400, 400])
def test_dates_outside_pandas_nanosecond_range_load(tmp_path, years):
    """A data folder moved 400 years (same leap days) before 1677 or past 2262 is still valid, its dates intact."""
    def move(match: re.Match) -> str:
        return str(int(match[0]) + years)

    for table in MINI_DIR.glob("*.csv"):
        text = re.sub(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])", move, table.read_text(encoding="utf-8"))
        (tmp_path / table.name).write_text(text, encoding="utf-8")
    moved, original = load_dataset(tmp_path), load_dataset(MINI_DIR)
    assert list(moved.events["year"]) == [year + years for year in original.events["year"]]
    assert list(moved.eras["start_day"].dt.year) == [year + years for year in original.eras["start_day"].dt.year]
    assert list(moved.events["date_en"]) == [re.sub(r"\d{4}", move, text) for text in original.events["date_en"]]
