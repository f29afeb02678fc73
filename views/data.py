"""Your data and your model: forecast your own time series, learn your own text, judge your own sentences,
and look inside a recurrent network trained elsewhere.

Uploads are read by rnnviz.uploads and become task data through rnnviz.tasks.custom; what goes wrong is
said beside the upload and results are remembered per upload (rnnviz.ui.uploads). Data the learner
chooses is kept in st.session_state["custom_data"] ({task: source}) for the next model built for that task;
an uploaded model in st.session_state["own_model"]. Nothing here touches the session's trained model.
"""
import html

import streamlit as st

from rnnviz import tasks
from rnnviz.figures.data import series_split_figure
from rnnviz.i18n import t
from rnnviz.tasks.custom import own_task
from rnnviz.ui import session
from rnnviz.ui.page_errors import guarded
from rnnviz.ui.session import OWN_DATA, tr
from rnnviz.ui.url import plain_text
from rnnviz.ui.uploads import (OWN_MODEL, digest, own_model_gradients, own_model_input_picker, own_model_states,
                               remembered)
from rnnviz.uploads import (DATE_ORDERS, MAX_SENTENCES, MAX_SERIES_VALUES, MAX_TEXT_CHARS, MAX_UPLOAD_MB,
                            MISSING_CHOICES, NONLINEARITIES, numeric_columns, own_model_work, own_text, read_table,
                            sentences_from_bytes, series_from_table, text_from_bytes, with_nonlinearity)

language = session.lang()     # format_func may run after this script (AppTest does): bind the language now


def upload(section: str, kinds: list[str]):
    """A file uploader stating its limit; returns the file or None."""
    return st.file_uploader(tr(f"data.{section}.upload", mb=MAX_UPLOAD_MB), type=kinds, key=f"data.{section}.file",
                            max_upload_size=MAX_UPLOAD_MB, help=tr(f"data.{section}.upload.help", mb=MAX_UPLOAD_MB))


def task_seq_len(task: str) -> int:
    """The window length the sidebar holds for `task` (its default if never set)."""
    params = st.session_state.get("experiment", {}).get("params", {}).get(task, {})
    return params.get("seq_len", tasks.get_task(task).param("seq_len").default)


def use_buttons(source) -> None:
    """Train on this data from the next model on, or go back to the built-in data; say which is in use."""
    own = st.session_state.setdefault(OWN_DATA, {})
    task_name = t(f"task.{source.task}", language)
    if own.get(source.task) is source:
        st.success(tr("data.in_use", task=task_name), icon=":material/check_circle:")
        st.button(tr("data.builtin"), key=f"data.builtin.{source.task}", on_click=own.pop, args=(source.task, None))
    else:
        st.button(tr("data.use", task=task_name), type="primary", key=f"data.use.{source.task}",
                  on_click=own.__setitem__, args=(source.task, source))


def series_section() -> None:
    st.markdown(tr("data.series.explain", values=MAX_SERIES_VALUES))
    file = upload("series", ["csv", "tsv", "txt"])
    content = digest(file) if file else None
    table = remembered(("table", content), read_table, file.getvalue()) if file else None
    columns = remembered(("columns", content), numeric_columns, table) if table is not None else None
    if not columns:
        return
    value_column, date_column, missing_column = st.columns(3)
    column = value_column.selectbox(tr("data.series.column"), columns, key="data.series.column")
    date = date_column.selectbox(tr("data.series.date"), [None] + [c for c in table.columns if c != column],
                                 format_func=lambda c: t("data.series.no_date", language) if c is None else c,
                                 key="data.series.date")
    handling = missing_column.selectbox(tr("data.series.missing"), MISSING_CHOICES, key="data.series.missing",
                                        format_func=lambda m: t(f"data.series.missing.{m}", language))
    date_order = "auto"
    if date is not None:     # below the row, as wide as its selectors: four in a row were cut on a projector
        date_order = st.columns(3)[0].selectbox(tr("data.series.date_order"), DATE_ORDERS,
                                                key="data.series.date_order",
                                                format_func=lambda o: t(f"data.series.date_order.{o}", language))
    series = remembered(("series", content, column, date, handling, date_order), series_from_table, table, column,
                        date, handling, name=file.name, date_order=date_order)
    if series is None:
        return
    if series.date_order is not None:    # 01/02/2023: say which order was used, and why
        why = "proven" if series.date_order_proven else "assumed" if date_order == "auto" else "chosen"
        st.markdown(tr(f"data.series.read_{series.date_order}", why=tr(f"data.series.read_{why}")))
    st.markdown(tr("data.series.report", rows=series.rows, missing=series.missing, share=series.missing_share,
                   interpolated=series.interpolated, dropped=series.dropped, undated=series.undated,
                   cut=series.cut, used=len(series.values)))
    seq_len = task_seq_len("sine")
    data = remembered(("series data", content, column, date, handling, date_order, seq_len), own_task, series,
                      seq_len=seq_len)
    if data is None:
        return
    labels = {k: tr(f"data.series.fig.{k}") for k in ("title", "train", "val", "test")}
    labels.update(x=tr("axis.time"), y=html.escape(column))       # Plotly reads <a href=...> in a title
    spans = (data.train_span, data.val_span, data.test_span)
    st.plotly_chart(series_split_figure(data.series.numpy(), spans, times=data.dates, labels=labels,
                                        style=session.style()), key="data.series.chart",
                    theme=session.chart_theme())
    st.caption(tr("data.series.fig.explain", seq_len=seq_len, rmse=data.repeat_last_rmse))
    use_buttons(series)


