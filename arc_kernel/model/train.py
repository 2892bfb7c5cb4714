"""`python -m arc_kernel train`: train the base model (stage "base") or its LoRA adapter (stage "adapter").

Runs on CPU or CUDA through `accelerate` (one process), and on several GPUs with
`accelerate launch -m arc_kernel train ...` or `torchrun -m arc_kernel train ...`. Progress bar, a
checkpoint every --save-every steps (`OUT/checkpoint`, resumed with --resume), held-out evaluation every
--eval-every steps (`OUT/log.jsonl`), and the final model (or adapter) in `OUT/final`.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import random
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from arc_kernel.model.network import MODEL_SIZES, LoraSettings, ModelConfig

STAGE_PROVENANCE = {"base": ["random"], "adapter": ["mutate", "relabel", "search"]}


@dataclass
class TrainConfig:
    """One training run: data, stage, schedule and bookkeeping."""

    data: list[str] = field(default_factory=lambda: ["data/train/*.jsonl"])
    out: str = "runs/base"
    stage: str = "base"  # base | adapter
    # the base model directory: required for stage adapter; for stage base an optional start, which then also
    # learns the DSL names its vocabulary lacks (network.add_missing_primitives)
    base: str | None = None
    provenance: list[str] | None = None  # None: the stage's default (see STAGE_PROVENANCE)
    eval_data: list[str] | None = None  # None: the frozen held-out set (synthesis.load_heldout())
    exclude: list[str] = field(default_factory=list)  # globs of records (e.g. tuning sets) whose programs training skips
    steps: int = 2000
    batch_size: int = 16
    lr: float = 2e-3
    warmup: int = 100
    weight_decay: float = 0.01
    step_fraction: float = 0.5  # share of next-line examples (the rest are whole programs)
    whole_depth_max: int | None = None  # whole-program examples only up to this depth (next lines from every depth)
    workers: int = 2  # processes that tokenise the corpus before training
    eval_every: int = 250
    eval_tasks: int = 32
    save_every: int = 250
    resume: bool = False
    seed: int = 0
    threads: int | None = None
    size: str = "default"  # one of network.MODEL_SIZES
    grid_positions: bool = True  # grid-coordinate embeddings on source tokens (positions.py); new models only
    add_grid_positions: bool = False  # continuing a plain base (--base): give it grid positions, starting at zero
    pair_images: bool = False  # CNN features of each pair's aligned grids (pair_images.py); an experiment
    precision: str = "auto"  # auto (bf16 where the GPU has it, else fp32) | no | bf16
    save_half: bool = False  # store the final weights as float16
    max_source_tokens: int | None = None
    max_examples: int | None = None
    time_limit: float | None = None  # seconds; stop (and save) when reached; the learning rate decays by time too
    progress: bool = True


def _heldout(config: TrainConfig) -> list:
    """The examples evaluated during training: --eval-data, else the frozen held-out set (or none)."""
    from arc_kernel.model.examples import example_from_record, read_examples

    if config.eval_data:
        return read_examples(config.eval_data, None, limit=2000)
    try:
        from arc_kernel.synthesis import load_heldout

        return [e for e in (example_from_record(r) for r in load_heldout()) if e is not None]
    except (FileNotFoundError, OSError):
        return []


def _exclusions(heldout: list, exclude: list[str]) -> tuple[frozenset, frozenset]:
    """(program texts, signatures) that training must not see: the frozen held-out set's, the eval data's and
    the programs of the records in `exclude`."""
    from arc_kernel.synthesis.generate import read_records

    programs, signatures = {e.program for e in heldout}, set()
    if exclude:
        programs.update(record["program"] for record in read_records(exclude))
    try:
        from arc_kernel.synthesis.heldout import load_heldout

        for record in load_heldout():
            programs.add(record["program"])
            signatures.add(record.get("signature", ""))
    except (FileNotFoundError, OSError):
        pass
    return frozenset(programs), frozenset(signatures - {""})


def train(config: TrainConfig) -> dict:
    """Run one training stage; return the summary written to OUT/summary.json."""
    import torch
    from accelerate import Accelerator
    from tqdm import tqdm

    from arc_kernel.model.corpus import batch_for_step, build_corpus, collate
    from arc_kernel.model.examples import read_examples, training_pair
    from arc_kernel.model.network import (
        CONFIG_FILE, add_adapter, add_grid_positions, add_missing_primitives, build_model, load_base, parameter_count,
        read_config, save_model,
    )
    from arc_kernel.model.tokenizer import build_tokenizer, encode_tokens, load_tokenizer

    if config.threads:
        torch.set_num_threads(config.threads)
    torch.backends.cuda.matmul.allow_tf32 = True
    accelerator = Accelerator(mixed_precision=_precision(config.precision, torch))
    out = Path(config.out)
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(config.seed)

    if config.stage == "adapter":
        if not config.base:
            raise ValueError("stage adapter needs --base (the trained base model directory)")
        model, tokenizer, model_config = load_base(config.base)
        model = add_adapter(model, LoraSettings())
    elif config.base:
        model, tokenizer, model_config = load_base(config.base)
        tokenizer, added = add_missing_primitives(model, tokenizer)
        if added:
            accelerator.print(f"vocabulary: {len(added)} primitive names added ({', '.join(added)})")
        if config.add_grid_positions and not model_config.grid_positions:
            model, model_config.grid_positions = add_grid_positions(model, tokenizer), True
    elif config.resume and (out / "tokenizer.json").is_file():  # the vocabulary the run started with
        tokenizer, model_config = load_tokenizer(out), read_config(out)
        model = build_model(model_config, tokenizer)
    else:
        model_config = ModelConfig.named(config.size)
        model_config.grid_positions = config.grid_positions
        model_config.pair_images = config.pair_images and config.grid_positions
        tokenizer = build_tokenizer()
        model = build_model(model_config, tokenizer)
    if accelerator.is_main_process:
        tokenizer.save_pretrained(str(out))
        (out / CONFIG_FILE).write_text(json.dumps(asdict(model_config), indent=2) + "\n")
    if config.max_source_tokens:
        model_config.max_source_tokens = config.max_source_tokens

    provenance = config.provenance or STAGE_PROVENANCE[config.stage]
    examples = read_examples(config.data, provenance, limit=config.max_examples)
    heldout = _heldout(config)
    if not heldout:  # no held-out set at all: set 2% of the data aside
        cut = max(1, len(examples) // 50)
        examples, heldout = examples[:-cut], examples[-cut:]
    programs, signatures = _exclusions(heldout, config.exclude)
    corpus = build_corpus(examples, tokenizer, model_config.max_source_tokens, programs, signatures,
                          config.whole_depth_max, config.workers, config.progress and accelerator.is_main_process)
    accelerator.print(corpus.describe())
    if not corpus.whole and not corpus.steps:
        raise ValueError(f"no training examples with provenance {provenance} in {config.data}")

    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=config.lr, weight_decay=config.weight_decay)
    clock = {"started": time.monotonic()}  # moved back on resume, so the time-based decay goes on
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda k: learning_rate_factor(
        k, config.steps, min(config.warmup, config.steps // 10), time.monotonic() - clock["started"], config.time_limit))
    model, optimizer, schedule = accelerator.prepare(model, optimizer, schedule)

    state_file = out / "checkpoint" / "progress.json"
    step, seen, spent = 0, 0, 0.0
    if config.resume and state_file.is_file():
        accelerator.load_state(str(out / "checkpoint"))
        progress = json.loads(state_file.read_text())
        step, seen, spent = progress["step"], progress["examples_seen"], progress["seconds"]
        accelerator.print(f"resumed from step {step}")
    clock["started"] = time.monotonic() - spent

    eval_rng = random.Random(1234)
    eval_batch = [tuple(encode_tokens(tokenizer, part) for part in training_pair(e, eval_rng, config.step_fraction, model_config.max_source_tokens))
                  for e in heldout[:64]]
    log = open(out / "log.jsonl", "a")

    def evaluate_now() -> dict:
        from arc_kernel.model.decode import DecodeSettings, ProgramDecoder

        unwrapped = accelerator.unwrap_model(model)
        unwrapped.eval()
        with torch.no_grad():
            losses = [
                float(unwrapped(**collate(torch, eval_batch[i:i + 16], tokenizer.pad_token_id, accelerator.device)).loss)
                for i in range(0, len(eval_batch), 16)
            ]
        decoder = ProgramDecoder(unwrapped, tokenizer, model_config.max_source_tokens, accelerator.device)
        tasks = heldout[: config.eval_tasks]
        solved = 0
        for i in range(0, len(tasks), 8):
            chunk = tasks[i:i + 8]
            for task, proposals in zip(chunk, decoder.whole(chunk, DecodeSettings(beams=1))):
                solved += any(_solves(p, task) for p in proposals[:1])
        unwrapped.train()
        return {"eval_loss": sum(losses) / max(len(losses), 1), "eval_success_at_1": solved / max(len(tasks), 1)}

    def save_checkpoint() -> None:
        accelerator.save_state(str(out / "checkpoint"))
        if accelerator.is_main_process:
            state_file.write_text(json.dumps({"step": step, "examples_seen": seen, "seconds": spent}))

    rank, world = accelerator.process_index, accelerator.num_processes
    model.train()
    bar = tqdm(total=config.steps, initial=step, disable=not (config.progress and accelerator.is_main_process), desc=f"train {config.stage}")
    started = clock["started"]
    metrics: dict = {}
    while step < config.steps:
        batch = batch_for_step(corpus, config.seed, step, config.batch_size, config.step_fraction, shard=rank)
        loss = model(**collate(torch, batch, tokenizer.pad_token_id, accelerator.device)).loss
        accelerator.backward(loss)
        accelerator.clip_grad_norm_(trainable, 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad()
        step += 1
        seen += config.batch_size * world
        spent = time.monotonic() - started
        bar.update(1)
        out_of_time = config.time_limit is not None and spent >= config.time_limit
        evaluating = step % config.eval_every == 0 or step == config.steps
        if step % 10 == 0 or evaluating or out_of_time:  # reading the loss waits for the GPU, so not every step
            record = {"step": step, "loss": round(loss.item(), 4), "examples_seen": seen, "seconds": round(spent, 1)}
            bar.set_postfix(loss=f"{record['loss']:.3f}", ex_s=f"{seen / max(spent, 1e-9):.1f}")
            if evaluating and accelerator.is_main_process:
                metrics = evaluate_now()
                record.update(metrics)
                bar.write(json.dumps(record))
            if accelerator.is_main_process:
                log.write(json.dumps(record) + "\n")
                log.flush()
        if step % config.save_every == 0 or step == config.steps or out_of_time:
            save_checkpoint()
        if out_of_time:
            accelerator.print(f"time limit reached at step {step}")
            break
    bar.close()
    accelerator.wait_for_everyone()
    summary = {
        "stage": config.stage, "steps": step, "examples_seen": seen, "seconds": round(spent, 1),
        "parameters": parameter_count(accelerator.unwrap_model(model)),
        "trainable_parameters": sum(p.numel() for p in trainable),
        "train_records": corpus.records, "train_whole_examples": len(corpus.whole), "train_step_examples": len(corpus.steps),
        "dropped_heldout": corpus.dropped_heldout, "heldout_examples": len(heldout),
        "examples_per_second": round(seen / max(spent, 1e-9), 1),
        "device": str(accelerator.device), "gpu": torch.cuda.get_device_name() if torch.cuda.is_available() else None,
        "precision": accelerator.mixed_precision, "processes": world, "threads": torch.get_num_threads(),
        "machine": platform.processor() or platform.machine(), "config": asdict(config),
        "model_config": asdict(model_config), **metrics,
    }
    if accelerator.is_main_process:
        save_model(accelerator.unwrap_model(model), tokenizer, model_config, out / "final", half=config.save_half)
        (out / "final" / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
        (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    log.close()
    return summary


def learning_rate_factor(step: int, steps: int, warmup: int, seconds: float, time_limit: float | None) -> float:
    """Linear warm-up, then cosine decay to 0 over the run, measured in steps or (when limited) in time, whichever is further."""
    if step < warmup:
        return (step + 1) / warmup
    progress = (step - warmup) / max(steps - warmup, 1)
    if time_limit:
        progress = max(progress, seconds / time_limit)
    return 0.5 * (1.0 + math.cos(math.pi * min(progress, 1.0)))


def _precision(precision: str, torch) -> str:
    """accelerate's mixed_precision for the TrainConfig setting: bf16 only on a GPU that has it."""
    if precision == "auto":
        return "bf16" if torch.cuda.is_available() and torch.cuda.is_bf16_supported() else "no"
    return precision


