"""Two sections of the Gradients page about why gradients vanish, on fresh networks a learner sets up:

    radius_lab(config, worker) -> ExperimentConfig | None   the spectral-radius lab: W_hh = orthogonal x rho,
        an LSTM forget-gate bias, Pascanu's bound, the gate that carries the past, an honest note where an
        untrained gated cell vanishes too, and the learner's own network at initialisation and now
    unrolled_view(lab_config, worker)                       the chain unrolled in time with the gradient
        flowing back: RNN, LSTM and GRU fresh on the same sequence, or the learner's network then and now

Every number comes from rnnviz.model_gradients (exact); results are remembered per session.
"""
import logging

import numpy as np
import streamlit as st

from rnnviz import model_gradients, tasks
from rnnviz.config import CELLS, ExperimentConfig, knob
from rnnviz.figures import gradients as figures
from rnnviz.figures.unrolled import MAX_CELLS, unrolled_figure
from rnnviz.gradients import PROBE_SIZE
from rnnviz.i18n import explain, t
from rnnviz.ui import session
from rnnviz.ui.export import chart
from rnnviz.ui.gradient_panels import (curve_names, figure_and_words, latest, log_labels, marker_captions,
                                       model_now, show)
from rnnviz.ui.session import tr

log = logging.getLogger("rnnviz.ui.gradient_lab")

LAB = "gradients.lab"          # the lab's choices (a plain dict) and its widgets' key prefix
LAB_MAX_SEQ_LEN = 500          # the lab recomputes on every slider move: keep it interactive
FORGET_BIASES = (None, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0)   # None: PyTorch's initialisation (near 0)
VANISHED = 1e-6                # a ratio this small: the first steps get (almost) nothing
UNROLLED = "gradients.unrolled"
PROJECTED_CELLS = 24           # a projected chart is ~500 pixels wide: 40 cells would be 8 pixels each


def lab_store(config: ExperimentConfig) -> dict:
    """The lab's choices, started from the sidebar's experiment and again whenever that changes.

    Kept in a plain dict that outlives the widgets (Streamlit drops a widget's state when another page
    is shown); each widget copies its value back on change.
    """
    source = (config.task, config.cell, config.seq_len, config.spectral_radius, config.forget_bias)
    lab = st.session_state.get(LAB)
    if lab is None or lab.get("source") != source:
        bias = config.forget_bias if config.forget_bias in FORGET_BIASES else None
        lab = st.session_state[LAB] = {"source": source, "cell": config.cell, "seq_len": config.seq_len,
                                       "rho": config.spectral_radius or 1.0, "forget_bias": bias}
    for name in ("cell", "seq_len", "rho", "forget_bias"):
        show(f"{LAB}.{name}", lab[name])
    return lab


def keep_lab(name: str) -> None:
    """on_change of a lab widget: remember its value."""
    st.session_state[LAB][name] = st.session_state[f"{LAB}.{name}"]


def number(value: float, spec: str) -> str:
    """A number in the learner's language: 0,49 in Spanish, 0.49 in English."""
    return session.num(value, spec)


def bias_name(bias, lang: str | None = None) -> str:
    """A forget-gate bias as the slider shows it (lang bound when drawn: Streamlit may format it later)."""
    return t("gradients.lab.forget_bias.default", lang or session.lang()) if bias is None else f"{bias:g}"


