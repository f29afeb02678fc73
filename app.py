"""rnnviz dashboard: the frame every page shares (page setup, language, experiment sidebar, navigation).

    streamlit run app.py
"""
import logging

import streamlit as st

from rnnviz.config import ExperimentConfig
from rnnviz.i18n import language_from_locale
from rnnviz.ui import patches, reload_warning, sidebar, url, warm_up
from rnnviz.ui.patches import live_chart
from rnnviz.ui.session import tr

# fixes for Streamlit 1.67, each on that version only (rnnviz/ui/patches/): no reply waits 40 ms for the
# browser's acknowledgement; a polling fragment must not blank the page on a busy server; a widget value of
# the wrong kind from a client is ignored, not raised before the page runs
patches.install()

# what a page caught and showed the learner reaches the deployer's log too, with its traceback
if not logging.getLogger("rnnviz").handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("rnnviz").addHandler(_handler)
    logging.getLogger("rnnviz").setLevel(logging.INFO)

# a Material icon, not the emoji 🔁: an emoji makes Streamlit compile its emoji catalogue, 0.15 s of a
# fresh server's first screen
st.set_page_config(page_title="rnnviz", page_icon=":material/repeat:", layout="wide")
live_chart.full_run_started()          # a live chart stacks only over a figure the page still shows
st.session_state.setdefault("lang", language_from_locale(st.context.locale))
url.restore_from_url(default=ExperimentConfig.for_task("sum-sign"))
sidebar.language_switch()
sidebar.projector_switch()
config = sidebar.experiment_sidebar()
url.write_to_url(config)
url.show_notices(config)

welcome = st.Page("views/welcome.py", title=tr("page.welcome"), icon=":material/home:", default=True)
glossary = st.Page("views/glossary.py", title=tr("page.glossary"), icon=":material/menu_book:")
train = st.Page("views/train.py", title=tr("page.train"), icon=":material/model_training:")
pages = [
    welcome,
    st.Page("views/lesson.py", title=tr("page.lesson"), icon=":material/school:"),
    train,
    st.Page("views/inside.py", title=tr("page.inside"), icon=":material/visibility:"),
    st.Page("views/cell.py", title=tr("page.cell"), icon=":material/memory:"),
    st.Page("views/gradients.py", title=tr("page.gradients"), icon=":material/trending_down:"),
    st.Page("views/compare.py", title=tr("page.compare"), icon=":material/compare_arrows:"),
    st.Page("views/scratch.py", title=tr("page.scratch"), icon=":material/calculate:"),
    st.Page("views/data.py", title=tr("data.page"), icon=":material/upload_file:"),
    glossary,
]
page = st.navigation(pages, position="hidden" if url.hidden("nav") else "sidebar")
url.hide_controls()                # what a teacher's class link hides
reload_warning.warn_before_leaving()   # the browser asks before a reload or a closed tab loses a trained model
if page in (welcome, glossary):
    page.run()                     # torch-free: drawn at once, while torch loads behind (views/welcome.py)
elif page is train and not warm_up.ready():
    warm_up.train_stand_in()      # a fresh server's first screen; torch loads behind it (rnnviz/ui/warm_up.py)
else:
    warm_up.wait()                # torch imported and set up before a page uses it
    page.run()
