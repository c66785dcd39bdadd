"""The Quiz page in AppTest: its address asks the same questions, answering scores, bad addresses stay calm."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import assert_page_ok
from timeline.filters import FilterState
from timeline.markup import escape_markdown
from timeline.quiz import Quiz, build_quiz, quiz_material

ROOT = Path(__file__).resolve().parents[1]
QUIZ_PAGE = str((ROOT / "src" / "timeline" / "ui" / "pages" / "quiz.py").relative_to(ROOT))


def _open(at: AppTest, **params: str) -> AppTest:
    """Open the quiz page at the address ``?name=value&…``, as a shared link would."""
    for name, value in params.items():
        at.query_params[name] = value
    return at.switch_page(QUIZ_PAGE).run()


def _asked(at: AppTest) -> list:
    """What the page asks: each question's options as shown."""
    radios = [(radio.key, radio.options) for radio in at.radio]
    boxes = [(box.key, box.options) for box in at.selectbox if box.key.startswith("w_quiz_")]
    return radios + boxes


def _answer(at: AppTest, quiz: Quiz, wrong: set[int] = frozenset()) -> AppTest:
    """Answer every question right, except those numbered in ``wrong`` (given the first wrong option)."""
    for question in quiz.questions:
        if question.kind == "order":
            keys = list(reversed(question.answer)) if question.number in wrong else list(question.answer)
            for position, key in enumerate(keys, start=1):
                at.selectbox(key=f"w_quiz_q{question.number}_{position}").set_value(key).run()
        else:
            key = question.answer[0]
            if question.number in wrong:
                key = next(option.key for option in question.options if option.key != key)
            at.radio(key=f"w_quiz_q{question.number}").set_value(key).run()
    return at


def test_the_same_address_asks_the_same_questions_twice(monkeypatch):
    """Two readers opening ?quiz=mixed&seed=1234 get the same questions, and the address keeps naming them."""
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(ROOT / "tests" / "data" / "mini"))
    first = _open(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60), quiz="mixed", seed="1234")
    second = _open(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60), quiz="mixed", seed="1234")
    assert_page_ok(first)
    assert _asked(first) == _asked(second)
    assert [subheader.value for subheader in first.subheader] == [f"第 {n} 题" for n in range(1, 6)]
    assert [header.value for header in first.header] == ["第 1234 号综合测验"]
    assert first.query_params["quiz"] == "mixed" and first.query_params["seed"] == "1234"
    other = _open(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60), quiz="mixed", seed="1235")
    assert _asked(other) != _asked(first)


def test_answering_scores_and_says_which_were_wrong(app, mini):
    """Four right and one wrong scores 4 / 5; the wrong one names the right answer, the others say right."""
    at = _open(app, quiz="mixed", seed="1234", lang="en")
    quiz = build_quiz(quiz_material(mini, FilterState()), "mixed", 1234, "en")
    assert len(quiz.questions) == 5
    wrong = next(question for question in quiz.questions if question.kind != "order")
    _answer(at, quiz, wrong={wrong.number})
    at.button(key="w_quiz_submit").click().run()
    assert_page_ok(at)
    assert "Score: 4 / 5" in [subheader.value for subheader in at.subheader]
    shown = " ".join(element.value for element in at.markdown)
    assert escape_markdown(f"The right answer: {wrong.answer_labels()[0]}") in shown
    assert shown.count(":material/check_circle: Right") == 4 and shown.count(":material/cancel: Wrong") == 1
    assert at.radio(key=f"w_quiz_q{wrong.number}").disabled


def test_try_again_clears_the_answers_of_the_same_quiz(app, mini):
    """After scoring, Try again empties every answer and asks the same questions; New quiz asks others, unanswered."""
    at = _open(app, quiz="era", seed="8", lang="en")
    quiz = build_quiz(quiz_material(mini, FilterState()), "era", 8, "en")
    asked = _asked(at)
    _answer(at, quiz).button(key="w_quiz_submit").click().run()
    assert f"Score: {len(quiz.questions)} / {len(quiz.questions)}" in [s.value for s in at.subheader]
    at.button(key="w_quiz_retry").click().run()
    assert _asked(at) == asked and all(radio.value is None for radio in at.radio)
    assert at.button(key="w_quiz_submit")
    _answer(at, quiz).button(key="w_quiz_submit").click().run()
    at.button(key="w_quiz_new_after").click().run()  # or a new quiz, from where the score is read
    assert at.query_params["seed"] != "8" and all(radio.value is None for radio in at.radio)


