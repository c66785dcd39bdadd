"""The Compare page's content: chosen adjustments side by side, as a table, CSV or Markdown notes."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from timeline.dataset import Dataset, split_ids
from timeline.export import neutralise_formula
from timeline.i18n import translate

ASPECTS = ("background", "documents", "content", "significance", "divergence")


def chosen_adjustments(dataset: Dataset, chosen: Sequence[str]) -> pd.DataFrame:
    """The chosen adjustments in their column order (all of them when none is chosen)."""
    table = dataset.adjustments
    return table if not chosen else table[table["id"].isin(chosen)]


def key_documents(dataset: Dataset, adjustment: pd.Series, lang: str) -> list[tuple[str, str]]:
    """``(event id, "date · title")`` for each key document of an adjustment, in time order."""
    rows = [dataset.event_row[event_id] for event_id in split_ids(adjustment["documents"])
            if event_id in dataset.event_row]
    ordered = dataset.events.loc[rows].sort_values("start")
    return [(row["id"], f"{row[f'date_{lang}']} · {row[f'title_{lang}']}") for _, row in ordered.iterrows()]


def comparison_table(dataset: Dataset, chosen: Sequence[str], lang: str) -> pd.DataFrame:
    """One row per aspect, one column per adjustment: the grid the page shows and exports."""
    columns = {}
    for _, adjustment in chosen_adjustments(dataset, chosen).iterrows():
        cells = []
        for aspect in ASPECTS:
            if aspect == "documents":
                cells.append("\n".join(label for _, label in key_documents(dataset, adjustment, lang)))
            else:
                cells.append(str(adjustment[f"{aspect}_{lang}"]))
        columns[str(adjustment[f"title_{lang}"])] = cells
    index = [translate(f"aspect_{aspect}", lang) for aspect in ASPECTS]
    return pd.DataFrame(columns, index=pd.Index(index, name=translate("aspect", lang)))


def comparison_csv_bytes(dataset: Dataset, chosen: Sequence[str], lang: str) -> bytes:
    """The comparison as CSV (aspects as rows), UTF-8 with BOM, formula cells neutralised."""
    table = comparison_table(dataset, chosen, lang).map(neutralise_formula)
    return table.to_csv(lineterminator="\r\n").encode("utf-8-sig")


def comparison_markdown(dataset: Dataset, chosen: Sequence[str], lang: str) -> str:
    """The comparison as Markdown study notes: a heading per adjustment, a subheading per aspect."""
    lines = [f"# {translate('compare_notes_title', lang)}", ""]
    for _, adjustment in chosen_adjustments(dataset, chosen).iterrows():
        lines += [f"## {adjustment[f'title_{lang}']}", ""]
        for aspect in ASPECTS:
            lines += [f"### {translate(f'aspect_{aspect}', lang)}", ""]
            if aspect == "documents":
                lines += [f"- {label}" for _, label in key_documents(dataset, adjustment, lang)]
            else:
                lines.append(str(adjustment[f"{aspect}_{lang}"]))
            lines.append("")
    lines.append(translate("compare_notes_source", lang))
    return "\n".join(lines).rstrip() + "\n"
