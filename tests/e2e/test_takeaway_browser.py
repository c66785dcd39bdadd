"""The take-away downloads in a real Chromium: the handout button gives an A4 PDF of the filtered events."""

from __future__ import annotations

import pypdfium2

from tests.e2e.live import wait_for_app
from timeline.dataset import bundled_data_dir, load_dataset
from timeline.filters import FilterState, apply_filters


def test_handout_button_downloads_a_pdf_of_the_filtered_events(page):
    """On an English, era-filtered page, the handout button downloads a PDF named for the filter, holding its events."""
    page.goto(f"{page.base}/?lang=en&era=treaty-system")
    wait_for_app(page)
    dataset = load_dataset(bundled_data_dir())
    events = apply_filters(dataset, FilterState(eras=("treaty-system",)))
    button = page.locator(".st-key-w_download_handout button")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as download_info:
        button.click()
    download = download_info.value
    assert download.suggested_filename == f"us-japan-alliance_era-treaty-system_{len(events)}-events_handout_en.pdf"
    path = download.path()
    assert path.read_bytes().startswith(b"%PDF-")
    document = pypdfium2.PdfDocument(str(path))
    text = "".join("".join(page_.get_textpage().get_text_range().split()) for page_ in document)
    for title in events["title_en"]:
        assert "".join(title.split()) in text
