"""Load benchmark: simulated users over Streamlit's own websocket protocol, no browsers.

    .venv/bin/python -m benchmarks.load                          # the capacity table (about 12 minutes)
    .venv/bin/python -m benchmarks.load --app dashboard --workers 2 --users 30 --duration 40
    .venv/bin/python -m benchmarks.load --app bare --users 10 --think 0 0

Each simulated user does what a browser does: it fetches the page (which gives it the proxy's sticky
cookie), opens ``/_stcore/stream``, and asks for script runs with ``BackMsg.rerun_script``, then reads
``ForwardMsg``s until ``script_finished``. Its actions are a mix of opening the app (a new session),
opening an event, opening an era, changing the filters, switching language and switching pages, each
through the address as a link or Back/Forward would (``is_history_navigation``), with a think time
between them. Servers are started here on 127.0.0.1 only: one Streamlit process, or N behind HAProxy
(``deploy/serve.py``), or the bare one-chart app (``benchmarks/bare_app.py``) for comparison.

It prints, per run: actions, actions per second, p50 / p95 / max latency per action, errors, each
process's memory at rest, with every session connected, and after the sessions have left (once the
disconnected-session TTL has passed), and the memory each session costs. Nothing here is a test: the
figures depend on the machine, so they are printed, not asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import random
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from deploy.serve import free_port
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = ROOT / "dashboard.py"
BARE_APP = ROOT / "benchmarks" / "bare_app.py"
SERVE = ROOT / "deploy" / "serve.py"
BUNDLED = ROOT / "data"
MAX_USERS = 300
MAX_DURATION = 900
LOOPBACK = "127.0.0.1"
# The mix of actions a reader takes, with their weights.
ACTION_WEIGHTS = {"open": 1, "event": 3, "next": 3, "era": 2, "filter": 2, "language": 1, "page": 1}
NEXT_BUTTON = "w_next"  # the panel's Next button; the bare app has none (its "next" is a plain rerun)
PAGES = ("", "compare", "documents", "themes", "sources")
ARRIVAL = "arrive"
BARE_AS_SHIPPED = "bare-gc"


@dataclass
class Sample:
    action: str
    seconds: float
    ok: bool
    error: str = ""


@dataclass
class Run:
    """What one load run measured."""

    label: str
    users: int
    think: tuple[float, float]
    duration: float
    samples: list[Sample] = field(default_factory=list)
    memory_mb: dict[str, list[float]] = field(default_factory=dict)  # phase -> MB per process


def _ids(file: str, column: str = "id") -> list[str]:
    import csv

    with (BUNDLED / file).open(encoding="utf-8") as handle:
        return [row[column] for row in csv.DictReader(handle)]


class SimulatedUser:
    """One reader: a session on the server, and a loop of actions with think time between them."""

    def __init__(self, base: str, rng: random.Random, events: list[str], eras: list[str], think: tuple[float, float]):
        self.base, self.rng, self.events, self.eras, self.think = base, rng, events, eras, think
        self.lang = rng.choice(["zh", "en"])
        self.page = ""
        self.params: dict[str, str] = {"lang": self.lang}
        self.cached: set[str] = set()
        self.next_button: tuple[str, str] | None = None  # (widget id, fragment id) of the Next button drawn last
        self.early_reruns = 0  # runs cut short by a rerun the app asked for: work done twice
        self.page_hashes: dict[str, str] = {}  # url path ("" for the default page) -> page script hash
        self.socket = None

    async def _cookies(self) -> str:
        """GET the page as a browser does; the proxy's sticky cookie comes back here."""
        def fetch() -> str:
            with urllib.request.urlopen(self.base + "/", timeout=30) as response:
                cookies = response.headers.get_all("Set-Cookie") or []
            return "; ".join(cookie.split(";", 1)[0] for cookie in cookies)
        return await asyncio.to_thread(fetch)

    async def open_session(self) -> None:
        """A new tab: cookies, a websocket, and the first script run."""
        await self.close()
        self.cached.clear()
        self.page_hashes.clear()
        cookies = await self._cookies()
        url = self.base.replace("http://", "ws://") + "/_stcore/stream"
        headers = {"Cookie": cookies} if cookies else {}
        self.socket = await connect(url, subprotocols=["streamlit"], additional_headers=headers,
                                    max_size=None, open_timeout=60, ping_interval=None)

    async def close(self) -> None:
        if self.socket is not None:
            with contextlib.suppress(Exception):
                await self.socket.close()
            self.socket = None

    async def rerun(self, history: bool, click: tuple[str, str] | None = None) -> bool:
        """Ask for a script run of the current address, or a click on a button (widget id, fragment id), as
        a browser does; True when it finished without an exception shown."""
        message = BackMsg()
        state = message.rerun_script
        if click is not None:
            widget_id, fragment_id = click
            trigger = state.widget_states.widgets.add()
            trigger.id, trigger.trigger_value = widget_id, True
            state.fragment_id = fragment_id
        state.query_string = urlencode(self.params)
        # As a browser does: the page's script hash once the navigation has named it, else its address path.
        state.page_script_hash = self.page_hashes.get(self.page, "")
        state.page_name = self.page
        state.is_history_navigation = history
        state.cached_message_hashes.extend(sorted(self.cached))
        await self.socket.send(message.SerializeToString())
        ok = True
        while True:
            data = await asyncio.wait_for(self.socket.recv(), timeout=120)
            forward = ForwardMsg()
            forward.ParseFromString(data)
            if forward.metadata.cacheable and forward.hash:
                self.cached.add(forward.hash)
            kind = forward.WhichOneof("type")
            if kind == "page_info_changed":  # the app rewrote the address, as the browser's bar would show
                self.params = dict(parse_qsl(forward.page_info_changed.query_string))
            if kind == "navigation":
                for page in forward.navigation.app_pages:
                    self.page_hashes[page.url_pathname] = page.page_script_hash
                    if page.is_default:
                        self.page_hashes[""] = page.page_script_hash
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                if element.WhichOneof("type") == "exception":
                    ok = False
                elif element.WhichOneof("type") == "button" and element.button.id.endswith(f"-{NEXT_BUTTON}"):
                    self.next_button = (element.button.id, forward.delta.fragment_id)
            if kind == "script_finished":
                status = ForwardMsg.ScriptFinishedStatus.Name(forward.script_finished)
                if status == "FINISHED_EARLY_FOR_RERUN":
                    self.early_reruns += 1
                    continue
                return ok and status != "FINISHED_WITH_COMPILE_ERROR"

    def _next_action(self) -> str:
        actions, weights = zip(*ACTION_WEIGHTS.items(), strict=True)
        return self.rng.choices(actions, weights)[0]

    def _apply(self, action: str) -> None:
        """Change the address as the action would."""
        self.next_button = None  # a new address draws a new page; its Next button comes with it
        if action == "event":
            self.page = ""
            self.params = {"lang": self.lang, "event": self.rng.choice(self.events)}
        elif action == "era":
            self.page = ""
            self.params = {"lang": self.lang, "show_era": self.rng.choice(self.eras)}
        elif action == "filter":
            self.page = ""
            self.params = {"lang": self.lang, "era": self.rng.choice(self.eras),
                           "imp": self.rng.choice(["1", "1,2", "1,2,3"])}
        elif action == "language":
            self.lang = "en" if self.lang == "zh" else "zh"
            self.params["lang"] = self.lang
        elif action == "page":
            self.page = self.rng.choice([page for page in PAGES if page != self.page])
            self.params = {"lang": self.lang}

    async def act(self, action: str) -> Sample:
        started = time.perf_counter()
        try:
            if action == "open" or self.socket is None:
                action = "open"
                self.page, self.params = "", {"lang": self.lang}
                await self.open_session()
                ok = await self.rerun(history=False)
            elif action == "next":
                if self.next_button is None:  # no panel open yet (or the bare app): open an event first
                    self._apply("event")
                    ok = await self.rerun(history=True)
                else:
                    click, self.next_button = self.next_button, None
                    ok = await self.rerun(history=False, click=click)
            else:
                self._apply(action)
                ok = await self.rerun(history=True)
        except Exception as error:  # a refused or dropped connection is an error of the run, never a crash of it
            await self.close()
            return Sample(action, time.perf_counter() - started, False, f"{type(error).__name__}: {error}"[:120])
        return Sample(action, time.perf_counter() - started, ok, "" if ok else "the page showed an exception")

    async def run(self, until: float, samples: list[Sample], ready: asyncio.Event) -> None:
        arrival = await self.act("open")
        arrival.action = ARRIVAL  # the class opening the link together: reported, but apart from the steady state
        samples.append(arrival)
        ready.set()
        while time.monotonic() < until:
            await asyncio.sleep(self.rng.uniform(*self.think))
            if time.monotonic() >= until:
                break
            samples.append(await self.act(self._next_action()))


