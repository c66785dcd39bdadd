"""The bundled data: valid, complete against the seed, bilingual, and in its own words."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from timeline.dataset import split_ids
from timeline.schema import EVENTS_SCHEMA, text_pairs

ROOT = Path(__file__).resolve().parents[1]
# Fingerprints of every 12-character run of the seed mind map, so the test below runs without the
# seed itself and the repository carries none of its sentences. Rebuild after a change of the seed:
#   python -c "from tests.test_real_data import write_seed_runs as w; w('path/to/seed.txt')"
SEED_RUNS = ROOT / "tests" / "data" / "seed-runs.txt"
RUN_LENGTH = 12

SEED_BRANCHES = {"founding", "adjustments", "return-to-asia", "biden-developments", "mechanism", "dependence",
                 "future", "security-system"}
ERAS = {"surrender", "occupation", "occupation-reform", "occupation-recovery", "occupation-settlement", "treaty-system",
        "cold-war-alliance", "guidelines-1978", "clinton-adjustment", "bush-koizumi-adjustment", "obama-rebalance",
        "trump-years", "biden-era"}
# Every event the seed names, and the milestones issue #3 lists between them.
NAMED_EVENTS = {
    "1951-peace-treaty-signed", "1951-security-treaty-signed", "1952-peace-treaty-in-force",
    "1952-security-treaty-in-force", "1952-administrative-agreement-signed", "1978-guidelines",
    "1995-east-asia-strategy-report", "1996-joint-declaration", "1997-guidelines", "2001-september-11",
    "2005-transformation-realignment", "2011-pacific-century", "2015-guidelines", "2021-suga-biden-summit",
    "2021-core-partnership", "2021-quad-leaders-summit", "2021-aukus", "1945-surrender-signed",
    "1947-constitution-in-force", "1948-nsc-13-2", "1950-korean-war", "1960-treaty-signed", "1960-treaty-in-force",
    "1969-nixon-doctrine", "1978-us-china-normalisation", "1972-okinawa-reversion", "1999-surrounding-areas-law",
    "2001-anti-terrorism-law", "2003-iraq-law", "2006-realignment-roadmap", "2014-collective-self-defense-decision",
    "2015-security-legislation", "2022-strategy-documents",
}
SEED_REFERENCES = {"xu-2022", "zhu-2021-ips", "zhu-2021-mir", "lv-2021", "jiao-2019", "tao-2015", "zhang-2012"}


def test_enough_events_across_the_whole_span(bundled):
    """At least 80 events, from 1945 to 2022."""
    events = bundled.events
    assert len(events) >= 80
    assert events["year"].min() == 1945 and events["year"].max() == 2022


def test_every_named_event_and_era_is_there(bundled):
    """The seed's documents and the expected milestones each have an event; every era exists."""
    assert set(bundled.events["id"]) >= NAMED_EVENTS, sorted(NAMED_EVENTS - set(bundled.events["id"]))
    assert set(bundled.eras["id"]) == ERAS
    phases = bundled.eras[bundled.eras["parent"] == "occupation"]
    assert set(phases["id"]) == {"surrender", "occupation-reform", "occupation-recovery", "occupation-settlement"}


def test_every_seed_branch_has_a_theme_and_every_theme_an_event(bundled):
    """The mind map's eight branches are the themes' roots, and every theme node points to events."""
    themes = bundled.themes
    assert set(themes.loc[themes["parent"] == "", "id"]) == SEED_BRANCHES
    event_ids = set(bundled.events["id"])
    for theme in themes.itertuples():
        linked = split_ids(theme.events)
        assert linked, f"theme {theme.id} has no event"
        assert set(linked) <= event_ids


def test_every_text_has_both_languages(bundled):
    """Titles and summaries are filled in both languages; other texts are paired."""
    events = bundled.events
    for zh, en in text_pairs(EVENTS_SCHEMA):
        assert ((events[zh] == "") == (events[en] == "")).all(), zh
    assert (events["title_zh"] != "").all() and (events["summary_en"] != "").all()
    for table in (bundled.eras, bundled.themes):
        assert ((table.filter(like="_zh") == "").to_numpy() == (table.filter(like="_en") == "").to_numpy()).all()


def test_landmarks_carry_several_sentences_of_analysis(bundled):
    """A landmark's background, content and significance run to several sentences in each language."""
    landmarks = bundled.events[bundled.events["importance"] == 1]
    assert len(landmarks) >= 20
    for column in ("background", "content", "significance"):
        zh_sentences = landmarks[f"{column}_zh"].str.count("。")
        en_sentences = landmarks[f"{column}_en"].str.count(r"\. |\.$")
        assert (zh_sentences >= 2).all(), list(landmarks.loc[zh_sentences < 2, "id"])
        assert (en_sentences >= 2).all(), list(landmarks.loc[en_sentences < 2, "id"])


def test_sources_hold_the_seed_references_and_primary_sources(bundled):
    """The seed's seven references are cited, alongside official and archival sources with links."""
    sources = bundled.sources.set_index("id")
    assert set(sources.index) >= SEED_REFERENCES
    assert {"official", "archive"} & set(sources["kind"])
    cited = {source for cell in bundled.events["sources"] for source in split_ids(cell)}
    assert cited >= SEED_REFERENCES
    primary = sources[sources["kind"].isin(["official", "archive"])]
    assert (primary["url"].str.startswith("https://") | primary["url"].str.startswith("http://")).mean() > 0.8


