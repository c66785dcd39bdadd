"""The timeline figure: bands, lanes, marker sizes, hover text and the click payload."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from streamlit.elements.plotly_chart import PlotlyChartSelectionSerde

from timeline.figures import (
    ERA_LANE,
    MARKER_SIZES,
    WEBGL_THRESHOLD,
    ClickedItem,
    build_timeline_figure,
    clicked_item,
    lanes_for,
    stack_offsets,
)
from timeline.filters import FilterState, apply_filters

TESTS_DATA = Path(__file__).resolve().parent / "data"


def _event_traces(figure):
    return [trace for trace in figure.data if trace.name not in ("eras", "durations")]


def test_one_lane_per_category_in_vocabulary_order(mini):
    """Each used category gets a lane (a y position and a labelled tick), in the vocabulary's order."""
    figure = build_timeline_figure(mini.events, mini.eras, "en")
    assert lanes_for(mini.events) == ["occupation", "treaty", "law", "economy", "crisis"]
    assert list(figure.layout.yaxis.ticktext[1:]) == [
        "Occupation", "Treaties & agreements", "Japanese legislation", "Economy & trade", "Crises & conflicts"]
    treaty = next(trace for trace in figure.data if trace.name == "Treaties & agreements")
    assert {round(height) for height in treaty.y} == {1}


def test_every_event_is_one_marker_carrying_its_id(mini):
    """Markers carry the event id in customdata and are sized by importance."""
    figure = build_timeline_figure(mini.events, mini.eras, "zh")
    ids = [event_id for trace in _event_traces(figure) for event_id in trace.customdata]
    assert sorted(ids) == sorted(mini.events["id"])
    treaty = next(trace for trace in _event_traces(figure) if "1951-security-treaty" in list(trace.customdata))
    index = list(treaty.customdata).index("1951-security-treaty")
    assert treaty.marker.size[index] == MARKER_SIZES[1]


def test_hover_shows_date_title_and_summary_in_the_language(mini):
    """Hover text holds the localised date, the title and the summary."""
    for lang, date, title in (("zh", "1951年9月8日", "签署《日美安全保障条约》"),
                              ("en", "8 Sep 1951", "The US–Japan Security Treaty is signed")):
        figure = build_timeline_figure(mini.events, mini.eras, lang)
        texts = [text for trace in _event_traces(figure) for text in trace.hovertext]
        match = next(text for text in texts if title in text)
        assert date in match
        assert mini.events.set_index("id").at["1951-security-treaty", f"summary_{lang}"] in match


def test_era_bands_and_clickable_era_markers(mini):
    """Each top-level era is a shaded band with a line at each edge; every era (phases too) has a marker."""
    figure = build_timeline_figure(mini.events, mini.eras, "en")
    shapes = figure.layout.shapes
    assert len([shape for shape in shapes if shape.type == "rect"]) == 2  # occupation and treaty-system
    assert len([shape for shape in shapes if shape.type == "line"]) == 3  # 1945, 1952 (shared) and 1960
    eras = next(trace for trace in figure.data if trace.name == "eras")
    assert sorted(eras.customdata) == sorted("era:" + era for era in mini.eras["id"])
    assert min(eras.y) == ERA_LANE
    assert [annotation.text for annotation in figure.layout.annotations] == ["The occupation", "The treaty system"]


def test_markers_on_the_same_day_are_stacked_apart(mini):
    """Two treaties signed the same day sit at different heights in their lane, so each can be clicked."""
    figure = build_timeline_figure(mini.events, mini.eras, "en")
    treaty = next(trace for trace in figure.data if trace.name == "Treaties & agreements")
    heights = dict(zip(treaty.customdata, treaty.y))
    assert heights["1951-peace-treaty"] != heights["1951-security-treaty"]
    assert all(abs(height - 1) < 0.5 for height in heights.values())


def test_stack_offsets_only_separate_close_markers():
    """Markers far apart stay on the lane's line; a crowd steps above and below it."""
    day = pd.Timestamp("1951-09-08")
    assert stack_offsets([day, day + pd.Timedelta(days=3000)], pd.Timedelta(days=300)) == [0.0, 0.0]
    assert stack_offsets([day, day, day], pd.Timedelta(days=300)) == [0.0, -0.3, 0.3]


def test_filtering_keeps_lanes_fixed(mini):
    """With the full data's lanes passed, a filter removes markers but never moves a lane."""
    lanes = lanes_for(mini.events)
    narrowed = apply_filters(mini, FilterState(categories=("crisis",)))
    figure = build_timeline_figure(narrowed, mini.eras, "en", lanes=lanes)
    crisis = next(trace for trace in _event_traces(figure))
    assert {round(height) for height in crisis.y} == {lanes.index("crisis")}


