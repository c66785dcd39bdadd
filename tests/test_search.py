"""Search keys: a reader's Japanese, traditional or simplified spelling, or an era's name, finds the events."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.filters import FilterState, apply_filters
from timeline.search import build_search_text, normalise


@pytest.mark.parametrize(("spelling", "key"), [
    ("日米安保", "日美安保"),
    ("美日安保", "日美安保"),
    ("日美安保", "日美安保"),
    ("普天間", "普天间"),
    ("普天间", "普天间"),
    ("沖縄", "冲绳"),
    ("沖繩", "冲绳"),
    ("冲绳", "冲绳"),
    ("米軍", "美军"),
    ("美軍", "美军"),
    ("在日米軍再編", "在日美军再编"),
    ("米国", "美国"),
    ("美國", "美国"),
    ("尖閣諸島", "钓鱼岛诸岛"),
    ("尖阁诸岛", "钓鱼岛诸岛"),
    ("釣魚島", "钓鱼岛"),
    ("自衛隊", "自卫队"),
    ("自卫队", "自卫队"),
    ("辺野古", "边野古"),
    ("臺灣海峽", "台湾海峡"),
    ("冷戰同盟", "冷战同盟"),
    ("《日米安全保障条約》", "日美安全保障条约"),
    ("ＳＡＣＯ　最終報告", "saco 最终报告"),
    ("Okinawa  Reversion\nAgreement", "okinawa reversion agreement"),
    ("US–Japan “2+2”", "us-japan 2+2"),
])
def test_normalise_gives_every_spelling_one_key(spelling, key):
    """Japanese, traditional and simplified forms, alias words, widths, case and spaces fold to one key."""
    assert normalise(spelling) == key


@given(st.lists(st.text(), min_size=1, max_size=5))
def test_each_event_key_is_its_text_normalised(texts):
    """Folding many events at once gives each the key a query of the same text gets (no row bleeds into another)."""
    keys = build_search_text(pd.DataFrame({"title_zh": texts}))
    assert list(keys) == [normalise(text) for text in texts]


def found(dataset, query: str) -> set[str]:
    """The ids of the events a search for ``query`` shows."""
    return set(apply_filters(dataset, FilterState(query=query))["id"])


@pytest.mark.parametrize(("spelling", "simplified"), [
    ("日米安保", "日美安保"),
    ("普天間", "普天间"),
    ("沖縄", "冲绳"),
    ("米軍", "美军"),
    ("米国", "美国"),
    ("自衛隊", "自卫队"),
    ("日米地位協定", "日美地位协定"),
    ("冷戰同盟", "冷战同盟"),
])
def test_japanese_and_traditional_forms_find_what_the_simplified_form_finds(bundled, spelling, simplified):
    """In the bundled data a Japanese or traditional query shows the same events as its simplified form."""
    expected = found(bundled, simplified)
    assert expected
    assert found(bundled, spelling) == expected


def test_senkaku_in_japanese_finds_the_diaoyu_events(bundled):
    """尖閣 finds every event 钓鱼岛 finds, and every event whose text says 尖阁."""
    named_senkaku = {event.id for event in bundled.events.itertuples()
                     if "尖阁" in event.title_zh + event.summary_zh + event.aliases}
    assert named_senkaku
    assert found(bundled, "尖閣") == found(bundled, "钓鱼岛") >= named_senkaku


@pytest.mark.parametrize("column", ["name_zh", "name_en", "label_zh", "label_en"])
def test_each_era_name_finds_the_events_of_the_era_and_its_phases(bundled, column):
    """Every era's full name and chart label, in either language, finds all its events (冷战同盟 too)."""
    for era in bundled.eras.itertuples():
        era_events = set(bundled.events.loc[bundled.events["era"].isin(bundled.era_family(era.id)), "id"])
        assert found(bundled, getattr(era, column)) >= era_events, (era.id, getattr(era, column))


ERAS = pd.DataFrame({
    "id": ["cold-war", "cold-war-early", "other"],
    "parent": ["", "cold-war", ""],
    "name_zh": ["冷战中的同盟", "早期阶段", "别的时期"],
    "name_en": ["The Cold War alliance", "Early phase", "Another era"],
    "label_zh": ["冷战同盟", "", "别的"],
    "label_en": ["Cold War alliance", "", "Other"],
})


def test_an_event_is_found_by_its_era_and_parent_era_names_and_labels():
    """A phase's event carries its own and its parent era's names and chart labels, word by word."""
    events = pd.DataFrame({"title_zh": ["甲事件"], "title_en": ["Event A"], "era": ["cold-war-early"]}, index=[7])
    key = build_search_text(events, ERAS)[7]
    for name in ("冷战中的同盟", "早期阶段", "冷战同盟", "the cold war alliance", "early phase", "cold war alliance"):
        assert name in key
    assert "别的" not in key and "another era" not in key
    assert key == " ".join(key.split()), "words are separated by single spaces, none run together"


def test_without_a_parent_column_an_era_keeps_its_own_names():
    """Eras without a parent column (a user's own data) still give their names to their events."""
    events = pd.DataFrame({"title_en": ["Event B"], "era": ["other"]})
    key = build_search_text(events, ERAS.drop(columns=["parent"]))[0]
    assert "another era" in key and "别的时期" in key and "冷战" not in key


def test_an_event_of_an_unknown_era_gets_no_era_words():
    """An era id the eras table lacks adds nothing to the key (no placeholder text)."""
    events = pd.DataFrame({"title_en": ["Event C"], "era": ["missing"]})
    assert list(build_search_text(events, ERAS)) == [normalise("Event C")]


def test_keys_keep_the_events_index_and_are_text():
    """The keys line up with the events' own row labels, as text, also for no events or no eras."""
    events = pd.DataFrame({"title_en": ["One", "Two"], "era": ["other", "cold-war"]}, index=[3, 9])
    keys = build_search_text(events, ERAS)
    assert list(keys.index) == [3, 9] and keys.dtype == pd.Series(["x"], dtype=str).dtype
    assert list(build_search_text(events)) == ["one", "two"]
    empty = build_search_text(events.head(0), ERAS)
    assert empty.empty and empty.dtype == keys.dtype
    no_text = build_search_text(pd.DataFrame({"era": ["other"]}, index=[4]), ERAS)
    assert list(no_text.index) == [4] and list(no_text) == [""] and no_text.dtype == keys.dtype
