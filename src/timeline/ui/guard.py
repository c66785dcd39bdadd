"""The last guard: a fault reaches the operator's log with its traceback, the reader as one calm sentence."""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Iterator

import streamlit as st

from timeline.i18n import translate
from timeline.ui import state
from timeline.vocab import LANGUAGES

logger = logging.getLogger(__name__)


@contextlib.contextmanager
def calm_errors() -> Iterator[None]:
    """Run a block; on a fault, log it with a reference and show the reader that reference, never the error.

    Streamlit's own control flow (a rerun, a stop, a page switch) passes through: it is not an ``Exception``.
    Fragments need a guard of their own: Streamlit handles a fragment's fault before it reaches the page's.
    """
    try:
        yield
    except Exception:
        reference = uuid.uuid4().hex[:8]
        logger.exception("page failed (reference %s)", reference)
        st.error(translate("unexpected_error", safe_lang(), reference=reference), icon=":material/error:")


def safe_lang() -> str:
    """The reader's language, even when the view could not be read (then the address's, else Chinese)."""
    view = st.session_state.get(state.VIEW_KEY)
    if view is not None:
        return view.lang
    lang = st.query_params.get("lang", "zh")
    return lang if lang in LANGUAGES else "zh"
