"""Serve the dashboard from N Streamlit processes behind HAProxy: ``make serve WORKERS=N [PORT=…]``.

Each Streamlit process keeps its sessions in its own memory and runs their scripts under one interpreter
lock, so one process uses about one core; N processes behind a proxy use N. The proxy pins each browser
to a worker with a cookie it sets, checks every worker's ``/_stcore/health``, and sends the browsers of a
worker that dies to another one. A worker that dies is started again. Ctrl-C or SIGTERM stops everything.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("haproxy.cfg.in")
COOKIE = "TIMELINE_WORKER"
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Backend:
    """One worker as the proxy sees it: a name (also its cookie value) and where it listens."""

    name: str
    host: str
    port: int


def render_haproxy_config(bind: str, backends: list[Backend]) -> str:
    """The proxy's configuration: one ``server`` line per backend, pinned by the cookie it sets."""
    servers = "\n".join(f"    server {backend.name} {backend.host}:{backend.port} check cookie {backend.name}"
                        for backend in backends)
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(bind=bind, servers=servers)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def _die_with_parent() -> None:
    """In a child: be killed when the supervisor dies, even by SIGKILL, so nothing is left behind (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _announce(message: str) -> None:
    print(message, flush=True)


class Supervisor:
    """Starts the workers and the proxy, restarts a worker that dies, stops all of them on request."""

    def __init__(self, workers: int, address: str, port: int, data_dir: str | None, ttl: int) -> None:
        self.address, self.port, self.ttl = address, port, ttl
        self.backends = [Backend(f"w{number}", "127.0.0.1", free_port()) for number in range(1, workers + 1)]
        # One secret for all workers (Streamlit takes it only from the environment or a config file): the
        # upload form's XSRF cookie stays valid when a browser moves to another worker.
        self.env = dict(os.environ, STREAMLIT_SERVER_COOKIE_SECRET=secrets.token_hex(32),
                        **({"TIMELINE_DATA_DIR": data_dir} if data_dir else {}))
        self.processes: dict[str, subprocess.Popen] = {}
        self.proxy: subprocess.Popen | None = None
        self.workdir = Path(tempfile.mkdtemp(prefix="timeline-serve-"))
        self.stopping = False

    def start_worker(self, backend: Backend) -> None:
        """Start one Streamlit process on its own port, on loopback only (only the proxy reaches it)."""
        command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
                   "--server.address", backend.host, "--server.port", str(backend.port),
                   "--server.headless", "true", "--browser.gatherUsageStats", "false",
                   "--server.fileWatcherType", "none", "--server.disconnectedSessionTTL", str(self.ttl)]
        process = subprocess.Popen(command, cwd=ROOT, env=self.env, preexec_fn=_die_with_parent,
                                   stdout=subprocess.DEVNULL, stderr=None)
        self.processes[backend.name] = process
        _announce(f"worker {backend.name} pid {process.pid} on {backend.host}:{backend.port}")

    def start_proxy(self) -> None:
        """Write the proxy's configuration and start HAProxy in the foreground (``-db``)."""
        config = self.workdir / "haproxy.cfg"
        config.write_text(render_haproxy_config(f"{self.address}:{self.port}", self.backends), encoding="utf-8")
        haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
        self.proxy = subprocess.Popen([haproxy, "-db", "-f", str(config)], preexec_fn=_die_with_parent)
        _announce(f"proxy pid {self.proxy.pid} config {config}")

    def wait_healthy(self, backend: Backend, timeout: float = 90) -> bool:
        """True once the worker answers its health check, False if it exits or times out first."""
        deadline = time.monotonic() + timeout
        url = f"http://{backend.host}:{backend.port}/_stcore/health"
        while time.monotonic() < deadline and not self.stopping:
            if self.processes[backend.name].poll() is not None:
                return False
            with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
            time.sleep(0.2)
        return False

    def wait_proxy(self, timeout: float = 30) -> bool:
        """True once the proxy accepts connections on its port, False if it exits or times out first."""
        deadline = time.monotonic() + timeout
        host = "127.0.0.1" if self.address in ("0.0.0.0", "") else self.address
        while time.monotonic() < deadline and self.proxy is not None and self.proxy.poll() is None:
            with contextlib.suppress(OSError), socket.create_connection((host, self.port), timeout=1):
                return True
            time.sleep(0.1)
        return False

    def run(self) -> int:
        """Serve until asked to stop; the exit code is 0 on a clean stop."""
        if not (shutil.which("haproxy") or Path("/usr/sbin/haproxy").exists()):
            print("haproxy is not installed: apt-get install haproxy (Debian) or see docs/deploy.md",
                  file=sys.stderr)
            return 1
        for backend in self.backends:
            self.start_worker(backend)
        if not all(self.wait_healthy(backend) for backend in self.backends):
            print("a worker did not start; see its messages above", file=sys.stderr)
            return 1
        self.start_proxy()
        if not self.wait_proxy():
            print("haproxy did not start listening; see its messages above", file=sys.stderr)
            return 1
        _announce(f"serving http://{self.address}:{self.port} with {len(self.backends)} workers (Ctrl-C stops)")
        while not self.stopping:
            if self.proxy is not None and self.proxy.poll() is not None:
                print(f"haproxy exited with code {self.proxy.returncode}", file=sys.stderr)
                return 1
            for backend in self.backends:
                if self.processes[backend.name].poll() is not None and not self.stopping:
                    _announce(f"worker {backend.name} exited with code {self.processes[backend.name].returncode};"
                              " starting it again")
                    self.start_worker(backend)
            time.sleep(0.5)
        return 0

    def request_stop(self, *_: object) -> None:
        """Signal handler: leave the serving loop."""
        self.stopping = True

    def stop(self) -> None:
        """Stop the proxy first (no new connections), then every worker; kill what does not stop."""
        children = ([self.proxy] if self.proxy else []) + list(self.processes.values())
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                child.terminate()
        deadline = time.monotonic() + 10
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)
        _announce("stopped")


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, serve, and always stop every child."""
    parser = argparse.ArgumentParser(prog="deploy/serve.py", description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="Streamlit processes (about one core each)")
    parser.add_argument("--port", type=int, default=8501, help="the proxy's port")
    parser.add_argument("--address", default="127.0.0.1", help="the proxy's address (0.0.0.0: other machines)")
    parser.add_argument("--data", default=None, help="a data folder (default: the bundled data)")
    parser.add_argument("--session-ttl", type=int, default=120,
                        help="seconds a disconnected session is kept (server.disconnectedSessionTTL)")
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    supervisor = Supervisor(args.workers, args.address, args.port, args.data, args.session_ttl)
    signal.signal(signal.SIGTERM, supervisor.request_stop)
    signal.signal(signal.SIGINT, supervisor.request_stop)
    try:
        return supervisor.run()
    finally:
        supervisor.stop()


if __name__ == "__main__":
    sys.exit(main())
