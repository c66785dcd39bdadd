"""The view a URL carries: language, filters, the open event or era, the open document or comparison, the tour,
and the quiz.

Pure both ways, so a copied link reopens the same view: :func:`view_from_params` reads query
parameters (ignoring, and reporting, values it does not know) and :func:`params_from_view` writes
the shortest parameters that say the same.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from timeline.dataset import Dataset
from timeline.filters import FilterState, year_bounds
from timeline.quiz import MAX_SEED, QUIZ_KINDS
from timeline.tours import tour_ids, tour_stop
from timeline.vocab import CATEGORIES, DEFAULT_LANGUAGE, DOCUMENT_KINDS, IMPORTANCE, LANGUAGES, SOURCE_KINDS

PARAM_NAMES = ("lang", "era", "cat", "imp", "years", "q", "event", "show_era", "cmp", "theme", "kind", "sq",
               "doc", "part", "doc_kind", "doc_era", "doc_cmp", "tour", "stop", "quiz", "seed")
# Parameters Streamlit itself understands; never reported as unknown.
_STREAMLIT_PARAMS = ("embed", "embed_options")


@dataclass(frozen=True)
class ViewState:
    """Everything a link can reopen."""

    lang: str = DEFAULT_LANGUAGE
    filters: FilterState = field(default_factory=FilterState)
    event: str | None = None
    era: str | None = None
    compare: tuple[str, ...] = ()
    theme: str | None = None
    source_kinds: tuple[str, ...] = ()
    source_query: str = ""
    # The Documents page: the open document and part (?doc=1960-treaty&part=art-6), the list's filters, a comparison.
    document: str | None = None
    part: str | None = None
    document_kinds: tuple[str, ...] = ()
    document_eras: tuple[str, ...] = ()
    comparison: str | None = None
    tour: str | None = None
    stop: int = 1  # the tour's stop, from 1; meaningful only with a tour
    # The quiz page: its kind and seed (?quiz=mixed&seed=1234), so everyone at one address gets the same questions.
    quiz: str | None = None
    quiz_seed: int | None = None


@dataclass(frozen=True)
class IgnoredParam:
    """A query parameter, or one value of it, that the URL named but the data does not know."""

    name: str
    value: str


def view_from_params(params: Mapping[str, str | list[str]], dataset: Dataset) -> tuple[ViewState, list[IgnoredParam]]:
    """The view that ``params`` describe, and what in them had to be ignored."""
    ignored: list[IgnoredParam] = []
    value = {name: _single(raw) for name, raw in params.items()}
    for name in value:
        if name not in PARAM_NAMES and name not in _STREAMLIT_PARAMS:
            ignored.append(IgnoredParam(name, value[name]))

    lang = value.get("lang", DEFAULT_LANGUAGE)
    if lang not in LANGUAGES:
        ignored.append(IgnoredParam("lang", lang))
        lang = DEFAULT_LANGUAGE
    era_ids = set(dataset.eras["id"])
    eras = _known_items(value.get("era", ""), era_ids, "era", ignored)
    categories = _known_items(value.get("cat", ""), set(CATEGORIES), "cat", ignored)
    levels = {str(level) for level in IMPORTANCE}
    importance = tuple(int(level) for level in _known_items(value.get("imp", ""), levels, "imp", ignored))
    years = _years(value.get("years", ""), year_bounds(dataset), ignored)
    event = _known_one(value.get("event", ""), set(dataset.events["id"]), "event", ignored)
    era = _known_one(value.get("show_era", ""), era_ids, "show_era", ignored)
    compare = _known_items(value.get("cmp", ""), set(dataset.adjustments.get("id", [])), "cmp", ignored)
    theme = _known_one(value.get("theme", ""), set(dataset.themes["id"]), "theme", ignored)
    source_kinds = _known_items(value.get("kind", ""), set(SOURCE_KINDS), "kind", ignored)
    filters = FilterState(eras=eras, categories=categories, importance=importance, years=years,
                          query=value.get("q", "").strip())
    tour, stop = _tour_stop(value.get("tour", ""), value.get("stop", ""), dataset, ignored)
    if tour and "event" not in value and era is None:  # ``event=`` (empty): the reader closed the stop's panel
        event = stop_event(dataset, tour, stop)
    view = ViewState(lang=lang, filters=filters, event=event, era=era, compare=compare, theme=theme,
                     source_kinds=source_kinds, source_query=value.get("sq", "").strip(), tour=tour, stop=stop,
                     quiz=_known_one(value.get("quiz", ""), set(QUIZ_KINDS), "quiz", ignored),
                     quiz_seed=_seed(value.get("seed", ""), ignored),
                     **_document_view(value, dataset, ignored))
    return view, ignored


def _document_view(value: dict[str, str], dataset: Dataset, ignored: list[IgnoredParam]) -> dict:
    """The Documents page's part of the view; a part counts only within the document named beside it."""
    documents, parts = dataset.documents, dataset.document_parts
    document = _known_one(value.get("doc", ""), set(documents.get("id", [])), "doc", ignored)
    known_parts = set(parts.loc[parts["document"] == document, "part"]) if document and not parts.empty else set()
    part = _known_one(value.get("part", ""), known_parts, "part", ignored)
    return {
        "document": document,
        "part": part,
        "document_kinds": _known_items(value.get("doc_kind", ""), set(DOCUMENT_KINDS), "doc_kind", ignored),
        "document_eras": _known_items(value.get("doc_era", ""), set(dataset.eras["id"]), "doc_era", ignored),
        "comparison": _known_one(value.get("doc_cmp", ""), set(dataset.comparisons.get("id", [])), "doc_cmp", ignored),
    }


