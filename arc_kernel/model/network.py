"""The network: a small T5 encoder–decoder configured from scratch, or a pretrained seq2seq base from a directory.

Saved layout (one directory): the transformers model (`config.json`, `model.safetensors`), its tokenizer
(`tokenizer.json`, …) and `arc_model.json` (this module's `ModelConfig`, i.e. the serialisation budget).
A LoRA adapter lives in its own directory (`adapter_config.json`, `adapter_model.safetensors`), written
with `save_pretrained` and loaded with `PeftModel.from_pretrained` on top of the base.
"""

from __future__ import annotations

import copy
import json
import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

log = logging.getLogger(__name__)

CONFIG_FILE = "arc_model.json"
MODEL_SIZES = ("tiny", "default", "medium", "large")  # ModelConfig presets


FUSED_GELU = "gelu_pytorch_tanh"  # T5's gated-gelu activation ("gelu_new": tanh approximation) in one torch kernel


@dataclass
class ModelConfig:
    """Size of the from-scratch T5 and the token budgets of source and target."""

    d_model: int = 128
    d_ff: int = 384
    num_layers: int = 2
    num_decoder_layers: int = 2
    num_heads: int = 4
    d_kv: int = 32
    dropout: float = 0.0
    relative_attention_num_buckets: int = 32
    relative_attention_max_distance: int = 256
    grid_positions: bool = True  # row, column, role and pair embeddings on source tokens (positions.py)
    pair_images: bool = False  # CNN features of each pair's aligned grids on its tokens (pair_images.py; needs grid_positions)
    max_source_tokens: int = 256
    max_target_tokens: int = 160

    @classmethod
    def tiny(cls) -> "ModelConfig":
        """A few-hundred-thousand-parameter model for tests."""
        return cls(d_model=32, d_ff=64, num_layers=1, num_decoder_layers=1, num_heads=2, d_kv=16, max_source_tokens=256)

    @classmethod
    def large(cls) -> "ModelConfig":
        """About 10 M parameters and a 1,024-token source (90% of held-out tasks whole): for a GPU."""
        return cls(d_model=256, d_ff=768, num_layers=6, num_decoder_layers=4, num_heads=8, d_kv=32,
                   relative_attention_max_distance=512, max_source_tokens=1024)

    @classmethod
    def medium(cls) -> "ModelConfig":
        """About 6 M parameters and a 384-token source: trains in minutes on a GPU, decodes at ~4x the default's CPU cost."""
        return cls(d_model=256, d_ff=768, num_layers=4, num_decoder_layers=2, num_heads=8, d_kv=32, max_source_tokens=384)

    @classmethod
    def named(cls, size: str) -> "ModelConfig":
        """The preset called `size`: one of MODEL_SIZES."""
        if size not in MODEL_SIZES:
            raise ValueError(f"unknown model size {size!r}; choose from {list(MODEL_SIZES)}")
        return cls() if size == "default" else getattr(cls, size)()


@dataclass
class LoraSettings:
    """The adapter trained in stage two (peft LoraConfig fields)."""

    r: int = 16
    alpha: int = 32
    dropout: float = 0.05
    target_modules: list[str] = field(default_factory=lambda: ["q", "k", "v", "o", "wi", "wo"])


def build_model(config: ModelConfig, tokenizer):
    """A freshly initialised T5 sized by `config` for `tokenizer`'s vocabulary (with grid positions if asked)."""
    from transformers import T5Config, T5ForConditionalGeneration

    extra = {}
    if config.grid_positions:
        from arc_kernel.model.positions import grid_vocabulary

        extra["grid_tokens"] = grid_vocabulary(tokenizer.get_vocab())
        extra["pair_images"] = config.pair_images
    t5 = T5Config(
        vocab_size=len(tokenizer),
        d_model=config.d_model,
        d_ff=config.d_ff,
        d_kv=config.d_kv,
        num_layers=config.num_layers,
        num_decoder_layers=config.num_decoder_layers,
        num_heads=config.num_heads,
        dropout_rate=config.dropout,
        relative_attention_num_buckets=config.relative_attention_num_buckets,
        relative_attention_max_distance=config.relative_attention_max_distance,
        feed_forward_proj="gated-gelu",
        dense_act_fn=FUSED_GELU,
        tie_word_embeddings=True,  # T5 v1.0 style: shared embeddings, logits scaled by d_model**-0.5
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.pad_token_id,
        **extra,
    )
    if config.grid_positions:
        from arc_kernel.model.grid_t5 import GridT5ForConditionalGeneration

        return GridT5ForConditionalGeneration(t5)
    return T5ForConditionalGeneration(t5)


