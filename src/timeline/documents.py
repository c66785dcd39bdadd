"""The primary documents behind the events: their parts in order, their events, side-by-side comparisons, citations.

Pure functions over a :class:`~timeline.dataset.Dataset`; the Documents page draws what they return and the
exports write it. A document's era is the era its signing (or issue) date falls in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from timeline.dataset import Dataset, split_ids
from timeline.dates import date_bounds, format_date, parse_date
from timeline.export import neutralise_formula
from timeline.i18n import translate
from timeline.vocab import DOCUMENT_KINDS

# GB/T 7714-2015 names a document by its responsible bodies; the parties' Chinese names where known.
PARTY_NAMES_ZH = {"Japan": "日本", "United States": "美国", "Australia": "澳大利亚", "India": "印度",
                  "United Kingdom": "英国", "Republic of Korea": "韩国", "Philippines": "菲律宾", "China": "中国"}
# GB/T 7714-2015 document type codes: a report is [R]; treaties, statements, laws and the rest are "other", [Z].
CITATION_TYPE_CODES = {"report": "R"}
# Kinds a person signs; the others (guidelines, statements, strategies, laws) are issued.
SIGNED_KINDS = ("treaty", "agreement", "exchange-of-notes")


def document_row(dataset: Dataset, doc_id: str) -> pd.Series | None:
    """The document with this id, or ``None`` when the data has none."""
    documents = dataset.documents
    if documents.empty:
        return None
    rows = documents[documents["id"] == doc_id]
    return None if rows.empty else rows.iloc[0]


def document_parts(dataset: Dataset, doc_id: str) -> pd.DataFrame:
    """The document's parts (articles, sections) in the document's own order."""
    parts = dataset.document_parts
    if parts.empty:
        return parts
    return parts[parts["document"] == doc_id].sort_values("order", kind="stable")


def part_heading(dataset: Dataset, doc_id: str, part: str, lang: str) -> str:
    """A part's heading in ``lang`` (the slug itself when the part is unknown)."""
    parts = document_parts(dataset, doc_id)
    headings = dict(zip(parts["part"], parts[f"heading_{lang}"])) if not parts.empty else {}
    return headings.get(part, part)


def documents_of_event(dataset: Dataset, event_id: str) -> pd.DataFrame:
    """The documents an event belongs to (its signing, its entry into force, …), oldest first."""
    documents = dataset.documents
    if documents.empty:
        return documents
    belongs = documents["events"].map(lambda cell: event_id in split_ids(cell))
    return _by_signing(documents[belongs])


def events_of_document(dataset: Dataset, doc_id: str) -> pd.DataFrame:
    """The events a document belongs to, in time order (ids the events lack are left out)."""
    document = document_row(dataset, doc_id)
    if document is None:
        return dataset.events.iloc[0:0]
    rows = [dataset.event_row[event_id] for event_id in split_ids(document["events"]) if event_id in dataset.event_row]
    return dataset.events.loc[rows].sort_values("start", kind="stable")


def list_documents(dataset: Dataset, kinds: Sequence[str] = (), eras: Sequence[str] = ()) -> pd.DataFrame:
    """The documents of the chosen kinds signed within the chosen eras (none chosen: all), oldest first."""
    documents = dataset.documents
    if documents.empty:
        return documents
    if kinds:
        documents = documents[documents["kind"].isin(list(kinds))]
    if eras:
        signed, _ = date_bounds(documents["signed"])
        chosen = dataset.eras[dataset.eras["id"].isin(list(eras))]
        within = pd.Series(False, index=documents.index)
        for era in chosen.itertuples():
            within |= (signed >= era.start_day) & (signed <= era.end_day)
        documents = documents[within]
    return _by_signing(documents)


def _by_signing(documents: pd.DataFrame) -> pd.DataFrame:
    """Oldest first; documents of one day in the kinds' order (the treaty before its agreements and notes)."""
    signed, _ = date_bounds(documents["signed"])
    rank = documents["kind"].map({kind: number for number, kind in enumerate(DOCUMENT_KINDS)})
    ordered = documents.assign(_signed=signed, _rank=rank).sort_values(["_signed", "_rank", "id"], kind="stable")
    return ordered.drop(columns=["_signed", "_rank"])


def format_document_date(text: str, lang: str) -> str:
    """An EDTF date of the documents table shown at its own precision; empty stays empty."""
    return format_date(parse_date(text), lang) if str(text).strip() else ""


def party_names(cell: str, lang: str) -> list[str]:
    """The parties of a ``;``-separated cell, named in ``lang`` (an unknown party keeps its English name)."""
    names = [name.strip() for name in str(cell).split(";") if name.strip()]
    return [PARTY_NAMES_ZH.get(name, name) for name in names] if lang == "zh" else names


def official_urls(document: pd.Series) -> list[str]:
    """The document's official texts and archive copies, in the order the data gives them."""
    return [url.strip() for url in str(document["official_urls"]).split(";") if url.strip()]


# Side by side: a comparison's rows are dimensions, its columns documents.

@dataclass(frozen=True)
class ComparisonCell:
    """What one document says on one dimension, and the parts it draws on."""

    document: str
    parts: tuple[str, ...]
    text_zh: str
    text_en: str


@dataclass(frozen=True)
class ComparisonDimension:
    """One row of a comparison: its heading in both languages and a cell per document (``None``: no cell)."""

    order: int
    dimension_zh: str
    dimension_en: str
    cells: tuple[ComparisonCell | None, ...]


def comparison_row(dataset: Dataset, comparison_id: str) -> pd.Series | None:
    """The comparison with this id, or ``None``."""
    comparisons = dataset.comparisons
    if comparisons.empty:
        return None
    rows = comparisons[comparisons["id"] == comparison_id]
    return None if rows.empty else rows.iloc[0]


