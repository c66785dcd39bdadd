"""Cite this, the reference files, the handout PDF and the flashcards, as a reader gets them from the core and CLI."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pypdfium2
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from timeline.__main__ import main
from timeline.citations import view_citation
from timeline.dataset import DataVersion
from timeline.filters import FilterState, apply_filters
from timeline.flashcards import flashcards_text
from timeline.handout import HandoutError, find_cjk_font
from timeline.references import cited_sources, references_of, references_text
from timeline.urlstate import ViewState, view_address

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini"
VERSION = DataVersion("1.0.0", "2026-11-27")
ACCESSED = dt.date(2026, 11, 28)
URL = "https://example.org/?event=1951-security-treaty"


@pytest.mark.parametrize(("style", "lang", "expected"), [
    ("gbt7714", "zh", "安保条约[EB/OL]//日美同盟互动年表(数据版本 1.0.0). (2026-11-27)[2026-11-28]. " + URL + "."),
    ("gbt7714", "en", "Security Treaty[EB/OL]//The US–Japan Alliance: An Interactive Timeline (data version 1.0.0). "
                      "(2026-11-27)[2026-11-28]. " + URL + "."),
    ("chicago", "zh", "“安保条约”，载《日美同盟互动年表》，数据版本 1.0.0，2026年11月27日。"
                      + URL + "（2026年11月28日访问）。"),
    ("chicago", "en", "“Security Treaty.” In The US–Japan Alliance: An Interactive Timeline, data version 1.0.0, "
                      "November 27, 2026. Accessed November 28, 2026. " + URL + "."),
    ("apa", "zh", "安保条约（2026年11月27日）。载《日美同盟互动年表》（数据版本 1.0.0）。2026年11月28日检索自 " + URL),
    ("apa", "en", "Security Treaty. (2026, November 27). In The US–Japan Alliance: An Interactive Timeline "
                  "(Data version 1.0.0). Retrieved November 28, 2026, from " + URL),
])
def test_a_view_is_cited_in_each_style_with_its_address_and_the_access_date(style, lang, expected):
    """Each style names the view, the dashboard, its data version, the view's address and the day it was read."""
    title = "安保条约" if lang == "zh" else "Security Treaty"
    assert view_citation(style, lang, title, URL, ACCESSED, VERSION) == expected


def test_an_unversioned_dataset_is_cited_without_a_version_or_release_date():
    """A folder with no VERSION file: APA says n.d. rather than inventing a date."""
    citation = view_citation("apa", "en", "Security Treaty", URL, ACCESSED, None)
    assert citation.startswith("Security Treaty. (n.d.). In The US–Japan Alliance")
    assert "version" not in citation.lower()
    with pytest.raises(ValueError, match="unknown citation style 'mla'"):
        view_citation("mla", "en", "x", URL, ACCESSED, None)


def test_the_address_of_a_view_reopens_that_event_or_era_in_its_language():
    """The cited address carries the language and the open event or era, with Chinese safely encoded."""
    assert view_address("https://a.example/", ViewState(lang="en", event="1951-security-treaty")) == \
        "https://a.example/?lang=en&event=1951-security-treaty"
    assert view_address("https://a.example/", ViewState(era="occupation")) == "https://a.example/?show_era=occupation"
    assert view_address("https://a.example/", ViewState(filters=FilterState(query="安保 条约"))) == \
        "https://a.example/?q=%E5%AE%89%E4%BF%9D%20%E6%9D%A1%E7%BA%A6"


def test_ris_parses_back_with_one_record_per_cited_source(bundled):
    """Every source the occupation's events cite comes back from rispy once, with its title, type, date and URL."""
    events = apply_filters(bundled, FilterState(eras=("occupation",)))
    sources = cited_sources(bundled, events)
    records = rispy.loads(references_text(references_of(bundled, events, "en"), "ris"))
    assert [record["id"] for record in records] == list(sources["id"])
    assert all(record["title"] and record["type_of_reference"] in {"JOUR", "NEWS", "BOOK", "CHAP", "RPRT", "GOVDOC",
                                                                    "ELEC", "ENCYC", "GEN"} for record in records)
    by_id = {record["id"]: record for record in records}
    for source in sources.itertuples():
        record = by_id[source.id]
        assert record["notes"][0] == source.citation_en  # the full citation, as written, travels with it
        if source.url:
            assert record["urls"] == [source.url]
        if source.published:
            assert record["year"] == source.published[:4]


def test_ris_fields_are_read_from_the_gbt_citation(bundled):
    """A journal article's author, title and journal come out of its GB/T 7714 citation."""
    source = bundled.sources[bundled.sources["citation_zh"].str.contains(r"\[J\]", regex=True)].iloc[0]
    event = bundled.events[bundled.events["sources"].str.contains(source["id"], regex=False)].head(1)
    record = next(item for item in rispy.loads(references_text(references_of(bundled, event, "zh"), "ris"))
                  if item["id"] == source["id"])
    author, rest = source["citation_zh"].split(". ", 1)
    assert record["type_of_reference"] == "JOUR"
    assert record["authors"] == [author]
    assert rest.startswith(record["title"] + "[J]. " + record["secondary_title"])


