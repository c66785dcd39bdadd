"""Sessions never share data: caches are keyed by content, an upload is hashed once and sized before it
is read, nothing a reader sends names a server file, and the cached figure is never changed by a render."""

from __future__ import annotations

import copy
import csv
import gc
import io
import json
import shutil
import sys
import tomllib
import weakref
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import plotly.io
import pytest
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile
from streamlit.testing.v1 import AppTest

from timeline import csvfile
from timeline.dataset import Dataset, load_dataset, load_dataset_with_events
from timeline.figures import build_timeline_figure, lanes_for
from timeline.filters import year_bounds
from timeline.problems import DataError
from timeline.ui.data import dataset_key
from timeline.ui.timeline_page import _FrozenFigure

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini"
SOURCES_PAGE = "src/timeline/ui/pages/sources.py"


def events_csv(count: int, title_mark: str = "") -> bytes:
    """The fixture's first ``count`` events as an upload, links to events left out removed.

    ``title_mark`` is appended to every title, so two uploads can differ in content alone.
    """
    rows = list(csv.DictReader(io.StringIO((MINI / "events.csv").read_text(encoding="utf-8"))))[:count]
    for row in rows:
        row["related"] = ""
        row["title_zh"] += title_mark
        row["title_en"] += title_mark
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def copy_folder(target: Path) -> Path:
    """A copy of the fixture data folder at ``target``."""
    shutil.copytree(MINI, target)
    return target



def new_session() -> AppTest:
    """Another reader's session of the same server process (caches are shared between them)."""
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


def upload(at: AppTest, data: bytes, name: str = "events.csv") -> AppTest:
    """Upload ``data`` as ``name`` in the sidebar, as a reader's browser does, and rerun."""
    return at.file_uploader(key="w_upload").set_value((name, data, "text/csv")).run()


def page_text(at: AppTest) -> str:
    """Every markdown, caption, code block and alert of the page, joined."""
    parts = [*at.markdown, *at.caption, *at.code, *at.error, *at.success, *at.warning, *at.info]
    return "\n".join(str(element.value) for element in parts)


def table_titles(at: AppTest) -> list[str]:
    """The titles in the event table, in its order."""
    table = at.dataframe[0].value
    return list(table[table.columns[1]])


@pytest.fixture
def upload_reads(monkeypatch) -> list[str]:
    """Each time the app's own code reads an uploaded file's bytes, the name of the method it called.

    AppTest itself reads the files to replay them on every run; those reads are not the app's.
    """
    reads: list[str] = []
    for method in ("getvalue", "read", "getbuffer"):
        original = getattr(UploadedFile, method)

        def spy(self, *args, _method=method, _original=original, **kwargs):
            if sys._getframe(1).f_globals.get("__name__", "").startswith("timeline"):
                reads.append(_method)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(UploadedFile, method, spy)
    return reads


# Content fingerprints


def test_equal_folders_share_a_fingerprint_wherever_they_are(mini, tmp_path):
    """A copy of the same files elsewhere gives the same fingerprint: the key names the content, not the place."""
    assert load_dataset(copy_folder(tmp_path / "copy")).fingerprint == mini.fingerprint
    assert len(mini.fingerprint) == 64


@pytest.mark.parametrize("file", ["events.csv", "eras.csv", "sources.csv", "themes.csv", "adjustments.csv", "VERSION"])
def test_changing_any_file_read_changes_the_fingerprint(mini, tmp_path, file):
    """A byte more in any file the dataset is read from, or a VERSION file added, gives another fingerprint."""
    with (copy_folder(tmp_path / "data") / file).open("a", encoding="utf-8") as handle:
        handle.write("\n" if file != "VERSION" else "1.0.0 2026-11-27\n")
    assert load_dataset(tmp_path / "data").fingerprint != mini.fingerprint


def test_upload_fingerprint_combines_the_upload_and_its_base(mini, tmp_path):
    """An upload's key changes with its bytes and with the data it is checked against, not with its name."""
    copy_folder(tmp_path / "data")
    (tmp_path / "data" / "VERSION").write_text("2.0.0 2026-11-28\n", encoding="utf-8")
    other_base = load_dataset(tmp_path / "data")
    three = load_dataset_with_events(events_csv(3), "events.csv", mini)
    assert load_dataset_with_events(events_csv(3), "renamed.csv", mini).fingerprint == three.fingerprint
    assert load_dataset_with_events(events_csv(3, " (B)"), "events.csv", mini).fingerprint != three.fingerprint
    assert load_dataset_with_events(events_csv(3), "events.csv", other_base).fingerprint != three.fingerprint
    assert three.fingerprint not in (mini.fingerprint, other_base.fingerprint)


