"""Benchmark the dashboard against a bare Streamlit + Plotly app on the same events.

    .venv/bin/python -m benchmarks.bench                 # bundled, 10,000 and 100,000 events
    .venv/bin/python -m benchmarks.bench --sizes bundled 10000 --repeat 3

For each size it measures, for both apps: (1) server-side script time of a first run and of a rerun
after a filter change (AppTest); (2) in headless Chromium, page load to chart drawn and click to
panel visible; (3) the server's peak memory. It prints medians and each ratio to the bare app.
Nothing here is a test: the figures vary with the machine, so they are printed, not asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = ROOT / "dashboard.py"
BARE_APP = ROOT / "benchmarks" / "bare_app.py"
BUNDLED = ROOT / "data"
EVENT_COLUMNS = ["id", "date", "end_date", "era", "category", "importance", "title_zh", "title_en", "summary_zh",
                 "summary_en", "background_zh", "background_en", "content_zh", "content_en", "significance_zh",
                 "significance_en", "aliases", "related", "sources"]
ANALYSIS = {f"{section}_{lang}": text for section in ("background", "content", "significance")
            for lang, text in (("zh", "合成分析文字。"), ("en", "Synthetic analysis."))}


@dataclass
class Measures:
    """Every sample of one app at one size; the table shows their medians."""

    first_run: list[float] = field(default_factory=list)
    rerun: list[float] = field(default_factory=list)
    load: list[float] = field(default_factory=list)
    click: list[float] = field(default_factory=list)
    peak_mb: float = float("nan")


def generate_events(count: int, folder: Path, seed: int = 1945) -> None:
    """Write ``count`` synthetic events in the data contract, with the bundled eras and sources beside them."""
    rng = random.Random(seed)
    # Events go in the leaf eras: the occupation's phases and the other top-level eras.
    eras = [row for row in csv.DictReader((BUNDLED / "eras.csv").open(encoding="utf-8")) if row["id"] != "occupation"]
    spans = [(row["id"], _ordinal(row["start"]), _ordinal(row["end"])) for row in eras]
    categories = ["treaty", "guidelines", "declaration", "strategy", "law", "summit", "diplomacy", "multilateral",
                  "military", "economy", "crisis", "occupation"]
    sources = [row["id"] for row in csv.DictReader((BUNDLED / "sources.csv").open(encoding="utf-8"))]
    with (folder / "events.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, EVENT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for number in range(count):
            era, start, end = rng.choice(spans)
            day = dt.date.fromordinal(rng.randint(start, end))
            importance = rng.choices("123", weights=(1, 3, 6))[0]
            analysis = ANALYSIS if importance == "1" else dict.fromkeys(ANALYSIS, "")
            writer.writerow({**analysis,
                "id": f"synthetic-{number:06d}", "date": day.isoformat(), "end_date": "", "era": era,
                "category": rng.choice(categories), "importance": importance,
                "title_zh": f"合成事件 {number}", "title_en": f"Synthetic event {number}",
                "summary_zh": f"第 {number} 个用于性能测试的合成事件。",
                "summary_en": f"Synthetic event number {number}.",
                "aliases": "", "related": "", "sources": rng.choice(sources),
            })
    for name in ("eras.csv", "sources.csv"):
        (folder / name).write_bytes((BUNDLED / name).read_bytes())


def _ordinal(text: str) -> int:
    return dt.date.fromisoformat(text).toordinal()


def measure_script(app: Path, data: Path, repeat: int, measures: Measures, filter_key: str) -> None:
    """AppTest: a first run of a new session (caches warm, as for every user but the first), then a rerun."""
    from streamlit.testing.v1 import AppTest

    os.environ["TIMELINE_DATA_DIR"] = str(data)
    AppTest.from_file(str(app), default_timeout=600).run()  # warm the caches once, as a server's first visitor does
    for _ in range(repeat):
        at = AppTest.from_file(str(app), default_timeout=600)
        started = time.perf_counter()
        at.run()
        measures.first_run.append(time.perf_counter() - started)
        next(widget for widget in at.multiselect if widget.key == filter_key).set_value(["treaty"])
        started = time.perf_counter()
        at.run()
        measures.rerun.append(time.perf_counter() - started)
        assert not at.exception, at.exception


@contextlib.contextmanager
def _server(app: Path, data: Path) -> Iterator[tuple[str, int]]:
    sys.path.insert(0, str(ROOT))
    from tests.e2e.live import running_server

    with running_server(data, script=app, timeout=600) as base:
        yield base, _server_pid(base)


def _server_pid(base: str) -> int:
    port = base.rsplit(":", 1)[1]
    output = subprocess.run(["ss", "-ltnp", f"sport = :{port}"], capture_output=True, text=True, check=False).stdout
    marker = "pid="
    return int(output.split(marker, 1)[1].split(",", 1)[0]) if marker in output else -1


def _peak_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


POINT_SCRIPT = """(index) => {
    const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    const layout = plot._fullLayout;
    const traces = plot._fullData.filter(t => t.mode && t.mode.includes('markers') && t.customdata
        && t.customdata.length && !String(t.customdata[0]).startsWith('era:'));
    const trace = traces[index % traces.length];
    const i = Math.floor(trace.customdata.length * ((index * 0.37) % 1));
    const xa = layout.xaxis, ya = layout.yaxis, box = plot.getBoundingClientRect();
    return {x: box.left + xa._offset + xa.l2p(xa.d2l(trace.x[i])),
            y: box.top + ya._offset + ya.l2p(ya.d2l(trace.y[i]))};
}"""
SCRIPT_IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
CHART_DRAWN = """() => {
    const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    return !!(plot && plot._fullData && plot._fullData.length && plot._fullLayout
              && document.querySelector('[data-testid="stPlotlyChart"] .main-svg'));
}"""


def measure_browser(app: Path, data: Path, repeat: int, measures: Measures) -> None:
    """Chromium: page load → chart drawn, and click → panel visible, with the server's peak memory."""
    from playwright.sync_api import sync_playwright
    from tests.e2e.live import launch_browser

    with _server(app, data) as (base, pid), sync_playwright() as playwright:
        browser = launch_browser(playwright)
        warm = browser.new_page()
        warm.goto(base)
        warm.wait_for_function(CHART_DRAWN, timeout=600_000)
        warm.close()
        for _ in range(repeat):
            page = browser.new_page(viewport={"width": 1400, "height": 1700})
            started = time.perf_counter()
            page.goto(base)
            page.wait_for_function(CHART_DRAWN, timeout=600_000, polling=20)
            measures.load.append(time.perf_counter() - started)
            page.wait_for_function(SCRIPT_IDLE, timeout=600_000)
            for click in range(3):
                before = page.evaluate("() => document.querySelector('.st-key-detail h3')?.innerText || ''")
                point = page.evaluate(POINT_SCRIPT, click + 1)
                page.mouse.move(point["x"], point["y"])
                page.wait_for_timeout(600)  # past Plotly's double-click window, and the hover settles
                started = time.perf_counter()
                page.mouse.click(point["x"], point["y"])
                try:
                    page.wait_for_function(
                        "(before) => { const h = document.querySelector('.st-key-detail h3');"
                        " return h && h.innerText && h.innerText !== before; }", arg=before, timeout=60_000,
                        polling=10)
                    measures.click.append(time.perf_counter() - started)
                except Exception:  # a click between markers selects nothing: not a sample
                    pass
            page.close()
        browser.close()
        measures.peak_mb = _peak_mb(pid)


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def run(sizes: list[str], repeat: int) -> None:
    """Measure every size for both apps and print the table."""
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for size in sizes:
            if size == "bundled":
                data, label = BUNDLED, f"bundled ({sum(1 for _ in (BUNDLED / 'events.csv').open()) - 1:,})"
            else:
                data = Path(scratch) / size
                data.mkdir()
                generate_events(int(size), data)
                label = f"{int(size):,}"
            results = {}
            for name, app, filter_key in (("dashboard", DASHBOARD, "w_categories"), ("bare", BARE_APP, "cat")):
                measures = Measures()
                print(f"… {label}: {name}", file=sys.stderr, flush=True)
                measure_script(app, data, repeat, measures, filter_key)
                measure_browser(app, data, repeat, measures)
                results[name] = measures
            rows.append((label, results))
    _print_table(rows, repeat)


def _print_table(rows, repeat: int) -> None:
    print(f"\nMachine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"medians of {repeat} page loads (3 clicks each) and {repeat} script runs\n")
    header = ("| events | app | first run (s) | rerun after filter (s) | load → chart (s) | click → panel (s) "
              "| peak server memory (MB) |")
    print(header)
    print("|" + "---|" * 7)
    for label, results in rows:
        cells = {}
        for name, measures in results.items():
            cells[name] = [_median(measures.first_run), _median(measures.rerun), _median(measures.load),
                           _median(measures.click), measures.peak_mb]
        for name in ("dashboard", "bare"):
            values = cells[name]
            print(f"| {label} | {name} | " + " | ".join(_fmt(value, index) for index, value in
                                                      enumerate(values)) + " |")
        ratios = [a / b if b else float("nan") for a, b in zip(cells["dashboard"], cells["bare"])]
        print(f"| {label} | ratio dashboard / bare | " + " | ".join(f"{ratio:.2f}×" for ratio in ratios) + " |")


def _fmt(value: float, index: int) -> str:
    return f"{value:.0f}" if index == 4 else f"{value:.3f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["bundled", "10000", "100000"])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    run(args.sizes, args.repeat)


if __name__ == "__main__":
    main()
