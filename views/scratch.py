"""From scratch: the NumPy RNN of rnnviz/scratch.py, every equation beside its numbers for one sample,
a gradient check (BPTT vs autograd vs finite differences), and training beside PyTorch."""
import streamlit as st

from rnnviz.figures.scratch import bptt_figure, latex_matrix, loss_comparison_figure, time_table
from rnnviz.scratch import ScratchRNN, explain_sample
from rnnviz.scratch_check import gradient_check, sum_sign_arrays, train_side_by_side
from rnnviz.ui import session
from rnnviz.ui.export import chart
from rnnviz.ui.session import tr

SAMPLES = 256          # the page's sum-sign data set
CHECK_BATCH = 16       # samples in the gradient check (finite differences cost 2 passes per weight)

st.title(tr("scratch.title"))
st.markdown(tr("scratch.intro"))
columns = st.columns(4)
H = columns[0].number_input(tr("scratch.hidden_size"), 1, 8, 4, key="scratch.hidden_size")
T = columns[1].number_input(tr("scratch.seq_len"), 2, 10, 5, key="scratch.seq_len")
seed = columns[2].number_input(tr("scratch.seed"), 0, 10_000, 0, key="scratch.seed", help=tr("scratch.seed.help"))
sample = columns[3].number_input(tr("scratch.sample"), 0, SAMPLES - 1, 0, key="scratch.sample")

model = ScratchRNN(1, int(H), seed=int(seed))
x, y = sum_sign_arrays(SAMPLES, int(T), seed=int(seed))
ex = explain_sample(model, x[sample], y[sample])
unit = tr("scratch.unit", i="{i}")


def equation(formula: str, numbers=None) -> None:
    """An equation, and under it its numbers (a table over t, or nothing). One above the other: beside its
    table, in a column, a formula was cut at the right edge on a projected or narrow screen."""
    st.latex(formula)
    if numbers is not None:
        st.dataframe(time_table(numbers, unit=unit).style.format(four_decimals))


def formulas(*parts: str) -> None:
    """Formulas side by side in a row that wraps, each one whole (one wide formula was cut off at the right)."""
    row = st.container(horizontal=True, gap="large")
    for part in parts:
        row.latex(part, width="content")


def four_decimals(number: float) -> str:
    """A table's number, as the learner's language writes it (0,1234 in Spanish)."""
    return session.num(number, ".4f")


def value(number: float) -> str:
    """A number in a formula: LaTeX writes a decimal comma as {,} (a bare comma is a list's, spaced)."""
    return four_decimals(number).replace(",", "{,}")


def matrix(values) -> str:
    return latex_matrix(values, decimal_mark="{,}" if session.lang() == "es" else ".")


st.subheader(tr("scratch.weights"))
p = ex["params"]
formulas(rf"W_{{xh}} = {matrix(p['W_xh'])}", rf"W_{{hh}} = {matrix(p['W_hh'])}",
         rf"b_h = {matrix(p['b_h'])}", rf"W_{{hy}} = {matrix(p['W_hy'])}", rf"b_y = {value(p['b_y'][0])}")
st.markdown(tr("scratch.input", y=ex["y"], total=float(ex["x_t"].sum())))
formulas(*[rf"x_{t + 1} = {value(v)}" for t, v in enumerate(ex["x_t"][:, 0])], r"h_0 = 0")

st.subheader(tr("scratch.forward"))
equation(r"a_t = W_{xh}\,x_t + W_{hh}\,h_{t-1} + b_h", ex["a_t"])
equation(r"h_t = \tanh(a_t)", ex["h_t"])
formulas(rf"z = W_{{hy}}\,h_T + b_y = {value(ex['z'])}", rf"p = \sigma(z) = {value(ex['p'])}")
equation(rf"L = -\left[y \log p + (1-y)\log(1-p)\right] = {value(ex['loss'])}")

st.subheader(tr("scratch.backward"))
st.caption(tr("scratch.backward.caption"))
equation(rf"\frac{{\partial L}}{{\partial z}} = p - y = {value(ex['dL_dz'])}")
formulas(r"\frac{\partial L}{\partial h_T} = W_{hy}^\top \frac{\partial L}{\partial z}",
         r"\frac{\partial L}{\partial h_{t-1}} = W_{hh}^\top \frac{\partial L}{\partial a_t}")