def test_lasting_events_draw_a_duration_bar(mini):
    """The Korean War (1950–53) gets a bar from its start to its end."""
    figure = build_timeline_figure(mini.events, mini.eras, "en")
    bars = next(trace for trace in figure.data if trace.name == "durations")
    assert [str(x)[:10] for x in bars.x[:2]] == ["1950-06-25", "1953-07-27"]


def test_large_data_uses_webgl(mini):
    """Past the threshold, markers are WebGL traces."""
    events = mini.events.sample(WEBGL_THRESHOLD + 1, replace=True, random_state=1)
    figure = build_timeline_figure(events, mini.eras, "en")
    assert all(isinstance(trace, go.Scattergl) for trace in _event_traces(figure))


def test_html_in_data_is_inert_in_hover(mini):
    """A title with markup is escaped, never rendered as HTML by Plotly."""
    events = mini.events.copy()
    events.loc[0, "title_en"] = "<img src=x onerror=alert(1)>"
    figure = build_timeline_figure(events, mini.eras, "en")
    texts = [text for trace in _event_traces(figure) for text in trace.hovertext]
    assert any("&lt;img src=x onerror=alert(1)&gt;" in text for text in texts)
    assert not any("<img" in text for text in texts)


# Raw selection payloads captured from real clicks in Chromium (Streamlit 1.67) on the mini data: the
# marker of 1951-security-treaty, then the era marker of the occupation.
CAPTURED = (TESTS_DATA / "click-payloads.jsonl").read_text(encoding="utf-8").splitlines()
CAPTURED_EVENT_CLICK, CAPTURED_ERA_CLICK = CAPTURED


def test_click_payload_yields_the_event_id():
    """A browser's click payload, deserialised as Streamlit does, gives back the event."""
    state = PlotlyChartSelectionSerde().deserialize(CAPTURED_EVENT_CLICK)
    assert clicked_item(state["selection"]["points"]) == ClickedItem("event", "1951-security-treaty")


def test_click_payload_on_an_era_yields_the_era():
    """A click on an era marker opens the era."""
    state = PlotlyChartSelectionSerde().deserialize(CAPTURED_ERA_CLICK)
    assert clicked_item(state["selection"]["points"]) == ClickedItem("era", "occupation")


def test_empty_selection_chooses_nothing():
    """A double-click (cleared selection) opens nothing."""
    assert clicked_item([]) is None
    assert clicked_item([{"curve_number": 0, "x": "1951-01-01"}]) is None


def test_large_figures_hover_title_and_iso_date(mini):
    """Past the threshold, hover text is short: the title and the date at its own precision."""
    events = mini.events.sample(WEBGL_THRESHOLD + 1, replace=True, random_state=2)
    figure = build_timeline_figure(events, mini.eras, "zh")
    texts = {text for trace in _event_traces(figure) for text in trace.hovertext}
    assert "签署《日美安全保障条约》 · 1951-09-08" in texts
    assert "经济起飞 · 1955" in texts


def test_axis_dates_follow_the_language(mini):
    """Year ticks read 1951年 in Chinese and 1951 in English, at every zoom level."""
    zh = build_timeline_figure(mini.events, mini.eras, "zh").layout.xaxis.tickformatstops
    en = build_timeline_figure(mini.events, mini.eras, "en").layout.xaxis.tickformatstops
    assert [stop.value for stop in zh] == ["%Y年%-m月%-d日", "%Y年%-m月", "%Y年"]
    assert [stop.value for stop in en][-1] == "%Y"


def test_the_time_axis_follows_the_filters(bundled):
    """Filtered to one year, the axis spans that year's events (with a margin), not 1945–2022."""
    one_year = apply_filters(bundled, FilterState(years=(1960, 1960)))
    figure = build_timeline_figure(one_year, bundled.eras, "en")
    first, last = (pd.Timestamp(value) for value in figure.layout.xaxis.range)
    assert pd.Timestamp("1959-09-01") <= first <= one_year["start"].min()
    assert one_year["start"].max() <= last <= pd.Timestamp("1961-03-31")
    everything = build_timeline_figure(bundled.events, bundled.eras, "en")
    first, last = (pd.Timestamp(value) for value in everything.layout.xaxis.range)
    assert first <= bundled.events["start"].min() and last >= bundled.events["start"].max()
    assert last - first > pd.Timedelta(days=365 * 70)


def test_with_no_events_the_axis_still_spans_the_eras(mini):
    """An empty filter result keeps a readable axis: the eras' whole span."""
    figure = build_timeline_figure(mini.events.head(0), mini.eras, "en")
    first, last = (pd.Timestamp(value) for value in figure.layout.xaxis.range)
    assert first <= mini.eras["start_day"].min() and last >= mini.eras["end_day"].max()
