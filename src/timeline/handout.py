"""The printable handout: an A4 PDF of the filtered events, a tour or the Compare grid, in one language.

Drawn with fpdf2: pure Python (its only native need is the font), it embeds a subset of an
OpenType/CFF collection such as Debian's Noto Sans CJK (which ReportLab's TrueType-only font
support cannot read) and draws the small timeline with its own lines and rectangles, so no browser
or Pango is needed. The handout names things (eras, categories, importance), never ids.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from fpdf import FPDF
from fpdf.enums import TextMode, WrapMode, XPos, YPos

from timeline.citations import TITLE_EN, TITLE_ZH
from timeline.compare import ASPECTS, chosen_adjustments, key_documents
from timeline.dataset import Dataset
from timeline.filters import FilterState
from timeline.i18n import translate
from timeline.tours import tour_ids, tour_path, tour_row, tour_stops
from timeline.vocab import category_label, importance_label

FONT_FAMILY = "Noto Sans CJK SC"
DEBIAN_FONT_PACKAGE = "fonts-noto-cjk"
MARGIN = 15  # mm
INK = (33, 37, 41)
MUTED = (108, 117, 125)
ERA_FILLS = ((232, 238, 247), (244, 240, 230))
IMPORTANCE_COLOURS = {1: (176, 42, 55), 2: (31, 78, 140), 3: (130, 130, 130)}


class HandoutError(Exception):
    """A handout that cannot be made, with a message for the person who asked for it."""


def find_cjk_font() -> tuple[Path, int]:
    """The Noto Sans CJK SC file and its index in the collection, found with fontconfig's fc-match."""
    install = f"install Debian's {DEBIAN_FONT_PACKAGE} (apt-get install {DEBIAN_FONT_PACKAGE})"
    if shutil.which("fc-match") is None:
        raise HandoutError(f"Cannot find the font {FONT_FAMILY}: fontconfig's fc-match is not installed; "
                           f"install fontconfig and {DEBIAN_FONT_PACKAGE}.")
    found = subprocess.run(["fc-match", "-f", "%{file}|%{index}|%{family}", f"{FONT_FAMILY}:style=Regular"],
                           capture_output=True, text=True, check=False).stdout
    file, _, rest = found.partition("|")
    index, _, families = rest.partition("|")
    # fc-match always answers with something: only the family it names proves the font is there.
    if FONT_FAMILY not in families.split(",") or not Path(file).is_file():
        raise HandoutError(f"The handout needs the font {FONT_FAMILY} for Chinese text, and it is not installed "
                           f"(fc-match offers {families or 'nothing'}); {install}.")
    return Path(file), int(index or 0)


def describe_filters(dataset: Dataset, state: FilterState, lang: str) -> list[str]:
    """The filters in words, one line per filter (or "all events"), with names instead of ids."""
    def say(key: str, value: str) -> str:
        return f"{translate(key, lang)}{translate('colon', lang)}{value}"

    separator = translate("list_separator", lang)
    era_names = dict(zip(dataset.eras["id"], dataset.eras[f"name_{lang}"]))
    lines = []
    if state.eras:
        lines.append(say("era", separator.join(era_names.get(era, era) for era in state.eras)))
    if state.categories:
        lines.append(say("category", separator.join(category_label(category, lang) for category in state.categories)))
    if state.importance:
        lines.append(say("importance", separator.join(importance_label(level, lang) for level in state.importance)))
    if state.years is not None:
        lines.append(say("handout_years", f"{state.years[0]}–{state.years[1]}"))
    if state.query.strip():
        lines.append(say("handout_query", f"“{state.query.strip()}”"))
    return lines or [translate("handout_all_events", lang)]


def check_tour(dataset: Dataset, tour_id: str) -> None:
    """Raise :class:`HandoutError` naming the known tours when ``tour_id`` is not one of them."""
    if tour_row(dataset, tour_id) is None:
        known = ", ".join(tour_ids(dataset)) or "none (the data has no tours.csv)"
        raise HandoutError(f"There is no tour '{tour_id}' in {dataset.origin}; the tours are: {known}.")


