"""Colour contrast by WCAG's formula: text at least 4.5:1 (1.4.3), markers, lines and segments 3:1 (1.4.11)."""

from __future__ import annotations

import itertools
import re
import tomllib
from pathlib import Path

import pytest

from timeline.figures import BAND_COLOURS, LANE_COLOURS, build_timeline_figure
from timeline.themes import build_theme_figure

ROOT = Path(__file__).resolve().parents[1]
TEXT_MINIMUM = 4.5
GRAPHICS_MINIMUM = 3.0
WHITE = (255, 255, 255)
# Streamlit's defaults that config.toml leaves alone: the sidebar's background, and captions drawn in
# the text colour at 60 % opacity (its theme's "fadedText60").
STREAMLIT_SIDEBAR_BACKGROUND = (240, 242, 246)
CAPTION_OPACITY = 0.6
PLOTLY_LEAF_OPACITY = 0.7  # Plotly's default for a sunburst's outer segments


def parse_colour(colour: str) -> tuple[tuple[float, float, float], float]:
    """``#rrggbb`` or ``rgb(a)(r, g, b[, a])`` as (red, green, blue) and an opacity."""
    if colour.startswith("#"):
        return tuple(int(colour[index:index + 2], 16) for index in (1, 3, 5)), 1.0
    numbers = [float(part) for part in re.findall(r"[\d.]+", colour)]
    return tuple(numbers[:3]), numbers[3] if len(numbers) > 3 else 1.0


def over(colour: str, background: tuple, opacity: float = 1.0) -> tuple[float, float, float]:
    """The colour a reader sees when ``colour`` (at ``opacity`` times its own alpha) lies on ``background``."""
    rgb, alpha = parse_colour(colour)
    share = alpha * opacity
    return tuple(share * front + (1 - share) * back for front, back in zip(rgb, background))


