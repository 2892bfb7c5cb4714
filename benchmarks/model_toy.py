"""A toy check of whether the model reads grids: which of 12 parameterless whole-grid primitives maps the demo
inputs to the demo outputs? Trains the default network on whole-program examples only and reports the held-out
accuracy of the primitive token (teacher forcing; chance is 1/12).

    python -m benchmarks.model_toy [--seconds 600] [--tasks 6000] [--encoding runs|cells] [--size default]
                                   [--max-cells 400] [--no-grid-positions] [--pair-images]

`--encoding cells` swaps the run-length rows for one token per cell (an experiment; the package only has runs).
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from arc_kernel.interpreter import compile_program, run
from arc_kernel.model import serialize
from arc_kernel.model.examples import Example
from arc_kernel.synthesis.inputs import sample_inputs

PRIMITIVES = ["rotate_90", "rotate_180", "rotate_270", "flip_horizontal", "flip_vertical", "transpose",
              "crop_to_content", "top_half", "left_half", "mirror_right", "mirror_down", "trim_border"]


def toy_tasks(count: int, seed: int, max_cells: int = 400) -> list[Example]:
    """`count` one-primitive tasks (3 demo pairs, 1 test), the primitives in turn, grids of at most `max_cells`."""
    rng, tasks = np.random.default_rng(seed), []
    while len(tasks) < count:
        name = PRIMITIVES[len(tasks) % len(PRIMITIVES)]
        inputs = sample_inputs(rng, 4).grids
        if len(inputs) < 4:
            continue
        try:
            outputs = [run(compile_program(f"O = {name}(I)"), grid) for grid in inputs]
        except Exception:
            continue
        if any(max(o.size, i.size) > max_cells or (o.shape == i.shape and np.array_equal(o, i)) for o, i in zip(outputs, inputs)):
            continue
        tasks.append(Example(tuple(zip(inputs[:3], outputs[:3])), (inputs[3],), (outputs[3],), f"O = {name}(I)", 1))
    return tasks


def cell_rows(shape: tuple[int, int], cells: bytes) -> tuple[str, ...]:
    """One token per cell, each row ended by '/'."""
    grid = np.frombuffer(cells, dtype=np.uint8).reshape(shape)[:serialize.MAX_SIDE, :serialize.MAX_SIDE]
    return tuple(token for row in grid.tolist() for token in [*(f"c{v}" for v in row), serialize.ROW_END])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--tasks", type=int, default=6000)
    parser.add_argument("--encoding", choices=["runs", "cells"], default="runs")
    parser.add_argument("--size", default="default")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--max-cells", type=int, default=400, help="largest grid (cells) in the toy tasks")
    parser.add_argument("--no-grid-positions", action="store_true", help="plain T5: no row/column embeddings")
    parser.add_argument("--pair-images", action="store_true", help="add the CNN over each pair's aligned grids")
    args = parser.parse_args()

    import torch

    from arc_kernel.model.corpus import batch_for_step, build_corpus, collate
    from arc_kernel.model.network import ModelConfig, build_model
    from arc_kernel.model.tokenizer import build_tokenizer

    torch.set_num_threads(args.threads)
    if args.encoding == "cells":
        serialize._rows = cell_rows
    tokenizer, config = build_tokenizer(), ModelConfig.named(args.size)
    config.grid_positions = not args.no_grid_positions
    config.pair_images = args.pair_images
    config.max_source_tokens = 512
    train, heldout = toy_tasks(args.tasks, 1, args.max_cells), toy_tasks(240, 99, args.max_cells)
    corpus = build_corpus(train, tokenizer, config.max_source_tokens, progress=False)
    model = build_model(config, tokenizer)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-3)
    choices = tokenizer.convert_tokens_to_ids(PRIMITIVES)

    def accuracy() -> float:
        model.eval()
        hits = 0
        with torch.no_grad():
            for task in heldout:
                source = tokenizer.convert_tokens_to_ids(serialize.encode_task(task.pairs, task.test_inputs, None, 512))
                target = tokenizer.convert_tokens_to_ids(serialize.program_to_tokens(task.program))
                logits = model(input_ids=torch.tensor([source]), labels=torch.tensor([target])).logits[0, 2]
                hits += PRIMITIVES[int(logits[choices].argmax())] == task.program[4:-3]
        model.train()
        return hits / len(heldout)

    start, step = time.monotonic(), 0
    while time.monotonic() - start < args.seconds:
        loss = model(**collate(torch, batch_for_step(corpus, 0, step, 16, 0.0), tokenizer.pad_token_id, "cpu")).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        step += 1
        if step % 100 == 0:
            print(f"step {step} ({time.monotonic() - start:.0f} s): loss {loss.item():.3f}, "
                  f"held-out primitive accuracy {accuracy():.0%} (chance {1 / len(PRIMITIVES):.0%})", flush=True)
    print(f"{args.encoding}, grid positions {config.grid_positions}, pair images {config.pair_images}: {step} steps, {step * 16} examples, held-out primitive accuracy {accuracy():.0%}")


if __name__ == "__main__":
    main()
