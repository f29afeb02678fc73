"""WireSession: a Streamlit session driven over its websocket, as a browser's frontend would, drawing nothing.

Why: a load test needs many learners on one server, and 20 headless Chromium pages took ~1.5 of this
machine's 2 cores, which in a classroom belong to the learners' own computers. A wire session asks the
server for the same work as a browser's session, at the same moments, and costs this machine little.

It mirrors Streamlit 1.67's frontend (streamlit/static/static/js/index.*.js: sendRerunBackMsg,
handleAutoRerun, handleNewSession, WidgetStateManager, ForwardMessageCache; useBasicWidgetState.*.js):
  - connects to /_stcore/stream with the subprotocol "streamlit" (no XSRF token: the server checks one
    only to read an auth cookie), then asks for a run with the URL's query string and its context
  - every rerun carries the page's script hash, the query string as the app last wrote it, the hashes of
    the messages it has cached, and the state of every widget on the page: a value widget's state is
    what the frontend stores when it mounts one (its value when the server sets it, else its default),
    a button's only when pressed, sent once
  - `auto_rerun` (st.fragment(run_every=...)): a fragment rerun every `interval` seconds, like the
    frontend's setInterval; a new interval replaces the timer, `stop_auto_rerun` and a full run's
    `new_session` cancel it
  - caches the messages the server marks cacheable and expands the server's `ref_hash` references,
    ageing the cache after each run as the frontend does
Read from it: the progress bar's text, any chart's latest Plotly spec (the JSON the browser would draw).
Every wait is bounded, and the session ends by itself when its websocket closes.
"""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlencode

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NumberInput_pb2 import NumberInput
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from rnnviz.ui.patches.live_chart import slot_keys

RECV_SLICE = 0.25       # seconds the reader waits for a message before it looks at its timers and at close()
OPEN_TIMEOUT = 30.0     # seconds a busy server may take to accept the websocket
RUN_ENDED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


def mounted_state(kind: str, element) -> WidgetState | None:
    """The state the frontend stores for a value widget it mounts (None for buttons and the rest): its
    current value when the server sets one (`set_value`), else its default."""
    state, current = WidgetState(id=element.id), getattr(element, "set_value", False)
    if kind == "checkbox":                                      # st.checkbox, st.toggle
        state.bool_value = element.value if current else element.default
    elif kind == "number_input":
        value = element.value if current else element.default
        if element.data_type == NumberInput.INT:
            state.int_value = int(value)
        else:
            state.double_value = value
    elif kind == "slider" and element.options:                  # st.select_slider
        values = element.raw_value if current else [element.options[int(i)] for i in element.default]
        state.string_array_value.data.extend(values)
    elif kind == "slider":
        state.double_array_value.data.extend(element.value if current else element.default)
    elif kind == "selectbox":
        if current:
            state.string_value = element.raw_value
        elif element.HasField("default") and element.options:
            state.string_value = element.options[element.default]
        else:
            return None                                         # no selection yet
    elif kind == "button_group":                                # st.segmented_control, st.pills
        labels = [f"{o.content_icon} {o.content}".strip() if o.content_icon else o.content for o in element.options]
        state.string_array_value.data.extend(element.raw_values if current else [labels[i] for i in element.default])
    elif kind == "file_uploader":
        state.file_uploader_state_value.SetInParent()           # no files
    else:
        return None
    return state


@dataclass
class Widget:
    kind: str               # the Element oneof: "button", "checkbox", ...
    element: object         # its proto, as last sent
    run_id: str             # the script run that last sent it
    fragment_id: str        # the fragment it belongs to ("" outside any)


@dataclass
class CachedMessage:
    payload: bytes
    run_count: int          # the cache's run count when the message was last used
    fragment_id: str


