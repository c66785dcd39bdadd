"""Loading the data once per data folder and version, at the UI edge."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from timeline.csvfile import size_problem
from timeline.dataset import VERSION_FILE, Dataset, default_data_dir, load_dataset, load_dataset_with_events
from timeline.problems import DataError, Problem

if TYPE_CHECKING:
    from streamlit.runtime.uploaded_file_manager import UploadedFile

UPLOADED_KEY = "uploaded_dataset"
UPLOAD_DIGEST_KEY = "uploaded_digest"


def _file_stamps(folder: Path) -> tuple:
    """Names, sizes and modification times of the data files, so an edited file is reloaded."""
    paths = [*sorted(folder.glob("*.csv")), folder / VERSION_FILE] if folder.is_dir() else [folder]
    return tuple((path.name, path.stat().st_size, path.stat().st_mtime_ns) for path in paths if path.exists())


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_dataset(folder: str, stamps: tuple) -> Dataset | list[Problem]:
    # cache_resource, not cache_data: the tables are treated as read-only and shared, so a rerun
    # never pays for copying 100,000 events.
    try:
        return load_dataset(Path(folder))
    except DataError as error:
        return error.problems


def get_dataset() -> tuple[Dataset | None, list[Problem], str]:
    """The dataset of ``TIMELINE_DATA_DIR`` (or ``data/``), or the problems that stop it loading."""
    folder = default_data_dir()
    loaded = _cached_dataset(str(folder), _file_stamps(folder))
    if isinstance(loaded, Dataset):
        return loaded, [], str(folder)
    return None, loaded, str(folder)


def active_dataset() -> Dataset:
    """The dataset this session shows: its own upload if any, else the folder's (known to be valid here)."""
    uploaded = st.session_state.get(UPLOADED_KEY)
    if uploaded is not None:
        return uploaded
    dataset, _, _ = get_dataset()
    assert dataset is not None, "the router shows the error page before any page runs"
    return dataset


def dataset_key(dataset: Dataset) -> str:
    """The cache key of a dataset's derived results: its content fingerprint, shared only by equal content."""
    return dataset.fingerprint


@st.cache_resource(show_spinner=False, max_entries=8)
def _validated_upload(digest: str, file: str, base_key: str, _read: Callable[[], bytes],
                      _base: Dataset) -> Dataset | list[Problem]:
    # Keyed by content, name (the problems name the file) and base; the bytes are read only on a miss.
    try:
        return load_dataset_with_events(_read(), file, _base, digest)
    except DataError as error:
        return error.problems


def _upload_digest(upload: UploadedFile) -> tuple[str, Callable[[], bytes]]:
    """The upload's SHA-256, computed once per uploaded file (a rerun reuses it), and how to read its bytes."""
    known = st.session_state.get(UPLOAD_DIGEST_KEY)
    if known is not None and known[0] == upload.file_id:
        return known[1], upload.getvalue
    data = upload.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    st.session_state[UPLOAD_DIGEST_KEY] = (upload.file_id, digest)
    return digest, lambda: data


def use_uploaded_events(upload: UploadedFile | None) -> list[Problem]:
    """Show the session an uploaded events CSV (checked against the bundled eras and sources).

    ``None`` goes back to the bundled events. Returns the upload's problems; with any, the session
    keeps the data it had. An oversized file is refused before its bytes are read. The bundled
    files are never touched.
    """
    if upload is None:
        st.session_state.pop(UPLOADED_KEY, None)
        st.session_state.pop(UPLOAD_DIGEST_KEY, None)
        return []
    too_large = size_problem(upload.size, upload.name)
    if too_large:
        return [too_large]
    base, _, _ = get_dataset()
    assert base is not None
    digest, read = _upload_digest(upload)
    loaded = _validated_upload(digest, upload.name, dataset_key(base), read, base)
    if isinstance(loaded, Dataset):
        st.session_state[UPLOADED_KEY] = loaded
        return []
    return loaded
