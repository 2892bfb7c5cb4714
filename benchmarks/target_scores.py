"""Where the model puts a task's own program: its score against what whole-program beam search keeps.

    python -m benchmarks.target_scores [--data FILE] [--depths 2 4] [--per-depth 30] [--beams 512]

For the first tasks of each depth (the frozen held-out set by default, in `model evaluate`'s order) prints the
log-probability the shipped weights (with the guide's bias, as beam search scores) give the task's generator
program, whether the grammar allows it, the score of the last of `--beams` beams, and whether the program is
among them. A target scoring above the last beam yet missing was lost by the search; one far below it, by the
model.
"""

from __future__ import annotations

import argparse
from dataclasses import replace


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="a jsonl file of synthetic records (default: the frozen held-out set)")
    parser.add_argument("--depths", type=int, nargs="+", default=[2, 4])
    parser.add_argument("--per-depth", type=int, default=30)
    parser.add_argument("--beams", type=int, default=512)
    args = parser.parse_args()

    from arc_kernel.model.decode import DecodeSettings, canonical_text, palette, task_integers, task_view
    from arc_kernel.model.evaluate import _load_examples
    from arc_kernel.model.serialize import EOS, encode_task, program_to_tokens
    from arc_kernel.model.source import ModelSourceSettings, load_decoder

    decoder = load_decoder(ModelSourceSettings(threads=1))
    settings = replace(DecodeSettings(), beams=args.beams)
    examples = _load_examples(args.data, args.per_depth)
    print("depth  target-score  last-beam  in-beams  grammar  program")
    for depth in args.depths:
        for example in examples.get(depth, []):
            pairs, tests = task_view(example)
            source = encode_task(pairs, tests, None, decoder.max_source)
            bias = decoder.guide_bias([pairs], settings.guide_strength, settings.guide_limit)
            states, mask = decoder._encode([source])
            ids = decoder.tokenizer.convert_tokens_to_ids(program_to_tokens(example.program) + [EOS])
            score = decoder.score_sequences(states[0], mask[0], [ids], 0, None if bias is None else bias[0])[0]
            grammar = decoder._whole_grammar(palette(pairs, tests), task_integers(pairs))
            allowed = all(token in grammar.allowed_ids(ids[:i]) for i, token in enumerate(ids))
            proposals = decoder.whole([example], settings)[0]
            last = min((p.score for p in proposals), default=float("nan"))
            found = canonical_text(example.program) in {p.program for p in proposals}
            program = example.program.replace("\n", " ; ")
            print(f"{depth:5d}  {score:12.2f}  {last:9.2f}  {'yes' if found else 'no':8s}  "
                  f"{'yes' if allowed else 'no':7s}  {program}", flush=True)


if __name__ == "__main__":
    main()
