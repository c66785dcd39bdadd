"""Filters: each part narrows the events as a user expects; the whole is a pure subset."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from timeline.filters import FilterState, apply_filters, year_bounds
from timeline.search import build_search_text, normalise
from timeline.vocab import CATEGORIES


@pytest.mark.parametrize(("state", "expected_ids"), [
    (FilterState(), {"1945-surrender", "1947-constitution", "1950-korean-war", "1951-peace-treaty",
                     "1951-security-treaty", "1952-treaties-in-force", "1955-context"}),
    (FilterState(eras=("occupation",)), {"1945-surrender", "1947-constitution", "1950-korean-war",
                                         "1951-peace-treaty", "1951-security-treaty"}),
    (FilterState(eras=("occupation-reform",)), {"1945-surrender", "1947-constitution"}),
    (FilterState(eras=("treaty-system",)), {"1952-treaties-in-force", "1955-context"}),
    (FilterState(categories=("treaty",)), {"1951-peace-treaty", "1951-security-treaty", "1952-treaties-in-force"}),
    (FilterState(importance=(1,)), {"1951-peace-treaty", "1951-security-treaty"}),
    (FilterState(years=(1952, 1960)), {"1950-korean-war", "1952-treaties-in-force", "1955-context"}),
    (FilterState(years=(1946, 1946)), set()),
    (FilterState(query="美日安保条约"), {"1951-security-treaty"}),
    (FilterState(query="《日美安全保障条约》"), {"1951-security-treaty"}),
    (FilterState(query="peace constitution"), {"1947-constitution"}),
    (FilterState(query="SEPARATE peace"), {"1951-peace-treaty"}),
    (FilterState(query="treaties enter"), {"1952-treaties-in-force"}),
    (FilterState(eras=("occupation",), categories=("treaty",), importance=(1,), query="和约"), {"1951-peace-treaty"}),
])
def test_apply_filters_table(mini, state, expected_ids):
    """Era (with its phases), category, importance, overlapping years and bilingual search with aliases."""
    assert set(apply_filters(mini, state)["id"]) == expected_ids


ALL_IDS = frozenset({"1945-surrender", "1947-constitution", "1950-korean-war", "1951-peace-treaty",
                     "1951-security-treaty", "1952-treaties-in-force", "1955-context"})


@pytest.mark.parametrize(("years", "expected_ids"), [
    ((1945, 1945), {"1945-surrender"}),  # the first year of the range is included
    ((1944, 1945), {"1945-surrender"}),
    ((1955, 1955), {"1955-context"}),  # the last year is included, for a year-precision date too
    ((1955, 1960), {"1955-context"}),
    ((1950, 1950), {"1950-korean-war"}),  # a lasting event is shown in its first year ...
    ((1953, 1953), {"1950-korean-war"}),  # ... and in its last
    ((1953, 1954), {"1950-korean-war"}),
    ((1954, 1954), set()),  # the year after a lasting event's end
    ((1948, 1949), set()),  # between two events
    ((1946, 1946), set()),
    ((1944, 1944), set()),  # before the first event
    ((1956, 1960), set()),  # after the last
    ((1947, 1950), {"1947-constitution", "1950-korean-war"}),
    ((1952, 1952), {"1950-korean-war", "1952-treaties-in-force"}),
    ((1945, 1955), ALL_IDS),
])
def test_year_range_includes_both_ends(mini, years, expected_ids):
    """An event shows when any of its years, start to end, lies in the range, both ends included."""
    assert set(apply_filters(mini, FilterState(years=years))["id"]) == expected_ids


@pytest.mark.parametrize(("state", "expected_ids"), [
    # Era families: a parent era brings its phases; a phase alone brings only its own events.
    (FilterState(eras=("occupation-settlement",)), {"1950-korean-war", "1951-peace-treaty", "1951-security-treaty"}),
    (FilterState(eras=("occupation", "occupation-reform")), ALL_IDS - {"1952-treaties-in-force", "1955-context"}),
    (FilterState(eras=("occupation-reform", "treaty-system")),
     {"1945-surrender", "1947-constitution", "1952-treaties-in-force", "1955-context"}),
    (FilterState(eras=("occupation", "treaty-system")), ALL_IDS),
    # Importance: each level, the first and the last, and two together.
    (FilterState(importance=(2,)), {"1945-surrender", "1947-constitution", "1952-treaties-in-force"}),
    (FilterState(importance=(3,)), {"1950-korean-war", "1955-context"}),
    (FilterState(importance=(1, 3)), {"1950-korean-war", "1951-peace-treaty", "1951-security-treaty", "1955-context"}),
    (FilterState(importance=(1, 2, 3)), ALL_IDS),
    # Categories: the first and a late one of the vocabulary, and two together.
    (FilterState(categories=("occupation",)), {"1945-surrender"}),
    (FilterState(categories=("economy",)), {"1955-context"}),
    (FilterState(categories=("crisis", "law")), {"1950-korean-war", "1947-constitution"}),
    (FilterState(categories=("summit",)), set()),
    # Query terms: every word must occur (not any), in any field, folded for case and width.
    (FilterState(query="treaty zzz"), set()),
    (FilterState(query="korean"), {"1950-korean-war"}),
    (FilterState(query="ＫＯＲＥＡＮ"), {"1950-korean-war"}),
    (FilterState(query="background 安保"), {"1951-security-treaty"}),
    (FilterState(query="Missouri"), {"1945-surrender"}),
    (FilterState(query="  "), ALL_IDS),
    (FilterState(query="o.c"), set()),  # query characters are literal, never a pattern ("o.c" is not "occ")
    (FilterState(query="(treaty"), set()),
    # Parts combine as "and": each narrows what the others left.
    (FilterState(eras=("occupation",), years=(1951, 1951), importance=(3,)), {"1950-korean-war"}),
    (FilterState(categories=("treaty",), years=(1952, 1960)), {"1952-treaties-in-force"}),
    (FilterState(eras=("treaty-system",), categories=("treaty",)), {"1952-treaties-in-force"}),
    (FilterState(categories=("law",), importance=(2,)), {"1947-constitution"}),
    (FilterState(importance=(2,), query="treaties"), {"1952-treaties-in-force"}),
])
def test_each_filter_at_its_edges(mini, state, expected_ids):
    """Era families, importance levels, categories and query words each keep exactly the events they name."""
    assert set(apply_filters(mini, state)["id"]) == expected_ids


def test_result_keeps_date_order(mini):
    """Filtered events stay in time order."""
    starts = list(apply_filters(mini, FilterState(categories=("treaty", "law")))["start"])
    assert starts == sorted(starts)


@pytest.mark.parametrize(("state", "default"), [
    (FilterState(), True),
    (FilterState(query=""), True),
    (FilterState(query="x"), False),
    (FilterState(years=(1950, 1951)), False),
    (FilterState(importance=(1,)), False),
])
def test_is_default_only_when_nothing_is_filtered(state, default):
    """The reset button and the count know when the reader filtered nothing."""
    assert state.is_default() is default


def test_year_bounds_cover_events_and_eras(mini):
    """The year slider spans every era and event."""
    assert year_bounds(mini) == (1945, 1960)


def filter_states(dataset):
    return st.builds(
        FilterState,
        eras=st.lists(st.sampled_from(list(dataset.eras["id"])), unique=True, max_size=3).map(tuple),
        categories=st.lists(st.sampled_from(list(CATEGORIES)), unique=True, max_size=4).map(tuple),
        importance=st.lists(st.sampled_from([1, 2, 3]), unique=True).map(tuple),
        years=st.one_of(st.none(), st.tuples(st.integers(1940, 1965), st.integers(1940, 1965)).map(
            lambda pair: tuple(sorted(pair)))),
        query=st.sampled_from(["", "treaty", "日美", "war", "条约 treaty", "zzz"]),
    )


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60, deadline=None)
@given(data=st.data())
def test_result_is_a_subset_and_filtering_twice_changes_nothing(mini, data):
    """Any filter gives a subset of the events, and applying it to its own result changes nothing."""
    state = data.draw(filter_states(mini))
    once = apply_filters(mini, state)
    assert set(once["id"]) <= set(mini.events["id"])
    narrowed = type(mini)(events=once, eras=mini.eras, sources=mini.sources, themes=mini.themes, origin="t")
    assert list(apply_filters(narrowed, state)["id"]) == list(once["id"])


def test_top_level_eras_partition_the_events(mini):
    """Filtering by each top-level era in turn shows every event exactly once."""
    seen: list[str] = []
    for era in mini.eras.loc[mini.eras["parent"] == "", "id"]:
        seen += list(apply_filters(mini, FilterState(eras=(era,)))["id"])
    assert sorted(seen) == sorted(mini.events["id"])


def test_bundled_top_level_eras_partition_the_events(bundled):
    """The same holds for the real data."""
    seen: list[str] = []
    for era in bundled.eras.loc[bundled.eras["parent"] == "", "id"]:
        seen += list(apply_filters(bundled, FilterState(eras=(era,)))["id"])
    assert sorted(seen) == sorted(bundled.events["id"])


# Text with what the search folds: both word orders of 美日, full-width forms, letter case, quotes,
# book-title marks, dashes and odd spaces.
_search_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("美日同盟安保条约《》“”\"—–-·ＡＢＣａｂｃ１２３ABCabcİßΣς \t\n\u3000\u00a0")),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=30,
)


@settings(deadline=None)  # pandas on a busy machine can take longer than the default 200 ms
@given(_search_text)
@example("《美日安保条约》")
@example("ＵＳ–Ｊａｐａｎ  Security\u3000Treaty")
def test_search_text_of_one_column_is_the_normalised_text(text):
    """An event's search key is its text folded exactly as a query is folded, so a query finds what it names."""
    frame = pd.DataFrame({"title_en": [text]})
    assert list(build_search_text(frame)) == [normalise(text)]


@settings(deadline=None)  # pandas on a busy machine can take longer than the default 200 ms
@given(st.lists(_search_text, min_size=2, max_size=4))
def test_search_text_of_several_columns_keeps_them_apart(texts):
    """The key of several texts is the normalised texts joined by line breaks: no word runs into the next field."""
    columns = ["title_zh", "title_en", "summary_zh", "aliases"][:len(texts)]
    frame = pd.DataFrame({column: [text] for column, text in zip(columns, texts)})
    assert list(build_search_text(frame)) == [normalise("\n".join(texts))]


def test_search_text_of_a_table_without_texts_is_empty():
    """A table with none of the searched columns gets an empty key per row, on the same rows."""
    keys = build_search_text(pd.DataFrame({"id": ["a", "b"]}, index=[5, 7]))
    assert keys.to_dict() == {5: "", 7: ""}
