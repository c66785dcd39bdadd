"""Chart text shows data as written: quotes as quotes, never an HTML entity, and markup never live."""

from __future__ import annotations

import re

import pytest

from timeline import figures
from timeline.chart_config import ZH_CN_DICTIONARY
from timeline.figures import build_timeline_figure
from timeline.i18n import ZH
from timeline.markup import escape_plotly
from timeline.themes import build_theme_figure
from timeline.ui.timeline_page import CHART_CONFIG

SHOWN_ENTITY = re.compile(r"&(quot|#x27|#39|apos);")
LIVE_TAG = re.compile(r"<(?!/?(b|br)>)[^>]*>")  # any tag except the <b> and <br> the figures write themselves


def _chart_texts(figure) -> list[str]:
    """Every hover text, label and annotation text a reader can see on a figure."""
    texts: list[str] = []
    for trace in figure.data:
        for name in ("hovertext", "labels", "text"):
            values = getattr(trace, name, None)
            if values is not None:
                texts += [str(value) for value in values]
    texts += [annotation.text for annotation in figure.layout.annotations]
    return texts


@pytest.mark.parametrize(("text", "expected"), [
    ('The "reverse course"', 'The "reverse course"'),
    ("Japan's aims", "Japan's aims"),
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ("US & Japan <b>", "US &amp; Japan &lt;b&gt;"),
    ("&quot;", "&amp;quot;"),
    ("日美“同盟”", "日美“同盟”"),
])
def test_escape_plotly_keeps_quotes_and_disarms_tags(text, expected):
    """Only &, < and > are escaped: Plotly shows quotes as typed and draws no tag from data."""
    assert escape_plotly(text) == expected


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bundled_figures_show_no_entity(bundled, lang):
    """No hover text, era label or sunburst label of the bundled data shows a literal &quot; or &#x27;."""
    texts = _chart_texts(build_timeline_figure(bundled.events, bundled.eras, lang))
    texts += _chart_texts(build_theme_figure(bundled.themes, lang, "root"))
    shown = [text for text in texts if SHOWN_ENTITY.search(text)]
    assert not shown, shown[:3]


@pytest.mark.parametrize("compact", [False, True])
def test_markup_in_data_stays_inert_on_the_chart(mini, monkeypatch, compact):
    """A title, summary and era name full of markup reach the chart escaped, with their quotes intact."""
    if compact:
        monkeypatch.setattr(figures, "WEBGL_THRESHOLD", 0)
    events, eras = mini.events.copy(), mini.eras.copy()
    events.loc[0, "title_en"] = 'The "<a href=\'javascript:alert(1)\'>deal</a>"'
    events.loc[0, "summary_en"] = "<img src=x onerror=alert(1)> & more"
    eras.loc[0, "name_en"] = "<i>Occupation</i> \"phase\""
    texts = _chart_texts(build_timeline_figure(events, eras, "en"))
    assert not [text for text in texts if LIVE_TAG.search(text)]
    assert not [text for text in texts if SHOWN_ENTITY.search(text)]
    assert any('The "&lt;a href=\'javascript:alert(1)\'&gt;deal&lt;/a&gt;"' in text for text in texts)


def test_theme_labels_keep_quotes(bundled):
    """A mind-map branch titled with quotes is labelled with the quotes themselves."""
    labels = build_theme_figure(bundled.themes, "en", "root").data[0].labels
    assert '"Alliance + X"' in labels


def test_chinese_chart_help_names_the_buttons_readers_see():
    """The Chinese help quotes toolbar buttons by their Chinese titles, never by Plotly's English ones."""
    quoted = re.findall(r"“([^”]+)”", ZH["chart_help"])
    assert quoted
    assert set(quoted) <= set(ZH_CN_DICTIONARY.values())
    assert not [english for english in ZH_CN_DICTIONARY if english in ZH["chart_help"]]


@pytest.mark.parametrize(("lang", "locale", "file_name"), [("zh", "zh-CN", "日美同盟时间线"),
                                                           ("en", "en-US", "us-japan-alliance-timeline")])
def test_timeline_config_follows_the_language(lang, locale, file_name):
    """The timeline's toolbar locale and PNG file name are the page's language; the PNG button stays."""
    config = CHART_CONFIG[lang]
    assert config["locale"] == locale
    assert config["toImageButtonOptions"]["filename"] == file_name
    assert "toImage" not in config["modeBarButtonsToRemove"]
