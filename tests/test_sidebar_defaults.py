"""Every knob's widget carries its value as its default on every run, not only the first.

A browser that first draws a widget from a later run's element (a page that reruns at once on a busy
server) starts it at that element's default. Given only on the first run, the default of every later run
was min_value (the first option, off): every knob dropped to its minimum and the next click trained that
('Step 1 of 1', seen on a shared server)."""
from streamlit.testing.v1 import AppTest

LINK = dict(task="sum-sign", cell="lstm", steps="20", seq_len="100", hidden_size="48", lr="0.02", lang="en")


def knob_widgets(at) -> list:
    return [w for w in (*at.sidebar.number_input, *at.sidebar.slider, *at.sidebar.toggle, *at.sidebar.selectbox)
            if str(w.key).startswith("cfg.")]


def default_and_value(widget) -> tuple:
    """What a browser would start the widget at (its element's default), and the value the session holds."""
    default = widget.proto.default
    if widget.type == "selectbox":
        return default, widget.index
    if widget.type == "slider":
        return float(default[0]), float(widget.value)
    return default, widget.value


def open_link() -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=120)
    for name, value in LINK.items():
        at.query_params[name] = value
    return at.run()


def test_every_knob_carries_its_value_as_its_default_on_every_run():
    at = open_link()
    at.run()                                     # a second run, as a page's own st.rerun makes one
    widgets = knob_widgets(at)
    assert {w.key for w in widgets} >= {"cfg.task", "cfg.cell", "cfg.hidden_size", "cfg.lr", "cfg.steps",
                                        "cfg.layers", "cfg.bidirectional", "cfg.sum-sign.seq_len"}
    for widget in widgets:
        default, value = default_and_value(widget)
        assert default == value, widget.key
    assert at.number_input(key="cfg.steps").proto.default == 20


def test_a_knob_set_by_code_is_sent_without_a_warning_and_its_default_follows():
    at = open_link()
    at.sidebar.selectbox(key="cfg.task").select("adding").run()     # its callback sets the recommendations
    assert all("Session State API" not in w.value for w in at.warning)
    assert at.session_state["cfg.steps"] == 1500
    at.run()
    assert at.number_input(key="cfg.steps").proto.default == 1500
