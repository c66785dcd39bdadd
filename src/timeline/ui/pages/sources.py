"""The sources page's script, as st.navigation runs it (the page itself is timeline.ui.sources_page)."""

from timeline.ui.sources_page import render

render()
