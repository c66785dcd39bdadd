"""A schema check that crashes is a fault of the program, never reported as problems in the reader's data."""

from __future__ import annotations

import logging

import pandera.pandas as pa
import pytest

from tests.conftest import MINI_DIR
from timeline import schema
from timeline.__main__ import main
from timeline.dataset import CheckCrashed, load_dataset


def _crash(values):
    raise KeyError("no check registered for this type")


@pytest.fixture
def crashing_title_check(monkeypatch):
    """The events schema with a check on title_en that raises, as pandera 0.24's renamed built-ins did."""
    events = schema.TABLE_SCHEMAS["events.csv"]
    crashing = events.update_column("title_en", checks=[pa.Check(_crash, name="crashes")])
    monkeypatch.setitem(schema.TABLE_SCHEMAS, "events.csv", crashing)


def test_crashing_check_raises_a_program_error_naming_it(crashing_title_check):
    """Loading stops with one error naming file, column and check, not one data problem per crash."""
    with pytest.raises(CheckCrashed) as raised:
        load_dataset(MINI_DIR)
    message = str(raised.value)
    assert 'events.csv, column "title_en"' in message and "crashes" in message and "KeyError" in message
    assert "fault of the program, not of the data" in message


def test_validate_command_blames_the_program_not_the_data(crashing_title_check, capsys, caplog):
    """The validate command exits 1 with the program's fault (logged to stderr), and lists no problems in the data."""
    with caplog.at_level(logging.ERROR):
        assert main(["validate", str(MINI_DIR)]) == 1
    output = capsys.readouterr()
    assert "fault of the program" in caplog.text
    assert "problem" not in output.out + output.err + caplog.text
    assert "Traceback" not in output.out + output.err + caplog.text
