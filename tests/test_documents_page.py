"""The Documents page in AppTest: list and filters, addresses, a document part by part, comparisons, links in."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import assert_page_ok

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS_PAGE = "src/timeline/ui/pages/documents.py"


def _documents(at: AppTest, **params: str) -> AppTest:
    """The Documents page opened at an address carrying ``params``, as a shared link opens it."""
    for name, value in params.items():
        at.query_params[name] = value
    return at.switch_page(DOCUMENTS_PAGE).run()


def _list_buttons(at: AppTest) -> list[str]:
    return [button.key.removeprefix("w_doc_open_") for button in at.button if button.key.startswith("w_doc_open_")]


def _markdown(at: AppTest) -> str:
    return "\n".join(element.value for element in at.markdown)


@pytest.mark.parametrize(("lang", "title"), [("zh", "条约与文献"), ("en", "Treaties and documents")])
def test_the_list_shows_every_document_oldest_first(app, lang, title):
    """Without a document open the page lists every document, oldest first, with its count, and the comparisons."""
    at = _documents(app, lang=lang)
    assert_page_ok(at)
    assert at.title[0].value == title
    assert _list_buttons(at) == ["test-statement", "test-treaty", "test-revised-treaty"]
    treaty = "测试安全条约" if lang == "zh" else "The Test Security Treaty"
    assert at.button(key="w_doc_open_test-treaty").label == treaty
    assert at.button(key="w_cmp_open_test-comparison")
    assert "1951 · 1958" in [caption.value for caption in at.caption]  # the years a comparison sets side by side


def test_kind_and_era_filters_narrow_the_list_and_enter_the_address(app):
    """Choosing kinds and eras keeps only the matching documents, says how many, and writes both to the URL."""
    at = _documents(app, lang="en")
    at.multiselect(key="w_doc_kinds").set_value(["treaty"]).run()
    assert _list_buttons(at) == ["test-treaty", "test-revised-treaty"]
    at.multiselect(key="w_doc_eras").set_value(["treaty-system"]).run()
    assert _list_buttons(at) == ["test-revised-treaty"]
    assert "Showing 1 of 3 documents" in _markdown(at)
    assert at.query_params["doc_kind"] == "treaty" and at.query_params["doc_era"] == "treaty-system"
    at.multiselect(key="w_doc_kinds").set_value(["law"]).run()
    assert _list_buttons(at) == []
    assert "No document matches" in at.info[0].value


def test_a_document_s_address_opens_it_part_by_part(app):
    """?doc=… shows the document's title, facts, official links, events, every part in order and its citations."""
    at = _documents(app, doc="test-treaty", lang="en")
    assert_page_ok(at)
    assert at.title[0].value == "The Test Security Treaty"
    assert [header.value for header in at.subheader] == ["Preamble", "Article 1", "Article 2", "Article 3"]
    text = _markdown(at)
    for fact in ("**Kind**: Treaty", "**Signed or issued**: 8 Sep 1951", "**In force**: 28 Apr 1952",
                 "**Ended**: 1 May 1958", "**Place**: San Francisco", "**Parties**: Japan, United States",
                 "**Japanese title**: テスト安全保障条約"):
        assert fact in text, fact
    assert "(https://example.org/ja/treaty)" in text and "(https://example.org/en/treaty)" in text
    assert 'Lets troops stay for the "Far East"' in text.replace("\\", "")
    assert "has not been checked" in " ".join(caption.value for caption in at.caption)  # Article 3 has no digest
    assert [button.key for button in at.button if button.key.startswith("w_doc_event_")] == [
        "w_doc_event_1951-security-treaty", "w_doc_event_1952-treaties-in-force"]
    citations = [code.value for code in at.code]
    assert citations[0].startswith("日本, 美国. 测试安全条约[Z/OL]. (1951-09-08)[")
    assert citations[1].startswith("“The Test Security Treaty.” Signed at San Francisco, 8 Sep 1951.")


def test_a_part_s_address_marks_that_part(app):
    """?doc=…&part=… opens the document with that part marked as the one the link points to."""
    at = _documents(app, doc="test-treaty", part="art-2")
    assert_page_ok(at)
    assert at.title[0].value == "测试安全条约"
    assert [caption.value for caption in at.caption].count("链接所指的条款") == 1
    assert ".st-key-doc_part_test-treaty_art-2 {" in _markdown(at)
    assert at.query_params["part"] == "art-2"


