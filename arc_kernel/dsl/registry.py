"""The table of primitives: each is a typed Python function registered with `@primitive`.

The signature is read from the function's annotations (see `types.TYPE_NAMES`), the docstring's
first line is its description. Names are unique; a second registration of a name is an error.
"""

from __future__ import annotations

import inspect
import typing
from dataclasses import dataclass
from typing import Callable

from arc_kernel.dsl.types import type_name


@dataclass(frozen=True)
class Primitive:
    """One DSL primitive: its name, parameter and result types, description and implementation."""

    name: str
    params: tuple[str, ...]
    result: str
    doc: str
    group: str
    function: Callable[..., object]

    @property
    def type(self) -> str:
        """The primitive's type written as a function type, e.g. 'Grid,Int->Grid'."""
        return ",".join(self.params) + "->" + self.result

    def signature(self) -> str:
        return f"{self.name}({', '.join(self.params)}) -> {self.result}"


PRIMITIVES: dict[str, Primitive] = {}


def primitive(function: Callable[..., object]) -> Callable[..., object]:
    """Register `function` as a DSL primitive named after it; return it unchanged."""
    name = function.__name__
    if name in PRIMITIVES:
        raise ValueError(f"primitive {name!r} is registered twice ({PRIMITIVES[name].group} and {function.__module__})")
    hints = typing.get_type_hints(function)
    parameters = list(inspect.signature(function).parameters)
    if "return" not in hints or any(p not in hints for p in parameters):
        raise ValueError(f"primitive {name!r} needs a type annotation on every parameter and its result")
    doc = inspect.getdoc(function) or ""
    if not doc:
        raise ValueError(f"primitive {name!r} needs a one-line docstring")
    PRIMITIVES[name] = Primitive(
        name=name,
        params=tuple(type_name(hints[p]) for p in parameters),
        result=type_name(hints["return"]),
        doc=doc.splitlines()[0],
        group=function.__module__.rsplit(".", 1)[-1],
        function=function,
    )
    return function