def test_an_ordering_question_is_answered_with_one_box_per_position(app, mini):
    """Five boxes, each offering the five lettered events; the right order scores, reversed does not."""
    at = _open(app, quiz="order", seed="3", lang="en")
    quiz = build_quiz(quiz_material(mini, FilterState()), "order", 3, "en")
    [question] = quiz.questions  # seven events, five distinct dates: one ordering question
    boxes = [box for box in at.selectbox if box.key.startswith("w_quiz_q1_")]
    assert [box.label for box in boxes] == [f"Position {n}" for n in range(1, 6)]
    assert boxes[0].options == [f"{letter}. {option.label}" for letter, option in zip("ABCDE", question.options)]
    _answer(at, quiz, wrong={1}).button(key="w_quiz_submit").click().run()
    assert "Score: 0 / 1" in [s.value for s in at.subheader]
    assert "The right order:" in [caption.value for caption in at.caption]


def test_an_answers_link_opens_its_event_on_the_timeline(app, mini):
    """After scoring, an answer's event opens in the Timeline page's panel; back on the quiz, the score remains."""
    at = _open(app, quiz="date", seed="21")
    quiz = build_quiz(quiz_material(mini, FilterState()), "date", 21, "zh")
    question = quiz.questions[0]
    at.button(key="w_quiz_submit").click().run()
    assert "未作答" in " ".join(element.value for element in at.markdown)
    event_id = question.about[0].id
    at.button(key=f"w_quiz_link_1_{event_id}").click().run()
    assert_page_ok(at)
    assert at.title[0].value == "日美同盟互动年表"
    title = mini.events.set_index("id").at[event_id, "title_zh"]
    assert title in [header.value for header in at.header]
    assert at.query_params["event"] == event_id
    at.switch_page(QUIZ_PAGE).run()  # back to the quiz from the sidebar: still scored, still the same quiz
    assert f"得分：0 / {len(quiz.questions)}" in [subheader.value for subheader in at.subheader]


def test_answers_survive_a_language_switch_and_a_visit_to_another_page(app, mini):
    """Switching to English mid-quiz keeps the choices made; so does reading the Timeline and coming back."""
    at = _open(app, quiz="date", seed="5")
    quiz = build_quiz(quiz_material(mini, FilterState()), "date", 5, "zh")
    right = quiz.questions[0].answer[0]
    at.radio(key="w_quiz_q1").set_value(right).run()
    next(widget for widget in at.get("button_group") if widget.key == "w_lang").set_value("en").run()
    assert at.radio(key="w_quiz_q1").value == right
    assert at.title[0].value == "Test yourself"
    at.switch_page("src/timeline/ui/pages/timeline.py").run()
    assert not at.radio
    at.switch_page(QUIZ_PAGE).run()
    assert at.radio(key="w_quiz_q1").value == right and at.radio(key="w_quiz_q2").value is None


@pytest.mark.parametrize(("params", "ignored"), [
    ({"quiz": "trivia", "seed": "42"}, "quiz=trivia"),
    ({"quiz": "date", "seed": "abc"}, "seed=abc"),
    ({"quiz": "date", "seed": "-3"}, "seed=-3"),
])
def test_a_bad_kind_or_seed_is_a_calm_message_and_a_working_quiz(app, params, ignored):
    """An unknown kind or a seed that is not a whole number is named in a warning; a quiz is still asked."""
    at = _open(app, **params)
    assert_page_ok(at)
    assert any(escape_markdown(ignored) in warning.value for warning in at.warning)
    assert at.radio or at.selectbox
    assert at.query_params["quiz"] in ("mixed", "date")
    assert re.fullmatch(r"[0-9]{1,9}", at.query_params["seed"])


