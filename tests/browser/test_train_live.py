"""The Train page in a real browser: training runs live without freezing the page."""
import shutil
import time

from conftest import AXIS_TYPE, IDLE, LOSS_PLOT, POINTS, ROOT, open_app, screenshot
from waiting import wait_for


def chart_points(page) -> int:
    return page.evaluate(POINTS)


def chart_margins_grown(page) -> list[float] | None:
    """Pixels Plotly added to the loss chart's left, bottom and right margins to fit its axes (None while
    there is no chart)."""
    return page.evaluate("""() => {
        const plot = %s;
        if (!(plot && plot._fullLayout && plot._fullLayout._size)) return null;
        const size = plot._fullLayout._size, margin = plot.layout.margin;
        return [size.l - margin.l, size.b - margin.b, size.r - margin.r];
    }""" % LOSS_PLOT)


# the loss charts the learner can see, counted at every animation frame for `seconds`: a chart being
# re-created is hidden until Plotly has drawn it (Streamlit sets visibility: hidden on it)
SHOWN_PER_FRAME = """(seconds) => new Promise(done => {
    const shown = () => [...document.querySelectorAll('[class*="st-key-train-loss_chart"] .js-plotly-plot')]
        .filter(plot => getComputedStyle(plot).visibility === 'visible' && plot.getBoundingClientRect().width > 0
                        && plot.querySelector('.main-svg')).length;
    const counts = [], start = performance.now();
    const frame = () => {
        counts.push(shown());
        if (performance.now() - start < seconds * 1000) requestAnimationFrame(frame); else done(counts);
    };
    requestAnimationFrame(frame);
})"""


def watch_frames(page, seconds: float) -> None:
    """Start counting the loss charts shown at every animation frame for `seconds` (in the page)."""
    page.evaluate("seconds => { window.__shown = null; (%s)(seconds).then(c => { window.__shown = c; }); }"
                  % SHOWN_PER_FRAME, seconds)


def assert_one_chart_per_frame(page) -> None:
    """Once watch_frames is done: no frame showed two charts, and at most 1 in 100 an empty box (a full rerun
    can still leave it empty for a frame now and then; re-created at every refresh without the live stack,
    the chart left it empty in 5 of 100)."""
    counts = page.wait_for_function("window.__shown", timeout=10_000).json_value()
    shown = [counts.count(n) for n in range(3)]
    assert len(counts) == sum(shown) and shown[2] == 0 and shown[0] <= len(counts) / 100, \
        f"frames showing 0, 1, 2 charts: {shown}"


def set_steps(page, steps: int) -> None:
    page.get_by_text("Training", exact=True).first.click()
    field = page.get_by_role("spinbutton", name="Training steps")
    field.fill(str(steps))
    field.press("Enter")
    page.wait_for_timeout(500)
    page.wait_for_selector(IDLE)


def test_start_trains_live_and_pause_stops(page, server):
    open_app(page, server.url)
    set_steps(page, 100_000)            # long enough to watch
    page.get_by_role("button", name="Reset", exact=True).click()
    page.wait_for_selector(IDLE)
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_function(f"({POINTS})() > 0", timeout=30_000)
    first = chart_points(page)
    page.wait_for_function(f"({POINTS})() > {first}", timeout=10_000)   # the loss chart gains points
    second = chart_points(page)
    # and does not blink: through several refreshes and two full reruns of the page (projector mode on, off)
    watch_frames(page, 3.5)
    for _ in range(2):
        time.sleep(1.0)
        page.get_by_text("Projector mode").click()
    assert_one_chart_per_frame(page)
    assert chart_points(page) > second, "the chart did not refresh while it was watched"
    second = chart_points(page)

    # the page still answers elsewhere while it trains: switch the chart to a log axis, back, and again
    # (a fragment run with a new layout: watched too, as a binary array once made it flash)
    watch_frames(page, 3.0)
    for axis in ("log", "linear", "log"):
        page.get_by_text("Log y axis").click()
        page.wait_for_function(f"({AXIS_TYPE})() === '{axis}'", timeout=10_000)
        time.sleep(0.5)
    assert_one_chart_per_frame(page)
    page.wait_for_function(f"({POINTS})() > {second}", timeout=10_000)  # training went on meanwhile
    assert wait_for(lambda: chart_margins_grown(page) == [0, 0, 0], timeout=3.0), \
        "Plotly grew the margins: it draws each refresh twice"

    shot = screenshot(page, "train_live")
    page.get_by_role("button", name="Pause", exact=True).click()
    page.get_by_role("button", name="Resume", exact=True).wait_for(timeout=10_000)
    time.sleep(1.0)                     # let the last snapshot reach the chart
    paused = chart_points(page)
    time.sleep(1.5)
    assert chart_points(page) == paused, "nothing trains while paused"
    docs = ROOT / "docs" / "train.png"
    if not docs.exists():               # the README's screenshot: refreshed by deleting it
        shutil.copy(shot, docs)
