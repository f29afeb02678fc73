"""A lesson of the path (the lesson in the URL: ?lesson=5): its goal and short text, a button that prepares
its experiment (the sidebar and the shareable URL), the figure that makes its point (live while it
trains), numbered "what to look for" observations that each put the view in the state they describe, a
check question with feedback, the next lesson, its key terms, and a link for a teacher's class.

What each lesson sets is plain data in rnnviz/lessons/; its words are in rnnviz/i18n/lessons.py; the
figures come from rnnviz/ui/lesson_figures.py, which reuses rnnviz/figures' builders (and the Compare page's
race: rnnviz/ui/lesson_race.py).
"""
import streamlit as st

from rnnviz import lessons
from rnnviz.i18n import t
from rnnviz.lessons.glossary import anchor
from rnnviz.live.status import FINISHED, PAUSED, RUNNING
from rnnviz.ui import lesson_figures, lesson_race, scroll, session, sidebar, url
from rnnviz.ui.page_links import wrapping_page_links
from rnnviz.ui.session import PACE, tr
from rnnviz.ui.train_controls import PACE_CHOICE, PRESSED, control_row, press, take_pressed

CHOICE = "lesson.choice"          # the lesson selector's state
APPLY = "lesson.apply"            # set by a button's callback: a model for the sidebar's experiment now
FRESH = "lesson.fresh"            # ... and a new one even if the experiment is the same
FIGURES = "lesson.figures"        # the lesson's controls and figures, which "Show me" brings into view


def lesson_from_url() -> int:
    """The lesson the URL names (?lesson=5), else the one chosen last, else 1; a wrong number is said."""
    text = st.query_params.get("lesson")
    if text is None:
        return st.session_state.get(CHOICE, 1)
    try:
        return lessons.lesson(int(text)).number
    except ValueError:
        notice = url.plain_text(f"lesson={text!r} is invalid: allowed is 1 to {len(lessons.LESSONS)}")
        st.warning(tr("url.ignored", count=1) + "\n\n- " + notice, icon=":material/link_off:")
        return 1


def take_choice() -> None:
    st.query_params["lesson"] = str(st.session_state[CHOICE])


def set_experiment(config, pace, fresh: bool) -> None:
    """From a button's callback: put `config` in the sidebar (and so in the URL), ask the page for a model
    of it, and take the lesson's pace."""
    sidebar.set_knobs(sidebar.knob_values(config))
    st.session_state[APPLY] = True
    st.session_state[FRESH] = fresh
    if pace is not None:
        # the selector too: with no state of its own, it would take back the value the browser still shows
        st.session_state[PACE] = st.session_state[PACE_CHOICE] = pace


def prepare(lesson) -> None:
    """on_click of "Prepare the experiment": the lesson's experiment, untrained, from the first view."""
    set_experiment(lesson.config, lesson.pace, fresh=True)
    st.session_state.pop(lesson_figures.SAMPLE, None)
    st.session_state[lesson_figures.LOG_Y] = False
    lesson_race.prepare()


def show(lesson, index: int) -> None:
    """on_click of an observation's "Show me": the view it describes."""
    view = lesson.observations[index]
    scroll.ask(FIGURES)                                # the figure it changes is above: into view
    set_experiment(view.config(lesson.config), lesson.pace, fresh=view.fresh)
    if "race" in lesson.figures:
        lesson_race.show(view)                         # its Start is the race's (rnnviz/ui/lesson_race.py)
    elif view.train:
        st.session_state[PRESSED] = "start"
    if view.sample is not None:
        st.session_state[lesson_figures.SAMPLE] = view.sample
    if view.log_y is not None:
        st.session_state[lesson_figures.LOG_Y] = view.log_y
    for name, value in view.results.items():          # the task's results section (rnnviz/ui/task_results.py)
        st.session_state[f"results.{name}"] = value


def worker_for_lesson(config):
    """The session's worker, replaced by a model of the sidebar's experiment when a button asked for it."""
    if st.session_state.pop(APPLY, False) and config is not None:
        current = session.worker()
        if st.session_state.pop(FRESH, False) or current is None or current.experiment.config != config:
            session.new_worker(config)
    return session.worker_for_page()


# --- which lesson --------------------------------------------------------------------------------------------

wrapping_page_links()
number = lesson_from_url()
if not url.hidden("lessons"):
    if st.session_state.get(CHOICE) != number:
        st.session_state[CHOICE] = number
    numbers = [each.number for each in lessons.LESSONS]
    st.selectbox(tr("lesson.picker"), numbers, key=CHOICE, on_change=take_choice, width=420,
                 format_func=lambda n, lang=session.lang(): t("welcome.lesson", lang, n=n,
                                                              title=t(f"lesson.{n}.title", lang)))
