"""The bundled documents: the instruments the issue names, every article as in the instrument, linked both ways.

These tests read data/ and pass once the documents' rows have landed there (data/ shipped header rows first).
"""

from __future__ import annotations

import re

import pytest

from tests.test_real_data import SEED_RUNS, _fingerprint, _runs
from timeline.dataset import split_ids
from timeline.documents import comparison_dimensions, comparison_documents, document_parts

# The documents issue 11 asks for, by their fixed ids.
REQUIRED_DOCUMENTS = {
    "1951-peace-treaty", "1951-security-treaty", "1952-administrative-agreement", "1960-treaty",
    "1960-exchange-of-notes", "1960-sofa", "1971-okinawa-reversion-agreement", "1978-guidelines",
    "1996-joint-declaration", "1997-guidelines", "2005-transformation-realignment", "2006-roadmap",
    "2015-guidelines", "2015-legislation-for-peace-and-security", "2021-suga-biden-joint-statement",
    "2022-kishida-biden-joint-statement", "2022-national-security-strategy",
}
# Articles as the instruments number them: five in the 1951 Security Treaty, ten in the 1960 Treaty.
ARTICLE_COUNTS = {"1951-security-treaty": 5, "1960-treaty": 10}
COMPARISONS = {
    "treaties-1951-1960": (["1951-security-treaty", "1960-treaty"], 5),
    "guidelines-1978-1997-2015": (["1978-guidelines", "1997-guidelines", "2015-guidelines"], 7),
}
# Landmark events of these categories are the signing or the coming into force of a document.
DOCUMENT_CATEGORIES = ("treaty", "guidelines", "declaration")


def test_every_required_document_is_there_with_its_parts(bundled):
    """Each document the issue names exists and is read part by part."""
    documents = set(bundled.documents["id"])
    assert documents >= REQUIRED_DOCUMENTS, sorted(REQUIRED_DOCUMENTS - documents)
    for doc_id in REQUIRED_DOCUMENTS:
        assert not document_parts(bundled, doc_id).empty, f"{doc_id} has no parts"


@pytest.mark.parametrize(("doc_id", "count"), ARTICLE_COUNTS.items())
def test_article_counts_are_as_in_the_instrument(bundled, doc_id, count):
    """The treaties have their articles art-1 … art-n, in order, no more and no fewer."""
    parts = list(document_parts(bundled, doc_id)["part"])
    articles = [part for part in parts if re.fullmatch(r"art-\d+", part)]
    assert articles == [f"art-{number}" for number in range(1, count + 1)], parts


def test_every_document_s_parts_run_in_order(bundled):
    """Each document's parts are numbered 1 … n in the file's order (validation also checks gaps and repeats)."""
    for doc_id in bundled.documents["id"]:
        orders = list(document_parts(bundled, doc_id)["order"])
        assert orders == list(range(1, len(orders) + 1)), doc_id


def test_every_landmark_treaty_guidelines_or_declaration_event_belongs_to_a_document(bundled):
    """A landmark treaty, guidelines or declaration event opens its document from its panel."""
    linked = {event_id for cell in bundled.documents["events"] for event_id in split_ids(cell)}
    events = bundled.events
    landmarks = events[(events["importance"] == 1) & events["category"].isin(DOCUMENT_CATEGORIES)]
    unlinked = sorted(set(landmarks["id"]) - linked)
    assert not unlinked, f"landmark events without a document: {unlinked}"


def test_no_dangling_ids(bundled):
    """Every id a document, part, comparison or cell names exists (the loader checks; this says it of data/)."""
    event_ids, source_ids = set(bundled.events["id"]), set(bundled.sources["id"])
    document_ids = set(bundled.documents["id"])
    for document in bundled.documents.itertuples():
        assert set(split_ids(document.events)) <= event_ids, document.id
        assert set(split_ids(document.sources)) <= source_ids, document.id
        assert split_ids(document.events), f"{document.id} belongs to no event"
    assert set(bundled.document_parts["document"]) <= document_ids
    for comparison in bundled.comparisons.itertuples():
        assert set(split_ids(comparison.documents)) <= document_ids, comparison.id


@pytest.mark.parametrize(("comparison_id", "expected"), COMPARISONS.items())
def test_each_comparison_fills_every_cell(bundled, comparison_id, expected):
    """The two comparisons have their documents in order, enough dimensions, and a cell for every document."""
    documents, dimensions = expected
    assert comparison_documents(bundled, comparison_id) == documents
    rows = comparison_dimensions(bundled, comparison_id)
    assert len(rows) >= dimensions
    for row in rows:
        assert all(cell is not None for cell in row.cells), f"{comparison_id}: {row.dimension_en} lacks a cell"
        assert all(cell.text_zh.strip() and cell.text_en.strip() for cell in row.cells), row.dimension_en


def test_documents_are_in_their_own_words(bundled):
    """No document text shares a run of 12 characters with the seed mind map."""
    seed_runs = set(SEED_RUNS.read_text(encoding="utf-8").split())
    tables = {"documents": bundled.documents, "document_parts": bundled.document_parts,
              "comparisons": bundled.comparisons, "comparison_rows": bundled.comparison_rows}
    for name, table in tables.items():
        for column in [column for column in table.columns if column.endswith(("_zh", "_en"))]:
            for row, text in table[column].astype(str).items():
                copied = next((run for run in _runs(text) if _fingerprint(run) in seed_runs), None)
                assert copied is None, f"{name} row {row} {column} repeats the seed: {copied}"


def test_chinese_texts_use_full_width_punctuation(bundled):
    """Chinese prose in the documents punctuates with ，；：（） rather than their ASCII forms."""
    ascii_marks = re.compile(r"[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]")
    for table in (bundled.documents, bundled.document_parts, bundled.comparisons, bundled.comparison_rows):
        for column in [column for column in table.columns if column.endswith("_zh")]:
            for row, text in table[column].astype(str).items():
                match = ascii_marks.search(text)
                assert match is None, f"row {row} {column}: {text[max(0, match.start() - 10):match.end() + 10]}"