def test_opening_the_page_without_an_address_makes_a_quiz_and_names_it(app):
    """With no quiz in the address, a mixed quiz with a fresh seed is asked and written into the address."""
    at = _open(app)
    assert_page_ok(at)
    seed = at.query_params["seed"]
    assert at.query_params["quiz"] == "mixed" and re.fullmatch(r"[0-9]{4}", seed)
    assert f"quiz=mixed&seed={seed}" in at.code[0].value


def test_new_quiz_changes_the_seed_and_the_questions(app, mini):
    """New quiz: another seed in the address and the heading, and the questions that seed asks."""
    at = _open(app, quiz="mixed", seed="1234")
    at.button(key="w_quiz_new").click().run()
    seed = at.query_params["seed"]
    assert seed != "1234" and f"第 {seed} 号综合测验" == at.header[0].value
    quiz = build_quiz(quiz_material(mini, FilterState()), "mixed", int(seed), "zh")
    shown = [radio.options for radio in at.radio]
    assert shown == [[option.label for option in q.options] for q in quiz.questions if q.kind != "order"]


def test_choosing_a_kind_asks_only_that_kind(app):
    """Choosing "Match the date" asks date questions only, and the address says so."""
    at = _open(app, quiz="mixed", seed="9", lang="en")
    next(widget for widget in at.get("button_group") if widget.key == "w_quiz_kind").set_value("date").run()
    assert at.query_params["quiz"] == "date"
    assert all(re.search(r"\d{4}", option) for radio in at.radio for option in radio.options)
    assert not [box for box in at.selectbox if box.key.startswith("w_quiz_")]


def test_an_era_choice_narrows_the_quiz_and_a_tiny_scope_is_explained(app):
    """Choosing one small era leaves too few events for dates: the page says so, and offers all events back."""
    at = _open(app, quiz="date", seed="9", lang="en", era="treaty-system")
    assert_page_ok(at)
    assert any("too few events" in info.value for info in at.info)
    assert "Questions are drawn from the 2 of 7 events" in " ".join(caption.value for caption in at.caption)
    at.button(key="w_quiz_all_events").click().run()
    assert not at.info and at.radio


def test_a_document_quiz_without_documents_says_so(monkeypatch):
    """Data without document digests: the "which document" kind explains itself calmly."""
    at = _open_without_documents(monkeypatch)
    assert_page_ok(at)
    assert any("no digests of documents" in info.value for info in at.info)


def _open_without_documents(monkeypatch) -> AppTest:
    """The mini data, whatever documents it may have, hidden from the quiz."""

    def without_documents(dataset, filters):
        material = quiz_material(dataset, filters)
        return dataclasses.replace(material, documents=pd.DataFrame(), parts=pd.DataFrame())

    monkeypatch.setattr("timeline.ui.quiz_page.quiz_material", without_documents)
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(ROOT / "tests" / "data" / "mini"))
    return _open(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60), quiz="document", seed="1",
                 lang="en")


def test_a_document_question_asks_of_a_digest_and_links_to_its_part(app, mini):
    """“Which document”: the digest is quoted, the documents offered, and the answer opens that part."""
    at = _open(app, quiz="document", seed="2", lang="en")
    quiz = build_quiz(quiz_material(mini, FilterState()), "document", 2, "en")
    question = quiz.questions[0]
    target = question.about[0]
    assert question.kind == "document" and f"> {escape_markdown(question.subject)}" in [m.value for m in at.markdown]
    assert at.radio(key="w_quiz_q1").options == [escape_markdown(option.label) for option in question.options]
    _answer(at, quiz).button(key="w_quiz_submit").click().run()
    assert f"Score: {len(quiz.questions)} / {len(quiz.questions)}" in [s.value for s in at.subheader]
    at.button(key=f"w_quiz_link_1_{target.id}").click().run()
    assert_page_ok(at)
    assert (at.query_params["doc"], at.query_params["part"]) == (target.id, target.part)
    assert mini.documents.set_index("id").at[target.id, "title_en"] in [h.value for h in [*at.title, *at.header]]