lesson = lessons.lesson(number)
st.query_params["lesson"] = str(number)        # the address bar names the lesson shown
config = session.config()

st.caption(tr("lesson.of", n=number, total=len(lessons.LESSONS)))
st.title(tr(f"lesson.{number}.title"))
st.markdown(tr("lesson.goal", goal=tr(f"lesson.{number}.goal")))
st.markdown(tr(f"lesson.{number}.text"))

# --- its experiment and its figures ----------------------------------------------------------------------------

st.button(tr("lesson.prepare"), type="primary", icon=":material/science:", on_click=prepare, args=(lesson,),
          help=tr("lesson.prepare.help"), key="lesson.prepare")
notice = st.container()      # always there, so that the elements below keep their place when it empties
if config != lesson.config and not any(config == view.config(lesson.config) for view in lesson.observations):
    notice.info(tr("lesson.not_prepared"), icon=":material/info:")
pressed = take_pressed()
worker = worker_for_lesson(config)
with st.container(key=FIGURES):          # the controls and the figures: what "Show me" brings into view
    if lesson.trains:
        worker.set_pace(session.pace())
        if pressed is not None and worker.can_start:
            {"start": worker.start, "step": worker.step_once}[pressed]()
        status = worker.snapshot().status
        control_row(press("start"), worker.pause, press("step"), lambda: session.new_worker(config),
                    can_start=worker.can_start, can_pause=status == RUNNING, can_reset=config is not None,
                    resume=status == PAUSED or (status == FINISHED and worker.can_start))
    for name in lesson.figures:
        lesson_figures.draw(name, worker, config)
scroll.bring_into_view(FIGURES)

# --- what to look for -----------------------------------------------------------------------------------------

st.subheader(tr("lesson.look"))
for index, _ in enumerate(lesson.observations):
    # the button keeps its whole label and the words take the rest of the row (a column of a sixth cut the
    # label on a projector)
    row = st.container(horizontal=True, vertical_alignment="center")
    row.markdown(f"{index + 1}. {tr(f'lesson.{number}.obs.{index}')}", width="stretch")
    row.button(tr("lesson.show"), key=f"lesson.show.{index}", icon=":material/visibility:", on_click=show,
               args=(lesson, index), width="content")

# --- the check question ---------------------------------------------------------------------------------------

st.subheader(tr("lesson.check"))
answer = st.radio(tr(f"lesson.{number}.question"), list(range(lesson.choices)), index=None,
                  format_func=lambda i, lang=session.lang(): t(f"lesson.{number}.choice.{i}", lang),
                  key=f"lesson.{number}.answer")
if answer is not None:
    why = tr(f"lesson.{number}.why")
    if answer == lesson.answer:
        st.success(tr("lesson.right", why=why), icon=":material/check_circle:")
    else:
        st.error(tr("lesson.wrong", why=why), icon=":material/cancel:")

# --- where next -----------------------------------------------------------------------------------------------

following = lessons.next_lesson(number)
if following is not None:
    st.page_link("views/lesson.py", label=tr("lesson.next", n=following.number,
                                             title=tr(f"lesson.{following.number}.title")),
                 icon=":material/arrow_forward:", query_params={"lesson": str(following.number)})
else:
    st.success(tr("lesson.last"), icon=":material/school:")
page_title = "data.page" if lesson.lab_page == "data" else f"page.{lesson.lab_page}"
st.page_link(f"views/{lesson.lab_page}.py", label=tr("lesson.lab", page=tr(page_title)), icon=":material/science:")

st.subheader(tr("lesson.terms"))
for term in lesson.terms:
    st.markdown(f'<span id="{anchor(term)}"></span>**{tr(f"glossary.{term}.term")}**: '
                f'{tr(f"glossary.{term}.entry")}', unsafe_allow_html=True)
st.page_link("views/glossary.py", label=tr("lesson.all_terms"), icon=":material/menu_book:")

# --- a link for a teacher's class ---------------------------------------------------------------------------

if not url.hidden("class_link"):
    with st.expander(tr("lesson.class_link"), icon=":material/share:"):
        st.markdown(tr("lesson.class_link.explain"))
        hide = st.pills(tr("lesson.class_link.hide"), url.HIDEABLE, selection_mode="multi", default=["sidebar"],
                        format_func=lambda name, lang=session.lang(): t(f"hide.{name}", lang),
                        key="lesson.class_link.hide", wrap=True) or []     # pills: no list's English chrome
        base = (st.context.url or "").split("?")[0].rsplit("/", 1)[0]
        st.code(url.class_link(base, "lesson", lesson.config, session.lang(), hide=hide,
                               projector_on=session.projector(), lesson=number), language=None, wrap_lines=True)
