"""Taking things away in a real Chromium: the CSV follows the page's language, the chart downloads as PNG."""

from __future__ import annotations

import csv
import io
import struct

import pytest
from playwright.sync_api import expect

from tests.e2e.live import wait_for_app
from timeline.dataset import bundled_data_dir, load_dataset
from timeline.filters import FilterState, apply_filters

CHART = '[data-testid="stPlotlyChart"]'
EN_HEADERS = ["Date", "Era", "Category", "Importance", "Title", "Summary", "Background", "Content", "Significance",
              "Related events", "Sources"]


def _open(page, query: str = "") -> None:
    page.goto(f"{page.base}/{query}")
    wait_for_app(page)


def test_export_follows_the_page_into_english(page):
    """Switching the page to English turns the export English: its choice, file name, headers and era names."""
    _open(page, "?era=occupation")
    page.locator(".st-key-w_lang button", has_text="English").click()
    expect(page.locator(".st-key-w_export_lang [role=radio][aria-checked=true]")).to_have_text("English",
                                                                                              timeout=20_000)
    with page.expect_download() as download_info:
        page.locator(".st-key-w_download button").click()
    download = download_info.value
    assert download.suggested_filename.startswith("us-japan-alliance_era-occupation_")
    assert download.suggested_filename.endswith("_en.csv")
    data = download.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    assert list(rows[0]) == EN_HEADERS
    dataset = load_dataset(bundled_data_dir())
    expected = apply_filters(dataset, FilterState(eras=("occupation",)))
    era_names = dict(zip(dataset.eras["id"], dataset.eras["name_en"]))
    assert [row["Title"] for row in rows] == list(expected["title_en"])
    assert [row["Era"] for row in rows] == [era_names[era] for era in expected["era"]]


def _png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n"), "not a PNG file"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize(("query", "button", "file_name"), [
    ("", "下载 PNG 图片", "日美同盟时间线.png"),
    ("?lang=en", "Download plot as a PNG", "us-japan-alliance-timeline.png"),
])
def test_camera_button_downloads_the_timeline_as_png(page, query, button, file_name):
    """The toolbar's camera button gives a PNG named in the page's language, at twice the chart's size."""
    _open(page, query)
    chart = page.locator(f"{CHART} .js-plotly-plot")
    chart.hover()
    with page.expect_download() as download_info:
        page.locator(f'{CHART} .modebar-btn[data-title="{button}"]').click()
    download = download_info.value
    assert download.suggested_filename == file_name
    width, height = _png_size(download.path().read_bytes())
    box = chart.bounding_box()
    assert (width, height) == (round(box["width"]) * 2, round(box["height"]) * 2)