@pytest.mark.parametrize(("params", "notice"), [
    ({"doc": "1999-nothing"}, "doc=1999-nothing"),
    ({"doc": "test-treaty", "part": "art-99"}, "part=art-99"),
])
def test_an_unknown_document_or_part_gets_a_calm_notice(app, params, notice):
    """A link to a document or part the data lacks opens what exists, with a notice naming what was ignored."""
    at = _documents(app, lang="en", **params)
    assert_page_ok(at)
    assert notice in at.warning[0].value.replace("\\", "")
    expected_title = "The Test Security Treaty" if "part" in params else "Treaties and documents"
    assert at.title[0].value == expected_title


def test_opening_from_the_list_and_going_back(app):
    """A list entry opens its document and the address names it; "All documents" returns to the list."""
    at = _documents(app, lang="en")
    at.button(key="w_doc_open_test-revised-treaty").click().run()
    assert at.title[0].value == "The Test Revised Treaty"
    assert at.query_params["doc"] == "test-revised-treaty"
    at.button(key="w_doc_back").click().run()
    assert at.title[0].value == "Treaties and documents"
    assert "doc" not in at.query_params


def test_a_part_s_link_button_puts_the_part_in_the_address(app):
    """The link beside a part's heading makes the address point at that part, to copy and share."""
    at = _documents(app, doc="test-revised-treaty")
    at.button(key="w_part_link_art-6").click().run()
    assert at.query_params["part"] == "art-6"
    assert ".st-key-doc_part_test-revised-treaty_art-6 {" in _markdown(at)


def test_a_comparison_lays_documents_side_by_side_and_its_cells_open_their_parts(app):
    """The grid shows each dimension with a cell per document; a cell's part button opens the document at it."""
    at = _documents(app, doc_cmp="test-comparison", lang="en")
    assert_page_ok(at)
    assert at.title[0].value == "The test treaties compared"
    text = _markdown(at).replace("\\", "")
    assert "## The defence obligation" in text and '## The "Far East" clause' in text
    assert "Both act together." in text and "Not addressed." in text
    assert [button.label for button in at.button if button.key.startswith("w_cell_3_")] == ["Article 6", "Preamble"]
    at.button(key="w_cell_1_test-revised-treaty_art-5").click().run()
    assert at.title[0].value == "The Test Revised Treaty"
    assert at.query_params["doc"] == "test-revised-treaty" and at.query_params["part"] == "art-5"
    assert "doc_cmp" not in at.query_params


def test_the_list_opens_a_comparison(app):
    """The comparison's button on the list opens its grid, and the address names it."""
    at = _documents(app)
    at.button(key="w_cmp_open_test-comparison").click().run()
    assert at.title[0].value == "测试条约对比"
    assert at.query_params["doc_cmp"] == "test-comparison"


def test_an_event_panel_lists_its_documents_and_opens_them(app):
    """The event panel names the documents the event belongs to; one click opens the document."""
    app.query_params["event"] = "1951-security-treaty"
    at = app.run()
    assert_page_ok(at)
    button = at.button(key="w_event_doc_test-treaty")
    assert button.label == "测试安全条约"
    button.click().run()
    assert at.title[0].value == "测试安全条约"
    assert at.query_params["doc"] == "test-treaty"


def test_an_event_without_documents_has_no_documents_section(app):
    """An event no document names shows no empty "Documents" heading."""
    app.query_params["event"] = "1950-korean-war"
    at = app.run()
    assert not [button for button in at.button if button.key.startswith("w_event_doc_")]
    assert "### 相关文献" not in _markdown(at)


def test_a_document_s_event_opens_on_the_timeline(app):
    """From a document, one of its events opens on the timeline with its panel."""
    at = _documents(app, doc="test-treaty")
    at.button(key="w_doc_event_1952-treaties-in-force").click().run()
    assert at.title[0].value == "日美同盟互动年表"
    assert "和约与安保条约生效" in [header.value for header in at.header]


def test_the_compare_page_s_key_documents_open_their_texts(app):
    """A key document on the Compare page that a document belongs to also opens that document."""
    app.run()
    at = app.switch_page("src/timeline/ui/pages/compare.py").run()
    button = at.button(key="w_text_founding_1951-security-treaty_test-treaty")
    assert button.label == "文献：测试安全条约"
    button.click().run()
    assert at.title[0].value == "测试安全条约"


def test_a_folder_without_documents_says_so(monkeypatch, tmp_path):
    """Data without documents.csv: the page says there are none instead of failing."""
    mini = ROOT / "tests" / "data" / "mini"
    for path in mini.glob("*.csv"):
        if not path.name.startswith(("document", "comparison")):
            (tmp_path / path.name).write_bytes(path.read_bytes())
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at = _documents(at, lang="en")
    assert_page_ok(at)
    assert at.info[0].value == "This data has no documents (documents.csv)."