class WireSession:
    """One learner's session of the app at `base_url` (http://host:port), opened on `params` (the URL's
    query). Construct it to connect and ask for the first run; close() to leave."""

    def __init__(self, base_url: str, params: dict[str, str], locale: str = "en-US",
                 headers: dict[str, str] | None = None, page: str = ""):
        self.base_url, self.query_string, self.locale = base_url, urlencode(params), locale
        self.page = page                           # the URL's path ("train"): "" is the default page
        self.headers = headers or {}               # sent with the websocket's handshake (a proxy's cookie)
        self.response_headers = {}                 # the handshake's answer (which replica took it)
        self.noted: list[str] = []                 # "open", "close", "error ...": as a page's websocket notes
        self.progress_text = ""
        self.runs_finished = 0
        self.session_id = ""                       # the server's id of this session (its upload URLs carry it)
        self._specs: dict[str, str] = {}           # a chart's element id -> its latest Plotly JSON, newest last
        self._widgets: dict[str, Widget] = {}
        self._states: dict[str, WidgetState] = {}
        self._timers: dict[str, tuple[float, float]] = {}    # fragment id -> (interval, when next due)
        self._cache: dict[str, CachedMessage] = {}
        self._cache_runs, self._max_cache_age = 0, 2
        self._page_script_hash, self._run_id = "", ""
        self._changed = threading.Condition()      # notified after each message; guards all the above
        self._closing = threading.Event()
        self._websocket = None
        self._thread = threading.Thread(target=self._run, daemon=True, name=f"wire-session {params}")
        self._thread.start()
        if not self.wait_until(lambda: self._websocket is not None or self.noted, OPEN_TIMEOUT):
            self.noted.append(f"error: not open within {OPEN_TIMEOUT:.0f} s")

    # -- what a learner does and sees ------------------------------------------------------------------

    def press(self, label: str) -> None:
        """Press the button labelled `label`, as a click: a rerun (of its fragment, if it is in one) with
        its trigger set, then the trigger forgotten. KeyError if no button has that label."""
        with self._changed:
            button = next(w for w in self._widgets.values() if w.kind == "button" and w.element.label == label)
            trigger = WidgetState(id=button.element.id, trigger_value=True)
            self._rerun(button.fragment_id, extra=[trigger])

    def has_button(self, label: str) -> bool:
        with self._changed:
            return any(w.kind == "button" and w.element.label == label for w in self._widgets.values())

    def figure(self, key: str) -> dict | None:
        """The latest spec of the chart with widget key `key` (its element id ends with it, or with one of its
        live slots' keys: rnnviz/ui/patches/live_chart.py), parsed."""
        ends = tuple(f"-{k}" for k in (key, *slot_keys(key)))
        with self._changed:
            spec = next((s for element_id, s in reversed(self._specs.items()) if element_id.endswith(ends)), None)
        return json.loads(spec) if spec is not None else None

    def wait_until(self, condition: Callable[[], bool], timeout: float) -> bool:
        """Wait until `condition()` (checked after each message) holds; False if it still does not after
        `timeout` seconds or once the websocket has closed."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not condition():
                left = deadline - time.monotonic()
                if left <= 0 or not self._thread.is_alive():
                    return condition()
                self._changed.wait(min(left, RECV_SLICE))
        return True

    def close(self, timeout: float = 10.0) -> None:
        """Leave: close the websocket (the server then ends the session after its grace period)."""
        self._closing.set()
        self._thread.join(timeout)

    # -- the frontend's side of the protocol -----------------------------------------------------------

    def _run(self) -> None:
        url = self.base_url.replace("http", "ws", 1) + "/_stcore/stream"
        try:
            with connect(url, subprotocols=["streamlit"], origin=self.base_url, proxy=None, max_size=None,
                         ping_interval=None, open_timeout=OPEN_TIMEOUT,
                         additional_headers=self.headers) as websocket:
                with self._changed:
                    self.response_headers = websocket.response.headers    # case-insensitive lookups
                    self._websocket = websocket
                    self.noted.append("open")
                    self._rerun("")
                    self._changed.notify_all()
                while not self._closing.is_set():
                    try:
                        payload = websocket.recv(timeout=self._next_wait())
                    except TimeoutError:
                        payload = None
                    with self._changed:
                        if payload is not None:
                            self._handle(payload)
                        self._fire_due_timers()
                        self._changed.notify_all()
            self.noted.append("close")
        except ConnectionClosed as closed:
            self.noted.append(f"close {closed}")
        except Exception as error:        # noted for the report, like a page's socket error
            self.noted.append(f"error {type(error).__name__}: {error}"[:200])
        finally:
            with self._changed:
                self._changed.notify_all()

    def _next_wait(self) -> float:
        with self._changed:
            due = min((when for _, when in self._timers.values()), default=float("inf"))
        return max(0.0, min(due - time.monotonic(), RECV_SLICE))

    def _rerun(self, fragment_id: str, extra: list[WidgetState] = (), auto: bool = False) -> None:
        """Send a rerun request as the frontend's sendRerunBackMsg does (caller holds the lock)."""
        back = BackMsg()
        rerun = back.rerun_script
        rerun.query_string = self.query_string
        rerun.page_script_hash = self._page_script_hash
        if not self._page_script_hash:
            rerun.page_name = self.page            # the first run: the page the URL names
        rerun.fragment_id = fragment_id
        rerun.is_auto_rerun = auto
        rerun.widget_states.widgets.extend([*self._states.values(), *extra])
        rerun.cached_message_hashes.extend(self._cache)
        context = rerun.context_info
        context.locale, context.timezone, context.timezone_offset = self.locale, "UTC", 0
        context.url = f"{self.base_url}/{self.page}"   # the page's address, without its query
        context.is_embedded, context.color_scheme = False, "light"
        self._websocket.send(back.SerializeToString())

    def _fire_due_timers(self) -> None:
        now = time.monotonic()
        for fragment_id, (interval, due) in list(self._timers.items()):
            if due <= now:
                self._timers[fragment_id] = (interval, max(due + interval, now))    # setInterval: no catch-up burst
                self._rerun(fragment_id, auto=True)

    def _handle(self, payload: bytes) -> None:
        msg = ForwardMsg()
        msg.ParseFromString(payload)
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            msg = self._expand(msg)
            kind = msg.WhichOneof("type")
        elif msg.metadata.cacheable:
            cached = self._cache.setdefault(msg.hash, CachedMessage(payload, self._cache_runs, msg.delta.fragment_id))
            cached.run_count = self._cache_runs

        if kind == "new_session":
            self._run_id = msg.metadata.run.script_run_id
            self._page_script_hash = msg.new_session.page_script_hash
            self.session_id = msg.new_session.initialize.session_id or self.session_id
            self._max_cache_age = msg.new_session.config.max_cached_message_age
            if not msg.metadata.run.fragment_ids:
                self._timers.clear()                   # a full run sets its fragments' timers anew
        elif kind == "navigation":                     # st.navigation: the page that ran is the one to rerun
            self._page_script_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "auto_rerun":
            rerun = msg.auto_rerun
            if self._timers.get(rerun.fragment_id, (None,))[0] != rerun.interval:
                self._timers[rerun.fragment_id] = (rerun.interval, time.monotonic() + rerun.interval)
        elif kind == "stop_auto_rerun":
            for fragment_id in msg.stop_auto_rerun.fragment_ids:
                self._timers.pop(fragment_id, None)
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._element(msg.delta.new_element, msg.delta.fragment_id)
        elif kind == "script_finished":
            self._finished(msg)

    def _expand(self, reference: ForwardMsg) -> ForwardMsg:
        """The cached message a `ref_hash` stands for, with the reference's metadata (where it goes)."""
        cached = self._cache[reference.ref_hash]       # a miss is a protocol error: the session ends
        cached.run_count = self._cache_runs
        msg = ForwardMsg()
        msg.ParseFromString(cached.payload)
        msg.metadata.CopyFrom(reference.metadata)
        return msg

    def _element(self, element, fragment_id: str) -> None:
        kind = element.WhichOneof("type")
        if kind == "progress":
            self.progress_text = element.progress.text
        proto = getattr(element, kind)
        if kind == "plotly_chart":
            self._specs.pop(proto.id, None)        # newest last: a chart's id changes with its arguments
            self._specs[proto.id] = proto.spec
        elif getattr(proto, "id", ""):
            self._widgets[proto.id] = Widget(kind, proto, self._run_id, fragment_id)
            if proto.id not in self._states or getattr(proto, "set_value", False):
                state = mounted_state(kind, proto)
                if state is not None:
                    self._states[proto.id] = state

    def _finished(self, msg: ForwardMsg) -> None:
        """A run ended: forget the widgets it did not draw again (the frontend's stale nodes), age the cache."""
        status, run = msg.script_finished, msg.metadata.run
        fragments = set(run.fragment_ids)
        if status in RUN_ENDED and run.script_run_id:
            for widget_id, widget in list(self._widgets.items()):
                if widget.run_id != run.script_run_id and (not fragments or widget.fragment_id in fragments):
                    del self._widgets[widget_id]
                    self._states.pop(widget_id, None)
        if status != ForwardMsg.FINISHED_EARLY_FOR_RERUN and run.script_run_id:
            self._cache_runs += 1
            for hash_, cached in list(self._cache.items()):
                if fragments and cached.fragment_id not in fragments:
                    continue
                if self._cache_runs - cached.run_count > self._max_cache_age:
                    del self._cache[hash_]
        self.runs_finished += 1
