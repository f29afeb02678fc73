"""Two replicas behind nginx (deploy/replicas.py, issue 22): each learner's page, websocket and reconnects
reach one replica (the route cookie), each trains alone (its loss history is exactly a solo run's), uploads
pass nginx up to Streamlit's own limit, and a stopped replica's learners come back on the other replica
while that replica's learners carry on untouched.

A few learners, not a lecture hall: bench/lecture_hall.py runs 40. Without nginx these tests are skipped
with the reason (under CI=true they fail), like the browser tests without Chromium.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.learners import START, WireLearner, finished
from deploy.replicas import COOKIE, ReplicaSet, max_upload_mb
from testkit.app_page import IDLE, LOSS_PLOT, POINTS, TRAIN_Y
from testkit.proxy import nginx_or_skip, page_url, route_to, served_by, upload, visit, wire_session
from testkit.solo_run import solo_losses
from testkit.streamlit_server import free_port
from testkit.waiting import wait_for

STEPS = 40
PAGE_STEPS = 200     # the browser page's run, at 20 steps/s: still training when its replica stops
LONG = 3000          # steps of a learner that must still be training when its neighbour's replica stops
# the page says Finished and its loss chart draws every step
FINISHED = """(steps) => {
    const bar = document.querySelector('[data-testid="stProgress"]');
    const plot = %s;
    return !!bar && bar.innerText.includes('Finished') && !!plot && !!plot._fullData && plot._fullData[0].y.length === steps;
}""" % LOSS_PLOT


def params(i: int, steps: int = STEPS) -> dict[str, str]:
    return {"task": "sum-sign", "cell": "rnn" if i % 2 == 0 else "gru", "hidden_size": "16",
            "steps": str(steps), "seed": str(i), "lang": "en", "pace": "max"}


def proxied_learner(proxy_url: str, learner_params: dict[str, str], route: str) -> WireLearner:
    """A wire learner (bench/learners.py) whose websocket goes through the proxy with its route cookie."""
    return WireLearner(proxy_url, learner_params, headers={"Cookie": f"{COOKIE}={route}"})


def start_replicas() -> ReplicaSet:
    nginx_or_skip()
    return ReplicaSet(2, port=free_port(), ports=[free_port(), free_port()]).start()


@pytest.fixture(scope="module")
def replicas():
    replica_set = start_replicas()
    yield replica_set
    replica_set.stop()


def routes_in_access_log(replica_set: ReplicaSet) -> dict[str, set[str]]:
    """route cookie -> the replicas that answered its requests, from nginx's access log (a request that
    found its replica gone lists each one tried: the last answered)."""
    served: dict[str, set[str]] = {}
    for line in (Path(replica_set.run_dir) / "access.log").read_text().splitlines():
        found = re.search(r"route=(\S+) replica=(.+) \S+$", line)
        if found:
            served.setdefault(found[1], set()).add(found[2].split(", ")[-1])
    return served


def test_each_learner_stays_on_its_replica_and_trains_alone(replicas):
    a, b = (r.address for r in replicas.replicas)
    routes = [route_to(replicas.url, a), route_to(replicas.url, b), route_to(replicas.url, a), route_to(replicas.url, b)]
    home = [a, b, a, b]
    expected = [solo_losses(params(i)) for i in range(len(routes))]
    for route, replica in zip(routes, home):
        assert visit(replicas.url, route)[:2] == (route, replica), "a page load keeps the route and its replica"

    learners = [proxied_learner(replicas.url, params(i), route) for i, route in enumerate(routes)]
    assert [served_by(learner.session) for learner in learners] == home, "each websocket reaches its page's replica"
    for learner in learners:
        learner.wait_ready()
        learner.press_start()
    assert wait_for(lambda: all(finished(learner, STEPS) for learner in learners), timeout=120), \
        f"not all finished: {[learner.progress_text() for learner in learners]}"
    for i, learner in enumerate(learners):
        assert learner.train_losses() == expected[i], f"learner {i}'s losses differ from a solo run of its config"
        assert learner.noted == ["open"], f"learner {i}'s websocket closed: {learner.noted}"

    # a reconnect (the same browser, a new websocket) reaches the same replica
    for learner, route, replica in zip(learners, routes, home):
        learner.close()
        again = wire_session(replicas.url, params(0), route)
        assert served_by(again) == replica
        again.close()
    served = routes_in_access_log(replicas)
    assert all(served[route] == {replica} for route, replica in zip(routes, home)), \
        "every request of a route, page, health checks and websockets, went to one replica"


def test_uploads_reach_the_learners_replica_up_to_streamlits_own_limit(replicas):
    """A file above nginx's default 1 MB reaches the learner's session on its replica, and one just under
    Streamlit's limit too (nginx allows the 1 MB Streamlit allows for a multipart body's framing, so it is
    never the stricter); far above, nginx refuses it itself. Sent to the other replica, the same upload finds no session: why routes are sticky."""
    a, b = (r.address for r in replicas.replicas)
    route, elsewhere = route_to(replicas.url, a), route_to(replicas.url, b)
    learner = proxied_learner(replicas.url, params(0), route)
    learner.wait_ready()
    session_id = learner.session.session_id
    assert session_id
    assert upload(replicas.url, route, session_id, 3) == (204, a)
    assert upload(replicas.url, route, session_id, max_upload_mb() - 0.01) == (204, a)
    assert upload(replicas.url, elsewhere, session_id, 0.001) == (400, b), "Streamlit: invalid session_id"
    assert upload(replicas.url, route, session_id, max_upload_mb() + 1.5) == (413, ""), "nginx refuses it"
    learner.close()


def test_a_stopped_replica_sends_its_learners_to_the_other_and_leaves_the_others_alone(browser):
    replica_set = start_replicas()
    try:
        doomed, other = (r.address for r in replica_set.replicas)
        # a browser page training on the replica that will stop, at a pace that keeps it training (a page
        # that is not training reconnects without a rerun, showing its last screen until the next click)
        page_params = {**params(0, PAGE_STEPS), "pace": "20"}
        route = route_to(replica_set.url, doomed)
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
        context.add_cookies([{"name": COOKIE, "value": route, "url": replica_set.url}])
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(page_url(replica_set.url, page_params))
        page.wait_for_selector(IDLE)
        page.wait_for_function(f"() => !!({LOSS_PLOT})")
        # and a wire learner on the other replica, training a long run at full speed
        neighbour_params = params(1, LONG)
        neighbour = proxied_learner(replica_set.url, neighbour_params, route_to(replica_set.url, other))
        assert served_by(neighbour.session) == other
        neighbour.wait_ready()
        neighbour.press_start()
        page.get_by_role("button", name=START, exact=True).click()
        page.wait_for_function(f"({POINTS})() > 0")
        assert neighbour.session.wait_until(lambda: neighbour.last_step() > 0, 60), "the neighbour trains"

        replica_set.replicas[0].stop()
        # the page reconnects by itself, and the other replica gives it a fresh session of the same
        # experiment (the URL carries it), ready to start again: the run so far went with its replica
        page.get_by_text("Ready to start").wait_for(timeout=60_000)
        # and says so: the run on the stopped replica was lost (rnnviz/ui/lost_run.py)
        page.get_by_text("The server you were training on restarted").wait_for(timeout=60_000)
        assert routes_in_access_log(replica_set)[route] == {doomed, other}
        page.wait_for_function(f"() => !!({LOSS_PLOT})")
        page.get_by_role("button", name=START, exact=True).click()
        page.wait_for_function(FINISHED, arg=PAGE_STEPS, timeout=120_000)
        assert page.evaluate(TRAIN_Y) == solo_losses(page_params), "trained again on the other replica, alone"
        assert wait_for(lambda: replica_set.down == {doomed}, timeout=30), "the health checks took it out"
        assert all(visit(replica_set.url)[1] == other for _ in range(10)), "new learners go to the replica that runs"

        assert wait_for(lambda: finished(neighbour, LONG), timeout=180), neighbour.progress_text()
        assert neighbour.noted == ["open"], "the other replica's learner never lost its connection"
        assert neighbour.train_losses() == solo_losses(neighbour_params)
        neighbour.close()
        context.close()
    finally:
        replica_set.stop()
