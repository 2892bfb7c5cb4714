"""arc_kernel: solve ARC tasks by program synthesis over a typed grid DSL."""

__version__ = "0.1.0"
