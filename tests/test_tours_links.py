"""Guided tours and typed links: the pure modules, the address that opens a tour, and the bundled data."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import MINI_DIR
from timeline.dataset import load_dataset
from timeline.figures import TOUR_PATH_NAME, add_tour_path, build_timeline_figure, event_points, link_trace
from timeline.links import event_links, link_groups, link_phrase, linked_share
from timeline.tours import tour_ids, tour_path, tour_stop
from timeline.urlstate import params_from_view, view_from_params
from timeline.vocab import LINK_TYPES

MAX_STOPS = 12


def test_a_stop_knows_its_place_and_its_neighbours(bundled):
    """Stop 3 of the Okinawa tour is 3 of 9, with stops 2 and 4 either side; the ends have one neighbour."""
    stop = tour_stop(bundled, "okinawa", 3)
    assert (stop.stop, stop.count, stop.previous, stop.next) == (3, 9, 2, 4)
    assert stop.event == "1971-okinawa-agreement-signed"
    assert stop.text("en").startswith("On 17 June 1971")
    assert tour_stop(bundled, "okinawa", 1).previous is None
    assert tour_stop(bundled, "okinawa", 9).next is None


@pytest.mark.parametrize(("tour", "stop"), [("okinawa", 0), ("okinawa", 10), ("no-such-tour", 1)])
def test_a_stop_outside_the_tour_is_none(bundled, tour, stop):
    """A stop number past either end, or an unknown tour, has no stop."""
    assert tour_stop(bundled, tour, stop) is None


def test_tour_path_follows_the_stops_in_order(bundled):
    """The path is the stops' events in their order."""
    path = tour_path(bundled, "okinawa")
    assert path[0] == "1952-peace-treaty-in-force" and path[-1] == "2009-hatoyama-futenma" and len(path) == 9


@pytest.mark.parametrize(("event", "lang", "phrase", "linked"), [
    ("1995-okinawa-incident", "en", "Led to", "1996-saco-final-report"),
    ("1996-saco-final-report", "en", "Grew out of", "1995-okinawa-incident"),
    ("1995-okinawa-incident", "zh", "导致", "1996-saco-final-report"),
    ("1960-anpo-protests", "en", "A response to", "1960-treaty-signed"),
    ("1960-treaty-signed", "en", "Drew a response in", "1960-anpo-protests"),
    ("1999-surrounding-areas-law", "en", "Implements", "1997-guidelines"),
    ("1978-guidelines", "en", "Revised or replaced by", "1997-guidelines"),
    ("1951-security-treaty-signed", "en", "Entered into force with", "1952-security-treaty-in-force"),
])
def test_links_read_the_right_way_from_each_end(bundled, event, lang, phrase, linked):
    """A link reads "Led to" from its cause and "Grew out of" from its effect, in either language."""
    groups = {group.phrase: [item.event for item in group.events] for group in link_groups(bundled, event, lang)}
    assert linked in groups[phrase]


def test_a_symmetric_link_reads_the_same_both_ways(bundled):
    """Two treaties signed in the same talks list each other under the same phrase."""
    phrase = link_phrase("same-negotiation", "out", "en")
    assert phrase == link_phrase("same-negotiation", "in", "en")
    from_peace = {group.phrase: group for group in link_groups(bundled, "1951-peace-treaty-signed", "en")}
    from_security = {group.phrase: group for group in link_groups(bundled, "1951-security-treaty-signed", "en")}
    assert "1951-security-treaty-signed" in [item.event for item in from_peace[phrase].events]
    assert "1951-peace-treaty-signed" in [item.event for item in from_security[phrase].events]


def test_linked_events_come_in_time_order_with_their_notes(bundled):
    """Within a group the earlier event comes first, each with the link's note in the reader's language."""
    causes = {group.phrase: group for group in link_groups(bundled, "1997-guidelines", "en")}["Grew out of"]
    assert [item.event for item in causes.events] == ["1993-north-korea-npt", "1996-taiwan-strait-crisis"]
    assert causes.events[0].note.startswith("Japan's inability")


def test_event_links_are_what_the_chart_draws(bundled):
    """Every link touching the event, either end, once."""
    links = event_links(bundled, "2015-guidelines")
    assert {(link.source, link.target, link.type) for link in links} >= {
        ("2015-guidelines", "1997-guidelines", "revises"),
        ("2015-security-legislation", "2015-guidelines", "implements"),
    }


def test_tour_path_is_a_line_through_the_stops_in_order(bundled):
    """The path trace passes through each stop's marker in the tour's order."""
    figure = build_timeline_figure(bundled.events, bundled.eras, "en")
    points = event_points(figure)
    add_tour_path(figure, tour_path(bundled, "okinawa"), name="Tour")
    path = [trace for trace in figure.data if trace.meta == TOUR_PATH_NAME]
    assert len(path) == 1
    expected = [points[event] for event in tour_path(bundled, "okinawa")]
    assert list(zip(path[0].x, path[0].y)) == expected


