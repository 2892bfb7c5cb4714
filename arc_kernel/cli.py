"""`python -m arc_kernel COMMAND ...`: one table of commands, each module imported only when it runs.

To add a command, add a row to COMMANDS naming a module that defines
`add_arguments(parser: argparse.ArgumentParser) -> None` and `main(args: argparse.Namespace) -> int`.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# (name, module, one-line help)
COMMANDS: list[tuple[str, str, str]] = [
    ("solve", "arc_kernel.commands.solve", "solve tasks and write a submission (scored when outputs are known)"),
    ("score", "arc_kernel.commands.score", "validate a submission and score it against known test outputs"),
    ("show", "arc_kernel.commands.show", "print a task's grids (and predictions); optionally render a PNG"),
    ("library", "arc_kernel.library", "verify the hand-written solver library on ARC-1 training tasks"),
    ("run", "arc_kernel.commands.run", "run one program file on a task and show its outputs"),
    ("search", "arc_kernel.search.command", "rebuild the search prior, or search tasks and report speed"),
    ("train", "arc_kernel.model.train", "train the program-writing model (base) or its LoRA adapter"),
    ("model", "arc_kernel.model.evaluate", "the program-writing model: evaluate the shipped weights by depth"),
    ("generate", "arc_kernel.synthesis.generate", "write synthetic (task, program) jsonl shards, or the held-out set"),
    ("fuzz", "arc_kernel.fuzz", "fuzz the parser, type checker and interpreter; report any failure with its reproducer"),
    ("stress", "arc_kernel.stress", "solve expensive tasks and report per-task time, worker memory and the global deadline"),
]


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the named command's module; only that module is imported."""
    argv = sys.argv[1:] if argv is None else list(argv)
    top = argparse.ArgumentParser(prog="python -m arc_kernel", description="Solve ARC tasks by program synthesis.")
    choices = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, _, help in COMMANDS:
        choices.add_parser(name, help=help, add_help=False)
    by_name = {name: (module, help) for name, module, help in COMMANDS}
    if not argv or argv[0] not in by_name:
        top.parse_args(argv)  # prints help or "invalid choice" and exits
        return 2
    module_name, help = by_name[argv[0]]
    module = importlib.import_module(module_name)
    parser = argparse.ArgumentParser(prog=f"python -m arc_kernel {argv[0]}", description=help)
    module.add_arguments(parser)
    return module.main(parser.parse_args(argv[1:]))
