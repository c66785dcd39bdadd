"""Read one CSV file as a table of text, turning every way a file can be unreadable into a Problem.

Accepted: UTF-8 with or without BOM, GB18030/GBK (what Excel on Chinese Windows saves), LF or CRLF
line ends. The result's index is the spreadsheet row number (header = row 1), so later checks can
name rows the way a user sees them in Excel or WPS.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

import pandas as pd

from timeline.problems import Problem

MAX_FILE_BYTES = 64 * 1024 * 1024
_CONTROL_CHARACTERS = {chr(c) for c in range(32) if chr(c) not in "\t\n\r"}
# Cells a spreadsheet would run as a formula. The export writes them behind an apostrophe (OWASP's
# advice against CSV injection; a spreadsheet's own sign for "this is text"), and reading takes
# that apostrophe off again, so an exported file loads exactly as it was.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NEUTRALISED_FORMULA = re.compile(r"'+[=+\-@\t\r]")


def read_csv_bytes(data: bytes, file: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Decode and parse CSV ``data`` named ``file``; return the text table or the problems found."""
    too_large = size_problem(len(data), file)
    if too_large:
        return None, [too_large]
    text, problem = _decode(data, file)
    if problem:
        return None, [problem]
    if not text.strip():
        return None, [Problem(file, "the file is empty; expected a header row naming the columns, "
                              "then one row per record")]
    return _parse(text, file)


def read_csv_file(path: Path) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read the CSV file at ``path``, reporting a missing or oversized file as a problem."""
    data = read_file_bytes(path)
    return (None, [data]) if isinstance(data, Problem) else read_csv_bytes(data, path.name)


def read_file_bytes(path: Path) -> bytes | Problem:
    """The bytes of the file at ``path``, or the problem; its size is checked before anything is read."""
    file = path.name
    try:
        too_large = size_problem(path.stat().st_size, file)
        if too_large:
            return too_large
        return path.read_bytes()
    except FileNotFoundError:
        return Problem(file, f"the file is missing; expected it at {path}")
    except IsADirectoryError:
        return Problem(file, f"{path} is a folder; expected a CSV file")
    except OSError as error:
        return Problem(file, f"the file cannot be read ({error.strerror or error})")


def restore_formula_text(cell: str) -> str:
    """A cell without the apostrophe that guards a formula-like text (see the export's ``neutralise_formula``)."""
    return cell[1:] if _NEUTRALISED_FORMULA.match(cell) else cell


def size_problem(size: int, file: str) -> Problem | None:
    """The problem with a file of ``size`` bytes when it is over the limit, else ``None``."""
    if size <= MAX_FILE_BYTES:
        return None
    megabytes = size / 1024 / 1024
    return Problem(file, f"the file is {megabytes:.1f} MB; the limit is {MAX_FILE_BYTES // 1024 // 1024} MB")


def _decode(data: bytes, file: str) -> tuple[str, Problem | None]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "", Problem(file, "the file is saved as UTF-16; save it as CSV UTF-8 (or GBK) instead")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if b"\0" in data[:65536]:
        return "", Problem(file, "the file is binary, not a CSV text file; expected comma-separated text")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _CONTROL_CHARACTERS.intersection(text[:65536]):
            break
        return text, None
    return "", Problem(
        file, "the file is not text in a supported encoding; expected UTF-8 (with or without BOM) or GB18030/GBK"
    )


def _parse(text: str, file: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    records: list[list[str]] = []
    rows: list[int] = []
    try:
        header = [name.strip() for name in next(reader)]
        for row_number, record in enumerate(reader, start=2):
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                problems.append(Problem(
                    file, f"this row has {len(record)} fields but the header has {len(header)}; "
                    "expected one field per column (a text containing a comma must be in double quotes)",
                    row=row_number,
                ))
                continue
            records.append([restore_formula_text(cell.strip()) for cell in record])
            rows.append(row_number)
    except csv.Error as error:
        problems.append(Problem(
            file, f"the CSV quoting is broken near line {reader.line_num} ({error}); "
            "expected every opening double quote to be closed, and a quote inside a text to be doubled (\"\")",
        ))
        return None, problems
    header_problem = _check_header(header, file)
    if header_problem:
        return None, [header_problem]
    table = pd.DataFrame(records, columns=header, index=pd.Index(rows, name="row"), dtype=str)
    return table, problems


def _check_header(header: list[str], file: str) -> Problem | None:
    if len(header) == 1:
        for delimiter, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
            if delimiter in header[0]:
                return Problem(file, f"the columns are separated by {name}; expected commas "
                               "(save as CSV, comma-delimited)", row=1)
    if "" in header:
        position = header.index("") + 1
        return Problem(file, f"header cell {position} is empty; expected every column to have a name", row=1)
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        names = ", ".join(duplicates)
        return Problem(file, f"the header names {names} more than once; expected each column once", row=1)
    return None
