"""Two readers on one server upload different files: each page keeps showing its own events."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import VIEWPORT
from tests.e2e.live import wait_for_app, wait_for_script

ROOT = Path(__file__).resolve().parents[2]
BUNDLED_EVENTS = ROOT / "data" / "events.csv"
UPLOAD_INPUT = '[data-testid="stFileUploaderDropzoneInput"]'
CHART_EVENT_IDS = """() => {
    const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    return plot.data.filter(trace => !['eras', 'durations'].includes(trace.name))
        .flatMap(trace => Array.from(trace.customdata || []));
}"""


def bundled_rows() -> list[dict[str, str]]:
    """The bundled events as CSV rows."""
    return list(csv.DictReader(io.StringIO(BUNDLED_EVENTS.read_text(encoding="utf-8"), newline="")))


def write_upload(folder: Path, first: int, count: int) -> tuple[Path, list[str]]:
    """``count`` bundled events from row ``first`` as ``events.csv`` in ``folder`` (links left out), and their ids."""
    rows = bundled_rows()
    chosen = rows[first:first + count]
    for row in chosen:
        row["related"] = ""
    folder.mkdir()
    path = folder / "events.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(chosen)
    return path, [row["id"] for row in chosen]


def open_and_upload(browser, base: str, upload: Path, count: int):
    """A new reader (own cookies and session) who uploads ``upload`` and waits for its count line."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(base)
    wait_for_app(page)
    page.get_by_text("试用自己的事件数据").click()
    page.set_input_files(UPLOAD_INPUT, str(upload))
    expect(page.get_by_text(f"显示 {count} / {count} 个事件")).to_be_visible(timeout=30_000)
    return context, page


def test_two_readers_uploading_different_files_each_see_their_own_events(browser, server, tmp_path):
    """Both files are named events.csv; after each reader's rerun, count and chart markers are still their own."""
    first_file, first_ids = write_upload(tmp_path / "first", 0, 3)
    second_file, second_ids = write_upload(tmp_path / "second", 3, 5)
    first_context, first = open_and_upload(browser, server, first_file, 3)
    second_context, second = open_and_upload(browser, server, second_file, 5)
    try:
        for page, ids in ((first, first_ids), (second, second_ids)):
            page.locator(".st-key-w_lang button", has_text="English").click()  # the same view in both sessions
            expect(page.get_by_text(f"Showing {len(ids)} of {len(ids)} events")).to_be_visible(timeout=30_000)
            wait_for_script(page)
            assert sorted(page.evaluate(CHART_EVENT_IDS)) == sorted(ids)
        expect(first).to_have_url(re.compile(r"lang=en"))  # the reload below keeps the language
        first.reload()  # a new session for the first reader: the upload was that session's alone
        wait_for_app(first)
        bundled = len(bundled_rows())
        expect(first.get_by_text(f"Showing {bundled} of {bundled} events")).to_be_visible(timeout=30_000)
        assert sorted(second.evaluate(CHART_EVENT_IDS)) == sorted(second_ids)
    finally:
        first_context.close()
        second_context.close()
