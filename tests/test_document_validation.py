"""Validation of the documents files: each broken sample gets its message naming file, row, column and expectation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from timeline.__main__ import main
from timeline.dataset import DOCUMENT_FILES, load_dataset

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "data" / "mini"
# Each folder holds the mini fixture's documents files with one fault, and expected.txt: the lines it must produce.
BAD_DOCUMENTS = sorted(path for path in (TESTS / "data" / "bad-documents").iterdir() if path.is_dir())


def _mini_with(tmp_path: Path, overrides: Path | None = None) -> Path:
    """A copy of the mini folder, with the files of ``overrides`` in place of its own."""
    folder = tmp_path / "data"
    shutil.copytree(MINI, folder)
    for path in overrides.glob("*.csv") if overrides else ():
        shutil.copy(path, folder / path.name)
    return folder


@pytest.mark.parametrize("case", BAD_DOCUMENTS, ids=lambda path: path.name)
def test_bad_documents_file_gets_its_message(case, tmp_path, capsys):
    """Each broken documents file fails validation with exactly the problems written beside it, no traceback."""
    code = main(["validate", str(_mini_with(tmp_path, case))])
    captured = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in captured.out + captured.err
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, f"{case.name}: expected.txt is empty"
    assert captured.out.splitlines() == expected


def test_the_documents_files_are_optional(tmp_path):
    """A folder without any of the four documents files loads, with empty documents tables."""
    folder = _mini_with(tmp_path)
    for name in DOCUMENT_FILES:
        (folder / name).unlink()
    dataset = load_dataset(folder)
    assert dataset.documents.empty and dataset.document_parts.empty
    assert dataset.comparisons.empty and dataset.comparison_rows.empty
    assert "signed" in dataset.documents.columns  # the page can ask for any column without a KeyError


def test_parts_without_documents_are_each_reported(tmp_path, capsys):
    """Parts and comparisons naming documents in a documents.csv the folder lacks are each reported, not skipped."""
    folder = _mini_with(tmp_path)
    (folder / "documents.csv").unlink()
    (folder / "document_parts.csv").unlink()
    code = main(["validate", str(folder)])
    output = capsys.readouterr().out.splitlines()
    assert code == 1
    assert ('comparisons.csv, row 2, column "documents": value "test-treaty": no such id; expected a document id in '
            "documents.csv") in output
    assert ('comparison_rows.csv, row 2, column "parts": value "art-1": test-treaty has no such part; expected empty '
            "or part slugs of that document in document_parts.csv") in output


def test_header_only_files_are_valid(tmp_path):
    """The files with only their header row (what data/ ships before its rows land) are a valid, empty set."""
    folder = _mini_with(tmp_path)
    for name in DOCUMENT_FILES:
        header = (MINI / name).read_text(encoding="utf-8").splitlines()[0]
        (folder / name).write_text(header + "\n", encoding="utf-8")
    assert load_dataset(folder).documents.empty