def read_config(directory: str | Path) -> ModelConfig:
    path = Path(directory) / CONFIG_FILE
    if not path.is_file():
        return ModelConfig()
    known = {f.name for f in fields(ModelConfig)}
    return ModelConfig(**{k: v for k, v in json.loads(path.read_text()).items() if k in known})


def save_model(model, tokenizer, config: ModelConfig, directory: str | Path, half: bool = False) -> None:
    """Write model (or adapter, for a peft model), tokenizer and `arc_model.json` to `directory`.

    `half` stores the weights as float16 (half the bytes); `load_base` reads them back as float32 on a CPU.
    """
    import torch

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    if half:
        model = copy.deepcopy(model).to(torch.float16)
    model.save_pretrained(str(directory))
    tokenizer.save_pretrained(str(directory))
    (directory / CONFIG_FILE).write_text(json.dumps(asdict(config), indent=2) + "\n")


def quantization_config(load_in_4bit: bool):
    """A BitsAndBytesConfig for 4-bit loading on CUDA (fp16 compute where bf16 is absent, e.g. T4), else None."""
    if not load_in_4bit:
        return None
    import torch

    if not torch.cuda.is_available():
        log.warning("4-bit loading needs CUDA; no GPU here, so the model loads in full precision")
        return None
    try:
        import bitsandbytes  # noqa: F401
    except ImportError:
        log.warning("4-bit loading needs the bitsandbytes package; it is not installed, so the model loads in full precision")
        return None
    from transformers import BitsAndBytesConfig

    compute = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    return BitsAndBytesConfig(
        load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=compute, bnb_4bit_use_double_quant=True
    )


def load_base(directory: str | Path, load_in_4bit: bool = False, device: str | None = None):
    """(model, tokenizer, config) from a saved directory — ours, or a pretrained seq2seq base (e.g. CodeT5).

    A base without our tokenizer gets our vocabulary and its embeddings resized to it.
    """
    from transformers import AutoModelForSeq2SeqLM

    from arc_kernel.model.tokenizer import build_tokenizer, load_tokenizer

    directory = Path(directory)
    if not (directory / "config.json").is_file():
        raise FileNotFoundError(f"no model in {directory} (config.json missing)")
    import torch

    quantization = quantization_config(load_in_4bit)
    if quantization is not None:
        kwargs = {"quantization_config": quantization, "device_map": "auto"}
    else:  # weights stored as float16 train and decode in float32 (CPUs have no fast float16)
        kwargs = {"dtype": torch.float32}
    model_class = AutoModelForSeq2SeqLM
    saved = json.loads((directory / "config.json").read_text())
    if saved.get("dense_act_fn") == "gelu_new":  # the same function, computed in one kernel (6× faster on CPU)
        kwargs["dense_act_fn"] = FUSED_GELU
    if "grid_tokens" in saved:
        from arc_kernel.model.grid_t5 import GridT5ForConditionalGeneration as model_class
    model = model_class.from_pretrained(str(directory), **kwargs)
    try:
        tokenizer = load_tokenizer(directory)
        ours = (directory / CONFIG_FILE).is_file()
    except FileNotFoundError:
        tokenizer, ours = build_tokenizer(), False
    if not ours:  # a foreign pretrained base: our vocabulary, its weights
        model.resize_token_embeddings(len(tokenizer))
        model.config.pad_token_id = model.config.decoder_start_token_id = tokenizer.pad_token_id
        model.config.eos_token_id = tokenizer.eos_token_id
        if getattr(model, "generation_config", None) is not None:
            model.generation_config.pad_token_id = model.generation_config.decoder_start_token_id = tokenizer.pad_token_id
            model.generation_config.eos_token_id = tokenizer.eos_token_id
    if quantization is None and device is not None:
        model = model.to(device)
    config = read_config(directory)
    config.grid_positions = hasattr(model.get_encoder(), "grid_positions")  # older saves lack the field
    config.pair_images = getattr(model.get_encoder(), "pair_images", None) is not None
    return model, tokenizer, config


