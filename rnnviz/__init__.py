"""rnnviz: see inside recurrent neural networks.

A UI-free library: PyTorch models, exact traces of states and gates, gradient norms, tasks, a trainer
and Plotly figure builders. The Streamlit dashboard (app.py, views/) only wires widgets to it.
"""

from rnnviz.gradients import hidden_grad_norms
from rnnviz.trace import trace

__all__ = ["trace", "hidden_grad_norms"]
