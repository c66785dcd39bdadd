"""Load a data folder, check every rule of the contract, and hand back typed tables.

Loading never stops at the first problem: every file is read, every schema and cross-reference
rule is checked, and all problems are raised together in one :class:`DataError`. Nothing here ever
writes to the data folder.
"""

from __future__ import annotations

import functools
import hashlib
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from timeline.csvfile import read_csv_bytes, read_file_bytes
from timeline.dates import DateFormatError, date_bounds, format_span, format_spans, is_iso_date, parse_date
from timeline.problems import DataError, Problem
from timeline.schema import TABLE_SCHEMAS, text_pairs
from timeline.search import build_search_text
from timeline.vocab import ANALYSIS_SOURCE_KINDS, LINK_TYPES, PRIMARY_SOURCE_KINDS

DATA_DIR_VARIABLE = "TIMELINE_DATA_DIR"
REQUIRED_FILES = ("events.csv", "eras.csv", "sources.csv")
DOCUMENT_FILES = ("documents.csv", "document_parts.csv", "comparisons.csv", "comparison_rows.csv")
TOUR_FILES = ("tours.csv", "tour_stops.csv", "links.csv")
OPTIONAL_FILES = ("themes.csv", "adjustments.csv", *DOCUMENT_FILES, *TOUR_FILES)
LANDMARK_TEXTS = ("background", "content", "significance")
VERSION_FILE = "VERSION"


@dataclass(frozen=True)
class DataVersion:
    """The data's version and release date, read from ``VERSION`` in the data folder."""

    number: str
    date: str  # ISO YYYY-MM-DD


def _unique_fingerprint() -> str:
    """A key no other dataset ever gets, for a dataset built by hand whose content was never hashed."""
    return f"unhashed-{uuid.uuid4().hex}"


@dataclass(frozen=True, eq=False)
class Dataset:
    """The typed tables of one data folder, events sorted by date; equal only to itself.

    ``fingerprint`` is a SHA-256 of everything the tables were read from: two datasets share it
    only when their content is the same, so it can key caches shared by every session (``id()``
    cannot: a freed dataset's id is handed to the next one). ``version`` comes from the data
    folder's ``VERSION`` file, read when the folder is loaded.
    """

    events: pd.DataFrame
    eras: pd.DataFrame
    sources: pd.DataFrame
    themes: pd.DataFrame
    origin: str
    adjustments: pd.DataFrame = field(default_factory=pd.DataFrame)
    fingerprint: str = field(default_factory=_unique_fingerprint)
    version: DataVersion | None = None
    documents: pd.DataFrame = field(default_factory=pd.DataFrame)
    document_parts: pd.DataFrame = field(default_factory=pd.DataFrame)
    comparisons: pd.DataFrame = field(default_factory=pd.DataFrame)
    comparison_rows: pd.DataFrame = field(default_factory=pd.DataFrame)
    tours: pd.DataFrame = field(default_factory=pd.DataFrame)
    tour_stops: pd.DataFrame = field(default_factory=pd.DataFrame)
    links: pd.DataFrame = field(default_factory=pd.DataFrame)

    @functools.cached_property
    def event_row(self) -> dict[str, int]:
        """Each event id's row label in ``events``, for constant-time lookups at 100,000 events."""
        return dict(zip(self.events["id"], self.events.index))

    @functools.cached_property
    def _era_children(self) -> dict[str, list[str]]:
        return self.eras.groupby("parent")["id"].apply(list).to_dict()

    def era_family(self, era_id: str) -> set[str]:
        """The era and all its phases (selecting the occupation selects its four phases too)."""
        family = {era_id}
        children = self._era_children
        frontier = [era_id]
        while frontier:
            for child in children.get(frontier.pop(), []):
                if child not in family:
                    family.add(child)
                    frontier.append(child)
        return family


def bundled_data_dir() -> Path:
    """The ``data/`` folder shipped with the project."""
    return Path(__file__).resolve().parents[2] / "data"


def default_data_dir() -> Path:
    """``TIMELINE_DATA_DIR`` when set, else the bundled ``data/`` folder."""
    configured = os.environ.get(DATA_DIR_VARIABLE, "").strip()
    return Path(configured) if configured else bundled_data_dir()


def load_dataset(path: Path | None = None) -> Dataset:
    """Load a data folder, or an events CSV with the eras and sources beside it.

    A lone events CSV whose folder has no ``eras.csv`` is checked against the bundled eras, sources
    and themes, as an upload is. Raises :class:`DataError` listing every problem when anything is wrong.
    """
    path = default_data_dir() if path is None else Path(path)
    if path.is_file() and not (path.parent / "eras.csv").exists():
        data = read_file_bytes(path)
        if isinstance(data, Problem):
            raise DataError([data])
        return load_dataset_with_events(data, path.name, load_dataset(bundled_data_dir()))
    contents = _read_folder(path)
    events_file = path.name if path.is_file() else "events.csv"
    return _validated_dataset(contents.tables, contents.problems, origin=str(path), events_file=events_file,
                              fingerprint=contents.fingerprint, version=contents.version)


