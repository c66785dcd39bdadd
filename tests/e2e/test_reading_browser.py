"""Reading where the eye is: however a panel opens, its title is in view, on a desktop and on a phone.

Each test opens the page in a real Chromium at a reader's viewport (a phone with touch, a teacher's
1366×768 laptop, a 1400×900 desktop), opens an event or era one way, and checks the panel title's
bounding box lies inside the viewport without the test scrolling.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.live import click_point, expect_title_in_view, wait_for_app, wait_for_script

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
LAPTOP = {"viewport": {"width": 1366, "height": 768}}
DESKTOP = {"viewport": {"width": 1400, "height": 900}}
VIEWPORTS = {"phone": PHONE, "laptop": LAPTOP, "desktop": DESKTOP}
TITLE = ".st-key-panel_title"
TREATY = "1951-security-treaty-signed"
TREATY_TITLE = "旧《日美安全保障条约》签署"
SATO_NIXON_TITLE = "佐藤—尼克松联合声明：商定归还冲绳"


@pytest.fixture(params=list(VIEWPORTS))
def reader(request, browser, server):
    """A fresh tab at one of the three viewports; ``reader.base`` is the server, ``reader.kind`` the viewport."""
    context = browser.new_context(**VIEWPORTS[request.param])
    tab = context.new_page()
    tab.base = server
    tab.kind = request.param
    yield tab
    context.close()


def _open(page, query: str = "") -> None:
    page.goto(f"{page.base}/{query}")
    wait_for_script(page)


def test_a_shared_link_opens_with_the_panel_in_view(reader):
    """Opening ?event=… (a shared link, or a reload) shows that event's title without scrolling."""
    _open(reader, f"?event={TREATY}")
    expect_title_in_view(reader, TREATY_TITLE)
    reader.reload()
    wait_for_script(reader)
    expect_title_in_view(reader, TREATY_TITLE)


def test_picking_an_event_from_the_list_box_brings_it_into_view(reader):
    """The keyboard path: typing in the event box and pressing Enter opens the event where the reader looks."""
    _open(reader, "?lang=en")
    box = reader.locator(".st-key-w_pick_event input")
    box.scroll_into_view_if_needed()
    box.click()
    box.press_sequentially("Okinawa Reversion Agreement")
    box.press("Enter")
    expect_title_in_view(reader, "Okinawa Reversion Agreement signed")


def test_previous_and_next_keep_the_new_title_in_view(reader):
    """After reading to the end of a panel, Next and Previous show the new event's title without scrolling."""
    _open(reader, f"?event={TREATY}")
    expect_title_in_view(reader, TREATY_TITLE)
    following = reader.locator(".st-key-w_next button")
    following.scroll_into_view_if_needed()
    next_title = following.inner_text().split("→", 1)[1].strip()
    following.click()
    expect_title_in_view(reader, next_title)
    previous = reader.locator(".st-key-w_previous button")
    previous.scroll_into_view_if_needed()
    previous.click()
    expect_title_in_view(reader, TREATY_TITLE)


def test_a_related_event_opens_in_view(reader):
    """A related-event link at the foot of a panel opens that event with its title in view."""
    _open(reader, f"?event={TREATY}")
    expect_title_in_view(reader, TREATY_TITLE)
    link = reader.locator("[class*='st-key-w_related_'] button").first
    link.scroll_into_view_if_needed()
    label = link.inner_text().split("·", 1)[1].strip()
    link.click()
    expect_title_in_view(reader, label)


def test_a_jump_from_the_themes_page_lands_on_the_panel(reader):
    """An event button on the Themes page opens the timeline with that event's title in view."""
    _open(reader, "themes?theme=founding-occupation")
    button = reader.locator(".st-key-w_theme_event_1951-peace-treaty-signed button")
    button.scroll_into_view_if_needed()
    button.click()
    expect(reader).to_have_url(re.compile(r"event=1951-peace-treaty-signed"), timeout=30_000)
    expect_title_in_view(reader, "旧金山")


