"""The compare page's script, as st.navigation runs it (the page itself is timeline.ui.compare_page)."""

from timeline.ui.compare_page import render

render()
