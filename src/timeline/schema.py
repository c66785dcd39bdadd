"""Pandera schemas of the data contract: one schema per table, each column with its expectation.

Every table is read as text (see :mod:`timeline.csvfile`), so these schemas check the text a user
wrote. Each field's ``description`` is the plain-words expectation that a validation problem quotes.
Rules that span columns or tables live in :mod:`timeline.dataset`.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from timeline.dates import DATE_FORMAT_HINT, is_iso_date
from timeline.vocab import CATEGORIES, DOCUMENT_KINDS, LINK_TYPES, SOURCE_KINDS

ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ID_HINT = "a slug of lowercase letters, digits and hyphens, such as 1951-security-treaty"
ID_LIST_HINT = "ids separated by ';' (each " + ID_HINT + ")"

def _is_iso_date_or_empty(values: pd.Series) -> pd.Series:
    return (values.astype(str).str.strip() == "") | is_iso_date(values)


def _is_id_list(values: pd.Series) -> pd.Series:
    pattern = rf"\s*(?:{ID_PATTERN}\s*(?:;\s*{ID_PATTERN}\s*)*;?\s*)?"
    return values.astype(str).str.fullmatch(pattern)


def _not_blank(values: pd.Series) -> pd.Series:
    return values.astype(str).str.strip() != ""


def _is_http_url_or_empty(values: pd.Series) -> pd.Series:
    text = values.astype(str).str.strip()
    return (text == "") | text.str.fullmatch(r"https?://\S+")


def _is_http_url_list(values: pd.Series) -> pd.Series:
    return values.astype(str).str.fullmatch(r"\s*(?:https?://[^\s;]+\s*(?:;\s*https?://[^\s;]+\s*)*;?\s*)?")


ISO_DATE = pa.Check(is_iso_date, name="iso_date")
ISO_DATE_OR_EMPTY = pa.Check(_is_iso_date_or_empty, name="iso_date_or_empty")
ID = pa.Check.str_matches(rf"^{ID_PATTERN}$")
ID_LIST = pa.Check(_is_id_list, name="id_list")
NOT_BLANK = pa.Check(_not_blank, name="not_blank")
HTTP_URL_OR_EMPTY = pa.Check(_is_http_url_or_empty, name="http_url")
HTTP_URL_LIST = pa.Check(_is_http_url_list, name="http_url_list")
POSITIVE_NUMBER = pa.Check.str_matches(r"^[1-9]\d*$")


# The builders below run once, when this module is imported; mutmut switches a mutant on only while
# tests run, so it cannot observe them. The table of bad files in tests/test_validation.py covers them.
# pragma: no mutate start
def _column(description: str, checks: list[pa.Check] | None = None, *, required: bool = True,
            unique: bool = False) -> pa.Column:
    """A text column whose ``description`` is the expectation quoted when a value breaks a check."""
    return pa.Column(str, checks=checks or [], required=required, unique=unique, coerce=True,
                     description=description)


def _id_column() -> pa.Column:
    return _column(f"a unique id, {ID_HINT}", [ID], unique=True)


def _date_column() -> pa.Column:
    return _column(f"a real date as {DATE_FORMAT_HINT}", [ISO_DATE])


def _text_pair(name: str, what: str, *, required: bool) -> dict[str, pa.Column]:
    """The ``name_zh`` / ``name_en`` twins of a free-text field (their pairing is checked in dataset)."""
    checks = [NOT_BLANK] if required else []
    return {
        f"{name}_zh": _column(f"{what}, in Chinese", checks, required=required),
        f"{name}_en": _column(f"{what}, in English", checks, required=required),
    }


def _table(name: str, columns: dict[str, pa.Column]) -> pa.DataFrameSchema:
    # strict=False: extra columns of a user's own data are kept and ignored, never an error.
    return pa.DataFrameSchema(columns, name=name, strict=False, coerce=True)
# pragma: no mutate end


EVENTS_SCHEMA = _table("events.csv", {
    "id": _id_column(),
    "date": _date_column(),
    "end_date": _column(f"empty, or a real date as {DATE_FORMAT_HINT}", [ISO_DATE_OR_EMPTY], required=False),
    "era": _column("the id of an era in eras.csv", [ID]),
    "category": _column("one of " + ", ".join(CATEGORIES), [pa.Check.isin(list(CATEGORIES))]),
    "importance": _column("1 (landmark), 2 (major) or 3 (context)", [pa.Check.isin(["1", "2", "3"])]),
    **_text_pair("title", "a short headline", required=True),
    **_text_pair("summary", "one or two sentences", required=True),
    **_text_pair("background", "why it happened", required=False),
    **_text_pair("content", "what it said or did", required=False),
    **_text_pair("significance", "what it changed", required=False),
    "aliases": _column("other names of the event, separated by ';'", required=False),
    "related": _column(f"empty, or event {ID_LIST_HINT}", [ID_LIST], required=False),
    "sources": _column(f"at least one source: {ID_LIST_HINT} from sources.csv", [NOT_BLANK, ID_LIST]),
})

ERAS_SCHEMA = _table("eras.csv", {
    "id": _id_column(),
    "start": _date_column(),
    "end": _date_column(),
    "parent": _column("empty, or the id of the era this one is a phase of", required=False),
    **_text_pair("name", "the era's name", required=True),
    **_text_pair("label", "a short label for the timeline's era lane (the name is used when empty)", required=False),
    **_text_pair("summary", "one or two sentences", required=False),
    **_text_pair("background", "the era's background", required=False),
    **_text_pair("significance", "the era's significance", required=False),
})

SOURCES_SCHEMA = _table("sources.csv", {
    "id": _id_column(),
    **_text_pair("citation", "the full citation", required=True),
    "url": _column("empty, or a link starting with http:// or https://", [HTTP_URL_OR_EMPTY], required=False),
    "kind": _column("one of " + ", ".join(SOURCE_KINDS), [pa.Check.isin(list(SOURCE_KINDS))]),
    "published": _column(f"empty, or when the work appeared, as {DATE_FORMAT_HINT}", [ISO_DATE_OR_EMPTY],
                         required=False),
})

THEMES_SCHEMA = _table("themes.csv", {
    "id": _id_column(),
    "parent": _column("empty for a top-level theme, or the id of its parent theme", required=False),
    "order": _column("a whole number giving the order among siblings", [pa.Check.str_matches(r"^\d+$")]),
    **_text_pair("title", "a short title", required=True),
    **_text_pair("text", "the theme's analysis", required=False),
    "events": _column(f"empty, or event {ID_LIST_HINT}", [ID_LIST], required=False),
})

ADJUSTMENTS_SCHEMA = _table("adjustments.csv", {
    "id": _id_column(),
    "era": _column("the id of an era in eras.csv", [ID]),
    "order": _column("a whole number giving the column order", [pa.Check.str_matches(r"^\d+$")]),
    **_text_pair("title", "a short column heading", required=True),
    **_text_pair("background", "why the adjustment came", required=True),
    **_text_pair("content", "what its key documents did", required=True),
    **_text_pair("significance", "what it changed and its limits", required=True),
    **_text_pair("divergence", "where US and Japanese aims diverged", required=True),
    "documents": _column(f"event {ID_LIST_HINT}", [ID_LIST], required=False),
})

# The Documents page (issue 11): primary documents, their parts, and side-by-side comparisons of them.
DOCUMENTS_SCHEMA = _table("documents.csv", {
    "id": _id_column(),
    "kind": _column("one of " + ", ".join(DOCUMENT_KINDS), [pa.Check.isin(list(DOCUMENT_KINDS))]),
    **_text_pair("title", "the document's title", required=True),
    "title_ja": _column("empty, or the original Japanese title", required=False),
    "signed": _column(f"the date it was signed or issued, as {DATE_FORMAT_HINT}", [ISO_DATE]),
    "in_force": _column(f"empty, or the date it entered into force, as {DATE_FORMAT_HINT}", [ISO_DATE_OR_EMPTY],
                        required=False),
    "ended": _column(f"empty, or the date it ceased to have effect, as {DATE_FORMAT_HINT}", [ISO_DATE_OR_EMPTY],
                     required=False),
    "place": _column("empty, or the city where it was signed, in English", required=False),
    "place_zh": _column("empty, or the city where it was signed, in Chinese", required=False),
    "parties": _column("the parties' English names separated by ';', such as Japan;United States", [NOT_BLANK]),
    **_text_pair("signatories", "who signed for whom", required=False),
    **_text_pair("summary", "two to four sentences on what the document does", required=True),
    "official_urls": _column("empty, or links starting with http:// or https://, separated by ';'", [HTTP_URL_LIST],
                             required=False),
    "events": _column(f"empty, or event {ID_LIST_HINT}", [ID_LIST], required=False),
    "sources": _column(f"at least one source: {ID_LIST_HINT} from sources.csv", [NOT_BLANK, ID_LIST]),
})

DOCUMENT_PARTS_SCHEMA = _table("document_parts.csv", {
    "document": _column("the id of a document in documents.csv", [ID]),
    "part": _column("a slug naming the part within its document, such as art-6, preamble or sec-iv-a", [ID]),
    "order": _column("a whole number from 1 giving the part's place in the document", [POSITIVE_NUMBER]),
    **_text_pair("heading", "the part's heading, such as Article 6", required=True),
    **_text_pair("digest", "what the part provides, in your own words", required=False),
})

COMPARISONS_SCHEMA = _table("comparisons.csv", {
    "id": _id_column(),
    **_text_pair("title", "the comparison's title", required=True),
    "documents": _column(f"document {ID_LIST_HINT} from documents.csv, in column order",
                         [NOT_BLANK, ID_LIST]),
    **_text_pair("summary", "what the comparison shows", required=False),
})

COMPARISON_ROWS_SCHEMA = _table("comparison_rows.csv", {
    "comparison": _column("the id of a comparison in comparisons.csv", [ID]),
    "order": _column("a whole number from 1 giving the dimension's row", [POSITIVE_NUMBER]),
    **_text_pair("dimension", "the dimension's row heading, the same on every cell of its row", required=True),
    "document": _column("the id of one of the comparison's documents", [ID]),
    "parts": _column("empty, or part slugs of that document separated by ';'", [ID_LIST], required=False),
    **_text_pair("text", "what the document says on this dimension (or that it is silent)", required=True),
})

# Guided tours and typed links (issue 12): a tour is a titled sequence of events, each stop with a
# narrative; a link says how one event bears on another.
TOURS_SCHEMA = _table("tours.csv", {
    "id": _column("a unique tour id, a slug of lowercase letters, digits and hyphens, such as okinawa", [ID],
                  unique=True),
    **_text_pair("title", "the tour's title", required=True),
    **_text_pair("summary", "one or two sentences on what the tour follows", required=True),
    **_text_pair("audience", "who the tour is written for", required=False),
})

TOUR_STOPS_SCHEMA = _table("tour_stops.csv", {
    "tour": _column("the id of a tour in tours.csv", [ID]),
    "order": _column("the stop's place in its tour, a whole number from 1", [POSITIVE_NUMBER]),
    "event": _column("the id of an event in events.csv", [ID]),
    **_text_pair("text", "the stop's narrative, leading on to the next stop", required=True),
})

LINKS_SCHEMA = _table("links.csv", {
    "source": _column("the id of the event the link starts from, in events.csv", [ID]),
    "target": _column("the id of the event the link points to, in events.csv", [ID]),
    "type": _column("one of " + ", ".join(LINK_TYPES), [pa.Check.isin(list(LINK_TYPES))]),
    **_text_pair("note", "a short note on how the two events connect", required=False),
})

TABLE_SCHEMAS: dict[str, pa.DataFrameSchema] = {
    schema.name: schema
    for schema in (EVENTS_SCHEMA, ERAS_SCHEMA, SOURCES_SCHEMA, THEMES_SCHEMA, ADJUSTMENTS_SCHEMA,
                   DOCUMENTS_SCHEMA, DOCUMENT_PARTS_SCHEMA, COMPARISONS_SCHEMA, COMPARISON_ROWS_SCHEMA,
                   TOURS_SCHEMA, TOUR_STOPS_SCHEMA, LINKS_SCHEMA)
}


def text_pairs(schema: pa.DataFrameSchema) -> list[tuple[str, str]]:
    """The ``(x_zh, x_en)`` column pairs of a table, which must be both filled or both empty."""
    return [(name, name[:-3] + "_en") for name in schema.columns
            if name.endswith("_zh") and name[:-3] + "_en" in schema.columns]
