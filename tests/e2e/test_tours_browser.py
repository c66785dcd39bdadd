"""Guided tours and typed links in a real Chromium: a tour's address opens its first stop in view and
Next reaches the second; the tour's path and an open event's links are drawn on the chart."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.live import click_point, expect_title_in_view, wait_for_app, wait_for_script

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
LAPTOP = {"viewport": {"width": 1366, "height": 768}}
TITLE = ".st-key-panel_title"
TOUR_BAR = ".st-key-tour_bar"
PLOT = '[data-testid="stPlotlyChart"] .js-plotly-plot'
FIRST_STOP = "San Francisco Peace Treaty enters into force; the occupation ends"
SECOND_STOP = "Sato–Nixon communiqué agrees Okinawa's reversion in 1972"
INCIDENT = "1995-okinawa-incident"
INCIDENT_TO_SACO = f"link:causes:{INCIDENT}:1996-saco-final-report"


@pytest.fixture(params=["phone", "laptop"])
def reader(request, browser, server):
    """A fresh tab on a phone (touch) or a 1366×768 laptop; ``reader.base`` is the server."""
    context = browser.new_context(**(PHONE if request.param == "phone" else LAPTOP))
    tab = context.new_page()
    tab.base = server
    yield tab
    context.close()


def _link_names(page) -> list[str]:
    """The links drawn on the chart, by name (``link:<type>:<source>:<target>``)."""
    return page.evaluate(f"""() => {{
        const links = document.querySelector('{PLOT}').data.find((trace) => trace.meta === 'links');
        return links ? Array.from(new Set(links.text.filter(Boolean))) : [];
    }}""")


def test_a_tour_address_opens_stop_one_in_view_and_next_reaches_stop_two(reader):
    """``?tour=okinawa`` opens stop 1 of 9 with its panel title in view; Next (a real click) opens stop 2,
    in view too, and the address says so."""
    reader.goto(f"{reader.base}/?tour=okinawa&lang=en")
    wait_for_script(reader)
    expect_title_in_view(reader, FIRST_STOP)
    bar = reader.locator(TOUR_BAR)
    expect(bar).to_contain_text("Stop 1 / 9")
    expect(bar).to_contain_text("Okinawa and the bases")
    next_button = bar.get_by_role("button", name="Next stop →")
    next_button.scroll_into_view_if_needed()
    expect(bar.get_by_role("button", name="← Previous stop")).to_be_disabled()
    next_button.click()
    expect_title_in_view(reader, SECOND_STOP)
    expect(reader.locator(TOUR_BAR)).to_contain_text("Stop 2 / 9")
    expect(reader).to_have_url(re.compile(r"[?&]tour=okinawa&stop=2(&|$)"))


def test_starting_a_tour_from_the_list_folds_the_list_away(reader):
    """Guided tours → Start: the list closes and the first stop's panel, with the tour bar, is what the reader sees."""
    reader.goto(f"{reader.base}/?lang=en")
    wait_for_script(reader)
    reader.locator(".st-key-w_tours button").first.click()
    start = reader.locator(".st-key-w_tour_start_okinawa button")
    start.scroll_into_view_if_needed()
    start.click()
    expect_title_in_view(reader, FIRST_STOP)
    expect(start).to_be_hidden()
    expect(reader.locator(TOUR_BAR)).to_contain_text("Stop 1 / 9")


def test_the_tour_path_is_drawn_through_its_stops(page):
    """On a wide screen the chart carries the tour's path: one line through the nine stops."""
    page.goto(f"{page.base}/?tour=okinawa&lang=en")
    wait_for_app(page)
    points = page.wait_for_function(
        f"""() => {{
            const plot = document.querySelector('{PLOT}');
            const path = plot && (plot.data || []).find((trace) => trace.meta === 'tour-path');
            return path ? path.x.length : null;
        }}""",
        timeout=30_000,
    ).json_value()
    assert points == 9


def test_opening_an_event_draws_its_links_on_the_chart(page):
    """Clicking a marker adds arrows to its linked events without redrawing the chart (the zoom stays), and
    closing the panel takes them away again."""
    page.goto(f"{page.base}/?lang=en")
    wait_for_app(page)
    assert _link_names(page) == []
    click_point(page, INCIDENT)
    expect(page.locator(TITLE)).to_contain_text("Rape of an Okinawan schoolgirl", timeout=30_000)
    zoomed = page.evaluate(f"() => document.querySelector('{PLOT}')._fullLayout.xaxis.range.slice()")
    page.wait_for_function(
        f"""(wanted) => {{
            const links = document.querySelector('{PLOT}').data.find((trace) => trace.meta === 'links');
            return Boolean(links) && links.text.includes(wanted);
        }}""",
        arg=INCIDENT_TO_SACO, timeout=30_000,
    )
    arrow = page.evaluate(f"""(wanted) => {{
        const links = document.querySelector('{PLOT}').data.find((trace) => trace.meta === 'links');
        const head = links.text.indexOf(wanted) + 1;
        return {{hover: links.hovertext[head], symbol: links.marker.symbol, x: links.x[head]}};
    }}""", INCIDENT_TO_SACO)
    assert arrow["symbol"] == "arrow" and arrow["hover"].startswith("Led to: SACO Final Report")
    assert arrow["x"].startswith("1996-12-02")
    assert page.evaluate(f"() => document.querySelector('{PLOT}')._fullLayout.xaxis.range.slice()") == zoomed
    page.locator(".st-key-w_close_event button").click()
    page.wait_for_function(
        f"() => !document.querySelector('{PLOT}').data.some((trace) => trace.meta === 'links')", timeout=30_000)
