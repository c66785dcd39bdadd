"""The sources of a set of events as reference files for Zotero, EndNote and LaTeX: RIS, BibTeX, CSL-JSON.

``sources.csv`` holds finished citations, not structured fields, so the fields are derived, and the
derivation is honest about it: the GB/T 7714 citation (``citation_zh``) is structured enough to read
its responsible party (before the title), its title (just before the type code such as ``[J]`` or
``[N/OL]``), the work it is part of (after ``//``) and the access date (``[YYYY-MM-DD]``); the type code
and the source's ``kind`` give the reference type; ``published`` gives the date; the URL is copied.
For English the title is the one the English citation quotes, when it quotes one. Every record also
carries both full citations as notes, so nothing is lost when a heuristic misreads one.

Written with maintained libraries rather than by hand: rispy for RIS, bibtexparser 2 for BibTeX;
CSL-JSON is plain JSON in the schema citeproc-js and citeproc-py read.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import bibtexparser
import pandas as pd
import rispy
from bibtexparser.model import Entry, Field

from timeline.dataset import Dataset, split_ids
from timeline.dates import DateFormatError, PartialDate, parse_date

REFERENCE_FORMATS = {
    # format: (file extension, MIME type)
    "ris": ("ris", "application/x-research-info-systems"),
    "bibtex": ("bib", "application/x-bibtex"),
    "csljson": ("json", "application/vnd.citationstyles.csl+json"),
}

# GB/T 7714-2015 type codes → RIS types; [A] is the older code for a part of a collection.
_RIS_TYPE_BY_CODE = {"J": "JOUR", "N": "NEWS", "M": "BOOK", "R": "RPRT", "C": "CONF", "D": "THES", "A": "CHAP",
                     "S": "STAND", "P": "PAT"}
# Without a telling code (web pages [EB], databases [DB], other [Z]): by the source's kind.
_RIS_TYPE_BY_KIND = {"official": "GOVDOC", "archive": "ELEC", "news": "NEWS", "scholarship": "ELEC",
                     "reference": "ENCYC"}
_CSL_TYPE = {"JOUR": "article-journal", "NEWS": "article-newspaper", "BOOK": "book", "CHAP": "chapter",
             "RPRT": "report", "CONF": "paper-conference", "THES": "thesis", "STAND": "standard", "PAT": "patent",
             "GOVDOC": "report", "ENCYC": "entry-encyclopedia", "ELEC": "webpage"}
_BIBTEX_TYPE = {"JOUR": "article", "NEWS": "article", "BOOK": "book", "CHAP": "incollection",
                "RPRT": "techreport", "CONF": "inproceedings", "THES": "phdthesis"}
_CODE = re.compile(r"\[([A-Z]+)(?:/OL)?\]")
_ACCESSED = re.compile(r"\[(\d{4}-\d{2}-\d{2})\]")
_QUOTED_EN = re.compile(r"[“\"](.+?)[”\"]")
_GBT_AUTHORS = re.compile(r"(^|, )[A-Z][A-Z-]+( [A-Z])+$")
_EDITOR = re.compile(r"(编|eds?\.?)$")  # 编, 主编, ed., eds.
_BIBTEX_SPECIALS = re.compile(r"([&%$#_])")


@dataclass(frozen=True)
class Reference:
    """One source as structured fields, derived from its citations (see the module's docstring)."""

    id: str
    ris_type: str
    title: str
    authors: tuple[str, ...]
    container: str
    published: PartialDate | None
    accessed: str
    url: str
    citation: str
    other_citation: str


def cited_sources(dataset: Dataset, events: pd.DataFrame) -> pd.DataFrame:
    """The sources ``events`` cite, each once, in the order of the first event citing it."""
    order: dict[str, None] = {}
    for cell in events["sources"]:
        for source_id in split_ids(cell):
            order.setdefault(source_id, None)
    sources = dataset.sources.set_index("id", drop=False)
    return sources.loc[[source_id for source_id in order if source_id in sources.index]].reset_index(drop=True)


def derive_reference(source: pd.Series, lang: str) -> Reference:
    """The fields of one source, read from its GB/T 7714 citation and its columns."""
    gbt = str(source["citation_zh"])
    code = _CODE.search(gbt)
    head = gbt[:code.start()] if code else gbt.split(". ")[0]
    author, title = _author_and_title(head)
    tail = gbt[code.end():] if code else ""
    container = _container(tail[2:]) if tail.startswith("//") else ""
    ris_type = _ris_type(code[1] if code else "", str(source["kind"]), bool(container))
    if ris_type == "JOUR" and tail.startswith(". "):
        container = tail[2:].split(",")[0].strip()
    citation, other = (source["citation_zh"], source["citation_en"])
    if lang == "en":
        citation, other = other, citation
        quoted = _QUOTED_EN.search(str(citation))
        before = str(citation)[:quoted.start()].strip() if quoted else ""
        if quoted and ". " not in before:  # the quoted title opens the citation, after at most its author
            title = quoted[1].rstrip(".,")
            author = re.sub(r",? s\.v$", "", before.rstrip(".")) or author  # "Wikipedia, s.v. “…”"
    return Reference(
        id=str(source["id"]), ris_type=ris_type, title=title.strip() or head.strip(),
        authors=(author.strip(),) if author.strip() else (), container=container,
        published=_published(str(source["published"])), accessed=_accessed(gbt), url=str(source["url"]),
        citation=str(citation), other_citation=str(other),
    )


def references_of(dataset: Dataset, events: pd.DataFrame, lang: str) -> list[Reference]:
    """The derived references of every source ``events`` cite."""
    return [derive_reference(source, lang) for _, source in cited_sources(dataset, events).iterrows()]


def references_text(references: list[Reference], reference_format: str) -> str:
    """The references in ``reference_format``: ``ris``, ``bibtex`` or ``csljson``."""
    writers = {"ris": to_ris, "bibtex": to_bibtex, "csljson": to_csljson}
    if reference_format not in writers:
        raise ValueError(f"unknown reference format {reference_format!r}; expected one of {', '.join(writers)}")
    return writers[reference_format](references)


def to_ris(references: list[Reference]) -> str:
    """RIS, as Zotero, EndNote and most reference managers import it."""
    records = []
    for reference in references:
        record: dict[str, object] = {"type_of_reference": reference.ris_type, "id": reference.id,
                                     "title": reference.title, "notes": [reference.citation, reference.other_citation]}
        if reference.authors:
            record["authors"] = list(reference.authors)
        if reference.container:
            record["secondary_title"] = reference.container
        if reference.published:
            record["year"] = str(reference.published.year)
            record["date"] = _ris_date(reference.published)
        if reference.accessed:
            record["access_date"] = reference.accessed
        if reference.url:
            record["urls"] = [reference.url]
        records.append(record)
    return rispy.dumps(records)


def to_bibtex(references: list[Reference]) -> str:
    """BibTeX (UTF-8, for biblatex/biber): one entry per source, keyed by the source's id."""
    library = bibtexparser.Library()
    for reference in references:
        entry_type = _BIBTEX_TYPE.get(reference.ris_type, "misc")
        fields = [Field("title", _bibtex_text(reference.title))]
        if reference.authors:
            # Double braces: an organisation's name is one name, not "family, given".
            fields.append(Field("author", "{" + _bibtex_text(reference.authors[0]) + "}"))
        if reference.container:
            container_field = {"article": "journal", "incollection": "booktitle"}.get(entry_type, "howpublished")
            fields.append(Field(container_field, _bibtex_text(reference.container)))
        if reference.published:
            fields.append(Field("year", str(reference.published.year)))
            if reference.published.month:
                fields.append(Field("month", str(reference.published.month)))
        if reference.url:
            fields.append(Field("url", reference.url))
        if reference.accessed:
            fields.append(Field("urldate", reference.accessed))
        fields.append(Field("note", _bibtex_text(reference.citation)))
        library.add(Entry(entry_type, reference.id, fields))
    return bibtexparser.write_string(library)


def to_csljson(references: list[Reference]) -> str:
    """CSL-JSON, the citation-style-language's own input, as Zotero and Pandoc read it."""
    items = []
    for reference in references:
        item: dict[str, object] = {"id": reference.id, "type": _CSL_TYPE.get(reference.ris_type, "document"),
                                   "title": reference.title, "note": reference.citation}
        if reference.authors:
            item["author"] = [{"literal": reference.authors[0]}]
        if reference.container:
            item["container-title"] = reference.container
        if reference.published:
            parts = [reference.published.year, reference.published.month, reference.published.day]
            item["issued"] = {"date-parts": [[part for part in parts if part is not None]]}
        if reference.accessed:
            item["accessed"] = {"date-parts": [[int(part) for part in reference.accessed.split("-")]]}
        if reference.url:
            item["URL"] = reference.url
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def reference_file_name(stem: str, count: int, reference_format: str) -> str:
    """``stem`` (what was filtered) with the number of sources and the format's extension."""
    return f"{stem}_{count}-sources.{REFERENCE_FORMATS[reference_format][0]}"


def _ris_type(code: str, kind: str, has_container: bool) -> str:
    if code == "M" and has_container:
        return "CHAP"
    return _RIS_TYPE_BY_CODE.get(code) or _RIS_TYPE_BY_KIND.get(kind, "GEN")


def _author_and_title(head: str) -> tuple[str, str]:
    """Split "Author. Title" at the first full stop that ends a sentence, not an abbreviation.

    "U.S. " and a mid-name initial ("Walter F. George") do not end one; a GB/T author list's last
    initial does ("GREEN M J, MURATA K. The 1978 Guidelines").
    """
    for stop in re.finditer(r"\. ", head):
        before = head[:stop.start()]
        if before.endswith("U.S") or (re.search(r"\s[A-Z]$", before) and not _GBT_AUTHORS.search(before)):
            continue
        return before.strip(), head[stop.end():].strip()
    return "", head.strip()


def _container(text: str) -> str:
    """The title of the work a part belongs to: the first sentence after ``//`` that is not its editor."""
    for sentence in text.split(". "):
        sentence = sentence.split("[")[0].strip()
        if sentence and not _EDITOR.search(sentence):
            return sentence
    return ""


def _published(text: str) -> PartialDate | None:
    try:
        return parse_date(text) if text.strip() else None
    except DateFormatError:
        return None


def _accessed(citation: str) -> str:
    found = _ACCESSED.findall(citation)
    return found[-1] if found else ""


def _ris_date(date: PartialDate) -> str:
    """RIS's DA form, YYYY/MM/DD/ with unknown parts left empty."""
    month = f"{date.month:02d}" if date.month else ""
    day = f"{date.day:02d}" if date.day else ""
    return f"{date.year}/{month}/{day}/"


def _bibtex_text(text: str) -> str:
    """Escape the characters LaTeX would read as commands, and braces that would unbalance a field."""
    return _BIBTEX_SPECIALS.sub(r"\\\1", text.replace("{", "(").replace("}", ")"))