def test_datasets_of_different_content_never_share_a_key_when_an_id_is_reused(mini):
    """Uploads all named events.csv, each freed before the next: a reused id() never reuses a cache key."""
    uploads = [load_dataset_with_events(events_csv(3, mark), "events.csv", mini) for mark in ("", " (B)")]
    contents_by_id: dict[int, set[int]] = {}
    contents_by_key: dict[str, set[int]] = {}
    for attempt in range(100):
        content = attempt % len(uploads)
        dataset = copy.copy(uploads[content])  # a new dataset object, often where the last one was freed
        contents_by_id.setdefault(id(dataset), set()).add(content)
        contents_by_key.setdefault(dataset_key(dataset), set()).add(content)
        del dataset
    assert any(len(contents) > 1 for contents in contents_by_id.values()), "no id was reused: nothing was proved"
    assert all(len(contents) == 1 for contents in contents_by_key.values())
    assert len(contents_by_key) == len(uploads)


def test_datasets_built_by_hand_never_share_a_key(mini):
    """A dataset made without loading (no content hashed) gets a key of its own, never another's."""
    copies = [Dataset(events=mini.events, eras=mini.eras, sources=mini.sources, themes=mini.themes, origin="t")
              for _ in range(3)]
    assert len({dataset_key(copy) for copy in copies} | {dataset_key(mini)}) == 4


def test_year_bounds_keep_no_dataset_alive(mini):
    """The year range is computed without a module-level cache, so a freed upload is really freed."""
    upload = load_dataset_with_events(events_csv(3), "events.csv", mini)
    assert year_bounds(upload) == (1945, 1960)  # the eras span the fixture's whole range
    watcher = weakref.ref(upload)
    del upload
    gc.collect()
    assert watcher() is None


# Two sessions side by side


def test_two_sessions_with_different_uploads_each_see_their_own_events(app):
    """Two readers upload different files of the same name and size; neither is ever shown the other's rows."""
    first, second = app.run(), new_session().run()
    upload(first, events_csv(3))
    upload(second, events_csv(3, " (B)"))
    for at, mark in ((first, ""), (second, " (B)"), (first, ""), (second, " (B)")):
        at.run()
        assert not at.exception
        assert "显示 3 / 3 个事件" in page_text(at)
        titles = table_titles(at)
        assert len(titles) == 3
        assert all(title.endswith(" (B)") == (mark == " (B)") for title in titles), titles
    second.file_uploader(key="w_upload").clear().run()
    assert "显示 7 / 7 个事件" in page_text(second)
    assert "显示 3 / 3 个事件" in page_text(first.run())


# The upload: sized before it is read, hashed once


def test_oversized_upload_is_refused_before_its_bytes_are_read(app, monkeypatch, upload_reads):
    """A file over the limit is refused by its size alone, naming the file and the limit."""
    at = app.run()  # the data folder is loaded (and cached) under the real limit
    monkeypatch.setattr(csvfile, "MAX_FILE_BYTES", 1024)
    at = upload(at, b"id,date\n" + b"x" * 4096, "huge.csv")
    assert "huge.csv: the file is 0.0 MB; the limit is 0 MB" in page_text(at)
    assert upload_reads == []
    assert "显示 7 / 7 个事件" in page_text(at)


def test_oversized_data_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    """A data file over the limit is refused from its size on disk; its bytes are never read."""
    folder = copy_folder(tmp_path / "data")
    with (folder / "events.csv").open("r+b") as handle:
        handle.truncate(csvfile.MAX_FILE_BYTES + 1)  # sparse: no disk space used
    read = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: read.append(path.name) or original(path))
    with pytest.raises(DataError) as raised:
        load_dataset(folder)
    assert "events.csv: the file is 64.0 MB; the limit is 64 MB" in [str(problem) for problem in raised.value.problems]
    assert "events.csv" not in read
    assert "eras.csv" in read


