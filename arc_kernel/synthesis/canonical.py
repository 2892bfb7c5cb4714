"""The canonical shape of a synthetic program, and its depth.

Every program the data engine writes is printed in one canonical style, so equal programs have equal
text and the model sees one way of writing each computation:

* a value used once is written nested inside the call that uses it; a value used more than once gets
  its own line `xN = ...`; the output is the last line, `O = ...`;
* calls nest at most `MAX_NESTING` deep: a call that would sit deeper becomes its own line;
* dead lines are dropped and equal calls are merged (common subexpressions);
* lines come in post-order of a left-to-right walk from `O`, variables are numbered x1, x2, … in
  that order.

Depth is the number of primitive calls written in the canonical program: each call counts once,
nested or not; a bare primitive name passed as a function argument is not a call and does not count
(nor do the calls it makes at run time). `O = rotate_90(I)` has depth 1,
`O = crop_to_object(I, largest(objects_4(I)))` has depth 3.
"""

from __future__ import annotations

from arc_kernel.language.syntax import MAX_NESTING, Call, Const, Expression, Line, Program, Ref, Var

# A flat program: each call on its own line, arguments are only variables, constants and references.
FlatLine = tuple[str, Call]


def flatten(program: Program) -> list[FlatLine]:
    """The program with every call on its own line (fresh names `x1, x2, …`), aliases resolved,
    equal calls merged and lines that do not reach `O` dropped. The last line computes `O`."""
    lines: list[FlatLine] = []
    seen: dict[Call, str] = {}
    names: dict[str, Expression] = {"I": Var("I")}

    def lower(expression: Expression) -> Expression:
        if isinstance(expression, Var):
            return names[expression.name]
        if not isinstance(expression, Call):
            return _strip(expression)
        call = Call(expression.name, tuple(lower(a) for a in expression.args))
        if call not in seen:
            seen[call] = f"x{len(lines) + 1}"
            lines.append((seen[call], call))
        return Var(seen[call])

    for line in program.lines:
        names[line.target] = lower(line.expression)
    output = names["O"]
    if not isinstance(output, Var) or output.name == "I":
        raise ValueError("the program computes no call (O is the input or a constant)")
    return _live(lines, output.name)


def _strip(expression: Expression) -> Expression:
    """The same leaf without source positions (so equal leaves compare and hash equal)."""
    if isinstance(expression, Const):
        return Const(expression.value)
    if isinstance(expression, Ref):
        return Ref(expression.name)
    return Var(expression.name)


def _live(lines: list[FlatLine], output: str) -> list[FlatLine]:
    """The lines that `output` depends on, in their order, with `output` last."""
    by_name = dict(lines)
    needed, stack = set(), [output]
    while stack:
        name = stack.pop()
        if name in needed or name == "I":
            continue
        needed.add(name)
        stack.extend(a.name for a in by_name[name].args if isinstance(a, Var))
    kept = [(n, c) for n, c in lines if n in needed and n != output]
    return kept + [(output, by_name[output])]


def canonical(program: Program) -> Program:
    """The canonical form of a program (see the module docstring); raises ValueError if it has no call."""
    return canonical_from_flat(flatten(program))


def canonical_from_flat(lines: list[FlatLine]) -> Program:
    """The canonical program for flat lines whose last line computes the output."""
    calls = dict(lines)
    output = lines[-1][0]
    uses: dict[str, int] = {name: 0 for name, _ in lines}
    for _, call in lines:
        for argument in call.args:
            if isinstance(argument, Var) and argument.name in uses:
                uses[argument.name] += 1
    own_line = {name for name, count in uses.items() if count != 1} | {output}

    # Calls that would nest deeper than MAX_NESTING get their own line (levels are fixed top-down).
    pending = sorted(own_line)
    while pending:
        root = pending.pop()
        stack = [(root, 1)]
        while stack:
            name, level = stack.pop()
            for argument in calls[name].args:
                if isinstance(argument, Var) and argument.name in calls and argument.name not in own_line:
                    if level + 1 > MAX_NESTING:
                        own_line.add(argument.name)
                        pending.append(argument.name)
                    else:
                        stack.append((argument.name, level + 1))

    order: list[str] = []
    visited: set[str] = set()

    def walk(name: str) -> None:  # post-order from O, arguments left to right
        if name in visited or name not in calls:
            return
        visited.add(name)
        for argument in calls[name].args:
            if isinstance(argument, Var):
                walk(argument.name)
        if name in own_line:
            order.append(name)

    walk(output)
    rename = {name: ("O" if name == output else f"x{i}") for i, name in enumerate(order, start=1)}

    def build(name: str, top: bool) -> Expression:
        if name == "I":
            return Var("I")
        if name in own_line and not top:
            return Var(rename[name])
        call = calls[name]
        return Call(call.name, tuple(build(a.name, False) if isinstance(a, Var) else a for a in call.args))

    return Program(tuple(Line(rename[name], build(name, True)) for name in order))


def flat_program(lines: list[FlatLine]) -> Program:
    """The flat lines as a runnable program: same names, the last line renamed `O`."""
    output = lines[-1][0]

    def rename(argument: Expression) -> Expression:
        return Var("O") if isinstance(argument, Var) and argument.name == output else argument

    body = [Line(name, Call(call.name, tuple(rename(a) for a in call.args))) for name, call in lines[:-1]]
    return Program(tuple(body + [Line("O", lines[-1][1])]))


def call_count(program: Program) -> int:
    """How many primitive calls the program's text contains (function references not counted)."""

    def count(expression: Expression) -> int:
        if isinstance(expression, Call):
            return 1 + sum(count(a) for a in expression.args)
        return 0

    return sum(count(line.expression) for line in program.lines)


def depth(program: Program) -> int:
    """The program's depth: the number of primitive calls in its canonical form."""
    return len(flatten(program))
