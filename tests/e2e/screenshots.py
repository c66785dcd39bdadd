"""Take the screenshots a person would look at: ``python -m tests.e2e.screenshots OUT_DIR [DATA_DIR]``.

Not a test: a tool for reviewing every page in both languages on a phone (390×844, touch), a
teacher's laptop (1366×768) and a tall desktop, and for the README's pictures.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.e2e.live import click_point, launch_browser, running_server, wait_for_app, wait_for_script

VIEWPORTS = {
    "tall": {"viewport": {"width": 1400, "height": 1700}},
    "laptop": {"viewport": {"width": 1366, "height": 768}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
              "device_scale_factor": 2},
}
PAGES = {
    "timeline": "?event={event}",
    "era": "?show_era=cold-war-alliance",
    "list": "",
    "compare": "compare",
    "themes": "themes?theme=dependence-centrifugal",
    "sources": "sources",
    "documents": "documents",
    "document": "documents?doc=1960-treaty&part=art-6",
    "doc-compare": "documents?doc_cmp=treaties-1951-1960",
    "quiz": "quiz?quiz=mixed&seed=1234",
}


def take(out: Path, data_dir: Path | None, shots: list[tuple[str, str, str | None, str]]) -> None:
    """For each ``(name, query, clicked customdata, viewport)``: open the page, click if asked, save a PNG."""
    out.mkdir(parents=True, exist_ok=True)
    with running_server(data_dir) as base, sync_playwright() as playwright:
        browser = launch_browser(playwright)
        for name, query, click, viewport in shots:
            context = browser.new_context(**VIEWPORTS[viewport])
            page = context.new_page()
            page.goto(f"{base}/{query}")
            wait_for_script(page)
            _wait_for_drawing(page)
            if click:
                wait_for_app(page)
                click_point(page, click)
                page.wait_for_selector(".st-key-panel_title", timeout=30_000)
                wait_for_script(page)
            page.evaluate("document.fonts.ready.then(() => true)")  # CJK glyphs drawn, not boxes
            page.screenshot(path=str(out / f"{name}.png"))
            context.close()
        browser.close()


def _wait_for_drawing(page) -> None:
    """Wait until whatever the page draws (a chart, the card list) is drawn, and any panel is in view."""
    page.wait_for_function(
        """() => {
            const charts = Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
                .filter((chart) => chart.offsetParent !== null);
            const drawn = charts.every((chart) => chart.querySelector('.main-svg'));
            const status = document.querySelector('[data-testid="stStatusWidget"]');
            const listView = document.querySelector('.st-key-list_view');
            const listReady = !listView || listView.offsetParent === null || listView.querySelector('.card');
            const skeleton = document.querySelector('[data-testid="stSkeleton"]');
            return drawn && listReady && !status && !skeleton;
        }""",
        timeout=60_000,
    )


def all_shots(event: str) -> list[tuple[str, str, str | None, str]]:
    """Every page in both languages on a phone and a laptop, and the README's pictures."""
    shots: list[tuple[str, str, str | None, str]] = [
        ("readme-zh", f"?event={event}", None, "laptop"),
        ("readme-phone-zh", "", None, "phone"),
        ("readme-phone-en", "?lang=en", None, "phone"),
        ("readme-phone-panel-zh", f"?event={event}", None, "phone"),
        ("readme-phone-panel-en", f"?lang=en&event={event}", None, "phone"),
        ("click-tall-zh", "", event, "tall"),
    ]
    for page_name, query in PAGES.items():
        for lang in ("zh", "en"):
            for viewport in ("phone", "laptop"):
                address = query.format(event=event)
                if lang == "en":
                    address += ("&" if "?" in address else "?") + "lang=en"
                shots.append((f"{page_name}-{lang}-{viewport}", address, None, viewport))
    return shots


if __name__ == "__main__":
    target = Path(sys.argv[1])
    data = Path(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] else None
    take(target, data, all_shots(sys.argv[3] if len(sys.argv) > 3 else "1951-security-treaty-signed"))
