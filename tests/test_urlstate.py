"""URL state: a link carries language, filters and the open event, and unknown values are reported."""

from __future__ import annotations

import pytest

from timeline.filters import FilterState
from timeline.urlstate import IgnoredParam, ViewState, params_from_view, view_from_params


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
])
def test_unknown_values_are_ignored_and_reported(mini, params, ignored):
    """Values the data lacks are dropped from the view and listed for a visible notice."""
    view, reported = view_from_params(params, mini)
    assert reported == ignored
    assert view.lang in {"zh", "en"}
    assert view.event is None


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
