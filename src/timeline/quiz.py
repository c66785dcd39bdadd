"""Quizzes generated from the data: the same kind and seed always ask the same questions.

A quiz is named by its kind and a seed (``?quiz=mixed&seed=1234``) and draws on the events the
filters leave. Every choice comes from a random generator seeded by the kind and the seed alone,
never by the language, so a Chinese and an English class sharing one address answer the same
questions, each in its own words. Each question carries what it is about, so an answer can link to
its event or document. Pure: no streamlit.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from timeline.dataset import Dataset, split_ids
from timeline.dates import format_date, parse_date
from timeline.filters import FilterState, apply_filters
from timeline.i18n import translate

QUESTION_KINDS = ("order", "era", "date", "document")
QUIZ_KINDS = ("mixed", *QUESTION_KINDS)
DEFAULT_QUIZ_KIND = "mixed"
QUESTIONS_PER_QUIZ = 5
ORDER_SIZE = 5
OPTION_COUNT = 4
MIN_OPTIONS = 3
MAX_SEED = 999_999_999
# One ordering question draws from this many neighbouring events: a decade or two a student can reason
# about, rather than five events spread from 1945 to 2022 that only need the century's outline.
ORDER_WINDOW = 24
# Wrong options come from the nearest few candidates, so they are plausible but still vary by seed.
NEAREST_CANDIDATES = 6
# Wrong dates come from events of the same category within fifteen years, then from the nearest others.
NEAR_DATE_DAYS = 15 * 365
# Landmark and major events make fairer questions than context ones, while enough of them are in scope.
MAJOR_IMPORTANCE = 2


@dataclass(frozen=True)
class QuizMaterial:
    """What a quiz draws on: the events in scope, every era, and the documents with their parts."""

    events: pd.DataFrame
    eras: pd.DataFrame
    documents: pd.DataFrame = field(default_factory=pd.DataFrame)
    parts: pd.DataFrame = field(default_factory=pd.DataFrame)


@dataclass(frozen=True)
class Option:
    """One choice: ``key`` is what an answer records (an era id, a date, an event or document id)."""

    key: str
    label: str


@dataclass(frozen=True)
class Target:
    """What a question is about, for the answer's link: an event, or a document at one of its parts."""

    kind: str  # "event" or "document"
    id: str
    label: str
    part: str | None = None


@dataclass(frozen=True)
class Question:
    """One question: its words, its options, the right answer and what it is about.

    ``answer`` holds the right option's key; for an ordering question, every event's key, earliest first.
    """

    number: int
    kind: str
    prompt: str
    subject: str
    options: tuple[Option, ...]
    answer: tuple[str, ...]
    about: tuple[Target, ...]

    def is_right(self, given: Sequence[str | None]) -> bool:
        """True when ``given`` (one key, or the keys in the order chosen) is the right answer."""
        return tuple(given) == self.answer

    def answer_labels(self) -> list[str]:
        """The right answer in words (for an ordering question, each event in order)."""
        labels = {option.key: option.label for option in self.options}
        return [labels[key] for key in self.answer]


@dataclass(frozen=True)
class Quiz:
    """The questions one address asks."""

    kind: str
    seed: int
    lang: str
    questions: tuple[Question, ...]


def score_quiz(quiz: Quiz, answers: Mapping[int, Sequence[str | None]]) -> int:
    """How many questions ``answers`` (question number → the keys given) got right."""
    return sum(question.is_right(answers.get(question.number, ())) for question in quiz.questions)


def available_kinds(material: QuizMaterial) -> tuple[str, ...]:
    """The question kinds this material can ask: documents only when some part has a digest."""
    return tuple(kind for kind in QUESTION_KINDS if kind != "document" or not _digested_parts(material).empty)