async def _drive(base: str, users: int, duration: float, think: tuple[float, float], seed: int,
                 on_all_connected) -> tuple[list[Sample], list[SimulatedUser]]:
    events, eras = _ids("events.csv"), _ids("eras.csv")
    rng = random.Random(seed)
    samples: list[Sample] = []
    simulated = [SimulatedUser(base, random.Random(rng.random()), events, eras, think) for _ in range(users)]
    until = time.monotonic() + duration
    readies = [asyncio.Event() for _ in simulated]
    tasks = []
    for user, ready in zip(simulated, readies, strict=True):
        tasks.append(asyncio.create_task(user.run(until, samples, ready)))
        await asyncio.sleep(min(0.1, duration / max(users, 1) / 4))  # arrivals spread, as a class opening a link
    await asyncio.gather(*(ready.wait() for ready in readies))
    on_all_connected()
    await asyncio.gather(*tasks)
    return samples, simulated


def _rss_mb(pid: int) -> float:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


@contextlib.contextmanager
def serving(app: str, workers: int, session_ttl: int) -> Iterator[tuple[str, list[int]]]:
    """Start the app on 127.0.0.1: one process, or ``workers`` behind HAProxy; yield its URL and worker PIDs."""
    port = free_port(LOOPBACK)
    env = dict(os.environ, TIMELINE_DATA_DIR=str(BUNDLED))
    if workers > 1:
        command = [sys.executable, str(SERVE), "--workers", str(workers), "--port", str(port),
                   "--session-ttl", str(session_ttl)]
    else:
        script = DASHBOARD if app == "dashboard" else BARE_APP
        command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
                   "--server.address", LOOPBACK, "--server.headless", "true", "--browser.gatherUsageStats", "false",
                   "--server.fileWatcherType", "none", "--server.disconnectedSessionTTL", str(session_ttl)]
        if app == BARE_AS_SHIPPED:  # Streamlit's default: a full garbage collection after every run
            command += ["--runner.postScriptGC", "true"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, start_new_session=True)
    base = f"http://{LOOPBACK}:{port}"
    try:
        pids = _wait_serving(process, base, workers)
        yield base, pids
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_serving(process: subprocess.Popen, base: str, workers: int) -> list[int]:
    if workers == 1:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), urllib.request.urlopen(base + "/_stcore/health", timeout=2):
                return [process.pid]
            time.sleep(0.2)
        raise RuntimeError(f"the server did not start at {base}")
    pids = []
    for line in process.stdout:
        if match := re.match(r"worker w\d+ pid (\d+)", line):
            pids.append(int(match.group(1)))
        if line.startswith("serving "):
            return pids
    raise RuntimeError("deploy/serve.py stopped before serving")


