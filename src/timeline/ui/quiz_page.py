"""The Quiz page: a self-test made from the data, named by its address so a class shares one quiz.

The kind and seed live in the view (``?quiz=mixed&seed=1234``); the answers live in the session,
keyed by the quiz, so they survive a language switch, a visit to an answer's event and the way back.
"""

from __future__ import annotations

import secrets

import streamlit as st

from timeline.dataset import Dataset
from timeline.markup import escape_markdown
from timeline.quiz import (
    DEFAULT_QUIZ_KIND,
    QUIZ_KINDS,
    Question,
    available_kinds,
    build_quiz,
    quiz_material,
    score_quiz,
)
from timeline.ui import state
from timeline.ui.data import active_dataset, dataset_key
from timeline.ui.navigation import document_link_button, event_link_button
from timeline.ui.state import t
from timeline.urlstate import ViewState, view_address

ANSWERS_KEY = "quiz_answers"
SUBMITTED_KEY = "quiz_submitted"
SHOWN_KEY = "quiz_shown"  # the quiz whose answers the answer widgets hold
ANSWER_WIDGET = "w_quiz_q"
# Letters name the events of an ordering question, so a choice stays clear when a phone truncates its title.
LETTERS = "ABCDEFGHIJ"


def render() -> None:
    """Draw the quiz the address names (a fresh one when it names none), its answers and its score."""
    dataset = active_dataset()
    view = _quiz_view()
    st.title(t("quiz_title"), anchor=False)
    st.caption(t("quiz_intro"))
    _render_controls(dataset, view)
    material = quiz_material(dataset, view.filters)
    if view.filters.is_default():
        st.caption(t("quiz_scope", count=len(material.events)))
    else:
        st.caption(t("quiz_scope_filtered", count=len(material.events), total=len(dataset.events)))
        st.button(t("quiz_all_events"), key="w_quiz_all_events", on_click=state.reset_filters,
                  icon=":material/filter_alt_off:", type="tertiary")
    quiz = build_quiz(material, view.quiz, view.quiz_seed, view.lang)
    st.header(t("quiz_number", kind=t(f"quiz_kind_{view.quiz}"), seed=view.quiz_seed), anchor=False)
    st.caption(t("quiz_share"))
    st.code(_share_address(view), language=None, wrap_lines=True)
    if not quiz.questions:
        missing_documents = view.quiz == "document" and "document" not in available_kinds(material)
        st.info(t("quiz_no_documents" if missing_documents else "quiz_too_few"), icon=":material/info:")
        return
    key = _quiz_key(dataset, view)
    answers = st.session_state.setdefault(ANSWERS_KEY, {}).setdefault(key, {})
    submitted = key in st.session_state.setdefault(SUBMITTED_KEY, set())
    _restore_answers(key, quiz.questions, answers)
    for question in quiz.questions:
        with st.container(key=f"quiz_question_{question.number}", border=True):
            st.subheader(t("quiz_question", number=question.number), anchor=False)
            st.markdown(escape_markdown(question.prompt))
            if question.subject:
                st.markdown("> " + escape_markdown(question.subject))
            if question.kind == "order":
                _render_order(question, answers, submitted)
            else:
                _render_choice(question, answers, submitted)
            if submitted:
                _render_result(question, answers.get(question.number, ()))
    with st.container(key="quiz_score"):
        if submitted:
            st.subheader(t("quiz_score", score=score_quiz(quiz, answers), total=len(quiz.questions)), anchor=False)
            retry, fresh = st.columns(2)
            retry.button(t("quiz_retry"), key="w_quiz_retry", on_click=_retry, args=(key,), icon=":material/replay:")
            fresh.button(t("quiz_new"), key="w_quiz_new_after", icon=":material/casino:", on_click=_new_quiz)
        else:
            st.button(t("quiz_submit"), key="w_quiz_submit", type="primary", on_click=_submit, args=(key,),
                      icon=":material/done_all:")


def _quiz_view() -> ViewState:
    """The view, with a kind and a seed filled in when the address named none (a fresh quiz)."""
    view = state.view()
    if view.quiz is None or view.quiz_seed is None:
        state.set_view(quiz=view.quiz or DEFAULT_QUIZ_KIND,
                       quiz_seed=view.quiz_seed if view.quiz_seed is not None else _new_seed())
    return state.view()


def _new_seed(avoid: int | None = None) -> int:
    """A four-digit seed, easy to read out in class; never the one just used."""
    while (seed := 1000 + secrets.randbelow(9000)) == avoid:
        pass
    return seed


def _new_quiz() -> None:
    """Another seed for the same kind and filters; the address follows."""
    state.set_view(quiz_seed=_new_seed(avoid=state.view().quiz_seed))


