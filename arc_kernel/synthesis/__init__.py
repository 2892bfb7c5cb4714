"""Synthetic tasks: random typed programs, input samplers, library mutations, hindsight relabelling.

`relabel(program, inputs)` turns any program and inputs into the task it solves; `load_heldout()` is
the fixed synthetic evaluation set; `python -m arc_kernel generate` writes training shards.
"""

from arc_kernel.synthesis.canonical import canonical, depth
from arc_kernel.synthesis.relabel import relabel

__all__ = ["canonical", "depth", "relabel", "load_heldout"]


def load_heldout(path=None) -> list[dict]:
    """The held-out synthetic evaluation records (built deterministically into a cache folder when absent)."""
    from arc_kernel.synthesis.heldout import load_heldout as load

    return load(path)