def load_dataset_with_events(events_csv: bytes, file: str, base: Dataset, digest: str | None = None) -> Dataset:
    """A dataset whose events come from an uploaded CSV, checked against ``base``'s other tables.

    ``digest`` is the CSV's SHA-256 (hex) when the caller has already computed it.
    """
    events, problems = read_csv_bytes(events_csv, file)
    digest = digest or hashlib.sha256(events_csv).hexdigest()
    fingerprint = combine_fingerprints([("base", base.fingerprint), ("events.csv", digest)])
    return _with_base_tables(events, problems, file, base, fingerprint)


def combine_fingerprints(parts: Iterable[tuple[str, str]]) -> str:
    """One SHA-256 (hex) over named digests, so each part's name and content both count."""
    combined = hashlib.sha256()
    for name, digest in parts:
        combined.update(f"{name}\0{digest}\n".encode())
    return combined.hexdigest()


def _with_base_tables(events: pd.DataFrame | None, problems: list[Problem], file: str, base: Dataset,
                      fingerprint: str) -> Dataset:
    tables = {
        "events.csv": events,
        "eras.csv": _as_text(base.eras, "eras.csv"),
        "sources.csv": _as_text(base.sources, "sources.csv"),
        # The themes and the comparison cite the base's events, which the upload replaces: keep
        # their texts, drop the links.
        "themes.csv": _as_text(base.themes, "themes.csv", drop_links="events"),
        "adjustments.csv": _as_text(base.adjustments, "adjustments.csv", drop_links="documents"),
        "documents.csv": _as_text(base.documents, "documents.csv", drop_links="events"),
        "document_parts.csv": _as_text(base.document_parts, "document_parts.csv"),
        "comparisons.csv": _as_text(base.comparisons, "comparisons.csv"),
        "comparison_rows.csv": _as_text(base.comparison_rows, "comparison_rows.csv"),
        # Tours and typed links are made of the base's events: an upload has its own, so none apply.
        "tours.csv": None, "tour_stops.csv": None, "links.csv": None,
    }
    return _validated_dataset(tables, problems, origin=file, events_file=file, fingerprint=fingerprint)


def _renamed(problem: Problem, file: str) -> Problem:
    return Problem(file, problem.message, problem.row, problem.column, problem.value)


def _validated_dataset(
    tables: dict[str, pd.DataFrame | None], problems: list[Problem], origin: str, events_file: str = "events.csv",
    *, fingerprint: str, version: DataVersion | None = None,
) -> Dataset:
    problems = problems + validate_tables(tables)
    if events_file != "events.csv":
        problems = [_renamed(p, events_file) if p.file == "events.csv" else p for p in problems]
    if problems:
        raise DataError(problems)
    return _typed_dataset(tables, origin, fingerprint, version)  # type: ignore[arg-type]


@dataclass(frozen=True)
class _FolderContents:
    """What a data folder holds: its tables, the problems reading them, a digest of its bytes, its version."""

    tables: dict[str, pd.DataFrame | None]
    problems: list[Problem]
    fingerprint: str = ""
    version: DataVersion | None = None


def _read_folder(path: Path) -> _FolderContents:
    """Every table of a data folder (or of an events CSV's folder), each file's bytes read once and hashed."""
    if not path.exists():
        message = f"{path} does not exist; expected a data folder or an events CSV file"
        return _FolderContents({}, [Problem(path.name or str(path), message)])
    folder, events_path = (path.parent, path) if path.is_file() else (path, path / "events.csv")
    tables: dict[str, pd.DataFrame | None] = {}
    problems: list[Problem] = []
    digests: list[tuple[str, str]] = []
    for file in REQUIRED_FILES + OPTIONAL_FILES:
        file_path = events_path if file == "events.csv" else folder / file
        tables[file] = None
        if file in OPTIONAL_FILES and not file_path.exists():
            continue
        data = read_file_bytes(file_path)
        if isinstance(data, Problem):
            problems.append(data)
            continue
        digests.append((file, hashlib.sha256(data).hexdigest()))
        tables[file], file_problems = read_csv_bytes(data, file_path.name)
        problems += file_problems
    version = read_file_bytes(folder / VERSION_FILE)  # optional: absent or unreadable means no version
    if isinstance(version, Problem):
        return _FolderContents(tables, problems, combine_fingerprints(digests))
    digests.append((VERSION_FILE, hashlib.sha256(version).hexdigest()))
    return _FolderContents(tables, problems, combine_fingerprints(digests), parse_data_version(version))


