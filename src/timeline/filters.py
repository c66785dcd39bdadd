"""Filtering events: a frozen :class:`FilterState` and the pure :func:`apply_filters`."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from timeline.dataset import Dataset
from timeline.search import query_terms


@dataclass(frozen=True)
class FilterState:
    """What the user narrowed the timeline to; an empty selection means "all"."""

    eras: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    importance: tuple[int, ...] = ()
    years: tuple[int, int] | None = None
    query: str = ""

    def is_default(self) -> bool:
        """True when nothing is filtered."""
        return self == FilterState()


def apply_filters(dataset: Dataset, state: FilterState) -> pd.DataFrame:
    """The events matching every part of ``state``, in their original order.

    Choosing an era includes its phases; a year range keeps an event that overlaps it; the query's
    words must all occur in an event's texts or aliases, in either language.
    """
    events = dataset.events
    mask = pd.Series(True, index=events.index)
    if state.eras:
        family: set[str] = set()
        for era in state.eras:
            family |= dataset.era_family(era)
        mask &= events["era"].isin(family)
    if state.categories:
        mask &= events["category"].isin(state.categories)
    if state.importance:
        mask &= events["importance"].isin(state.importance)
    if state.years is not None:
        first, last = state.years
        ends = events["end"].dt.year.fillna(events["year"])
        mask &= (events["year"] <= last) & (ends >= first)
    for term in query_terms(state.query):
        mask &= events["search_text"].str.contains(term, regex=False)
    return events[mask]


def year_bounds(dataset: Dataset) -> tuple[int, int]:
    """The first and last year any event or era touches, for the year-range slider.

    Column minima and maxima; the page caches the result per data content (a few milliseconds a rerun).
    """
    events, eras = dataset.events, dataset.eras
    columns = [events["year"], events["end"].dt.year, eras["start_day"].dt.year, eras["end_day"].dt.year]
    firsts = [column.min() for column in columns if column.notna().any()]
    lasts = [column.max() for column in columns if column.notna().any()]
    return (int(min(firsts)), int(max(lasts))) if firsts else (1945, 2022)
