"""CSV export of the filtered events: UTF-8 with BOM, safe to open in Excel and WPS.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is prefixed with
an apostrophe, as OWASP advises against CSV injection, so a spreadsheet shows it as text instead
of running it as a formula.
"""

from __future__ import annotations

import re

import pandas as pd

from timeline.filters import FilterState

EXPORT_FIELDS = (
    "id", "date", "end_date", "era", "category", "importance", "title", "summary",
    "background", "content", "significance", "related", "sources",
)
_TRANSLATED = {"title", "summary", "background", "content", "significance"}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXPORT_LANGUAGES = ("zh", "en", "both")


def export_columns(lang: str) -> list[str]:
    """The events columns exported for ``lang``: ``zh``, ``en`` or ``both``."""
    langs = ("zh", "en") if lang == "both" else (lang,)
    columns: list[str] = []
    for field in EXPORT_FIELDS:
        columns += [f"{field}_{code}" for code in langs] if field in _TRANSLATED else [field]
    return columns


def neutralise_formula(value: str) -> str:
    """Prefix an apostrophe to a cell a spreadsheet would read as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def events_to_csv_bytes(events: pd.DataFrame, lang: str) -> bytes:
    """The events as CSV bytes (UTF-8 with BOM) with the columns of ``lang``, formulas neutralised."""
    table = events[export_columns(lang)].astype(str).map(neutralise_formula)
    return table.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def export_file_name(state: FilterState, lang: str, count: int) -> str:
    """A file name that says what was filtered, e.g. ``us-japan-alliance_era-biden-era_q-quad_12-events_en.csv``."""
    parts = ["us-japan-alliance"]
    if state.eras:
        parts.append("era-" + "+".join(state.eras))
    if state.categories:
        parts.append("cat-" + "+".join(state.categories))
    if state.importance:
        parts.append("imp-" + "".join(str(level) for level in sorted(state.importance)))
    if state.years is not None:
        parts.append(f"{state.years[0]}-{state.years[1]}")
    if state.query.strip():
        parts.append("q-" + _slug(state.query))
    if len(parts) == 1:
        parts.append("all")
    parts.append(f"{count}-events")
    parts.append(lang)
    name = "_".join(parts)
    return (name[:150] if len(name) > 150 else name) + ".csv"


def _slug(text: str) -> str:
    """A file-name-safe form of a query; Chinese characters are kept (every modern OS allows them)."""
    return re.sub(r"[^\w]+", "-", text.strip(), flags=re.UNICODE).strip("-")[:40] or "query"
