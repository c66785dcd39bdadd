"""Search keys: one normalised text per event, so a query finds an event under any common name or spelling."""

from __future__ import annotations

import unicodedata

import opencc
import pandas as pd

# OpenCC's own dictionaries (shipped in its wheel, nothing downloaded) give 沖縄, 沖繩 and 冲绳 one key.
# English passes through.
_JAPANESE_TO_TRADITIONAL = opencc.OpenCC("jp2t")
_TRADITIONAL_TO_SIMPLIFIED = opencc.OpenCC("t2s")

# Text that differs only in these ways names the same thing, once its characters are simplified: the
# alliance's Japanese words (米 for America: 日米, 米軍 → 米军, 米国), 美日/日美 order, the islands' Japanese
# name (尖閣 → 尖阁 → 钓鱼岛), book-title marks and quotes, dash styles and the middle dot.
_EQUIVALENTS = {
    "美日": "日美", "日米": "日美", "米军": "美军", "米国": "美国", "米中": "美中", "米朝": "美朝", "尖阁": "钓鱼岛",
    "《": "", "》": "", "“": "", "”": "", '"': "", "—": "-", "–": "-", "·": "",
}

SEARCHED_COLUMNS = (
    "title_zh", "title_en", "summary_zh", "summary_en", "aliases",
    "background_zh", "background_en", "content_zh", "content_en", "significance_zh", "significance_en",
)
# An era is found by the names the reader sees: its full name and its short label on the chart.
ERA_NAME_COLUMNS = ("name_zh", "name_en", "label_zh", "label_en")


def normalise(text: str) -> str:
    """Fold a text or a query to its search key (width, case, Japanese and traditional characters, aliases)."""
    return " ".join(_fold(text).split())


def build_search_text(events: pd.DataFrame, eras: pd.DataFrame | None = None) -> pd.Series:
    """One key per event (:func:`normalise`) over both languages' texts, the aliases and its era's names.

    The events go through :func:`_fold` as one text, a line each: one pass over 100,000 events costs far
    less than 100,000 calls. Era names are folded once per era.
    """
    columns = [events[column].astype(str) for column in SEARCHED_COLUMNS if column in events.columns]
    if not columns or events.empty:
        return pd.Series("", index=events.index, dtype=str)
    rows = (" ".join(cells).replace("\n", " ") for cells in zip(*(column.tolist() for column in columns)))
    lines = _fold("\n".join(rows)).split("\n")
    keys = [" ".join(f"{line} {era_key}".split()) for line, era_key in zip(lines, _era_keys(events, eras))]
    return pd.Series(keys, index=events.index, dtype=str)


def query_terms(query: str) -> list[str]:
    """The normalised words of a query; every one must occur for an event to match."""
    return normalise(query).split()


def _fold(text: str) -> str:
    """Each character in its searched form (NFKC, case, simplified, equivalents); spaces and line breaks stay."""
    folded = _simplify(unicodedata.normalize("NFKC", text).casefold())
    for variant, canonical in _EQUIVALENTS.items():
        folded = folded.replace(variant, canonical)
    return folded


def _simplify(text: str) -> str:
    """Japanese and traditional characters to simplified ones (沖縄 → 冲绳, 自衛隊 → 自卫队); line breaks stay.

    Traditional characters are simplified first: jp2t would turn the shared form 衛 into the old Japanese 衞,
    which t2s does not know, so 自衛隊 would miss 自卫队. Then Japanese forms go to traditional and on to
    simplified (縄 → 繩 → 绳).
    """
    simplified = _TRADITIONAL_TO_SIMPLIFIED.convert(text)
    return _TRADITIONAL_TO_SIMPLIFIED.convert(_JAPANESE_TO_TRADITIONAL.convert(simplified))


def _era_keys(events: pd.DataFrame, eras: pd.DataFrame | None) -> list[str]:
    """Each event's era names as a search key, folded once per era ("" when no eras are given)."""
    if eras is None or "era" not in events.columns:
        return [""] * len(events)
    keys = {era_id: normalise(names) for era_id, names in _era_names(eras).items()}
    return events["era"].map(keys).fillna("").tolist()


def _era_names(eras: pd.DataFrame) -> dict[str, str]:
    """Each era's names and chart labels in both languages, with those of the eras it is a phase of."""
    present = [column for column in ERA_NAME_COLUMNS if column in eras.columns]
    own_names = dict(zip(eras["id"], (" ".join(row) for row in eras[present].astype(str).itertuples(index=False))))
    parents = dict(zip(eras["id"], eras["parent"])) if "parent" in eras.columns else {}
    names = {}
    for era_id in own_names:
        lineage, parent = [era_id], parents.get(era_id)
        while parent in own_names and parent not in lineage:
            lineage.append(parent)
            parent = parents.get(parent)
        names[era_id] = " ".join(own_names[era] for era in lineage)
    return names
