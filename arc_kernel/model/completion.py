"""Completion: the enumerative search finishes the decoder's partial programs.

Step-by-step decoding grows many partial programs, and often the right first lines are among them while no
beam writes the last line (see BENCHMARKS.md, Model, "where depth 2 fails"). Completion hands every variable
of those partial programs to the search (`search/enumeration.py`) as a seed value whose cost in bits is the
decoder's negative log-probability of the lines that made it, so the search combines the decoder's steps with
each other, with the input and with constants inferred from the demos, cheapest first.
"""

from __future__ import annotations

import math
import time
from typing import Iterable, Sequence

import numpy as np

from arc_kernel.dsl.errors import DSLError
from arc_kernel.interpreter import compile_program
from arc_kernel.language.syntax import Var, inline, print_program
from arc_kernel.model.examples import partial_program, trace_prefix
from arc_kernel.search.derivation import GIVEN, Node, expression_program
from arc_kernel.search.enumeration import Enumerator, SearchConfig, level_cost
from arc_kernel.search.prior import INPUT_COST, Prior
from arc_kernel.search.source import hit_expression


def seed_nodes(partials: Iterable[tuple[Sequence[str], float]], inputs: Sequence[np.ndarray],
               bits_per_bit: float) -> list[Node]:
    """One seed per variable of each partial program (lines, decoder log-probability in nats), valued on `inputs`
    (demo then test inputs); partial programs that fail on an input give none."""
    nodes: list[Node] = []
    for lines, score in partials:
        try:
            traces, types = trace_prefix(lines, inputs)
            program = compile_program(partial_program(lines))
        except DSLError:
            continue
        bits = level_cost(INPUT_COST + bits_per_bit * max(0.0, -score) / math.log(2))
        for depth, line in enumerate(program.lines[:-1], start=1):  # the last line is the closing `O = I`
            if all(line.target in t for t in traces):
                values = tuple(t[line.target] for t in traces)
                nodes.append(Node(types[line.target], values, bits, depth, GIVEN, constant=inline(program, line.target)))
    return nodes


def complete(partials: Iterable[tuple[Sequence[str], float]], pairs, tests, prior: Prior, seconds: float,
             bits_per_bit: float = 1.0, config: SearchConfig = SearchConfig(shallow_share=0.0)) -> list[tuple[str, float]]:
    """Programs fitting every demo found by searching from the partial programs' values for `seconds`, each with
    a score on the decoder's scale (nats: minus the hit's cost in bits, converted back)."""
    deadline = time.monotonic() + seconds
    demo_inputs, outputs = [i for i, _ in pairs], [o for _, o in pairs]
    given = seed_nodes(partials, demo_inputs + list(tests), bits_per_bit)
    enumerator = Enumerator(demo_inputs, outputs, list(tests), prior, config, given=given)
    found: dict[str, float] = {}
    for hit in enumerator.run(deadline):
        if hit.demo_matches < enumerator.n_train:
            continue
        text = print_program(expression_program(hit_expression(hit, Var("I"), ())))
        found.setdefault(text, -hit.cost * math.log(2) / max(bits_per_bit, 1e-6))
        enumerator.stop_level = min(enumerator.stop_level, enumerator.level + config.extra_cost)
        if len(found) >= config.max_solutions:
            break
    return sorted(found.items(), key=lambda item: -item[1])
