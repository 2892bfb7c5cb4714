"""The model half of the system: a small transformers encoder–decoder (plus a LoRA adapter) that writes DSL programs.

Importing this package does not import torch; `ModelSource` (and its torch import) loads on first use.
It does ask OpenMP (torch's CPU threads) to sleep rather than spin while waiting, unless OMP_WAIT_POLICY is
already set: on a shared CPU, spinning threads made a training step 5-15x slower (BENCHMARKS.md, model).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # read when torch loads OpenMP, so before `import torch`


def __getattr__(name: str):
    if name == "ModelSource":
        from arc_kernel.model.source import ModelSource

        return ModelSource
    raise AttributeError(name)
