"""URL state: a link carries language, filters and the open event, and unknown values are reported."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dataset import load_dataset
from timeline.filters import FilterState, year_bounds
from timeline.quiz import MAX_SEED, QUIZ_KINDS
from timeline.urlstate import IgnoredParam, ViewState, params_from_view, view_from_params
from timeline.vocab import CATEGORIES, DOCUMENT_KINDS, IMPORTANCE, LANGUAGES, SOURCE_KINDS


@pytest.mark.parametrize(("params", "expected"), [
    ({}, ViewState()),
    ({"lang": "en"}, ViewState(lang="en")),
    ({"era": "occupation,treaty-system"}, ViewState(filters=FilterState(eras=("occupation", "treaty-system")))),
    ({"cat": "treaty", "imp": "1,2"}, ViewState(filters=FilterState(categories=("treaty",), importance=(1, 2)))),
    ({"years": "1950-1955"}, ViewState(filters=FilterState(years=(1950, 1955)))),
    ({"years": "1955-1950"}, ViewState(filters=FilterState(years=(1950, 1955)))),
    ({"years": "1900-2100"}, ViewState()),  # the whole range is no filter at all
    ({"q": " 安保 "}, ViewState(filters=FilterState(query="安保"))),
    ({"event": "1951-security-treaty"}, ViewState(event="1951-security-treaty")),
    ({"show_era": "occupation", "lang": "zh"}, ViewState(era="occupation")),
    ({"kind": "official,news", "sq": "mofa"}, ViewState(source_kinds=("official", "news"), source_query="mofa")),
    ({"era": ",occupation,,treaty-system,"}, ViewState(filters=FilterState(eras=("occupation", "treaty-system")))),
    ({"cat": "law,treaty,law"}, ViewState(filters=FilterState(categories=("law", "treaty")))),  # once each
    ({"lang": ["zh", "zh", "en"]}, ViewState(lang="en")),  # a repeated parameter: the last one counts
    ({"event": []}, ViewState()),  # a parameter named without a value is no parameter
    ({"theme": "founding", "cmp": "settling,founding"}, ViewState(theme="founding", compare=("settling", "founding"))),
    ({"doc": "test-treaty"}, ViewState(document="test-treaty")),
    ({"doc": "test-treaty", "part": "art-2"}, ViewState(document="test-treaty", part="art-2")),
    ({"doc_kind": "treaty,law", "doc_era": "occupation"}, ViewState(document_kinds=("treaty", "law"),
                                                                    document_eras=("occupation",))),
    ({"doc_cmp": "test-comparison"}, ViewState(comparison="test-comparison")),
])
def test_known_params_read_as_a_view(mini, params, expected):
    """Each parameter sets its part of the view."""
    view, ignored = view_from_params(params, mini)
    assert view == expected
    assert ignored == []


@pytest.mark.parametrize(("params", "ignored"), [
    ({"lang": "fr"}, [IgnoredParam("lang", "fr")]),
    ({"era": "occupation,meiji"}, [IgnoredParam("era", "meiji")]),
    ({"imp": "1,9"}, [IgnoredParam("imp", "9")]),
    ({"years": "soon"}, [IgnoredParam("years", "soon")]),
    ({"event": "1999-nothing"}, [IgnoredParam("event", "1999-nothing")]),
    ({"colour": "red"}, [IgnoredParam("colour", "red")]),
    ({"cat": "treaty,war"}, [IgnoredParam("cat", "war")]),
    ({"show_era": "meiji"}, [IgnoredParam("show_era", "meiji")]),
    ({"cmp": "founding,bakumatsu"}, [IgnoredParam("cmp", "bakumatsu")]),
    ({"theme": "nothing"}, [IgnoredParam("theme", "nothing")]),
    ({"kind": "official,blog"}, [IgnoredParam("kind", "blog")]),
    ({"years": "1800-1900"}, [IgnoredParam("years", "1800-1900")]),  # wholly outside the data's years
    ({"doc": "1999-nothing"}, [IgnoredParam("doc", "1999-nothing")]),
    ({"doc": "test-treaty", "part": "art-99"}, [IgnoredParam("part", "art-99")]),
    ({"doc": "test-statement", "part": "art-1"}, [IgnoredParam("part", "art-1")]),  # a part of another document
    ({"part": "art-1"}, [IgnoredParam("part", "art-1")]),  # a part needs its document
    ({"doc_kind": "treaty,memo"}, [IgnoredParam("doc_kind", "memo")]),
    ({"doc_era": "meiji"}, [IgnoredParam("doc_era", "meiji")]),
    ({"doc_cmp": "nothing"}, [IgnoredParam("doc_cmp", "nothing")]),
])
def test_unknown_values_are_ignored_and_reported(mini, params, ignored):
    """Values the data lacks are dropped from the view and listed for a visible notice."""
    view, reported = view_from_params(params, mini)
    assert reported == ignored
    assert view.lang in {"zh", "en"}
    assert view.event is None


def test_comparison_in_a_link_is_ignored_when_the_data_has_none(mini):
    """A folder without adjustments.csv reports a comparison in the link instead of failing."""
    without = dataclasses.replace(mini, adjustments=pd.DataFrame())
    assert view_from_params({"cmp": "founding"}, without) == (ViewState(), [IgnoredParam("cmp", "founding")])


def test_documents_in_a_link_are_ignored_when_the_data_has_none(mini):
    """A folder without the documents files reports a document, part or comparison in the link instead of failing."""
    without = dataclasses.replace(mini, documents=pd.DataFrame(), document_parts=pd.DataFrame(),
                                  comparisons=pd.DataFrame())
    view, ignored = view_from_params({"doc": "test-treaty", "part": "art-1", "doc_cmp": "test-comparison"}, without)
    assert view == ViewState()
    assert ignored == [IgnoredParam("doc", "test-treaty"), IgnoredParam("part", "art-1"),
                       IgnoredParam("doc_cmp", "test-comparison")]


def test_view_round_trips_through_params(mini):
    """Writing a view to parameters and reading them back gives the same view."""
    view = ViewState(lang="en", event="1951-peace-treaty",
                     filters=FilterState(eras=("occupation",), categories=("treaty", "law"), importance=(1,),
                                         years=(1946, 1952), query="和约"))
    params = params_from_view(view)
    assert params == {"lang": "en", "era": "occupation", "cat": "treaty,law", "imp": "1", "years": "1946-1952",
                      "q": "和约", "event": "1951-peace-treaty"}
    assert view_from_params(params, mini) == (view, [])


def test_default_view_is_an_empty_link():
    """The default view writes no parameters, so the plain address is the default."""
    assert params_from_view(ViewState()) == {}


def _some_of(values) -> st.SearchStrategy[tuple]:
    """A few distinct values, in any order (the order a reader chose them in is kept)."""
    return st.lists(st.sampled_from(list(values)), unique=True, max_size=4).map(tuple)


def _one_of(values) -> st.SearchStrategy[str | None]:
    return st.none() | st.sampled_from(list(values))


# Free text as a reader types it; the address keeps it without surrounding spaces.
_typed_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20).map(str.strip)


def _year_ranges(bounds: tuple[int, int]) -> st.SearchStrategy[tuple[int, int] | None]:
    """No range, or a range inside the data's years that is narrower than all of them."""
    pairs = st.tuples(st.integers(*bounds), st.integers(*bounds)).map(lambda pair: tuple(sorted(pair)))
    return st.none() | pairs.filter(lambda pair: pair != bounds)