def _render_controls(dataset: Dataset, view: ViewState) -> None:
    lang = view.lang
    kinds = {kind: t(f"quiz_kind_{kind}") for kind in QUIZ_KINDS}
    st.segmented_control(
        t("quiz_kind"), list(kinds), key=state.bind("w_quiz_kind", view.quiz), required=True, format_func=kinds.get,
        on_change=lambda: state.set_view(quiz=st.session_state["w_quiz_kind"] or view.quiz),
    )
    eras = dataset.eras
    names = dict(zip(eras["id"], eras[f"name_{lang}"]))
    depth = dict(zip(eras["id"], (eras["parent"] != "").astype(int)))
    st.multiselect(
        t("quiz_eras"), list(eras["id"]), key=state.bind("w_quiz_eras", list(view.filters.eras)),
        format_func=lambda era: ("　↳ " if depth.get(era) else "") + names.get(era, era),
        placeholder=t("quiz_eras_placeholder"), select_all=False,
        on_change=lambda: state.set_filters(eras=tuple(st.session_state["w_quiz_eras"])),
    )
    st.button(t("quiz_new"), key="w_quiz_new", icon=":material/casino:", on_click=_new_quiz)


def _share_address(view: ViewState) -> str:
    """The address that asks this quiz again: language, filters, kind and seed, nothing else."""
    named = ViewState(lang=view.lang, filters=view.filters, quiz=view.quiz, quiz_seed=view.quiz_seed)
    return view_address(st.context.url or "quiz", named)


def _quiz_key(dataset: Dataset, view: ViewState) -> str:
    """Which quiz the answers belong to: the same questions in either language share their answers."""
    return f"{dataset_key(dataset)}|{view.quiz}|{view.quiz_seed}|{view.filters}"


def _answer_widgets(question: Question) -> list[str]:
    """The keys of the widgets holding a question's answer: one radio, or one select box per position."""
    if question.kind == "order":
        return [f"{ANSWER_WIDGET}{question.number}_{position}" for position in range(1, len(question.options) + 1)]
    return [f"{ANSWER_WIDGET}{question.number}"]


def _restore_answers(key: str, questions: tuple[Question, ...], answers: dict) -> None:
    """Give answer widgets new on the page (another quiz, or a return to this one) the answers saved for the quiz.

    A widget already on the page keeps its own value: writing the saved one back on every run would
    undo a second quick tap made while the first tap's run was still going.
    """
    if st.session_state.get(SHOWN_KEY) != key:
        _forget_answer_widgets()
        st.session_state[SHOWN_KEY] = key
    for question in questions:
        saved = answers.get(question.number, ())
        for index, widget in enumerate(_answer_widgets(question)):
            if widget not in st.session_state:
                st.session_state[widget] = saved[index] if index < len(saved) else None


def _forget_answer_widgets() -> None:
    for widget in [name for name in st.session_state if str(name).startswith(ANSWER_WIDGET)]:
        del st.session_state[widget]


def _save_answer(question: Question, answers: dict) -> None:
    """Keep a question's answer beyond its widgets, which a visit to another page clears."""
    answers[question.number] = tuple(st.session_state.get(widget) for widget in _answer_widgets(question))


def _render_choice(question: Question, answers: dict, submitted: bool) -> None:
    labels = {option.key: option.label for option in question.options}
    st.radio(
        t("quiz_question", number=question.number), list(labels), key=_answer_widgets(question)[0],
        format_func=lambda key: escape_markdown(labels[key]), label_visibility="collapsed", disabled=submitted,
        on_change=_save_answer, args=(question, answers),
    )


def _render_order(question: Question, answers: dict, submitted: bool) -> None:
    """The events lettered, then one select box per position: simple to use by keyboard and on a phone."""
    letters = {option.key: LETTERS[index] for index, option in enumerate(question.options)}
    labels = {option.key: f"{letters[option.key]}. {option.label}" for option in question.options}
    st.markdown("  \n".join(escape_markdown(label) for label in labels.values()))
    for position, widget in enumerate(_answer_widgets(question), start=1):
        st.selectbox(
            t("quiz_position", position=position), list(labels), key=widget, format_func=labels.get,
            placeholder=t("quiz_choose"), disabled=submitted, on_change=_save_answer, args=(question, answers),
        )


def _render_result(question: Question, given: tuple) -> None:
    """Right or wrong, the right answer when it was not given, and links to what the question is about."""
    if question.is_right(given):
        st.badge(t("quiz_right"), icon=":material/check_circle:", color="green")
    else:
        verdict = "quiz_wrong" if given and all(given) else "quiz_unanswered"
        st.badge(t(verdict), icon=":material/cancel:", color="red")
        if question.kind != "order":
            st.markdown(escape_markdown(t("quiz_right_answer", answer=question.answer_labels()[0])))
    st.caption(t("quiz_right_order" if question.kind == "order" else "quiz_read_more"))
    with st.container(gap=None):
        for index, target in enumerate(question.about):
            label = f"{index + 1}. {target.label}" if question.kind == "order" else target.label
            if target.kind == "event":
                event_link_button(target.id, escape_markdown(label), key=f"w_quiz_link_{question.number}_{target.id}")
            else:
                document_link_button(target.id, escape_markdown(label), part=target.part,
                                     key=f"w_quiz_link_{question.number}_{target.id}")


def _submit(key: str) -> None:
    st.session_state[SUBMITTED_KEY].add(key)


def _retry(key: str) -> None:
    st.session_state[SUBMITTED_KEY].discard(key)
    st.session_state[ANSWERS_KEY].pop(key, None)
    _forget_answer_widgets()
