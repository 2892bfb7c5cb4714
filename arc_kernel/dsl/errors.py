"""The DSL's typed errors: every failure of parsing, checking or running a program is one of these."""

from __future__ import annotations


class DSLError(Exception):
    """Base of every error a program can cause; anything else escaping the interpreter is a bug."""


class ParseError(DSLError):
    """Program text outside the grammar; names the line and column."""

    def __init__(self, message: str, line: int, column: int):
        super().__init__(f"line {line}, column {column}: {message}")
        self.line, self.column = line, column


class TypeCheckError(DSLError):
    """A well-formed program that uses a name or a value with the wrong type."""

    def __init__(self, message: str, line: int, column: int = 0):
        super().__init__(f"line {line}, column {column}: {message}")
        self.line, self.column = line, column


class PrimitiveError(DSLError):
    """A primitive could not compute its result for these arguments (empty selection, bad shape…)."""


class LimitError(DSLError):
    """A run went past a limit: steps, wall time, or the size of a value."""