def view_states(dataset) -> st.SearchStrategy[ViewState]:
    """Any view a reader can reach on ``dataset``: every field of the view and of its filters drawn."""
    filter_fields = {
        "eras": _some_of(dataset.eras["id"]),
        "categories": _some_of(CATEGORIES),
        "importance": _some_of(IMPORTANCE),
        "years": _year_ranges(year_bounds(dataset)),
        "query": _typed_text,
    }
    view_fields = {
        "lang": st.sampled_from(LANGUAGES),
        "filters": st.builds(FilterState, **filter_fields),
        "event": _one_of(dataset.events["id"]),
        "era": _one_of(dataset.eras["id"]),
        "compare": _some_of(dataset.adjustments["id"]),
        "theme": _one_of(dataset.themes["id"]),
        "source_kinds": _some_of(SOURCE_KINDS),
        "source_query": _typed_text,
        "document": _one_of(dataset.documents["id"]),
        "part": st.none(),  # drawn below, among the parts of the document drawn
        "document_kinds": _some_of(DOCUMENT_KINDS),
        "document_eras": _some_of(dataset.eras["id"]),
        "comparison": _one_of(dataset.comparisons["id"]),
        "tour": st.just(None),  # drawn with its stop below: a stop means something only within a tour
        "stop": st.just(1),
        "quiz": _one_of(QUIZ_KINDS),
        "quiz_seed": st.none() | st.integers(0, MAX_SEED),
    }
    # A field added to either dataclass must be added here too, or this fails rather than skip it.
    assert set(filter_fields) == {field.name for field in dataclasses.fields(FilterState)}
    assert set(view_fields) == {field.name for field in dataclasses.fields(ViewState)}
    views = st.builds(ViewState, **view_fields).flatmap(lambda view: _with_a_part(view, dataset))
    return views | st.builds(lambda view, tour_stop: dataclasses.replace(view, tour=tour_stop[0], stop=tour_stop[1]),
                             views, _tour_stops(dataset))


