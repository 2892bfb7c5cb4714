"""The model half of the system: a small transformers encoder–decoder (plus a LoRA adapter) that writes DSL programs.

Importing this package does not import torch; `ModelSource` (and its torch import) loads on first use.
"""

from __future__ import annotations


def __getattr__(name: str):
    if name == "ModelSource":
        from arc_kernel.model.source import ModelSource

        return ModelSource
    raise AttributeError(name)