st.dataframe(time_table(ex["dL_dh_t"], unit=unit).style.format(four_decimals))
equation(r"\frac{\partial L}{\partial a_t} = \frac{\partial L}{\partial h_t} \odot (1 - h_t^2)", ex["dL_da_t"])
st.markdown("**" + tr("scratch.grads") + "**")
g = ex["grads"]
# each gradient's definition over its value, two lines: on one line a matrix's overflowed a projected page
# (the H x H one, the widest, in smaller type)
formulas(rf"\begin{{aligned}}\frac{{\partial L}}{{\partial W_{{xh}}}} &= \sum_t \frac{{\partial L}}{{\partial a_t}} x_t^\top "
         rf"\\ &= {matrix(g['W_xh'])}\end{{aligned}}",
         rf"\small\begin{{aligned}}\frac{{\partial L}}{{\partial W_{{hh}}}} &= \sum_t \frac{{\partial L}}{{\partial a_t}} "
         rf"h_{{t-1}}^\top \\ &= {matrix(g['W_hh'])}\end{{aligned}}",
         rf"\begin{{aligned}}\frac{{\partial L}}{{\partial b_h}} &= \sum_t \frac{{\partial L}}{{\partial a_t}} "
         rf"\\ &= {matrix(g['b_h'])}\end{{aligned}}",
         rf"\begin{{aligned}}\frac{{\partial L}}{{\partial W_{{hy}}}} &= \frac{{\partial L}}{{\partial z}} h_T^\top "
         rf"\\ &= {matrix(g['W_hy'])}\end{{aligned}}",
         rf"\frac{{\partial L}}{{\partial b_y}} = {value(g['b_y'][0])}")
labels = {"title": tr("scratch.heatmap.title"), "hidden": tr("scratch.heatmap.hidden"),
          "gradient": tr("scratch.heatmap.gradient"), "x": tr("axis.time"), "y": tr("axis.unit")}
chart(bptt_figure(ex["h_t"], ex["dL_dh_t"], labels=labels, style=session.style()), key="scratch.bptt_chart")
st.caption(tr("scratch.heatmap.caption"))

st.subheader(tr("scratch.check"))
check = gradient_check(model, x[:CHECK_BATCH], y[:CHECK_BATCH])
check = check.rename(columns={c: tr(f"scratch.col.{c}") for c in check.columns})
st.dataframe(check.style.format(lambda number: session.num(number, ".2e"), subset=list(check.columns[2:])),
             hide_index=True)
st.caption(tr("scratch.check.caption", n=CHECK_BATCH))

st.subheader(tr("scratch.train"))
st.markdown(tr("scratch.train.intro"))
columns = st.columns(3)
steps = columns[0].number_input(tr("scratch.steps"), 1, 2000, 200, step=50, key="scratch.steps")
lr = columns[1].number_input(tr("scratch.lr"), 0.001, 5.0, 0.1, step=0.05, format="%.3f", key="scratch.lr")
batch_size = columns[2].number_input(tr("scratch.batch_size"), 1, SAMPLES, 32, key="scratch.batch_size")
run_key = (int(H), int(T), int(seed), int(steps), float(lr), int(batch_size))
if st.button(tr("scratch.train.button"), type="primary", icon=":material/play_arrow:", key="scratch.train"):
    st.session_state["scratch.result"] = (run_key, train_side_by_side(model, x, y, int(steps), float(lr),
                                                                      int(batch_size), seed=int(seed)))
result = st.session_state.get("scratch.result")
if result is None or result[0] != run_key:
    st.info(tr("scratch.train.prompt"), icon=":material/info:")
else:
    curves = result[1]
    st.metric(tr("scratch.max_difference"), session.num(curves.max_difference, ".2e"))
    labels = {k: tr(f"scratch.loss.{k}") for k in ("title", "numpy", "torch")}
    labels.update(x=tr("axis.step"), y=tr("axis.loss"))
    chart(loss_comparison_figure(curves.numpy_losses, curves.torch_losses, labels=labels, style=session.style()),
          key="scratch.loss_chart")
    st.caption(tr("scratch.loss.caption"))
