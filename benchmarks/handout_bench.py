"""Time the handout of the whole bundled dataset, in each language, as the CLI makes it.

    .venv/bin/python -m benchmarks.handout_bench [--repeat 5]

The goal is at most 3 s for all events on the reference machine (2 cores). It prints the median and
the slowest run of each step; nothing is asserted, since the figures vary with the machine and its load.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _time_cli(lang: str, output: Path) -> tuple[float, float]:
    """Wall and CPU seconds for ``python -m timeline handout --lang LANG -o OUTPUT`` (start-up, loading, drawing).

    The CPU time is what the run would take on an idle machine; the wall time also counts waiting
    for cores that other processes hold.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "timeline", "handout", "--lang", lang, "-o", str(output)],
                   check=True, cwd=ROOT, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _time_build(lang: str) -> float:
    """Seconds for :func:`timeline.handout.build_handout` alone, the data already loaded (as in the app)."""
    from timeline.dataset import bundled_data_dir, load_dataset
    from timeline.handout import build_handout

    dataset = load_dataset(bundled_data_dir())
    started = time.perf_counter()
    build_handout(dataset, dataset.events, lang)
    return time.perf_counter() - started


def main() -> None:
    """Print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for lang in ("zh", "en"):
            walls, cpus = zip(*(_time_cli(lang, Path(folder) / f"handout_{lang}.pdf") for _ in range(args.repeat)))
            build = [_time_build(lang) for _ in range(args.repeat)]
            size = (Path(folder) / f"handout_{lang}.pdf").stat().st_size
            print(f"{lang}: whole CLI median {statistics.median(walls):.2f} s wall (slowest {max(walls):.2f} s), "
                  f"{statistics.median(cpus):.2f} s CPU; build_handout alone median "
                  f"{statistics.median(build):.2f} s wall; {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
