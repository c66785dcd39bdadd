"""A quiz on a phone in Chromium: answered by tapping, scored, and an answer's link opens its event's panel."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.live import wait_for_script
from timeline.dataset import bundled_data_dir, load_dataset
from timeline.filters import FilterState
from timeline.quiz import build_quiz, quiz_material

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
SEED = 1234


@pytest.fixture
def phone(browser, server):
    """A fresh tab on a 390×844 touch screen; ``phone.base`` is the server."""
    context = browser.new_context(**PHONE)
    tab = context.new_page()
    tab.base = server
    yield tab
    context.close()


def test_a_quiz_is_answered_scored_and_links_to_its_event_on_a_phone(phone):
    """Every question answered right by tapping (five boxes for the order, radios for the rest) scores 5 / 5;
    then an answer's link opens that event's panel on the Timeline page."""
    quiz = build_quiz(quiz_material(load_dataset(bundled_data_dir()), FilterState()), "mixed", SEED, "en")
    phone.goto(f"{phone.base}/quiz?quiz=mixed&seed={SEED}&lang=en")
    wait_for_script(phone)
    # Every question drawn (no placeholder left), so a tap is not lost to an element still being painted.
    phone.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=60_000)
    expect(phone.locator(f".st-key-quiz_question_{len(quiz.questions)}")).to_be_visible()
    for question in quiz.questions:
        labels = {option.key: option.label for option in question.options}
        if question.kind == "order":
            letters = {option.key: "ABCDE"[index] for index, option in enumerate(question.options)}
            for position, key in enumerate(question.answer, start=1):
                box = phone.locator(f".st-key-w_quiz_q{question.number}_{position}")
                box.locator("input").tap()  # a tap, as on a phone (a mouse click does not open it on a touch screen)
                choice = f"{letters[key]}. {labels[key]}"
                phone.locator('[role="option"]', has_text=choice).tap()
                expect(box.get_by_role("combobox")).to_have_value(choice)
        else:
            radios = phone.locator(f".st-key-w_quiz_q{question.number}")
            radios.locator("label").filter(has_text=labels[question.answer[0]]).first.tap()
            expect(radios.get_by_role("radio", name=labels[question.answer[0]], exact=True)).to_be_checked()
    wait_for_script(phone)
    phone.locator(".st-key-w_quiz_submit button").tap()
    expect(phone.locator(".st-key-quiz_score")).to_contain_text(f"Score: {len(quiz.questions)} / {len(quiz.questions)}",
                                                                 timeout=30_000)
    for question in quiz.questions:
        expect(phone.locator(f".st-key-quiz_question_{question.number}")).to_contain_text("Right")
    asked = next(question for question in quiz.questions if question.kind in ("era", "date"))
    event = asked.about[0]
    link = phone.locator(f".st-key-w_quiz_link_{asked.number}_{event.id} button")
    link.scroll_into_view_if_needed()
    link.tap()
    title = load_dataset(bundled_data_dir()).events.set_index("id").at[event.id, "title_en"]
    expect(phone.locator(".st-key-panel_title")).to_contain_text(title, timeout=30_000)
    expect(phone).to_have_url(f"{phone.base}/?lang=en&event={event.id}&quiz=mixed&seed={SEED}")
