"""Streamlit's own words on widgets in the page's language, where no parameter of Streamlit 1.67 sets them.

The file uploader's button ("Upload") and size note ("64MB per file • CSV") are fixed English in
Streamlit's frontend. A stylesheet hides those words and writes ours in their place; generated
content counts towards the button's accessible name, so a screen reader hears the same words.
"""

from __future__ import annotations

from timeline.csvfile import MAX_FILE_BYTES
from timeline.i18n import translate
from timeline.ui.styles import apply_style

UPLOAD_LIMIT_MB = MAX_FILE_BYTES // 1024 // 1024
_DROPZONE = '[data-testid="stFileUploaderDropzone"]'


def render_uploader_texts(lang: str) -> None:
    """Swap the file uploader's English button and size note for ``lang``'s words (a style only, no layout)."""
    button = _css_string(translate("uploader_button", lang))
    limit = _css_string(translate("uploader_limit", lang, megabytes=UPLOAD_LIMIT_MB))
    apply_style(
        f"{_DROPZONE} button [data-testid=\"stMarkdownContainer\"] p {{display: none;}}"
        f"{_DROPZONE} button [data-testid=\"stMarkdownContainer\"]::after {{content: {button};}}"
        # Hidden text leaves the accessibility tree too; the generated words are shown and read instead.
        f"{_DROPZONE} [data-testid=\"stFileUploaderDropzoneInstructions\"] span {{visibility: hidden; font-size: 0;}}"
        f"{_DROPZONE} [data-testid=\"stFileUploaderDropzoneInstructions\"] span::after "
        f"{{content: {limit}; visibility: visible; font-size: 0.875rem;}}",
        "uploader_text_style",
    )


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"'
