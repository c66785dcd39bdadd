"""The analysis tree of the seed mind map: its figure, a node's path, children and events."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from timeline.dataset import Dataset, split_ids
from timeline.figures import FONT_FAMILY, TEXT_COLOUR
from timeline.markup import escape_plotly

ROOT_ID = "__root__"
# One colour per branch of the mind map, each dark enough for white labels (at least 4.5:1); deeper
# nodes are darker still, so every level keeps that contrast and reads as part of its branch.
BRANCH_COLOURS = ("#0b5cad", "#b71c1c", "#8e44ad", "#00796b", "#a84300", "#2e7d32", "#c2185b", "#725d00")
LABEL_COLOUR = "#ffffff"
ROOT_COLOUR = "#ffffff"
DEPTH_SHADE = 0.15  # the share of black mixed in per level below the branch


def ordered_themes(themes: pd.DataFrame) -> pd.DataFrame:
    """The themes in reading order: depth-first, siblings by ``order``."""
    children = {parent: group.sort_values("order", kind="stable") for parent, group in themes.groupby("parent")}
    ordered: list[pd.Series] = []

    def visit(parent: str) -> None:
        for _, theme in children.get(parent, pd.DataFrame()).iterrows():
            ordered.append(theme)
            visit(theme["id"])

    visit("")
    return pd.DataFrame(ordered).reset_index(drop=True) if ordered else themes.iloc[0:0]


def theme_depths(themes: pd.DataFrame) -> dict[str, int]:
    """How deep each theme sits: 0 for the eight branches."""
    parent_of = dict(zip(themes["id"], themes["parent"]))
    depths: dict[str, int] = {}
    for theme_id in parent_of:
        depth, current = 0, parent_of[theme_id]
        while current and depth < 50:
            depth, current = depth + 1, parent_of.get(current, "")
        depths[theme_id] = depth
    return depths


def theme_path(themes: pd.DataFrame, theme_id: str) -> list[str]:
    """The ids from the branch down to ``theme_id``."""
    parent_of = dict(zip(themes["id"], themes["parent"]))
    path = [theme_id]
    while parent_of.get(path[-1]) and len(path) < 50:
        path.append(parent_of[path[-1]])
    return list(reversed(path))


def theme_events(dataset: Dataset, theme_id: str) -> pd.DataFrame:
    """The events a theme links to, in time order."""
    rows = dataset.themes[dataset.themes["id"] == theme_id]
    if rows.empty:
        return dataset.events.iloc[0:0]
    ids = split_ids(rows.iloc[0]["events"])
    return dataset.events[dataset.events["id"].isin(ids)]


def clicked_theme(points: Sequence[Mapping]) -> str | None:
    """The theme a click on the sunburst chose (the centre, the alliance itself, chooses none)."""
    for point in points:
        theme_id = point.get("id")
        if isinstance(theme_id, str) and theme_id and theme_id != ROOT_ID:
            return theme_id
    return None


def build_theme_figure(themes: pd.DataFrame, lang: str, root_label: str) -> go.Figure:
    """The mind map as a sunburst: the alliance at the centre, the eight branches around it."""
    ordered = ordered_themes(themes)
    ids = [ROOT_ID, *ordered["id"]]
    parents = ["", *[parent or ROOT_ID for parent in ordered["parent"]]]
    labels = [root_label, *[escape_plotly(title) for title in ordered[f"title_{lang}"]]]
    figure = go.Figure(go.Sunburst(
        ids=ids, parents=parents, labels=labels, customdata=ids, maxdepth=3, insidetextorientation="radial",
        hovertemplate="%{label}<extra></extra>", sort=False,
        marker={"colors": [ROOT_COLOUR, *theme_colours(ordered)], "line": {"color": "#ffffff", "width": 1}},
        leaf={"opacity": 1},  # Plotly fades outer segments to 70 % by default, which would pale them under white labels
        textfont={"color": [TEXT_COLOUR, *[LABEL_COLOUR] * len(ordered)]},
    ))
    figure.update_layout(height=620, margin={"l": 0, "r": 0, "t": 10, "b": 10},
                         font={"family": FONT_FAMILY, "size": 12})
    return figure


def theme_colours(themes: pd.DataFrame) -> list[str]:
    """Each theme's colour, in the rows' order: its branch's colour, darker the deeper it sits."""
    branches = themes.loc[themes["parent"] == "", "id"].tolist()
    depths = theme_depths(themes)
    colours = []
    for theme_id in themes["id"]:
        branch = theme_path(themes, theme_id)[0]
        number = branches.index(branch) if branch in branches else 0
        colours.append(_darken(BRANCH_COLOURS[number % len(BRANCH_COLOURS)], DEPTH_SHADE * min(depths[theme_id], 4)))
    return colours


def _darken(colour: str, share: float) -> str:
    """``colour`` (#rrggbb) with ``share`` of black mixed in."""
    channels = (int(colour[index:index + 2], 16) for index in (1, 3, 5))
    return "#" + "".join(f"{round(channel * (1 - share)):02x}" for channel in channels)