def _solves(proposal, task) -> bool:
    """A proposal that reproduces the demos and every known test output."""
    import numpy as np

    outputs = getattr(task, "test_outputs", None) or ()
    return proposal.verified and len(outputs) == len(proposal.test_outputs) and all(
        o is not None and o.shape == t.shape and np.array_equal(o, t) for o, t in zip(proposal.test_outputs, outputs)
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    d = TrainConfig()
    parser.add_argument("--data", nargs="+", default=d.data, metavar="GLOB", help="jsonl shards (default %(default)s)")
    parser.add_argument("--out", default=d.out, help="run directory (default %(default)s)")
    parser.add_argument("--stage", choices=["base", "adapter"], default=d.stage)
    parser.add_argument("--base", help="base model directory (required for --stage adapter)")
    parser.add_argument("--provenance", nargs="+", choices=["random", "mutate", "relabel", "search"], help="records to train on")
    parser.add_argument("--eval-data", nargs="+", metavar="GLOB", help="held-out shards (default: synthesis held-out set)")
    parser.add_argument("--exclude", nargs="+", default=[], metavar="GLOB",
                        help="records whose programs training skips (e.g. tuning sets; the held-out set always is)")
    for name in ("steps", "batch_size", "warmup", "eval_every", "eval_tasks", "save_every", "seed", "max_examples",
                 "whole_depth_max", "workers"):
        parser.add_argument("--" + name.replace("_", "-"), type=int, default=getattr(d, name))
    for name in ("lr", "weight_decay", "step_fraction", "time_limit"):
        parser.add_argument("--" + name.replace("_", "-"), type=float, default=getattr(d, name))
    parser.add_argument("--threads", type=int, help="torch CPU threads")
    parser.add_argument("--size", choices=MODEL_SIZES, default=d.size, help="from-scratch model size")
    parser.add_argument("--no-grid-positions", dest="grid_positions", action="store_false",
                        help="a plain T5 without grid-coordinate embeddings (as the shipped weights are)")
    parser.add_argument("--add-grid-positions", action="store_true",
                        help="with --base saved without grid positions: add them (starting at zero) and train them too")
    parser.add_argument("--pair-images", action="store_true",
                        help="add a CNN over each pair's aligned grids (pair_images.py; better on the toy, not on the held-out set)")
    parser.add_argument("--precision", choices=["auto", "no", "bf16"], default=d.precision,
                        help="mixed precision (auto: bf16 on a GPU that has it, else fp32)")
    parser.add_argument("--save-half", action="store_true", help="store the final weights as float16")
    parser.add_argument("--max-source-tokens", type=int, help="source token budget (default: the model's)")
    parser.add_argument("--resume", action="store_true", help="continue from OUT/checkpoint")
    parser.add_argument("--no-progress", action="store_true")


def main(args: argparse.Namespace) -> int:
    values = {k: v for k, v in vars(args).items() if k in TrainConfig.__dataclass_fields__}
    values["progress"] = not args.no_progress
    summary = train(TrainConfig(**values))
    print(f"trained {summary['stage']}: {summary['steps']} steps, {summary['examples_seen']} examples, "
          f"{summary['seconds']:.0f}s -> {Path(args.out) / 'final'}")
    return 0 if math.isfinite(summary.get("eval_loss", 0.0)) else 1
