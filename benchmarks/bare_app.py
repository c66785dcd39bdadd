"""The baseline: a bare Streamlit app drawing the same events as one plain Plotly scatter.

It reads the same events.csv (cached), offers one category filter, and shows the clicked event's
title in a container keyed ``detail``, which is all the benchmark needs to compare against.
"""

import os
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st


@st.cache_data
def read_events(path: str) -> pd.DataFrame:
    events = pd.read_csv(path, dtype=str, keep_default_na=False)
    events["x"] = pd.to_datetime(events["date"], format="mixed")
    return events


events = read_events(str(Path(os.environ["TIMELINE_DATA_DIR"]) / "events.csv"))
chosen = st.sidebar.multiselect("Category", sorted(events["category"].unique()), key="cat")
shown = events[events["category"].isin(chosen)] if chosen else events
trace = go.Scattergl if len(shown) > 2000 else go.Scatter
figure = go.Figure(trace(x=shown["x"], y=shown["category"], mode="markers", customdata=shown["id"],
                         hovertext=shown["title_en"]))
state = st.plotly_chart(figure, key="chart", on_select="rerun", selection_mode="points")
with st.container(key="detail"):
    points = state.selection.points if state else []
    if points:
        chosen_id = points[0]["customdata"]
        st.subheader(events.loc[events["id"] == chosen_id, "title_en"].iloc[0])
