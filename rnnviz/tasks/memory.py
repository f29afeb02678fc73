"""Long-range memory benchmarks: the adding problem and the copy-memory task.

Both put the information the answer needs far from the step where the answer is read, so the gradient
must travel back across many steps: the textbook contrast between a tanh RNN and gated cells.

References:
- Hochreiter & Schmidhuber (1997), Long short-term memory: the adding and copy problems' ancestors.
- Le, Jaitly & Hinton (2015), A simple way to initialize recurrent networks of rectified linear units:
  the adding problem as used here (values U(0, 1), exactly two markers, one in each half).
- Arjovsky, Shah & Bengio (2016), Unitary evolution recurrent neural networks: the copy-memory task and
  its memoryless baseline 10 ln 8 / (T + 20).
"""
from __future__ import annotations

import math

import torch
from torch import Tensor

from rnnviz.tasks.base import TaskData, accuracy, data_generator, ids_to_tokens

VAL_SIZE = 512
TEST_SIZE = 512


# --- adding --------------------------------------------------------------------------------------

class Adding(TaskData):
    """x (B, T, 2): channel 0 holds values from U(0, 1), channel 1 marks exactly two steps, one in each
    half of the sequence; the target is the sum of the two marked values.

    Predicting the mean (1) whatever the input scores the variance of a sum of two U(0, 1), 1/6: that
    is the baseline every network must beat.
    """

    name = "adding"
    input_kind = "vectors"
    input_size = 2
    output_size = 1
    many_to_many = False
    target_kind = "regression"
    metric_name = "mse"
    higher_is_better = False

    def __init__(self, seed: int = 0, seq_len: int = 50):
        self.seq_len = seq_len
        generator = data_generator(seed, salt=5)
        self.val = self._draw(VAL_SIZE, generator)
        self.test = self._draw(TEST_SIZE, generator)
        self._finish()

    def _draw(self, n: int, generator: torch.Generator) -> tuple[Tensor, Tensor]:
        T, half = self.seq_len, self.seq_len // 2
        values = torch.rand(n, T, generator=generator)                          # (n, T)
        first = torch.randint(0, half, (n, 1), generator=generator)             # (n, 1) in the first half
        second = torch.randint(half, T, (n, 1), generator=generator)            # (n, 1) in the second half
        markers = torch.zeros(n, T)
        markers.scatter_(1, first, 1.0)
        markers.scatter_(1, second, 1.0)                                        # (n, T) exactly two ones
        x = torch.stack([values, markers], dim=-1)                              # (n, T, 2)
        y = values.gather(1, first) + values.gather(1, second)                  # (n, 1)
        return x, y

    @torch.no_grad()
    def metric(self, output: Tensor, target: Tensor) -> float:
        """Mean squared error, the loss itself: its units are already the problem's."""
        self._check_shapes(output, target)
        return ((output.double() - target.double()) ** 2).mean().item()


# --- copy ----------------------------------------------------------------------------------------

RECALL = 10            # symbols to remember
ALPHABET = 8           # symbols 1..8
BLANK, DELIMITER = 0, ALPHABET + 1
COPY_VOCAB = ["_"] + [str(s) for s in range(1, ALPHABET + 1)] + [":"]   # id -> token


class Copy(TaskData):
    """Arjovsky et al.'s copy-memory task, with T = the delay (this task's seq_len parameter).

    Input (length T + 20): 10 symbols from 1..8, T - 1 blanks, the delimiter, 10 blanks.
    Target: T + 10 blanks, then the 10 symbols. The network must hold 10 symbols for T steps.
    Tokens: blank 0 ("_"), symbols 1-8 ("1".."8"), delimiter 9 (":").
    """

    name = "copy"
    input_kind = "tokens"
    input_size = len(COPY_VOCAB)
    output_size = len(COPY_VOCAB)
    many_to_many = True
    target_kind = "classification"
    metric_name = "symbol accuracy"
    higher_is_better = True
    vocab = COPY_VOCAB

    def __init__(self, seed: int = 0, seq_len: int = 20):
        self.delay = seq_len
        self.seq_len = seq_len + 2 * RECALL      # what the network reads: T + 20 steps
        generator = data_generator(seed, salt=6)
        self.val = self._draw(VAL_SIZE, generator)
        self.test = self._draw(TEST_SIZE, generator)
        self._finish()

    def _draw(self, n: int, generator: torch.Generator) -> tuple[Tensor, Tensor]:
        symbols = torch.randint(1, ALPHABET + 1, (n, RECALL), generator=generator)   # (n, 10)
        x = torch.full((n, self.seq_len), BLANK, dtype=torch.long)                   # (n, T + 20)
        x[:, :RECALL] = symbols
        x[:, RECALL + self.delay - 1] = DELIMITER      # after T - 1 blanks: "now repeat"
        y = torch.full((n, self.seq_len), BLANK, dtype=torch.long)                   # (n, T + 20)
        y[:, -RECALL:] = symbols
        return x, y

    @torch.no_grad()
    def metric(self, output: Tensor, target: Tensor) -> float:
        """Per-symbol accuracy on the 10 recalled symbols (the blanks are easy and would flatter it)."""
        self._check_shapes(output, target)
        return accuracy(output[:, -RECALL:], target[:, -RECALL:])

    def constant_output(self, target: Tensor) -> Tensor:
        """The best memoryless predictor: certain of the blank for T + 10 steps, then uniform over the
        8 symbols (it cannot know which were shown). Its cross-entropy is 10 ln 8 / (T + 20)."""
        log_p = torch.full((self.seq_len, self.output_size), -math.inf, dtype=torch.float64)  # (T + 20, V)
        log_p[:-RECALL, BLANK] = 0.0
        log_p[-RECALL:, 1:ALPHABET + 1] = -math.log(ALPHABET)
        return log_p.expand(target.shape[0], -1, -1)                                          # (B, T + 20, V)

    def encode(self, text: str) -> Tensor:
        """Text such as "12345678__:" -> ids (len(text),); every character must be in the vocabulary."""
        unknown = sorted(set(text) - set(COPY_VOCAB))
        if unknown:
            raise ValueError(f"copy: characters {unknown} are not tokens; allowed are {' '.join(COPY_VOCAB)}")
        return torch.tensor([COPY_VOCAB.index(c) for c in text], dtype=torch.long)

    def decode(self, ids) -> str:
        return "".join(ids_to_tokens(COPY_VOCAB, ids))