def test_tour_path_skips_stops_that_are_filtered_out(bundled):
    """With only some stops on the chart, the line joins those that are."""
    shown = bundled.events[bundled.events["id"].isin(["1972-okinawa-reversion", "1995-okinawa-incident"])]
    figure = build_timeline_figure(shown, bundled.eras, "en")
    add_tour_path(figure, tour_path(bundled, "okinawa"), name="Tour")
    assert len(next(trace for trace in figure.data if trace.meta == TOUR_PATH_NAME).x) == 2


def test_link_arrows_run_from_the_earlier_event_to_the_later():
    """An arrow's tail is the earlier event whichever end the link starts from; links off the chart are left out."""
    points = {"a": ("1960-01-19T00:00:00", 1.0), "b": ("1951-09-08T00:00:00", 2.0), "c": ("1970-06-23T00:00:00", 3.0)}
    trace = link_trace(points, [("a", "b", "revises", "Revises: b"), ("a", "gone", "causes", "x"),
                                ("a", "c", "causes", "Led to: c")])
    assert trace["x"] == ["1951-09-08T00:00:00", "1960-01-19T00:00:00", None,
                          "1960-01-19T00:00:00", "1970-06-23T00:00:00", None]
    assert trace["y"] == [2.0, 1.0, None, 1.0, 3.0, None]
    assert trace["text"][:2] == ["link:revises:a:b"] * 2 and trace["hovertext"][3] == "Led to: c"
    assert trace["marker"]["symbol"] == "arrow" and trace["marker"]["size"][:3] == [0, 13, 13]
    assert link_trace(points, [("a", "gone", "causes", "x")]) is None


@pytest.mark.parametrize(("params", "event", "tour", "stop", "ignored"), [
    ({"tour": "okinawa"}, "1952-peace-treaty-in-force", "okinawa", 1, []),
    ({"tour": "okinawa", "stop": "3"}, "1971-okinawa-agreement-signed", "okinawa", 3, []),
    ({"tour": "okinawa", "stop": "3", "event": "1995-okinawa-incident"}, "1995-okinawa-incident", "okinawa", 3, []),
    ({"tour": "okinawa", "stop": "99"}, "1952-peace-treaty-in-force", "okinawa", 1, [("stop", "99")]),
    ({"tour": "okinawa", "stop": "two"}, "1952-peace-treaty-in-force", "okinawa", 1, [("stop", "two")]),
    ({"tour": "atlantis"}, None, None, 1, [("tour", "atlantis")]),
    ({"stop": "2"}, None, None, 1, [("stop", "2")]),
])
def test_the_address_opens_a_tour_at_its_stop(bundled, params, event, tour, stop, ignored):
    """``?tour=okinawa&stop=3`` opens stop 3 and its event; an unknown tour or stop is reported, not fatal."""
    view, problems = view_from_params(params, bundled)
    assert (view.event, view.tour, view.stop) == (event, tour, stop)
    assert [(problem.name, problem.value) for problem in problems] == ignored


def test_a_tour_address_round_trips(bundled):
    """The address written for a tour view reads back as the same view; stop 1 is left out."""
    view, _ = view_from_params({"tour": "okinawa", "stop": "3"}, bundled)
    params = params_from_view(view)
    assert params["tour"] == "okinawa" and params["stop"] == "3"
    assert view_from_params(params, bundled)[0] == view
    first, _ = view_from_params({"tour": "okinawa"}, bundled)
    assert "stop" not in params_from_view(first)


def test_bundled_tours_are_enough_and_short_enough(bundled):
    """At least six tours, none longer than twelve stops, each stop narrated in both languages."""
    assert len(tour_ids(bundled)) >= 6
    sizes = bundled.tour_stops.groupby("tour").size()
    assert set(sizes.index) == set(tour_ids(bundled))
    assert sizes.max() <= MAX_STOPS and sizes.min() >= 2
    assert (bundled.tour_stops["text_zh"].str.len() > 0).all() and (bundled.tour_stops["text_en"].str.len() > 0).all()


def test_most_landmarks_have_a_typed_link(bundled):
    """At least 80% of the landmarks (importance 1) take part in a typed link."""
    assert linked_share(bundled) >= 0.8


def test_bundled_links_use_every_type(bundled):
    """The vocabulary is in use: each link type joins at least one pair of events."""
    assert set(bundled.links["type"]) == set(LINK_TYPES)


def test_a_folder_without_tours_or_links_has_none(tmp_path):
    """The tour and link files are optional: without them there are no tours and no links, and no error."""
    for name in ("events.csv", "eras.csv", "sources.csv"):
        shutil.copy(MINI_DIR / name, tmp_path / name)
    dataset = load_dataset(tmp_path)
    assert tour_ids(dataset) == [] and tour_stop(dataset, "peace", 1) is None
    assert link_groups(dataset, "1951-peace-treaty", "en") == [] and event_links(dataset, "1951-peace-treaty") == []
    assert linked_share(dataset) == 0.0