def quiz_material(dataset: Dataset, filters: FilterState) -> QuizMaterial:
    """What a quiz on ``dataset`` narrowed by ``filters`` draws on; when filtered, only the events' documents."""
    events = apply_filters(dataset, filters)
    documents, parts = dataset.documents, dataset.document_parts
    if not filters.is_default():
        documents = documents_about(documents, list(events["id"]))
    return QuizMaterial(events=events, eras=dataset.eras, documents=documents, parts=parts)


def documents_about(documents: pd.DataFrame, event_ids: Sequence[str]) -> pd.DataFrame:
    """The documents that belong to at least one of ``event_ids`` (a filtered quiz asks only of those)."""
    if documents.empty:
        return documents
    wanted = set(event_ids)
    return documents[[bool(wanted.intersection(split_ids(cell))) for cell in documents["events"]]]


def build_quiz(material: QuizMaterial, kind: str, seed: int, lang: str) -> Quiz:
    """The quiz of ``kind`` for ``seed`` in ``lang``; fewer questions (or none) when the material runs short.

    Raises ``ValueError`` for a kind outside :data:`QUIZ_KINDS`.
    """
    if kind not in QUIZ_KINDS:
        raise ValueError(f"unknown quiz kind {kind!r}; expected one of {', '.join(QUIZ_KINDS)}")
    rng = random.Random(f"{kind}:{seed}")
    planned = _plan(material, kind, rng)
    used = _Used()
    questions: list[Question] = []
    for question_kind in planned:
        question = _BUILDERS[question_kind](material, rng, used.view(question_kind), lang, len(questions) + 1)
        if question is not None:
            questions.append(question)
            used.add(question)
    return Quiz(kind=kind, seed=seed, lang=lang, questions=tuple(questions))


def _plan(material: QuizMaterial, kind: str, rng: random.Random) -> list[str]:
    """The kinds of the quiz's questions: one of each kind the material allows first, for a mixed quiz."""
    kinds = available_kinds(material)
    if kind != DEFAULT_QUIZ_KIND:
        return [kind] * QUESTIONS_PER_QUIZ if kind in kinds else []
    plan = list(kinds)
    rng.shuffle(plan)
    choice_kinds = [each for each in kinds if each != "order"]  # one ordering question is plenty
    while len(plan) < QUESTIONS_PER_QUIZ and choice_kinds:
        plan.append(rng.choice(choice_kinds))
    return plan[:QUESTIONS_PER_QUIZ]


@dataclass
class _Used:
    """What the questions so far were about, by kind: never asked twice the same way, and others first."""

    by_kind: dict[str, set[str]] = field(default_factory=dict)

    def add(self, question: Question) -> None:
        self.by_kind.setdefault(question.kind, set()).update(target.id for target in question.about)

    def view(self, kind: str) -> _UsedView:
        """What a question of ``kind`` must avoid (``same``) and had better avoid (``any``)."""
        every = set().union(*self.by_kind.values()) if self.by_kind else set()
        return _UsedView(same=frozenset(self.by_kind.get(kind, set())), any=frozenset(every))


@dataclass(frozen=True)
class _UsedView:
    same: frozenset[str]
    any: frozenset[str]


def _preferred_events(events: pd.DataFrame, used: _UsedView, minimum: int) -> pd.DataFrame:
    """Events no question of this kind asked about: unasked ones while any remain, major ones while enough do."""
    allowed = events[~events["id"].isin(used.same)]
    fresh = allowed[~allowed["id"].isin(used.any)]
    pool = fresh if len(fresh) >= minimum else allowed
    major = pool[pool["importance"] <= MAJOR_IMPORTANCE]
    return major if len(major) >= minimum else pool


def _event_label(event: pd.Series, lang: str) -> str:
    return str(event[f"title_{lang}"])


def _event_target(event: pd.Series, lang: str) -> Target:
    return Target("event", str(event["id"]), f"{event[f'date_{lang}']} · {event[f'title_{lang}']}")


