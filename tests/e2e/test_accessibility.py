"""axe-core in Chromium on every page, in both languages, on a laptop and a phone: no serious violations.

axe-core comes bundled in the ``axe-playwright-python`` package and is injected into the page, so the
check runs offline. Each view is loaded from its address, which is also how a shared link opens it.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.live import wait_for_script

DEVICES = {
    "desktop": {"viewport": {"width": 1366, "height": 768}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
LANGUAGE_TAGS = {"zh": "zh-Hans", "en": "en"}
# Every page, with what a reader opens on it: an event's or an era's panel on the timeline, a node on the themes.
# name → (address, a heading the view must show in each language: proof it is the view named)
VIEWS = {
    "timeline-event": ("/?event=1951-security-treaty-signed", {"zh": "日美安全保障条约", "en": "Security Treaty"}),
    "timeline-era": ("/?show_era=occupation", {"zh": "战败投降与盟军占领", "en": "Surrender and Allied occupation"}),
    "timeline-tour": ("/?tour=okinawa&stop=3", {"zh": "归还冲绳协定", "en": "Okinawa Reversion Agreement"}),
    "compare": ("/compare", {"zh": "同盟调整对比", "en": "Comparing the alliance"}),
    "themes-node": ("/themes?theme=founding", {"zh": "同盟建立", "en": "Founding of the alliance"}),
    "sources": ("/sources", {"zh": "资料来源", "en": "Sources"}),
    "quiz": ("/quiz?quiz=mixed&seed=1234", {"zh": "自测小测验", "en": "Test yourself"}),
}
FAILING_IMPACTS = ("critical", "serious")
# Moderate in axe's scale, but issue 9 asks for headings in order, so a skipped level fails too.
ALSO_FAILING_RULES = ("heading-order",)


@pytest.fixture(scope="module")
def device_contexts(browser):
    """One browser context per device, kept for the module so Streamlit's scripts load from cache."""
    contexts = {name: browser.new_context(**options) for name, options in DEVICES.items()}
    yield contexts
    for context in contexts.values():
        context.close()


@pytest.fixture(params=list(DEVICES))
def device_page(request, device_contexts, server):
    """A fresh tab (its own Streamlit session) on the named device; the device name is ``page.device``."""
    tab = device_contexts[request.param].new_page()
    tab.base, tab.device = server, request.param
    yield tab
    tab.close()


def open_settled(page, address: str, lang: str) -> None:
    """Open ``address`` in ``lang`` and wait until the run is over, every element drawn and the page's language set."""
    separator = "&" if "?" in address else "?"
    page.goto(f"{page.base}{address}{separator}lang={lang}")
    wait_for_script(page)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=60_000)
    expect(page.locator("html")).to_have_attribute("lang", LANGUAGE_TAGS[lang], timeout=30_000)


def describe_violations(violations: list[dict]) -> str:
    """One line per violation and the elements it names, so a failure says what to fix and where."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines += [f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1].strip()}"
                  for node in violation["nodes"][:10]]
    return "\n".join(lines)


@pytest.mark.parametrize("lang", list(LANGUAGE_TAGS))
@pytest.mark.parametrize("view", list(VIEWS))
def test_axe_finds_no_serious_violation(device_page, view, lang):
    """No critical or serious axe-core violation, and headings in order, on this view, language and device."""
    address, heading = VIEWS[view]
    open_settled(device_page, address, lang)
    expect(device_page.get_by_role("heading", name=re.compile(re.escape(heading[lang]))).first).to_be_visible()
    violations = Axe().run(device_page).response["violations"]
    failing = [violation for violation in violations
               if violation["impact"] in FAILING_IMPACTS or violation["id"] in ALSO_FAILING_RULES]
    assert not failing, f"{view} in {lang} on a {device_page.device}:\n{describe_violations(failing)}"


def test_language_switch_changes_the_page_language(page):
    """Pressing English turns <html lang> from zh-Hans to en, and 中文 turns it back."""
    page.goto(page.base)
    wait_for_script(page)
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans", timeout=30_000)
    page.locator(".st-key-w_lang button", has_text="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en", timeout=30_000)
    page.locator(".st-key-w_lang button", has_text="中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans", timeout=30_000)
