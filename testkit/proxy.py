"""Learners through nginx in front of several replicas (deploy/replicas.py): a route cookie as a browser
gets it, a wire session that carries it, and nginx found or the test skipped (as with Chromium).

nginx routes on the cookie deploy.replicas.COOKIE and says which replica answered in the header
deploy.replicas.REPLICA_HEADER, so a test can tell where each request of a learner went.
"""
from __future__ import annotations

import os
import urllib.error
import urllib.request
from urllib.parse import urlencode

from deploy.replicas import COOKIE, REPLICA_HEADER, nginx_or_none
from testkit.wire_session import WireSession


def visit(proxy_url: str, route: str | None = None, path: str = "/") -> tuple[str, str, int]:
    """GET `path` through the proxy as a browser loading the page would, with the route cookie if given:
    (the route nginx set, the replica that answered as host:port, the status)."""
    headers = {"Cookie": f"{COOKIE}={route}"} if route else {}
    with urllib.request.urlopen(urllib.request.Request(f"{proxy_url}{path}", headers=headers), timeout=30) as response:
        set_cookie = response.headers.get("Set-Cookie", "")
        replica = answered(response.headers.get(REPLICA_HEADER, ""))
        status = response.status
    route = set_cookie.split(";")[0].partition("=")[2] if set_cookie.startswith(f"{COOKIE}=") else route
    return route, replica, status


def route_to(proxy_url: str, replica: str, tries: int = 200) -> str:
    """A route (a first visit's cookie) that nginx sends to `replica` (host:port): first visits until one
    lands there, as new learners arriving do."""
    for _ in range(tries):
        route, answered, _ = visit(proxy_url)
        if answered == replica:
            return route
    raise AssertionError(f"no first visit of {tries} reached {replica}")


def wire_session(proxy_url: str, params: dict[str, str], route: str, page: str = "train") -> WireSession:
    """A learner's session over the proxy's websocket, carrying its route cookie."""
    return WireSession(proxy_url, params, headers={"Cookie": f"{COOKIE}={route}"}, page=page)


def answered(replicas: str) -> str:
    """The replica that answered, from nginx's list of those it tried ("a:1, b:2" when a refused)."""
    return replicas.split(", ")[-1]


def served_by(session: WireSession) -> str:
    """The replica (host:port) whose websocket the session holds, as nginx said in the handshake."""
    return answered(session.response_headers.get(REPLICA_HEADER, ""))


def upload(proxy_url: str, route: str, session_id: str, megabytes: float) -> tuple[int, str]:
    """Upload a file of `megabytes` MB into session `session_id` as a page's file uploader does (a multipart
    PUT to /_stcore/upload_file/<session>/<file>, with the XSRF cookie and token a page holds), over the
    route `route`: (the status, the replica that answered; "" when nginx answered itself)."""
    cookie = f"{COOKIE}={route}"
    with urllib.request.urlopen(urllib.request.Request(f"{proxy_url}/_stcore/health", headers={"Cookie": cookie}),
                                timeout=30) as response:           # Streamlit sets its XSRF cookie here
        xsrf = next(c.split(";")[0].partition("=")[2] for c in response.headers.get_all("Set-Cookie")
                    if c.startswith("_streamlit_xsrf="))
    boundary = "rnnviz-upload-boundary"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="series.csv"\r\n'
            f"Content-Type: text/csv\r\n\r\n").encode() + b"1\n" * int(megabytes * 1024 * 1024 / 2) + \
        f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(
        f"{proxy_url}/_stcore/upload_file/{session_id}/file-1", data=body, method="PUT",
        headers={"Cookie": f"{cookie}; _streamlit_xsrf={xsrf}", "X-Xsrftoken": xsrf,
                 "Content-Type": f"multipart/form-data; boundary={boundary}"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get(REPLICA_HEADER, "")
    except urllib.error.HTTPError as refused:
        return refused.code, refused.headers.get(REPLICA_HEADER, "")


def page_url(proxy_url: str, params: dict[str, str], page: str = "train") -> str:
    return f"{proxy_url}/{page}?{urlencode(params)}"


def nginx_or_skip() -> str:
    """In a test: nginx's path; skip the test when nginx is missing, saying why; under CI=true, fail it."""
    import pytest                                    # here: the benchmarks run without pytest's machinery

    nginx = nginx_or_none()
    if nginx is None:
        reason = "nginx not found (install Debian's package: apt-get install -y nginx)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; under CI=true the replica tests must run")
        pytest.skip(reason)
    return nginx
