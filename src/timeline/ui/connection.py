"""Survive a worker's death behind the load balancer: after a reconnection, draw the page again at once.

Behind ``make serve`` each browser is pinned to one Streamlit process. When that process dies, the proxy
sends the browser's new websocket to another worker, which starts a fresh session that has drawn nothing
and registered none of the page's buttons: Streamlit would drop the reader's next click, since a button's
callback only runs in a session that has drawn it. This small browser component (``st.components.v2``)
notices the new connection and asks for one run straight away, which draws the view the address names
(the session reads its address on its first run) and makes the next click count. On the same worker (a
network blip) it costs one harmless rerun.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from timeline.ui.styles import apply_style

KEEPER_KEY = "connection_keeper"

_JS = """
export default function (component) {
  const keeper = window.__timelineConnection = window.__timelineConnection || {reconnections: 0, sessions: 0};
  keeper.send = component.setTriggerValue;
  // Counts the server sessions that have drawn this page: a second one means another worker took over.
  const session = (component.data || {}).session;
  if (session && session !== keeper.session) {
    keeper.session = session;
    keeper.sessions += 1;
  }
  if (keeper.installed) return;
  keeper.installed = true;
  // Installed after Streamlit opened its first websocket, so every socket seen here is a reconnection.
  const Native = window.WebSocket;
  function Watched(...args) {
    const socket = new Native(...args);
    if (String(args[0]).includes('/_stcore/stream')) {
      socket.addEventListener('open', () => {
        keeper.reconnections += 1;
        // Let Streamlit finish its own handshake before asking for the run.
        window.setTimeout(() => keeper.send('reconnected', keeper.reconnections), 250);
      });
    }
    return socket;
  }
  Watched.prototype = Native.prototype;
  Object.assign(Watched, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  window.WebSocket = Watched;
}
"""

_keeper = st.components.v2.component("timeline_connection", js=_JS)


def keep_connection() -> None:
    """Mount the reconnection watcher (invisible) on every page; its trigger only needs to cause a run."""
    apply_style(f".st-key-{KEEPER_KEY} {{ display: none; }}", f"{KEEPER_KEY}_style")
    with st.container(key=KEEPER_KEY):
        # The run itself is the point: the callback has nothing left to do.
        _keeper(data={"session": _session_id()}, key=f"w_{KEEPER_KEY}", on_reconnected_change=lambda: None)


def _session_id() -> str:
    context = get_script_run_ctx()
    return context.session_id if context else ""
