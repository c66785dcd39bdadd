"""The Documents page in Chromium, on the mini fixture: a part's address opens with that part in view,
an event panel's document link opens the document, and Back returns to the event.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import MINI_DIR
from tests.e2e.live import running_server, wait_for_script
from tests.e2e.test_accessibility import ALSO_FAILING_RULES, FAILING_IMPACTS, describe_violations, open_settled

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
LAPTOP = {"viewport": {"width": 1366, "height": 768}}
VIEWPORTS = {"phone": PHONE, "laptop": LAPTOP}


@pytest.fixture(scope="module")
def mini_server():
    """The dashboard on the mini fixture folder, whose invented documents exist before the real ones land."""
    with running_server(MINI_DIR) as base:
        yield base


@pytest.fixture(params=list(VIEWPORTS))
def reader(request, browser, mini_server):
    """A fresh tab at a phone's or a laptop's viewport; ``reader.base`` is the mini server."""
    context = browser.new_context(**VIEWPORTS[request.param])
    tab = context.new_page()
    tab.base = mini_server
    yield tab
    context.close()


def _expect_in_view(page, key: str) -> None:
    """Once the document reader has settled, the element keyed ``key`` lies in the viewport below the header."""
    page.wait_for_function(
        """(key) => {
            const reader = window.__documentReader;
            if (!reader || reader.settled !== reader.focused) return false;
            const element = document.querySelector('.st-key-' + key);
            if (!element) return false;
            const box = element.getBoundingClientRect();
            const header = document.querySelector('[data-testid="stHeader"]');
            const top = header ? header.getBoundingClientRect().bottom : 0;
            return box.height > 0 && box.top >= top - 1 && box.top < window.innerHeight;
        }""",
        arg=key, timeout=30_000,
    )


def test_a_part_s_address_opens_that_part_in_view_and_marked(reader):
    """?doc=…&part=… opens the document scrolled to that part, marked, without the reader scrolling."""
    reader.goto(f"{reader.base}/documents?doc=test-treaty&part=art-3&lang=en")
    wait_for_script(reader)
    part = reader.locator(".st-key-doc_part_test-treaty_art-3")
    expect(part).to_contain_text("Article 3", timeout=30_000)
    expect(part).to_contain_text("The part this link points to")
    _expect_in_view(reader, "doc_part_test-treaty_art-3")
    assert reader.locator(".st-key-doc_part_test-treaty_art-1").evaluate(
        "(element) => getComputedStyle(element).boxShadow") == "none"
    assert part.evaluate("(element) => getComputedStyle(element).boxShadow") != "none"


def test_a_comparison_cell_opens_its_part_in_view(reader):
    """A part named in a comparison's cell opens the document with that part in view."""
    reader.goto(f"{reader.base}/documents?doc_cmp=test-comparison&lang=en")
    wait_for_script(reader)
    button = reader.locator(".st-key-w_cell_2_test-revised-treaty_art-6 button")
    button.scroll_into_view_if_needed()
    button.click()
    expect(reader).to_have_url(re.compile(r"doc=test-revised-treaty&part=art-6"), timeout=30_000)
    _expect_in_view(reader, "doc_part_test-revised-treaty_art-6")


def test_an_event_panel_s_document_link_opens_the_document_and_back_returns(reader):
    """The event panel's document button opens that document's page; Back brings the event's panel again."""
    reader.goto(f"{reader.base}/?event=1951-security-treaty&lang=en")
    wait_for_script(reader)
    link = reader.locator(".st-key-w_event_doc_test-treaty button")
    expect(link).to_have_text(re.compile("The Test Security Treaty"), timeout=30_000)
    link.scroll_into_view_if_needed()
    link.click()
    expect(reader).to_have_url(re.compile(r"/documents\?.*doc=test-treaty"), timeout=30_000)
    expect(reader.locator("[data-testid='stMain'] h1")).to_have_text("The Test Security Treaty", timeout=30_000)
    _expect_in_view(reader, "doc_heading_test-treaty")
    reader.go_back()
    expect(reader.locator(".st-key-panel_title")).to_contain_text("The US–Japan Security Treaty is signed",
                                                                   timeout=30_000)



DOCUMENT_VIEWS = {
    "list": ("/documents", {"zh": "条约与文献", "en": "Treaties and documents"}),
    "document-part": ("/documents?doc=test-treaty&part=art-2",
                      {"zh": "测试安全条约", "en": "The Test Security Treaty"}),
    "comparison": ("/documents?doc_cmp=test-comparison", {"zh": "测试条约对比", "en": "The test treaties compared"}),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("view", list(DOCUMENT_VIEWS))
def test_axe_finds_no_serious_violation_on_the_documents_page(reader, view, lang):
    """No critical or serious axe-core violation, and headings in order, on each view of the Documents page."""
    address, heading = DOCUMENT_VIEWS[view]
    open_settled(reader, address, lang)
    expect(reader.get_by_role("heading", name=heading[lang]).first).to_be_visible()
    violations = Axe().run(reader).response["violations"]
    failing = [violation for violation in violations
               if violation["impact"] in FAILING_IMPACTS or violation["id"] in ALSO_FAILING_RULES]
    assert not failing, f"{view} in {lang}:\n{describe_violations(failing)}"


@pytest.fixture
def laptop(browser, mini_server):
    """A fresh tab at a laptop's viewport; ``laptop.base`` is the mini server."""
    context = browser.new_context(**LAPTOP, accept_downloads=True)
    tab = context.new_page()
    tab.base = mini_server
    yield tab
    context.close()


def test_back_and_forward_walk_the_documents_opened(laptop):
    """From the list a document opens; Back returns to the list and Forward to the document again."""
    page = laptop
    page.goto(f"{page.base}/documents?lang=en")
    wait_for_script(page)
    heading = page.locator("[data-testid='stMain'] h1")
    expect(heading).to_have_text("Treaties and documents", timeout=30_000)
    page.locator(".st-key-w_doc_open_test-revised-treaty button").click()
    expect(heading).to_have_text("The Test Revised Treaty", timeout=30_000)
    expect(page).to_have_url(re.compile(r"doc=test-revised-treaty"), timeout=30_000)
    page.go_back()
    expect(heading).to_have_text("Treaties and documents", timeout=30_000)
    page.go_forward()
    expect(heading).to_have_text("The Test Revised Treaty", timeout=30_000)


@pytest.mark.parametrize(("button", "file_name", "start"), [
    ("w_doc_cmp_csv", "us-japan-alliance_test-comparison_en.csv", "\ufeffDimension,The Test Security Treaty,"),
    ("w_doc_cmp_md", "us-japan-alliance_test-comparison_en.md", "# The test treaties compared\n"),
])
def test_a_comparison_downloads_as_csv_and_markdown(laptop, button, file_name, start):
    """The comparison's downloads arrive named after it and its language: a CSV with a BOM, Markdown notes."""
    laptop.goto(f"{laptop.base}/documents?doc_cmp=test-comparison&lang=en")
    wait_for_script(laptop)
    with laptop.expect_download() as download_info:
        laptop.locator(f".st-key-{button} button").click()
    download = download_info.value
    assert download.suggested_filename == file_name
    assert download.path().read_bytes().decode("utf-8").startswith(start)
