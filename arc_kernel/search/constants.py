"""Constants proposed from a task's demo pairs, and constants inferred to finish a near-miss grid.

Colours, sizes and colour maps are read off the examples (what the outputs contain, how sizes relate)
instead of being enumerated blindly. A grid that equals every demo output up to a consistent colour
map, or up to a fixed upscale, is finished by inferring that map or factor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from arc_kernel.dsl.types import ColorMap
from arc_kernel.language.syntax import MAX_LITERAL


@dataclass(frozen=True)
class Proposals:
    """Constants worth trying for one task, by type name, in a fixed order."""

    colors: tuple[int, ...]
    ints: tuple[int, ...]
    color_maps: tuple[ColorMap, ...]  # the one input→output map, if any
    bools: tuple[bool, ...] = (False, True)
    pair_maps: tuple[ColorMap, ...] = ()  # {a: b}: an input colour a to a colour b new in the outputs


def _consistent(values: list[int]) -> int | None:
    return values[0] if values and all(v == values[0] for v in values) else None


def size_constants(inputs: list[np.ndarray], outputs: list[np.ndarray]) -> list[int]:
    """Integers the demo sizes suggest: fixed output sides, integer ratios and differences of sides."""
    found: list[int] = []
    for axis in (0, 1):
        ins = [g.shape[axis] for g in inputs]
        outs = [g.shape[axis] for g in outputs]
        fixed = _consistent(outs)
        if fixed is not None:
            found.append(fixed)
        if all(o % i == 0 for i, o in zip(ins, outs)):
            found.append(_consistent([o // i for i, o in zip(ins, outs)]) or 0)
        if all(i % o == 0 for i, o in zip(ins, outs)):
            found.append(_consistent([i // o for i, o in zip(ins, outs)]) or 0)
        difference = _consistent([o - i for i, o in zip(ins, outs)])
        if difference is not None:
            found.extend([difference, abs(difference)])
    return found


def infer_color_map(values: list[np.ndarray], outputs: list[np.ndarray]) -> ColorMap | None:
    """The one colour map that turns every value into its output cell by cell (None if none, or identity)."""
    mapping: dict[int, int] = {}
    for value, output in zip(values, outputs):
        if value.shape != output.shape:
            return None
        codes = np.unique(value.astype(np.int16) * 16 + output)
        for code in codes.tolist():
            source, target = divmod(code, 16)
            if mapping.setdefault(source, target) != target:
                return None
    pairs = {a: b for a, b in mapping.items() if a != b}
    return ColorMap(pairs) if pairs else None


def infer_upscale_factor(values: list[np.ndarray], outputs: list[np.ndarray]) -> int | None:
    """The factor k ≥ 2 with every output exactly k times its value's height and width (None if none)."""
    factors = set()
    for value, output in zip(values, outputs):
        (h, w), (oh, ow) = value.shape, output.shape
        if oh % h or ow % w or oh // h != ow // w:
            return None
        factors.add(oh // h)
    if len(factors) != 1:
        return None
    factor = factors.pop()
    return factor if 2 <= factor <= MAX_LITERAL else None


def propose_constants(inputs: list[np.ndarray], outputs: list[np.ndarray], test_inputs: list[np.ndarray]) -> Proposals:
    """Constants for a task: colours present in its grids, small and size-derived integers, the input→output colour map."""
    present = np.zeros(10, dtype=bool)
    for grid in [*inputs, *outputs, *test_inputs]:
        present[np.unique(grid)] = True
    colors = tuple(int(c) for c in np.flatnonzero(present))
    ints = [0, 1, 2, 3, -1, *size_constants(inputs, outputs)]
    ints = tuple(sorted({i for i in ints if abs(i) <= MAX_LITERAL}, key=lambda i: (abs(i), i)))
    color_map = infer_color_map(inputs, outputs)
    maps = (color_map,) if color_map is not None else ()
    return Proposals(colors, ints, maps, pair_maps=new_color_maps(inputs, outputs))


def new_color_maps(inputs: list[np.ndarray], outputs: list[np.ndarray], limit: int = 12) -> tuple[ColorMap, ...]:
    """Maps {a: b} from each non-background input colour a to each colour b the outputs have and no input has."""
    seen_in = np.zeros(10, dtype=bool)
    seen_out = np.zeros(10, dtype=bool)
    counts = np.zeros(10, dtype=np.int64)
    for grid in inputs:
        seen_in[np.unique(grid)] = True
        counts += np.bincount(grid.ravel(), minlength=10)
    for grid in outputs:
        seen_out[np.unique(grid)] = True
    background = int(np.argmax(counts))
    sources = [int(c) for c in np.flatnonzero(seen_in) if c != background]
    targets = [int(c) for c in np.flatnonzero(seen_out & ~seen_in)]
    return tuple(ColorMap({a: b}) for b in targets for a in sources)[:limit]


def _side_rule(ins: list[int], outs: list[int]) -> Callable[[int], int] | None:
    """The first of: same, fixed, k times, one k-th, plus d, that maps every input side to its output side."""
    rules: list[Callable[[int], int]] = [lambda side: side]
    if len(set(outs)) == 1:
        rules.append(lambda side, fixed=outs[0]: fixed)
    if all(o % i == 0 for i, o in zip(ins, outs)) and len({o // i for i, o in zip(ins, outs)}) == 1:
        rules.append(lambda side, k=outs[0] // ins[0]: side * k)
    if all(o and i % o == 0 for i, o in zip(ins, outs)) and len({i // o for i, o in zip(ins, outs)}) == 1:
        rules.append(lambda side, k=ins[0] // outs[0]: side // k)
    rules.append(lambda side, d=outs[0] - ins[0]: side + d)
    return next((rule for rule in rules if all(rule(i) == o for i, o in zip(ins, outs))), None)


def predict_output_shapes(inputs: list[np.ndarray], outputs: list[np.ndarray],
                          test_inputs: list[np.ndarray]) -> list[tuple[int, int]] | None:
    """Each test output's shape when every demo output's height and width are a simple function of the input's."""
    rules = [_side_rule([g.shape[axis] for g in inputs], [g.shape[axis] for g in outputs]) for axis in (0, 1)]
    if None in rules or not inputs:
        return None
    return [(rules[0](g.shape[0]), rules[1](g.shape[1])) for g in test_inputs]
