"""The timeline in a real Chromium: click, choose, download and switch language as a person would."""

from __future__ import annotations

import csv
import io
import re

from playwright.sync_api import expect

from tests.e2e.live import click_point, wait_for_app
from timeline.dataset import bundled_data_dir, load_dataset
from timeline.filters import FilterState, apply_filters

DETAIL = ".st-key-detail"


def _open(page, query: str = "") -> None:
    page.goto(f"{page.base}/{query}")
    wait_for_app(page)


def test_clicking_a_marker_opens_that_event(page):
    """A click on the 1951 Security Treaty's marker shows its title, analysis and sources in the panel."""
    _open(page)
    click_point(page, "1951-security-treaty-signed")
    panel = page.locator(DETAIL)
    expect(panel.locator("h2")).to_contain_text("日美安全保障条约", timeout=20_000)
    expect(panel).to_contain_text("背景")
    expect(panel).to_contain_text("资料来源")
    expect(page).to_have_url(re.compile(r"event=1951-security-treaty-signed"))


def test_clicking_an_era_marker_opens_the_era(page):
    """A click on the occupation's marker in the era lane opens the era panel with its phases."""
    _open(page, "?lang=en")
    click_point(page, "era:occupation")
    panel = page.locator(DETAIL)
    expect(panel.locator("h2")).to_contain_text(re.compile("occupation", re.IGNORECASE), timeout=20_000)
    expect(panel).to_contain_text("Phases")


def test_choosing_an_era_from_the_list_opens_it(page):
    """The era select box, driven from the keyboard, opens the chosen era."""
    _open(page, "?lang=en")
    box = page.locator(".st-key-w_pick_era input")
    box.click()
    box.press_sequentially("Biden")
    box.press("Enter")
    expect(page.locator(DETAIL).locator("h2")).to_contain_text("Biden", timeout=20_000)


def test_download_holds_exactly_the_filtered_rows_of_the_data(page):
    """The CSV of an era holds exactly that era's events in the data (BOM, language columns, intact Chinese)."""
    dataset = load_dataset(bundled_data_dir())
    expected = apply_filters(dataset, FilterState(eras=("occupation",)))
    assert 0 < len(expected) < len(dataset.events)
    _open(page, "?era=occupation")
    expect(page.get_by_text(f"显示 {len(expected)} / ")).to_be_visible()
    with page.expect_download() as download_info:
        page.locator(".st-key-w_download button").click()
    download = download_info.value
    assert download.suggested_filename.startswith("us-japan-alliance_era-occupation_")
    data = download.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    assert {"日期", "时期", "标题", "概要"} <= set(rows[0])
    assert "Title" not in rows[0]
    assert [row["标题"] for row in rows] == list(expected["title_zh"])


def test_switching_language_turns_the_page_english(page):
    """Pressing English turns the title, count line and panel English, and the URL says so."""
    _open(page, "?event=1951-security-treaty-signed")
    page.locator(".st-key-w_lang button", has_text="English").click()
    expect(page.locator("h1")).to_contain_text("The US–Japan Alliance", timeout=20_000)
    expect(page.get_by_text(re.compile(r"Showing \d+ of \d+ events"))).to_be_visible()
    expect(page.locator(DETAIL).locator("h2")).to_contain_text("Security Treaty")
    expect(page).to_have_url(re.compile(r"lang=en"))
