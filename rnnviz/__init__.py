"""rnnviz: see inside recurrent neural networks.

A UI-free library: PyTorch models, exact traces of states and gates, gradient norms, tasks, a trainer
and Plotly figure builders. The Streamlit dashboard (app.py, views/) only wires widgets to it.
"""

__all__ = ["trace", "hidden_grad_norms"]


def __getattr__(name: str):
    """`rnnviz.trace` and `rnnviz.hidden_grad_norms`, imported on first use: they import torch, and the
    dashboard's first screen, drawn from rnnviz's torch-free modules, must not wait for it."""
    if name == "trace":
        from rnnviz.tracing import trace
        return trace
    if name == "hidden_grad_norms":
        from rnnviz.gradients import hidden_grad_norms
        return hidden_grad_norms
    raise AttributeError(f"module 'rnnviz' has no attribute {name!r}")
