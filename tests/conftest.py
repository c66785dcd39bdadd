"""Shared fixtures: the small fixture folder, the bundled data, and the dashboard on the small folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings
from streamlit.testing.v1 import AppTest

from timeline.dataset import Dataset, bundled_data_dir, load_dataset

TESTS = Path(__file__).resolve().parent
MINI_DIR = TESTS / "data" / "mini"
DASHBOARD = TESTS.parent / "dashboard.py"

# No test asserts a duration: Hypothesis's default 200 ms deadline fails examples on a busy machine.
settings.register_profile("no-deadline", deadline=None)
settings.load_profile("no-deadline")


@pytest.fixture(scope="session")
def mini() -> Dataset:
    """Seven events in four eras: small enough to reason about every expected value."""
    return load_dataset(MINI_DIR)


@pytest.fixture(scope="session")
def bundled() -> Dataset:
    """The project's own curated data."""
    return load_dataset(bundled_data_dir())


@pytest.fixture
def app(monkeypatch) -> AppTest:
    """The dashboard on the seven-event fixture data, in AppTest, not yet run."""
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(MINI_DIR))
    return AppTest.from_file(str(DASHBOARD), default_timeout=60)