def test_bibtex_parses_back_with_every_entry_and_no_failed_block(bundled):
    """bibtexparser reads every entry back, keyed by source id, with balanced braces and the URL intact."""
    sources = cited_sources(bundled, bundled.events)
    library = bibtexparser.parse_string(references_text(references_of(bundled, bundled.events, "zh"), "bibtex"))
    assert not library.failed_blocks
    assert [entry.key for entry in library.entries] == list(sources["id"])
    urls = dict(zip(sources["id"], sources["url"]))
    for entry in library.entries:
        assert entry["title"]
        if urls[entry.key]:
            assert entry["url"] == urls[entry.key]


def test_csl_json_formats_a_bibliography_in_citeproc(mini):
    """citeproc-py reads the CSL-JSON and formats a bibliography entry for each source."""
    items = json.loads(references_text(references_of(mini, mini.events, "en"), "csljson"))
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(items) == 2
    assert rendered == ["甲 (no date) 书. Available at: https://example.org/a.", "乙 (no date) 条约."]


def _run(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "timeline", *argv], capture_output=True, text=True, cwd=ROOT,
                          check=False)


def test_cite_command_writes_the_filtered_events_sources(tmp_path, mini):
    """`cite --format bibtex --era …` writes only the sources of that era's events; unknown filters are refused."""
    output = tmp_path / "refs.bib"
    assert main(["cite", "--data", str(MINI), "--era", "treaty-system", "--format", "bibtex", "-o", str(output)]) == 0
    keys = [entry.key for entry in bibtexparser.parse_file(str(output)).entries]
    expected = cited_sources(mini, apply_filters(mini, FilterState(eras=("treaty-system",))))
    assert keys == list(expected["id"])


def test_cite_command_refuses_an_unknown_filter_value_in_one_line(capsys):
    """An era the data lacks is named in a one-line error and exit 1, never a traceback or an empty file."""
    assert main(["cite", "--data", str(MINI), "--era", "no-such-era"]) == 1
    error = capsys.readouterr().err
    assert "--era: 'no-such-era' is not known" in error
    assert "Traceback" not in error


def _pdf_pages_text(path: Path) -> list[str]:
    document = pypdfium2.PdfDocument(str(path))
    return [page.get_textpage().get_text_range() for page in document]


def _flat(text: str) -> str:
    """Text as the PDF wraps it, lines joined (a long title may break across lines)."""
    return "".join(text.split())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_handout_holds_the_filtered_events_titles_by_name_with_chinese_glyphs(tmp_path, bundled, lang):
    """The CLI's A4 handout has each filtered event's title, summary and era name, and no ids."""
    output = tmp_path / f"handout-{lang}.pdf"
    result = _run("handout", "--era", "occupation", "--imp", "1,2", "--lang", lang, "-o", str(output))
    assert result.returncode == 0, result.stderr
    document = pypdfium2.PdfDocument(str(output))
    width, height = document[0].get_size()
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = _flat("".join(_pdf_pages_text(output)))
    events = apply_filters(bundled, FilterState(eras=("occupation",), importance=(1, 2)))
    for event in events.itertuples():
        assert _flat(getattr(event, f"title_{lang}")) in text
        assert _flat(getattr(event, f"summary_{lang}")) in text
    era_name = bundled.eras.set_index("id").at["occupation", f"name_{lang}"]
    assert _flat(era_name) in text
    assert not any(event_id in text for event_id in events["id"])
    image = document[0].render(scale=1).to_pil().convert("L")
    image.save(tmp_path / f"handout-{lang}-page1.png")  # to look at; the timeline strip has ink in it
    strip = image.crop((int(width * 0.08), int(height * 0.14), int(width * 0.92), int(height * 0.3)))
    assert strip.getextrema()[0] < 100


def test_landmarks_carry_their_analysis_and_other_events_do_not(tmp_path, mini):
    """A landmark prints its background, content and significance headings; a context event only its summary."""
    output = tmp_path / "handout.pdf"
    assert main(["handout", "--data", str(MINI), "--lang", "en", "-o", str(output)]) == 0
    text = "\n".join(_pdf_pages_text(output))
    assert "All events, unfiltered" in text
    landmark = mini.events[mini.events["importance"] == 1].iloc[0]
    after_landmark = text[text.index(landmark["title_en"]):]
    assert after_landmark.index("Background") < after_landmark.index("Significance")


