"""The documents core: parts in order, documents and events both ways, the list's filters, comparisons, citations."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io

import pandas as pd
import pytest

from tests.conftest import MINI_DIR
from timeline.dataset import load_dataset_with_events
from timeline.documents import (
    cell_text,
    comparison_dimensions,
    comparison_grid,
    comparison_grid_csv_bytes,
    comparison_grid_markdown,
    document_citation,
    document_parts,
    document_row,
    documents_of_event,
    events_of_document,
    list_documents,
    part_heading,
)

ACCESSED = dt.date(2026, 11, 28)


def test_parts_come_in_the_document_s_order(mini):
    """A document's parts are listed by their order column, not by where the rows stand in the file."""
    assert list(document_parts(mini, "test-treaty")["part"]) == ["preamble", "art-1", "art-2", "art-3"]
    assert list(document_parts(mini, "test-revised-treaty")["part"]) == ["preamble", "art-5", "art-6"]
    assert document_parts(mini, "no-such-document").empty


@pytest.mark.parametrize(("event_id", "documents"), [
    ("1951-security-treaty", ["test-treaty"]),
    ("1952-treaties-in-force", ["test-treaty"]),
    ("1947-constitution", ["test-statement"]),
    ("1950-korean-war", []),
])
def test_an_event_knows_its_documents(mini, event_id, documents):
    """Each event lists the documents that name it (its signing, its entry into force)."""
    assert list(documents_of_event(mini, event_id)["id"]) == documents


def test_documents_of_one_day_list_the_treaty_before_its_notes(mini):
    """Documents signed the same day come in the kinds' order: the treaty, then agreements, then notes."""
    same_day = mini.documents.assign(signed="1951-09-08", events="1951-security-treaty",
                                     kind=["exchange-of-notes", "agreement", "treaty"])
    dataset = dataclasses.replace(mini, documents=same_day)
    assert list(documents_of_event(dataset, "1951-security-treaty")["id"]) == [
        "test-statement", "test-revised-treaty", "test-treaty"]


def test_a_document_knows_its_events_in_time_order(mini):
    """A document's events come in time order, whatever order the cell names them in."""
    assert list(events_of_document(mini, "test-treaty")["id"]) == ["1951-security-treaty", "1952-treaties-in-force"]
    assert events_of_document(mini, "no-such-document").empty


@pytest.mark.parametrize(("kinds", "eras", "expected"), [
    ((), (), ["test-statement", "test-treaty", "test-revised-treaty"]),
    (("treaty",), (), ["test-treaty", "test-revised-treaty"]),
    (("joint-statement", "law"), (), ["test-statement"]),
    ((), ("treaty-system",), ["test-revised-treaty"]),
    ((), ("occupation",), ["test-statement", "test-treaty"]),  # an era includes its phases' span
    ((), ("occupation-reform",), ["test-statement"]),
    (("treaty",), ("occupation-reform",), []),
])
def test_the_list_filters_by_kind_and_by_the_era_of_signing(mini, kinds, eras, expected):
    """Kinds and eras narrow the list; a document's era is the one its signing date falls in; oldest first."""
    assert list(list_documents(mini, kinds, eras)["id"]) == expected


def test_part_headings_in_each_language(mini):
    """A part's heading reads in the page's language; an unknown part shows its slug."""
    assert part_heading(mini, "test-revised-treaty", "art-6", "zh") == "第六条"
    assert part_heading(mini, "test-revised-treaty", "art-6", "en") == "Article 6"
    assert part_heading(mini, "test-revised-treaty", "art-9", "en") == "art-9"


def test_a_comparison_has_a_row_per_dimension_and_a_column_per_document(mini):
    """The grid's rows are the dimensions in order, its columns the documents' titles, each cell with its parts."""
    grid = comparison_grid(mini, "test-comparison", "en")
    assert list(grid.columns) == ["The Test Security Treaty", "The Test Revised Treaty"]
    assert list(grid.index) == ["The defence obligation", 'The "Far East" clause', "Prior consultation"]
    assert grid.index.name == "Dimension"
    assert grid.iloc[0, 1] == "Both act together. (Article 5)"
    assert grid.iloc[2, 0] == "Not addressed."  # a cell drawing on no part names none
    assert grid.iloc[2, 1] == "Set by a separate exchange of notes. (Article 6, Preamble)"
    assert comparison_grid(mini, "test-comparison", "zh").iloc[0, 1] == "双方共同应对。（第五条）"


def test_a_missing_cell_says_so(mini):
    """A dimension a document has no cell for reads as such, not as an empty string or an error."""
    rows = mini.comparison_rows[~((mini.comparison_rows["order"] == 2)
                                  & (mini.comparison_rows["document"] == "test-treaty"))]
    fewer = dataclasses.replace(mini, comparison_rows=rows)
    assert comparison_dimensions(fewer, "test-comparison")[1].cells[0] is None
    assert comparison_grid(fewer, "test-comparison", "en").iloc[1, 0] == "(nothing entered)"
    assert cell_text(fewer, None, "zh") == "（此项无内容）"


