"""The list view of the timeline: events as cards grouped by era, the reading order of a narrow screen.

Pure: ``(events, eras, lang) → groups``; the UI hands the groups to a small browser component that
draws one tappable card per event (a whole card is the target, far above WCAG 2.5.8's 24 × 24 px).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from timeline.vocab import category_label, importance_label

LIST_LIMIT = 300  # cards drawn at most; past this the reader is asked to filter (as with the event picker)


@dataclass(frozen=True)
class Card:
    """One event as the list shows it."""

    id: str
    date: str
    title: str
    summary: str
    category: str
    importance: int
    importance_label: str


@dataclass(frozen=True)
class EraGroup:
    """A top-level era heading and the cards of its events (phases included), in time order."""

    id: str
    name: str
    span: str
    cards: tuple[Card, ...]


def group_events_by_era(events: pd.DataFrame, eras: pd.DataFrame, lang: str,
                        limit: int = LIST_LIMIT) -> list[EraGroup]:
    """The first ``limit`` events, in time order, under the top-level era each belongs to.

    An event of a phase (an occupation phase) sits under its parent era; an era with no shown event
    is left out, so a filtered list has no empty headings.
    """
    top_of = _top_level_era_of(eras)
    shown = events.head(limit)
    by_era: dict[str, list[Card]] = {}
    for event in shown.itertuples():
        by_era.setdefault(top_of.get(event.era, event.era), []).append(Card(
            id=event.id, date=getattr(event, f"date_{lang}"), title=getattr(event, f"title_{lang}"),
            summary=getattr(event, f"summary_{lang}"), category=category_label(event.category, lang),
            importance=int(event.importance), importance_label=importance_label(int(event.importance), lang),
        ))
    groups = []
    for era in eras[eras["parent"] == ""].itertuples():
        if era.id in by_era:
            groups.append(EraGroup(era.id, getattr(era, f"name_{lang}"), getattr(era, f"span_{lang}"),
                                   tuple(by_era.pop(era.id))))
    # Events whose era is not a known top-level era (never in valid data) still show, last.
    groups += [EraGroup(era_id, era_id, "", tuple(cards)) for era_id, cards in by_era.items()]
    return groups


def groups_as_data(groups: list[EraGroup]) -> list[dict]:
    """The groups as plain JSON-ready dicts, for the browser component."""
    return [asdict(group) for group in groups]


def _top_level_era_of(eras: pd.DataFrame) -> dict[str, str]:
    parents = dict(zip(eras["id"], eras["parent"]))
    top: dict[str, str] = {}
    for era_id in parents:
        current, seen = era_id, set()
        while parents.get(current) and current not in seen:
            seen.add(current)
            current = parents[current]
        top[era_id] = current
    return top
