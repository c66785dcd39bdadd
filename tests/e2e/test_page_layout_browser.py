"""The pages in a real Chromium on a phone and a laptop: Compare and Themes read well, tab titles, Enter, Close."""

from __future__ import annotations

import contextlib
import csv
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.e2e.live import ROOT, wait_for_app, wait_for_script

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
LAPTOP = {"viewport": {"width": 1366, "height": 768}}
ADJUSTMENTS = list(csv.DictReader((ROOT / "data" / "adjustments.csv").open(encoding="utf-8")))
EVENTS = list(csv.DictReader((ROOT / "data" / "events.csv").open(encoding="utf-8")))
ASPECT_COUNT = 5  # background, key documents, content, significance, divergences
CELL_LABELS = '[class*="st-key-compare_label_"]'


@pytest.fixture(params=[PHONE, LAPTOP], ids=["phone", "laptop"])
def screen(request, browser, server):
    """A tab at 390×844 with touch, or at 1366×768; ``screen.base`` is the server, ``screen.is_phone`` the kind."""
    context = browser.new_context(**request.param)
    tab = context.new_page()
    tab.base, tab.is_phone = server, request.param is PHONE
    yield tab
    context.close()


def _compare_cells(page) -> list[dict]:
    """Each comparison cell's label text and size, and where the label and its cell sit on the screen."""
    return page.evaluate("""(selector) => [...document.querySelectorAll(selector)].map(label => {
        const cell = label.closest('[data-testid="stColumn"]').getBoundingClientRect();
        const box = label.getBoundingClientRect();
        return {text: label.innerText.trim(), width: box.width, height: box.height, top: box.top,
                cellTop: cell.top, cellLeft: cell.left, cellWidth: cell.width};
    })""", CELL_LABELS)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_compare_cell_says_which_adjustment_it_belongs_to(screen, lang):
    """On a phone each stacked cell opens with its adjustment's title; on a laptop the grid stays side by side."""
    screen.goto(f"{screen.base}/compare?lang={lang}")
    wait_for_script(screen)
    titles = [adjustment[f"title_{lang}"] for adjustment in ADJUSTMENTS]
    expect(screen.locator(CELL_LABELS)).to_have_count(len(titles) * ASPECT_COUNT)
    if not screen.is_phone:  # the page's style sheet arrives just after its elements
        screen.wait_for_function(f"() => document.querySelector('{CELL_LABELS}').getBoundingClientRect().width <= 1")
    cells = _compare_cells(screen)
    assert [cell["text"] for cell in cells] == titles * ASPECT_COUNT
    if screen.is_phone:
        for cell in cells:
            assert cell["cellWidth"] > 300  # stacked: one cell per line
            assert cell["height"] >= 16 and cell["width"] > 100, f"label {cell['text']} is not readable"
            assert abs(cell["top"] - cell["cellTop"]) < 4  # the label opens its cell
    else:
        first_row = cells[:len(titles)]
        assert len({round(cell["cellTop"]) for cell in first_row}) == 1  # one row ...
        assert len({round(cell["cellLeft"]) for cell in first_row}) == len(titles)  # ... of side-by-side cells
        assert all(cell["width"] <= 1 and cell["height"] <= 1 for cell in cells)  # the header row names them


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_themes_chart_leaves_no_blank_band(screen, lang):
    """The sunburst fills its box: little space above or below the circle; its text outline and the node list follow."""
    screen.goto(f"{screen.base}/themes?lang={lang}")
    wait_for_script(screen)
    screen.wait_for_selector('[data-testid="stPlotlyChart"] .sunburstlayer path')
    gaps = """() => {
        const rect = selector => document.querySelector(selector).getBoundingClientRect();
        const chart = rect('[data-testid="stPlotlyChart"]');
        const circle = rect('[data-testid="stPlotlyChart"] .sunburstlayer');
        const outline = rect('[data-testid="stMain"] [data-testid="stExpander"]');
        return {above: circle.top - chart.top, below: chart.bottom - circle.bottom,
                outlineAfterChart: outline.top - chart.bottom,
                listAfterOutline: rect('.st-key-w_theme').top - outline.bottom};
    }"""
    with contextlib.suppress(PlaywrightTimeoutError):  # the page's style sheet arrives just after the chart
        screen.wait_for_function(f"() => {{ const gap = ({gaps})(); return gap.above < 30 && gap.below < 30; }}",
                                 timeout=10_000)
    boxes = screen.evaluate(gaps)
    assert boxes["above"] < 30 and boxes["below"] < 30, boxes
    if screen.is_phone:
        # Stacked: the outline follows the chart at once, and the list the outline.
        assert 0 <= boxes["outlineAfterChart"] < 40 and 0 <= boxes["listAfterOutline"] < 40, boxes


@pytest.mark.parametrize(("lang", "app_name", "page_titles"), [
    ("zh", "日美同盟互动年表", ["时间线", "调整对比", "分析导图", "资料来源"]),
    ("en", "US–Japan Alliance Timeline", ["Timeline", "Compare", "Themes", "Sources"]),
], ids=["zh", "en"])
def test_each_page_has_its_own_tab_title(page, lang, app_name, page_titles):
    """The browser tab names the page and the dashboard in the page's language, page after page."""
    page.goto(f"{page.base}/?lang={lang}")
    wait_for_app(page)
    expect(page).to_have_title(f"{page_titles[0]} · {app_name}")
    for title in [*page_titles[1:], page_titles[0]]:
        page.locator('[data-testid="stSidebarNav"] a', has_text=title).click()
        expect(page).to_have_title(f"{title} · {app_name}", timeout=20_000)


def test_tab_title_follows_the_language_switch(page):
    """Switching the language on the Sources page retitles the tab."""
    page.goto(f"{page.base}/sources")
    wait_for_script(page)
    expect(page).to_have_title("资料来源 · 日美同盟互动年表")
    page.locator(".st-key-w_lang button", has_text="English").click()
    expect(page).to_have_title("Sources · US–Japan Alliance Timeline", timeout=20_000)


def test_enter_in_the_era_box_chooses_the_highlighted_era(page):
    """Typing 冷战 and pressing Enter filters to the first matching era, not to every match."""
    page.goto(f"{page.base}/")
    wait_for_app(page)
    box = page.locator(".st-key-w_eras input")
    box.click()
    box.press_sequentially("冷战")
    expect(page.locator('[role="option"]').first).to_contain_text("冷战中的同盟")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]era=cold-war-alliance(&|$)"), timeout=20_000)
    shown = sum(event["era"] == "cold-war-alliance" for event in EVENTS)
    expect(page.get_by_text(f"显示 {shown} / {len(EVENTS)} 个事件")).to_be_visible(timeout=20_000)


@pytest.mark.parametrize(("query", "name"), [
    ("?event=1951-security-treaty-signed", "关闭"),
    ("?lang=en&show_era=occupation", "Close"),
], ids=["event-zh", "era-en"])
def test_close_button_has_a_spoken_name_and_closes(page, query, name):
    """Assistive technology finds the panel's close button by a word in the page's language."""
    page.goto(f"{page.base}/{query}")
    wait_for_app(page)
    page.locator(".st-key-detail").get_by_role("button", name=name, exact=True).click()
    expect(page.locator(".st-key-panel_title")).to_have_count(0, timeout=20_000)
    expect(page).not_to_have_url(re.compile(r"event=|show_era="))