def parse_data_version(data: bytes) -> DataVersion | None:
    """A ``VERSION`` file's ``<number> <YYYY-MM-DD>``, or ``None`` when malformed."""
    try:
        number, date = data.decode("utf-8").split()[:2]
        parse_date(date)
    except ValueError:
        return None
    return DataVersion(number, date)


def validate_tables(tables: dict[str, pd.DataFrame | None]) -> list[Problem]:
    """Every problem in the tables read so far: each schema, then the rules across columns and files."""
    problems: list[Problem] = []
    for file, table in tables.items():
        if table is not None:
            problems += _schema_problems(table, file)
            problems += _twin_problems(table, file)
    events, eras = tables.get("events.csv"), tables.get("eras.csv")
    sources, themes = tables.get("sources.csv"), tables.get("themes.csv")
    adjustments = tables.get("adjustments.csv")
    if eras is not None:
        problems += _era_problems(eras)
    if events is not None:
        problems += _landmark_problems(events)
        problems += _event_date_problems(events)
        event_ids = set(events.get("id", pd.Series(dtype=str)))
        problems += _reference_problems(events, "events.csv", "related", event_ids, "an event id in events.csv")
        if eras is not None and "id" in eras:
            problems += _reference_problems(events, "events.csv", "era", set(eras["id"]), "an era id in eras.csv")
            problems += _event_in_era_problems(events, eras)
        if sources is not None and "id" in sources:
            problems += _reference_problems(events, "events.csv", "sources", set(sources["id"]),
                                            "a source id in sources.csv")
            problems += _source_date_problems(events, sources)
            problems += _landmark_source_problems(events, sources)
        if themes is not None:
            problems += _reference_problems(themes, "themes.csv", "events", event_ids, "an event id in events.csv")
        if adjustments is not None:
            problems += _reference_problems(adjustments, "adjustments.csv", "documents", event_ids,
                                            "an event id in events.csv")
    if adjustments is not None and eras is not None and "id" in eras:
        problems += _reference_problems(adjustments, "adjustments.csv", "era", set(eras["id"]), "an era id in eras.csv")
    if themes is not None and "id" in themes:
        problems += _reference_problems(themes, "themes.csv", "parent", set(themes["id"]), "a theme id in themes.csv")
    problems += _document_problems(tables)
    problems += _tour_problems(tours=tables.get("tours.csv"), stops=tables.get("tour_stops.csv"), events=events)
    problems += _link_problems(tables.get("links.csv"), events)
    return sorted(problems, key=_problem_order)


def _problem_order(problem: Problem) -> tuple[int, str, int, str]:
    files = list(TABLE_SCHEMAS)
    rank = files.index(problem.file) if problem.file in files else -1
    return (rank, problem.file, problem.row or 0, problem.column or "")


class CheckCrashed(RuntimeError):
    """A schema check raised instead of judging the values: a fault of the program, never of the reader's data."""


def _schema_problems(table: pd.DataFrame, file: str) -> list[Problem]:
    schema = TABLE_SCHEMAS[file]
    try:
        schema.validate(table, lazy=True)
    except pa.errors.SchemaErrors as errors:
        crashes = [error for error in errors.schema_errors
                   if error.reason_code == pa.errors.SchemaErrorReason.CHECK_ERROR]
        if crashes:
            raise CheckCrashed("; ".join(
                f'{file}, column "{crash.column_name}": the check {crash.check} crashed with {crash.failure_cases}'
                for crash in crashes) + ". This is a fault of the program, not of the data.") from errors
        cases = errors.failure_cases.to_dict("records")
        return [problem for case in cases if (problem := _problem_from_failure(case, schema, table, file))]
    return []


def _problem_from_failure(case: dict, schema: pa.DataFrameSchema, table: pd.DataFrame, file: str) -> Problem | None:
    """A pandera failure case in plain words; ``None`` for the first use of a duplicated id."""
    check, column = str(case.get("check")), case.get("column")
    if check == "column_in_dataframe":
        missing = str(case["failure_case"])
        expected = schema.columns[missing].description if missing in schema.columns else ""
        return Problem(file, f'the required column "{missing}" is missing; expected a header cell named '
                       f'{missing} ({expected})', row=1)
    row = case.get("index")
    row = int(row) if row is not None and not pd.isna(row) else None
    value = "" if case.get("failure_case") is None else str(case["failure_case"])
    expected = schema.columns[column].description if column in schema.columns else "a valid value"
    if check == "field_uniqueness":
        first = int(table.index[table[column] == value][0])
        if first == row:
            return None
        return Problem(file, f"the same {column} is already used in row {first}; expected each {column} to be unique",
                       row=row, column=column, value=value)
    if column in ("date", "end_date", "start", "end", "signed", "in_force", "ended") and value:
        return Problem(file, f"{_date_reason(value)}; expected {expected}", row=row, column=column, value=value)
    if value == "":
        return Problem(file, f"the cell is empty; expected {expected}", row=row, column=column)
    return Problem(file, f"expected {expected}", row=row, column=column, value=value)


