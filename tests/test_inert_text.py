"""Text from outside (the address, an upload, an error) and from the data reaches the page inert, on every path.

Streamlit renders markdown (and a little HTML) in markdown, headings, alerts, captions and button
labels; Plotly renders a few tags in hover texts and labels. Markup placed in each outside or data
text must come out as the literal characters, never as a link, an image, bold text or a tag.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import assert_page_ok
from timeline.markup import escape_markdown
from timeline.ui import timeline_page

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini"

PAYLOAD = "**x** [a](https://evil.example) <img src=x> <script>alert(1)</script>"
# The phishing note of issue 14: a bold claim, a live link and a remote image inside the app's own warning.
EVIL_NOTE = "**Session expired** [log in again](https://evil.example/login) ![](https://evil.example/p.png)"
# What PAYLOAD or EVIL_NOTE look like where they would render as markup (escaped characters show literally).
LIVE_PIECES = ("**x**", "**Session expired**", "](https://evil.example", "<img", "<script")
MARKDOWN_ELEMENTS = ("markdown", "caption", "title", "header", "subheader", "error", "warning", "info", "success")
LABELLED_ELEMENTS = ("button", "download_button", "expander")


def live_markup(markdown: str) -> list[str]:
    """The pieces of markup in ``markdown`` that Streamlit would render rather than show."""
    literal = re.sub(r"\\.", "·", markdown)
    return [piece for piece in LIVE_PIECES if piece in literal]


def markdown_texts(at: AppTest) -> list[str]:
    """Every text on the page that Streamlit renders as markdown: bodies, headings, alerts and labels."""
    texts = [str(element.value) for kind in MARKDOWN_ELEMENTS for element in at.get(kind)]
    return texts + [element.label for kind in LABELLED_ELEMENTS for element in at.get(kind)]


def assert_inert(at: AppTest) -> list[str]:
    """Fail when any markdown text on the page holds live markup; return the texts for further checks."""
    texts = markdown_texts(at)
    assert not [text for text in texts if live_markup(text)], "markup rendered live"
    return texts


def _app(monkeypatch, data_dir: Path = MINI, **params: str) -> AppTest:
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(data_dir))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for name, value in params.items():
        app.query_params[name] = value
    return app


# --- text from outside ---------------------------------------------------------------------------------------

def test_query_parameter_name_and_value_are_shown_literally(monkeypatch):
    """An unknown parameter is reported word for word, its markup shown, not rendered as a link or image."""
    app = _app(monkeypatch, note=EVIL_NOTE)
    app.query_params[PAYLOAD] = "1"
    at = app.run()
    assert_page_ok(at)
    assert_inert(at)
    warning = at.warning[0].value
    assert escape_markdown(f"note={EVIL_NOTE}") in warning
    assert escape_markdown(f"{PAYLOAD}=1") in warning


def _events_csv(change: dict[str, str]) -> bytes:
    rows = list(csv.DictReader((MINI / "events.csv").open(encoding="utf-8", newline="")))
    rows[0].update(change)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def test_bad_upload_shows_its_name_and_quoted_values_literally(monkeypatch):
    """A refused upload names the file and quotes the bad value as typed, without rendering either."""
    at = _app(monkeypatch).run()
    name = f"{PAYLOAD}.csv"
    at.file_uploader(key="w_upload").set_value((name, _events_csv({"category": PAYLOAD}), "text/csv")).run()
    assert not at.exception
    assert_inert(at)
    assert len(at.error) == 1
    assert escape_markdown(name) in at.error[0].value
    # The problems are a code block, which shows text as typed: the raw value is there, and inert.
    assert 'column "category": value "**x** [a](https://evil.example)' in at.code[0].value


def test_good_upload_names_its_file_literally(monkeypatch):
    """The notice that an upload is in use shows the file's name as typed."""
    at = _app(monkeypatch).run()
    name = f"{EVIL_NOTE}.csv"
    at.file_uploader(key="w_upload").set_value((name, _events_csv({}), "text/csv")).run()
    assert_page_ok(at)
    assert_inert(at)
    assert escape_markdown(name) in at.success[0].value


def test_exception_message_never_reaches_the_page(monkeypatch):
    """A fault whose message is full of markup shows the calm message only, not the message itself."""
    def broken(*_args) -> None:
        raise RuntimeError(PAYLOAD)

    monkeypatch.setattr(timeline_page, "_render_export", broken)
    at = _app(monkeypatch).run()
    texts = assert_inert(at)
    assert [error.value[:6] for error in at.error] == ["出现意外错误"]
    assert not [text for text in texts + [code.value for code in at.code] if "evil.example" in text]