def test_comparison_csv_opens_in_a_spreadsheet(mini):
    """The CSV starts with a BOM, has the dimension column then one per document, and neutralises formulas."""
    data = comparison_grid_csv_bytes(mini, "test-comparison", "zh")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    assert rows[0] == ["比较项", "测试安全条约", "测试修订条约"]
    assert [row[0] for row in rows[1:]] == ["防卫义务", "「远东」条款", "事前协商"]
    hostile = mini.comparison_rows.assign(text_en=mini.comparison_rows["text_en"].where(
        mini.comparison_rows["order"] != 1, "=HYPERLINK(1)"))
    data = comparison_grid_csv_bytes(dataclasses.replace(mini, comparison_rows=hostile), "test-comparison", "en")
    assert "'=HYPERLINK(1)" in data.decode("utf-8-sig")


def test_comparison_markdown_is_a_table_of_notes(mini):
    """The notes carry the title, the summary and a Markdown table a pipe in the text cannot break."""
    notes = comparison_grid_markdown(mini, "test-comparison", "en")
    lines = notes.splitlines()
    assert lines[0] == "# The test treaties compared"
    assert "From stationing to common defence." in lines
    assert "| Dimension | The Test Security Treaty | The Test Revised Treaty |" in lines
    assert "| The defence obligation | No clear obligation. (Article 1) | Both act together. (Article 5) |" in lines
    assert lines[-1] == "Source: The US–Japan Alliance: An Interactive Timeline."
    piped = mini.comparison_rows.assign(text_en="a | b\nc")
    notes = comparison_grid_markdown(dataclasses.replace(mini, comparison_rows=piped), "test-comparison", "en")
    assert "| The defence obligation | a \\| b c (Article 1) | a \\| b c (Article 5) |" in notes.splitlines()
    assert comparison_grid_markdown(mini, "no-such-comparison", "en") == ""


@pytest.mark.parametrize(("doc_id", "lang", "citation"), [
    ("test-treaty", "zh",
     "日本, 美国. 测试安全条约[Z/OL]. (1951-09-08)[2026-11-28]. https://example.org/ja/treaty."),
    ("test-treaty", "en",
     "“The Test Security Treaty.” Signed at San Francisco, 8 Sep 1951. In force 28 Apr 1952. "
     "https://example.org/ja/treaty (accessed 28 Nov 2026)."),
    ("test-statement", "zh", "日本, 美国. 测试联合声明[Z]. (1947-05-03)."),
    ("test-statement", "en", "“The Test Joint Statement.” Issued 3 May 1947."),
])
def test_a_document_is_cited_in_gb_t_7714_and_in_english(mini, doc_id, lang, citation):
    """GB/T 7714 names the parties, the type code ([Z/OL] when online), date, access date and official URL."""
    assert document_citation(document_row(mini, doc_id), lang, ACCESSED) == citation


def test_a_report_is_cited_with_its_own_type_code(mini):
    """A report is [R/OL] in GB/T 7714, not [Z/OL]; a statement issued somewhere is issued in that place."""
    report = document_row(mini, "test-revised-treaty").copy()
    report["kind"] = "report"
    assert "[R/OL]" in document_citation(report, "zh", ACCESSED)
    assert document_citation(report, "en", ACCESSED).startswith("“The Test Revised Treaty.” Issued in Washington, ")


def test_an_uploaded_events_file_keeps_the_documents_but_not_their_event_links(mini):
    """Upload mode: the documents come along from the bundled tables; their events, now someone else's, are dropped."""
    dataset = load_dataset_with_events((MINI_DIR / "events.csv").read_bytes(), "mine.csv", mini)
    assert list(dataset.documents["id"]) == list(mini.documents["id"])
    assert (dataset.documents["events"] == "").all()
    assert list(document_parts(dataset, "test-treaty")["part"]) == ["preamble", "art-1", "art-2", "art-3"]
    assert documents_of_event(dataset, "1951-security-treaty").empty


def test_a_dataset_without_documents_gives_empty_answers(mini):
    """A data folder without the documents files: no documents, no parts, no grid, and no error."""
    bare = dataclasses.replace(mini, documents=pd.DataFrame(), document_parts=pd.DataFrame(),
                               comparisons=pd.DataFrame(), comparison_rows=pd.DataFrame())
    assert document_row(bare, "test-treaty") is None
    assert document_parts(bare, "test-treaty").empty
    assert documents_of_event(bare, "1951-security-treaty").empty
    assert list_documents(bare).empty
    assert comparison_grid(bare, "test-comparison", "en").empty
