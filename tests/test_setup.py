"""How the project is set up and run: the lock files `make run` and `make test` install, and where it listens."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _pins(lock: str) -> dict[str, str]:
    text = (ROOT / lock).read_text(encoding="utf-8")
    return {canonicalize_name(name): version for name, version in re.findall(r"^([A-Za-z0-9._-]+)==(\S+)", text, re.M)}


@pytest.mark.parametrize(("lock", "extras"), [("requirements.lock", []), ("requirements-test.lock", ["test"])])
def test_lock_pins_every_requirement_within_its_bounds(lock, extras):
    """Each requirement of pyproject.toml is pinned in the lock at a version its bounds allow (else: make lock)."""
    texts = PROJECT["dependencies"] + [text for extra in extras for text in PROJECT["optional-dependencies"][extra]]
    pins = _pins(lock)
    wrong = []
    for requirement in map(Requirement, texts):
        pinned = pins.get(canonicalize_name(requirement.name))
        if pinned is None or not requirement.specifier.contains(pinned, prereleases=True):
            wrong.append(f"{requirement} (locked: {pinned or 'not at all'})")
    assert not wrong, f"{lock} is out of date, run make lock: {wrong}"


def test_run_and_test_locks_agree():
    """The dashboard runs on the very versions the tests ran on."""
    run, test = _pins("requirements.lock"), _pins("requirements-test.lock")
    assert {name: (version, test.get(name)) for name, version in run.items() if test.get(name) != version} == {}


def _run_command(*arguments: str) -> str:
    """The command ``make run`` would start, without starting it."""
    dry_run = subprocess.run(["make", "--dry-run", "run", *arguments], cwd=ROOT, check=True, capture_output=True,
                             text=True)
    return " ".join(dry_run.stdout.replace("\\\n", " ").split())


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_listens_on_loopback_unless_told_otherwise():
    """A plain `make run` is reachable from this machine only; ADDRESS=0.0.0.0 opens it to the network."""
    assert "streamlit run dashboard.py --server.address 127.0.0.1 --server.port 8501" in _run_command()
    assert "--server.address 0.0.0.0 --server.port 8502" in _run_command("ADDRESS=0.0.0.0", "PORT=8502")
