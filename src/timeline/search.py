"""Search keys: one normalised text per event, so a query finds a document under any common name."""

from __future__ import annotations

import unicodedata

import pandas as pd

# Text that differs only in these ways names the same thing: 美日/日美 order, book-title marks and
# quotes, dash styles, full-width forms (NFKC folds those) and letter case.
_EQUIVALENTS = {"美日": "日美", "《": "", "》": "", "“": "", "”": "", '"': "", "—": "-", "–": "-", "·": ""}

SEARCHED_COLUMNS = (
    "title_zh", "title_en", "summary_zh", "summary_en", "aliases",
    "background_zh", "background_en", "content_zh", "content_en", "significance_zh", "significance_en",
)


def normalise(text: str) -> str:
    """Fold a text or a query to its search key (case, width, 美日/日美, quotes and dashes)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    for variant, canonical in _EQUIVALENTS.items():
        folded = folded.replace(variant, canonical)
    return " ".join(folded.split())


def build_search_text(events: pd.DataFrame) -> pd.Series:
    """One normalised key per event over both languages' texts and the aliases (:func:`normalise`, by column)."""
    present = [column for column in SEARCHED_COLUMNS if column in events.columns]
    if not present:
        return pd.Series("", index=events.index)
    joined = events[present[0]].astype(str).str.cat([events[column].astype(str) for column in present[1:]], sep="\n")
    folded = joined.str.normalize("NFKC").str.casefold()
    for variant, canonical in _EQUIVALENTS.items():
        folded = folded.str.replace(variant, canonical, regex=False)
    return folded.str.replace(r"\s+", " ", regex=True).str.strip()


def query_terms(query: str) -> list[str]:
    """The normalised words of a query; every one must occur for an event to match."""
    return normalise(query).split()