def params_from_view(view: ViewState) -> dict[str, str]:
    """The query parameters of ``view``; defaults are left out so links stay short."""
    params: dict[str, str] = {}
    if view.lang != DEFAULT_LANGUAGE:
        params["lang"] = view.lang
    state = view.filters
    if state.eras:
        params["era"] = ",".join(state.eras)
    if state.categories:
        params["cat"] = ",".join(state.categories)
    if state.importance:
        params["imp"] = ",".join(str(level) for level in state.importance)
    if state.years is not None:
        params["years"] = f"{state.years[0]}-{state.years[1]}"
    if state.query.strip():
        params["q"] = state.query.strip()
    if view.event:
        params["event"] = view.event
    if view.era:
        params["show_era"] = view.era
    if view.compare:
        params["cmp"] = ",".join(view.compare)
    if view.theme:
        params["theme"] = view.theme
    if view.source_kinds:
        params["kind"] = ",".join(view.source_kinds)
    if view.source_query.strip():
        params["sq"] = view.source_query.strip()
    if view.document:
        params["doc"] = view.document
        if view.part:
            params["part"] = view.part
    if view.document_kinds:
        params["doc_kind"] = ",".join(view.document_kinds)
    if view.document_eras:
        params["doc_era"] = ",".join(view.document_eras)
    if view.comparison:
        params["doc_cmp"] = view.comparison
    if view.tour:
        params["tour"] = view.tour
        if view.stop != 1:
            params["stop"] = str(view.stop)
        if not view.event and not view.era:
            params["event"] = ""  # else the address would reopen the stop's panel the reader closed
    if view.quiz:
        params["quiz"] = view.quiz
    if view.quiz_seed is not None:
        params["seed"] = str(view.quiz_seed)
    return params


def stop_event(dataset: Dataset, tour: str, stop: int) -> str | None:
    """The event at stop ``stop`` of ``tour``."""
    found = tour_stop(dataset, tour, stop)
    return found.event if found else None


def _tour_stop(tour_text: str, stop_text: str, dataset: Dataset,
               ignored: list[IgnoredParam]) -> tuple[str | None, int]:
    """The tour the address names and its stop (the first when none, or an unknown one, is named)."""
    tour = _known_one(tour_text, set(tour_ids(dataset)), "tour", ignored)
    stop_text = stop_text.strip()
    if tour is None:
        if stop_text:
            ignored.append(IgnoredParam("stop", stop_text))
        return None, 1
    if not stop_text:
        return tour, 1
    if stop_text.isdigit() and tour_stop(dataset, tour, int(stop_text)) is not None:
        return tour, int(stop_text)
    ignored.append(IgnoredParam("stop", stop_text))
    return tour, 1


def _single(raw: str | list[str]) -> str:
    return (raw[-1] if raw else "") if isinstance(raw, list) else str(raw)


def _known_items(text: str, known: set[str], name: str, ignored: list[IgnoredParam]) -> tuple[str, ...]:
    items: list[str] = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        if item in known:
            if item not in items:
                items.append(item)
        else:
            ignored.append(IgnoredParam(name, item))
    return tuple(items)


def _known_one(text: str, known: set[str], name: str, ignored: list[IgnoredParam]) -> str | None:
    text = text.strip()
    if not text:
        return None
    if text in known:
        return text
    ignored.append(IgnoredParam(name, text))
    return None


def _years(text: str, bounds: tuple[int, int], ignored: list[IgnoredParam]) -> tuple[int, int] | None:
    text = text.strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{4})", text)
    if not match:
        ignored.append(IgnoredParam("years", text))
        return None
    first, last = sorted((int(match[1]), int(match[2])))
    first, last = max(first, bounds[0]), min(last, bounds[1])
    if first > last:
        ignored.append(IgnoredParam("years", text))
        return None
    return None if (first, last) == bounds else (first, last)


def view_address(base_url: str, view: ViewState) -> str:
    """The full address that reopens ``view`` on the dashboard at ``base_url`` (for "Cite this" and links)."""
    params = params_from_view(view)
    return base_url + ("?" + urlencode(params, quote_via=quote) if params else "")


def _seed(text: str, ignored: list[IgnoredParam]) -> int | None:
    """A quiz seed: a whole number from 0 to MAX_SEED, written in ASCII digits."""
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"[0-9]{1,9}", text) and int(text) <= MAX_SEED:
        return int(text)
    ignored.append(IgnoredParam("seed", text))
    return None
