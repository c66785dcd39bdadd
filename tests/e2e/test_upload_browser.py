"""Trying one's own events.csv in the sidebar: bad files are explained, good ones replace the events."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.live import wait_for_app

ROOT = Path(__file__).resolve().parents[2]
BUNDLED_EVENTS = ROOT / "data" / "events.csv"
UPLOAD_INPUT = '[data-testid="stFileUploaderDropzoneInput"]'


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _open_upload(page) -> None:
    page.goto(page.base)
    wait_for_app(page)
    page.get_by_text(re.compile("试用自己的事件数据")).click()


def test_bad_upload_lists_its_problems_and_keeps_the_data(page):
    """A file citing unknown sources is refused with row-level messages; the bundled events stay."""
    before = _digest(BUNDLED_EVENTS)
    _open_upload(page)
    total = page.get_by_text(re.compile(r"显示 \d+ / \d+ 个事件")).inner_text()
    page.set_input_files(UPLOAD_INPUT, str(ROOT / "tests" / "data" / "bad" / "unknown-source.csv"))
    expect(page.get_by_text(re.compile(r"上传的 unknown-source\.csv 有 \d+ 个问题"))).to_be_visible(timeout=30_000)
    expect(page.locator('[data-testid="stCode"]').first).to_contain_text('column "sources": value "src-zz"')
    expect(page.get_by_text(total)).to_be_visible()
    assert _digest(BUNDLED_EVENTS) == before


def test_good_gbk_upload_replaces_the_events_for_the_session(page, tmp_path):
    """Ten bundled events saved as GBK (as Excel on Chinese Windows does) are shown instead of the rest."""
    before = _digest(BUNDLED_EVENTS)
    rows = list(csv.reader(io.StringIO(BUNDLED_EVENTS.read_text(encoding="utf-8"), newline="")))
    related = rows[0].index("related")
    for row in rows[1:]:
        row[related] = ""  # links to events left out would (rightly) be reported
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows[:11])
    upload = tmp_path / "my-events.csv"
    upload.write_bytes(buffer.getvalue().encode("gb18030"))
    _open_upload(page)
    page.set_input_files(UPLOAD_INPUT, str(upload))
    expect(page.get_by_text("显示 10 / 10 个事件")).to_be_visible(timeout=30_000)
    expect(page.get_by_text(re.compile("正在使用上传的 my-events.csv"))).to_be_visible()
    assert _digest(BUNDLED_EVENTS) == before
