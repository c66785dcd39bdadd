"""The timeline figure: era bands behind, one lane per category, markers sized by importance.

Pure: ``(events, eras, lang) → plotly Figure``. Each event marker carries its id in ``customdata``
and each era marker ``"era:<id>"``, which is how a click is read back (see :func:`clicked_item`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.markup import escape_plotly, escape_plotly_column
from timeline.vocab import CATEGORIES, category_label

ERA_PREFIX = "era:"
MARKER_SIZES = {1: 18, 2: 12, 3: 8}
# Above this many events the markers are drawn with WebGL, which stays smooth at 100,000 points.
WEBGL_THRESHOLD = 2000
# One colour per category lane, twelve distinct hues each at least 3:1 against white and both era bands
# even at MARKER_OPACITY (WCAG 1.4.11; tests/test_contrast.py checks it). The lane label, not the colour,
# names the category, so no one needs to tell the hues apart.
LANE_COLOURS = (
    "#6b6b6b", "#0b5cad", "#c2185b", "#8e44ad", "#c75000", "#00796b",
    "#2c3e50", "#8a7000", "#007f9e", "#7f3c00", "#2e7d32", "#b71c1c",
)
MARKER_OPACITY = 0.9
# The bands stay faint so text and markers on them keep their contrast; a line at each era's edge,
# at least 3:1 against both bands, is what shows where one era ends and the next begins.
BAND_COLOURS = ("rgba(11, 92, 173, 0.07)", "rgba(192, 57, 43, 0.06)")
ERA_EDGE_COLOUR = "#808080"
DURATION_COLOUR = "#808080"
ERA_MARKER_COLOUR = "#555555"
# Text in the figures: darker than Streamlit's chart theme grey (3.7:1), at least 4.5:1 on every band.
TEXT_COLOUR = "#333333"
FONT_FAMILY = '"Source Sans", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif'
ERA_LANE = -1
_DAY_MS = 86_400_000
# Axis dates in the language's own style at every zoom level (Plotly's defaults are English only).
DATE_TICK_FORMATS = {
    "zh": [{"dtickrange": [None, 28 * _DAY_MS], "value": "%Y年%-m月%-d日"},
           {"dtickrange": [28 * _DAY_MS, "M12"], "value": "%Y年%-m月"},
           {"dtickrange": ["M12", None], "value": "%Y年"}],
    "en": [{"dtickrange": [None, 28 * _DAY_MS], "value": "%-d %b %Y"},
           {"dtickrange": [28 * _DAY_MS, "M12"], "value": "%b %Y"},
           {"dtickrange": ["M12", None], "value": "%Y"}],
}
# Offsets within a lane for markers that would otherwise cover one another (two treaties signed the
# same day): the first stays on the lane's line, later ones step above and below it.
STACK_OFFSETS = (0.0, -0.3, 0.3, -0.15, 0.15)
STACK_GAP_SHARE = 0.012  # markers closer than this share of the whole time span are stacked
X_MARGIN_SHARE = 0.015  # room left and right of the first and last event, as a share of their span ...
X_MARGIN_MIN = pd.Timedelta(days=45)  # ... and at least this much, so a single day still has a readable axis
ROW_HEIGHT = 30  # px per lane: the whole chart, years axis included, fits a 1366×768 screen at first paint


@dataclass(frozen=True)
class ClickedItem:
    """What a click on the figure chose: an event or an era, by id."""

    kind: str  # "event" or "era"
    id: str


def lanes_for(events: pd.DataFrame) -> list[str]:
    """The category lanes to draw, in vocabulary order, for the categories the data uses."""
    used = set(events["category"])
    return [category for category in CATEGORIES if category in used]


def build_timeline_figure(
    events: pd.DataFrame, eras: pd.DataFrame, lang: str, lanes: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """Draw ``events`` over ``eras`` in language ``lang``.

    ``lanes`` fixes the category rows (pass the full dataset's lanes so filtering never moves a row);
    ``labels`` supplies UI words such as the era lane's name.
    """
    lanes = list(lanes) if lanes is not None else lanes_for(events)
    labels = labels or {}
    lane_of = {category: index for index, category in enumerate(lanes)}
    figure = go.Figure()
    top_eras = eras[eras["parent"] == ""]
    large = len(events) > WEBGL_THRESHOLD
    span = x_range(events, eras)
    y = _event_positions(events, lane_of, None if large else (span[1] - span[0]) * STACK_GAP_SHARE)
    _add_era_bands(figure, top_eras)
    _add_duration_lines(figure, events, y)
    marker_trace = go.Scattergl if large else go.Scatter
    for category in lanes:
        in_lane = events[events["category"] == category]
        if in_lane.empty:
            continue
        # Past the threshold the encoding is compact: ISO date texts for x, whole-number lanes, a short
        # hover (title and date) and one outline width, which keeps 100,000 events to a few megabytes.
        figure.add_trace(marker_trace(
            x=in_lane["date"].to_numpy() if large else in_lane["start"], y=y[in_lane.index].to_numpy(),
            mode="markers", name=category_label(category, lang), customdata=in_lane["id"].to_numpy(),
            hovertext=(_compact_hover_texts if large else _event_hover_texts)(in_lane, lang), hoverinfo="text",
            marker={"size": in_lane["importance"].map(MARKER_SIZES).to_numpy(),
                    "color": LANE_COLOURS[lane_of[category] % len(LANE_COLOURS)],
                    "line": {"width": 0 if large else in_lane["importance"].map({1: 2, 2: 1, 3: 0}).to_numpy(),
                             "color": "#1b1b1b"},
                    "opacity": MARKER_OPACITY},
        ))
    _add_era_markers(figure, eras, lang)
    _add_era_labels(figure, top_eras, lang)
    tick_labels = [category_label(category, lang) for category in lanes]
    figure.update_layout(
        height=max(300, 90 + ROW_HEIGHT * (len(lanes) + 1)),
        margin={"l": 10, "r": 10, "t": 30, "b": 30},
        showlegend=False, hovermode="closest", dragmode="zoom", clickmode="event+select",
        font={"family": FONT_FAMILY, "size": 13, "color": TEXT_COLOUR},
        hoverlabel={"font": {"family": FONT_FAMILY}, "align": "left"},
        plot_bgcolor="white", paper_bgcolor="white",
        xaxis={"type": "date", "showgrid": True, "gridcolor": "#eeeeee", "range": span,
               "tickfont": {"color": TEXT_COLOUR},
               "tickformatstops": DATE_TICK_FORMATS[lang]},
        yaxis={"tickvals": [ERA_LANE, *range(len(lanes))],
               "ticktext": [f"<b>{labels.get('era_lane', 'Eras')}</b>", *tick_labels],
               "tickfont": {"color": TEXT_COLOUR},
               # An explicit high-to-low range puts the era lane on top and keeps rows fixed on zoom.
               "range": [len(lanes) - 0.4, ERA_LANE - 0.8], "fixedrange": True,
               "showgrid": True, "gridcolor": "#f3f3f3", "zeroline": False},
    )
    return figure


def stack_offsets(starts: Sequence[pd.Timestamp], gap: pd.Timedelta) -> list[float]:
    """A vertical offset per marker (in time order) so that markers closer than ``gap`` do not overlap."""
    last_on_level: list[pd.Timestamp | None] = [None] * len(STACK_OFFSETS)
    offsets = []
    for position, start in enumerate(starts):
        free = [level for level, last in enumerate(last_on_level) if last is None or start - last >= gap]
        level = free[0] if free else position % len(STACK_OFFSETS)
        last_on_level[level] = start
        offsets.append(STACK_OFFSETS[level])
    return offsets


def clicked_item(points: Sequence[Mapping]) -> ClickedItem | None:
    """The event or era chosen by a chart selection's points (the first point wins)."""
    for point in points:
        data = point.get("customdata")
        if isinstance(data, list | tuple):
            data = data[0] if data else None
        if isinstance(data, str) and data:
            if data.startswith(ERA_PREFIX):
                return ClickedItem("era", data[len(ERA_PREFIX):])
            return ClickedItem("event", data)
    return None


def _event_positions(events: pd.DataFrame, lane_of: Mapping[str, int], gap: pd.Timedelta | None) -> pd.Series:
    """Each event's y: its lane, stacked within the lane when ``gap`` is given."""
    if gap is None:
        return events["category"].map(lane_of).astype(int)
    lanes = events["category"].map(lane_of).astype(float)
    offsets = pd.Series(0.0, index=events.index)
    for _, in_lane in events.sort_values("start", kind="stable").groupby("category", sort=False):
        offsets[in_lane.index] = stack_offsets(list(in_lane["start"]), gap)
    return lanes + offsets


def x_range(events: pd.DataFrame, eras: pd.DataFrame) -> list[pd.Timestamp]:
    """The time axis's span: the events shown, with a margin, so a narrow filter fills the chart.

    With no events the eras' whole span is shown, so the empty chart still reads as a timeline.
    """
    if events.empty:
        starts, ends = list(eras["start_day"]), list(eras["end_day"])
    else:
        starts = list(events["start"])
        ends = starts + list(events["end"].dropna())
    if not starts:
        return [pd.Timestamp("1945-01-01"), pd.Timestamp("2022-12-31")]
    first, last = min(starts), max(ends)
    padding = max((last - first) * X_MARGIN_SHARE, X_MARGIN_MIN)
    return [first - padding, last + padding]


def _add_era_bands(figure: go.Figure, top_eras: pd.DataFrame) -> None:
    """A faint band per top-level era, and a dotted line at each of its edges."""
    edges = set()
    for index, era in enumerate(top_eras.itertuples()):
        end = era.end_day + pd.Timedelta(days=1)
        figure.add_vrect(x0=era.start_day, x1=end, fillcolor=BAND_COLOURS[index % 2], line_width=0, layer="below")
        edges.update((era.start_day, end))
    for edge in sorted(edges):
        figure.add_vline(x=edge, line={"color": ERA_EDGE_COLOUR, "width": 1, "dash": "dot"}, layer="below")


def _add_era_markers(figure: go.Figure, eras: pd.DataFrame, lang: str) -> None:
    """A clickable marker per era in the top lane, labelled, at the middle of its span."""
    if eras.empty:
        return
    middles = eras["start_day"] + (eras["end_day"] - eras["start_day"]) / 2
    is_phase = eras["parent"] != ""
    hover = [f"<b>{escape_plotly(name)}</b><br>{escape_plotly(span)}"
             for name, span in zip(eras[f"name_{lang}"], eras[f"span_{lang}"])]
    figure.add_trace(go.Scatter(
        x=middles, y=[ERA_LANE + (0.3 if phase else 0) for phase in is_phase], mode="markers",
        customdata=[ERA_PREFIX + era_id for era_id in eras["id"]], hovertext=hover, hoverinfo="text",
        marker={"symbol": ["diamond" if phase else "square" for phase in is_phase],
                "size": [9 if phase else 13 for phase in is_phase], "color": ERA_MARKER_COLOUR},
        name="eras",
    ))


def _add_era_labels(figure: go.Figure, top_eras: pd.DataFrame, lang: str) -> None:
    """Each top-level era's short label above its marker, alternating height so neighbours never collide.

    Annotations rather than marker text: they stay legible when a click dims the unselected points.
    """
    for index, era in enumerate(top_eras.itertuples()):
        label = getattr(era, f"label_{lang}", "") or getattr(era, f"name_{lang}")
        middle = era.start_day + (era.end_day - era.start_day) / 2
        figure.add_annotation(x=middle, y=ERA_LANE, yshift=16 if index % 2 == 0 else -16, text=escape_plotly(label),
                              showarrow=False, font={"size": 11, "color": TEXT_COLOUR})


def _add_duration_lines(figure: go.Figure, events: pd.DataFrame, y: pd.Series) -> None:
    """A thin bar from start to end for events that last (a war, a negotiation)."""
    lasting = events[events["end"].notna()]
    if lasting.empty:
        return
    xs: list = []
    ys: list = []
    for index, event in zip(lasting.index, lasting.itertuples()):
        xs += [event.start, event.end, None]
        ys += [y[index]] * 2 + [None]
    figure.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", name="durations",
                                line={"width": 4, "color": DURATION_COLOUR}))


