"""The Train page in a real browser: training runs live without freezing the page."""
import shutil
import time

from testkit.app_page import AXIS_TYPE, IDLE, LOSS_PLOT, POINTS, PROGRESS_TEXT, open_app, screenshot
from testkit.streamlit_server import ROOT
from testkit.waiting import wait_for


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


# The loss charts the learner can see, counted at every animation frame (a chart being re-created is hidden
# until Plotly has drawn it: Streamlit sets visibility: hidden on it), and the refreshes drawn meanwhile (the
# newest step drawn changed), until told to stop and `refreshes` have been drawn. Counted in frames and
# refreshes, never in seconds: a loaded machine draws fewer of both, and the watch just lasts longer.
WATCH_FRAMES = """(refreshes) => {
    window.__shown = null;
    window.__stop_watching = false;
    const shown = () => [...document.querySelectorAll('[class*="st-key-train-loss_chart"] .js-plotly-plot')]
        .filter(plot => getComputedStyle(plot).visibility === 'visible' && plot.getBoundingClientRect().width > 0
                        && plot.querySelector('.main-svg')).length;
    const newest = %s;
    const counts = [];
    let drawn = 0, last = newest();
    const frame = () => {
        counts.push(shown());
        const step = newest();
        if (step !== last) { drawn += 1; last = step; }
        if (window.__stop_watching && drawn >= refreshes) window.__shown = {counts, drawn};
        else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
}""" % POINTS
REFRESHES_WATCHED = 6     # timer refreshes beyond the reruns: the blink per refresh this guards against shows at each


def watch_frames(page, reruns: int) -> None:
    """Start counting, in the page, the loss charts shown at every animation frame, through `reruns` reruns the
    test is about to cause and REFRESHES_WATCHED refreshes more."""
    page.evaluate(WATCH_FRAMES, reruns + REFRESHES_WATCHED)


def assert_one_chart_per_frame(page, reruns: int) -> None:
    """Once the test's `reruns` are done: no frame showed two charts, and the box was empty in at most one
    stretch of frames per rerun of the page or of its fragment by the learner (a rerun can still leave it
    empty for a frame now and then, in about one of six), never at a timer's refresh. Re-created at every
    refresh without the live stack, the chart was empty at nearly every refresh (38 of 155 frames).
    Counts of stretches and reruns, not a share of frames: a loaded machine draws fewer frames in the same
    seconds (63 in 3.5 s, where one empty frame failed a 1-in-100 bound), and fewer refreshes, but a blink
    per refresh still shows at each one watched, and nothing else adds empty stretches."""
    page.evaluate("window.__stop_watching = true")
    watched = page.wait_for_function("window.__shown", timeout=120_000).json_value()
    counts = watched["counts"]
    empty_stretches = sum(1 for i, n in enumerate(counts) if n == 0 and (i == 0 or counts[i - 1] != 0))
    summary = f"{len(counts)} frames, {watched['drawn']} figures drawn, showing 0, 1, 2 charts: " \
              f"{[counts.count(n) for n in range(3)]}, {empty_stretches} empty stretches for {reruns} reruns"
    print(summary)
    assert max(counts) <= 1, summary                     # never two charts at once
    assert empty_stretches <= reruns, summary


def set_steps(page, steps: int) -> None:
    page.get_by_text("Training", exact=True).first.click()
    field = page.get_by_role("spinbutton", name="Training steps")
    field.fill(str(steps))
    field.press("Enter")
    page.wait_for_timeout(500)
    page.wait_for_selector(IDLE)


def test_start_trains_live_and_pause_stops(page, server):
    open_app(page, server.url, "train")
    set_steps(page, 100_000)            # long enough to watch
    page.get_by_role("button", name="Reset", exact=True).click()
    page.wait_for_selector(IDLE)
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_function(f"({POINTS})() > 0", timeout=30_000)
    first = chart_points(page)
    page.wait_for_function(f"({POINTS})() > {first}", timeout=30_000)   # the loss chart gains points
    second = chart_points(page)
    # and does not blink: through several refreshes and two full reruns of the page (projector mode on, off)
    watch_frames(page, reruns=2)
    for _ in range(2):
        time.sleep(1.0)                 # spaced out, with refreshes between: the pace does not matter
        page.get_by_text("Projector mode").click()
    assert_one_chart_per_frame(page, reruns=2)
    assert chart_points(page) > second, "the chart did not refresh while it was watched"
    second = chart_points(page)

    # the page still answers elsewhere while it trains: switch the chart to a log axis, back, and again
    # (a fragment run with a new layout: watched too, as a binary array once made it flash)
    watch_frames(page, reruns=3)
    for axis in ("log", "linear", "log"):
        page.get_by_text("Log y axis").click()
        page.wait_for_function(f"({AXIS_TYPE})() === '{axis}'", timeout=30_000)
        time.sleep(0.5)
    assert_one_chart_per_frame(page, reruns=3)
    page.wait_for_function(f"({POINTS})() > {second}", timeout=30_000)  # training went on meanwhile
    assert wait_for(lambda: chart_margins_grown(page) == [0, 0, 0], timeout=10.0), \
        "Plotly grew the margins: it draws each refresh twice"

    shot = screenshot(page, "train_live")
    page.get_by_role("button", name="Pause", exact=True).click()
    page.get_by_role("button", name="Resume", exact=True).wait_for(timeout=30_000)
    # the chart catches up with the step the page says it paused at, however long a loaded machine takes
    page.wait_for_function(f"(() => {{ const m = /Step (\\d+) of .* Paused/.exec(({PROGRESS_TEXT})());"
                           f" return m && ({POINTS})() === Number(m[1]); }})", timeout=30_000)
    paused = chart_points(page)
    time.sleep(1.5)                     # a wait for what must not happen: load can only make it see less
    # at most the step that was in flight when Pause was pressed, drawn by a refresh already on its way
    assert paused <= chart_points(page) <= paused + 1, "nothing trains while paused"
    docs = ROOT / "docs" / "train.png"
    if not docs.exists():               # the README's screenshot: refreshed by deleting it
        shutil.copy(shot, docs)
