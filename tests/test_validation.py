"""Validation: every kind of bad input gets a message naming file, row, column and expectation."""

from __future__ import annotations

import codecs
import logging
import subprocess
import sys
from pathlib import Path

import pytest

import timeline.__main__
from timeline import csvfile
from timeline.__main__ import main
from timeline.dataset import load_dataset, load_dataset_with_events
from timeline.problems import DataError

TESTS = Path(__file__).resolve().parent
BAD_FILES = sorted(path for path in (TESTS / "data" / "bad").glob("*.csv") if path.stem not in {"eras", "sources"})
BAD_FOLDERS = sorted(path for path in (TESTS / "data" / "bad-folders").iterdir() if path.is_dir())
MINI = TESTS / "data" / "mini"


def _validate(path: Path, capsys) -> tuple[int, str]:
    code = main(["validate", str(path)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("case", BAD_FILES, ids=lambda path: path.stem)
def test_bad_events_file_gets_its_message(case, capsys):
    """Each broken events CSV fails validation with the message written beside it, and no traceback."""
    code, output = _validate(case, capsys)
    assert code == 1
    assert "Traceback" not in output
    for expected in case.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        assert expected in output, f"{case.name}: missing {expected!r} in:\n{output}"


@pytest.mark.parametrize("case", BAD_FOLDERS, ids=lambda path: path.name)
def test_bad_data_folder_gets_its_message(case, capsys):
    """Each broken data folder fails validation with the expected message."""
    code, output = _validate(case, capsys)
    assert code == 1
    for expected in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        assert expected in output, f"{case.name}: missing {expected!r} in:\n{output}"


def test_every_problem_is_reported_at_once(tmp_path, capsys):
    """Validation is lazy: three faults in one file give three lines, not the first alone."""
    text = (MINI / "events.csv").read_text(encoding="utf-8")
    text = text.replace("1947-05-03", "1947-02-30").replace(",crisis,", ",war,").replace("src-b\n", "src-x\n", 1)
    for name in ("eras.csv", "sources.csv", "themes.csv"):
        (tmp_path / name).write_text((MINI / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "events.csv").write_text(text, encoding="utf-8")
    code, output = _validate(tmp_path, capsys)
    assert code == 1
    assert "1947-02-30" in output and '"war"' in output and '"src-x"' in output
    assert "3 problems found" in output


def test_valid_folder_prints_a_one_line_summary(capsys):
    """A valid folder exits 0 with a single summary line."""
    code, output = _validate(MINI, capsys)
    assert code == 0
    summary = "7 events, 4 eras, 2 sources, 2 themes, 3 documents, 8 document parts, 1 tour, 3 links"
    assert output.strip().splitlines() == [f"{MINI}: valid — {summary}"]


def test_command_line_never_shows_a_traceback():
    """Run as a real command on garbage, the CLI exits 1 with a sentence."""
    result = subprocess.run([sys.executable, "-m", "timeline", "validate", str(TESTS / "data" / "bad" / "binary.csv")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "binary, not a CSV text file" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("debug", [False, True])
def test_a_fault_in_the_checker_is_logged_as_the_program_s_not_the_data_s(monkeypatch, capsys, caplog, debug):
    """A crash while checking exits 1 with one logged sentence blaming the program; --debug adds the traceback."""
    def broken_load(_path):
        return 1 / 0

    monkeypatch.setattr(timeline.__main__, "load_dataset", broken_load)
    with caplog.at_level(logging.ERROR):
        code = main(["validate", str(MINI), *(["--debug"] if debug else [])])
    captured = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in captured.out + captured.err
    [record] = caplog.records
    assert record.levelno == logging.ERROR
    assert "fault in the program, not in the data" in record.getMessage()
    assert "ZeroDivisionError" in record.getMessage()
    assert bool(record.exc_info) is debug


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_supported_encodings_and_line_ends_read_the_same(tmp_path, encoding, newline):
    """UTF-8 with or without BOM, GB18030/GBK and CRLF files load to the same Chinese text."""
    for path in MINI.glob("*.csv"):
        text = path.read_text(encoding="utf-8").replace("\n", newline)
        (tmp_path / path.name).write_bytes(text.encode(encoding))
    dataset = load_dataset(tmp_path)
    reference = load_dataset(MINI)
    assert list(dataset.events["title_zh"]) == list(reference.events["title_zh"])
    assert "签署《日美安全保障条约》" in set(dataset.events["title_zh"])


def test_oversized_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    """A file over the stated size limit is reported with its size and the limit."""
    monkeypatch.setattr(csvfile, "MAX_FILE_BYTES", 1024)
    big = tmp_path / "events.csv"
    big.write_bytes(b"id,date\n" + b"x" * 4096)
    with pytest.raises(DataError) as raised:
        load_dataset(big)
    assert "the limit is" in str(raised.value.problems[0])


@pytest.mark.parametrize(("size", "message"), [
    (3 * 1024 * 1024 // 2, "the file is 1.5 MB; the limit is 1 MB"),
    (1024 * 1024 + 1, "the file is 1.0 MB; the limit is 1 MB"),
])
def test_oversized_upload_names_its_size_and_the_limit_in_megabytes(monkeypatch, size, message):
    """An upload over the limit is refused with both sizes in MB, as a reader reads them."""
    monkeypatch.setattr(csvfile, "MAX_FILE_BYTES", 1024 * 1024)
    table, problems = csvfile.read_csv_bytes(b"x" * size, "events.csv")
    assert table is None
    assert [str(problem) for problem in problems] == [f"events.csv: {message}"]


def test_upload_at_the_limit_is_read(monkeypatch):
    """A file of exactly the limit is still read."""
    monkeypatch.setattr(csvfile, "MAX_FILE_BYTES", len(b"id,date\na,1951\n"))
    table, problems = csvfile.read_csv_bytes(b"id,date\na,1951\n", "events.csv")
    assert problems == [] and list(table["id"]) == ["a"]


@pytest.mark.parametrize(("data", "message"), [
    (codecs.BOM_UTF16_LE + "id,date\n".encode("utf-16-le"),
     "the file is saved as UTF-16; save it as CSV UTF-8 (or GBK) instead"),
    (b"id,date\n\0\0\0", "the file is binary, not a CSV text file; expected comma-separated text"),
    (b"id,date\na,\x01\n",
     "the file is not text in a supported encoding; expected UTF-8 (with or without BOM) or GB18030/GBK"),
])
def test_unreadable_bytes_are_named_in_full(data, message):
    """Each way bytes fail to be CSV text gets its own whole sentence, naming the file."""
    table, problems = csvfile.read_csv_bytes(data, "events.csv")
    assert table is None
    assert [str(problem) for problem in problems] == [f"events.csv: {message}"]


@pytest.mark.parametrize(("text", "problems"), [
    ("", ["the file is empty; expected a header row naming the columns, then one row per record"]),
    ("id;date\na;1951\n", ["row 1: the columns are separated by semicolons; expected commas "
                             "(save as CSV, comma-delimited)"]),
    ("id\tdate\na\t1951\n", ["row 1: the columns are separated by tabs; expected commas "
                               "(save as CSV, comma-delimited)"]),
    ("id|date\na|1951\n", ["row 1: the columns are separated by vertical bars; expected commas "
                            "(save as CSV, comma-delimited)"]),
    ("id,,date\na,b,1951\n", ["row 1: header cell 2 is empty; expected every column to have a name"]),
    ("id,date,id,date\n", ["row 1: the header names date, id more than once; expected each column once"]),
    ("id,date\na,1951,x\n", ["row 2: this row has 3 fields but the header has 2; expected one field per column "
                              "(a text containing a comma must be in double quotes)"]),
    ('id,date\n"a,1951\n', ["the CSV quoting is broken near line 2 (unexpected end of data); expected every "
                              'opening double quote to be closed, and a quote inside a text to be doubled ("")']),
])
def test_malformed_csv_gets_its_whole_sentence(text, problems):
    """Each way a CSV is malformed is named in full: where, what is wrong and what is expected."""
    _, found = csvfile.read_csv_bytes(text.encode("utf-8"), "events.csv")
    assert [str(problem) for problem in found] == [f"events.csv, {problem}" if problem.startswith("row") else
                                                   f"events.csv: {problem}" for problem in problems]


def test_every_ragged_row_is_reported():
    """Two rows with the wrong number of fields give two problems, each with its row."""
    _, problems = csvfile.read_csv_bytes(b"id,date\na,1951,x\nb,1952\nc\n", "events.csv")
    assert [problem.row for problem in problems] == [2, 4]


def test_huge_file_is_refused_by_its_size_alone(tmp_path):
    """A 100 MB file is refused from its size on disk, with both sizes in MB (a sparse file: never read)."""
    path = tmp_path / "events.csv"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    _, problems = csvfile.read_csv_file(path)
    assert [str(problem) for problem in problems] == ["events.csv: the file is 100.0 MB; the limit is 64 MB"]


def test_blank_rows_are_skipped_and_rows_keep_their_spreadsheet_numbers():
    """Blank lines (CRLF or LF) are no records, and each record keeps the row number a spreadsheet shows."""
    table, problems = csvfile.read_csv_bytes(b"id,date\r\n\r\n , \r\na,1951\r\nb,\"007\"\n", "events.csv")
    assert problems == []
    assert table.to_dict("index") == {4: {"id": "a", "date": "1951"}, 5: {"id": "b", "date": "007"}}


def test_a_folder_or_an_unreachable_path_is_a_problem_not_a_crash(tmp_path):
    """A folder where a file should be, or a path through a file, is reported with the file's name."""
    (tmp_path / "events.csv").mkdir()
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    _, problems = csvfile.read_csv_file(tmp_path / "events.csv")
    assert [str(problem) for problem in problems] == [f"events.csv: {tmp_path / 'events.csv'} is a folder; "
                                                      "expected a CSV file"]
    _, problems = csvfile.read_csv_file(tmp_path / "notes.txt" / "eras.csv")
    assert [str(problem) for problem in problems] == ["eras.csv: the file cannot be read (Not a directory)"]


def test_file_at_the_limit_is_read(tmp_path, monkeypatch):
    """A file of exactly the size limit is read; one byte more is refused."""
    path = tmp_path / "events.csv"
    path.write_bytes(b"id,date\na,1951\n")
    monkeypatch.setattr(csvfile, "MAX_FILE_BYTES", path.stat().st_size)
    table, problems = csvfile.read_csv_file(path)
    assert problems == [] and list(table["id"]) == ["a"]
    monkeypatch.setattr(csvfile, "MAX_FILE_BYTES", path.stat().st_size - 1)
    assert csvfile.read_csv_file(path)[0] is None


def test_extra_columns_are_kept_and_ignored(tmp_path):
    """A reader's own column (notes, say) is no error: the data loads and the column comes along."""
    for path in MINI.glob("*.csv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    lines = (MINI / "events.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "events.csv").write_text("\n".join([lines[0] + ",notes"] + [line + "," for line in lines[1:]]) + "\n",
                                         encoding="utf-8")
    events = load_dataset(tmp_path).events
    assert len(events) == 7 and "notes" in events.columns


def test_bom_is_not_part_of_the_first_column_name(tmp_path):
    """Excel's UTF-8 BOM does not turn the header's first name into '\\ufeffid'."""
    for path in MINI.glob("*.csv"):
        (tmp_path / path.name).write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    assert "id" in load_dataset(tmp_path).events.columns


def test_loading_never_writes_to_the_data_folder(tmp_path):
    """Validation, good or bad, leaves every data file byte for byte as it was."""
    for path in MINI.glob("*.csv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "events.csv").write_bytes((TESTS / "data" / "bad" / "impossible-date.csv").read_bytes())
    before = {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in tmp_path.iterdir()}
    with pytest.raises(DataError):
        load_dataset(tmp_path)
    assert {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in tmp_path.iterdir()} == before


def _mini_with_published(folder: Path, published: str, event_date: str) -> Path:
    """The mini data with src-a published on ``published`` and the 1955 event, citing src-a, on ``event_date``."""
    for path in MINI.glob("*.csv"):
        (folder / path.name).write_bytes(path.read_bytes())
    lines = (MINI / "sources.csv").read_text(encoding="utf-8").splitlines()
    dates = {"src-a": published, "src-b": ""}
    (folder / "sources.csv").write_text("\n".join([lines[0] + ",published"] + [
        f"{line},{dates[line.split(',')[0]]}" for line in lines[1:]]) + "\n", encoding="utf-8")
    events = (MINI / "events.csv").read_text(encoding="utf-8")
    events = events.replace("1955-context,1955,", f"1955-context,{event_date},")
    (folder / "events.csv").write_text(events, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("published", "event_date", "too_early"), [
    ("2000", "1955", False),              # scholarship written after the event
    ("1955-03", "1955-03-16", False),     # same month: the coarser precision cannot tell them apart
    ("1955", "1955-12-31", False),        # same year
    ("1955-03-16", "1955-03", False),     # a day within the event's month
    ("1955-03-16", "1955-03-16", False),  # news of the day
    ("1955-02", "1955-03-16", True),      # a month before
    ("1955-03-15", "1955-03-16", True),   # the day before
    ("1954", "1955-01", True),            # the year before
    ("", "1955", False),                  # no date known: nothing to compare
])
def test_a_source_published_before_its_event_is_reported(tmp_path, capsys, published, event_date, too_early):
    """An event citing a work that appeared before it happened fails validation, naming row, column and both dates."""
    code, output = _validate(_mini_with_published(tmp_path, published, event_date), capsys)
    if too_early:
        assert code == 1
        assert (f'events.csv, row 8, column "sources": value "src-a": the source src-a was published {published}, '
                f"before the event's date {event_date}; expected sources that appeared on or after the event") in output
    else:
        assert code == 0, output


def test_an_uploaded_events_file_is_checked_against_the_base_sources_dates(tmp_path):
    """An upload citing a base source published before its event is refused under the upload's name."""
    base = load_dataset(_mini_with_published(tmp_path, "1955-06", "1955"))
    upload = (MINI / "events.csv").read_text(encoding="utf-8").replace("1955-context,1955,", "1955-context,1956,")
    with pytest.raises(DataError) as raised:
        load_dataset_with_events(upload.encode("utf-8"), "my-events.csv", base)
    assert [(p.file, p.row, p.value) for p in raised.value.problems] == [("my-events.csv", 8, "src-a")]