def test_every_event_cites_a_dating_source_beyond_the_seed(bundled):
    """Each event's date rests on at least one source that is not merely the seed's analysis."""
    for event in bundled.events.itertuples():
        assert set(split_ids(event.sources)) - SEED_REFERENCES, event.id


def _fingerprint(run: str) -> str:
    """A short hash of a run of text: enough to recognise it, not to read it back."""
    return hashlib.blake2b(run.encode("utf-8"), digest_size=6).hexdigest()


def _runs(text: str) -> list[str]:
    """Every run of :data:`RUN_LENGTH` characters of ``text``, whitespace removed."""
    text = re.sub(r"\s+", "", text)
    return [text[index:index + RUN_LENGTH] for index in range(len(text) - RUN_LENGTH + 1)]


def write_seed_runs(seed: str | Path) -> None:
    """Write the fingerprints of the seed's runs to :data:`SEED_RUNS` (kept in the repository)."""
    fingerprints = sorted({_fingerprint(run) for run in _runs(Path(seed).read_text(encoding="utf-8"))})
    SEED_RUNS.write_text("\n".join(fingerprints) + "\n", encoding="utf-8")


def _teaching_tables(bundled) -> dict:
    """The tours, their stops and the typed links, each row named by an ``id`` for the messages."""
    stops, links = bundled.tour_stops, bundled.links
    return {"tours": bundled.tours,
            "tour_stops": stops.assign(id=stops["tour"] + " stop " + stops["order"].astype(str)),
            "links": links.assign(id=links["source"] + " → " + links["target"])}


def test_no_sentence_is_pasted_from_the_seed(bundled):
    """No text shares a run of 12 characters with the seed (only its bibliography may be quoted)."""
    seed_runs = set(SEED_RUNS.read_text(encoding="utf-8").split())
    assert len(seed_runs) > 4000, "the seed's fingerprints are missing"
    tables = {"events": bundled.events, "eras": bundled.eras, "themes": bundled.themes, **_teaching_tables(bundled)}
    for name, table in tables.items():
        for column in [column for column in table.columns if column.endswith(("_zh", "_en")) or column == "aliases"]:
            for row_id, text in zip(table["id"], table[column].astype(str)):
                copied = next((run for run in _runs(text) if _fingerprint(run) in seed_runs), None)
                assert copied is None, f"{name} {row_id} {column} repeats the seed: {copied}"


def test_data_guide_names_every_data_file_and_nothing_outside():
    """docs/data.md names each file of data/, and points at no path outside the repository."""
    guide = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    for path in (ROOT / "data").iterdir():
        assert f"`{path.name}`" in guide, f"docs/data.md does not name {path.name}"
    assert "../" not in guide


def test_chinese_texts_use_full_width_punctuation(bundled):
    """Chinese prose punctuates as Chinese scholarship does: ，；：（） rather than their ASCII forms."""
    ascii_marks = re.compile(r"[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]")
    for name, table in {"events": bundled.events, "eras": bundled.eras, "themes": bundled.themes,
                        "adjustments": bundled.adjustments, **_teaching_tables(bundled)}.items():
        for column in [column for column in table.columns if column.endswith("_zh")]:
            for row_id, text in zip(table["id"], table[column]):
                match = ascii_marks.search(text)
                assert match is None, f"{name} {row_id} {column}: {text[max(0, match.start() - 10):match.end() + 10]}"


# Issue #10's missing milestones of 1996–2022, each with an event of its own.
LATE_MILESTONES = {
    "1996-futenma-return-agreement", "2003-armed-attack-situations-law", "2003-bmd-decision",
    "2010-secret-agreements-report", "2013-nakaima-henoko-approval", "2014-defense-equipment-transfer",
    "2017-missile-over-hokkaido", "2017-north-korea-sixth-nuclear-test", "2022-host-nation-support-sma",
    "2022-missile-over-japan",
}


def test_late_milestones_are_there_in_their_eras(bundled):
    """Issue #10's milestones of 1996–2022 are events, each in the era whose span holds its date."""
    events = bundled.events.set_index("id")
    assert set(events.index) >= LATE_MILESTONES, sorted(LATE_MILESTONES - set(events.index))
    eras = bundled.eras.set_index("id")
    for event_id in LATE_MILESTONES:
        era = eras.loc[events.loc[event_id, "era"]]
        assert str(era["start"]) <= events.loc[event_id, "date"] <= str(era["end"]), event_id


def test_every_landmark_cites_its_record_and_an_analysis(bundled):
    """Each landmark cites a primary source (official or archive) and a scholarly analysis, as docs/data.md asks."""
    kinds = dict(zip(bundled.sources["id"], bundled.sources["kind"]))
    for landmark in bundled.events[bundled.events["importance"] == 1].itertuples():
        cited = {kinds[source] for source in split_ids(landmark.sources)}
        assert cited & {"official", "archive"}, f"{landmark.id} cites no primary source"
        assert "scholarship" in cited, f"{landmark.id} cites no analysis"
