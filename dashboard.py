"""Entry point for ``streamlit run dashboard.py``: all logic lives in the ``timeline`` package."""

from timeline.ui.app import main

main()
