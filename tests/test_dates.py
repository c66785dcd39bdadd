"""Partial dates: parsing at year, month or day precision, and display in each language."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import MINI_DIR
from timeline.dataset import load_dataset
from timeline.dates import (
    DATE_FORMAT_HINT,
    DateFormatError,
    PartialDate,
    date_bounds,
    format_date,
    format_dates,
    format_span,
    format_spans,
    is_iso_date,
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
    ("1951-02-30", "1951-02 has 28 days"),
    ("1900-02-29", "1900-02 has 28 days"),
    ("2000-02-30", "2000-02 has 29 days"),
    ("1951-04-31", "1951-04 has 30 days"),
    ("1951-01-00", "1951-01 has 31 days"),
    ("1951-13", "there is no month 13 (months run 01 to 12)"),
    ("1951-00-10", "there is no month 00 (months run 01 to 12)"),
    ("0000", "year 0000 does not exist"),
    ("51-09-08", "not written as a date"),
    ("1951/09/08", "not written as a date"),
    ("1951-9-8", "not written as a date"),
    ("Sept 1951", "not written as a date"),
    ("١٩٥١", "not written as a date"),  # ISO 8601 is written in ASCII digits
    ("１９５１-０２", "not written as a date"),
    ("", "not written as a date"),
])
def test_parse_rejects_impossible_dates_saying_why(text, reason):
    """A malformed or impossible date is refused with the reason in plain words, and the text in the message."""
    with pytest.raises(DateFormatError) as raised:
        parse_date(text)
    assert raised.value.reason == reason
    assert str(raised.value) == f"{text!r}: {reason}; expected {DATE_FORMAT_HINT}"


@pytest.mark.parametrize(("text", "expected"), [
    ("0001", PartialDate(1)),
    ("1951-01", PartialDate(1951, 1)),
    ("1951-12", PartialDate(1951, 12)),
    ("1951-01-01", PartialDate(1951, 1, 1)),
    ("1951-01-31", PartialDate(1951, 1, 31)),
    ("2000-02-29", PartialDate(2000, 2, 29)),
    ("1951-12-31", PartialDate(1951, 12, 31)),
])
def test_parse_accepts_the_first_and_last_of_each_range(text, expected):
    """Year 1, months 01 and 12, day 01 and each month's last day are all real dates."""
    assert parse_date(text) == expected


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


@settings(deadline=None)  # pandas on a busy machine can take longer than the default 200 ms
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


@settings(deadline=None)  # pandas on a busy machine can take longer than the default 200 ms
@given(st.lists(st.tuples(partial_dates(), st.none() | partial_dates(), st.booleans()), min_size=1, max_size=20),
       st.sampled_from(["zh", "en"]))
def test_column_spans_agree_with_the_scalar_ones(rows, lang):
    """A column of periods shows, row by row, what format_span shows: one date, or start and end."""
    starts = [start for start, _, _ in rows]
    ends = [start if same else end for start, end, same in rows]  # an end equal to the start shows once
    shown = format_spans(pd.Series([date.isoformat() for date in starts]),
                         pd.Series(["" if end is None else end.isoformat() for end in ends]), lang)
    assert list(shown) == [format_span(start, end, lang) for start, end in zip(starts, ends)]


# The column forms exist for speed (a table may hold 100,000 rows); a reader must never see a twin
# disagree, as when validation accepts a date that the page then cannot parse.
# Texts shaped like dates, right and wrong: year 0000 to 9999, month 00 to 13, day 00 to 32, with
# stray spaces, and any text at all.
_numbers = st.tuples(st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32))
_date_like = st.one_of(
    _numbers.map(lambda ymd: f"{ymd[0]:04d}"),
    _numbers.map(lambda ymd: f"{ymd[0]:04d}-{ymd[1]:02d}"),
    _numbers.map(lambda ymd: f"{ymd[0]:04d}-{ymd[1]:02d}-{ymd[2]:02d}"),
    _numbers.map(lambda ymd: f" {ymd[0]}-{ymd[1]}-{ymd[2]} "),
    st.text(alphabet="0123456789- /", max_size=11),
    st.text(max_size=12),
)


def _parses(text: str) -> bool:
    try:
        parse_date(text)
    except DateFormatError:
        return False
    return True


@settings(deadline=None)  # pandas on a busy machine can take longer than the default 200 ms
@given(st.lists(_date_like, min_size=1, max_size=20))
@example(["1951-02-29", "2000-02-29", "1900-02-29", "0000", "0001", "1951-00", "1951-13", "1951-12-31", "1951-01-00"])
@example(["١٩٥١", "１９５１", "1951-٠٢", " 1951 ", "1951\n", ""])
def test_schema_accepts_exactly_the_dates_the_parser_accepts(texts):
    """Validation (by column) and parsing (one by one) agree on every text: no date passes one and fails the other."""
    assert list(is_iso_date(pd.Series(texts))) == [_parses(text) for text in texts]


@settings(deadline=None)  # pandas on a busy machine can take longer than the default 200 ms
@given(st.lists(_date_like, min_size=1, max_size=20))
def test_date_bounds_agree_with_first_and_last_day(texts):
    """The column's first and last days are each date's own, and empty (NaT) where a text is not a date."""
    first, last = date_bounds(pd.Series(texts))
    for text, first_day, last_day in zip(texts, first, last):
        if _parses(text):
            date = parse_date(text)
            assert (first_day.date(), last_day.date()) == (date.first_day(), date.last_day())
        else:
            assert pd.isna(first_day) and pd.isna(last_day)
