"""The quiz page's script, as st.navigation runs it (the page itself is timeline.ui.quiz_page)."""

from timeline.ui.quiz_page import render

render()
