"""The Streamlit layer: the only code that imports streamlit. Pages render; the core decides."""
