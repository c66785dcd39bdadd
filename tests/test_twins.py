"""Scalar and column-wise twins agree: each column function gives, value by value, what its scalar twin gives.

The column forms exist for speed (a table may hold 100,000 rows); a reader must never see the two disagree,
as when validation accepts a date that the page then cannot parse, or a search finds an event by one
spelling in the table and not in the panel.
"""

from __future__ import annotations

import pandas as pd
from hypothesis import example, given
from hypothesis import strategies as st

from timeline.dates import DateFormatError, date_bounds, parse_date
from timeline.schema import is_iso_date
from timeline.search import build_search_text, normalise

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


@given(st.lists(_date_like, min_size=1, max_size=20))
@example(["1951-02-29", "2000-02-29", "1900-02-29", "0000", "0001", "1951-00", "1951-13", "1951-12-31", "1951-01-00"])
@example(["١٩٥١", "１９５１", "1951-٠٢", " 1951 ", "1951\n", ""])
def test_schema_accepts_exactly_the_dates_the_parser_accepts(texts):
    """Validation (by column) and parsing (one by one) agree on every text: no date passes one and fails the other."""
    assert list(is_iso_date(pd.Series(texts))) == [_parses(text) for text in texts]


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


# Text with what the search folds: both word orders of 美日, full-width forms, letter case, quotes,
# book-title marks, dashes and odd spaces.
_search_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("美日同盟安保条约《》“”\"—–-·ＡＢＣａｂｃ１２３ABCabcİßΣς \t\n\u3000\u00a0")),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=30,
)


@given(_search_text)
@example("《美日安保条约》")
@example("ＵＳ–Ｊａｐａｎ  Security\u3000Treaty")
def test_search_text_of_one_column_is_the_normalised_text(text):
    """An event's search key is its text folded exactly as a query is folded, so a query finds what it names."""
    frame = pd.DataFrame({"title_en": [text]})
    assert list(build_search_text(frame)) == [normalise(text)]
