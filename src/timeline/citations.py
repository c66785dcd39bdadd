"""The bibliography: which events cite each source, and how to cite the dashboard itself.

After Our World in Data's practice, a citation names the data's version and date, so a reader of a
paper can find the same data again.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from timeline.dataset import Dataset, DataVersion, split_ids
from timeline.dates import format_date, parse_date
from timeline.search import normalise, query_terms
from timeline.vocab import SOURCE_KINDS

TITLE_ZH = "日美同盟互动年表"
TITLE_EN = "The US–Japan Alliance: An Interactive Timeline"


def citing_events(dataset: Dataset) -> dict[str, list[str]]:
    """For each source id, the ids of the events citing it, in time order."""
    cited: dict[str, list[str]] = {source_id: [] for source_id in dataset.sources["id"]}
    for event_id, cell in zip(dataset.events["id"], dataset.events["sources"]):
        for source_id in split_ids(cell):
            cited.setdefault(source_id, []).append(event_id)
    return cited


def sources_table(dataset: Dataset, lang: str, kinds: tuple[str, ...] = (), query: str = "") -> pd.DataFrame:
    """The sources narrowed by kind and by a query whose words all occur in a citation or id, grouped by kind."""
    sources = dataset.sources
    if kinds:
        sources = sources[sources["kind"].isin(kinds)]
    terms = query_terms(query)
    if terms:
        # Folded as the events search folds (case, width, 美日/日美, quotes, dashes), so one query finds both.
        keys = (sources["citation_zh"] + "\n" + sources["citation_en"] + "\n" + sources["id"]).map(normalise)
        sources = sources[keys.map(lambda key: all(term in key for term in terms))]
    # Grouped by kind in vocabulary order, then by the citation's first word (not an opening quote).
    kind_rank = sources["kind"].map({kind: rank for rank, kind in enumerate(SOURCE_KINDS)})
    sort_key = sources[f"citation_{lang}"].str.lstrip("\"“‘'《[ ").str.casefold()
    ordered = sources.assign(_rank=kind_rank, _sort=sort_key).sort_values(["_rank", "_sort", "id"], kind="stable")
    return ordered.drop(columns=["_rank", "_sort"])


def dashboard_citation(version: DataVersion | None, lang: str, url: str, accessed: dt.date) -> str:
    """How to cite the dashboard: GB/T 7714 in Chinese, an author–date form in English."""
    number = version.number if version else "—"
    released = parse_date(version.date) if version else None
    if lang == "zh":
        stamp = f"(数据版本 {number},{format_date(released, 'zh')})" if released else f"(数据版本 {number})"
        return f"{TITLE_ZH}{stamp}[DB/OL]. [{accessed.isoformat()}]. {url}."
    stamp = f" (data version {number}, {format_date(released, 'en')})" if released else f" (data version {number})"
    accessed_text = format_date(parse_date(accessed.isoformat()), "en")
    return f"{TITLE_EN}{stamp}. Online database. {url} (accessed {accessed_text})."


def dashboard_bibtex(version: DataVersion | None, url: str, accessed: dt.date) -> str:
    """The same citation as a BibTeX entry."""
    number = version.number if version else "unversioned"
    year = version.date[:4] if version else str(accessed.year)
    return (
        "@misc{us_japan_alliance_timeline,\n"
        f"  title = {{{TITLE_EN} / {TITLE_ZH}}},\n"
        f"  year = {{{year}}},\n"
        f"  version = {{{number}}},\n"
        f"  url = {{{url}}},\n"
        f"  note = {{Accessed {accessed.isoformat()}}}\n"
        "}"
    )


# "Cite this" (H11): one view of the dashboard (an event, an era, a tour, a document) in three styles.
CITATION_STYLES = {"gbt7714": "GB/T 7714", "chicago": "Chicago", "apa": "APA"}
_MONTHS_LONG_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December")


def view_citation(style: str, lang: str, title: str, url: str, accessed: dt.date,
                  version: DataVersion | None) -> str:
    """How to cite one view of the dashboard (``title`` at ``url``) in ``style``, written for a ``lang`` reader.

    GB/T 7714-2015 cites it as a part of an online database ([EB/OL]//…, the data's release as its
    update date, ``accessed`` as the citation date); Chicago (notes and bibliography) and APA 7 cite it
    as a page of a website whose content changes, so both give the access date too.
    """
    if style not in CITATION_STYLES:
        raise ValueError(f"unknown citation style {style!r}; expected one of {', '.join(CITATION_STYLES)}")
    released = dt.date.fromisoformat(version.date) if version else None
    if style == "gbt7714":
        site = TITLE_ZH + (f"(数据版本 {version.number})" if version else "") if lang == "zh" else \
            TITLE_EN + (f" (data version {version.number})" if version else "")
        updated = f"({released.isoformat()})" if released else ""
        return f"{title}[EB/OL]//{site}. {updated}[{accessed.isoformat()}]. {url}."
    if lang == "zh":
        edition = f"数据版本 {version.number}" if version else ""
        released_text = _long_date_zh(released) if released else ""
        if style == "chicago":
            details = "，".join(part for part in (f"载《{TITLE_ZH}》", edition, released_text) if part)
            return f"“{title}”，{details}。{url}（{_long_date_zh(accessed)}访问）。"
        edition = f"（{edition}）" if edition else ""
        accessed_text = _long_date_zh(accessed)
        return f"{title}（{released_text or '无日期'}）。载《{TITLE_ZH}》{edition}。{accessed_text}检索自 {url}"
    if style == "chicago":
        details = ", ".join(part for part in (f"In {TITLE_EN}", f"data version {version.number}" if version else "",
                                              _long_date_en(released) if released else "") if part)
        return f"“{title}.” {details}. Accessed {_long_date_en(accessed)}. {url}."
    issued = f"{released.year}, {_MONTHS_LONG_EN[released.month - 1]} {released.day}" if released else "n.d."
    edition = f" (Data version {version.number})" if version else ""
    return f"{title}. ({issued}). In {TITLE_EN}{edition}. Retrieved {_long_date_en(accessed)}, from {url}"


def _long_date_zh(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _long_date_en(day: dt.date) -> str:
    """A date as Chicago and APA write it in English: November 28, 2026."""
    return f"{_MONTHS_LONG_EN[day.month - 1]} {day.day}, {day.year}"
