"""The model's tokenizer: a word-level vocabulary holding every DSL name, variable, constant and grid token.

Built from the live primitive registry (the DSL grows), saved beside the model and loaded with it, so a
model always decodes with the vocabulary it was trained on. No hub: `tokenizers` WordLevel model
wrapped in a `PreTrainedTokenizerFast`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from arc_kernel.model import serialize


def vocabulary(primitive_names: Sequence[str] | None = None) -> list[str]:
    """Every token, specials first (pad=0, eos=1, unk=2), then markers, program and grid tokens."""
    if primitive_names is None:
        from arc_kernel.dsl import PRIMITIVES

        primitive_names = sorted(PRIMITIVES)
    words: list[str] = []
    for group in (
        serialize.SPECIAL,
        serialize.MARKERS,
        serialize.PUNCTUATION,
        ("true", "false"),
        serialize.integer_tokens(),
        serialize.variable_tokens(),
        serialize.grid_tokens(),
        serialize.type_tokens(),
        list(primitive_names),
    ):
        words.extend(w for w in group if w not in words)
    return words


def build_tokenizer(primitive_names: Sequence[str] | None = None):
    """A fresh PreTrainedTokenizerFast over `vocabulary()`; text is whitespace-separated tokens."""
    return tokenizer_over(vocabulary(primitive_names))


def extend_tokenizer(tokenizer, names: Sequence[str]):
    """The tokenizer with `names` it lacks appended (existing ids unchanged), and the names added."""
    vocab = tokenizer.get_vocab()
    added = [n for n in dict.fromkeys(names) if n not in vocab]
    words = sorted(vocab, key=vocab.get) + added
    return tokenizer_over(words), added


def tokenizer_over(words: Sequence[str]):
    """A word-level PreTrainedTokenizerFast whose ids are the positions of `words` (specials first)."""
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    core = Tokenizer(models.WordLevel({w: i for i, w in enumerate(words)}, unk_token=serialize.UNK))
    core.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    return PreTrainedTokenizerFast(
        tokenizer_object=core,
        pad_token=serialize.PAD,
        eos_token=serialize.EOS,
        unk_token=serialize.UNK,
        model_max_length=4096,
    )


def load_tokenizer(directory: str | Path):
    """The tokenizer saved with a model (raises FileNotFoundError when there is none)."""
    from transformers import PreTrainedTokenizerFast

    if not (Path(directory) / "tokenizer.json").is_file():
        raise FileNotFoundError(f"no tokenizer.json in {directory}")
    return PreTrainedTokenizerFast.from_pretrained(str(directory))


def encode_tokens(tokenizer, tokens: Sequence[str], add_eos: bool = False) -> list[int]:
    """Token strings to ids (unknown names map to <unk>), optionally ending with </s>."""
    ids = tokenizer.convert_tokens_to_ids(list(tokens))
    return ids + [tokenizer.eos_token_id] if add_eos else ids