def measure(app: str, workers: int, users: int, duration: float, think: tuple[float, float], session_ttl: int,
            seed: int = 1951, memory: bool = True) -> Run:
    """One load run against a freshly started server."""
    run = Run(f"{app} ×{workers}", users, think, duration)
    with serving(app, workers, session_ttl) as (base, pids):
        asyncio.run(_warm_up(base, len(pids)))
        run.memory_mb["rest"] = [_rss_mb(pid) for pid in pids]

        def on_all_connected() -> None:
            run.memory_mb["connected"] = [_rss_mb(pid) for pid in pids]

        samples, simulated = asyncio.run(_drive(base, users, duration, think, seed, on_all_connected))
        run.samples = samples
        run.memory_mb["peak"] = [_rss_mb(pid) for pid in pids]
        asyncio.run(_close_all(simulated))
        if memory:
            time.sleep(session_ttl + 5)  # the disconnected sessions are dropped after the TTL
            run.memory_mb["left"] = [_rss_mb(pid) for pid in pids]
    return run


async def _warm_up(base: str, workers: int) -> None:
    """One session per worker (the proxy deals fresh browsers round robin), so each has loaded the app."""
    for _ in range(workers):
        user = SimulatedUser(base, random.Random(0), _ids("events.csv"), _ids("eras.csv"), (0, 0))
        await user.act("open")
        await user.close()


async def _close_all(simulated: list[SimulatedUser]) -> None:
    await asyncio.gather(*(user.close() for user in simulated))


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summarise(run: Run) -> dict[str, float]:
    """Actions per second, p50, p95 and max over the steady state (every action after each user's arrival),
    and the errors of the whole run."""
    steady = [sample for sample in run.samples if sample.action != ARRIVAL]
    timed = [sample.seconds for sample in steady]
    return {"actions": len(steady), "per_second": len(steady) / run.duration,
            "p50": _percentile(timed, 0.5), "p95": _percentile(timed, 0.95), "max": max(timed, default=float("nan")),
            "errors": sum(not sample.ok for sample in run.samples)}


