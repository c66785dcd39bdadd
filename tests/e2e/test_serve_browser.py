"""`make serve`: a class's browsers through HAProxy to two workers, and what happens when a worker dies."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.live import free_port, wait_for_app, wait_for_script

ROOT = Path(__file__).resolve().parents[2]
TITLE = ".st-key-panel_title"
COOKIE = "TIMELINE_WORKER"
# Counts the app's websockets as they open and close, to tell a reconnection from a page that never noticed.
SOCKET_SPY = """
(() => {
  window.__sockets = {opened: 0, closed: 0};
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    if (String(args[0]).includes('/_stcore/stream')) {
      window.__sockets.opened += 1;
      socket.addEventListener('close', () => { window.__sockets.closed += 1; });
    }
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})();
"""


class Served:
    """``deploy/serve.py`` running in its own process group, with what it announced."""

    def __init__(self, workers: int) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "deploy" / "serve.py"), "--workers", str(workers), "--port", str(self.port)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True)
        self.lines: list[str] = []
        self.serving = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        if not self.serving.wait(120):
            self.stop()
            raise RuntimeError("deploy/serve.py did not start serving: " + "".join(self.lines))

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)
            if line.startswith("serving "):
                self.serving.set()

    def worker_pids(self) -> dict[str, int]:
        """The newest PID announced for each worker name."""
        pids: dict[str, int] = {}
        for line in self.lines:
            if match := re.match(r"worker (w\d+) pid (\d+)", line):
                pids[match.group(1)] = int(match.group(2))
        return pids

    def proxy_pid(self) -> int:
        return next(int(match.group(1)) for line in self.lines if (match := re.match(r"proxy pid (\d+)", line)))

    def stop(self) -> int:
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    return False


def _require_haproxy() -> None:
    if shutil.which("haproxy") is None and not Path("/usr/sbin/haproxy").exists():
        if os.environ.get("REQUIRE_E2E") == "1":
            pytest.fail("REQUIRE_E2E=1 but haproxy is not installed (apt-get install haproxy)")
        pytest.skip("haproxy is not installed (apt-get install haproxy)")


@pytest.fixture(scope="module")
def served():
    _require_haproxy()
    service = Served(workers=2)
    yield service
    service.stop()


def _worker(context) -> str:
    return next(cookie["value"] for cookie in context.cookies() if cookie["name"] == COOKIE)


def _open_event(context, base: str, event: str):
    page = context.new_page()
    page.goto(f"{base}/?lang=en&event={event}")
    wait_for_app(page)
    return page


def test_a_session_through_the_proxy_clicks_downloads_and_uploads(browser, served):
    """Pinned by the proxy's cookie, one reader opens a panel, downloads the CSV and has an upload validated."""
    context = browser.new_context(viewport={"width": 1400, "height": 1700}, accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(served.base + "/?lang=en")
        wait_for_app(page)
        assert _worker(context) in served.worker_pids()
        page.goto(served.base + "/?lang=en&event=1960-treaty-signed")
        wait_for_app(page)
        expect(page.locator(TITLE)).to_contain_text("Treaty of Mutual Cooperation", timeout=30_000)
        following = page.locator(".st-key-w_next button")
        next_title = following.inner_text().split("→", 1)[1].strip()
        following.click()
        expect(page.locator(TITLE)).to_contain_text(next_title, timeout=30_000)
        with page.expect_download() as download_info:
            page.locator(".st-key-w_download button").click()
        assert download_info.value.path().read_bytes().startswith(b"\xef\xbb\xbf")
        page.get_by_text("Try your own events").first.click()
        page.set_input_files('[data-testid="stFileUploaderDropzoneInput"]',
                             str(ROOT / "tests" / "data" / "bad" / "unknown-source.csv"))
        expect(page.get_by_text(re.compile(r"unknown-source\.csv"))).to_be_visible(timeout=30_000)
        expect(page.locator('[data-testid="stCode"]').first).to_contain_text('column "sources"')
    finally:
        context.close()


def test_a_dead_workers_readers_come_back_in_their_view_and_the_others_see_nothing(browser, served):
    """Kill the worker of one reader: that page reconnects to a live worker in the view its address names,
    and still answers; the other worker's reader keeps its connection throughout."""
    contexts = []
    try:
        pages: dict[str, object] = {}
        while len(pages) < 2 and len(contexts) < 6:  # round robin: fresh browsers alternate workers
            context = browser.new_context(viewport={"width": 1400, "height": 1700})
            context.add_init_script(SOCKET_SPY)
            contexts.append(context)
            event = "1960-treaty-signed" if not pages else "1951-security-treaty-signed"
            page = _open_event(context, served.base, event)
            pages.setdefault(_worker(context), page)
        assert len(pages) == 2, "two fresh browsers should have been pinned to two workers"
        (victim_name, victim), (_, other) = pages.items()
        victim_title = victim.locator(TITLE).inner_text()
        other_opened = other.evaluate("window.__sockets.opened")

        os.kill(served.worker_pids()[victim_name], signal.SIGKILL)

        victim.wait_for_function("window.__sockets.closed >= 1", timeout=30_000)
        # A new session on a live worker has drawn the page: the view its address names, the same panel.
        victim.wait_for_function("window.__timelineConnection.sessions >= 2", timeout=60_000)
        wait_for_script(victim)
        expect(victim.locator(TITLE)).to_have_text(victim_title)
        following = victim.locator(".st-key-w_next button")
        next_title = following.inner_text().split("→", 1)[1].strip()
        following.click()
        expect(victim.locator(TITLE)).to_contain_text(next_title, timeout=60_000)

        assert other.evaluate("window.__sockets") == {"opened": other_opened, "closed": 0}
        assert other.evaluate("window.__timelineConnection.sessions") == 1
        other_next = other.locator(".st-key-w_next button")
        other_title = other_next.inner_text().split("→", 1)[1].strip()
        other_next.click()
        expect(other.locator(TITLE)).to_contain_text(other_title, timeout=30_000)
        assert other.evaluate("window.__sockets.closed") == 0
    finally:
        for context in contexts:
            context.close()


def test_sigterm_stops_the_proxy_and_every_worker():
    """A clean stop leaves no process behind: the proxy and both workers are gone."""
    _require_haproxy()
    service = Served(workers=2)
    pids = [*service.worker_pids().values(), service.proxy_pid()]
    assert all(_alive(pid) for pid in pids)
    assert service.stop() == 0
    assert not any(_alive(pid) for pid in pids)