def _date_reason(value: str) -> str:
    """What is wrong with a date the schema refused, in the parser's plain words."""
    try:
        parse_date(value)
    except DateFormatError as error:
        return error.reason
    return "not a valid date"


def _twin_problems(table: pd.DataFrame, file: str) -> list[Problem]:
    """Every Chinese text has its English twin and the other way round.

    Required columns are left to the schema, which already reports them missing or empty.
    """
    schema = TABLE_SCHEMAS[file]
    problems = []
    for zh, en in text_pairs(schema):
        present = [column for column in (zh, en) if column in table.columns]
        if len(present) == 1:
            have, lack = present[0], en if present[0] == zh else zh
            if not schema.columns[lack].required:
                problems.append(Problem(file, f'the column "{have}" has no twin "{lack}"; expected both '
                                        "languages' columns, filled or empty together", row=1))
            continue
        if not present or schema.columns[zh].required:
            continue
        zh_filled, en_filled = table[zh].str.strip() != "", table[en].str.strip() != ""
        for row in table.index[zh_filled & ~en_filled]:
            problems.append(Problem(file, f"the English twin is empty while {zh} is filled; expected both "
                                    "languages filled, or both empty", row=int(row), column=en))
        for row in table.index[en_filled & ~zh_filled]:
            problems.append(Problem(file, f"the Chinese twin is empty while {en} is filled; expected both "
                                    "languages filled, or both empty", row=int(row), column=zh))
    return problems


def _landmark_problems(events: pd.DataFrame) -> list[Problem]:
    """Landmarks (importance 1) carry their analysis: background, content and significance."""
    if "importance" not in events:
        return []
    columns = [f"{text}_{lang}" for text in LANDMARK_TEXTS for lang in ("zh", "en")]
    empty = pd.DataFrame({column: events[column].str.strip() == "" if column in events else True
                          for column in columns}, index=events.index)
    lacking = empty[(events["importance"] == "1") & empty.any(axis=1)]
    problems = []
    for row, flags in lacking.iterrows():
        missing = [column for column in columns if flags[column]]
        problems.append(Problem("events.csv", "a landmark (importance 1) needs its background, content and "
                                f"significance in both languages; empty: {', '.join(missing)}",
                                row=int(row), column=missing[0]))
    return problems


def _landmark_source_problems(events: pd.DataFrame, sources: pd.DataFrame) -> list[Problem]:
    """A landmark cites its primary record (official or archive) and a scholarly analysis of it.

    A landmark citing an unknown source id is left to the reference check, so one fault gives one message.
    """
    if not {"importance", "sources"} <= set(events.columns) or "kind" not in sources:
        return []
    kinds = dict(zip(sources["id"], sources["kind"]))
    problems = []
    for row, event in events[events["importance"] == "1"].iterrows():
        cited = split_ids(event["sources"])
        if not all(source in kinds for source in cited):
            continue
        cited_kinds = {kinds[source] for source in cited}
        missing = [need for need, accepted in (("primary source", PRIMARY_SOURCE_KINDS),
                                               ("analysis", ANALYSIS_SOURCE_KINDS)) if not cited_kinds & accepted]
        if missing:
            problems.append(Problem("events.csv", "a landmark (importance 1) cites at least one primary source (kind "
                                    "official or archive) and one analysis (kind scholarship); none cited: "
                                    f"{', '.join(missing)}", row=int(row), column="sources", value=event["sources"]))
    return problems


def _event_date_problems(events: pd.DataFrame) -> list[Problem]:
    """A lasting event ends on or after the day it starts."""
    if not {"date", "end_date"} <= set(events.columns):
        return []
    starts, _ = date_bounds(events["date"])
    _, ends = date_bounds(events["end_date"])
    backwards = events[ends < starts]
    return [Problem("events.csv", f"the end date comes before the date {event['date']}; expected an end_date on "
                    "or after date", row=int(row), column="end_date", value=event["end_date"])
            for row, event in backwards.iterrows()]


def _era_problems(eras: pd.DataFrame) -> list[Problem]:
    """Eras end after they start, and a phase names an existing era and lies within it."""
    if not {"id", "start", "end"} <= set(eras.columns):
        return []
    problems = []
    valid = eras[is_iso_date(eras["start"]) & is_iso_date(eras["end"])]
    spans = {era["id"]: (parse_date(era["start"]).first_day(), parse_date(era["end"]).last_day())
             for _, era in valid.iterrows()}
    for row, era in valid.iterrows():
        start, end = spans[era["id"]]
        if end < start:
            problems.append(Problem("eras.csv", f"the era ends before it starts ({era['start']}); expected end "
                                    "on or after start", row=int(row), column="end", value=era["end"]))
    parents = eras.get("parent", pd.Series("", index=eras.index))
    for row, parent in parents[parents != ""].items():
        if parent not in set(eras["id"]):
            problems.append(Problem("eras.csv", "no era has this id; expected empty or an era id in eras.csv",
                                    row=int(row), column="parent", value=parent))
            continue
        own_id = eras.at[row, "id"]
        if own_id in spans and parent in spans:
            (start, end), (parent_start, parent_end) = spans[own_id], spans[parent]
            if start < parent_start or end > parent_end:
                problems.append(Problem("eras.csv", f"this phase runs outside its parent era {parent}; expected "
                                        "start and end within the parent's span", row=int(row), column="start",
                                        value=eras.at[row, "start"]))
    return problems


