"""Typed links between events: what one event led to, responded to, implemented or revised.

Pure: ``(dataset, event id, lang) → groups``. Each link in ``links.csv`` reads one way from its source
("led to …") and the other way from its target ("grew out of …"); a link of a type without a date
order (steps of one negotiation) reads the same both ways.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline.dataset import Dataset
from timeline.i18n import translate
from timeline.vocab import LINK_TYPES

DIRECTIONS = ("out", "in")


@dataclass(frozen=True)
class LinkedEvent:
    """One event at the other end of a link, with the link's note in the reader's language."""

    event: str
    note: str


@dataclass(frozen=True)
class LinkGroup:
    """The events linked to an open event by one type in one direction, under the phrase that says how."""

    type: str
    direction: str  # "out": the open event is the link's source; "in": its target
    phrase: str
    events: tuple[LinkedEvent, ...]


@dataclass(frozen=True)
class EventLink:
    """A link touching the open event, as the chart draws it: from the earlier-named end to the other."""

    source: str
    target: str
    type: str


def link_phrase(link_type: str, direction: str, lang: str) -> str:
    """How a link reads from one end: "Led to" from a cause, "Grew out of" from its effect."""
    return translate(f"link_{link_type}_{_reading(link_type, direction)}", lang)


def _reading(link_type: str, direction: str) -> str:
    return "out" if LINK_TYPES[link_type]["order"] == "any" else direction


def event_links(dataset: Dataset, event_id: str) -> list[EventLink]:
    """Every link that starts or ends at ``event_id``, in the order of links.csv."""
    links = dataset.links
    if links.empty:
        return []
    touching = links[(links["source"] == event_id) | (links["target"] == event_id)]
    return [EventLink(link.source, link.target, link.type) for link in touching.itertuples()]


def link_groups(dataset: Dataset, event_id: str, lang: str) -> list[LinkGroup]:
    """The open event's links grouped by type and direction, each group's events in time order.

    Groups come in the vocabulary's order, "out" before "in"; an event gone from the data is left out.
    """
    links = dataset.links
    if links.empty:
        return []
    grouped: dict[tuple[str, str], list[tuple[object, LinkedEvent]]] = {}
    for link in links[(links["source"] == event_id) | (links["target"] == event_id)].itertuples():
        direction = "out" if link.source == event_id else "in"
        other = link.target if direction == "out" else link.source
        row = dataset.event_row.get(other)
        if row is None:
            continue
        key = (link.type, _reading(link.type, direction))
        note = str(getattr(link, f"note_{lang}"))
        members = grouped.setdefault(key, [])
        if all(linked.event != other for _, linked in members):  # a symmetric link written both ways
            members.append((dataset.events.at[row, "start"], LinkedEvent(other, note)))
    order = {(link_type, direction): index for index, (link_type, direction)
             in enumerate((t, d) for t in LINK_TYPES for d in DIRECTIONS)}
    return [LinkGroup(link_type, direction, link_phrase(link_type, direction, lang),
                      tuple(linked for _, linked in sorted(members, key=lambda member: member[0])))
            for (link_type, direction), members in sorted(grouped.items(), key=lambda item: order[item[0]])]


def linked_share(dataset: Dataset, importance: int = 1) -> float:
    """The share of events of ``importance`` (landmarks by default) with at least one typed link."""
    chosen = dataset.events[dataset.events["importance"] == importance]["id"]
    if chosen.empty:
        return 1.0
    linked = set(dataset.links["source"]) | set(dataset.links["target"]) if not dataset.links.empty else set()
    return float(chosen.isin(linked).mean())