class _HandoutPDF(FPDF):
    """An A4 page with the dashboard's name and the page number at its foot."""

    def __init__(self, lang: str) -> None:
        super().__init__(format="A4", unit="mm")
        self.handout_lang = lang
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN)
        file, index = find_cjk_font()
        self.add_font("cjk", "", file, collection_font_number=index)
        # One face, not two: a bold CJK face doubles the time spent loading and subsetting fonts, so
        # bold is drawn by stroking the regular glyphs' outlines too. The subset keeps the whole
        # font's bounding box (true of every glyph in it): recomputing it from each CFF outline took
        # most of the handout's time.
        self.fonts["cjk"].ttfont.recalcBBoxes = False
        self.set_title(TITLE_ZH if lang == "zh" else TITLE_EN)
        self.set_lang("zh-CN" if lang == "zh" else "en-GB")

    def footer(self) -> None:
        self.set_y(-10)
        self.text_mode = TextMode.FILL
        self.set_font("cjk", "", 7.5)
        self.set_text_color(*MUTED)
        site = TITLE_ZH if self.handout_lang == "zh" else TITLE_EN
        self.cell(0, 4, f"{site} · {self.page_no()} / {{nb}}", align="C")

    def write_heading(self, text: str) -> None:
        """A small bold heading, moved to the next page with its paragraph rather than left alone at a page's foot."""
        if self.will_page_break(14):
            self.add_page()
        self.write_text(text, 8.5, bold=True, gap=0.2)

    def write_text(self, text: str, size: float, *, bold: bool = False, colour: tuple[int, int, int] = INK,
                   gap: float = 1.2) -> None:
        """A paragraph across the page, wrapped by character in Chinese (no spaces to break at), by word in English."""
        self.set_font("cjk", "", size)
        self.set_text_color(*colour)
        self.set_draw_color(*colour)
        self.set_line_width(size * 0.012 if bold else 0.2)
        self.text_mode = TextMode.FILL_STROKE if bold else TextMode.FILL
        self.multi_cell(0, size * 0.48, text.strip(), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT,
                        wrapmode=WrapMode.CHAR if self.handout_lang == "zh" else WrapMode.WORD)
        self.ln(gap)


def build_handout(dataset: Dataset, events: pd.DataFrame, lang: str, *, filters: FilterState | None = None,
                  tour: str | None = None, compare: Sequence[str] | None = None,
                  generated: dt.date | None = None) -> bytes:
    """The handout as PDF bytes: title, what it shows, a small timeline, then each event (or stop, or adjustment).

    ``events`` are the filtered events; with ``tour`` (a tour id) that tour's stops are printed
    instead, and with ``compare`` (adjustment ids; empty for all) the Compare grid.
    """
    pdf = _HandoutPDF(lang)
    pdf.add_page()
    generated = generated or dt.date.today()
    if tour is not None:
        check_tour(dataset, tour)
        about = tour_row(dataset, tour)
        events = dataset.events.loc[[dataset.event_row[event] for event in tour_path(dataset, tour)]]
        title, lines = about[f"title_{lang}"], [line for line in (about[f"summary_{lang}"],) if str(line).strip()]
    elif compare is not None:
        title, lines = translate("handout_compare_title", lang), []
    else:
        title = translate("handout_title", lang)
        lines = describe_filters(dataset, filters or FilterState(), lang)
    pdf.write_text(title, 17, bold=True, gap=1)
    for line in lines:
        pdf.write_text(line, 9.5, colour=MUTED, gap=0.4)
    version = dataset.version.number if dataset.version else "—"
    generated_line = translate("handout_generated", lang, date=generated.isoformat(), version=version)
    if compare is None:
        generated_line = f"{translate('handout_count', lang, count=len(events))} · {generated_line}"
    pdf.write_text(generated_line, 8, colour=MUTED, gap=2)
    if compare is not None:
        _write_comparison(pdf, dataset, compare, lang)
    else:
        if not events.empty:
            _draw_timeline(pdf, dataset, events, lang)
        if tour is not None:
            _write_tour(pdf, dataset, tour, lang)
        else:
            for _, event in events.iterrows():
                _write_event(pdf, dataset, event, lang)
    return bytes(pdf.output())