def print_run(run: Run) -> None:
    """The run's figures, overall and per action, and its memory."""
    overall = summarise(run)
    print(f"\n## {run.label}, {run.users} users, think {run.think[0]:g}–{run.think[1]:g} s, {run.duration:g} s")
    print(f"{overall['actions']} actions after arrival, {overall['per_second']:.1f}/s, errors {overall['errors']}")
    for error in sorted({sample.error for sample in run.samples if sample.error})[:5]:
        print(f"  error: {error}")
    print("| action | n | p50 s | p95 s | max s |\n| --- | ---: | ---: | ---: | ---: |")
    by_action: dict[str, list[float]] = defaultdict(list)
    for sample in run.samples:
        by_action[sample.action].append(sample.seconds)
    steady = [sample.seconds for sample in run.samples if sample.action != ARRIVAL]
    for action, values in [*sorted(by_action.items()), ("all after arrival", steady)]:
        print(f"| {action} | {len(values)} | {_percentile(values, .5):.2f} | {_percentile(values, .95):.2f} "
              f"| {max(values):.2f} |")
    if run.memory_mb:
        phases = " · ".join(f"{phase} {', '.join(f'{mb:.0f}' for mb in values)} MB"
                            for phase, values in run.memory_mb.items())
        print(f"memory per process: {phases}")
        rest, connected = run.memory_mb.get("rest"), run.memory_mb.get("connected")
        if rest and connected:
            per_session = (sum(connected) - sum(rest)) / max(run.users, 1)
            print(f"memory per connected session: {per_session:.1f} MB")


def capacity_table(duration: float, think: tuple[float, float], session_ttl: int,
                   steps: list[int], workers: list[int]) -> None:
    """For each setup, the most users held at p95 ≤ 1 s, stepping up the user count until p95 passes 1 s."""
    setups = [("dashboard", count) for count in workers] + [("bare", 1), (BARE_AS_SHIPPED, 1)]
    rows = []
    for app, count in setups:
        held, best = 0, None
        for users in steps:
            run = measure(app, count, users, duration, think, session_ttl, memory=False)
            figures = summarise(run)
            print(f"{app} ×{count}: {users} users → p95 {figures['p95']:.2f} s, {figures['per_second']:.1f} "
                  f"actions/s, errors {figures['errors']}", flush=True)
            for error in sorted({sample.error for sample in run.samples if sample.error})[:3]:
                print(f"  error: {error}", flush=True)
            if figures["p95"] > 1.0 or figures["errors"]:
                break
            held, best = users, figures
        rows.append((app, count, held, best))
    print(f"\n### Users held at p95 ≤ 1 s (think {think[0]:g}–{think[1]:g} s, {duration:g} s per step; "
          f"{platform.machine()}, {os.cpu_count()} cores; load generator on the same machine)")
    print("| app | processes | users held | actions/s there | p50 s | p95 s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for app, count, held, best in rows:
        if best is None:
            print(f"| {app} | {count} | < {steps[0]} | — | — | — |")
        else:
            print(f"| {app} | {count} | {held} | {best['per_second']:.1f} | {best['p50']:.2f} | {best['p95']:.2f} |")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app", choices=["dashboard", "bare", BARE_AS_SHIPPED],
                        help="one run of this app (default: the table); bare-gc is the bare app with Streamlit's "
                             "default full garbage collection after every run, which this project turns off")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="processes (N > 1: behind HAProxy)")
    parser.add_argument("--users", type=int, nargs="+", default=[10, 20, 30, 40, 60, 80])
    parser.add_argument("--duration", type=float, default=30, help="seconds of load per run")
    parser.add_argument("--think", type=float, nargs=2, default=[2.0, 3.0], help="think time range, seconds")
    parser.add_argument("--session-ttl", type=int, default=20,
                        help="server.disconnectedSessionTTL of the servers started here, seconds")
    args = parser.parse_args(argv)
    if max(args.users) > MAX_USERS or args.duration > MAX_DURATION or min(args.users) < 1:
        parser.error(f"users must be 1–{MAX_USERS} and duration ≤ {MAX_DURATION} s")
    think = (args.think[0], args.think[1])
    if args.app is None:
        capacity_table(args.duration, think, args.session_ttl, sorted(args.users), args.workers)
        return
    # Only the dashboard runs behind the proxy (deploy/serve.py serves it); a bare app runs as one process.
    for count in args.workers if args.app == "dashboard" else [1]:
        for users in args.users:
            print_run(measure(args.app, count, users, args.duration, think, args.session_ttl))


if __name__ == "__main__":
    main()
