"""Shared fixtures: the small fixture folder and the bundled data."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from timeline.dataset import Dataset, bundled_data_dir, load_dataset

TESTS = Path(__file__).resolve().parent
MINI_DIR = TESTS / "data" / "mini"

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
