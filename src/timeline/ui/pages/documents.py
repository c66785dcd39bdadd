"""The documents page's script, as st.navigation runs it (the page itself is timeline.ui.documents_page)."""

from timeline.ui.documents_page import render

render()