def text_section() -> None:
    st.markdown(tr("data.text.explain", chars=MAX_TEXT_CHARS))
    file = upload("text", ["txt", "md"])
    pasted = st.text_area(tr("data.text.paste"), key="data.text.pasted", max_chars=MAX_TEXT_CHARS,
                          help=tr("data.text.paste.help", chars=MAX_TEXT_CHARS))
    if file:
        key = ("text", digest(file))
        text = remembered(key, text_from_bytes, file.getvalue(), name=file.name)
    elif pasted:
        key, text = ("pasted", pasted), remembered(("pasted", pasted), own_text, pasted,
                                                   name=tr("data.text.pasted_name"))
    else:
        return
    seq_len = task_seq_len("char-lm")
    data = remembered(key + (seq_len,), own_task, text, seq_len=seq_len) if text else None
    if data is None:
        return
    st.markdown(tr("data.text.report", chars=text.chars, cut=text.cut, vocab=len(data.vocab),
                   train=data.split, val=len(text.text) - data.split, windows=len(data.val[0])))
    use_buttons(text)


def sentences_section() -> None:
    st.markdown(tr("data.sentences.explain", rows=MAX_SENTENCES))
    file = upload("sentences", ["csv", "tsv", "txt"])
    content = digest(file) if file else None
    sentences = remembered(("sentences", content), sentences_from_bytes, file.getvalue(), name=file.name) \
        if file else None
    if sentences is None:
        return
    config = session.config()
    seed = config.seed if config is not None else 0
    data = remembered(("sentences data", content, seed, task_seq_len("sentiment")), own_task, sentences,
                      seed=seed, seq_len=task_seq_len("sentiment"))
    if data is None:
        return
    positive = sum(label for _, label in sentences.rows)
    st.markdown(tr("data.sentences.report", read=sentences.read, used=len(sentences.rows), positive=positive,
                   negative=len(sentences.rows) - positive, wordless=sentences.wordless, cut=sentences.cut,
                   train=len(data.rows["train"]), val=len(data.rows["val"]), test=len(data.rows["test"]),
                   words=len(data.vocab) - 2))
    use_buttons(sentences)


def model_section() -> None:
    st.markdown(tr("data.model.explain"))
    file = upload("model", ["pt", "pth", "ckpt", "bin"])
    content = digest(file) if file else None
    # read once per file, in chunks that stop if the session ends; an RNN's nonlinearity shares its weights
    own = remembered(("model", content), own_model_work, file.getvalue(), name=file.name) if file else None
    if own is None:
        return
    shape, nonlinearity = own.shape, "tanh"
    if shape.cell == "rnn":
        nonlinearity = st.selectbox(tr("data.model.nonlinearity"), NONLINEARITIES, key="data.model.nonlinearity",
                                    help=tr("data.model.nonlinearity.help"))
    own = with_nonlinearity(own, nonlinearity)
    st.session_state[OWN_MODEL] = own
    cell = "rnn-relu" if nonlinearity == "relu" else shape.cell
    st.markdown(tr("data.model.report", cell=t(f"cell.{cell}", language), input_size=shape.input_size,
                   hidden_size=shape.hidden_size, layers=shape.num_layers, bias=tr(f"data.model.bias.{shape.bias}"),
                   directions=tr(f"data.model.directions.{shape.bidirectional}")))
    if own.ignored:
        keys = ", ".join(own.ignored[:8]) + (" …" if len(own.ignored) > 8 else "")
        st.info(tr("data.model.ignored", keys=plain_text(keys)))        # the file's keys: shown as written

    x, inputs_key = own_model_input_picker(own)
    if x is not None:
        with guarded("own_model.states"):
            own_model_states(own, x, inputs_key)
        with guarded("own_model.gradients"):
            own_model_gradients(own, x, inputs_key)


st.title(tr("data.title"))
st.markdown(tr("data.intro", mb=MAX_UPLOAD_MB))
st.info(tr("data.untouched"), icon=":material/info:")
series_tab, text_tab, sentences_tab, model_tab = st.tabs(
    [tr("data.tab.series"), tr("data.tab.text"), tr("data.tab.sentences"), tr("data.tab.model")])
with series_tab, guarded("data.series"):
    series_section()
with text_tab, guarded("data.text"):
    text_section()
with sentences_tab, guarded("data.sentences"):
    sentences_section()
with model_tab, guarded("data.model"):
    model_section()
