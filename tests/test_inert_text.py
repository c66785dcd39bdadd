"""Text from outside (the address, an upload, an error) and from the data reaches the page inert, on every path.

Streamlit renders markdown (and a little HTML) in markdown, headings, alerts, captions and button
labels; Plotly renders a few tags in hover texts and labels. Markup placed in each outside or data
text must come out as the literal characters, never as a link, an image, bold text or a tag.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import assert_page_ok
from timeline import figures
from timeline.dataset import load_dataset
from timeline.markup import escape_markdown
from timeline.ui import timeline_page

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini"
PAGES = ROOT / "src" / "timeline" / "ui" / "pages"

PAYLOAD = "**x** [a](https://evil.example) <img src=x> <script>alert(1)</script>"
# The phishing note of issue 14: a bold claim, a live link and a remote image inside the app's own warning.
EVIL_NOTE = "**Session expired** [log in again](https://evil.example/login) ![](https://evil.example/p.png)"
# What PAYLOAD or EVIL_NOTE look like where they would render as markup (escaped characters show literally).
LIVE_PIECES = ("**x**", "**Session expired**", "<img", "<script")
# An address of evil.example in the text as shown is a link: a markdown link's target, or a bare address that
# GFM links by itself even when its characters are escaped.
LIVE_ADDRESS = re.compile(r"(?i)(https?://|www\.)evil\.example")
MARKDOWN_ELEMENTS = ("markdown", "caption", "title", "header", "subheader", "error", "warning", "info", "success")
LABELLED_ELEMENTS = ("button", "download_button", "expander")
# The tags Plotly's labels may carry from the figure code itself; any other tag in a label is live data markup.
FIGURE_TAGS = {"b", "br"}


def live_markup(markdown: str) -> list[str]:
    """The pieces of markup in ``markdown`` that Streamlit would render rather than show."""
    literal = re.sub(r"\\.", "·", markdown)
    shown = re.sub(r"\\(.)", r"\1", markdown)
    return [piece for piece in LIVE_PIECES if piece in literal] + LIVE_ADDRESS.findall(shown)


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


# --- text from the data, on every render path ----------------------------------------------------------------

def _poisoned_copy(folder: Path) -> Path:
    """The mini data with PAYLOAD appended to every filled text of every table, in both languages."""
    for path in MINI.glob("*.csv"):
        rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
        for row in rows:
            for column, value in row.items():
                if column.endswith(("_zh", "_en")) and value.strip():
                    row[column] = f"{value} {PAYLOAD}"
        with (folder / path.name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return folder


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory) -> Path:
    """A data folder whose every text carries markup."""
    return _poisoned_copy(tmp_path_factory.mktemp("poisoned"))


def _value(folder: Path, table: str, row_id: str, column: str) -> str:
    rows = csv.DictReader((folder / f"{table}.csv").open(encoding="utf-8", newline=""))
    return next(row[column] for row in rows if row["id"] == row_id)


# (page, query, texts that must be shown, as (table, id, column without language))
RENDER_PATHS = {
    "event panel": ("timeline", {"event": "1951-security-treaty"}, [
        ("events", "1951-security-treaty", "title"), ("events", "1951-security-treaty", "summary"),
        ("events", "1951-security-treaty", "background"), ("events", "1951-security-treaty", "content"),
        ("events", "1951-security-treaty", "significance"), ("events", "1951-peace-treaty", "title"),
        ("eras", "occupation-settlement", "name"), ("sources", "src-b", "citation"),
        ("documents", "test-treaty", "title"),
    ]),
    "era panel": ("timeline", {"show_era": "occupation"}, [
        ("eras", "occupation", "name"), ("eras", "occupation", "summary"), ("eras", "occupation", "background"),
        ("eras", "occupation", "significance"), ("eras", "occupation-reform", "name"),
        ("events", "1945-surrender", "title"),
    ]),
    "theme": ("themes", {"theme": "founding"}, [
        ("themes", "founding", "title"), ("themes", "founding", "text"), ("themes", "founding-peace", "title"),
        ("events", "1951-security-treaty", "title"),
    ]),
    "compare": ("compare", {}, [
        ("adjustments", "founding", "title"), ("adjustments", "founding", "background"),
        ("adjustments", "founding", "content"), ("adjustments", "founding", "significance"),
        ("adjustments", "founding", "divergence"), ("events", "1951-peace-treaty", "title"),
    ]),
    "sources": ("sources", {}, [
        ("sources", "src-a", "citation"), ("sources", "src-b", "citation"), ("events", "1945-surrender", "title"),
    ]),
    "documents": ("documents", {}, [
        ("documents", "test-treaty", "title"), ("comparisons", "test-comparison", "title"),
    ]),
    "document": ("documents", {"doc": "test-treaty", "part": "art-1"}, [
        ("documents", "test-treaty", "title"), ("documents", "test-treaty", "summary"),
        ("documents", "test-treaty", "signatories"), ("events", "1951-security-treaty", "title"),
        ("sources", "src-b", "citation"),
    ]),
    "comparison": ("documents", {"doc_cmp": "test-comparison"}, [
        ("comparisons", "test-comparison", "title"), ("comparisons", "test-comparison", "summary"),
        ("documents", "test-revised-treaty", "title"),
    ]),
}


def _run_page(monkeypatch, data_dir: Path, page: str, params: dict[str, str], lang: str) -> AppTest:
    at = _app(monkeypatch, data_dir, lang=lang, **params).run()
    if page != "timeline":
        at.switch_page(str((PAGES / f"{page}.py").relative_to(ROOT))).run()
    assert_page_ok(at)
    return at


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", list(RENDER_PATHS))
def test_markup_in_data_renders_inert_on_every_path(monkeypatch, poisoned, path, lang):
    """Every data text a page shows (titles, analyses, names, citations, cells, labels) shows its markup literally."""
    page, params, shown = RENDER_PATHS[path]
    texts = assert_inert(_run_page(monkeypatch, poisoned, page, params, lang))
    for table, row_id, column in shown:
        expected = escape_markdown(_value(poisoned, table, row_id, f"{column}_{lang}"))
        assert any(expected in text for text in texts), f"{table} {row_id} {column} is not shown"


def _cell(folder: Path, table: str, match: dict[str, str], column: str) -> str:
    rows = csv.DictReader((folder / f"{table}.csv").open(encoding="utf-8", newline=""))
    return next(row[column] for row in rows if all(row[key] == value for key, value in match.items()))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markup_in_parts_and_comparison_cells_renders_inert(monkeypatch, poisoned, lang):
    """A part's heading and digest, a comparison's dimension and cell text show their markup literally."""
    part = {"document": "test-treaty", "part": "art-1"}
    texts = assert_inert(_run_page(monkeypatch, poisoned, "documents", {"doc": "test-treaty"}, lang))
    for column in ("heading", "digest"):
        expected = escape_markdown(_cell(poisoned, "document_parts", part, f"{column}_{lang}"))
        assert any(expected in text for text in texts), f"the part's {column} is not shown"
    texts = assert_inert(_run_page(monkeypatch, poisoned, "documents", {"doc_cmp": "test-comparison"}, lang))
    cell = {"comparison": "test-comparison", "order": "1", "document": "test-treaty"}
    for column in ("dimension", "text"):
        expected = escape_markdown(_cell(poisoned, "comparison_rows", cell, f"{column}_{lang}"))
        assert any(expected in text for text in texts), f"the cell's {column} is not shown"


def _live_tags(labels: list[str]) -> set[str]:
    """The tags in Plotly label texts other than those the figure code itself writes."""
    return {tag.lower() for label in labels for tag in re.findall(r"<\s*/?\s*([A-Za-z]+)", label)} - FIGURE_TAGS


def _figure_labels(at: AppTest) -> list[str]:
    """Every text the page's Plotly charts can render: hover texts, labels, annotations and tick texts."""
    return [label for chart in at.get("plotly_chart") for label in _spec_labels(json.loads(chart.proto.spec))]