def _order_question(material: QuizMaterial, rng: random.Random, used: _UsedView, lang: str,
                    number: int) -> Question | None:
    """Five events whose dates cannot be confused (their days, months or years do not overlap) to put in order."""
    pool = _preferred_events(material.events, used, ORDER_WINDOW)
    if len(pool) < ORDER_SIZE:
        return None
    start = rng.randrange(max(1, len(pool) - ORDER_WINDOW + 1))
    picks = _distinct_dates(pool.iloc[start:start + ORDER_WINDOW], rng)
    if len(picks) < ORDER_SIZE:
        picks = _distinct_dates(pool, rng)
    if len(picks) < ORDER_SIZE:
        return None
    in_order = sorted(picks, key=lambda event: parse_date(event["date"]).first_day())
    shown = list(picks)
    while [event["id"] for event in shown] == [event["id"] for event in in_order]:
        rng.shuffle(shown)
    return Question(
        number=number, kind="order", prompt=translate("quiz_prompt_order", lang, count=ORDER_SIZE), subject="",
        options=tuple(Option(str(event["id"]), _event_label(event, lang)) for event in shown),
        answer=tuple(str(event["id"]) for event in in_order),
        about=tuple(_event_target(event, lang) for event in in_order),
    )


def _distinct_dates(events: pd.DataFrame, rng: random.Random) -> list[pd.Series]:
    """Up to five events, picked at random, no two of whose dates could mean the same day."""
    picks: list[pd.Series] = []
    spans: list[tuple] = []
    for position in rng.sample(range(len(events)), len(events)):
        event = events.iloc[position]
        date = parse_date(event["date"])
        span = (date.first_day(), date.last_day())
        if all(span[1] < other[0] or other[1] < span[0] for other in spans):
            picks.append(event)
            spans.append(span)
            if len(picks) == ORDER_SIZE:
                break
    return picks


def _pick_event(material: QuizMaterial, rng: random.Random, used: _UsedView) -> pd.Series | None:
    pool = _preferred_events(material.events, used, 1)
    return None if pool.empty else pool.iloc[rng.randrange(len(pool))]


def _nearest(candidates: list[tuple[tuple, str]], rng: random.Random) -> list[str]:
    """Three wrong options drawn from the nearest few candidates (each ``(distance, key)``, keys unique)."""
    nearest = [key for _, key in sorted(candidates)[:NEAREST_CANDIDATES]]
    return rng.sample(nearest, min(OPTION_COUNT - 1, len(nearest)))


def _era_question(material: QuizMaterial, rng: random.Random, used: _UsedView, lang: str,
                  number: int) -> Question | None:
    """Which era an event belongs to; the wrong eras are its neighbours, never the era's own parent or phases."""
    event = _pick_event(material, rng, used)
    if event is None:
        return None
    eras = material.eras.set_index("id", drop=False)
    right = str(event["era"])
    if right not in eras.index:
        return None
    parents = dict(zip(eras["id"], eras["parent"]))
    related = _ancestors(right, parents) | {era for era in eras["id"] if right in _ancestors(era, parents)}
    start = eras.at[right, "start_day"]
    candidates = [
        ((parents[era] != parents[right], abs((eras.at[era, "start_day"] - start).days), era), era)
        for era in eras["id"] if era != right and era not in related
    ]
    wrong = _nearest(candidates, rng)
    if len(wrong) < MIN_OPTIONS - 1:
        return None
    chosen = sorted([right, *wrong], key=lambda era: (eras.at[era, "start_day"], era))
    return Question(
        number=number, kind="era", prompt=translate("quiz_prompt_era", lang), subject=_event_label(event, lang),
        options=tuple(Option(era, str(eras.at[era, f"name_{lang}"])) for era in chosen),
        answer=(right,), about=(_event_target(event, lang),),
    )


def _ancestors(era: str, parents: Mapping[str, str]) -> set[str]:
    found: set[str] = set()
    while parents.get(era) and parents[era] not in found:
        era = parents[era]
        found.add(era)
    return found