def add_missing_primitives(model, tokenizer):
    """(tokenizer, names added): the DSL's primitive names a trained model's vocabulary lacks, appended as new
    tokens, and the model's embeddings grown to match (existing ids and weights unchanged)."""
    import torch

    from arc_kernel.dsl import PRIMITIVES
    from arc_kernel.model.tokenizer import extend_tokenizer

    tokenizer, added = extend_tokenizer(tokenizer, sorted(PRIMITIVES))
    if added:
        model.resize_token_embeddings(len(tokenizer))
        positions = getattr(model.get_encoder(), "grid_positions", None)
        for name in ("lengths", "row_breaks", "roles") if positions is not None else ():
            table = getattr(positions, name)  # per-token grid facts: a program name is no grid token (zeros)
            setattr(positions, name, torch.cat([table, table.new_zeros(len(added))]))
    return tokenizer, added


def add_grid_positions(model, tokenizer):
    """A grid-position T5 holding a plain T5's weights; its coordinate embeddings start at zero, so it computes
    exactly what `model` did until training moves them (for continuing a base saved without them)."""
    from torch import nn

    from arc_kernel.model.grid_t5 import GridT5ForConditionalGeneration
    from arc_kernel.model.positions import grid_vocabulary

    config = copy.deepcopy(model.config)
    config.grid_tokens, config.pair_images = grid_vocabulary(tokenizer.get_vocab()), False
    upgraded = GridT5ForConditionalGeneration(config)
    missing, unexpected = upgraded.load_state_dict(model.state_dict(), strict=False)
    strangers = [n for n in missing if not n.startswith("encoder.grid_positions.")] + list(unexpected)
    if strangers:
        raise ValueError(f"not a plain T5 of the same shape: {strangers[:5]}")
    positions = upgraded.get_encoder().grid_positions
    for table in (positions.rows, positions.columns, positions.role, positions.pair):
        nn.init.zeros_(table.weight)
    return upgraded.to(next(model.parameters()).device)


def add_adapter(model, settings: LoraSettings = LoraSettings()):
    """Wrap `model` with a fresh LoRA adapter (only the adapter trains)."""
    from peft import LoraConfig, TaskType, get_peft_model, prepare_model_for_kbit_training

    if getattr(model, "is_loaded_in_4bit", False):
        model = prepare_model_for_kbit_training(model)
    names = {name.rsplit(".", 1)[-1] for name, _ in model.named_modules()}
    targets = [t for t in settings.target_modules if t in names] or None
    config = LoraConfig(
        task_type=TaskType.SEQ_2_SEQ_LM, r=settings.r, lora_alpha=settings.alpha, lora_dropout=settings.dropout,
        target_modules=targets,
    )
    return get_peft_model(model, config)


def load_model(
    base: str | Path, adapter: str | Path | None = None, load_in_4bit: bool = False, device: str | None = None,
    merge: bool = True,
):
    """(model, tokenizer, config) ready for decoding: the base, plus the adapter if given (merged when not 4-bit)."""
    model, tokenizer, config = load_base(base, load_in_4bit=load_in_4bit, device=device)
    if adapter is not None:
        from peft import PeftModel

        if not (Path(adapter) / "adapter_config.json").is_file():
            raise FileNotFoundError(f"no adapter in {adapter} (adapter_config.json missing)")
        model = PeftModel.from_pretrained(model, str(adapter))
        if merge and not getattr(model, "is_loaded_in_4bit", False):
            model = model.merge_and_unload()
    model.eval()
    return model, tokenizer, config


def parameter_count(model) -> int:
    return sum(p.numel() for p in model.parameters())
