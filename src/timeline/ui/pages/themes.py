"""The themes page's script, as st.navigation runs it (the page itself is timeline.ui.themes_page)."""

from timeline.ui.themes_page import render

render()
