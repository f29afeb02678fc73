"""Welcome: what rnnviz is in two sentences, the path of lessons, and the free lab (the other pages).

The default page, so the first screen a fresh server draws: torch-free (the lessons are plain data), it
draws at once, and torch starts loading behind it once that screen is up (a small polling fragment, as the
Train page's stand-in does, rnnviz/ui/warm_up.py), so the lesson the learner opens next finds it loaded.
"""
import streamlit as st

from rnnviz.lessons import LESSONS
from rnnviz.ui import warm_up
from rnnviz.ui.page_links import wrapping_page_links
from rnnviz.ui.session import projector, tr

LAB_PAGES = (("views/train.py", "page.train", ":material/model_training:"),
             ("views/inside.py", "page.inside", ":material/visibility:"),
             ("views/cell.py", "page.cell", ":material/memory:"),
             ("views/gradients.py", "page.gradients", ":material/trending_down:"),
             ("views/compare.py", "page.compare", ":material/compare_arrows:"),
             ("views/scratch.py", "page.scratch", ":material/calculate:"),
             ("views/data.py", "data.page", ":material/upload_file:"))


def load_torch_behind() -> None:
    """Start torch's import from the second poll on (the first screen is drawn by then); once it is in,
    rerun the page once, which stops the polling."""
    if warm_up.ready():
        st.rerun()
    polls = st.session_state["welcome.polls"] = st.session_state.get("welcome.polls", 0) + 1
    if polls >= warm_up.START_AT_POLL:
        warm_up.start()


wrapping_page_links()
st.title(tr("welcome.title"))
st.markdown(tr("welcome.intro"))

# side by side on a laptop; one under the other on a projector, where a column held a word a line
path, lab = (st.container(), st.container()) if projector() else st.columns([3, 2], gap="large")
with path:
    st.subheader(tr("welcome.path"))
    st.markdown(tr("welcome.path.explain"))
    st.page_link("views/lesson.py", label=tr("welcome.start"), icon=":material/play_arrow:",
                 query_params={"lesson": "1"})
    for lesson in LESSONS:
        st.page_link("views/lesson.py", label=tr("welcome.lesson", n=lesson.number,
                                                 title=tr(f"lesson.{lesson.number}.title")),
                     query_params={"lesson": str(lesson.number)})
with lab:
    st.subheader(tr("welcome.lab"))
    st.markdown(tr("welcome.lab.explain"))
    for page, title, icon in LAB_PAGES:
        st.page_link(page, label=tr(title), icon=icon)
    st.page_link("views/glossary.py", label=tr("welcome.glossary"), icon=":material/menu_book:")

if not warm_up.ready():
    st.fragment(load_torch_behind, run_every=warm_up.POLL_SECONDS)()
