"""What is wrong with a data file, said so a person can find and fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in one place: file, spreadsheet row (the header is row 1), column and value."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def location(self) -> str:
        """Where the problem is, e.g. ``events.csv, row 5, column "date"``."""
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f'column "{self.column}"')
        return ", ".join(parts)

    def __str__(self) -> str:
        value = "" if self.value is None else f"value {_quote(self.value)}: "
        return f"{self.location()}: {value}{self.message}"


class DataError(Exception):
    """Raised when a data folder has problems; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the data")
        self.problems = problems


def _quote(value: str, limit: int = 60) -> str:
    shown = value if len(value) <= limit else value[: limit - 1] + "…"
    return '"' + shown.replace("\n", "\\n") + '"'
