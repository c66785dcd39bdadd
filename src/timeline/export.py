"""CSV export of the filtered events: UTF-8 with BOM, safe to open in Excel and WPS.

Two formats. ``reading`` is for people: headers in the reader's language (or both) and names
instead of ids (era names, category and importance labels, related events' titles, sources'
citations). ``data`` is the data contract's own ``events.csv`` columns, both languages, so the file
validates and loads again; its ``related`` keeps only the events in the file, so a filtered export
stands alone.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is prefixed with
an apostrophe, as OWASP advises against CSV injection, so a spreadsheet shows it as text instead
of running it as a formula. Both formats do it; reading a CSV takes that apostrophe off again
(:func:`timeline.csvfile.restore_formula_text`), which is what lets the data format round-trip.
"""

from __future__ import annotations

import re

import pandas as pd

from timeline.csvfile import FORMULA_STARTS
from timeline.dataset import Dataset, split_ids
from timeline.filters import FilterState
from timeline.i18n import translate
from timeline.vocab import category_label, importance_label

EXPORT_FIELDS = (
    "id", "date", "end_date", "era", "category", "importance", "title", "summary",
    "background", "content", "significance", "aliases", "related", "sources",
)
_TRANSLATED = {"title", "summary", "background", "content", "significance"}
EXPORT_LANGUAGES = ("zh", "en", "both")
EXPORT_FORMATS = ("reading", "data")
# The reading format's columns: each field with the UI string that names it.
READING_FIELDS = (
    ("date", "date"), ("era", "era"), ("category", "category"), ("importance", "importance"),
    ("title", "col_title"), ("summary", "summary"), ("background", "background"), ("content", "content"),
    ("significance", "significance"), ("related", "related"), ("sources", "sources"),
)


def export_columns(lang: str) -> list[str]:
    """The events columns exported for ``lang``: ``zh``, ``en`` or ``both``."""
    langs = ("zh", "en") if lang == "both" else (lang,)
    columns: list[str] = []
    for field in EXPORT_FIELDS:
        columns += [f"{field}_{code}" for code in langs] if field in _TRANSLATED else [field]
    return columns


def neutralise_formula(value: str) -> str:
    """Prefix an apostrophe to a cell a spreadsheet would read as a formula.

    Apostrophes already in front of a formula count too (``'=x`` becomes ``''=x``), so that taking one
    apostrophe off on reading gives back exactly what was written.
    """
    return "'" + value if value.lstrip("'").startswith(FORMULA_STARTS) else value


def events_to_csv_bytes(events: pd.DataFrame, lang: str) -> bytes:
    """The events as CSV bytes (UTF-8 with BOM) with the columns of ``lang``, formulas neutralised."""
    return _csv_bytes(events[export_columns(lang)])


def events_to_data_csv_bytes(events: pd.DataFrame) -> bytes:
    """The events in the data contract's ``events.csv`` format, ready to validate and load again."""
    exported = set(events["id"])
    related = events["related"].map(lambda cell: ";".join(i for i in split_ids(cell) if i in exported))
    return events_to_csv_bytes(events.assign(related=related), "both")


def reading_table(dataset: Dataset, events: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The events as a person reads them: headers in ``lang`` (``both``: each field in each language), names for ids."""
    langs = ("zh", "en") if lang == "both" else (lang,)
    columns = {translate(header, code): _reading_values(dataset, events, field, code)
               for field, header in READING_FIELDS for code in langs}
    return pd.DataFrame(columns, index=events.index)


def export_csv_bytes(dataset: Dataset, events: pd.DataFrame, export_format: str, lang: str) -> bytes:
    """The events as CSV bytes in ``export_format`` (``reading`` in ``lang``, or ``data``)."""
    if export_format == "data":
        return events_to_data_csv_bytes(events)
    return _csv_bytes(reading_table(dataset, events, lang))


def export_file_name(state: FilterState, lang: str, count: int, export_format: str = "reading") -> str:
    """A file name that says what was filtered and how, e.g. ``us-japan-alliance_era-biden-era_12-events_en.csv``.

    The reading format ends with its language, the data format (both languages, ids) with ``data``.
    """
    name = "_".join((filter_file_stem(state), f"{count}-events", "data" if export_format == "data" else lang))
    return (name[:150] if len(name) > 150 else name) + ".csv"


def filter_file_stem(state: FilterState) -> str:
    """The start of every download's file name: what was filtered, e.g. ``us-japan-alliance_era-biden-era``."""
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
    return "_".join(parts)


def _slug(text: str) -> str:
    """A file-name-safe form of a query; Chinese characters are kept (every modern OS allows them)."""
    return re.sub(r"[^\w]+", "-", text.strip(), flags=re.UNICODE).strip("-")[:40] or "query"


def _csv_bytes(table: pd.DataFrame) -> bytes:
    """A table as CSV bytes: UTF-8 with BOM for Excel and WPS, CRLF line ends, formulas neutralised."""
    return table.astype(str).map(neutralise_formula).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _reading_values(dataset: Dataset, events: pd.DataFrame, field: str, lang: str) -> pd.Series:
    """One reading column: the field's text in ``lang``, with names and citations in place of ids."""
    if field == "date":
        return events[f"date_{lang}"]
    if field == "era":
        return events["era"].map(dict(zip(dataset.eras["id"], dataset.eras[f"name_{lang}"])))
    if field == "category":
        return events["category"].map(lambda category: category_label(category, lang))
    if field == "importance":
        return events["importance"].map(lambda level: importance_label(int(level), lang))
    if field == "related":
        return _names_of(events["related"], dict(zip(dataset.events["id"], dataset.events[f"title_{lang}"])))
    if field == "sources":
        return _names_of(events["sources"], dict(zip(dataset.sources["id"], dataset.sources[f"citation_{lang}"])))
    return events[f"{field}_{lang}"]


def _names_of(cells: pd.Series, names: dict[str, str]) -> pd.Series:
    """Each ``;``-separated list of ids as their names, one per line (an unknown id stays as it is)."""
    return cells.map(lambda cell: "\n".join(names.get(item, item) for item in split_ids(cell)))