def _event_in_era_problems(events: pd.DataFrame, eras: pd.DataFrame) -> list[Problem]:
    """An event's date falls within its era's span (a month or a year may straddle an edge)."""
    if not {"date", "era"} <= set(events.columns) or not {"id", "start", "end"} <= set(eras.columns):
        return []
    era_starts, _ = date_bounds(eras["start"])
    _, era_ends = date_bounds(eras["end"])
    starts_by_id = dict(zip(eras["id"], era_starts))
    ends_by_id = dict(zip(eras["id"], era_ends))
    first, last = date_bounds(events["date"])
    era_start = events["era"].map(starts_by_id).astype("datetime64[us]")
    era_end = events["era"].map(ends_by_id).astype("datetime64[us]")
    outside = events[(last < era_start) | (first > era_end)]
    spans = dict(zip(eras["id"], zip(eras["start"], eras["end"])))
    return [Problem("events.csv", f"the date lies outside its era {event['era']} ({spans[event['era']][0]} to "
                    f"{spans[event['era']][1]}); expected the era whose span contains the date", row=int(row),
                    column="era", value=event["era"])
            for row, event in outside.iterrows()]


def _reference_problems(table: pd.DataFrame, file: str, column: str, known: set[str], expected: str) -> list[Problem]:
    """Each id in a (``;``-separated) reference column names a row that exists."""
    if column not in table.columns:
        return []
    references = table[column].str.split(";").explode().str.strip()
    unknown = references[(references != "") & references.notna() & ~references.isin(list(known))]
    return [Problem(file, f"no such id; expected {expected}", row=int(row), column=column, value=reference)
            for row, reference in unknown.items()]


def _source_date_problems(events: pd.DataFrame, sources: pd.DataFrame) -> list[Problem]:
    """No event cites a work published before it happened (compared at the coarser precision of the two)."""
    if not {"date", "sources"} <= set(events.columns) or "published" not in sources.columns:
        return []
    _, published_last = date_bounds(sources["published"])
    last_day_by_id = dict(zip(sources["id"], published_last))
    published_by_id = dict(zip(sources["id"], sources["published"].str.strip()))
    event_first, _ = date_bounds(events["date"])
    cited = events["sources"].str.split(";").explode().str.strip()
    cited = cited[cited.isin(list(last_day_by_id))]
    # A source dated 2021-03 may document an event of 2021-03-16: the month's last day is not before it.
    too_early = cited[cited.map(last_day_by_id).astype("datetime64[us]").to_numpy()
                      < event_first.loc[cited.index].to_numpy()]
    return [Problem("events.csv", f"the source {source} was published {published_by_id[source]}, before the "
                    f"event's date {events.at[row, 'date']}; expected sources that appeared on or after the "
                    "event (a record or report of it, not earlier scholarship)", row=int(row), column="sources",
                    value=source)
            for row, source in too_early.items()]


def _tour_problems(tours: pd.DataFrame | None, stops: pd.DataFrame | None,
                   events: pd.DataFrame | None) -> list[Problem]:
    """Stops name a known tour and event; each tour's stops are numbered 1, 2, … n without gaps or repeats."""
    problems: list[Problem] = []
    tour_ids = set(tours["id"]) if tours is not None and "id" in tours else set()
    if stops is None:
        return [Problem("tours.csv", "the tour has no stops; expected its stops in tour_stops.csv", row=int(row),
                        column="id", value=tour_id) for row, tour_id in _column_items(tours, "id")]
    if events is not None and "id" in events:
        problems += _reference_problems(stops, "tour_stops.csv", "event", set(events["id"]),
                                        "an event id in events.csv")
    problems += _reference_problems(stops, "tour_stops.csv", "tour", tour_ids, "a tour id in tours.csv")
    if not {"tour", "order"} <= set(stops.columns):
        return problems
    numbered = stops[stops["order"].str.fullmatch(r"[1-9]\d*")]
    for tour_id, in_tour in numbered.groupby("tour", sort=False):
        orders = in_tour["order"].astype(int)
        seen: set[int] = set()
        for row, order in orders.items():
            if order in seen:
                problems.append(Problem("tour_stops.csv", f"tour {tour_id} already has a stop {order}; expected each "
                                        "order once per tour", row=int(row), column="order", value=str(order)))
            seen.add(order)
        missing = sorted(set(range(1, max(seen) + 1)) - seen)
        if missing:
            problems.append(Problem("tour_stops.csv", f"tour {tour_id} has no stop {missing[0]}; expected its stops "
                                    f"numbered 1 to {len(seen)} without gaps", row=int(orders.index[0]),
                                    column="order"))
    toured = set(stops["tour"])
    problems += [Problem("tours.csv", "the tour has no stops; expected its stops in tour_stops.csv", row=int(row),
                         column="id", value=tour_id)
                 for row, tour_id in _column_items(tours, "id") if tour_id not in toured]
    return problems


