"""The US–Japan alliance timeline: data, filters, figures and export behind a Streamlit dashboard."""

__version__ = "0.1.0"