def _compact_hover_texts(events: pd.DataFrame, lang: str) -> np.ndarray:
    """Title and ISO date (at its own precision, and short in either language), for thousands of markers."""
    return (escape_plotly_column(events[f"title_{lang}"]) + " · " + events["date"]).to_numpy()


def _event_hover_texts(events: pd.DataFrame, lang: str) -> list[str]:
    width = 28 if lang == "zh" else 56
    return [
        f"<b>{escape_plotly(title)}</b><br>{escape_plotly(date)}<br>"
        + "<br>".join(escape_plotly(line) for line in textwrap.wrap(summary, width))
        for title, date, summary in zip(events[f"title_{lang}"], events[f"date_{lang}"], events[f"summary_{lang}"])
    ]


# Guided tours and typed links (issue 12): a tour's path is a line through its stops; the open
# event's links are arrows, from the earlier event to the later, added to the chart by the reader
# bridge so the chart is not redrawn (and the reader's zoom survives) each time an event opens.
# Both are traces, so the plot area clips them when the reader zooms in.
TOUR_PATH_NAME = "tour-path"
TOUR_PATH_COLOUR = "#c75000"
LINKS_NAME = "links"
LINK_PREFIX = "link:"
LINK_COLOUR = "#0b5cad"


def event_points(figure: go.Figure) -> dict[str, tuple[str, float]]:
    """Where each event marker sits: its id → (ISO date x, lane y), read from the figure's marker traces."""
    points: dict[str, tuple[str, float]] = {}
    for trace in figure.data:
        if trace.customdata is None or "markers" not in str(trace.mode or ""):
            continue
        for event_id, x, y in zip(trace.customdata, trace.x, trace.y):
            if isinstance(event_id, str) and not event_id.startswith(ERA_PREFIX):
                points[event_id] = (pd.Timestamp(x).isoformat(), float(y))
    return points