def _column_items(table: pd.DataFrame | None, column: str) -> list[tuple[int, str]]:
    """The (row, value) pairs of a column, none when the table or the column is absent."""
    return [] if table is None or column not in table else list(table[column].items())


# The date order each link type implies: "before" the source comes first, "after" it comes later.
_LINK_ORDER_TEXT = {"before": "on or before", "after": "on or after"}


def _link_problems(links: pd.DataFrame | None, events: pd.DataFrame | None) -> list[Problem]:
    """Links join two different known events, once per type, in the date order their type implies."""
    if links is None or not {"source", "target", "type"} <= set(links.columns):
        return []
    problems: list[Problem] = []
    event_ids: set[str] = set()
    if events is not None and "id" in events:
        event_ids = set(events["id"])
        for column in ("source", "target"):
            problems += _reference_problems(links, "links.csv", column, event_ids, "an event id in events.csv")
    for row in links.index[links["source"] == links["target"]]:
        problems.append(Problem("links.csv", "the link points to its own source; expected two different events",
                                row=int(row), column="target", value=links.at[row, "target"]))
    repeated = links.duplicated(["source", "target", "type"])
    for row in links.index[repeated]:
        problems.append(Problem("links.csv", "the same source, target and type are already linked above; expected "
                                "each link once", row=int(row), column="type", value=links.at[row, "type"]))
    if events is None or not {"id", "date"} <= set(events.columns):
        return problems
    valid = events[is_iso_date(events["date"])]
    firsts, lasts = date_bounds(valid["date"])
    first_day, last_day = dict(zip(valid["id"], firsts)), dict(zip(valid["id"], lasts))
    dates = dict(zip(valid["id"], valid["date"]))
    for row, link in links.iterrows():
        order = LINK_TYPES.get(link["type"], {}).get("order", "any")
        source, target = link["source"], link["target"]
        if order == "any" or source not in dates or target not in dates:
            continue
        # Dates are compared at their own precision: a link is refused only when no reading of the
        # two dates puts them in the type's order.
        wrong = (last_day[target] < first_day[source]) if order == "before" else (last_day[source] < first_day[target])
        if wrong:
            problems.append(Problem(
                "links.csv", f"a {link['type']} link needs its source dated {_LINK_ORDER_TEXT[order]} its target "
                f"({target}, {dates[target]}), but the source is dated {dates[source]}; expected the order the type "
                "implies", row=int(row), column="type", value=link["type"]))
    return problems


def _as_text(table: pd.DataFrame, file: str, drop_links: str | None = None) -> pd.DataFrame | None:
    """A typed table back as the text it was read from, to re-validate it with new events.

    ``drop_links`` empties a column of event ids; an empty table gives ``None`` (no such file).
    """
    if table.empty:
        return None
    columns = [column for column in TABLE_SCHEMAS[file].columns if column in table.columns]
    text = table[columns].astype(str)
    text.index = pd.RangeIndex(2, len(text) + 2, name="row")
    return text.assign(**{drop_links: ""}) if drop_links else text


def _with_optional_columns(table: pd.DataFrame | None, file: str) -> pd.DataFrame:
    schema = TABLE_SCHEMAS[file]
    table = pd.DataFrame(columns=list(schema.columns), dtype=str) if table is None else table.copy()
    for column in schema.columns:
        if column not in table.columns:
            table[column] = ""
    return table.reset_index(drop=True)


def _typed_dataset(tables: dict[str, pd.DataFrame], origin: str, fingerprint: str,
                   version: DataVersion | None) -> Dataset:
    eras = _typed_eras(_with_optional_columns(tables["eras.csv"], "eras.csv"))
    events = _typed_events(_with_optional_columns(tables["events.csv"], "events.csv"), eras)
    sources = _with_optional_columns(tables["sources.csv"], "sources.csv")
    themes = _with_optional_columns(tables.get("themes.csv"), "themes.csv")
    themes["order"] = pd.to_numeric(themes["order"], errors="coerce").fillna(0).astype(int)
    adjustments = _with_optional_columns(tables.get("adjustments.csv"), "adjustments.csv")
    adjustments["order"] = pd.to_numeric(adjustments["order"], errors="coerce").fillna(0).astype(int)
    adjustments = adjustments.sort_values("order", kind="stable").reset_index(drop=True)
    tour_stops = _with_optional_columns(tables.get("tour_stops.csv"), "tour_stops.csv")
    tour_stops["order"] = pd.to_numeric(tour_stops["order"], errors="coerce").fillna(0).astype(int)
    return Dataset(events=events, eras=eras, sources=sources, themes=themes, origin=origin, adjustments=adjustments,
                   fingerprint=fingerprint, version=version, **_typed_document_tables(tables),
                   tours=_with_optional_columns(tables.get("tours.csv"), "tours.csv"),
                   tour_stops=tour_stops.sort_values(["tour", "order"], kind="stable").reset_index(drop=True),
                   links=_with_optional_columns(tables.get("links.csv"), "links.csv"))


