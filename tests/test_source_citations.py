"""The bundled citations keep GB/T 7714-2015's shape and every source is dated, so a reader can check each one."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from timeline.dates import parse_date

SOURCES = Path(__file__).resolve().parents[1] / "data" / "sources.csv"
ROWS = list(csv.DictReader(SOURCES.open(encoding="utf-8", newline="")))
TYPE_CODE = re.compile(r"\[(M|C|N|J|D|R|S|P|G|A|Z|DB|CP|EB)(/OL)?\]")
ACCESS_DATE = re.compile(r"\[(\d{4}-\d{2}-\d{2})\]")
# Year and issue as the standard writes them: "2021(2)" or "2019, 33(3)", no leading zero in the issue.
JOURNAL_ISSUE = re.compile(r", (\d{4})(?:, \d+)?\(([1-9]\d*)\)")
CODES_BY_KIND = {
    "news": {"N", "J"},
    "scholarship": {"J", "M", "R", "C", "D", "EB"},
    "official": {"EB", "R", "M", "A", "Z", "DB", "S"},
    "archive": {"A", "DB", "M", "EB"},
    "reference": {"EB", "M", "DB"},
}


def _ids(rows: list[dict]) -> list[str]:
    return [row["id"] for row in rows]


@pytest.mark.parametrize("row", ROWS, ids=_ids(ROWS))
def test_citation_has_one_type_code_that_fits_its_kind(row):
    """Each Chinese citation names one document type, and the type suits the kind (a newspaper is [N], not [EB])."""
    codes = TYPE_CODE.findall(row["citation_zh"])
    assert len(codes) == 1, codes
    assert codes[0][0] in CODES_BY_KIND[row["kind"]], (row["kind"], codes[0][0])


@pytest.mark.parametrize("row", [row for row in ROWS if row["url"]], ids=_ids([row for row in ROWS if row["url"]]))
def test_online_citation_is_marked_online_with_its_access_date(row):
    """A source with a link is an online item: its type code ends in /OL and the citation gives the access date."""
    code = TYPE_CODE.search(row["citation_zh"])
    assert code and code[2] == "/OL", row["citation_zh"]
    assert ACCESS_DATE.search(row["citation_zh"]), row["citation_zh"]


JOURNAL_ROWS = [row for row in ROWS if "[J]" in row["citation_zh"] or "[J/OL]" in row["citation_zh"]]


@pytest.mark.parametrize("row", [row for row in JOURNAL_ROWS if row["kind"] == "scholarship"],
                         ids=_ids([row for row in JOURNAL_ROWS if row["kind"] == "scholarship"]))
def test_journal_article_gives_year_and_issue_as_the_standard_writes_them(row):
    """A scholarly [J] article gives its year and issue, 2021(2) or 2019, 33(3), and a published date of that year."""
    match = JOURNAL_ISSUE.search(row["citation_zh"])
    assert match, row["citation_zh"]
    assert row["published"].startswith(match[1]), (row["published"], match[1])


@pytest.mark.parametrize("row", ROWS, ids=_ids(ROWS))
def test_every_source_says_when_it_appeared(row):
    """Every source carries a published date, never later than the day it was read."""
    published = parse_date(row["published"])
    read = ACCESS_DATE.search(row["citation_zh"])
    if read:
        assert published.first_day() <= parse_date(read[1]).last_day(), (row["published"], read[1])


@pytest.mark.parametrize(("text", "shape_ok"), [
    ("吕耀东. 拜登政府与美日同盟的发展趋向[J]. 当代世界, 2021(2).", True),
    ("焦世新. 美日同盟的机制化与战略转型[J]. 美国研究, 2019, 33(3).", True),
    ("吕耀东. 拜登政府与美日同盟的发展趋向[J]. 当代世界, 2021(02).", False),
    ("吕耀东. 拜登政府与美日同盟的发展趋向[J]. 当代世界, 2021.", False),
])
def test_the_issue_pattern_tells_right_from_wrong(text, shape_ok):
    """The journal-issue rule itself: a leading zero or a missing issue is refused."""
    assert bool(JOURNAL_ISSUE.search(text)) is shape_ok


# Publication years of the FRUS volumes cited, from the Office of the Historian's bibliography of the series
# (HistoryAtState/frus, bibliography/<volume>.xml, published-year); a new volume must be added here, verified.
FRUS_VOLUME_YEARS = {
    "frus1948v06": "1974", "frus1950v06": "1976", "frus1951v06p1": "1977", "frus1952-54v14p2": "1985",
    "frus1955-57v23p1": "1991", "frus1958-60v18": "1994", "frus1964-68v29p1": "2000", "frus1969-76v01": "2003",
}
FRUS_ADDRESS = re.compile(r"history\.state\.gov/historicaldocuments/(frus[^/]+)/d\d+")
FRUS_ROWS = [row for row in ROWS if FRUS_ADDRESS.search(row["url"])]


@pytest.mark.parametrize("row", FRUS_ROWS, ids=_ids(FRUS_ROWS))
def test_frus_document_is_dated_to_its_volume(row):
    """A FRUS document appeared when its volume did, decades after the document itself: that year is its date."""
    volume = FRUS_ADDRESS.search(row["url"])[1]
    assert volume in FRUS_VOLUME_YEARS, f"{volume}: verify its publication year and add it to FRUS_VOLUME_YEARS"
    assert row["published"] == FRUS_VOLUME_YEARS[volume], (row["published"], FRUS_VOLUME_YEARS[volume])


def _address(url: str) -> str:
    """The address without scheme, www. or a trailing slash, so two spellings of one page compare equal."""
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/").lower()


def test_one_id_per_page():
    """Two source ids never point at the same page, so a reader does not meet one work under two names."""
    seen: dict[str, str] = {}
    twins = []
    for row in ROWS:
        if row["url"]:
            first = seen.setdefault(_address(row["url"]), row["id"])
            if first != row["id"]:
                twins.append((first, row["id"]))
    assert not twins


def test_every_source_a_document_names_exists():
    """A document's sources are rows of sources.csv, so its panel never lists a citation that cannot be shown."""
    documents = SOURCES.with_name("documents.csv")
    known = {row["id"] for row in ROWS}
    missing = [(document["id"], source) for document in csv.DictReader(documents.open(encoding="utf-8", newline=""))
               for source in filter(None, document["sources"].split(";")) if source not in known]
    assert not missing
