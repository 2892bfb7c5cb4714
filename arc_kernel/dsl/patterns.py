"""Patterns: symmetry completion, periodic tiling completion, denoising, template occurrences."""

from __future__ import annotations
