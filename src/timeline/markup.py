"""Data text shown as text: escaping for Streamlit markdown and Plotly labels, and links only for http(s) URLs."""

from __future__ import annotations

import re

import pandas as pd

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$:])")
# Plotly's label text knows a few tags (<b>, <br>, <a>) and decodes only a few entities (&amp; &lt; &gt;,
# not &quot; or &#x27;), so escaping these three is exactly what makes data inert without showing entities.
_PLOTLY_SPECIALS = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))


def escape_markdown(text: str) -> str:
    """``text`` with every markdown and HTML character escaped, so it renders literally and inertly.

    GFM also links bare addresses (``https://…``, ``www.…``, ``name@host``) after escapes are undone, so an
    invisible word joiner (U+2060) is put where each would start a link.
    """
    text = re.sub(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=www)(?=\.)|(?<=@)", "\u2060", str(text))
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def escape_plotly(text: str) -> str:
    """``text`` safe inside a Plotly label or hover text: no live tag, and quotes shown as quotes."""
    text = str(text)
    for character, entity in _PLOTLY_SPECIALS:
        text = text.replace(character, entity)
    return text


def escape_plotly_column(texts: pd.Series) -> pd.Series:
    """:func:`escape_plotly` on a whole column at once, for figures with thousands of markers."""
    for character, entity in _PLOTLY_SPECIALS:
        texts = texts.str.replace(character, entity, regex=False)
    return texts


def safe_link(label: str, url: str) -> str:
    """A markdown link when ``url`` is http(s); otherwise just the escaped label (no live link)."""
    label = escape_markdown(label)
    url = str(url).strip()
    if not re.fullmatch(r"https?://[^\s<>\"']+", url):
        return label
    return f"[{label}]({url.replace('(', '%28').replace(')', '%29')})"