def add_tour_path(figure: go.Figure, event_ids: Sequence[str], name: str) -> go.Figure:
    """Draw a tour's path: a dashed line through its stops' markers in order (stops not shown are skipped)."""
    points = event_points(figure)
    shown = [points[event_id] for event_id in event_ids if event_id in points]
    if len(shown) < 2:
        return figure
    figure.add_trace(go.Scatter(
        x=[x for x, _ in shown], y=[y for _, y in shown], mode="lines", name=name, hoverinfo="skip",
        line={"color": TOUR_PATH_COLOUR, "width": 2, "dash": "dash"}, meta=TOUR_PATH_NAME,
    ))
    return figure


def link_trace(points: Mapping[str, tuple[str, float]], links: Sequence[tuple[str, str, str, str]]) -> dict | None:
    """A Plotly trace (as a dict) drawing each link as an arrow from its earlier event to its later one.

    ``links`` are ``(source, target, type, hover text)``; a link whose other end is not on the chart
    (filtered out) is left out, and with none left there is no trace. Each arrow is three points
    (tail, head, gap); ``text`` names each point's link as ``link:<type>:<source>:<target>``.
    """
    xs: list = []
    ys: list = []
    names: list = []
    hovers: list = []
    for source, target, link_type, hover in links:
        if source not in points or target not in points:
            continue
        tail, head = sorted((points[source], points[target]))
        name = f"{LINK_PREFIX}{link_type}:{source}:{target}"
        xs += [tail[0], head[0], None]
        ys += [tail[1], head[1], None]
        names += [name, name, None]
        hovers += [hover, hover, None]
    if not names:
        return None
    return {
        "type": "scatter", "mode": "lines+markers", "name": LINKS_NAME, "meta": LINKS_NAME, "showlegend": False,
        "x": xs, "y": ys, "text": names, "hovertext": hovers, "hoverinfo": "text",
        "line": {"color": LINK_COLOUR, "width": 2},
        # The head is an arrow pointing along the line, standing off the marker it points at.
        "marker": {"symbol": "arrow", "angleref": "previous", "color": LINK_COLOUR, "standoff": 9,
                   "size": [0 if index % 3 == 0 else 13 for index in range(len(xs))]},
    }