def luminance(rgb: tuple) -> float:
    """WCAG relative luminance of an sRGB colour."""
    def linear(channel: float) -> float:
        channel /= 255
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
    red, green, blue = (linear(channel) for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: tuple, second: tuple) -> float:
    """WCAG contrast ratio, from 1 (same) to 21 (black on white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def lab(rgb: tuple) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour, to measure how different two colours look."""
    def linear(channel: float) -> float:
        channel /= 255
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
    red, green, blue = (linear(channel) for channel in rgb)
    xyz = ((0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047,
           0.2126 * red + 0.7152 * green + 0.0722 * blue,
           (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883)
    fx, fy, fz = (value ** (1 / 3) if value > 0.008856 else 7.787 * value + 16 / 116 for value in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


# What the timeline's text and markers sit on: the white plot, and each era band laid over it.
BACKGROUNDS = {"white": WHITE, **{f"band {band}": over(band, WHITE) for band in BAND_COLOURS}}


@pytest.fixture(scope="module", params=["zh", "en"])
def timeline(request, bundled):
    """The timeline figure of every bundled event."""
    return build_timeline_figure(bundled.events, bundled.eras, request.param)


def test_contrast_formula_matches_wcag_reference_values():
    """The helper agrees with WCAG's own numbers, so the checks below measure what the standard means."""
    assert contrast((0, 0, 0), WHITE) == pytest.approx(21)
    assert contrast(over("#767676", WHITE), WHITE) == pytest.approx(4.54, abs=0.01)
    assert contrast(over("#b7950b", WHITE, 0.9), over(BAND_COLOURS[0], WHITE)) < GRAPHICS_MINIMUM  # the old yellow


def test_every_marker_stands_out_from_white_and_from_both_era_bands(timeline):
    """Each category's markers, as drawn (with their opacity), reach 3:1 on every background they can sit on."""
    markers = [trace for trace in timeline.data if trace.name not in ("eras", "durations")]
    assert markers
    for trace, (name, background) in itertools.product(markers, BACKGROUNDS.items()):
        ratio = contrast(over(trace.marker.color, background, trace.marker.opacity or 1), background)
        assert ratio >= GRAPHICS_MINIMUM, f"{trace.name} marker {trace.marker.color} on {name}: {ratio:.2f}:1"


def test_every_lane_colour_reaches_three_to_one_whichever_lane_it_colours():
    """The whole palette passes, not just the lanes today's data uses (another dataset may use them all)."""
    for colour, (name, background) in itertools.product(LANE_COLOURS, BACKGROUNDS.items()):
        ratio = contrast(over(colour, background, 0.9), background)
        assert ratio >= GRAPHICS_MINIMUM, f"lane colour {colour} on {name}: {ratio:.2f}:1"


def test_lane_colours_stay_distinguishable_from_one_another():
    """No two lanes share a look-alike colour (CIE76 distance of at least 20)."""
    for first, second in itertools.combinations(LANE_COLOURS, 2):
        distance = sum((a - b) ** 2 for a, b in zip(lab(over(first, WHITE)), lab(over(second, WHITE)))) ** 0.5
        assert distance >= 20, f"{first} and {second} look alike (ΔE {distance:.1f})"


def test_era_markers_edges_and_duration_lines_reach_three_to_one(timeline):
    """The era markers, the lines at each era's edge and the bars of lasting events are visible graphics."""
    eras = next(trace for trace in timeline.data if trace.name == "eras")
    durations = next(trace for trace in timeline.data if trace.name == "durations")
    edges = [shape.line.color for shape in timeline.layout.shapes if shape.type == "line"]
    assert edges, "each era's edge is marked by a line"
    graphics = {"era marker": eras.marker.color, "duration line": durations.line.color,
                **{f"era edge {number}": colour for number, colour in enumerate(edges)}}
    for (label, colour), (name, background) in itertools.product(graphics.items(), BACKGROUNDS.items()):
        ratio = contrast(over(colour, background), background)
        assert ratio >= GRAPHICS_MINIMUM, f"{label} {colour} on {name}: {ratio:.2f}:1"


def test_lane_labels_axis_dates_and_era_labels_reach_four_and_a_half_to_one(timeline):
    """Every text colour in the figure is set (Streamlit's chart theme would paint it 3.7:1 grey) and readable."""
    texts = {"figure font": timeline.layout.font.color, "lane labels": timeline.layout.yaxis.tickfont.color,
             "axis dates": timeline.layout.xaxis.tickfont.color,
             **{f"era label {note.text}": note.font.color for note in timeline.layout.annotations}}
    for (label, colour), (name, background) in itertools.product(texts.items(), BACKGROUNDS.items()):
        assert colour, f"{label} has no colour of its own"
        ratio = contrast(over(colour, background), background)
        assert ratio >= TEXT_MINIMUM, f"{label} {colour} on {name}: {ratio:.2f}:1"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_mind_map_labels_are_readable_on_their_segments(bundled, lang):
    """Each sunburst segment, as drawn, stands out from the white page, and its label reaches 4.5:1 on it."""
    sunburst = build_theme_figure(bundled.themes, lang, "root").data[0]
    fills, labels = sunburst.marker.colors, sunburst.textfont.color
    assert fills and labels and len(fills) == len(labels) == len(sunburst.ids)
    # Plotly draws outer (leaf) segments at 70 % unless told otherwise; check every segment as if it were one.
    opacity = PLOTLY_LEAF_OPACITY if sunburst.leaf.opacity is None else sunburst.leaf.opacity
    for node, fill, label in zip(sunburst.ids, fills, labels):
        segment = over(fill, WHITE, opacity)
        ratio = contrast(over(label, segment), segment)
        assert ratio >= TEXT_MINIMUM, f"label of {node}: {label} on {fill}: {ratio:.2f}:1"
        if node != sunburst.ids[0]:  # the centre is the page itself
            ratio = contrast(segment, WHITE)
            assert ratio >= GRAPHICS_MINIMUM, f"segment {node} {fill} on white: {ratio:.2f}:1"


def test_captions_reach_four_and_a_half_to_one_on_the_page_and_the_sidebar():
    """The theme's text colour is dark enough that Streamlit's faded captions stay readable."""
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    text = theme.get("textColor", "#31333F")  # Streamlit's default when none is set
    page = parse_colour(theme.get("backgroundColor", "#ffffff"))[0]
    sidebar = parse_colour(theme["secondaryBackgroundColor"])[0] if "secondaryBackgroundColor" in theme \
        else STREAMLIT_SIDEBAR_BACKGROUND
    for name, background in (("page", page), ("sidebar", sidebar)):
        ratio = contrast(over(text, background, CAPTION_OPACITY), background)
        assert ratio >= TEXT_MINIMUM, f"captions on the {name}: {ratio:.2f}:1"
        assert contrast(over(text, background), background) >= TEXT_MINIMUM
