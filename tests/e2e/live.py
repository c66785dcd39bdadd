"""A live dashboard server and a headless Debian Chromium, for browser tests and screenshots."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
PANEL_TITLE = ".st-key-panel_title"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_available() -> bool:
    """True when Debian's Chromium is installed where the tests look for it."""
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_server(data_dir: Path | None = None, script: Path | None = None, timeout: float = 60) -> Iterator[str]:
    """Start ``streamlit run`` on 127.0.0.1 and yield its base URL; stop it by its own PID afterwards."""
    port = free_port()
    env = dict(os.environ)
    if data_dir is not None:
        env["TIMELINE_DATA_DIR"] = str(data_dir)
    command = [
        sys.executable, "-m", "streamlit", "run", str(script or ROOT / "dashboard.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base, process, timeout)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_healthy(base: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode} before serving")
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"streamlit did not become healthy at {base} within {timeout} s")


def launch_browser(playwright):
    """Headless Debian Chromium, never a downloaded browser."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def wait_for_script(page) -> None:
    """Wait until the page's script run has finished (Streamlit's running indicator is gone)."""
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def wait_for_app(page) -> None:
    """Wait until the page's script run has finished and the chart is drawn."""
    page.wait_for_selector('[data-testid="stPlotlyChart"] .js-plotly-plot', timeout=60_000)
    wait_for_script(page)


def zoom_to_point(page, customdata: str, days: int = 200) -> None:
    """Zoom the time axis to a few months around a marker, as a person would before clicking in a crowd."""
    wanted_range = page.evaluate(
        """([wanted, days]) => {
            const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
            for (const trace of plot._fullData) {
                const data = trace.customdata || [];
                for (let i = 0; i < data.length; i++) {
                    if ((Array.isArray(data[i]) ? data[i][0] : data[i]) !== wanted) continue;
                    const x = new Date(trace.x[i]).getTime();
                    const span = days * 86400000;
                    window.Plotly.relayout(plot, {'xaxis.range': [new Date(x - span), new Date(x + span)]});
                    return [x - span, x + span];
                }
            }
            return null;
        }""",
        [customdata, days],
    )
    if wanted_range is None:
        raise AssertionError(f"no chart point carries customdata {customdata!r}")
    # Plotly has redrawn when its own axis holds the new range (to within a day).
    page.wait_for_function(
        """(wanted) => {
            const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
            const range = plot._fullLayout.xaxis.range.map((value) => new Date(value).getTime());
            return range.every((value, i) => Math.abs(value - wanted[i]) < 86400000);
        }""",
        arg=wanted_range, timeout=30_000,
    )


def click_point(page, customdata: str, zoom: bool = True) -> None:
    """Hover, then click the chart marker whose customdata is ``customdata``, found via Plotly's axes."""
    if zoom and not customdata.startswith("era:"):
        zoom_to_point(page, customdata)
    position = page.evaluate(
        """(wanted) => {
            const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
            const layout = plot._fullLayout;
            for (const trace of plot._fullData) {
                const data = trace.customdata || [];
                for (let i = 0; i < data.length; i++) {
                    const value = Array.isArray(data[i]) ? data[i][0] : data[i];
                    if (value !== wanted) continue;
                    const xa = layout[trace.xaxis === 'x' ? 'xaxis' : 'xaxis' + trace.xaxis.slice(1)];
                    const ya = layout[trace.yaxis === 'y' ? 'yaxis' : 'yaxis' + trace.yaxis.slice(1)];
                    const box = plot.getBoundingClientRect();
                    return {x: box.left + xa._offset + xa.l2p(xa.d2l(trace.x[i])),
                            y: box.top + ya._offset + ya.l2p(ya.d2l(trace.y[i]))};
                }
            }
            return null;
        }""",
        customdata,
    )
    if position is None:
        raise AssertionError(f"no chart point carries customdata {customdata!r}")
    page.mouse.move(position["x"], position["y"])
    # Plotly clicks the point it last hovered: wait until the hover has reached this one, as a person's cursor would.
    page.wait_for_function(
        """(wanted) => {
            const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
            return (plot._hoverdata || []).some(
                (point) => (Array.isArray(point.customdata) ? point.customdata[0] : point.customdata) === wanted);
        }""",
        arg=customdata, timeout=30_000,
    )
    page.mouse.click(position["x"], position["y"])


def expect_title_in_view(page, text: str | re.Pattern) -> None:
    """The panel title says ``text`` and, once the page has settled, lies in the viewport below the header."""
    title = page.locator(PANEL_TITLE)
    expect(title).to_contain_text(text, timeout=30_000)
    page.wait_for_function(
        """() => {
            const reader = window.__timelineReader;
            if (!reader || reader.settled !== reader.focused) return false;
            const box = document.querySelector('.st-key-panel_title').getBoundingClientRect();
            const header = document.querySelector('[data-testid="stHeader"]');
            const top = header ? header.getBoundingClientRect().bottom : 0;
            return box.height > 0 && box.top >= top - 1 && box.bottom <= window.innerHeight + 1;
        }""",
        timeout=15_000,
    )
