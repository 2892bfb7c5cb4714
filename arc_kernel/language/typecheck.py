"""Type checker: every call's arguments match its primitive's signature; variables defined once, before use."""

from __future__ import annotations

from arc_kernel.dsl.errors import TypeCheckError
from arc_kernel.dsl.types import ColorMap, is_assignable, is_function_type
from arc_kernel.language.syntax import Const, Expression, Program, Ref, Var

MAX_LITERAL_COLOR = 9


def literal_type(value: object) -> str:
    if isinstance(value, bool):
        return "Bool"
    if isinstance(value, ColorMap):
        return "ColorMap"
    return "Color" if 0 <= value <= MAX_LITERAL_COLOR else "Int"


def expression_type(expression: Expression, variables: dict[str, str]) -> str:
    """The type of an expression given the types of the variables in scope (raises TypeCheckError)."""
    from arc_kernel.dsl import PRIMITIVES

    if isinstance(expression, Var):
        if expression.name not in variables:
            raise TypeCheckError(f"variable {expression.name} used before it is assigned", expression.line, expression.column)
        return variables[expression.name]
    if isinstance(expression, Const):
        return literal_type(expression.value)
    if isinstance(expression, Ref):
        return PRIMITIVES[expression.name].type
    primitive = PRIMITIVES[expression.name]
    if len(expression.args) != len(primitive.params):
        raise TypeCheckError(
            f"{primitive.name} takes {len(primitive.params)} arguments ({', '.join(primitive.params)}), "
            f"given {len(expression.args)}",
            expression.line,
            expression.column,
        )
    for position, (argument, expected) in enumerate(zip(expression.args, primitive.params), start=1):
        actual = expression_type(argument, variables)
        if isinstance(argument, Ref) and not is_function_type(expected):
            raise TypeCheckError(
                f"argument {position} of {primitive.name} must be {expected}, not the function {argument.name}",
                argument.line,
                argument.column,
            )
        if not is_assignable(actual, expected):
            raise TypeCheckError(
                f"argument {position} of {primitive.name} must be {expected}, got {actual}",
                argument.line,
                argument.column,
            )
    return primitive.result


def check(program: Program) -> dict[str, str]:
    """Type-check a parsed program; return each variable's type or raise TypeCheckError."""
    variables = {"I": "Grid"}
    for line in program.lines:
        if line.target in variables:
            raise TypeCheckError(f"variable {line.target} is assigned twice", line.line, 1)
        variables[line.target] = expression_type(line.expression, variables)
    if variables.get("O") != "Grid":
        raise TypeCheckError(f"O must be a Grid, got {variables.get('O')}", program.lines[-1].line, 1)
    return variables
