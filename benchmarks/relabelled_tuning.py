"""Test-time tuning on the task's own beams, relabelled: does it lift the right program toward the beam frontier?

    python -m benchmarks.relabelled_tuning --data heldout-d4-0.jsonl --tasks 26 2 21 [--steps 40] [--lr 1e-3]
        [--programs 512] [--also '{"26": "O = ..."}']

For each task: decode 2048 whole-program beams; run the best `--programs` of them on the task's demo and test
inputs, and turn each that runs into a task of its own (the same inputs, its outputs, itself as the answer:
CodeIt's hindsight relabelling, here for one task at a time); train a fresh LoRA adapter on those for `--steps`
steps of 16; decode again. Prints, before and after, the first solving position and the score of the task's own
program (and of each `--also` program, e.g. a shorter one that search found) minus the last beam's score.
The adapter is reset between tasks. A prototype measurement (BENCHMARKS.md, Model, session 19), not part of `solve`.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from dataclasses import replace


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="a jsonl file of synthetic records (e.g. a held-out split)")
    parser.add_argument("--tasks", type=int, nargs="+", required=True, help="task positions in the file")
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--programs", type=int, default=512, help="beams relabelled per task, best first")
    parser.add_argument("--also", default="{}", help="JSON: task position -> another program to score")
    args = parser.parse_args()

    import numpy as np
    import torch

    from arc_kernel.dsl.errors import DSLError
    from arc_kernel.interpreter import compile_program
    from arc_kernel.model.corpus import collate
    from arc_kernel.model.decode import DecodeSettings, outputs_on_tests, task_view
    from arc_kernel.model.evaluate import first_success
    from arc_kernel.model.examples import read_examples
    from arc_kernel.model.network import LoraSettings, add_adapter
    from arc_kernel.model.serialize import EOS, encode_task, program_to_tokens
    from arc_kernel.model.source import ModelSourceSettings, load_decoder
    from arc_kernel.model.tokenizer import encode_tokens

    decoder = load_decoder(ModelSourceSettings(threads=1))
    decoder.model = add_adapter(decoder.model, LoraSettings())  # on top of the shipped (merged) weights
    adapter = [p for name, p in decoder.model.named_parameters() if "lora_" in name]
    initial = [p.detach().clone() for p in adapter]
    examples = read_examples([args.data])
    also = json.loads(args.also)
    settings = replace(DecodeSettings(), beams=2048)
    for index in args.tasks:
        example = examples[index]
        started = time.monotonic()
        pairs, tests = task_view(example)
        programs = [example.program] + ([also[str(index)]] if str(index) in also else [])
        before = decoder.whole([example], settings)[0]
        before_gaps = [s - min(p.score for p in before) for s in decoder.program_scores(example, programs, settings)]
        relabelled, seen = [], set()
        for proposal in sorted(before, key=lambda p: -p.score)[:args.programs]:
            try:
                program = compile_program(proposal.program)
            except DSLError:
                continue
            outputs = list(outputs_on_tests(program, [grid for grid, _ in pairs]))  # None where it fails
            test_outputs = list(outputs_on_tests(program, tests))
            if any(not isinstance(o, np.ndarray) or o.ndim != 2 or o.size == 0 for o in outputs + test_outputs):
                continue
            if all(o.shape == i.shape and np.array_equal(o, i) for o, (i, _) in zip(outputs, pairs)):
                continue  # the input unchanged teaches nothing
            key = b"".join(o.tobytes() + bytes(o.shape) for o in outputs)
            if key in seen:
                continue  # one program per behaviour: the likeliest
            seen.add(key)
            source = encode_task(tuple(zip([i for i, _ in pairs], outputs)), tests, None, decoder.max_source)
            relabelled.append((encode_tokens(decoder.tokenizer, source),
                               encode_tokens(decoder.tokenizer, program_to_tokens(proposal.program) + [EOS])))
        decoder.model.train()
        optimizer = torch.optim.AdamW(adapter, lr=args.lr, weight_decay=0.0)
        rng = random.Random(0)
        losses = []
        for _ in range(args.steps):
            batch = [rng.choice(relabelled) for _ in range(16)]
            loss = decoder.model(**collate(torch, batch, decoder.tokenizer.pad_token_id, decoder.device)).loss
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            losses.append(loss.item())
        decoder.model.eval()
        after = decoder.whole([example], settings)[0]
        after_gaps = [s - min(p.score for p in after) for s in decoder.program_scores(example, programs, settings)]
        print(json.dumps({
            "task": index, "relabelled": len(relabelled),
            "loss": [round(losses[0], 2), round(float(np.mean(losses[-5:])), 2)],
            "before": {"position": first_success(before[:32], example), "gaps": [round(g, 2) for g in before_gaps]},
            "after": {"position": first_success(after[:32], example), "gaps": [round(g, 2) for g in after_gaps]},
            "seconds": round(time.monotonic() - started, 1)}), flush=True)
        with torch.no_grad():
            for parameter, value in zip(adapter, initial):
                parameter.copy_(value)


if __name__ == "__main__":
    main()
