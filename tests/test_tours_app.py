"""Guided tours and typed links in the dashboard (AppTest on the bundled data): the address opens a stop,
Previous / Next walk the tour, an unknown tour is a calm notice, and the panel lists an event's links."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import open_address
from timeline.dataset import bundled_data_dir, load_dataset
from timeline.figures import TOUR_PATH_NAME
from timeline.markup import escape_markdown

DASHBOARD = Path(__file__).resolve().parents[1] / "dashboard.py"
DATA = load_dataset(bundled_data_dir())
TITLES = {lang: dict(zip(DATA.events["id"], DATA.events[f"title_{lang}"])) for lang in ("zh", "en")}


@pytest.fixture
def tour_app(monkeypatch) -> AppTest:
    """The dashboard on the bundled data (which has the tours), not yet run."""
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(bundled_data_dir()))
    return AppTest.from_file(str(DASHBOARD), default_timeout=60)


def _text(at: AppTest) -> str:
    return "\n".join(str(element.value) for element in at.markdown)


def _panel_title(at: AppTest) -> str:
    """The open panel's heading (the page's other headers are fixed section names)."""
    sections = {"筛选", "事件列表", "导出", "Filters", "Events", "Export"}
    return next(header.value for header in at.header if header.value not in sections)


def test_a_tour_address_opens_its_first_stop(tour_app):
    """``?tour=okinawa`` shows the tour bar at 1 / 9 with the stop's narrative, and opens the stop's event."""
    at = open_address(tour_app, tour="okinawa", lang="en")
    assert _panel_title(at) == escape_markdown(TITLES["en"]["1952-peace-treaty-in-force"])
    text = _text(at)
    assert "Stop 1 / 9" in text and "Okinawa and the bases" in text
    assert "Okinawa and the Bonins stayed under US administration" in text
    assert at.button(key="w_tour_previous").disabled and not at.button(key="w_tour_next").disabled


def test_a_tour_address_opens_the_stop_it_names(tour_app):
    """``?tour=okinawa&stop=3`` opens stop 3 of 9 and its event, in Chinese by default."""
    at = open_address(tour_app, tour="okinawa", stop="3")
    assert _panel_title(at) == escape_markdown(TITLES["zh"]["1971-okinawa-agreement-signed"])
    assert "第 3 / 9 站" in _text(at)


def test_next_and_previous_walk_the_tour_and_the_address_follows(tour_app):
    """Next opens stop 2 and writes it in the address; Previous goes back to stop 1."""
    at = open_address(tour_app, tour="okinawa", lang="en")
    at.button(key="w_tour_next").click().run()
    assert _panel_title(at) == escape_markdown(TITLES["en"]["1969-sato-nixon-communique"])
    assert "Stop 2 / 9" in _text(at)
    assert at.query_params["tour"] == "okinawa" and at.query_params["stop"] == "2"
    assert at.query_params["event"] == "1969-sato-nixon-communique"
    at.button(key="w_tour_previous").click().run()
    assert "Stop 1 / 9" in _text(at) and "stop" not in at.query_params


def test_the_last_stop_has_no_next(tour_app):
    """At 9 / 9 Next is disabled."""
    at = open_address(tour_app, tour="okinawa", stop="9", lang="en")
    assert "Stop 9 / 9" in _text(at) and at.button(key="w_tour_next").disabled


def test_leaving_the_tour_keeps_the_event_open(tour_app):
    """Leave the tour: the bar and the tour's address go, the event stays."""
    at = open_address(tour_app, tour="okinawa", stop="3", lang="en")
    at.button(key="w_tour_leave").click().run()
    assert "Stop 3 / 9" not in _text(at) and "tour" not in at.query_params
    assert _panel_title(at) == escape_markdown(TITLES["en"]["1971-okinawa-agreement-signed"])


def test_opening_another_event_offers_the_way_back_to_the_stop(tour_app):
    """Following a link away from the stop keeps the tour bar, with a button back to the stop's event."""
    at = open_address(tour_app, tour="okinawa", stop="5", lang="en")
    at.button(key="w_link_causes_out_1996-saco-final-report").click().run()
    assert _panel_title(at) == escape_markdown(TITLES["en"]["1996-saco-final-report"])
    assert "Stop 5 / 9" in _text(at)
    at.button(key="w_tour_back").click().run()
    assert _panel_title(at) == escape_markdown(TITLES["en"]["1995-okinawa-incident"])


def test_an_unknown_tour_is_a_calm_notice(tour_app):
    """``?tour=atlantis`` shows the usual notice of an unknown value, no error, and no tour bar."""
    at = open_address(tour_app, tour="atlantis", lang="en")
    assert "tour=atlantis" in at.warning[0].value
    assert "Stop " not in _text(at)


def test_the_tour_list_starts_a_tour(tour_app):
    """Each tour in the list has a start button that opens its first stop."""
    at = open_address(tour_app, lang="en")
    at.button(key="w_tour_start_treaty-system").click().run()
    assert "Stop 1 / 10" in _text(at)
    assert _panel_title(at) == escape_markdown(TITLES["en"]["1945-surrender-signed"])
    assert at.query_params["tour"] == "treaty-system"


def test_the_tour_path_is_drawn_on_the_chart(tour_app):
    """In a tour the chart carries the path through its stops; outside a tour it does not."""
    def path_traces(at: AppTest) -> list[dict]:
        spec = json.loads(at.get("plotly_chart")[0].proto.spec)
        return [trace for trace in spec["data"] if trace.get("meta") == TOUR_PATH_NAME]

    at = open_address(tour_app, tour="okinawa", lang="en")
    assert len(path_traces(at)) == 1 and len(path_traces(at)[0]["x"]) == 9
    at.button(key="w_tour_leave").click().run()
    assert path_traces(at) == []


def test_the_panel_lists_links_by_type(tour_app):
    """An event's panel lists its links under the phrase for each direction, each one click away."""
    at = open_address(tour_app, event="1997-guidelines", lang="en")
    text = _text(at)
    for phrase in ("Revises or replaces", "Implements", "Grew out of", "Implemented by", "Revised or replaced by"):
        assert f"**{phrase}**" in text
    at.button(key="w_link_revises_out_1978-guidelines").click().run()
    assert _panel_title(at) == escape_markdown(TITLES["en"]["1978-guidelines"])
