"""Character-level language model on a small public-domain text shipped in rnnviz/data.

The min-char-rnn lesson: read characters one at a time and predict the next one at every step. Scored
in bits per character, the unit of text compression; the baseline is the unigram model (predict every
character by its frequency alone), which a network beats only by using context.

Texts: "zen" (The Zen of Python, from Python's `this` module) and "es" (the opening of Don Quijote,
public domain); see rnnviz/data/README.md.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from rnnviz.tasks.base import TaskData, check_batch_args, ids_to_tokens
from rnnviz.tasks.lazy_torch import F, no_grad, torch
from rnnviz.tasks.spec import TaskParam, TaskSpec
from rnnviz.tasks.texts import TEXT_FILES, check_char_lm_window, load_text, longest_window, split_point

if TYPE_CHECKING:
    from torch import Tensor


class CharLM(TaskData):
    """x (B, T) character ids; target (B, T) the same window shifted by one character.

    The vocabulary is every distinct character of the whole text, sorted. Training windows start
    anywhere in the first 90% of the text; the validation set is every window (stride 1) of the last
    10%. The text is too short for a third split, so `test` is the validation set.
    """

    name = "char-lm"
    input_kind = "tokens"
    many_to_many = True
    target_kind = "classification"
    metric_name = "bits per char"
    higher_is_better = False

    def __init__(self, seed: int = 0, seq_len: int = 64, text: str = "zen"):
        self.seed = seed        # accepted for the common build(seed, ...) signature; the data is fixed
        self.text_name = text
        self._use_text(load_text(text), seq_len)

    def _use_text(self, text: str, seq_len: int, val_stride: int = 1) -> None:
        """Vocabulary, training span and validation windows of `text`. Shared with a learner's own text
        (rnnviz.tasks.custom), whose longer validation span is read every `val_stride` characters."""
        self.seq_len = seq_len
        self.text = text
        self.vocab = sorted(set(self.text))
        self._ids = {char: i for i, char in enumerate(self.vocab)}
        self.input_size = self.output_size = len(self.vocab)
        ids = self.encode(self.text)                                                   # (N,)
        self.split = split_point(self.text)
        self._train_ids = ids[:self.split]
        val_windows = ids[self.split:].unfold(0, seq_len + 1, val_stride)              # (n, T + 1)
        self.val = (val_windows[:, :-1].contiguous(), val_windows[:, 1:].contiguous())  # (n, T) each
        self.test = self.val
        self._finish()

    def train_batch(self, batch_size: int, generator: torch.Generator) -> tuple[Tensor, Tensor]:
        """Windows starting at random positions of the training span."""
        check_batch_args(batch_size, generator)
        starts = torch.randint(len(self._train_ids) - self.seq_len, (batch_size, 1), generator=generator)
        positions = starts + torch.arange(self.seq_len + 1)                            # (B, T + 1)
        windows = self._train_ids[positions]                                           # (B, T + 1)
        return windows[:, :-1], windows[:, 1:]

    @no_grad
    def metric(self, output: Tensor, target: Tensor) -> float:
        """Bits per character: the cross-entropy in base 2."""
        self._check_shapes(output, target)
        nats = F.cross_entropy(output.reshape(-1, output.shape[-1]).double(), target.reshape(-1))
        return nats.item() / math.log(2)

    def constant_output(self, target: Tensor) -> Tensor:
        """The unigram model: the log-frequency of each character among the validation targets,
        the same at every position (a window starts anywhere, so position carries no information)."""
        counts = torch.bincount(target.reshape(-1), minlength=self.output_size).double()   # (V,)
        return torch.log(counts / counts.sum()).expand(*target.shape, self.output_size)

    def unknown_characters(self, text: str) -> list[str]:
        """Characters of `text` the network has no id for (sorted, each once): the text it learned never uses them."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        return sorted(set(text) - set(self._ids))

    def encode(self, text: str) -> Tensor:
        """Characters -> ids (len(text),); a character the text never uses is an error, named."""
        unknown = self.unknown_characters(text)
        if unknown:
            raise ValueError(f"char-lm ({self.text_name}): characters {unknown} never occur in the text; "
                             f"use only: {''.join(self.vocab)!r}")
        return torch.tensor([self._ids[char] for char in text], dtype=torch.long)

    def decode(self, ids) -> str:
        return "".join(ids_to_tokens(self.vocab, ids))


# the registry entry (rnnviz/tasks/__init__.py gathers these)
SPEC = TaskSpec(
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
    data=CharLM,
    results="sample_text",
    reads_tokens=True,
    forecasts_its_input=True,
    reads_text="characters",
    check=check_char_lm_window,
)