def test_one_tap_on_a_card_opens_the_event_on_a_phone(browser, server):
    """On a phone the list view is shown; one tap on a card opens that event, title in view, marked as current."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.base = server
    try:
        _open(page, "?lang=en")
        expect(page.locator(".st-key-chart_view")).to_be_hidden()
        card = page.locator(f'.timeline-list .card[data-id="{TREATY}"]')
        card.scroll_into_view_if_needed()
        box = card.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24
        card.tap()
        expect_title_in_view(page, "Security Treaty")
        expect(page).to_have_url(re.compile(f"event={TREATY}"))
        expect(card).to_have_attribute("aria-current", "true")
    finally:
        context.close()


def test_a_wide_screen_shows_the_chart_and_the_panel_side_by_side(page):
    """On a desktop the chart is shown (the list is not) and a click opens the panel beside it, in view."""
    page.set_viewport_size({"width": 1400, "height": 900})
    _open(page)
    wait_for_app(page)
    expect(page.locator(".timeline-list")).to_be_hidden()
    click_point(page, TREATY)
    expect_title_in_view(page, TREATY_TITLE)
    chart = page.locator(".st-key-chart_view").bounding_box()
    panel = page.locator(".st-key-detail").bounding_box()
    assert panel["x"] >= chart["x"] + chart["width"] - 1, "the panel sits beside the chart"


def test_the_open_event_is_marked_on_the_chart_however_it_was_opened(page):
    """An event opened by link (not by a click) is the chart's selected point: the others are dimmed."""
    page.set_viewport_size({"width": 1400, "height": 900})
    _open(page, f"?event={TREATY}")
    wait_for_app(page)
    page.wait_for_function(
        """(wanted) => {
            const plot = document.querySelector('.st-key-chart_view .js-plotly-plot');
            return plot && plot.data.some((trace) => (trace.selectedpoints || []).length === 1
                && trace.customdata[trace.selectedpoints[0]] === wanted);
        }""",
        arg=TREATY, timeout=20_000,
    )


def test_back_and_forward_walk_through_the_events_opened(page):
    """Open A, then B; Back shows A (and stays on A), Forward shows B again."""
    _open(page, "?event=1951-peace-treaty-signed")
    expect(page.locator(TITLE)).to_contain_text("旧金山", timeout=30_000)
    following = page.locator(".st-key-w_next button")
    next_title = following.inner_text().split("→", 1)[1].strip()
    following.click()
    expect(page.locator(TITLE)).to_contain_text(next_title, timeout=30_000)
    expect(page).to_have_url(re.compile(r"event=1951-security-treaty-signed"))
    wait_for_script(page)
    second_url = page.url
    page.go_back()
    expect(page.locator(TITLE)).to_contain_text("旧金山", timeout=30_000)
    expect(page).to_have_url(re.compile(r"event=1951-peace-treaty-signed"))
    wait_for_script(page)
    expect(page).to_have_url(re.compile(r"event=1951-peace-treaty-signed"))  # the app does not rewrite it forward
    page.go_forward()
    expect(page.locator(TITLE)).to_contain_text(next_title, timeout=30_000)
    assert page.url == second_url


def test_the_layout_switch_shows_the_list_on_a_desktop(page):
    """Choosing "List" by hand shows the cards on a wide screen too; "Chart" brings the chart back."""
    _open(page, "?lang=en")
    page.locator(".st-key-w_layout button", has_text="List").click()
    expect(page.locator(".timeline-list .card").first).to_be_visible(timeout=20_000)
    expect(page.locator(".st-key-chart_view")).to_have_count(0)
    page.locator(".st-key-w_layout button", has_text="Chart").click()
    expect(page.locator(".st-key-chart_view .js-plotly-plot")).to_be_visible(timeout=20_000)
    expect(page.locator(".timeline-list")).to_have_count(0)


