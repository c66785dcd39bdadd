"""The quiz core: the same address asks the same questions, every answer is right, options are fair."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.dataset import Dataset
from timeline.dates import parse_date
from timeline.filters import FilterState
from timeline.quiz import (
    MAX_SEED,
    ORDER_SIZE,
    QUESTION_KINDS,
    QUESTIONS_PER_QUIZ,
    QUIZ_KINDS,
    Quiz,
    QuizMaterial,
    available_kinds,
    build_quiz,
    quiz_material,
    score_quiz,
)
from timeline.urlstate import ViewState, params_from_view, view_from_params

SEEDS = (0, 1, 7, 1234, 4821, 99999, MAX_SEED)
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def material(bundled: Dataset) -> QuizMaterial:
    """Every bundled event and era, with the bundled documents and their digests."""
    return quiz_material(bundled, FilterState())


def _fingerprint(quiz: Quiz) -> list:
    """What a quiz asks, independent of language: each question's kind, option keys, answer and subjects."""
    return [(q.kind, [o.key for o in q.options], list(q.answer), [a.id for a in q.about]) for q in quiz.questions]


@pytest.mark.parametrize("kind", QUIZ_KINDS)
@pytest.mark.parametrize("seed", SEEDS)
def test_the_same_kind_and_seed_ask_the_same_questions(material, kind, seed):
    """Built twice, a quiz is identical; in the other language it asks the same questions in other words."""
    first = build_quiz(material, kind, seed, "zh")
    assert first == build_quiz(material, kind, seed, "zh")
    english = build_quiz(material, kind, seed, "en")
    assert _fingerprint(english) == _fingerprint(first)
    assert [q.prompt for q in english.questions] != [q.prompt for q in first.questions]
    assert len(first.questions) == QUESTIONS_PER_QUIZ


@pytest.mark.parametrize("kind", QUIZ_KINDS)
def test_different_seeds_ask_different_questions(material, kind):
    """Twenty seeds give (nearly) twenty different quizzes of each kind."""
    quizzes = {json.dumps(_fingerprint(build_quiz(material, kind, seed, "en"))) for seed in range(20)}
    assert len(quizzes) >= 18


