"""Flashcards of the filtered events for Anki, as its text import reads them.

Anki's tab-separated text import with file headers (Anki 2.1.54 and later) rather than a genanki
``.apkg``: no extra dependency, a file a teacher can open and edit in any text editor or
spreadsheet, and the headers still tell Anki the separator, the note type (Basic, which every
collection has), the deck and the tags column, so File → Import needs no choices. The front is the
event's title and a date prompt, the back its date and summary; the tags are the era and category.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from timeline.i18n import translate


def flashcards_text(events: pd.DataFrame, lang: str) -> str:
    """One Basic note per event, with Anki's import headers, in ``lang``."""
    deck = translate("flashcard_deck", lang)
    prompt = html.escape(translate("flashcard_prompt", lang))
    lines = ["#separator:tab", "#html:true", "#notetype:Basic", f"#deck:{deck}", "#tags column:3",
             "#columns:Front\tBack\tTags"]
    for event in events.itertuples():
        front = f"{_cell(getattr(event, f'title_{lang}'))}<br><br><i>{prompt}</i>"
        back = f"<b>{_cell(getattr(event, f'date_{lang}'))}</b><br><br>{_cell(getattr(event, f'summary_{lang}'))}"
        tags = f"era::{event.era} category::{event.category}"
        lines.append(f"{front}\t{back}\t{tags}")
    return "\n".join(lines) + "\n"


def flashcards_file_name(stem: str, lang: str, count: int) -> str:
    """``stem`` (what was filtered) with the number of cards and the language: ``…_12-cards_anki_en.txt``."""
    return f"{stem}_{count}-cards_anki_{lang}.txt"


def _cell(text: object) -> str:
    """Text as one HTML field: escaped, with tabs and line breaks (which would end the field) as spaces and <br>."""
    escaped = html.escape(str(text).strip(), quote=False)
    return re.sub(r"\r?\n", "<br>", escaped.replace("\t", " "))