def comparison_documents(dataset: Dataset, comparison_id: str) -> list[str]:
    """The comparison's document ids in column order (those the data has)."""
    comparison = comparison_row(dataset, comparison_id)
    if comparison is None:
        return []
    return [doc_id for doc_id in split_ids(comparison["documents"]) if document_row(dataset, doc_id) is not None]


def comparison_dimensions(dataset: Dataset, comparison_id: str) -> list[ComparisonDimension]:
    """The comparison's dimensions in order, each with one cell per document column."""
    columns = comparison_documents(dataset, comparison_id)
    rows = dataset.comparison_rows
    if rows.empty or not columns:
        return []
    rows = rows[rows["comparison"] == comparison_id].sort_values("order", kind="stable")
    dimensions = []
    for order, cells in rows.groupby("order", sort=True):
        by_document = {cell["document"]: ComparisonCell(cell["document"], tuple(split_ids(cell["parts"])),
                                                        cell["text_zh"], cell["text_en"])
                       for _, cell in cells.iterrows()}
        first = cells.iloc[0]
        dimensions.append(ComparisonDimension(int(order), first["dimension_zh"], first["dimension_en"],
                                              tuple(by_document.get(doc_id) for doc_id in columns)))
    return dimensions


def cell_text(dataset: Dataset, cell: ComparisonCell | None, lang: str, *, with_parts: bool = True) -> str:
    """A cell as one text: what the document says, then the parts it draws on in brackets."""
    if cell is None:
        return translate("doc_cell_missing", lang)
    text = cell.text_zh if lang == "zh" else cell.text_en
    if not with_parts or not cell.parts:
        return text
    separator = "、" if lang == "zh" else ", "
    headings = separator.join(part_heading(dataset, cell.document, part, lang) for part in cell.parts)
    return f"{text}（{headings}）" if lang == "zh" else f"{text} ({headings})"


def comparison_grid(dataset: Dataset, comparison_id: str, lang: str) -> pd.DataFrame:
    """The comparison as a table: a row per dimension, a column per document (its title), cells with their parts."""
    columns = comparison_documents(dataset, comparison_id)
    titles = [str(document_row(dataset, doc_id)[f"title_{lang}"]) for doc_id in columns]
    dimensions = comparison_dimensions(dataset, comparison_id)
    data = [[cell_text(dataset, cell, lang) for cell in dimension.cells] for dimension in dimensions]
    index = pd.Index([getattr(dimension, f"dimension_{lang}") for dimension in dimensions],
                     name=translate("doc_dimension", lang))
    return pd.DataFrame(data, index=index, columns=titles)


def comparison_grid_csv_bytes(dataset: Dataset, comparison_id: str, lang: str) -> bytes:
    """The comparison grid as CSV: UTF-8 with BOM (Excel and WPS read the Chinese), formula cells neutralised."""
    table = comparison_grid(dataset, comparison_id, lang)
    table.index = table.index.map(neutralise_formula)
    table.columns = table.columns.map(neutralise_formula)
    return table.map(neutralise_formula).to_csv(lineterminator="\r\n").encode("utf-8-sig")


def comparison_grid_markdown(dataset: Dataset, comparison_id: str, lang: str) -> str:
    """The comparison as Markdown revision notes: its title and summary, then the grid as a table."""
    comparison = comparison_row(dataset, comparison_id)
    if comparison is None:
        return ""
    grid = comparison_grid(dataset, comparison_id, lang)
    lines = [f"# {comparison[f'title_{lang}']}", ""]
    if str(comparison[f"summary_{lang}"]).strip():
        lines += [str(comparison[f"summary_{lang}"]), ""]
    header = [str(grid.index.name), *grid.columns]
    lines.append("| " + " | ".join(_table_cell(text) for text in header) + " |")
    lines.append("|" + " --- |" * len(header))
    for dimension, cells in grid.iterrows():
        lines.append("| " + " | ".join(_table_cell(text) for text in (dimension, *cells)) + " |")
    lines += ["", translate("doc_notes_source", lang)]
    return "\n".join(lines) + "\n"


def _table_cell(text: object) -> str:
    """Text safe inside a Markdown table cell: no pipe ends the cell, no line break ends the row."""
    return " ".join(str(text).split()).replace("|", "\\|")


# How to cite a document.

def document_citation(document: pd.Series, lang: str, accessed: dt.date) -> str:
    """The document cited in GB/T 7714-2015 (``zh``) or a Chicago-like style (``en``), with its official text."""
    urls = official_urls(document)
    url = urls[0] if urls else ""
    if lang == "zh":
        code = CITATION_TYPE_CODES.get(document["kind"], "Z") + ("/OL" if url else "")
        authors = ", ".join(party_names(document["parties"], lang))
        title = str(document["title_zh"]).strip("《》")
        text = f"{authors}. {title}[{code}]. ({document['signed']})"
        return f"{text}[{accessed.isoformat()}]. {url}." if url else f"{text}."
    # Chicago cites a treaty by its title, which names the parties; the date says signed or issued.
    verb = "Signed" if document["kind"] in SIGNED_KINDS else "Issued"
    place = f" {'at ' if verb == 'Signed' else 'in '}{document['place']}," if str(document["place"]).strip() else ""
    text = f"“{document['title_en']}.” {verb}{place} {format_document_date(document['signed'], 'en')}."
    if str(document["in_force"]).strip():
        text += f" In force {format_document_date(document['in_force'], 'en')}."
    if url:
        text += f" {url} (accessed {format_date(parse_date(accessed.isoformat()), 'en')})."
    return text
