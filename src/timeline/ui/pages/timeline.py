"""The timeline page's script, as st.navigation runs it (the page itself is timeline.ui.timeline_page)."""

from timeline.ui.timeline_page import render

render()
