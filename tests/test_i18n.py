"""UI strings: one table per language, with the same keys and placeholders, used from one place."""

from __future__ import annotations

import re
from pathlib import Path

from timeline.i18n import EN, STRINGS, ZH, translate
from timeline.vocab import CATEGORIES, DOCUMENT_KINDS, IMPORTANCE, SOURCE_KINDS

UI = Path(__file__).resolve().parents[1] / "src" / "timeline" / "ui"


def test_every_key_exists_in_both_languages():
    """Every UI string has a Chinese and an English version."""
    assert set(ZH) == set(EN)
    assert all(text.strip() for table in STRINGS.values() for text in table.values())


def test_placeholders_match_between_languages():
    """A placeholder filled in one language is filled in the other."""
    for key in ZH:
        assert set(re.findall(r"{(\w+)}", ZH[key])) == set(re.findall(r"{(\w+)}", EN[key])), key


def test_every_key_used_by_the_pages_exists():
    """Every t("key") in the UI code names a string in the tables."""
    used = set()
    for path in UI.glob("*.py"):
        used |= set(re.findall(r'\bt\(\s*"(\w+)"', path.read_text(encoding="utf-8")))
        used |= set(re.findall(r'translate\(\s*"(\w+)"', path.read_text(encoding="utf-8")))
    assert used, "the pages should take their words from the tables"
    assert used <= set(ZH), sorted(used - set(ZH))


def test_vocabularies_have_both_labels():
    """Categories, importance levels, source and document kinds are labelled in both languages."""
    for vocabulary in (CATEGORIES, IMPORTANCE, SOURCE_KINDS, DOCUMENT_KINDS):
        for labels in vocabulary.values():
            assert labels["zh"].strip() and labels["en"].strip()


def test_translate_fills_placeholders():
    """Counts read naturally in each language."""
    assert translate("count_line", "zh", shown=3, total=90) == "显示 3 / 90 个事件"
    assert translate("count_line", "en", shown=3, total=90) == "Showing 3 of 90 events"
