"""The nine lessons, in the order of the course unit this project grew from.

Each experiment is small enough to train in seconds to a minute on a laptop CPU; the measurement behind a
choice is said beside it. The words are in rnnviz/i18n/lessons.py.
"""
from __future__ import annotations

from rnnviz.config import ExperimentConfig
from rnnviz.lessons.lesson import Lesson, View
from rnnviz.live.speed import FULL_SPEED

LESSONS = (
    # 1. recurrence: the hidden state step by step on the sign of a sum (an nn.RNN of 32 units, as in the course)
    Lesson(
        number=1,
        config=ExperimentConfig.for_task("sum-sign", cell="rnn", hidden_size=32, steps=300),
        lab_page="inside", figures=("states", "loss"), pace=20,      # 300 steps in 15 s: the class sees it learn
        observations=(View(fresh=True, sample=0), View(train=True), View(sample=3)),
        choices=3, answer=1, terms=("hidden_state", "recurrence", "many_to_one"),
    ),
    # 2. backpropagation through time by hand: the NumPy RNN, its gradients checked against autograd
    Lesson(
        number=2,
        config=ExperimentConfig.for_task("sum-sign", cell="rnn", hidden_size=32),
        lab_page="scratch", figures=("bptt",),
        observations=(View(sample=0), View(sample=1), View(sample=2)),
        choices=3, answer=2, terms=("bptt", "gradient", "hidden_state"),
    ),
    # 3. predicting the next number, and what happens outside the range the network saw
    Lesson(
        number=3,
        config=ExperimentConfig.for_task("next-number", cell="gru", steps=400),
        lab_page="train", figures=("loss", "results"), pace=FULL_SPEED,
        observations=(View(train=True), View(log_y=True), View(results={"next_start": 300, "next_step": 4})),
        choices=3, answer=0, terms=("many_to_many", "extrapolation", "baseline"),
    ),
    # 4. vanishing and exploding gradients: ||dL/dh_t||, the spectral radius, Pascanu's bound, clipping
    Lesson(
        number=4,
        config=ExperimentConfig.for_task("sum-sign", cell="rnn", task_params={"seq_len": 50}, spectral_radius=0.9),
        lab_page="gradients", figures=("radius",),
        observations=(View(knobs={"spectral_radius": 0.5}), View(knobs={"spectral_radius": 1.5}),
                      # the sidebar sets an LSTM's forget-gate bias with its radius: 0, about PyTorch's own
                      View(knobs={"spectral_radius": 1.0, "cell": "lstm", "forget_bias": 0.0})),
        choices=4, answer=3, terms=("vanishing_gradient", "exploding_gradient", "spectral_radius", "clipping"),
    ),
    # 5. the LSTM: gates and cell state, and the adding problem a tanh RNN cannot learn and an LSTM can
    # (T = 50: an LSTM reaches 0.003 x the baseline MSE, a tanh RNN stays at 1.01 x; README's tasks table)
    Lesson(
        number=5,
        config=ExperimentConfig.for_task("adding", cell="lstm", steps=600),
        lab_page="inside", figures=("loss", "gates"), pace=FULL_SPEED,
        observations=(View(train=True), View(knobs={"cell": "rnn"}, train=True),
                      View(knobs={"cell": "lstm"}, train=True, sample=1)),
        choices=4, answer=1, terms=("lstm", "cell_state", "forget_gate", "input_gate", "output_gate"),
    ),
    # 6. the GRU, and RNN vs LSTM vs GRU on equal terms (same data, seed, batches and budget)
    Lesson(
        number=6,
        config=ExperimentConfig.for_task("adding", cell="gru", steps=600),
        lab_page="compare", figures=("loss",), pace=FULL_SPEED,
        observations=(View(train=True), View(knobs={"cell": "lstm"}, train=True),
                      View(knobs={"cell": "rnn"}, train=True)),
        choices=3, answer=2, terms=("gru", "update_gate", "reset_gate"),
    ),
    # 7. architectures: many-to-one, many-to-many, bidirectional (sentiment, with an embedding)
    Lesson(
        number=7,
        config=ExperimentConfig.for_task("sentiment", cell="gru"),
        lab_page="train", figures=("loss", "results"), pace=FULL_SPEED,
        observations=(View(train=True), View(knobs={"bidirectional": True}, train=True),
                      View(knobs={"task": "next-number", "cell": "gru", "bidirectional": False}, train=True)),
        choices=3, answer=0, terms=("embedding", "many_to_one", "many_to_many", "bidirectional"),
    ),
    # 8. forecasting a series: a sine, a window of 50 and MinMax scaling, as the course does
    Lesson(
        number=8,
        config=ExperimentConfig.for_task("sine", cell="lstm"),
        lab_page="train", figures=("loss", "results"), pace=FULL_SPEED,
        observations=(View(train=True), View(knobs={"task_params": {"seq_len": 50, "noise": 0.4}}, train=True),
                      View(knobs={"task_params": {"seq_len": 5, "noise": 0.1}}, train=True)),
        choices=3, answer=1, terms=("window", "minmax_scaling", "baseline"),
    ),
    # 9. overfitting and regularisation: an LSTM of 128 units learns the sentiment sentences by heart (train
    # loss 0.001, validation loss up from 0.72 at step 25 to 1.6 at step 400; python -m rnnviz train)
    Lesson(
        number=9,
        config=ExperimentConfig.for_task("sentiment", cell="lstm", hidden_size=128, steps=300, eval_every=10),
        lab_page="train", figures=("loss",), pace=FULL_SPEED,
        observations=(View(train=True), View(log_y=True),
                      View(knobs={"layers": 2, "dropout": 0.5}, train=True)),
        choices=3, answer=0, terms=("overfitting", "validation", "dropout", "early_stopping"),
    ),
)
