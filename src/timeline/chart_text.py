"""Text alternatives for the charts: what each one shows, in a sentence in the page's language.

Screen readers announce the sentence as the chart's name; the list or table beside each chart
carries the details.
"""

from __future__ import annotations

import pandas as pd

from timeline.figures import lanes_for
from timeline.i18n import translate
from timeline.markup import escape_markdown
from timeline.themes import ordered_themes, theme_depths
from timeline.vocab import category_label


def describe_timeline(events: pd.DataFrame, lang: str) -> str:
    """How many events the timeline shows, from when to when, and in which category lanes."""
    if events.empty:
        return translate("alt_timeline_empty", lang)
    lanes = [category_label(category, lang) for category in lanes_for(events)]
    in_time = events.sort_values("start", kind="stable")
    return translate("alt_timeline", lang, count=len(events), first=in_time[f"date_{lang}"].iloc[0],
                     last=in_time[f"date_{lang}"].iloc[-1], lane_count=len(lanes),
                     lanes=translate("list_separator", lang).join(lanes))


def describe_themes(themes: pd.DataFrame, lang: str, root_label: str) -> str:
    """What the mind map shows: its centre, its branches by name, and how many nodes it has."""
    branches = ordered_themes(themes).query("parent == ''")[f"title_{lang}"]
    return translate("alt_themes", lang, root=root_label, branch_count=len(branches),
                     branches=translate("list_separator", lang).join(branches), count=len(themes))


def themes_outline(themes: pd.DataFrame, lang: str) -> str:
    """The mind map's whole tree in reading order, as a nested Markdown list (the chart's list form)."""
    depths = theme_depths(themes)
    return "\n".join(f"{'  ' * depths[theme.id]}- {escape_markdown(getattr(theme, f'title_{lang}'))}"
                     for theme in ordered_themes(themes).itertuples())
