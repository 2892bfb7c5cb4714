"""Grammar, strict parser and canonical printer of DSL programs.

A program is straight-line: one assignment per line, the last one assigns the output `O`.

    program   := line (NEWLINE line)*
    line      := VARIABLE '=' expression
    expression:= call | VARIABLE
    call      := PRIMITIVE '(' [argument (',' argument)*] ')'
    argument  := call | VARIABLE | PRIMITIVE | INTEGER | BOOLEAN | colormap
    colormap  := '{' [INTEGER ':' INTEGER (',' INTEGER ':' INTEGER)*] '}'   (keys 0..30, values colours 0..9)
    VARIABLE  := 'I' | 'O' | 'x' DIGITS        (I is the input grid; each variable is assigned once)
    PRIMITIVE := a name in the DSL's table      (bare, it is a function passed to a higher-order one)
    INTEGER   := -?DIGITS, |value| <= 30        BOOLEAN := 'true' | 'false'

Calls may nest (up to MAX_NESTING deep): `O = crop_to_object(I, largest(objects_4(I)))` is one line
of 6 symbols where the flat form needs three lines and 10 symbols, and the model emits fewer tokens.
Blank lines and `#` comments are accepted on input; the printer writes neither, with single spaces
after commas and around '=' only, so print(parse(text)) is the canonical form and parse(print(p)) == p.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

from arc_kernel.dsl.errors import ParseError
from arc_kernel.dsl.types import ColorMap

MAX_NESTING = 4
MAX_LINES = 64
MAX_TEXT = 20_000
MAX_LITERAL = 30

VARIABLE = re.compile(r"^(I|O|x[1-9][0-9]{0,2})$")


@dataclass(frozen=True)
class Var:
    name: str
    line: int = field(default=0, compare=False)
    column: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Const:
    value: Union[int, bool, ColorMap]
    line: int = field(default=0, compare=False)
    column: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Ref:
    """A primitive passed as a function argument."""

    name: str
    line: int = field(default=0, compare=False)
    column: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple["Expression", ...]
    line: int = field(default=0, compare=False)
    column: int = field(default=0, compare=False)


Expression = Union[Var, Const, Ref, Call]


@dataclass(frozen=True)
class Line:
    target: str
    expression: Expression
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Program:
    lines: tuple[Line, ...]

    def __str__(self) -> str:
        return print_program(self)


# ---------------------------------------------------------------- tokens

_TOKEN = re.compile(r"[ \t]+|#[^\n]*|(?P<tok>-?[0-9]+|[A-Za-z_][A-Za-z0-9_]*|[=(),{}:]|\n)")


@dataclass(frozen=True)
class Token:
    text: str
    line: int
    column: int


def lex(text: str) -> list[Token]:
    """Split program text into tokens (newlines kept, spaces and comments dropped)."""
    if not isinstance(text, str):
        raise ParseError(f"program must be text, not {type(text).__name__}", 1, 1)
    if len(text) > MAX_TEXT:
        raise ParseError(f"program text longer than {MAX_TEXT} characters", 1, 1)
    tokens, position, line, line_start = [], 0, 1, 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise ParseError(f"unexpected character {text[position]!r}", line, position - line_start + 1)
        token = match.group("tok")
        if token is not None:
            tokens.append(Token(token, line, position - line_start + 1))
            if token == "\n":
                line, line_start = line + 1, match.end()
        position = match.end()
    return tokens


# ---------------------------------------------------------------- parser


class _Parser:
    def __init__(self, tokens: list[Token], primitive_names: frozenset[str]):
        self.tokens, self.position, self.primitives = tokens, 0, primitive_names

    def peek(self) -> Token | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def fail(self, message: str, token: Token | None = None) -> ParseError:
        token = token or self.peek() or (self.tokens[-1] if self.tokens else Token("", 1, 1))
        return ParseError(message, token.line, token.column)

    def expect(self, text: str) -> Token:
        token = self.peek()
        if token is None or token.text != text:
            found = "end of program" if token is None else repr(token.text.replace("\n", "newline"))
            raise self.fail(f"expected {text!r}, found {found}")
        self.position += 1
        return token

    def program(self) -> Program:
        lines: list[Line] = []
        while self.peek() is not None:
            if self.peek().text == "\n":
                self.position += 1
                continue
            lines.append(self.line())
            if len(lines) > MAX_LINES:
                raise self.fail(f"more than {MAX_LINES} lines")
            if self.peek() is not None:
                self.expect("\n")
        if not lines:
            raise ParseError("empty program", 1, 1)
        return Program(tuple(lines))

    def line(self) -> Line:
        target = self.peek()
        if not VARIABLE.match(target.text) or target.text == "I":
            raise self.fail(f"a line must assign a variable (O, x1, x2, …), found {target.text!r}")
        self.position += 1
        self.expect("=")
        token = self.peek()
        if token is None or token.text == "\n":
            raise self.fail("missing expression after '='")
        if VARIABLE.match(token.text):
            self.position += 1
            expression: Expression = Var(token.text, token.line, token.column)
        else:
            expression = self.call(depth=1)
        return Line(target.text, expression, target.line)

    def call(self, depth: int) -> Call:
        token = self.peek()
        if token.text not in self.primitives:
            raise self.fail(f"unknown primitive {token.text!r}")
        if depth > MAX_NESTING:
            raise self.fail(f"calls nested deeper than {MAX_NESTING}")
        self.position += 1
        self.expect("(")
        args: list[Expression] = []
        if self.peek() is not None and self.peek().text != ")":
            args.append(self.argument(depth))
            while self.peek() is not None and self.peek().text == ",":
                self.position += 1
                args.append(self.argument(depth))
        self.expect(")")
        return Call(token.text, tuple(args), token.line, token.column)

    def argument(self, depth: int) -> Expression:
        token = self.peek()
        if token is None or token.text == "\n":
            raise self.fail("missing argument")
        text = token.text
        following = self.tokens[self.position + 1].text if self.position + 1 < len(self.tokens) else ""
        if text in self.primitives:
            if following == "(":
                return self.call(depth + 1)
            self.position += 1
            return Ref(text, token.line, token.column)
        if VARIABLE.match(text):
            self.position += 1
            return Var(text, token.line, token.column)
        if text in ("true", "false"):
            self.position += 1
            return Const(text == "true", token.line, token.column)
        if text == "{":
            return self.colormap()
        self.position += 1
        return Const(self.integer(token), token.line, token.column)

    def integer(self, token: Token) -> int:
        if not re.fullmatch(r"-?[0-9]+", token.text):
            raise ParseError(f"unknown name {token.text!r}", token.line, token.column)
        if len(token.text) > 4 or abs(int(token.text)) > MAX_LITERAL:
            raise ParseError(f"constant {token.text} outside ±{MAX_LITERAL}", token.line, token.column)
        return int(token.text)

    def colormap(self) -> Const:
        start = self.expect("{")
        pairs: dict[int, int] = {}
        while self.peek() is not None and self.peek().text != "}":
            if pairs:
                self.expect(",")
            source_token = self.peek()
            if source_token is None:
                break
            self.position += 1
            source = self.integer(source_token)
            self.expect(":")
            target_token = self.peek()
            if target_token is None:
                raise self.fail("missing colour after ':'")
            self.position += 1
            target = self.integer(target_token)
            if not 0 <= source <= MAX_LITERAL:
                raise ParseError(f"map key {source} outside 0..{MAX_LITERAL}", source_token.line, source_token.column)
            if not 0 <= target <= 9:
                raise ParseError(f"colour {target} outside 0..9", target_token.line, target_token.column)
            if source in pairs:
                raise ParseError(f"colour {source} mapped twice", source_token.line, source_token.column)
            pairs[source] = target
        self.expect("}")
        return Const(ColorMap(pairs), start.line, start.column)


def _primitive_names() -> frozenset[str]:
    from arc_kernel.dsl import PRIMITIVES

    return frozenset(PRIMITIVES)


def parse(text: str) -> Program:
    """Parse program text; raise ParseError naming the line and column of the first problem."""
    parser = _Parser(lex(text), _primitive_names())
    program = parser.program()
    if program.lines[-1].target != "O":
        raise ParseError("the last line must assign O", program.lines[-1].line, 1)
    return program


# ---------------------------------------------------------------- printer


def print_expression(expression: Expression) -> str:
    if isinstance(expression, Call):
        return f"{expression.name}({', '.join(print_expression(a) for a in expression.args)})"
    if isinstance(expression, (Var, Ref)):
        return expression.name
    value = expression.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, ColorMap):
        return "{" + ", ".join(f"{a}: {b}" for a, b in value.pairs) + "}"
    return str(value)


def print_program(program: Program) -> str:
    """The canonical text of a program (one line per assignment, no trailing newline)."""
    return "\n".join(f"{line.target} = {print_expression(line.expression)}" for line in program.lines)


# ---------------------------------------------------------------- tokens for the model


def program_tokens(program: Program) -> list[str]:
    """The program as model tokens: each name, variable, constant and punctuation mark is one token."""
    return [token.text for token in lex(print_program(program))]


def tokens_to_text(tokens: list[str]) -> str:
    """Join model tokens back into program text (inverse of `program_tokens` after printing)."""
    text = ""
    for previous, token in zip([""] + tokens, tokens):
        glued = token in ("(", ")", ",", ":", "}", "\n") or previous in ("", "(", "{", "\n")
        text += token if glued else " " + token
    return text


def inline(program: Program, name: str) -> Expression:
    """The expression computing variable `name` of `program` from the input alone: every variable it reads is
    replaced by that variable's own expression (shared values are written out each time)."""
    definitions = {line.target: line.expression for line in program.lines}

    def expand(expression: Expression) -> Expression:
        if isinstance(expression, Var) and expression.name in definitions:
            return expand(definitions[expression.name])
        if isinstance(expression, Call):
            return Call(expression.name, tuple(expand(a) for a in expression.args))
        return expression

    return expand(Var(name))


def count_symbols(program: Program) -> int:
    """Primitive names, variables and constants in a program (punctuation does not count)."""
    return sum(1 for token in program_tokens(program) if token not in ("=", "(", ")", ",", "{", "}", ":", "\n"))


def program_size(program: Program) -> int:
    """Primitive calls, primitive references, constants and uses of the input, each counted once: variables naming
    earlier lines are free, so `x1 = f(I)` then `O = g(x1)` has the size of `O = g(f(I))`."""

    def size(expression: Expression) -> int:
        if isinstance(expression, Call):
            return 1 + sum(size(a) for a in expression.args)
        if isinstance(expression, Var):
            return int(expression.name == "I")
        return 1

    return sum(size(line.expression) for line in program.lines)