def _spec_labels(spec: dict) -> list[str]:
    labels = []
    for trace in spec["data"]:
        for name in ("hovertext", "text", "labels"):
            value = trace.get(name, [])
            labels += [value] if isinstance(value, str) else [str(item) for item in value]
    labels += [annotation["text"] for annotation in spec["layout"].get("annotations", [])]
    labels += [str(text) for text in spec["layout"].get("yaxis", {}).get("ticktext", [])]
    return labels


@pytest.mark.parametrize("page", ["timeline", "themes"])
def test_markup_in_data_is_no_live_tag_in_the_charts(monkeypatch, poisoned, page):
    """Hover texts of events and eras, era labels and the mind map's segments carry no tag from the data."""
    labels = _figure_labels(_run_page(monkeypatch, poisoned, page, {}, "en"))
    assert sum("evil.example" in label for label in labels) >= (7 + 4 if page == "timeline" else 2)
    assert not _live_tags(labels)


def test_large_timeline_hover_texts_carry_no_live_tag(monkeypatch, poisoned):
    """Past the WebGL threshold the short hover texts (title and date) are escaped too."""
    monkeypatch.setattr(figures, "WEBGL_THRESHOLD", 0)
    dataset = load_dataset(poisoned)
    figure = figures.build_timeline_figure(dataset.events, dataset.eras, "zh")
    assert any(isinstance(trace, go.Scattergl) for trace in figure.data)
    labels = _spec_labels(json.loads(figure.to_json()))
    assert sum("evil.example" in label for label in labels) >= 7
    assert not _live_tags(labels)
