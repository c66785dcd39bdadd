"""Partial dates at the precision a source supports: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

The data contract (EDTF level 0 without times or intervals) forbids invented precision, so a date
keeps its precision from parsing through display: 1995-02 is shown as "1995年2月" / "Feb 1995".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

# ASCII digits only: other scripts' digits (١٩٥١, full-width １９５１) are not ISO 8601, and pandas
# cannot read them as dates.
_ISO_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_ISO_SHAPE = r"[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-[0-9]{2})?)?"
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

DATE_FORMAT_HINT = "YYYY, YYYY-MM or YYYY-MM-DD (e.g. 1951-09-08)"


class DateFormatError(ValueError):
    """A date string that is not a real ISO date at year, month or day precision.

    ``reason`` says what is wrong in plain words (``"1951-02 has 28 days"``), for messages that quote
    the value themselves; ``str()`` names the text too.
    """

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"{text!r}: {reason}; expected {DATE_FORMAT_HINT}")
        self.reason = reason


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def first_day(self) -> dt.date:
        """The earliest day this date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The latest day this date can mean."""
        if self.day is not None:
            return dt.date(self.year, self.month, self.day)  # type: ignore[arg-type]
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def isoformat(self) -> str:
        """The ISO text at this date's own precision, the inverse of :func:`parse_date`."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


def parse_date(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise :class:`DateFormatError` saying why not."""
    match = _ISO_PATTERN.fullmatch(text.strip())
    if not match:
        raise DateFormatError(text, "not written as a date")
    year = int(match[1])
    month = int(match[2]) if match[2] else None
    day = int(match[3]) if match[3] else None
    if year < 1:
        raise DateFormatError(text, "year 0000 does not exist")
    if month is not None and not 1 <= month <= 12:
        raise DateFormatError(text, f"there is no month {month:02d} (months run 01 to 12)")
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateFormatError(text, f"{year:04d}-{month:02d} has {last} days")
    return PartialDate(year, month, day)


def format_date(date: PartialDate, lang: str) -> str:
    """Show a date in the language's own style at its own precision (1951年9月8日 / 8 Sep 1951)."""
    if lang == "zh":
        text = f"{date.year}年"
        if date.month is not None:
            text += f"{date.month}月"
        if date.day is not None:
            text += f"{date.day}日"
        return text
    if date.month is None:
        return str(date.year)
    month = _MONTHS_EN[date.month - 1]
    if date.day is None:
        return f"{month} {date.year}"
    return f"{date.day} {month} {date.year}"


def format_span(start: PartialDate, end: PartialDate | None, lang: str) -> str:
    """Show a date, or a period from ``start`` to ``end``, in the language's own style."""
    if end is None or end == start:
        return format_date(start, lang)
    separator = "—" if lang == "zh" else " – "
    return f"{format_date(start, lang)}{separator}{format_date(end, lang)}"


# Vectorised forms, for whole columns (a loaded table may hold 100,000 dates). Each agrees with its
# scalar twin above; a property test holds them together.

def _has_iso_shape(text: pd.Series) -> pd.Series:
    """True where a stripped text is written as a date with a real year and month (the day unchecked)."""
    return text.str.fullmatch(_ISO_SHAPE) & ~text.str.startswith("0000")


def is_iso_date(values: pd.Series) -> pd.Series:
    """:func:`parse_date` succeeds, for a column: a real date at year, month or day precision (1951-02-30 is not)."""
    text = values.astype(str).str.strip()
    shape_ok = _has_iso_shape(text)
    has_day = text.str.len() == 10
    real_day = parse_days(text.where(has_day & shape_ok)).notna()
    return shape_ok & (~has_day | real_day)


def date_bounds(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The first and last day each ISO date text can mean, as datetimes (NaT where empty or invalid)."""
    text = values.astype(str).str.strip()
    length = text.str.len()
    padded = text.mask(length == 4, text + "-01-01").mask(length == 7, text + "-01")
    first = parse_days(padded.where(_has_iso_shape(text)))
    last = first.mask(length == 7, first + pd.offsets.MonthEnd(0)).mask(length == 4, first + pd.offsets.YearEnd(0))
    return first, last


def format_dates(values: pd.Series, lang: str) -> pd.Series:
    """:func:`format_date` for a column of valid ISO date texts."""
    text = values.astype(str).str.strip()
    length = text.str.len()
    year = text.str[:4].str.lstrip("0")
    month = text.str[5:7].str.lstrip("0")
    day = text.str[8:10].str.lstrip("0")
    if lang == "zh":
        shown = year + "年"
        shown = shown.mask(length >= 7, shown + month + "月")
        return shown.mask(length == 10, shown + day + "日")
    month_name = text.str[5:7].map(dict(zip((f"{number:02d}" for number in range(1, 13)), _MONTHS_EN)))
    return year.mask(length == 7, month_name + " " + year).mask(length == 10, day + " " + month_name + " " + year)


def format_spans(starts: pd.Series, ends: pd.Series, lang: str) -> pd.Series:
    """:func:`format_span` for columns of start and (possibly empty) end date texts."""
    separator = "—" if lang == "zh" else " – "
    shown = format_dates(starts, lang)
    has_end = (ends.astype(str).str.strip() != "") & (ends.astype(str).str.strip() != starts.astype(str).str.strip())
    return shown.mask(has_end, shown + separator + format_dates(ends.where(has_end, starts), lang))


_DAY_PATTERN = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def parse_days(texts: pd.Series) -> pd.Series:
    """Each ``YYYY-MM-DD`` text as a datetime in microseconds; NaT where it is missing or not a real day."""
    days = pd.to_datetime(texts, format="%Y-%m-%d", errors="coerce").astype("datetime64[us]")
    # pandas 2 parses in nanoseconds, which end in 1677 and 2262: read the days it missed one by one.
    missed = days.isna() & texts.notna() & (texts != "")
    if missed.any():
        days[missed] = pd.Series([_real_day(str(text)) for text in texts[missed]], dtype="datetime64[us]").to_numpy()
    return days


def _real_day(text: str) -> dt.date | None:
    match = _DAY_PATTERN.fullmatch(text)
    try:
        return dt.date(*map(int, match.groups())) if match else None
    except ValueError:
        return None