def _with_a_part(view: ViewState, dataset) -> st.SearchStrategy[ViewState]:
    """The view, or the view at one of its open document's parts."""
    if view.document is None:
        return st.just(view)
    parts = dataset.document_parts.loc[dataset.document_parts["document"] == view.document, "part"]
    return _one_of(parts).map(lambda part: dataclasses.replace(view, part=part))


def _tour_stops(dataset) -> st.SearchStrategy[tuple[str, int]]:
    """A tour of ``dataset`` and one of its stop numbers."""
    counts = dataset.tour_stops.groupby("tour").size().to_dict()
    return st.sampled_from(sorted(counts)).flatmap(
        lambda tour: st.tuples(st.just(tour), st.integers(1, counts[tour])))


# Loaded here, not as a fixture, so the strategy can be built when the test is defined.
MINI = load_dataset(Path(__file__).resolve().parent / "data" / "mini")


@settings(max_examples=200, deadline=None)
@given(view_states(MINI))
def test_every_view_round_trips_through_the_address(view):
    """Any view, written to the address and read back, is the same view with nothing ignored."""
    assert view_from_params(params_from_view(view), MINI) == (view, [])


# One non-default value per field of the view (the filters' own fields named "filters.<field>").
ONE_FIELD_CHANGED = {
    "lang": "en", "event": "1945-surrender", "era": "occupation", "compare": ("founding",), "theme": "founding",
    "source_kinds": ("news",), "source_query": "mofa", "filters.eras": ("occupation",),
    "filters.categories": ("law",), "filters.importance": (3,), "filters.years": (1950, 1951),
    "filters.query": "安保", "document": "test-treaty", "part": "art-3", "document_kinds": ("law",),
    "document_eras": ("occupation",), "comparison": "test-comparison", "tour": "peace", "stop": 2, "quiz": "date",
    "quiz_seed": 1234,
}
# Fields that mean something only beside another: the view that shows each one.
COMPANIONS = {"part": {"document": "test-treaty"}, "stop": {"tour": "peace"}}


def test_one_field_changed_names_every_field():
    """The table below covers every field of the view and of its filters."""
    names = {field.name for field in dataclasses.fields(ViewState)} - {"filters"}
    names |= {f"filters.{field.name}" for field in dataclasses.fields(FilterState)}
    assert set(ONE_FIELD_CHANGED) == names


@pytest.mark.parametrize(("field", "value"), ONE_FIELD_CHANGED.items())
def test_every_field_reaches_the_address(mini, field, value):
    """A view differing from the default in any one field has its own address, which reopens it."""
    if field.startswith("filters."):
        view = ViewState(filters=FilterState(**{field.removeprefix("filters."): value}))
    else:
        view = ViewState(**{field: value}, **COMPANIONS.get(field, {}))
    assert params_from_view(view) != {}
    assert view_from_params(params_from_view(view), mini) == (view, [])