def _typed_events(events: pd.DataFrame, eras: pd.DataFrame) -> pd.DataFrame:
    events["importance"] = events["importance"].astype(int)
    events["start"], _ = date_bounds(events["date"])
    _, events["end"] = date_bounds(events["end_date"])
    events["year"] = events["start"].dt.year
    for lang in ("zh", "en"):
        events[f"date_{lang}"] = format_spans(events["date"], events["end_date"], lang)
    events["search_text"] = build_search_text(events, eras)
    return events.sort_values(["start", "importance", "id"], kind="stable").reset_index(drop=True)


def _typed_eras(eras: pd.DataFrame) -> pd.DataFrame:
    starts = [parse_date(text) for text in eras["start"]]
    ends = [parse_date(text) for text in eras["end"]]
    eras["start_day"], _ = date_bounds(eras["start"])
    _, eras["end_day"] = date_bounds(eras["end"])
    for lang in ("zh", "en"):
        eras[f"span_{lang}"] = [format_span(start, end, lang) for start, end in zip(starts, ends)]
    return eras.sort_values(["start_day", "parent"], kind="stable").reset_index(drop=True)


def split_ids(cell: str) -> list[str]:
    """The ids in a ``;``-separated cell, in order, without blanks."""
    return [part.strip() for part in str(cell).split(";") if part.strip()]


# The Documents page's four files (issue 11): their rules across rows and files, and their typed tables.
def _document_problems(tables: dict[str, pd.DataFrame | None]) -> list[Problem]:
    """Documents cite events and sources that exist; parts, comparisons and their cells name what exists.

    A file that is absent names nothing: what refers to it is reported. A file lacking its id column is
    left to the schema's report, so its references are not flooded with problems.
    """
    documents, parts = tables.get("documents.csv"), tables.get("document_parts.csv")
    comparisons, cells = tables.get("comparisons.csv"), tables.get("comparison_rows.csv")
    problems: list[Problem] = []
    if documents is not None:
        problems += _document_date_problems(documents)
        problems += _filled_together(documents, "documents.csv", "place", "place_zh")
        for column, file in (("events", "events.csv"), ("sources", "sources.csv")):
            table = tables.get(file)
            if table is not None and "id" in table:
                problems += _reference_problems(documents, "documents.csv", column, set(table["id"]),
                                                f"{'an event' if column == 'events' else 'a source'} id in {file}")
    known_documents = _ids_of(documents, "id")
    known_parts: dict[str, set[str]] | None = {} if parts is None else None
    if parts is not None and {"document", "part", "order"} <= set(parts.columns):
        if known_documents is not None:
            problems += _reference_problems(parts, "document_parts.csv", "document", known_documents,
                                            "a document id in documents.csv")
        problems += _repeated_key_problems(parts, "document_parts.csv", ["document", "part"], "part",
                                           "each part once per document")
        problems += _order_problems(parts, "document_parts.csv", "document")
        known_parts = parts.groupby("document")["part"].apply(set).to_dict()
    columns_of: dict[str, list[str]] = {}
    if comparisons is not None and {"id", "documents"} <= set(comparisons.columns):
        if known_documents is not None:
            problems += _reference_problems(comparisons, "comparisons.csv", "documents", known_documents,
                                            "a document id in documents.csv")
        columns_of = {row["id"]: split_ids(row["documents"]) for _, row in comparisons.iterrows()}
    if cells is not None and {"comparison", "order", "document"} <= set(cells.columns):
        known_comparisons = _ids_of(comparisons, "id")
        if known_comparisons is not None:
            problems += _reference_problems(cells, "comparison_rows.csv", "comparison", known_comparisons,
                                            "a comparison id in comparisons.csv")
        problems += _cell_problems(cells, columns_of, known_parts)
    return problems


def _ids_of(table: pd.DataFrame | None, column: str) -> set[str] | None:
    """The ids a table defines: none when the file is absent, ``None`` (unknown) when it lacks the column."""
    if table is None:
        return set()
    return set(table[column]) if column in table else None