def lab_widgets(config: ExperimentConfig):
    """Cell, length, rho and forget-gate bias, two a row (four in a row were cut on a projector)."""
    lab_store(config)
    seq_len = tasks.get_task(config.task).param("seq_len")
    cell_column, length_column = st.columns(2)
    cell = cell_column.selectbox(tr("gradients.lab.cell"), CELLS, key=f"{LAB}.cell", on_change=keep_lab,
                                 args=("cell",), format_func=lambda c, lang=session.lang(): t(f"cell.{c}", lang))
    length = length_column.slider(tr("gradients.lab.seq_len"), int(seq_len.low),
                                  max(min(int(seq_len.high), LAB_MAX_SEQ_LEN), config.seq_len),
                                  key=f"{LAB}.seq_len", on_change=keep_lab, args=("seq_len",))
    rho_column, bias_column = st.columns(2)
    radius = knob("spectral_radius")    # the config's range: each rho here makes a valid experiment
    rho = rho_column.slider(tr("gradients.lab.rho"), radius.low, radius.high, step=0.05, key=f"{LAB}.rho",
                            on_change=keep_lab, args=("rho",), help=tr("gradients.lab.rho.help"))
    bias = bias_column.select_slider(tr("gradients.lab.forget_bias"), FORGET_BIASES, key=f"{LAB}.forget_bias",
                                     format_func=lambda b, lang=session.lang(): bias_name(b, lang), on_change=keep_lab, args=("forget_bias",),
                                     help=tr("gradients.lab.forget_bias.help"), disabled=cell != "lstm")
    return cell, int(length), float(rho), bias


def gate_note(cell: str, lab, T: int) -> None:
    """What the gate that carries the past does to the gradient, with this network's numbers."""
    if lab.carry_gate is None:
        return
    with np.errstate(under="ignore"):
        power = number(lab.carry_gate ** (T - 1), ".1e")
    key = "gradients.lab.forget_note" if cell == "lstm" else "gradients.lab.update_note"
    st.markdown(tr(key, gate=number(lab.carry_gate, ".2f"), T1=T - 1, power=power))
    if lab.ratio < VANISHED:
        st.warning(tr("gradients.lab.gated_vanish", ratio=number(lab.ratio, ".1e")), icon=":material/lightbulb:")


def your_network(worker) -> None:
    """The lab's measure on the learner's own network, at initialisation and now."""
    experiment, step = worker.experiment, worker.snapshot().step
    config = experiment.config
    if step == 0:
        st.caption(tr("gradients.lab.yours_untrained", cell=tr(f"cell.{config.cell}"), T=experiment.data.seq_len))
        return

    def measure():
        model, model_step = model_now(worker)
        return model_step, model_gradients.trained_and_initial(worker.initial_model, model, experiment.data)

    model_step, both = latest("lab.yours", (worker, step), measure)
    st.markdown(tr("gradients.lab.yours", cell=tr(f"cell.{config.cell}"), T=experiment.data.seq_len,
                   initial=number(both["initial"]["ratio"], ".2g"), now=number(both["now"]["ratio"], ".2g"),
                   step=model_step))
    if both["now"]["carry_gate"] is not None:
        st.caption(tr("gradients.lab.yours_gate", before=number(both["initial"]["carry_gate"], ".2f"),
                      after=number(both["now"]["carry_gate"], ".2f"),
                      gate=tr("gradients.lab.gate_forget" if config.cell == "lstm" else "gradients.lab.gate_update")))