def _draw_timeline(pdf: _HandoutPDF, dataset: Dataset, events: pd.DataFrame, lang: str) -> None:
    """A strip of the eras as bands, the events as ticks (taller and darker the more important), years below."""
    first = int(events["year"].min()) // 5 * 5
    last = (int(events["end"].dt.year.fillna(events["year"]).max()) // 5 + 1) * 5
    left, width, top, height = MARGIN, pdf.w - 2 * MARGIN, pdf.get_y() + 1, 24
    start, end = pd.Timestamp(year=first, month=1, day=1), pd.Timestamp(year=last, month=1, day=1)

    def x_of(day: pd.Timestamp) -> float:
        return left + width * (min(max(day, start), end) - start) / (end - start)

    pdf.set_line_width(0.2)
    eras = dataset.eras[(dataset.eras["parent"] == "") & (dataset.eras["end_day"] >= start)
                        & (dataset.eras["start_day"] <= end)]
    pdf.set_font("cjk", "", 6)
    for number, era in enumerate(eras.itertuples()):
        x0, x1 = x_of(era.start_day), x_of(era.end_day)
        pdf.set_fill_color(*ERA_FILLS[number % 2])
        pdf.rect(x0, top, x1 - x0, height, style="F")
        label = str(getattr(era, f"label_{lang}") or getattr(era, f"name_{lang}"))
        if pdf.get_string_width(label) < x1 - x0 - 1:
            pdf.set_text_color(*MUTED)
            pdf.text(x0 + 0.6, top + 2.6 + (number % 2) * 2.6, label)
    baseline = top + height - 3
    pdf.set_draw_color(*INK)
    pdf.line(left, baseline, left + width, baseline)
    for level in (3, 2, 1):  # landmarks drawn last, on top
        pdf.set_draw_color(*IMPORTANCE_COLOURS[level])
        pdf.set_line_width(0.5 if level == 1 else 0.3)
        for day in events.loc[events["importance"] == level, "start"]:
            x = x_of(day)
            pdf.line(x, baseline, x, baseline - (14 if level == 1 else 9 if level == 2 else 5))
    pdf.set_line_width(0.2)
    pdf.set_draw_color(*INK)
    pdf.set_text_color(*INK)
    step = 5 if last - first <= 40 else 10
    for year in range(first, last + 1, step):
        x = x_of(pd.Timestamp(year=year, month=1, day=1))
        pdf.line(x, baseline, x, baseline + 1)
        pdf.text(x - pdf.get_string_width(str(year)) / 2, baseline + 3.4, str(year))
    x, y = left, top + height + 3.5
    pdf.set_font("cjk", "", 7)
    pdf.set_text_color(*MUTED)
    for level in (1, 2, 3):  # the legend: each tick's colour and what it means
        pdf.set_draw_color(*IMPORTANCE_COLOURS[level])
        pdf.set_line_width(0.5)
        pdf.line(x, y - 2.2, x, y + 0.3)
        label = importance_label(level, lang)
        pdf.text(x + 1.2, y, label)
        x += pdf.get_string_width(label) + 6
    pdf.set_line_width(0.2)
    pdf.set_y(y + 3)


def _write_event(pdf: _HandoutPDF, dataset: Dataset, event: pd.Series, lang: str, heading: str = "",
                 narrative: str = "") -> None:
    """Date, era and category on one line; the title; the summary; for a landmark its three analyses.

    On a tour, ``heading`` says which stop it is and ``narrative`` (the thread to the next stop) follows.
    """
    era_names = dict(zip(dataset.eras["id"], dataset.eras[f"name_{lang}"]))
    dot = " · "
    meta = dot.join(part for part in (heading, event[f"date_{lang}"], era_names.get(event["era"], ""),
                                       category_label(event["category"], lang),
                                       importance_label(int(event["importance"]), lang)) if part)
    if pdf.will_page_break(22):
        pdf.add_page()
    pdf.write_text(meta, 8, colour=MUTED, gap=0.3)
    pdf.write_text(event[f"title_{lang}"], 12, bold=True, gap=0.6)
    pdf.write_text(event[f"summary_{lang}"], 9.5, gap=1)
    if int(event["importance"]) == 1:
        for section in ("background", "content", "significance"):
            text = str(event[f"{section}_{lang}"]).strip()
            if text:
                pdf.write_heading(translate(section, lang))
                pdf.write_text(text, 9, gap=1)
    if narrative.strip():
        pdf.write_text(narrative, 9.5, colour=(31, 78, 140), gap=1)
    pdf.set_draw_color(222, 226, 230)
    pdf.line(MARGIN, pdf.get_y() + 0.5, pdf.w - MARGIN, pdf.get_y() + 0.5)
    pdf.ln(3)


def _write_tour(pdf: _HandoutPDF, dataset: Dataset, tour: str, lang: str) -> None:
    """Each stop in order: its event, then the narrative that leads on."""
    stops = tour_stops(dataset, tour)
    for number, stop in enumerate(stops.itertuples(), start=1):
        heading = translate("handout_stop", lang, number=number, count=len(stops))
        _write_event(pdf, dataset, dataset.events.loc[dataset.event_row[stop.event]], lang, heading=heading,
                     narrative=str(getattr(stop, f"text_{lang}")))


def _write_comparison(pdf: _HandoutPDF, dataset: Dataset, chosen: Sequence[str], lang: str) -> None:
    """The Compare grid as text: each adjustment with its aspects in turn."""
    for _, adjustment in chosen_adjustments(dataset, chosen).iterrows():
        if pdf.will_page_break(30):
            pdf.add_page()
        pdf.write_text(str(adjustment[f"title_{lang}"]), 13, bold=True, gap=1)
        for aspect in ASPECTS:
            if aspect == "documents":
                text = "\n".join(label for _, label in key_documents(dataset, adjustment, lang))
            else:
                text = str(adjustment[f"{aspect}_{lang}"])
            if text.strip():
                pdf.write_heading(translate(f"aspect_{aspect}", lang))
                pdf.write_text(text, 9, gap=1)
        pdf.ln(2)


def handout_file_name(stem: str, lang: str, count: int) -> str:
    """``stem`` (what was filtered) with the number of events and the language: ``…_12-events_en.pdf``."""
    return f"{stem}_{count}-events_handout_{lang}.pdf"
