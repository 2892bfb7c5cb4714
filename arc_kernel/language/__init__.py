"""The program language: grammar, parser, printer, tokens and type checker (see `syntax`)."""

from arc_kernel.language.syntax import (
    Call,
    Const,
    Line,
    Program,
    Ref,
    Var,
    parse,
    print_program,
    program_tokens,
    tokens_to_text,
)
from arc_kernel.language.typecheck import check

__all__ = [
    "Call", "Const", "Line", "Program", "Ref", "Var",
    "parse", "print_program", "program_tokens", "tokens_to_text", "check",
]