def _write_tours(folder: Path) -> None:
    (folder / "tours.csv").write_text(
        "id,title_zh,title_en,summary_zh,summary_en\n"
        "treaties,条约之路,The road to the treaties,从占领到条约。,From occupation to treaties.\n", encoding="utf-8")
    (folder / "tour_stops.csv").write_text(
        "tour,order,event,text_zh,text_en\n"
        "treaties,2,1951-security-treaty,同一天签署安保条约。,The same day the security treaty was signed.\n"
        "treaties,1,1945-surrender,一切从投降开始。,It all began with the surrender.\n", encoding="utf-8")


def test_a_tour_handout_prints_its_stops_in_order_with_their_narratives(tmp_path, mini):
    """--tour prints the tour's title and each stop's event and narrative in the tour's order."""
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    _write_tours(data)
    output = tmp_path / "tour.pdf"
    assert main(["handout", "--data", str(data), "--tour", "treaties", "--lang", "zh", "-o", str(output)]) == 0
    text = _flat("".join(_pdf_pages_text(output)))
    assert text.index("条约之路") < text.index("第1/2站") < text.index("日本签署投降书") < text.index("一切从投降开始")
    assert text.index("一切从投降开始") < text.index("第2/2站") < text.index("签署《日美安全保障条约》")
    assert "签署旧金山和约" not in text


def test_an_unknown_or_missing_tour_is_a_clear_error(tmp_path, capsys):
    """A tour that is not there, or no tours at all, stops with a sentence naming the tours there are."""
    assert main(["handout", "--data", str(MINI), "--tour", "okinawa", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "There is no tour 'okinawa' in" in capsys.readouterr().err
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    (data / "tours.csv").unlink()
    (data / "tour_stops.csv").unlink()
    assert main(["handout", "--data", str(data), "--tour", "peace", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "the tours are: none (the data has no tours.csv)" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_the_compare_grid_handout_prints_each_adjustment_and_aspect(tmp_path, mini):
    """--compare prints the chosen adjustments with their aspects, not the event list."""
    output = tmp_path / "compare.pdf"
    assert main(["handout", "--data", str(MINI), "--compare", "founding", "--lang", "en", "-o", str(output)]) == 0
    text = "\n".join(_pdf_pages_text(output))
    assert "Founding" in text and "Settling in" not in text
    assert "Background" in text


def test_a_missing_cjk_font_is_named_with_the_package_to_install(monkeypatch, tmp_path, capsys):
    """Without Noto Sans CJK SC (fc-match offers another family) the handout says which package to install."""
    def fallback(*args, **kwargs):
        return subprocess.CompletedProcess(args, 0, stdout="/usr/share/fonts/DejaVuSans.ttf|0|DejaVu Sans")

    monkeypatch.setattr("timeline.handout.subprocess.run", fallback)
    with pytest.raises(HandoutError, match="fonts-noto-cjk"):
        find_cjk_font()
    assert main(["handout", "--data", str(MINI), "-o", str(tmp_path / "x.pdf")]) == 1
    assert "apt-get install fonts-noto-cjk" in capsys.readouterr().err


def test_flashcards_are_an_anki_import_file_with_one_note_per_event(mini):
    """Anki's headers, then per event: front = title + date prompt, back = date + summary, tags = era and category."""
    lines = flashcards_text(mini.events, "zh").splitlines()
    assert lines[:6] == ["#separator:tab", "#html:true", "#notetype:Basic", "#deck:日美同盟年表", "#tags column:3",
                         "#columns:Front\tBack\tTags"]
    notes = [line.split("\t") for line in lines[6:]]
    assert len(notes) == len(mini.events)
    for (front, back, tags), event in zip(notes, mini.events.itertuples()):
        assert front == f"{event.title_zh}<br><br><i>发生在何时？</i>"
        assert back == f"<b>{event.date_zh}</b><br><br>{event.summary_zh}"
        assert tags == f"era::{event.era} category::{event.category}"


def test_flashcards_escape_html_and_keep_each_note_on_one_line(mini):
    """Angle brackets, tabs and line breaks in a text cannot break a card or a field."""
    events = mini.events.head(1).assign(summary_en="a <b>bold</b>\tclaim\nacross lines")
    note = flashcards_text(events, "en").splitlines()[6]
    front, back, _ = note.split("\t")
    assert back.endswith("a &lt;b&gt;bold&lt;/b&gt; claim<br>across lines")
    assert front.endswith("<i>When did this happen?</i>")


def test_flashcards_command_writes_english_cards_of_the_filter(tmp_path):
    """`flashcards --lang en --imp 1` writes one card per landmark."""
    output = tmp_path / "cards.txt"
    assert main(["flashcards", "--data", str(MINI), "--imp", "1", "--lang", "en", "-o", str(output)]) == 0
    cards = output.read_text(encoding="utf-8").splitlines()[6:]
    assert [card.split("<br>")[0] for card in cards] == ["The San Francisco Peace Treaty is signed",
                                                          "The US–Japan Security Treaty is signed"]
