"""Cite this and the take-away downloads in the running app (AppTest): where a reader finds them and what they say."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import assert_page_ok, open_address
from timeline.export import filter_file_stem
from timeline.filters import FilterState
from timeline.flashcards import flashcards_file_name
from timeline.handout import handout_file_name
from timeline.references import reference_file_name


def _cite_box(at: AppTest, label: str) -> list[str]:
    expander = next(element for element in at.expander if element.label == label)
    return [block.value for block in expander.code]


def test_an_event_panel_cites_the_event_in_three_styles_with_its_address_and_today(app):
    """The event panel's "引用本页" holds GB/T 7714, Chicago and APA, each naming the event's address and today."""
    at = open_address(app, event="1951-security-treaty")
    gbt, chicago, apa = _cite_box(at, "引用本页")
    today = dt.date.today()
    address = "http://localhost:8501/?event=1951-security-treaty"
    assert gbt == f"签署《日美安全保障条约》[EB/OL]//日美同盟互动年表. [{today.isoformat()}]. {address}."
    assert chicago.startswith("“签署《日美安全保障条约》”，载《日美同盟互动年表》。" + address)
    assert apa.endswith(f"{today.year}年{today.month}月{today.day}日检索自 {address}")


def test_an_english_era_panel_cites_the_era_with_its_english_address(app):
    """In English, the era panel's "Cite this" names the era and an address that reopens it in English."""
    at = open_address(app, show_era="occupation", lang="en")
    gbt, chicago, apa = _cite_box(at, "Cite this")
    address = "http://localhost:8501/?lang=en&show_era=occupation"
    assert gbt.startswith("The occupation[EB/OL]//The US–Japan Alliance: An Interactive Timeline.")
    assert f"Accessed {dt.date.today():%B} {dt.date.today().day}, {dt.date.today().year}. {address}." in chicago
    assert apa.startswith("The occupation. (n.d.).") and apa.endswith(address)


def _downloads(at: AppTest) -> dict[str, str]:
    return {button.proto.id.rsplit("-", 1)[-1]: button.proto.label for button in at.get("download_button")}


@pytest.mark.parametrize(("params", "labels"), [
    ({}, ["下载参考文献（2 条来源）", "下载讲义 PDF（7 个事件）", "下载 Anki 卡片（7 张）"]),
    ({"era": "treaty-system", "lang": "en"},
     ["Download references (2 sources)", "Download handout PDF (2 events)", "Download Anki flashcards (2 cards)"]),
])
def test_the_timeline_page_offers_references_handout_and_flashcards_of_the_filtered_events(app, params, labels):
    """Beside the CSV export: references, the handout and the flashcards, each counting what the filters show."""
    downloads = _downloads(open_address(app, **params))
    assert [downloads["w_download_refs"], downloads["w_download_handout"], downloads["w_download_cards"]] == labels


def test_on_a_tour_the_handout_button_offers_the_tours_handout(app):
    """With a tour open, the handout is the tour's, counted in stops."""
    downloads = _downloads(open_address(app, tour="peace"))
    assert downloads["w_download_handout"] == "下载本导览讲义 PDF（3 站）"


def test_choosing_a_reference_format_keeps_the_page_whole(app):
    """Switching RIS → BibTeX → CSL-JSON reruns cleanly and the choice stays."""
    at = open_address(app)
    for choice in ("bibtex", "csljson"):
        next(widget for widget in at.get("button_group") if widget.key == "w_refs_format").set_value(choice)
        at = at.run()
        assert_page_ok(at)
        assert next(widget.value for widget in at.get("button_group") if widget.key == "w_refs_format") == choice


def test_download_file_names_say_what_was_filtered_and_what_is_inside():
    """Each file name starts with the filters, counts its contents and ends with its language and extension."""
    stem = filter_file_stem(FilterState(eras=("occupation",), importance=(1,)))
    assert stem == "us-japan-alliance_era-occupation_imp-1"
    assert reference_file_name(stem, 12, "ris") == "us-japan-alliance_era-occupation_imp-1_12-sources.ris"
    assert reference_file_name(stem, 12, "bibtex").endswith("_12-sources.bib")
    assert reference_file_name(stem, 12, "csljson").endswith("_12-sources.json")
    assert handout_file_name(stem, "zh", 5) == "us-japan-alliance_era-occupation_imp-1_5-events_handout_zh.pdf"
    assert flashcards_file_name(filter_file_stem(FilterState()), "en", 139) == \
        "us-japan-alliance_all_139-cards_anki_en.txt"


def test_a_tour_stop_cites_the_tour_with_the_address_of_that_stop(app):
    """On a tour, the tour bar's "Cite this" names the tour and an address that reopens the same stop."""
    at = open_address(app, tour="peace", stop="2", lang="en")
    gbt, _chicago, apa = _cite_box(at, "Cite this")
    assert "tour=peace" in gbt and "stop=2" in gbt and gbt.endswith(".")
    assert "tour=peace" in apa and "stop=2" in apa


def test_a_document_cites_its_view_in_three_styles_beside_the_documents_own_citation(app):
    """A document's page cites the document itself and, in "Cite this", this page's address in three styles."""
    app.query_params.update(doc="test-treaty", lang="en")
    at = app.switch_page("src/timeline/ui/pages/documents.py").run()
    assert_page_ok(at)
    gbt, chicago, apa = _cite_box(at, "Cite this")
    for citation in (gbt, chicago, apa):
        assert "doc=test-treaty" in citation
