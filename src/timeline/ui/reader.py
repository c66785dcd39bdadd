"""Where the reader's eye is: bring an opened panel into view and mark its event on the chart.

A small browser component (``st.components.v2``, no build step) does what Python cannot: after a
panel opens however it was opened (click, tap, pick, link, Previous / Next, a reload, Back), it
scrolls the panel's title into the viewport unless it is already there, and it marks the open
event or era on the chart the way Plotly marks a clicked point, without redrawing the chart, so
the reader's zoom survives.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from timeline.figures import LINKS_NAME
from timeline.ui.styles import apply_style

PANEL_TITLE_KEY = "panel_title"
CHART_VIEW_KEY = "chart_view"
LIST_VIEW_KEY = "list_view"
NARROW_MAX_WIDTH = 640  # px: Streamlit stacks columns below this width; a phone reads the list view

# Shared by the page's bridges: once ``find()`` returns the element, keep it in view while the page settles
# (styles and elements still arriving can move it), until the reader scrolls or touches the page or
# another focus starts; then ``state.settled`` is ``nonce`` (the browser tests wait for it).
KEEP_IN_VIEW_JS = """
function keepInView(state, nonce, find) {
  const started = performance.now();
  let settledSince = null, readerMoved = false;
  const stop = () => { readerMoved = true; };
  for (const type of ['wheel', 'touchstart', 'keydown', 'pointerdown']) {
    window.addEventListener(type, stop, {once: true, capture: true, passive: true});
  }
  const step = () => {
    if (readerMoved || state.focused !== nonce) { state.settled = nonce; return; }
    const now = performance.now();
    const element = find();
    if (element) {
      const box = element.getBoundingClientRect();
      const header = document.querySelector('[data-testid="stHeader"]');
      const top = header ? header.getBoundingClientRect().bottom : 0;
      // A part taller than half the screen counts as in view once its top is in the upper half.
      if (box.top < top || box.top > window.innerHeight - Math.min(box.height, window.innerHeight / 2)) {
        element.scrollIntoView({block: 'start'});
        settledSince = null;
      } else if (settledSince === null) {
        settledSince = now;
      }
      if (settledSince !== null && now - settledSince > 1500) { state.settled = nonce; return; }
    }
    if (now - started < 20000) window.requestAnimationFrame(step); else state.settled = nonce;
  };
  step();
}
"""

_JS = KEEP_IN_VIEW_JS + """
export default function (component) {
  const data = component.data || {};
  const state = window.__timelineReader = window.__timelineReader || {focused: null, timer: null};
  state.send = component.setTriggerValue;
  // Closing a panel returns a list reader to the card they had opened, not to the top of the list.
  const closed = state.highlight && !data.highlight ? state.highlight : null;
  state.highlight = data.highlight || null;
  state.markInList = markInList;
  markInList();
  if (closed) {
    const card = document.querySelector('.timeline-list .card[data-id="' + CSS.escape(closed) + '"]');
    if (card && card.offsetParent !== null) card.scrollIntoView({block: 'center'});
  }
  state.links = data.links || null;
  if (data.focus && data.focus.nonce !== state.focused) {
    state.focused = data.focus.nonce;
    bringIntoView(data.focus.title);
  }
  if (!state.timer) state.timer = window.setInterval(() => { markOnChart(); markInList(); }, 250);
  markOnChart();

  // The open event's card in the list view carries aria-current (the list itself never changes for it).
  function markInList() {
    const wanted = state.highlight && !state.highlight.startsWith('era:') ? state.highlight : null;
    for (const card of document.querySelectorAll('.timeline-list .card[aria-current]')) {
      if (card.dataset.id !== wanted) card.removeAttribute('aria-current');
    }
    if (!wanted) return;
    const card = document.querySelector('.timeline-list .card[data-id="' + CSS.escape(wanted) + '"]');
    if (card && card.getAttribute('aria-current') !== 'true') card.setAttribute('aria-current', 'true');
  }

  // Wait for the new panel's title, then keep it in view while the page settles.
  function bringIntoView(title) {
    keepInView(state, state.focused, () => {
      const heading = document.querySelector('.st-key-PANEL_TITLE');
      return heading && heading.textContent.trim() === title ? heading : null;
    });
  }

  // A touch: with Plotly's drag-to-zoom a swipe on the plot pans it and the first tap only hovers.
  // On a touch screen the chart does not drag, so a swipe scrolls the page and one tap selects.
  function prepare(plot) {
    if (plot.__timelineHooked) return;
    plot.__timelineHooked = true;
    plot.on('plotly_afterplot', () => declutter(plot));
    declutter(plot);
    // A tap reaches Plotly twice, as touch and then as the browser's emulated mouse events, and the
    // second click toggles the point just chosen off again. Only the touch goes through, and the
    // point it clicked is opened from here (Plotly selects only on a mouse click).
    let lastTouch = 0;
    const touched = () => Date.now() - lastTouch < 800;
    plot.addEventListener('touchstart', () => { lastTouch = Date.now(); }, {capture: true, passive: true});
    for (const type of ['mousedown', 'mouseup', 'click']) {
      plot.addEventListener(type, (event) => { if (touched()) event.stopPropagation(); }, {capture: true});
    }
    plot.on('plotly_click', (event) => {
      if (!touched() || !event.points || !event.points.length) return;
      const value = event.points[0].customdata;
      const id = Array.isArray(value) ? value[0] : value;
      if (typeof id === 'string' && id) state.send('open', id);
    });
    const ready = () => { plot.__timelinePrepared = true; };
    if (window.matchMedia('(pointer: coarse)').matches && plot._fullLayout.dragmode !== false) {
      window.Plotly.relayout(plot, {dragmode: false}).then(ready);
    } else {
      ready();
    }
  }

  // Era labels that would run into each other on a narrow chart: keep the earlier, hide the later.
  function declutter(plot) {
    const shown = [];
    plot.querySelectorAll('.annotation').forEach((label) => {
      label.style.visibility = '';
      const box = label.getBoundingClientRect();
      const clash = shown.some((other) => box.left < other.right + 4 && other.left < box.right + 4 &&
        box.top < other.bottom && other.top < box.bottom);
      if (clash) label.style.visibility = 'hidden'; else shown.push(box);
    });
  }

  function markOnChart() {
    const plot = document.querySelector('.st-key-CHART_VIEW .js-plotly-plot');
    if (!plot || !plot._fullData || !window.Plotly || plot.offsetParent === null) return;
    prepare(plot);
    const wanted = state.highlight;
    const traces = [], selections = [];
    plot._fullData.forEach((trace) => {
      if (!trace.customdata || !String(trace.mode || '').includes('markers')) return;
      const ids = Array.from(trace.customdata, (value) => Array.isArray(value) ? value[0] : value);
      const index = wanted ? ids.indexOf(wanted) : -1;
      const selection = wanted ? (index >= 0 ? [index] : []) : null;
      const current = plot.data[trace.index].selectedpoints;
      const same = JSON.stringify(current === undefined ? null : Array.from(current || [])) ===
        JSON.stringify(selection);
      if (!same) { traces.push(trace.index); selections.push(selection); }
    });
    if (traces.length) window.Plotly.restyle(plot, {selectedpoints: selections}, traces);
    drawLinks(plot);
  }

  // The open event's typed links: one trace of arrows added to the chart, replaced only when the
  // open event changes, so the chart keeps its zoom.
  function drawLinks(plot) {
    if (state.drawingLinks) return;
    const index = plot.data.findIndex((trace) => trace.meta === 'LINKS');
    const drawn = index >= 0 ? JSON.stringify(Array.from(plot.data[index].text || [])) : null;
    const wanted = state.links ? JSON.stringify(state.links.text) : null;
    if (drawn === wanted) return;
    state.drawingLinks = true;
    Promise.resolve(index >= 0 ? window.Plotly.deleteTraces(plot, index) : null)
      .then(() => state.links && window.Plotly.addTraces(plot, JSON.parse(JSON.stringify(state.links))))
      .finally(() => { state.drawingLinks = false; });
  }
}
""".replace("PANEL_TITLE", PANEL_TITLE_KEY).replace("CHART_VIEW", CHART_VIEW_KEY).replace("LINKS", LINKS_NAME)

# Wide screens: the panel beside the chart. Narrow screens: Streamlit stacks the columns; the open
# panel comes first so it is where the reader lands, and "auto" shows the list instead of the chart.
_CSS = f"""
.st-key-{PANEL_TITLE_KEY} {{ scroll-margin-top: 4.5rem; }}
.st-key-reader_bridge {{ display: none; }}
@media (pointer: coarse) {{ .st-key-{CHART_VIEW_KEY} .js-plotly-plot .draglayer * {{ touch-action: pan-y; }} }}
.st-key-layout_auto .st-key-{LIST_VIEW_KEY} {{ display: none; }}
@media (max-width: {NARROW_MAX_WIDTH}px) {{
  .st-key-layout_auto .st-key-{CHART_VIEW_KEY} {{ display: none; }}
  .st-key-layout_auto .st-key-{LIST_VIEW_KEY} {{ display: flex; }}
  .st-key-reading_columns [data-testid="stColumn"]:has(.st-key-{PANEL_TITLE_KEY}) {{ order: -1; }}
}}
"""

_bridge = st.components.v2.component("timeline_reader", js=_JS)


def inject_layout_css() -> None:
    """The timeline page's layout rules (style only: takes no room on the page)."""
    apply_style(_CSS, "timeline_layout_style")


def reader_bridge(focus_nonce: int, focus_title: str | None, highlight: str | None,
                  on_tap: Callable[[str], None], links: dict | None = None) -> None:
    """Bring the panel titled ``focus_title`` into view once per ``focus_nonce``; mark ``highlight`` on the chart.

    ``highlight`` is a chart customdata value (an event id, or ``"era:<id>"``); a tap on a chart point
    calls ``on_tap`` with that point's customdata. ``links`` is a Plotly trace (the open event's links,
    see :func:`timeline.figures.link_trace`) added to the chart.
    """
    focus = {"nonce": focus_nonce, "title": focus_title} if focus_title else None
    key = "w_reader_bridge"

    def tapped() -> None:
        value = st.session_state[key]["open"]
        if value:
            on_tap(value)

    with st.container(key="reader_bridge"):
        _bridge(data={"focus": focus, "highlight": highlight, "links": links}, key=key, on_open_change=tapped)
