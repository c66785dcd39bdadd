"""Assertions on an AppTest run that look for what the reader would see, not only for uncaught exceptions."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def assert_page_ok(at: AppTest) -> None:
    """Fail when the run raised, or when the page shows the reader an error (the app's guard shows faults so)."""
    assert not at.exception, f"the script raised: {[element.value for element in at.exception]}"
    errors = [element.value for element in at.error]
    assert not errors, f"the page shows an error: {errors}"


def open_address(app: AppTest, **params: str) -> AppTest:
    """Run the app at an address carrying ``params``, as a shared link opens it, and check the page is sound."""
    for name, value in params.items():
        app.query_params[name] = value
    at = app.run()
    assert_page_ok(at)
    return at