def _date_question(material: QuizMaterial, rng: random.Random, used: _UsedView, lang: str,
                   number: int) -> Question | None:
    """When an event happened, among dates of the same precision taken from nearby events, its category's first."""
    event = _pick_event(material, rng, used)
    if event is None:
        return None
    right = str(event["date"])
    right_day = parse_date(right).first_day()
    candidates: dict[str, tuple] = {}
    for other in material.events.itertuples():
        if len(other.date) < len(right) or other.date[:len(right)] == right:
            continue
        text = other.date[:len(right)]
        days = abs((parse_date(text).first_day() - right_day).days)
        distance = (days > NEAR_DATE_DAYS, other.category != event["category"], days, text)
        candidates[text] = min(distance, candidates.get(text, distance))
    wrong = _nearest([(distance, text) for text, distance in candidates.items()], rng)
    if len(wrong) < MIN_OPTIONS - 1:
        return None
    chosen = sorted([right, *wrong])
    prompt = "quiz_prompt_date_began" if str(event["end_date"]).strip() else "quiz_prompt_date"
    return Question(
        number=number, kind="date", prompt=translate(prompt, lang), subject=_event_label(event, lang),
        options=tuple(Option(text, format_date(parse_date(text), lang)) for text in chosen),
        answer=(right,), about=(_event_target(event, lang),),
    )


def _digested_parts(material: QuizMaterial) -> pd.DataFrame:
    """The parts of the material's documents that have a digest, in a fixed order."""
    parts, documents = material.parts, material.documents
    if parts.empty or documents.empty:
        return parts
    mask = parts["document"].isin(documents["id"]) & (parts["digest_zh"].str.strip() != "")
    mask &= parts["digest_en"].str.strip() != ""
    return parts[mask].sort_values(["document", "order"], key=_natural, kind="stable")


def _natural(column: pd.Series) -> pd.Series:
    return pd.to_numeric(column, errors="coerce") if column.name == "order" else column


def _document_question(material: QuizMaterial, rng: random.Random, used: _UsedView, lang: str,
                       number: int) -> Question | None:
    """Which document a part's digest comes from; the wrong documents are of the same kind or close in date.

    The part's heading is kept for the answer: a heading such as "Important Influence Situations Act" gives it away.
    """
    parts = _digested_parts(material)
    unasked = parts[~parts["document"].isin(used.any)]
    parts = unasked if not unasked.empty else parts[~parts["document"].isin(used.same)]
    if parts.empty:
        return None
    part = parts.iloc[rng.randrange(len(parts))]
    documents = material.documents.set_index("id", drop=False)
    right = str(part["document"])
    signed = dict(zip(documents["id"], (_first_day(text) for text in documents["signed"])))
    candidates = [
        ((documents.at[doc, "kind"] != documents.at[right, "kind"], abs(signed[doc] - signed[right]), doc), doc)
        for doc in documents["id"] if doc != right
    ]
    wrong = _nearest(candidates, rng)
    if len(wrong) < MIN_OPTIONS - 1:
        return None
    chosen = sorted([right, *wrong], key=lambda doc: (signed[doc], doc))
    title = str(documents.at[right, f"title_{lang}"])
    return Question(
        number=number, kind="document", prompt=translate("quiz_prompt_document", lang),
        subject=str(part[f"digest_{lang}"]),
        options=tuple(Option(doc, str(documents.at[doc, f"title_{lang}"])) for doc in chosen),
        answer=(right,), about=(Target("document", right, f"{title} · {part[f'heading_{lang}']}", str(part["part"])),),
    )


def _first_day(text: str) -> int:
    """A document's signing day as a day number, for distances; undated documents sort last."""
    try:
        return parse_date(str(text)).first_day().toordinal()
    except ValueError:
        return 10**7


_BUILDERS = {
    "order": _order_question,
    "era": _era_question,
    "date": _date_question,
    "document": _document_question,
}
