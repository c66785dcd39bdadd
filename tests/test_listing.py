"""The list view's groups: events as cards under their top-level era, in time order."""

from __future__ import annotations

from timeline.filters import FilterState, apply_filters
from timeline.listing import group_events_by_era, groups_as_data


def test_phases_sit_under_their_era_and_cards_keep_time_order(mini):
    """The occupation's phases are one group; each group lists its events in time order."""
    groups = group_events_by_era(mini.events, mini.eras, "en")
    assert [group.id for group in groups] == ["occupation", "treaty-system"]
    assert [card.id for card in groups[0].cards] == [
        "1945-surrender", "1947-constitution", "1950-korean-war", "1951-peace-treaty", "1951-security-treaty"]
    assert [card.id for card in groups[1].cards] == ["1952-treaties-in-force", "1955-context"]
    assert groups[0].name == "The occupation" and groups[0].span.startswith("14 Aug 1945")


def test_cards_speak_the_page_language(mini):
    """Dates, titles, categories and importance are in the chosen language."""
    [first, *_] = group_events_by_era(mini.events, mini.eras, "zh")[0].cards
    assert first.date == "1945年9月2日"
    assert first.category == "占领与改革" and first.importance_label == "重要"


def test_a_filtered_list_has_no_empty_headings(mini):
    """Filtered to the treaty system, the occupation heading is not shown."""
    shown = apply_filters(mini, FilterState(eras=("treaty-system",)))
    groups = group_events_by_era(shown, mini.eras, "en")
    assert [group.id for group in groups] == ["treaty-system"]


def test_the_list_stops_at_its_limit(mini):
    """Past the limit the first events are listed, not all of them."""
    groups = group_events_by_era(mini.events, mini.eras, "en", limit=3)
    assert sum(len(group.cards) for group in groups) == 3


def test_groups_become_plain_data_for_the_browser(mini):
    """The component receives plain dicts (JSON-ready), cards included."""
    [data, _] = groups_as_data(group_events_by_era(mini.events, mini.eras, "en"))
    assert data["id"] == "occupation" and data["cards"][0]["id"] == "1945-surrender"
    assert set(data["cards"][0]) == {"id", "date", "title", "summary", "category", "importance", "importance_label"}
