"""Take the screenshots a person would look at: ``python -m tests.e2e.screenshots OUT_DIR [DATA_DIR]``.

Not a test: a tool for reviewing screens in both languages and for the README's picture.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.e2e.live import click_point, launch_browser, running_server, wait_for_app, wait_for_script

VIEWPORT = {"width": 1400, "height": 1700}


def take(out: Path, data_dir: Path | None, shots: list[tuple[str, str, str | None]]) -> None:
    """For each ``(name, query, clicked customdata)``: open the page, click if asked, save a PNG."""
    out.mkdir(parents=True, exist_ok=True)
    with running_server(data_dir) as base, sync_playwright() as playwright:
        browser = launch_browser(playwright)
        for name, query, click in shots:
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(f"{base}/{query}")
            wait_for_app(page) if not query.startswith(("compare", "sources")) else wait_for_script(page)
            if click:
                click_point(page, click)
                page.wait_for_selector(".st-key-detail h2", timeout=30_000)
                wait_for_app(page)
            page.evaluate("document.fonts.ready.then(() => true)")  # CJK glyphs drawn, not boxes
            page.screenshot(path=str(out / f"{name}.png"))
            page.close()
        browser.close()


if __name__ == "__main__":
    target = Path(sys.argv[1])
    data = Path(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] else None
    event = sys.argv[3] if len(sys.argv) > 3 else "1951-security-treaty-signed"
    take(target, data, [
        ("readme-zh", f"?event={event}", None),
        ("timeline-zh", "", event),
        ("timeline-en", "?lang=en", event),
        ("era-en", "?lang=en", "era:occupation"),
        ("compare-zh", "compare", None),
        ("compare-en", "compare?lang=en&cmp=first-adjustment,second-adjustment,third-adjustment", None),
        ("themes-zh", "themes?theme=dependence-centrifugal", None),
        ("themes-en", "themes?lang=en&theme=return-to-asia-roles", None),
        ("sources-zh", "sources", None),
        ("sources-en", "sources?lang=en", None),
    ])
