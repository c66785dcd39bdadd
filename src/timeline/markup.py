"""Data text shown as text: escaping for Streamlit markdown, and links only for http(s) URLs."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$:])")


def escape_markdown(text: str) -> str:
    """``text`` with every markdown and HTML character escaped, so it renders literally and inertly.

    GFM also links bare addresses (``https://…``, ``www.…``, ``name@host``) after escapes are undone, so an
    invisible word joiner (U+2060) is put where each would start a link.
    """
    text = re.sub(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=www)(?=\.)|(?<=@)", "\u2060", str(text))
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def safe_link(label: str, url: str) -> str:
    """A markdown link when ``url`` is http(s); otherwise just the escaped label (no live link)."""
    label = escape_markdown(label)
    url = str(url).strip()
    if not re.fullmatch(r"https?://[^\s<>\"']+", url):
        return label
    return f"[{label}]({url.replace('(', '%28').replace(')', '%29')})"
