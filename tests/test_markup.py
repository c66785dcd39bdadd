"""Data text is shown as text: markup renders inert and only http(s) links are live."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import assert_page_ok
from timeline.markup import escape_markdown, safe_link

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini"


@pytest.mark.parametrize(("text", "expected"), [
    ("<script>alert(1)</script>", "\\<script\\>alert\\(1\\)\\</script\\>"),
    ("[click](javascript:alert(1))", "\\[click\\]\\(javascript\\:alert\\(1\\)\\)"),
    ("**bold** _it_ `code` # heading", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\# heading"),
    ("日美同盟", "日美同盟"),
    ("https://a.example www.b.example c@d.example",
     "https\u2060\\://a\\.example www\u2060\\.b\\.example c@\u2060d\\.example"),
])
def test_escape_markdown_makes_markup_literal(text, expected):
    """Every markdown and HTML character is escaped, bare addresses are broken; Chinese text is untouched."""
    assert escape_markdown(text) == expected


@pytest.mark.parametrize(("url", "live"), [
    ("https://www.mofa.go.jp/region/n-america/us/q&a/ref/1.html", True),
    ("http://avalon.law.yale.edu/20th_century/japan001.asp", True),
    ("javascript:alert(1)", False),
    ("data:text/html,<b>x</b>", False),
    ("", False),
])
def test_only_http_links_are_live(url, live):
    """A source's link is a markdown link only for http(s) addresses."""
    assert (safe_link("Source", url).startswith("[Source](")) is live


def test_parentheses_in_a_link_do_not_end_it():
    """A URL with parentheses stays one working link: they are percent-encoded, the label escaped."""
    assert safe_link("Treaty (1951)", "https://en.wikipedia.org/wiki/Treaty_(1951)") == (
        "[Treaty \\(1951\\)](https://en.wikipedia.org/wiki/Treaty_%281951%29)")


def test_markup_in_data_renders_inert_in_the_panel(tmp_path, monkeypatch):
    """A title and summary full of HTML and markdown reach the page escaped, never as markup."""
    for path in MINI.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    events = list(csv.DictReader((MINI / "events.csv").open(encoding="utf-8", newline="")))
    events[0]["title_zh"] = "<img src=x onerror=alert(1)>"
    events[0]["summary_zh"] = "[点我](javascript:alert(1)) **粗体**"
    with (tmp_path / "events.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(events[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(events)
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(tmp_path))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.query_params["event"] = "1945-surrender"
    at = app.run()
    assert_page_ok(at)
    assert "\\<img src=x onerror=alert\\(1\\)\\>" in [header.value for header in at.header]
    texts = [str(element.value) for element in at.markdown]
    assert "**\\[点我\\]\\(javascript\\:alert\\(1\\)\\) \\*\\*粗体\\*\\***" in texts
