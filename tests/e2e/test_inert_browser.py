"""Markup in the address stays text in a real Chromium: no live link, no remote image, no request made."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from playwright.sync_api import expect

from tests.e2e.live import wait_for_app

# The phishing note of issue 14, put in an unknown query parameter that the app reports back.
EVIL_NOTE = "**Session expired** [log in again](https://evil.example/login) ![](https://evil.example/p.png)"


def test_markup_in_the_address_is_shown_as_typed(page):
    """The ignored-parameter warning shows the note literally; no link to or image from evil.example exists."""
    hosts: list[str] = []
    page.on("request", lambda request: hosts.append(urlsplit(request.url).hostname))
    page.goto(f"{page.base}/?note={quote(EVIL_NOTE)}")
    wait_for_app(page)
    warning = page.locator('[data-testid="stAlert"]', has_text="note=")
    expect(warning).to_be_visible()
    # Reads as typed (bare addresses carry an invisible word joiner that keeps them from becoming links).
    assert f"note={EVIL_NOTE}" in warning.inner_text().replace("\u2060", "")
    expect(page.locator('a[href*="evil.example"]')).to_have_count(0)
    expect(page.locator('img[src*="evil.example"]')).to_have_count(0)
    assert "evil.example" not in hosts