def _assert_no_labels_overlap(page) -> None:
    """No two era labels shown on the chart overlap (a crowded one gives way)."""
    page.wait_for_function("() => document.querySelector('.st-key-chart_view .js-plotly-plot')"
                           ".__timelinePrepared === true", timeout=20_000)
    labels = page.evaluate("""() => Array.from(document.querySelectorAll('.st-key-chart_view .annotation'))
        .filter((label) => getComputedStyle(label).visibility !== 'hidden')
        .map((label) => { const b = label.getBoundingClientRect(); return [b.left, b.right, b.top, b.bottom]; })""")
    assert labels, "the chart shows era labels"
    for index, (left, right, top, bottom) in enumerate(labels):
        for other_left, other_right, other_top, other_bottom in labels[index + 1:]:
            overlaps = left < other_right and other_left < right and top < other_bottom and other_top < bottom
            assert not overlaps, "two era labels overlap on the chart"


def _swipe_up(page, x: float, y: float, distance: float = 250) -> None:
    """A finger swipe (touch start, moves, end) through Chromium's real touch input, as a phone sends it."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 11):
        touch = {"x": x, "y": y - distance * step / 10}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [touch]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def _point_position(page, customdata: str) -> dict:
    return page.evaluate(
        """(wanted) => {
            const plot = document.querySelector('.st-key-chart_view .js-plotly-plot');
            const layout = plot._fullLayout, box = plot.getBoundingClientRect();
            for (const trace of plot._fullData) {
                const index = Array.from(trace.customdata || []).indexOf(wanted);
                if (index < 0) continue;
                return {x: box.left + layout.xaxis._offset + layout.xaxis.l2p(layout.xaxis.d2l(trace.x[index])),
                        y: box.top + layout.yaxis._offset + layout.yaxis.l2p(layout.yaxis.d2l(trace.y[index]))};
            }
            return null;
        }""",
        customdata,
    )


def test_the_chart_on_a_phone_scrolls_with_a_swipe_and_opens_with_one_tap(browser, server):
    """Chosen by hand on a phone, the chart lets a vertical swipe scroll the page, and one tap opens a marker."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(f"{server}/?era=cold-war-alliance")
        wait_for_script(page)
        page.locator(".st-key-w_layout button", has_text="时间轴图").tap()
        expect(page.locator(".st-key-chart_view .js-plotly-plot .main-svg").first).to_be_visible(timeout=30_000)
        page.wait_for_function("() => document.querySelector('.st-key-chart_view .js-plotly-plot')"
                               ".__timelinePrepared === true", timeout=20_000)
        _assert_no_labels_overlap(page)
        point = _point_position(page, "1969-sato-nixon-communique")
        page.touchscreen.tap(point["x"], point["y"])
        expect_title_in_view(page, SATO_NIXON_TITLE)
        page.evaluate("() => document.querySelector('.st-key-chart_view').scrollIntoView({block: 'start'})")
        scrolled = "() => document.querySelector('[data-testid=\"stMain\"]').scrollTop"
        before = page.evaluate(scrolled)
        point = _point_position(page, "1969-sato-nixon-communique")
        _swipe_up(page, point["x"] + 30, point["y"] + 40)
        page.wait_for_function(f"() => ({scrolled})() > {before} + 100", timeout=10_000)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_years_axis_is_in_view_at_first_paint_on_a_laptop(browser, server, lang):
    """At 1366×768 the chart's years axis is on screen without scrolling, in either language."""
    context = browser.new_context(**LAPTOP)
    page = context.new_page()
    try:
        page.goto(f"{server}/?lang={lang}")
        wait_for_app(page)
        page.wait_for_function(
            """() => {
                const ticks = document.querySelectorAll('.st-key-chart_view .xtick text');
                return ticks.length > 0 && Array.from(ticks).every((tick) => {
                    const box = tick.getBoundingClientRect();
                    return box.height > 0 && box.bottom <= window.innerHeight;
                });
            }""",
            timeout=20_000,
        )
        _assert_no_labels_overlap(page)
    finally:
        context.close()
