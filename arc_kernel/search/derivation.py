"""How a search value was built, and the program text that rebuilds it.

Every value the search keeps is a `Node`: the input, a constant, a primitive passed as a function, a
given value (a seed computed elsewhere, e.g. by a model's partial program, carrying its expression), or
a primitive applied to other nodes. `node_program` turns a node into a valid straight-line program,
nesting calls where the grammar allows and moving deeper calls onto lines of their own.
"""

from __future__ import annotations

from arc_kernel.language.syntax import MAX_NESTING, Call, Const, Expression, Line, Program, Ref, Var


GIVEN = "=given"  # the name of a seed node whose `constant` is the expression (over I) that computes it


class Node:
    """A value on every example (demo inputs, then test inputs) and its derivation."""

    __slots__ = ("type", "values", "cost", "depth", "name", "args", "constant")

    def __init__(self, type: str, values: tuple, cost: int, depth: int = 0, name: str = "",
                 args: tuple["Node", ...] = (), constant: object = None):
        self.type, self.values, self.cost, self.depth = type, values, cost, depth
        self.name, self.args, self.constant = name, args, constant

    def __repr__(self) -> str:
        return f"Node({self.type}, cost={self.cost}, {print_node(self)})"


def node_expression(node: Node, input_expression: Expression = Var("I")) -> Expression:
    """The nested expression that computes `node` (the input written as `input_expression`)."""
    if node.name == "I":
        return input_expression
    if node.name == GIVEN:
        return _replace_input(node.constant, input_expression)
    if node.name == "":
        return Const(node.constant)
    if "->" in node.type:
        return Ref(node.name)
    return Call(node.name, tuple(node_expression(a, input_expression) for a in node.args))


def uses_given(node: Node) -> bool:
    """Whether `node` is built on a given seed value."""
    return node.name == GIVEN or any(uses_given(a) for a in node.args)


def _replace_input(expression: Expression, input_expression: Expression) -> Expression:
    if isinstance(expression, Var) and expression.name == "I":
        return input_expression
    if isinstance(expression, Call):
        return Call(expression.name, tuple(_replace_input(a, input_expression) for a in expression.args))
    return expression


def wrap(expression: Expression, names: tuple[str, ...]) -> Expression:
    """`expression` passed through one-argument primitives `names`, the first applied first."""
    for name in names:
        expression = Call(name, (expression,))
    return expression


def _limit(expression: Expression, depth: int, lines: list[Line]) -> Expression:
    if not isinstance(expression, Call):
        return expression
    if depth > MAX_NESTING:
        inner = _limit(expression, 1, lines)
        name = f"x{len(lines) + 1}"
        lines.append(Line(name, inner))
        return Var(name)
    return Call(expression.name, tuple(_limit(a, depth + 1, lines) for a in expression.args))


def expression_program(expression: Expression) -> Program:
    """A program whose output is `expression`, calls nested at most MAX_NESTING deep."""
    lines: list[Line] = []
    top = _limit(expression, 1, lines)
    return Program(tuple(lines) + (Line("O", top),))


def node_program(node: Node, input_expression: Expression = Var("I"), output_wrapper: tuple[str, ...] = ()) -> Program:
    """The program that computes grid `node` from the input (optionally transformed in and out)."""
    return expression_program(wrap(node_expression(node, input_expression), output_wrapper))


def print_node(node: Node) -> str:
    from arc_kernel.language.syntax import print_expression

    return print_expression(node_expression(node))
