"""Every task's registry entry: what it asks of the network, its knobs, the settings that train it well, and
its traits (whether it forecasts its input, what typed text it reads, which results section it shows).

Plain data, no PyTorch (each entry names its TaskData class, in the family file that builds the data),
so the dashboard's sidebar and a configuration's checks never wait for torch to import.
"""
from __future__ import annotations

from rnnviz.tasks.spec import TaskParam, TaskSpec
from rnnviz.tasks.texts import TEXT_FILES, check_char_lm_window, longest_window

SUM_SIGN = TaskSpec(
    name="sum-sign",
    summary="Read a sequence of random numbers and say whether their sum is positive.",
    params=(TaskParam("seq_len", 10, 2, 1000,
                      "How many numbers each sequence has; longer sequences make the running sum harder to keep."),),
    # a plain tanh RNN is enough here, with the course's Adam at lr 0.01 and no clipping; measured, seeds 0-2:
    # 94/96/97% val accuracy (96/96/98% test) in ~1.5 s. Its gradient norm is above 1 on most steps: a clip
    # of 1 clipped 792 of 1000, and was not needed (lr 0.003, clip 1: 95/99/97%; no clip: 96/98/99%)
    recommended=dict(cell="rnn", hidden_size=32, lr=0.01, steps=1000, batch_size=128, clip=0.0, optimizer="adam"),
    data="rnnviz.tasks.toy.SumSign",
    results="confusion",
)

NEXT_NUMBER = TaskSpec(
    name="next-number",
    summary="Read an arithmetic sequence such as 3, 7, 11 and predict the next number at every step.",
    params=(TaskParam("seq_len", 10, 2, 1000,
                      "How many terms each sequence shows; longer sequences reach larger numbers."),),
    # measured: val MAE 0.49/0.71/0.49 (original units), seeds 0-2, in ~1.5 s; the first step cannot know
    # the step size. No clipping: a clip of 1 acted on 0, 0 and 1 of the 800 steps (MAE 0.49/0.71/0.48)
    recommended=dict(cell="gru", hidden_size=32, lr=0.01, steps=800, batch_size=64, clip=0.0, optimizer="adam"),
    data="rnnviz.tasks.toy.NextNumber",
    results="sequence",
    forecasts_its_input=True,
)


SINE = TaskSpec(
    name="sine",
    summary="Forecast the next value of a noisy sine wave from a window of its recent values.",
    params=(
        TaskParam("seq_len", 50, 2, 300,
                  "How many past values the network sees before forecasting; a longer window shows more "
                  "of the wave but takes longer to train."),
        TaskParam("noise", 0.1, 0.0, 1.0,
                  "Standard deviation of the noise added to the sine; more noise hides the wave and "
                  "raises the error no forecaster can avoid."),
    ),
    # measured: test RMSE 0.12/0.11/0.11 against repeat-last ~0.15 (noise 0.1), under 1 s, seeds 0-2. No
    # clipping: a clip of 1 acted on 3, 0 and 0 of the 300 steps (test RMSE 0.12/0.11/0.11 too)
    recommended=dict(cell="lstm", hidden_size=32, lr=0.01, steps=300, batch_size=64, clip=0.0, optimizer="adam"),
    data="rnnviz.tasks.forecasting.Sine",
    results="forecast",
)


SENTIMENT = TaskSpec(
    name="sentiment",
    summary="Say whether a short Spanish or English sentence is positive or negative.",
    params=(TaskParam("seq_len", 12, 2, 100,
                      "How many words the network reads, counted from the end of the sentence; shorter "
                      "sentences are padded on the left and longer ones lose their first words."),),
    # measured: 74-79% held-out accuracy in ~2 s, seeds 0-3; the validation LOSS ends above the baseline
    # because the few mistakes are confident ones (unknown words): accuracy is the number to read here.
    # No clipping: a clip of 1 never acted (gradient norm at most 0.74, seeds 0-2)
    recommended=dict(cell="gru", hidden_size=32, embedding_dim=16, lr=0.01, steps=400, batch_size=32,
                     clip=0.0, optimizer="adam"),
    data="rnnviz.tasks.sentiment.Sentiment",
    results="sentence",
    reads_tokens=True,
    reads_text="words",
)