def _document_date_problems(documents: pd.DataFrame) -> list[Problem]:
    """A document enters into force, and ends, on or after the day it was signed."""
    if "signed" not in documents:
        return []
    signed, _ = date_bounds(documents["signed"])
    problems = []
    for column in ("in_force", "ended"):
        if column not in documents:
            continue
        _, later = date_bounds(documents[column])
        problems += [Problem("documents.csv", f"this comes before the signing date {row['signed']}; expected "
                             f"{column} on or after signed", row=int(index), column=column, value=row[column])
                     for index, row in documents[later < signed].iterrows()]
    return problems


def _filled_together(table: pd.DataFrame, file: str, first: str, second: str) -> list[Problem]:
    """Two columns that say one thing in two languages are both filled or both empty."""
    if not {first, second} <= set(table.columns):
        return []
    filled = {column: table[column].str.strip() != "" for column in (first, second)}
    return [Problem(file, f"this is empty while {have} is filled; expected both filled, or both empty",
                    row=int(row), column=lack)
            for have, lack in ((first, second), (second, first))
            for row in table.index[filled[have] & ~filled[lack]]]


def _repeated_key_problems(table: pd.DataFrame, file: str, key: list[str], column: str,
                           expected: str) -> list[Problem]:
    """Rows repeating an earlier row's ``key`` columns, each named with the row it repeats."""
    first_rows: dict[tuple, int] = {}
    problems = []
    for row, values in zip(table.index, zip(*(table[name] for name in key))):
        if values in first_rows:
            named = " and ".join(key) if len(key) <= 2 else ", ".join(key[:-1]) + " and " + key[-1]
            problems.append(Problem(file, f"row {first_rows[values]} already has this {named}; "
                                    f"expected {expected}", row=int(row), column=column, value=table.at[row, column]))
        else:
            first_rows[values] = int(row)
    return problems


def _order_problems(table: pd.DataFrame, file: str, group: str) -> list[Problem]:
    """Within each ``group``, the orders run 1, 2, 3 … with no gap and no repeat; each stray order is named."""
    problems = []
    numbered = table[table["order"].str.fullmatch(r"[1-9]\d*")]
    for name, rows in numbered.groupby(group, sort=False):
        orders = rows["order"].astype(int)
        if sorted(orders) == list(range(1, len(orders) + 1)):
            continue
        listed = ", ".join(map(str, orders))
        seen: set[int] = set()
        for row, order in orders.items():
            if order > len(orders) or order in seen:
                problems.append(Problem(file, f"the orders of {name} are {listed}; expected 1 to {len(orders)}, "
                                        "each once, with no gap", row=int(row), column="order", value=str(order)))
            seen.add(order)
    return problems


def _cell_problems(cells: pd.DataFrame, columns_of: dict[str, list[str]],
                   known_parts: dict[str, set[str]] | None) -> list[Problem]:
    """Each cell's document is a column of its comparison, its parts exist, and each (order, document) is once."""
    file = "comparison_rows.csv"
    problems = _repeated_key_problems(cells, file, ["comparison", "order", "document"], "document",
                                      "each document once per dimension")
    for row, cell in cells.iterrows():
        columns = columns_of.get(cell["comparison"])
        if columns is not None and cell["document"] not in columns:
            problems.append(Problem(file, f"this document is not one of the comparison's documents "
                                    f"({';'.join(columns)}); expected one of them", row=int(row), column="document",
                                    value=cell["document"]))
        if known_parts is not None and "parts" in cells:
            for part in split_ids(cell["parts"]):
                if part not in known_parts.get(cell["document"], set()):
                    problems.append(Problem(file, f"{cell['document']} has no such part; expected empty or part "
                                            "slugs of that document in document_parts.csv", row=int(row),
                                            column="parts", value=part))
    for column in ("dimension_zh", "dimension_en"):
        if column not in cells:
            continue
        for (comparison, order), rows in cells.groupby(["comparison", "order"], sort=False):
            first = rows[column].iloc[0]
            for row in rows.index[rows[column] != first]:
                problems.append(Problem(file, f"the dimension of row {order} of {comparison} reads differently "
                                        f"above ({first}); expected the same heading on every cell of the row",
                                        row=int(row), column=column, value=cells.at[row, column]))
    return problems


def _typed_document_tables(tables: dict[str, pd.DataFrame | None]) -> dict[str, pd.DataFrame]:
    """The four document tables (empty when absent), parts and cells in their document's order."""
    typed = {file: _with_optional_columns(tables.get(file), file) for file in DOCUMENT_FILES}
    for file in ("document_parts.csv", "comparison_rows.csv"):
        typed[file]["order"] = pd.to_numeric(typed[file]["order"], errors="coerce").fillna(0).astype(int)
    parts = typed["document_parts.csv"].sort_values(["document", "order"], kind="stable").reset_index(drop=True)
    return {"documents": typed["documents.csv"], "document_parts": parts,
            "comparisons": typed["comparisons.csv"], "comparison_rows": typed["comparison_rows.csv"]}
