"""The sources search folds text as the events search does: one query finds a citation under any common form."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from timeline.citations import sources_table

SOURCES = pd.DataFrame([
    ("jiao-2019", "焦世新. 美日同盟的机制化[J]. 美国研究, 2019.",
     "Jiao Shixin. The Institutionalisation of the US–Japan Alliance. 2019.", "", "scholarship"),
    ("treaty-1960", "《日美相互合作及安全保障条约》[Z]. 1960.",
     "Treaty of Mutual Cooperation and Security between Japan and the USA. 1960.", "", "official"),
    ("mofa-2022", "日本外务省. 日美“2+2”联合声明[Z]. 2022.",
     "MOFA. Joint Statement of the Security Consultative Committee. 2022.", "", "official"),
], columns=["id", "citation_zh", "citation_en", "url", "kind"])


@pytest.mark.parametrize(("query", "expected_ids"), [
    ("美日同盟", {"jiao-2019"}),
    ("日美同盟", {"jiao-2019"}),  # the other word order of the same name
    ("美日相互合作", {"treaty-1960"}),
    ("《美日相互合作及安全保障条约》", {"treaty-1960"}),  # book-title marks as a reader may type them
    ("ＭＯＦＡ", {"mofa-2022"}),  # full-width letters
    ("joint STATEMENT", {"mofa-2022"}),  # letter case
    ("US-Japan alliance", {"jiao-2019"}),  # a hyphen for the citation's en dash
    ("日美 2+2", {"mofa-2022"}),  # every word must occur, not any
    ("security 1960", {"treaty-1960"}),
    ("TREATY-1960", {"treaty-1960"}),  # the id is searched too
    ("安全保障 2022", set()),
    ("  ", {"jiao-2019", "treaty-1960", "mofa-2022"}),
])
def test_sources_search_folds_like_the_events_search(mini, query, expected_ids):
    """Case, width, 美日/日美, title marks and dashes do not hide a source; all words must match."""
    dataset = dataclasses.replace(mini, sources=SOURCES)
    assert set(sources_table(dataset, "zh", query=query)["id"]) == expected_ids


def test_sources_search_and_kind_narrow_together(mini):
    """A query within one kind keeps only the sources of that kind that match, grouped and ordered."""
    dataset = dataclasses.replace(mini, sources=SOURCES)
    assert list(sources_table(dataset, "en", ("official",), "日美")["id"]) == ["mofa-2022", "treaty-1960"]
    assert list(sources_table(dataset, "en", query="日美")["id"]) == ["jiao-2019", "mofa-2022", "treaty-1960"]
