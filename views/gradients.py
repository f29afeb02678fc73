"""Vanishing and exploding gradients: ||dL/dh_t|| through time, now and at initialisation; the same
recorded while training; a lab for the recurrent matrix's spectral radius with Pascanu's bound;
gradient clipping tamed on the loss curve; and which inputs the output depends on.

The sections that follow training poll the worker's snapshot from fragments while it runs, like the
Train page, so the page stays responsive. Every number comes from rnnviz.gradients (exact).
"""
import streamlit as st

from rnnviz.ui import gradients as sections
from rnnviz.ui import session
from rnnviz.ui.data import own_model_gradients, show_own_model_instead
from rnnviz.ui.session import tr
from rnnviz.ui.polling import poll_seconds
from rnnviz.ui.worker import RUNNING, training_now

POLL_SECONDS = 1.0     # the live figures refresh once a second while training runs (less often on a busy server)

st.title(tr("gradients.title"))
config = session.config()
worker = session.worker_for_page()
st.markdown(tr("gradients.intro"))
show_own_model_instead("gradients", own_model_gradients)    # or the uploaded model, if asked
if worker.snapshot().step == 0:
    st.info(tr("no_model"), icon=":material/info:")

running = worker.snapshot().status == RUNNING
for name in ("training", "clipping"):
    st.session_state[f"gradients.was_running.{name}"] = running
poll = poll_seconds(POLL_SECONDS, training_now()) if running else None

# ||dL/dh_t|| now vs at initialisation, and the step x timestep heatmap recorded while training
st.fragment(sections.live_training, run_every=poll)(worker)

# what does rho do: a fresh model from the sidebar's experiment
st.subheader(tr("gradients.lab.header"))
sections.radius_lab(config or worker.experiment.config)

# clipping: the switch is the sidebar's clip knob; the figures follow training
st.subheader(tr("gradients.clip.header"))
sections.clipping_switch(config, worker)
st.fragment(sections.live_clipping, run_every=poll)(worker)

# which inputs the last output depends on, for the model now
st.subheader(tr("gradients.attribution.header"))
sections.attribution(worker)
