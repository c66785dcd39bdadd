"""The list view: the filtered events as tappable cards under era headings, made for narrow screens.

One browser component draws every card (one element instead of hundreds of buttons, so a rerun
stays cheap); a tap sends the event's id back, and the page opens its panel. Texts are set with
``textContent``, never as HTML, so data text stays inert.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from timeline.figures import ERA_PREFIX

_CSS = """
.timeline-list { display: block; font-family: var(--st-font, "Source Sans", "Noto Sans CJK SC", sans-serif); }
.timeline-list section { margin: 0 0 1.25rem; }
.timeline-list h2 { margin: 0 0 .5rem; font-size: 1.05rem; line-height: 1.4; }
.timeline-list h2 button { all: unset; cursor: pointer; display: block; width: 100%; min-height: 44px;
  box-sizing: border-box; padding: .55rem .75rem; border-radius: .5rem;
  background: #eef3fa; color: #10243e; font-weight: 700; }
.timeline-list h2 button:focus-visible, .timeline-list .card:focus-visible {
  outline: 3px solid #0b5cad; outline-offset: 2px; }
.timeline-list h2 .span { display: block; font-weight: 400; font-size: .85rem; color: #33475e; }
.timeline-list ol { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: .5rem; }
.timeline-list .card { all: unset; box-sizing: border-box; cursor: pointer; display: block; width: 100%;
  min-height: 44px; padding: .6rem .75rem; border: 1px solid #c9d2dd; border-left: 5px solid #6b7a8c;
  border-radius: .5rem;
  background: #ffffff; color: #1b1b1b; }
.timeline-list .card.imp-1 { border-left-color: #0b5cad; }
.timeline-list .card.imp-2 { border-left-color: #4f6f92; }
.timeline-list .card[aria-current="true"] { background: #fff6d6; border-color: #8a6d00; border-left-color: #8a6d00; }
.timeline-list .meta { display: flex; flex-wrap: wrap; gap: .25rem .6rem; font-size: .85rem; color: #3d4853; }
.timeline-list .badge { font-weight: 700; color: #0b4a8b; }
.timeline-list .title { display: block; font-weight: 700; font-size: 1rem; line-height: 1.45; margin: .15rem 0; }
.timeline-list .summary { display: block; font-size: .9rem; line-height: 1.5; color: #2b2b2b; }
"""

_JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector('.timeline-list');
  if (!root) {
    root = document.createElement('div');
    root.className = 'timeline-list';
    parentElement.appendChild(root);
  }
  // An element with a class and text (set as text, never as HTML), holding any children given.
  const element = (tag, className, text, ...children) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    node.append(...children);
    return node;
  };
  const groups = [];
  for (const group of data.groups) {
    const eraButton = element('button', '', group.name, element('span', 'span', group.span));
    eraButton.type = 'button';
    eraButton.addEventListener('click', () => setTriggerValue('open', data.eraPrefix + group.id));
    const list = element('ol', '', '');
    for (const card of group.cards) {
      const meta = element('span', 'meta', '', element('span', 'date', card.date),
        element('span', 'badge', card.importance_label), element('span', 'category', card.category));
      const button = element('button', 'card imp-' + card.importance, '', meta,
        element('span', 'title', card.title), element('span', 'summary', card.summary));
      button.type = 'button';
      button.dataset.id = card.id;
      button.addEventListener('click', () => setTriggerValue('open', card.id));
      list.appendChild(element('li', '', '', button));
    }
    groups.push(element('section', '', '', element('h2', '', '', eraButton), list));
  }
  root.replaceChildren(...groups);
  // The open card is marked by the reader bridge, so these data stay the same while events open and
  // Streamlit sends the list only when the filters or the language change.
  if (window.__timelineReader && window.__timelineReader.markInList) window.__timelineReader.markInList();
}
"""

# Not style-isolated: the cards live in the page's own DOM, where assistive tech, axe and tests see them;
# every rule is scoped under .timeline-list instead.
_list = st.components.v2.component("timeline_event_list", css=_CSS, js=_JS, isolate_styles=False)


def render_event_list(groups: list[dict], on_open: Callable[[str], None]) -> None:
    """Draw ``groups`` (see :func:`timeline.listing.groups_as_data`); a tapped card or era calls ``on_open``.

    The open card is marked by the reader bridge (:mod:`timeline.ui.reader`), not here: the list's data then
    stay the same from one opened event to the next, and Streamlit need not send them again.
    """
    key = "w_event_list"

    def opened() -> None:
        value = st.session_state[key]["open"]
        if value:
            on_open(value)

    _list(data={"groups": groups, "eraPrefix": ERA_PREFIX}, key=key,
          on_open_change=opened)