ADDING = TaskSpec(
    name="adding",
    summary="Add the two numbers marked somewhere in a long sequence of random numbers.",
    params=(TaskParam("seq_len", 50, 2, 1000,
                      "How many steps each sequence has; longer sequences put the first marked number "
                      "further back, which makes it much harder for a plain RNN."),),
    # measured at T = 50: the LSTM reaches val MSE < 0.01 x baseline in ~1000 steps (~5 s), seeds 0-2;
    # a tanh RNN with these settings stays at the baseline for 60 s (the textbook contrast).
    # The clip is kept, as a brake: it acts on 32/15/30 of the 1500 steps, where the gradient norm jumps (up
    # to 9), and the LSTM ends at val MSE 0.00047/0.00034/0.00023; without it 0.0014/0.00054/0.00039
    recommended=dict(cell="lstm", hidden_size=64, lr=0.01, steps=1500, batch_size=64, clip=1.0,
                     optimizer="adam"),
    data="rnnviz.tasks.memory.Adding",
    results="marked_sum",
)

COPY = TaskSpec(
    name="copy",
    summary="Remember 10 symbols through a long stretch of blanks, then repeat them in order.",
    params=(TaskParam("seq_len", 20, 2, 980,
                      "The delay T: how many steps pass between seeing the symbols and being asked for them "
                      "(the network reads T + 20 steps); longer delays need a longer memory."),),
    # measured at T = 20: a GRU reaches 95-96% symbol accuracy in 3000 steps (seeds 0-2); an LSTM of the
    # same size is still near 30% by then. The clip is kept, as a brake: it acts on 63/26/57 of the 3000
    # steps for 96/95/96% symbol accuracy; without it 93/92/97%
    recommended=dict(cell="gru", hidden_size=128, lr=0.003, steps=3000, batch_size=64, clip=1.0,
                     optimizer="adam", embedding_dim=16),
    data="rnnviz.tasks.memory.Copy",
    results="recall",
    reads_tokens=True,
)


CHAR_LM = TaskSpec(
    name="char-lm",
    summary="Read a text one character at a time and predict the next character at every step.",
    params=(
        TaskParam("seq_len", 64, 2, max(longest_window(name) for name in TEXT_FILES),
                  "How many characters the network reads before its gradient is cut (the BPTT window); "
                  "longer windows let it learn longer-range patterns but train more slowly."),
        TaskParam("text", "zen", None, None,
                  "Which text to learn: 'zen' is The Zen of Python in English, 'es' the opening of Don "
                  "Quijote in Spanish.", choices=tuple(TEXT_FILES)),
    ),
    # measured: the LSTM learns the text by heart (train loss ~0.1 nats) in ~8 s, so samples read like it;
    # the texts are too short to generalise: validation loss rises above the unigram baseline as it memorises.
    # No clipping: a clip of 1 never acted (gradient norm at most 0.71, seeds 0-2)
    recommended=dict(cell="lstm", hidden_size=128, embedding_dim=32, lr=0.005, steps=1000, batch_size=32,
                     clip=0.0, optimizer="adam"),
    data="rnnviz.tasks.char_lm.CharLM",
    results="sample_text",
    reads_tokens=True,
    forecasts_its_input=True,
    reads_text="characters",
    check=check_char_lm_window,
)


# the registry's order (the sidebar's, the CLI's): the order a course meets them
IN_COURSE_ORDER = (SUM_SIGN, NEXT_NUMBER, SINE, SENTIMENT, ADDING, COPY, CHAR_LM)