def test_upload_is_hashed_once_not_on_every_rerun(app, upload_reads):
    """After an upload, reruns (a filter, the language, a plain rerun) never read its bytes again."""
    at = upload(app.run(), events_csv(6, " (once)"))
    assert "显示 6 / 6 个事件" in page_text(at)
    assert upload_reads == ["getvalue"]
    at.multiselect(key="w_categories").set_value(["treaty"]).run()
    at.segmented_control(key="w_lang").set_value("en").run()
    at.run()
    assert not at.exception
    assert "Showing 3 of 6 events" in page_text(at)
    assert upload_reads == ["getvalue"]


def test_server_upload_limit_matches_the_file_limit():
    """Streamlit refuses uploads at the same size the loader would, so its widget states the real limit."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == csvfile.MAX_FILE_BYTES


# Nothing a reader sends names a file


def test_data_version_is_read_from_the_data_folder_at_load(tmp_path, monkeypatch):
    """The Sources page cites the version in the data folder's VERSION file."""
    folder = copy_folder(tmp_path / "data")
    (folder / "VERSION").write_text("3.1.4 2025-06-07\n", encoding="utf-8")
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(folder))
    at = new_session().run().switch_page(SOURCES_PAGE).run()
    assert "数据版本 3.1.4" in page_text(at)


def test_an_upload_named_like_a_folder_never_makes_the_server_read_it(app, tmp_path, monkeypatch):
    """An upload whose name is the path of a folder holding a VERSION file: that file is never read or shown."""
    trap = tmp_path / "evil.csv"
    trap.mkdir()
    (trap / "VERSION").write_text("6.6.6 2001-02-03\n", encoding="utf-8")
    opened: list[Path] = []
    for method in ("read_bytes", "read_text", "open"):
        original = getattr(Path, method)

        def spy(path, *args, _original=original, **kwargs):
            opened.append(path)
            return _original(path, *args, **kwargs)

        monkeypatch.setattr(Path, method, spy)
    at = upload(app.run(), events_csv(3), str(trap))
    at = at.switch_page(SOURCES_PAGE).run()
    assert not at.exception
    assert "6.6.6" not in page_text(at)
    assert not [path for path in opened if tmp_path in path.parents or path == trap]


# The cached figure


def _json(figure_dict: dict) -> dict:
    """A figure dict as the browser receives it, uid and all (plotly.io.to_json would drop the uid itself)."""
    return json.loads(plotly.io.json.to_json_plotly(figure_dict))


@pytest.fixture
def timeline_figure(mini) -> go.Figure:
    """The fixture's timeline figure, each trace given a uid as Plotly allows."""
    figure = build_timeline_figure(mini.events, mini.eras, "en", lanes=lanes_for(mini.events),
                                   labels={"era_lane": "Eras"})
    for number, trace in enumerate(figure.data):
        trace.uid = f"trace-{number}"
    return figure


def test_rendering_twice_leaves_the_cached_figure_unchanged(timeline_figure):
    """st.plotly_chart serialises the cached figure on every run; the figure stays exactly as it was built."""
    expected = _json(timeline_figure.to_dict())
    frozen = _FrozenFigure(timeline_figure)
    for _ in range(2):
        st.plotly_chart(frozen)
        assert _json(frozen.to_dict()) == expected


def test_a_changed_copy_never_reaches_the_next_reader(timeline_figure):
    """Whatever one caller does to the dict it was handed, the next caller gets the figure as built."""
    expected = _json(timeline_figure.to_dict())
    frozen = _FrozenFigure(timeline_figure)
    handed = frozen.to_dict()
    handed["layout"]["title"] = {"text": "changed"}
    handed["layout"]["shapes"].clear()
    trace = next(trace for trace in handed["data"] if isinstance(trace.get("x"), np.ndarray) and "marker" in trace)
    trace["marker"]["size"] = 99
    with pytest.raises(ValueError, match="read-only"):
        trace["x"][0] = np.datetime64("2000-01-01")
    handed["data"].pop()
    assert _json(frozen.to_dict()) == expected


def test_every_value_of_a_text_array_is_checked_before_it_is_stored_as_text():
    """An array whose first value is text but not all the rest keeps each value's type."""
    figure = go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 2, 3], customdata=np.array(["a", 5, 2.5], dtype=object)))
    assert _json(_FrozenFigure(figure).to_dict()) == _json(figure.to_dict())
    assert _json(_FrozenFigure(figure).to_dict())["data"][0]["customdata"] == ["a", 5, 2.5]
