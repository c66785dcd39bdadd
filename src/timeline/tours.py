"""Guided tours: a titled sequence of events, each stop with a narrative leading on to the next.

Pure: ``(dataset, tour id, stop) → where the reader is``. Stops are numbered from 1, as the
address shows them (``?tour=okinawa&stop=3``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from timeline.dataset import Dataset


@dataclass(frozen=True)
class TourStop:
    """Where a reader stands in a tour: the stop's event and narrative, its place, and its neighbours."""

    tour: str
    stop: int  # 1-based
    count: int
    event: str
    text_zh: str
    text_en: str

    @property
    def previous(self) -> int | None:
        """The previous stop's number, or None at the first stop."""
        return self.stop - 1 if self.stop > 1 else None

    @property
    def next(self) -> int | None:
        """The next stop's number, or None at the last stop."""
        return self.stop + 1 if self.stop < self.count else None

    def text(self, lang: str) -> str:
        """The stop's narrative in ``lang``."""
        return self.text_zh if lang == "zh" else self.text_en


def tour_ids(dataset: Dataset) -> list[str]:
    """The tours, in the order of tours.csv."""
    return list(dataset.tours["id"]) if not dataset.tours.empty else []


def tour_row(dataset: Dataset, tour_id: str) -> pd.Series | None:
    """The tour's row of tours.csv (title, summary, audience), or None for an unknown tour."""
    rows = dataset.tours[dataset.tours["id"] == tour_id] if not dataset.tours.empty else dataset.tours
    return None if rows.empty else rows.iloc[0]


def tour_stops(dataset: Dataset, tour_id: str) -> pd.DataFrame:
    """The tour's stops in order (columns of tour_stops.csv); empty for an unknown tour."""
    stops = dataset.tour_stops
    if stops.empty:
        return stops
    return stops[stops["tour"] == tour_id].sort_values("order", kind="stable").reset_index(drop=True)


def tour_path(dataset: Dataset, tour_id: str) -> list[str]:
    """The event ids of the tour's stops, in order: the path drawn on the timeline."""
    return list(tour_stops(dataset, tour_id)["event"])


def tour_stop(dataset: Dataset, tour_id: str, stop: int) -> TourStop | None:
    """Stop number ``stop`` (from 1) of the tour, or None when the tour or the stop does not exist."""
    stops = tour_stops(dataset, tour_id)
    if not 1 <= stop <= len(stops):
        return None
    row = stops.iloc[stop - 1]
    return TourStop(tour=tour_id, stop=stop, count=len(stops), event=row["event"], text_zh=row["text_zh"],
                    text_en=row["text_en"])
