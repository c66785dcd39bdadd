"""The analysis pages in a real Chromium: from a theme's event to the timeline's event panel."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.live import wait_for_app, wait_for_script


def test_theme_event_jumps_to_the_timeline_panel(page):
    """Clicking an event under a theme opens the timeline page with that event's panel and link."""
    page.goto(f"{page.base}/themes?theme=founding-cold-war-turn")
    wait_for_script(page)
    page.locator(".st-key-w_theme_event_1951-security-treaty-signed button").click()
    wait_for_app(page)
    expect(page.locator("h1")).to_contain_text("日美同盟互动年表", timeout=20_000)
    expect(page.locator(".st-key-detail h2")).to_contain_text("日美安全保障条约")
    expect(page).to_have_url(re.compile(r"^[^?]*/(timeline)?\?.*event=1951-security-treaty-signed"))


def test_compare_page_shows_the_chosen_adjustments(page):
    """A compare link opens the chosen columns in English, with the divergences row."""
    page.goto(f"{page.base}/compare?lang=en&cmp=first-adjustment,third-adjustment")
    wait_for_script(page)
    headings = page.locator('[data-testid="stMain"] h2')
    expect(headings).to_have_count(2)
    expect(page.get_by_text("US–Japan divergences")).to_be_visible()


def test_clicking_a_sunburst_segment_opens_its_theme(page):
    """A click on the mind map's "founding" segment shows that theme's analysis beside it."""
    page.goto(f"{page.base}/themes")
    wait_for_script(page)
    # The segment's label sits inside it, so its centre is a point on the segment whatever its shape.
    label = page.locator('[data-testid="stPlotlyChart"] g.slice text', has_text="同盟建立").first
    box = label.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator(".st-key-theme_detail h2")).to_contain_text("同盟建立", timeout=20_000)
    expect(page).to_have_url(re.compile(r"theme=founding"))