def test_a_quiz_is_the_same_in_another_process(material):
    """Every server process (make serve runs several) asks the same questions for one address."""
    code = (
        "import json\n"
        "from timeline.dataset import load_dataset, bundled_data_dir\n"
        "from timeline.filters import FilterState\n"
        "from timeline.quiz import build_quiz, quiz_material\n"
        "m = quiz_material(load_dataset(bundled_data_dir()), FilterState())\n"
        "q = build_quiz(m, 'mixed', 1234, 'en')\n"
        "print(json.dumps([[x.kind, [o.key for o in x.options], list(x.answer)] for x in q.questions]))\n"
    )
    env = {"PYTHONPATH": str(ROOT / "src"), "PYTHONHASHSEED": "12345"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    here = build_quiz(material, "mixed", 1234, "en")
    assert json.loads(result.stdout) == [[q.kind, [o.key for o in q.options], list(q.answer)] for q in here.questions]


@pytest.fixture(scope="module")
def all_questions(material: QuizMaterial) -> list:
    """Every question of every kind of quiz, for each seed and language."""
    return [question for kind in QUIZ_KINDS for seed in SEEDS for lang in ("zh", "en")
            for question in build_quiz(material, kind, seed, lang).questions]


def test_every_answer_is_right(material, all_questions):
    """Each answer is what the data says: the event's era, its date, the digest's document, the events' order."""
    events = material.events.set_index("id")
    parts = material.parts
    for question in all_questions:
        subject = question.about[0].id
        if question.kind == "era":
            assert question.answer == (events.at[subject, "era"],)
        elif question.kind == "date":
            assert question.answer == (events.at[subject, "date"],)
        elif question.kind == "document":
            part = parts[(parts["document"] == subject) & (parts["part"] == question.about[0].part)].iloc[0]
            assert question.answer == (subject,)
            assert question.subject in (part["digest_zh"], part["digest_en"])
        else:
            days = [parse_date(events.at[event, "date"]) for event in question.answer]
            assert all(earlier.last_day() < later.first_day() for earlier, later in itertools.pairwise(days))
            assert sorted(question.answer) == sorted(option.key for option in question.options)


def test_no_question_has_duplicate_options_and_the_answer_is_among_them(all_questions):
    """Options differ in key and in words, three or four of them, and the right one is always offered."""
    for question in all_questions:
        keys = [option.key for option in question.options]
        labels = [option.label for option in question.options]
        assert len(set(keys)) == len(keys) and len(set(labels)) == len(labels), question
        assert set(question.answer) <= set(keys)
        expected = ORDER_SIZE if question.kind == "order" else (3, 4)
        assert len(keys) == expected if question.kind == "order" else len(keys) in expected


def test_an_ordering_question_is_never_shown_in_order(all_questions):
    """The five events are offered shuffled, never already in the right order."""
    for question in all_questions:
        if question.kind == "order":
            assert tuple(option.key for option in question.options) != question.answer


def test_wrong_options_are_plausible(material, all_questions):
    """Wrong dates have the right date's precision; wrong eras are never the era's own parent or phases."""
    eras = material.eras.set_index("id")
    for question in all_questions:
        if question.kind == "date":
            assert len({len(option.key) for option in question.options}) == 1
            years = [int(option.key[:4]) for option in question.options]
            assert max(years) - min(years) <= 30, question
        if question.kind == "era":
            right = question.answer[0]
            family = {right, eras.at[right, "parent"]} | set(eras.index[eras["parent"] == right])
            assert not family & ({option.key for option in question.options} - {right})


def test_no_question_in_a_quiz_asks_about_the_same_thing_twice_the_same_way(material):
    """A quiz of one kind never asks twice about one event or document."""
    for kind in QUESTION_KINDS:
        for seed in SEEDS:
            quiz = build_quiz(material, kind, seed, "en")
            subjects = [q.about[0].id for q in quiz.questions if q.kind != "order"]
            assert len(subjects) == len(set(subjects))


def test_a_mixed_quiz_asks_every_kind_the_data_allows(material, bundled):
    """Mixed: one ordering question and every other kind; no document question without documents."""
    for seed in SEEDS:
        kinds = [q.kind for q in build_quiz(material, "mixed", seed, "en").questions]
        assert kinds.count("order") == 1 and set(kinds) == set(QUESTION_KINDS)
    bare = QuizMaterial(bundled.events, bundled.eras)
    assert available_kinds(bare) == ("order", "era", "date")
    assert {q.kind for q in build_quiz(bare, "mixed", 5, "en").questions} == {"order", "era", "date"}
    assert build_quiz(bare, "document", 5, "en").questions == ()


@pytest.mark.parametrize(("kind", "given", "expected"), [
    ("era", "answer", 5), ("era", "first-option", None), ("era", "nothing", 0),
    ("order", "answer", 5), ("order", "reversed", 0), ("order", "nothing", 0),
])
def test_scoring_counts_the_right_answers(material, kind, given, expected):
    """All right scores five; none given scores nought; a reversed order is wrong."""
    quiz = build_quiz(material, kind, 42, "en")
    answers = {
        "answer": {q.number: q.answer for q in quiz.questions},
        "first-option": {q.number: (q.options[0].key,) for q in quiz.questions},
        "reversed": {q.number: tuple(reversed(q.answer)) for q in quiz.questions},
        "nothing": {},
    }[given]
    if expected is None:
        expected = sum(q.options[0].key == q.answer[0] for q in quiz.questions)
    assert score_quiz(quiz, answers) == expected


def test_one_misplaced_event_makes_an_ordering_question_wrong(material):
    """Two events swapped, or one position left empty, and the order is not right."""
    question = build_quiz(material, "order", 3, "en").questions[0]
    swapped = (question.answer[1], question.answer[0], *question.answer[2:])
    assert question.is_right(question.answer)
    assert not question.is_right(swapped)
    assert not question.is_right((*question.answer[:4], None))


def test_a_narrow_scope_asks_fewer_questions_or_none(bundled):
    """One event in scope: one era question about it, and no ordering or date question (nothing to compare)."""
    tiny = quiz_material(bundled, FilterState(eras=("surrender",)))
    assert len(tiny.events) == 1
    assert build_quiz(tiny, "order", 1, "en").questions == ()
    assert build_quiz(tiny, "date", 1, "en").questions == ()
    [question] = build_quiz(tiny, "era", 1, "en").questions
    assert question.about[0].id == tiny.events.iloc[0]["id"] and question.answer == ("surrender",)


def test_a_filtered_quiz_asks_only_of_its_events(bundled):
    """Questions about events stay within the filter's events; documents within those events' documents."""
    scoped = quiz_material(bundled, FilterState(eras=("treaty-system",)))
    in_scope = set(scoped.events["id"])
    assert set(scoped.documents["id"]) == {"1951-peace-treaty", "1951-security-treaty", "1952-administrative-agreement",
                                           "1960-treaty", "1960-exchange-of-notes", "1960-sofa"}
    for seed in SEEDS:
        for question in build_quiz(scoped, "mixed", seed, "en").questions:
            targets = {target.id for target in question.about}
            assert targets <= (in_scope if question.kind != "document" else set(scoped.documents["id"]))


def test_an_unknown_kind_is_refused_by_name(material):
    """The core names the kinds it knows; the page never passes another (the URL reader drops it first)."""
    with pytest.raises(ValueError, match="unknown quiz kind 'trivia'; expected one of mixed, order"):
        build_quiz(material, "trivia", 1, "en")


@pytest.mark.parametrize(("query", "kind", "seed", "ignored"), [
    ({"quiz": "mixed", "seed": "1234"}, "mixed", 1234, []),
    ({"quiz": "date", "seed": "0"}, "date", 0, []),
    ({"seed": "77"}, None, 77, []),
    ({"quiz": "trivia", "seed": "12"}, None, 12, [("quiz", "trivia")]),
    ({"quiz": "era", "seed": "abc"}, "era", None, [("seed", "abc")]),
    ({"quiz": "era", "seed": "-5"}, "era", None, [("seed", "-5")]),
    ({"quiz": "era", "seed": "1234567890"}, "era", None, [("seed", "1234567890")]),
    ({"quiz": "era", "seed": "１２"}, "era", None, [("seed", "１２")]),
])
def test_the_address_names_the_quiz(mini, query, kind, seed, ignored):
    """?quiz=&seed= are read into the view, and written back the same; a bad value is ignored and reported."""
    view, dropped = view_from_params(query, mini)
    assert (view.quiz, view.quiz_seed) == (kind, seed)
    assert [(item.name, item.value) for item in dropped] == ignored
    if not ignored:
        assert params_from_view(view) == query
    assert params_from_view(ViewState(lang="en", quiz="order", quiz_seed=5)) == {"lang": "en", "quiz": "order",
                                                                                 "seed": "5"}
