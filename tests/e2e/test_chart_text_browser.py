"""Chart text in a real Chromium: tooltips show quotes as typed, the toolbar speaks the page's language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.live import click_point, wait_for_app

CHART = '[data-testid="stPlotlyChart"]'


def _open(page, query: str = "") -> None:
    page.goto(f"{page.base}/{query}")
    wait_for_app(page)


def _toolbar_titles(page) -> list[str]:
    page.locator(CHART).first.hover()  # the toolbar is drawn for the chart under the pointer
    page.locator(f"{CHART} .modebar-btn").first.wait_for(state="attached")
    return page.eval_on_selector_all(f"{CHART} .modebar-btn", "buttons => buttons.map(b => b.dataset.title)")


def test_tooltip_shows_quotes_not_entities(page):
    """Hovering the Gulf War's marker shows Japan's "chequebook diplomacy" with real quotes, no &quot;."""
    _open(page, "?lang=en")
    click_point(page, "1991-gulf-war")
    tooltip = page.locator(f"{CHART} .hoverlayer .hovertext")
    expect(tooltip).to_contain_text('The Gulf War and Japan\'s "chequebook diplomacy"', timeout=20_000)
    expect(tooltip).not_to_contain_text("&quot;")
    expect(tooltip).not_to_contain_text("&#x27;")


@pytest.mark.parametrize(("query", "present", "absent"), [
    ("", ["缩放", "平移", "重置坐标轴", "下载 PNG 图片"], ["Zoom", "Reset axes", "Download plot as a PNG"]),
    ("?lang=en", ["Zoom", "Pan", "Reset axes", "Download plot as a PNG"], ["缩放", "重置坐标轴"]),
])
def test_toolbar_speaks_the_page_language(page, query, present, absent):
    """The chart toolbar's button titles are Chinese on the Chinese page and English on the English one."""
    _open(page, query)
    titles = _toolbar_titles(page)
    assert set(present) <= set(titles), titles
    assert not set(absent) & set(titles), titles


def test_chinese_chart_names_months_in_chinese(page):
    """Asked for month names, the Chinese chart's time axis writes 一月 … 十二月, not January … December."""
    _open(page)
    page.evaluate("""() => {
        const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
        return window.Plotly.relayout(plot, {'xaxis.tickformatstops': [], 'xaxis.tickformat': '%B %Y',
                                             'xaxis.range': ['1951-01-01', '1951-12-31']});
    }""")
    ticks = page.locator(f"{CHART} .xtick text")
    expect(ticks.first).to_have_text(re.compile(r"^[一二三四五六七八九十]+月 1951$"))
