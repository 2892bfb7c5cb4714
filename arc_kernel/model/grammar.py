"""An incremental grammar-and-type state for constrained decoding: which tokens may follow a program prefix.

Every prefix the decoder emits under this constraint can still be completed into a program that parses
and type-checks: line targets are the next fresh variable (x1, x2, …) or O; a call's arguments are
variables, literals, nested calls or function references of the parameter's type; O must be a Grid and
ends the program. `single_line` (step-by-step decoding) ends after one line; `max_nesting=1` allows
only flat calls (arguments are variables, literals and function references). `colours` limits colour
literals (Color arguments, colour-map keys and values) to a task's palette, `integers` Int literals to a
task's likely constants.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping, Sequence

from arc_kernel.dsl.types import is_assignable, is_function_type
from arc_kernel.language.syntax import MAX_LINES, MAX_LITERAL, MAX_NESTING, VARIABLE
from arc_kernel.model.serialize import EOS, NEWLINE

_COLOURS = tuple(str(c) for c in range(10))
_INTEGERS = tuple(str(v) for v in range(-MAX_LITERAL, MAX_LITERAL + 1))


@dataclass(frozen=True)
class _Frame:
    name: str  # the primitive being called
    next_arg: int = 0


@dataclass(frozen=True)
class State:
    """Where a prefix stands: phase, variables in scope (name → type), open calls, colour-map keys used."""

    phase: str  # target | equals | expression | open | argument | separator | line_end | map_key | map_colon | map_value | map_next | done
    scope: tuple[tuple[str, str], ...]
    target: str = ""
    stack: tuple[_Frame, ...] = ()
    map_keys: tuple[str, ...] = ()
    lines: int = 0


class ProgramGrammar:
    """Allowed next tokens for program prefixes, for the vocabulary `token_ids` (token → id)."""

    def __init__(
        self,
        token_ids: Mapping[str, int],
        primitives: Mapping[str, object] | None = None,
        scope: Mapping[str, str] | None = None,
        single_line: bool = False,
        max_lines: int = MAX_LINES,
        max_nesting: int = MAX_NESTING,
        colours: Sequence[str] | None = None,
        integers: Sequence[str] | None = None,
    ):
        if primitives is None:
            from arc_kernel.dsl import PRIMITIVES

            primitives = PRIMITIVES
        self.ids = dict(token_ids)
        self.primitives = {name: p for name, p in primitives.items() if name in self.ids}
        self.single_line, self.max_lines, self.max_nesting = single_line, max_lines, max_nesting
        self.colours = tuple(colours) if colours is not None else _COLOURS
        self.integers = tuple(integers) if integers is not None else _INTEGERS
        start_scope = tuple((scope or {"I": "Grid"}).items())
        self.start = State("target", start_scope, lines=sum(1 for n, _ in start_scope if n != "I"))
        self._states: dict[tuple[int, ...], State] = {(): self.start}
        self._allowed: dict[State, list[int]] = {}
        self._by_result: dict[tuple[str, bool], list[str]] = {}
        self._fill: dict[tuple[str, int, frozenset[str]], bool] = {}
        self._calls: dict[tuple[str | None, int, frozenset[str]], list[str]] = {}

    # ------------------------------------------------------------ queries

    def allowed_ids(self, prefix: Sequence[int]) -> list[int]:
        """Ids of the tokens that may follow `prefix` (ids); [</s>] when the prefix is a dead end."""
        state = self.state(tuple(prefix))
        if state is None:
            return [self.ids[EOS]]
        if state not in self._allowed:
            words = self.allowed_tokens(state)
            self._allowed[state] = [self.ids[w] for w in words if w in self.ids] or [self.ids[EOS]]
        return self._allowed[state]

    def state(self, prefix: tuple[int, ...]) -> State | None:
        """The state after a prefix of ids (cached by prefix; None when the prefix left the grammar)."""
        if prefix in self._states:
            return self._states[prefix]
        parent = self.state(prefix[:-1])
        state = None if parent is None else self.advance(parent, self._word(prefix[-1]))
        if len(self._states) > 200_000:
            self._states.clear()
            self._states[()] = self.start
        self._states[prefix] = state
        return state

    def completions(self, prefix: Sequence[int], limit: int) -> list[list[int]] | None:
        """Every id sequence that extends `prefix` to the end (</s> included); None when there are more than `limit`."""
        start = self.state(tuple(prefix))
        if start is None:
            return []
        found: list[list[int]] = []
        pending: list[tuple[State, list[int]]] = [(start, list(prefix))]
        while pending:
            state, ids = pending.pop()
            if state.phase == "done":
                found.append(ids)
                if len(found) > limit:
                    return None
                continue
            for word in reversed(self.allowed_tokens(state)):
                following = self.advance(state, word)
                if following is not None and word in self.ids:
                    pending.append((following, ids + [self.ids[word]]))
        return found

    def accepts(self, words: Sequence[str]) -> bool:
        """Whether a whole token sequence (ending with </s>) stays within the grammar."""
        state: State | None = self.start
        for word in words:
            if state is None or word not in self.allowed_tokens(state):
                return False
            state = self.advance(state, word)
        return state is not None and state.phase == "done"

    def _word(self, token_id: int) -> str:
        if not hasattr(self, "_words"):
            self._words = {i: w for w, i in self.ids.items()}
        return self._words.get(token_id, "")

    # ------------------------------------------------------------ the automaton

    def _variables(self, state: State, wanted: str | None) -> list[str]:
        return [name for name, kind in state.scope if wanted is None or is_assignable(kind, wanted)]

    def _producers(self, wanted: str | None) -> list[str]:
        """Primitives whose result fits `wanted` (any non-function result when None)."""
        key = (wanted or "", False)
        if key not in self._by_result:
            self._by_result[key] = [
                name for name, p in self.primitives.items()
                if (is_assignable(p.result, wanted) if wanted else not is_function_type(p.result))
            ]
        return self._by_result[key]

    def _references(self, wanted: str) -> list[str]:
        key = (wanted, True)
        if key not in self._by_result:
            self._by_result[key] = [name for name, p in self.primitives.items() if p.type == wanted]
        return self._by_result[key]

    def _callable_producers(self, wanted: str | None, depth: int, types: frozenset[str]) -> list[str]:
        """`_producers(wanted)` whose call opened at nesting `depth` can be completed (cached)."""
        key = (wanted, depth, types)
        if key not in self._calls:
            self._calls[key] = [p for p in self._producers(wanted) if self._callable(p, depth, types)]
        return self._calls[key]

    def _callable(self, name: str, depth: int, types: frozenset[str]) -> bool:
        """Whether a call of `name` opened at nesting `depth` can be completed with the variable types in scope."""
        return depth <= self.max_nesting and all(self._fillable(t, depth, types) for t in self.primitives[name].params)

    def _fillable(self, wanted: str, depth: int, types: frozenset[str]) -> bool:
        """Whether an argument of type `wanted` inside `depth` open calls has any completion."""
        key = (wanted, depth, types)
        if key not in self._fill:
            self._fill[key] = False  # guards against recursion through the same type
            self._fill[key] = (
                (bool(self._references(wanted)) if is_function_type(wanted) else False)
                or any(is_assignable(kind, wanted) for kind in types)
                or wanted in ("Int", "Color", "Bool", "ColorMap")
                or (
                    not is_function_type(wanted)
                    and depth < self.max_nesting
                    and any(self._callable(p, depth + 1, types) for p in self._producers(wanted))
                )
            )
        return self._fill[key]

    def _wanted(self, state: State) -> str:
        frame = state.stack[-1]
        return self.primitives[frame.name].params[frame.next_arg]

    def _next_variable(self, state: State) -> str:
        used = [int(name[1:]) for name, _ in state.scope if name.startswith("x")]
        return f"x{max(used, default=0) + 1}"

    def allowed_tokens(self, state: State) -> list[str]:
        """Token strings allowed in `state`."""
        phase = state.phase
        if phase == "target":
            if state.lines + 1 >= self.max_lines:
                return ["O"]
            return [self._next_variable(state), "O"]
        if phase == "equals":
            return ["="]
        if phase == "expression":
            types = frozenset(kind for _, kind in state.scope)
            if state.target == "O":
                return self._callable_producers("Grid", 1, types) + self._variables(state, "Grid")
            return self._callable_producers(None, 1, types)
        if phase == "open":
            return ["("]
        if phase == "argument":
            wanted = self._wanted(state)
            if is_function_type(wanted):
                return self._references(wanted)
            words = self._variables(state, wanted)
            if len(state.stack) < self.max_nesting:
                types = frozenset(kind for _, kind in state.scope)
                words += self._callable_producers(wanted, len(state.stack) + 1, types)
            if wanted == "Int":
                words += list(self.integers)
            elif wanted == "Color":
                words += list(self.colours)
            elif wanted == "Bool":
                words += ["true", "false"]
            elif wanted == "ColorMap":
                words.append("{")
            return words
        if phase == "separator":
            frame = state.stack[-1]
            return ["," if frame.next_arg < len(self.primitives[frame.name].params) else ")"]
        if phase == "line_end":
            return [EOS] if state.target == "O" or self.single_line else [NEWLINE]
        if phase == "map_key":
            free = [c for c in self.colours if c not in state.map_keys]
            return free if state.map_keys else ["}"] + free
        if phase == "map_colon":
            return [":"]
        if phase == "map_value":
            return list(self.colours)
        if phase == "map_next":
            return ["}"] + ([","] if len(state.map_keys) < len(self.colours) else [])
        return []

    def advance(self, state: State, word: str) -> State | None:
        """The state after `word`, or None if `word` is not allowed here."""
        phase = state.phase
        if phase == "target":
            if word not in self.allowed_tokens(state):
                return None
            return replace(state, phase="equals", target=word)
        if phase == "equals":
            return replace(state, phase="expression") if word == "=" else None
        if phase == "expression":
            if word in self.primitives:
                if state.target == "O" and not is_assignable(self.primitives[word].result, "Grid"):
                    return None
                return replace(state, phase="open", stack=(_Frame(word),))
            if state.target == "O" and word in self._variables(state, "Grid"):
                return self._end_line(state, "Grid")
            return None
        if phase == "open":
            if word != "(":
                return None
            frame = state.stack[-1]
            return replace(state, phase="argument" if self.primitives[frame.name].params else "separator")
        if phase == "argument":
            wanted = self._wanted(state)
            if word not in self.allowed_tokens(state):
                return None
            if word in self.primitives and not is_function_type(wanted):
                return replace(state, phase="open", stack=state.stack + (_Frame(word),))
            if word == "{":
                return replace(state, phase="map_key", map_keys=())
            return self._argument_done(state)
        if phase == "separator":
            frame = state.stack[-1]
            more = frame.next_arg < len(self.primitives[frame.name].params)
            if word == "," and more:
                return replace(state, phase="argument")
            if word == ")" and not more:
                finished, stack = state.stack[-1], state.stack[:-1]
                if not stack:
                    return self._end_line(state, self.primitives[finished.name].result)
                return self._argument_done(replace(state, stack=stack))
            return None
        if phase == "line_end":
            if word == EOS and (state.target == "O" or self.single_line):
                return replace(state, phase="done")
            if word == NEWLINE and state.target != "O" and not self.single_line:
                return replace(state, phase="target", target="")
            return None
        if phase == "map_key":
            if word == "}" and not state.map_keys:
                return self._argument_done(state)
            if word in self.colours and word not in state.map_keys:
                return replace(state, phase="map_colon", map_keys=state.map_keys + (word,))
            return None
        if phase == "map_colon":
            return replace(state, phase="map_value") if word == ":" else None
        if phase == "map_value":
            return replace(state, phase="map_next") if word in self.colours else None
        if phase == "map_next":
            if word == "}":
                return self._argument_done(replace(state, map_keys=()))
            if word == "," and len(state.map_keys) < len(self.colours):
                return replace(state, phase="map_key")
            return None
        return None

    def _argument_done(self, state: State) -> State:
        frame = state.stack[-1]
        return replace(state, phase="separator", stack=state.stack[:-1] + (replace(frame, next_arg=frame.next_arg + 1),))

    def _end_line(self, state: State, result: str) -> State:
        scope = state.scope + ((state.target, result),) if VARIABLE.match(state.target) else state.scope
        return replace(state, phase="line_end", scope=scope, stack=(), lines=state.lines + 1)
