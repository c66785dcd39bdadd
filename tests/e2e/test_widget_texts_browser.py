"""Streamlit's own widget words in a real Chromium: Chinese on the Chinese page wherever they can be set."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.live import wait_for_app

DROPZONE = '[data-testid="stFileUploaderDropzone"]'


def _open_uploader(page, query: str):
    page.goto(f"{page.base}/{query}")
    wait_for_app(page)
    page.locator('[data-testid="stSidebar"] [data-testid="stExpander"] summary').first.click()
    dropzone = page.locator(DROPZONE)
    dropzone.wait_for()
    return dropzone


def _read_aloud(page) -> set[str]:
    """The texts and button names in Chromium's own accessibility tree (it includes CSS-generated words)."""
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")
    return {node["name"]["value"] for node in tree["nodes"]
            if node.get("role", {}).get("value") in ("StaticText", "button") and node.get("name", {}).get("value")}


@pytest.mark.parametrize(("query", "button", "note"), [
    ("", "选择文件", "CSV 文件，不超过 64 MB"),
    ("?lang=en", "Upload", "CSV file, up to 64 MB"),
])
def test_uploader_speaks_the_page_language(page, query, button, note):
    """The uploader's button and size note are shown and read in the page's language, with the real limit."""
    dropzone = _open_uploader(page, query)
    expect(dropzone.get_by_role("button", name=button, exact=True)).to_be_visible()
    instructions = dropzone.locator('[data-testid="stFileUploaderDropzoneInstructions"] span')
    assert instructions.evaluate("span => getComputedStyle(span, '::after').content") == f'"{note}"'
    expect(dropzone.get_by_text("per file", exact=False)).to_be_hidden()
    read = _read_aloud(page)
    assert {button, note} <= read
    assert not [text for text in read if "per file" in text]


def test_era_filter_offers_no_english_select_all(page):
    """Opening the era filter lists eras only: no English "Select all" (choosing none already means all)."""
    page.goto(f"{page.base}/")
    wait_for_app(page)
    page.locator(".st-key-w_eras input").click()
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    expect(page.get_by_role("option", name="Select all")).to_have_count(0)
    expect(options.first).to_contain_text("盟军占领")
