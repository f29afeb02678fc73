"""Inside the network: one sequence step by step (h_t, c_t and every gate, animated), the h_t trajectory
by PCA, gate saturation over the test set, and for text tasks the text coloured by one unit.

Every number comes from rnnviz.inside (exact trace of the model as it is now); figures from
rnnviz.figures.animation and rnnviz.figures.inside.
"""
from dataclasses import replace

import streamlit as st

from rnnviz.figures.animation import states_animation_figure
from rnnviz.figures.inside import saturation_figure
from rnnviz.inside import look_inside, saturation_over_test_set
from rnnviz.ui import inside as ui
from rnnviz.ui import session
from rnnviz.ui.data import own_model_states, show_own_model_instead
from rnnviz.ui.model_cache import cached
from rnnviz.ui.session import tr

st.title(tr("inside.title"))
config = session.config()
worker = session.worker_for_page()
st.markdown(tr("inside.intro"))
show_own_model_instead("inside", own_model_states)    # or the uploaded model, if asked
if config is not None and config != worker.experiment.config:
    st.info(tr("inside.config_changed"), icon=":material/info:")

store = ui.current(worker)
if store["step"] == 0:
    st.info(tr("inside.untrained"), icon=":material/info:")
else:
    st.caption(tr("inside.model_at", step=store["step"]))
data, rnn = worker.experiment.data, store["model"].rnn

# which sequence, which layer and direction, which units
picked = ui.sample_picker(data)
if picked is None:
    st.stop()              # the picker said what is wrong with the typed text
sample_key, sample = picked
layer, direction, units = ui.layer_picker(rnn)
look = cached(store, ("look", sample_key, layer, direction),
                 lambda model: look_inside(model, data, sample, layer, direction))
states = look.states

# the animation: input, h_t heatmap and answer on one time axis, the PCA trajectory, the gates as bars
st.subheader(tr("inside.animation.header"))
st.markdown(tr(f"inside.animation.explain.{states.mode}"))
shown = ui.fit_units(units, sample.length, len(states.panels()))
if len(shown) < len(units):
    st.info(tr("inside.units.cut", shown=len(shown), asked=len(units)))
output = replace(look.output, class_name=ui.class_name(data, look.output.class_name))
figure = cached(store, ("figure", sample_key, layer, direction, tuple(shown), session.lang(), session.projector()),
                   lambda _: states_animation_figure(
                       states, units=shown, inputs=None if sample.tokens else sample.x[0].numpy(),
                       tokens=sample.tokens, output=output, projection=look.projection,
                       labels=ui.animation_labels(), style=session.style()))
st.plotly_chart(figure, key="inside.animation", theme=session.chart_theme())
notes = [tr("inside.pca.explain")]
if not data.many_to_many:
    notes.append(tr("inside.animation.many_to_one"))
if rnn.bidirectional:
    notes.append(tr("inside.animation.bidirectional"))
if states.reverse:
    notes.append(tr("inside.animation.reverse"))
st.caption(" ".join(notes))

# gate saturation over the test set
st.subheader(tr("inside.saturation.header"))
saturation = cached(store, ("saturation", layer, direction),
                       lambda model: saturation_over_test_set(model, data, layer, direction))
if saturation.names:
    st.markdown(tr("inside.saturation.explain", n=saturation.sequences))
    st.plotly_chart(saturation_figure(saturation.names, saturation.low, saturation.high, saturation.sequences,
                                      labels=ui.saturation_labels(), style=session.style()), key="inside.saturation",
                    theme=session.chart_theme())
else:
    st.info(tr("inside.saturation.none"))

# text tasks: the input coloured by one unit
if sample.tokens is not None:
    st.subheader(tr("inside.text_color.header"))
    ui.text_colouring(states, sample.tokens, words=data.spec.reads_text == "words")
