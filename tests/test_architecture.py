"""Layering: the core never imports streamlit; only timeline.ui does."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "timeline"
CORE_MODULES = sorted(
    "timeline." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
    for path in PACKAGE.rglob("*.py") if "ui" not in path.relative_to(PACKAGE).parts
)


def test_core_source_never_imports_streamlit():
    """No module outside timeline.ui names streamlit in an import."""
    for path in PACKAGE.rglob("*.py"):
        if "ui" in path.relative_to(PACKAGE).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(name.split(".")[0] == "streamlit" for name in names), path


def test_importing_the_whole_core_does_not_load_streamlit():
    """Importing every core module in a fresh interpreter leaves streamlit unloaded."""
    code = "import sys\n" + "".join(f"import {name}\n" for name in CORE_MODULES if name != "timeline.__main__")
    code += "assert 'streamlit' not in sys.modules, sorted(m for m in sys.modules if 'streamlit' in m)[:3]\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
