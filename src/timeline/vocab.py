"""Controlled vocabularies of the data contract, each value with its Chinese and English label."""

from __future__ import annotations

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

# Lanes run top to bottom in this order on the timeline: from the founding instruments of the
# alliance, through its working documents and politics, to the events around it.
CATEGORIES: dict[str, dict[str, str]] = {
    "occupation": {"zh": "占领与改革", "en": "Occupation"},
    "treaty": {"zh": "条约与协定", "en": "Treaties & agreements"},
    "guidelines": {"zh": "防卫合作指针", "en": "Defence guidelines"},
    "declaration": {"zh": "宣言与联合声明", "en": "Declarations"},
    "strategy": {"zh": "战略文件", "en": "Strategy documents"},
    "law": {"zh": "日本国内立法", "en": "Japanese legislation"},
    "summit": {"zh": "首脑与部长会谈", "en": "Summits & ministerials"},
    "diplomacy": {"zh": "外交", "en": "Diplomacy"},
    "multilateral": {"zh": "多边机制", "en": "Multilateral"},
    "military": {"zh": "军事与基地", "en": "Military & bases"},
    "economy": {"zh": "经贸", "en": "Economy & trade"},
    "crisis": {"zh": "危机与冲突", "en": "Crises & conflicts"},
}

IMPORTANCE: dict[int, dict[str, str]] = {
    1: {"zh": "里程碑", "en": "Landmark"},
    2: {"zh": "重要", "en": "Major"},
    3: {"zh": "背景", "en": "Context"},
}

# In the order the bibliography lists them: the analysis the seed rests on, then the primary record.
SOURCE_KINDS: dict[str, dict[str, str]] = {
    "scholarship": {"zh": "学术文献", "en": "Scholarship"},
    "official": {"zh": "官方文件", "en": "Official document"},
    "archive": {"zh": "史料汇编", "en": "Archive"},
    "reference": {"zh": "工具书", "en": "Reference work"},
    "news": {"zh": "新闻报道", "en": "News report"},
}
# What a landmark must cite (docs/data.md): the record itself, and an independent analysis of it.
PRIMARY_SOURCE_KINDS = frozenset({"official", "archive"})
ANALYSIS_SOURCE_KINDS = frozenset({"scholarship"})

# The kinds of primary document on the Documents page, in the order its filter lists them.
DOCUMENT_KINDS: dict[str, dict[str, str]] = {
    "treaty": {"zh": "条约", "en": "Treaty"},
    "agreement": {"zh": "协定", "en": "Agreement"},
    "exchange-of-notes": {"zh": "换文", "en": "Exchange of notes"},
    "guidelines": {"zh": "防卫合作指针", "en": "Defence guidelines"},
    "joint-statement": {"zh": "联合宣言与声明", "en": "Joint declaration or statement"},
    "strategy": {"zh": "战略文件", "en": "Strategy"},
    "report": {"zh": "报告", "en": "Report"},
    "law": {"zh": "法律", "en": "Law"},
}


def category_label(category: str, lang: str) -> str:
    """The category's label in ``lang``, or the raw value for one outside the vocabulary."""
    return CATEGORIES.get(category, {}).get(lang, category)


def importance_label(importance: int, lang: str) -> str:
    """The importance level's label in ``lang``."""
    return IMPORTANCE.get(importance, {}).get(lang, str(importance))


def document_kind_label(kind: str, lang: str) -> str:
    """The document kind's label in ``lang``, or the raw value for one outside the vocabulary."""
    return DOCUMENT_KINDS.get(kind, {}).get(lang, kind)


# Typed links between events (links.csv). ``order`` is the date order the type implies between a
# link's source and its target: "before" (a cause comes first), "after" (a response, an
# implementation, a revision, an entry into force or a follow-up comes later), or "any" (steps of
# one negotiation or outcomes of one meeting, either way). Signing and entry into force are separate
# events (docs/data.md), so "enters-into-force" joins the two.
LINK_TYPES: dict[str, dict[str, str]] = {
    "causes": {"zh": "导致", "en": "causes", "order": "before"},
    "responds-to": {"zh": "回应", "en": "responds to", "order": "after"},
    "implements": {"zh": "落实", "en": "implements", "order": "after"},
    "revises": {"zh": "修订或取代", "en": "revises or replaces", "order": "after"},
    "enters-into-force": {"zh": "使之生效", "en": "brings into force", "order": "after"},
    "builds-on": {"zh": "承接", "en": "builds on", "order": "after"},
    "same-negotiation": {"zh": "同一谈判或会谈", "en": "same talks", "order": "any"},
}
