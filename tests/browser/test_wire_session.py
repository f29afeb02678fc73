"""A wire session (testkit/wire_session.py) is a learner without a browser: on the shared server it opens the
Train page, presses Start, follows the live panel's fragment reruns, and reads a loss history equal to a
solo run of its config. Its page can say "Finished" only after a fragment rerun, which only its auto-rerun
timer asks for, so this checks the timer too. Needs no Chromium.
"""
from testkit.plotly_spec import values
from testkit.solo_run import solo_losses
from testkit.wire_session import WireSession

STEPS = 30
PARAMS = {"task": "sum-sign", "cell": "gru", "hidden_size": "16", "steps": str(STEPS), "seed": "3", "lang": "en"}


def train_losses(session: WireSession) -> list[float]:
    figure = session.figure("train.loss_chart")
    return values(figure["data"][0]["y"]).tolist() if figure else []


def test_a_wire_session_trains_its_own_config_like_a_solo_run(server):
    session = WireSession(server.url, PARAMS, page="train")      # the Train page: the app opens on the welcome page
    try:
        assert session.wait_until(lambda: session.has_button("Start"), 60), session.noted
        session.press("Start")
        assert session.wait_until(lambda: "Finished" in session.progress_text and len(train_losses(session)) == STEPS,
                                  60), f"the page shows {session.progress_text!r}; noted {session.noted}"
        assert train_losses(session) == solo_losses(PARAMS)
        assert session.noted == ["open"], "one websocket, open throughout"
    finally:
        # the client waits for the server's answer to its close frame: after a full browser run that has
        # now and then taken just over 10 s (websockets' own close timeout), once the session's work is done
        session.close(timeout=30.0)
    assert session.noted == ["open", "close"]
