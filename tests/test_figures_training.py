"""loss_figure: the traces a learner reads, from a history."""
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from rnnviz.figures.style import FONT, LAPTOP, LEGEND_MAX_PX, PROJECTOR, TEXT_COLOR
from rnnviz.figures.training import MARKED_VALIDATIONS, loss_figure

HISTORY = [
    {"step": 1, "train_loss": 1.0, "grad_norm": 3.0, "clipped": True},
    {"step": 2, "train_loss": 0.8, "grad_norm": 0.5, "clipped": False, "val_loss": 0.9, "val_metric": 0.5},
    {"step": 3, "train_loss": 0.5, "grad_norm": 2.0, "clipped": True},
    {"step": 4, "train_loss": 0.4, "grad_norm": 0.1, "clipped": False, "val_loss": 0.45, "val_metric": 0.7},
]


def traces(fig):
    return {t.name: t for t in fig.data}


def test_train_validation_baseline_and_clip_events():
    fig = loss_figure(HISTORY, baseline_loss=0.69)
    by_name = traces(fig)
    assert list(by_name["train"].x) == [1, 2, 3, 4] and list(by_name["train"].y) == [1.0, 0.8, 0.5, 0.4]
    assert list(by_name["validation"].x) == [2, 4] and list(by_name["validation"].y) == [0.9, 0.45]
    assert list(by_name["best constant guess"].y) == [0.69, 0.69]
    clip = by_name["gradient clipped"]                  # a band: 1 from a clipped step to the next step
    assert list(clip.x) == [1, 2, 3, 4] and list(clip.y) == [1, 0, 1, 0] and clip.line.shape == "hv"
    assert clip.yaxis == "y2" and clip.visible is True and clip.fill == "tozeroy"
    assert 0 < fig.layout.yaxis2.range[0] < 1               # the band's 0 lies below the plot, unseen


def test_validation_points_are_marked_while_few():
    history = [{"step": i, "train_loss": 1.0, "clipped": False, **({"val_loss": 1.0} if i % 2 == 0 else {})}
               for i in range(1, 2 * MARKED_VALIDATIONS + 1)]
    assert traces(loss_figure(history))["validation"].mode == "lines+markers"
    history.append({"step": len(history) + 1, "train_loss": 1.0, "val_loss": 1.0, "clipped": False})
    assert traces(loss_figure(history))["validation"].mode == "lines"


def test_log_axis_labels_and_empty_history():
    fig = loss_figure([], baseline_loss=None, log_y=True, labels={"train": "entrenamiento"})
    assert fig.layout.yaxis.type == "log"
    assert "entrenamiento" in traces(fig)
    assert traces(fig)["gradient clipped"].visible == "legendonly"    # nothing clipped: legend only


@pytest.mark.parametrize("style", [PROJECTOR])
def test_projector_style_is_bolder(style):
    fig = loss_figure(HISTORY, 0.69, style=style)
    assert fig.layout.font.size == style.font_size
    assert traces(fig)["train"].line.width == style.line_width


@pytest.mark.parametrize("style", [LAPTOP, PROJECTOR])
def test_style_sets_the_template_plotly_would_validate(style):
    """Style.apply takes the registered template unvalidated and merges its parts by hand: the figure must
    be the one update_layout gives, and not share the template with the registry (a change to one figure
    stays there)."""
    fast = style.apply(go.Figure(go.Scatter(y=[1, 2])), "Loss")
    top = 3.5 * style.font_size + 20
    validated = go.Figure(go.Scatter(y=[1, 2])).update_layout(
        template=style.template, separators=style.separators,
        font=dict(size=style.font_size, family=FONT, color=TEXT_COLOR),
        title=dict(text="Loss", x=0, xref="container", xanchor="left", y=1, yref="container", yanchor="top",
                   pad=dict(t=8, l=4), font=dict(weight="bold")),
        margin=dict(l=10, r=10, t=top, b=10), legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0,
                                                      font=dict(size=min(style.font_size, LEGEND_MAX_PX))))
    assert fast.to_plotly_json() == validated.to_plotly_json()
    fast.layout.template.layout.font.size = 99
    assert pio.templates[style.template].layout.font.size != 99


def test_style_keeps_what_the_figure_set_itself():
    """Like update_layout, apply merges: a figure's own legend and title settings survive it."""
    fig = go.Figure().update_layout(legend=dict(traceorder="reversed"), title=dict(font=dict(size=30)))
    LAPTOP.apply(fig, "Loss")
    assert fig.layout.legend.traceorder == "reversed" and fig.layout.legend.orientation == "h"
    assert fig.layout.title.font.size == 30 and fig.layout.title.text == "Loss"


@pytest.mark.parametrize("style", [LAPTOP, PROJECTOR])
def test_compact_keeps_most_of_a_live_charts_height_for_the_plot(style):
    """The Train page's live chart (compact): no title, no legend key for a clipping band not drawn, and the
    margins of a 360-pixel chart leave the plot more than half of it (a titled one left 112 px on a projector)."""
    unclipped = [{**record, "clipped": False} for record in HISTORY]
    full = loss_figure(unclipped, baseline_loss=0.69, style=style)
    fig = loss_figure(unclipped, baseline_loss=0.69, style=style, compact=True)
    assert not fig.layout.title.text and full.layout.title.text == "Loss"
    assert traces(fig)["gradient clipped"].showlegend is False
    assert traces(loss_figure(HISTORY, style=style, compact=True))["gradient clipped"].showlegend is True
    assert [(t.name, list(t.y)) for t in fig.data] == [(t.name, list(t.y)) for t in full.data]     # same data
    plot = 360 - fig.layout.margin.t - fig.layout.margin.b
    assert plot > 360 - full.layout.margin.t - full.layout.margin.b and plot >= 180
    assert fig.layout.margin.b >= 4 * style.font_size        # still room for the step labels and the axis title