def radius_lab(config: ExperimentConfig, worker) -> ExperimentConfig | None:
    """A fresh model with W_hh = orthogonal x rho: its ||dL/dh_t|| and, for tanh RNNs, Pascanu's bound;
    why gated cells vanish untrained, and the learner's network beside it. Returns the lab's experiment
    (None if its settings are refused), which the unrolled view draws."""
    st.markdown(tr("gradients.lab.intro"))
    cell, length, rho, bias = lab_widgets(config)
    try:
        lab_config = model_gradients.radius_lab_config(config, cell, length, rho, bias)
    except ValueError as error:
        log.warning("radius lab refused its settings", exc_info=True)
        st.warning(tr("gradients.lab.invalid", error=explain(error, session.lang())), icon=":material/warning:")
        return None
    data_key = (lab_config.task, tuple(lab_config.task_params.items()), lab_config.seed)
    data = latest("lab.data", data_key, lambda: model_gradients.lab_task_data(lab_config))
    with st.spinner(tr("gradients.lab.computing")):
        lab = latest("lab", lab_config, lambda: model_gradients.radius_lab(lab_config, data, PROBE_SIZE))
    labels = {"title": tr("gradients.lab.title", cell=tr(f"cell.{cell}"), T=data.seq_len, rho=rho),
              "x": tr("axis.time"),
              "y": tr("gradients.axis.grad"), "bound": tr("gradients.lab.bound", sigma=lab.sigma), **log_labels(cell)}
    figure, words = figure_and_words()
    with figure:
        chart(figures.grad_norms_figure({"": lab.norms}, curve_names(lab_config), bound=lab.bound, labels=labels,
                                        style=session.style()), key="gradients.lab")
    with words:
        st.markdown(tr("gradients.lab.explain"))
        if lab.bound is None:
            st.info(tr("gradients.lab.no_bound", cell=tr(f"cell.{cell}")), icon=":material/info:")
        st.caption(tr("gradients.lab.ratio", ratio=number(lab.ratio, ".3g")))
        marker_captions(lab.norms)
    gate_note(cell, lab, data.seq_len)
    your_network(worker)
    return lab_config


# --- the unrolled view ------------------------------------------------------------------------------------

def unrolled_labels(title: str) -> dict:
    keys = ("hidden", "cell", "colorbar", "forward", "loss", "decimated")
    return {"title": title, "x": tr("axis.time"), **{k: tr(f"gradients.unrolled.{k}") for k in keys},
            **log_labels("rnn")}


def unrolled_view(lab_config: ExperimentConfig | None, worker) -> None:
    """The chain unrolled in time, the gradient flowing back along it: the three cells fresh with the lab's
    settings on one sequence, or the learner's network at initialisation and now."""
    choices = ("fresh", "yours") if lab_config is not None else ("yours",)
    which = st.radio(tr("gradients.unrolled.which"), choices, key=f"{UNROLLED}.which", horizontal=True,
                     format_func=lambda c, lang=session.lang(): t(f"gradients.unrolled.which.{c}", lang))
    if which == "fresh":
        data = latest("lab.data", (lab_config.task, tuple(lab_config.task_params.items()), lab_config.seed),
                      lambda: model_gradients.lab_task_data(lab_config))
        unrolled = latest("unrolled.fresh", lab_config, lambda: model_gradients.fresh_cells_unrolled(lab_config, data))
        rows = {tr(f"cell.{cell}"): row for cell, row in unrolled.items()}
        title = tr("gradients.unrolled.title_fresh", T=data.seq_len, rho=lab_config.spectral_radius)
        caption = tr("gradients.unrolled.fresh_caption", bias=bias_name(lab_config.forget_bias))
    else:
        step = worker.snapshot().step

        def measure():
            model, model_step = model_now(worker)
            data = worker.experiment.data
            return model_step, (model_gradients.unrolled_gradients(worker.initial_model, data),
                                model_gradients.unrolled_gradients(model, data))

        model_step, (initial, now) = latest("unrolled.yours", (worker, step), measure)
        rows = {tr("gradients.now.initial"): initial, tr("gradients.now.now", step=model_step): now}
        title = tr("gradients.unrolled.title_yours", cell=tr(f"cell.{worker.experiment.config.cell}"),
                   T=worker.experiment.data.seq_len)
        caption = tr("gradients.unrolled.yours_caption")
    figure, words = figure_and_words()
    with figure:
        chart(unrolled_figure(rows, labels=unrolled_labels(title), style=session.style(),
                              max_cells=PROJECTED_CELLS if session.projector() else MAX_CELLS), key=UNROLLED)
    with words:
        st.caption(caption)
        st.markdown(tr("gradients.unrolled.explain"))
        marker_captions(*[row.hidden for row in rows.values()],
                        *[row.cell_state for row in rows.values() if row.cell_state is not None])
