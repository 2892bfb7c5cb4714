"""Fuzzing the program language: random text, token streams, mutated programs, random well-typed programs.

Every case must end in a result or a `DSLError` subclass, within its run's time cap and a memory cap;
anything else is a `Finding`. The tests run a few hundred cases; `python -m arc_kernel fuzz --cases N`
runs a campaign (figures in RELIABILITY.md). Program text is only ever parsed, never executed as Python.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sys
import time
import tracemalloc
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from tqdm import tqdm

from arc_kernel.dsl import PRIMITIVES
from arc_kernel.dsl.errors import DSLError, LimitError
from arc_kernel.dsl.limits import MAX_SIDE, Budget, activate
from arc_kernel.dsl.types import BASE_TYPES, ColorMap, Object, is_assignable, is_function_type, value_key
from arc_kernel.interpreter import Limits, _call, _function, compile_program, run_trace
from arc_kernel.language.syntax import MAX_NESTING, lex, parse, print_program
from arc_kernel.language.typecheck import check

MODES = ("text", "tokens", "mutation", "typed", "primitive")
LITERAL_TYPES = ("Int", "Color", "Bool", "ColorMap")
EDGE_INTEGERS = (-30, -2, -1, 0, 1, 2, 3, 9, 10, 29, 30)


@dataclass
class FuzzConfig:
    """A campaign: how many cases, which kinds, and the caps every run must respect."""

    cases: int = 1000
    seed: int = 0
    modes: tuple[str, ...] = MODES
    seconds: float = 1.0  # Limits.seconds of each program run
    max_steps: int = 20_000
    grids_per_program: int = 3
    max_side: int = 30  # input grids are 1..max_side on each side
    time_slack: float = 0.10  # a run may end at most this fraction past its time cap (plus 50 ms)
    memory_cap_mb: float = 256.0  # peak memory one run may allocate (measured with tracemalloc)
    watchdog: float = 20.0  # a run still going after this many seconds is reported as a hang
    trace_memory: bool = True


@dataclass
class Finding:
    """One failure: what kind, which case, the program text and input grid that reproduce it."""

    kind: str  # crash | overrun | memory | hang | invariant | generator
    case: int
    mode: str
    detail: str
    program: str
    grid: list | None = None


@dataclass
class Report:
    """What a campaign did: cases, program runs, outcomes by error class, worst time and memory, findings."""

    cases: int = 0
    runs: int = 0
    parsed: int = 0
    outcomes: Counter = field(default_factory=Counter)
    max_run_seconds: float = 0.0
    max_run_mb: float = 0.0
    slowest: str = ""
    seconds: float = 0.0
    findings: list[Finding] = field(default_factory=list)

    def summary(self) -> str:
        outcomes = ", ".join(f"{name} {count}" for name, count in sorted(self.outcomes.items()))
        return (
            f"{self.cases} cases, {self.parsed} programs accepted, {self.runs} runs in {self.seconds:.0f}s; "
            f"outcomes: {outcomes}; slowest run {self.max_run_seconds:.3f}s, largest run {self.max_run_mb:.1f} MB; "
            f"{len(self.findings)} findings"
        )


class Hang(BaseException):
    """Raised by the watchdog alarm inside a run that went far past its cap (BaseException: never swallowed)."""


# ---------------------------------------------------------------- inputs


def random_grid(rng: random.Random, max_side: int = 30) -> np.ndarray:
    """A grid of a random kind (noise, blocks, dots, stripes, one colour), 1..max_side on each side."""
    sides = [1, 2, 3, max_side, max_side - 1] + list(range(1, max_side + 1))
    height, width = rng.choice(sides), rng.choice(sides)
    height, width = max(1, min(height, max_side)), max(1, min(width, max_side))
    nprng = np.random.default_rng(rng.getrandbits(32))
    kind = rng.choice(("noise", "blocks", "dots", "stripes", "flat", "noise"))
    background = rng.choice((0, 0, 0, rng.randrange(10)))
    grid = np.full((height, width), background, dtype=np.uint8)
    if kind == "noise":
        grid = nprng.integers(0, 10, size=(height, width), dtype=np.uint8)
    elif kind == "blocks":
        for _ in range(rng.randint(1, 8)):
            top, left = rng.randrange(height), rng.randrange(width)
            grid[top : top + rng.randint(1, 6), left : left + rng.randint(1, 6)] = rng.randrange(10)
    elif kind == "dots":  # hundreds of one-cell objects
        grid[:: rng.choice((2, 3)), :: rng.choice((2, 3))] = rng.randrange(1, 10)
    elif kind == "stripes":
        for row in range(0, height, rng.randint(1, 4)):
            grid[row, :] = rng.randrange(10)
    return grid


# ---------------------------------------------------------------- random well-typed programs


class ProgramGenerator:
    """Random type-correct programs built from the registry's signatures (nothing hand-listed)."""

    def __init__(self) -> None:
        self.primitives = [PRIMITIVES[name] for name in sorted(PRIMITIVES)]
        self.refs: dict[str, list[str]] = {}
        for p in self.primitives:
            if not any(is_function_type(t) for t in p.params):
                self.refs.setdefault(p.type, []).append(p.name)
        # height[T]: fewest nested calls needed to build a T from I and literals.
        self.height: dict[str, int] = {t: 0 for t in ("Grid", *LITERAL_TYPES, *self.refs)}
        changed = True
        while changed:
            changed = False
            for p in self.primitives:
                if all(t in self.height for t in p.params):
                    need = 1 + max((self.height[t] for t in p.params), default=0)
                    if need < self.height.get(p.result, MAX_NESTING + 1) and need <= MAX_NESTING:
                        self.height[p.result] = need
                        changed = True
        self.usable = [p for p in self.primitives if all(t in self.height for t in p.params)]
        self.variable_types = sorted(t for t in self.height if t in BASE_TYPES)

    def literal(self, rng: random.Random, type_name: str) -> str:
        if type_name == "Color":
            return str(rng.randrange(10))
        if type_name == "Int":
            return str(rng.choice(EDGE_INTEGERS) if rng.random() < 0.5 else rng.randint(-30, 30))
        if type_name == "Bool":
            return rng.choice(("true", "false"))
        pairs = {rng.randrange(10): rng.randrange(10) for _ in range(rng.randint(0, 4))}
        return "{" + ", ".join(f"{a}: {b}" for a, b in sorted(pairs.items())) + "}"

    def expression(self, rng: random.Random, wanted: str, depth: int, scope: dict[str, str], call: bool = False) -> str:
        """Text of an expression of type `wanted` whose calls nest at most MAX_NESTING - depth deep."""
        room = MAX_NESTING - depth
        calls = [
            p for p in self.usable
            if is_assignable(p.result, wanted) and max((self.height[t] for t in p.params), default=0) < room
        ]
        leaves = [name for name, t in scope.items() if is_assignable(t, wanted)]
        if wanted in LITERAL_TYPES:
            leaves += [self.literal(rng, wanted)] * 2
        if wanted in self.refs:
            leaves += self.refs[wanted]
        if calls and (call or not leaves or rng.random() < 0.6 / (1 + depth)):
            p = rng.choice(calls)
            args = [self.expression(rng, t, depth + 1, scope) for t in p.params]
            return f"{p.name}({', '.join(args)})"
        return rng.choice(leaves)

    def program(self, rng: random.Random, max_lines: int = 6) -> str:
        """A random program that type-checks: up to `max_lines` lines, the last one assigns a Grid to O."""
        scope = {"I": "Grid"}
        lines = []
        for index in range(1, rng.randint(1, max_lines)):
            wanted = rng.choice(self.variable_types)
            expression = self.expression(rng, wanted, 0, scope, call=True)
            if "(" not in expression:  # nothing produces this type: a line must be a call
                continue
            scope[f"x{index}"] = wanted
            lines.append(f"x{index} = {expression}")
        output = self.expression(rng, "Grid", 0, scope, call=rng.random() < 0.9)
        lines.append(f"O = {output}")
        return "\n".join(lines)


_GENERATOR: ProgramGenerator | None = None


def program_generator() -> ProgramGenerator:
    """The generator for the current registry (built once)."""
    global _GENERATOR
    if _GENERATOR is None:
        _GENERATOR = ProgramGenerator()
    return _GENERATOR


# ---------------------------------------------------------------- random and mutated text


def vocabulary() -> list[str]:
    """Every kind of token a program may hold, plus near misses."""
    names = sorted(PRIMITIVES)
    return names + ["I", "O", "x1", "x2", "x3", "x0", "x999", "x1000", "X1", "true", "false", "True", "None",
                    "0", "1", "9", "10", "30", "31", "-1", "-31", "99999", "-0", "007",
                    "=", "(", ")", ",", "{", "}", ":", "\n", "\n", "#", "__import__", "eval", "exec", "os", "'", "\"", "."]


def random_text(rng: random.Random) -> str:
    """Random characters, mostly the ones programs are made of."""
    alphabet = "abcdefghijklmnopqrstuvwxyz_IOx0123456789 =(),{}:#\n-" * 3 + "\t\r\\'\"$;.[]\x00é∑\u202e"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))


def random_tokens(rng: random.Random) -> str:
    """A random stream of program tokens, joined by spaces."""
    words = vocabulary()
    return " ".join(rng.choice(words) for _ in range(rng.randint(0, 60)))


def mutate(text: str, rng: random.Random) -> str:
    """`text` with one to four token-level edits: drop, repeat, swap, replace, truncate, nest."""
    try:
        tokens = [t.text for t in lex(text)]
    except DSLError:
        tokens = text.split()
    words = vocabulary()
    for _ in range(rng.randint(1, 4)):
        if not tokens:
            tokens = [rng.choice(words)]
        i = rng.randrange(len(tokens))
        edit = rng.randrange(7)
        if edit == 0:
            del tokens[i]
        elif edit == 1:
            tokens.insert(i, tokens[i])
        elif edit == 2 and i + 1 < len(tokens):
            tokens[i], tokens[i + 1] = tokens[i + 1], tokens[i]
        elif edit == 3:
            tokens[i] = rng.choice(words)
        elif edit == 4:
            tokens = tokens[:i]
        elif edit == 5 and tokens[i] in PRIMITIVES:  # another primitive, often of another type
            tokens[i] = rng.choice(sorted(PRIMITIVES))
        elif edit == 6 and tokens[i].lstrip("-").isdigit():
            tokens[i] = str(rng.choice(EDGE_INTEGERS))
    return " ".join(tokens)


def seed_programs() -> list[str]:
    """Programs to mutate: the hand-written library (when present) and a few random well-typed ones."""
    try:
        from arc_kernel.library import load_library

        programs = [print_program(p) for _, p in sorted(load_library().items())]
    except Exception:  # the library is optional here
        programs = []
    rng = random.Random(0)
    return programs + [program_generator().program(rng) for _ in range(50)]


# ---------------------------------------------------------------- values against their declared types


def _is_grid(value: object) -> bool:
    return (isinstance(value, np.ndarray) and value.ndim == 2 and value.dtype == np.uint8
            and 1 <= min(value.shape) and max(value.shape) <= MAX_SIDE and int(value.max()) <= 9)


def _is_int(value: object) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def conforms(value: object, type_name: str) -> bool:
    """Whether a value is what its declared type promises (grids 2-D uint8 with colours 0-9, colours 0-9, …)."""
    if is_function_type(type_name):
        return callable(value)
    if type_name in ("Objects", "Grids", "Colors", "Ints"):
        item = {"Objects": "Object", "Grids": "Grid", "Colors": "Color", "Ints": "Int"}[type_name]
        return isinstance(value, tuple) and all(conforms(v, item) for v in value)
    return {
        "Grid": _is_grid,
        "Color": lambda v: _is_int(v) and 0 <= int(v) <= 9,
        "Int": _is_int,
        "Bool": lambda v: isinstance(v, (bool, np.bool_)),
        "Object": lambda v: isinstance(v, Object),
        "ColorMap": lambda v: isinstance(v, ColorMap),
    }[type_name](value)


# ---------------------------------------------------------------- extreme arguments for single primitives


def _objects_of(grid: np.ndarray) -> tuple[Object, ...]:
    """Every non-zero cell of `grid` as a one-cell object (a checkerboard gives hundreds)."""
    return tuple(Object(r, c, grid[r : r + 1, c : c + 1], np.ones((1, 1), bool)) for r, c in zip(*np.nonzero(grid)))


def extreme_values(rng: random.Random) -> dict[str, list[object]]:
    """Values at and near the caps a program can reach, by type: 60x60 grids, thousands of objects, ±1000."""
    nprng = np.random.default_rng(rng.getrandbits(32))
    side = MAX_SIDE
    checker = (np.indices((side, side)).sum(axis=0) % 2 * rng.randrange(1, 10)).astype(np.uint8)
    grids = [
        nprng.integers(0, 10, size=(side, side), dtype=np.uint8), checker,
        np.zeros((side, side), np.uint8), np.ones((1, 1), np.uint8), np.arange(side, dtype=np.uint8).reshape(1, side) % 10,
        nprng.integers(0, 10, size=(30, 30), dtype=np.uint8), random_grid(rng),
    ]
    full = np.ones((side, side), bool)
    objects = [
        Object(0, 0, grids[0], full), Object(-5, 70, grids[0][:3, :3], np.ones((3, 3), bool)),
        Object(0, 0, np.full((1, 1), 3, np.uint8), np.ones((1, 1), bool)), Object(59, 59, checker[:1, :1] + 1, np.ones((1, 1), bool)),
    ]
    return {
        "Grid": grids,
        "Int": [-1000, -61, -30, -1, 0, 1, 2, 3, 30, 59, 60, 61, 1000],
        "Color": list(range(10)),
        "Bool": [True, False],
        "ColorMap": [ColorMap({}), ColorMap({i: (i + 1) % 10 for i in range(10)}), ColorMap({0: 5})],
        "Object": objects,
        "Objects": [(), tuple(objects), _objects_of(checker), _objects_of(grids[0])],
        "Grids": [(), tuple(grids[:5]), tuple(np.full((1, 1), i % 10, np.uint8) for i in range(3600)),
                  tuple(grids[0] for _ in range(60))],
        "Colors": [(), tuple(range(10)), (0,)],
        "Ints": [(), tuple(range(-1000, 1000)), (0, 0, 0)],
    }


# ---------------------------------------------------------------- running one case


class Fuzzer:
    """Runs cases, checks each against the guarantees, and keeps the figures in a Report."""

    def __init__(self, config: FuzzConfig = FuzzConfig()):
        self.config = config
        self.limits = Limits(max_steps=config.max_steps, seconds=config.seconds)
        self.report = Report()
        self._seeds: list[str] | None = None
        self._extremes: dict[str, list[object]] | None = None

    def case_text(self, rng: random.Random, mode: str) -> str:
        if mode == "text":
            return random_text(rng)
        if mode == "tokens":
            return random_tokens(rng)
        if mode == "mutation":
            if self._seeds is None:
                self._seeds = seed_programs()
            return mutate(rng.choice(self._seeds), rng)
        return program_generator().program(rng)

    def run_case(self, case: int, mode: str, rng: random.Random) -> None:
        """Generate one case of `mode`, compile it and run it on a few random grids; record what happened."""
        if mode == "primitive":
            return self.run_primitive(case, rng)
        text = self.case_text(rng, mode)
        self.report.cases += 1
        try:
            program = compile_program(text)
        except DSLError as error:
            self.report.outcomes[type(error).__name__] += 1
            if mode == "typed":
                self.find("generator", case, mode, f"generated program rejected: {error}", text)
            return
        except Exception as error:
            self.find("crash", case, mode, f"compile: {type(error).__name__}: {error}", text)
            return
        self.report.parsed += 1
        canonical = print_program(program)
        if parse(canonical) != program or print_program(parse(canonical)) != canonical:
            self.find("invariant", case, mode, "print(parse(text)) does not parse back to the same program", text)
        for _ in range(self.config.grids_per_program):
            self.run_program(case, mode, canonical, program, random_grid(rng, self.config.max_side))

    def run_primitive(self, case: int, rng: random.Random) -> None:
        """Call one random primitive through the interpreter on extreme arguments (60x60 grids, ±1000, …)."""
        if self._extremes is None:
            self._extremes = extreme_values(random.Random(self.config.seed))
        self.report.cases += 1
        primitive = PRIMITIVES[rng.choice(sorted(PRIMITIVES))]
        refs = program_generator().refs
        args, shown = [], []
        for type_name in primitive.params:
            if is_function_type(type_name):
                name = rng.choice(refs.get(type_name, ["?"]))
                args.append(name)
                shown.append(name)
            else:
                index = rng.randrange(len(self._extremes[type_name]))
                args.append(self._extremes[type_name][index])
                shown.append(f"<{type_name} #{index}>")
        text = f"{primitive.name}({', '.join(shown)})  # extreme values of seed {self.config.seed}"
        if "?" in shown:  # no primitive has the function type this one wants
            return
        self.run_program(case, "primitive", text, None, None, (primitive.name, args))

    def run_program(self, case: int, mode: str, text: str, program, grid: np.ndarray | None,
                    call: tuple[str, list] | None = None) -> None:
        self.report.runs += 1
        tracing = tracemalloc.is_tracing()
        if tracing:
            tracemalloc.reset_peak()
            baseline = tracemalloc.get_traced_memory()[0]
        watching = signal.getsignal(signal.SIGALRM) is _raise_hang
        if watching:
            signal.setitimer(signal.ITIMER_REAL, self.config.watchdog)
        start = time.perf_counter()
        outcome = "ok"
        try:
            if call is not None:
                self.call_primitive(*call)
            else:
                trace = run_trace(program, grid, self.limits)
                for name, type_name in check(program).items():
                    value_key(trace[name])
                    if not conforms(trace[name], type_name):
                        self.find("invariant", case, mode, f"{name} is not a {type_name}: {trace[name]!r:.80}", text, grid)
        except Hang:
            outcome = "hang"
            self.find("hang", case, mode, f"still running after {self.config.watchdog:g}s", text, grid)
        except LimitError as error:
            outcome = "LimitError"
            if "MemoryError" in str(error) or "RecursionError" in str(error):
                self.find("memory", case, mode, str(error), text, grid)
        except DSLError as error:
            outcome = type(error).__name__
        except Exception as error:
            outcome = "crash"
            self.find("crash", case, mode, f"run: {type(error).__name__}: {error}", text, grid)
        finally:
            if watching:
                signal.setitimer(signal.ITIMER_REAL, 0)
        seconds = time.perf_counter() - start
        self.report.outcomes[outcome] += 1
        if seconds > self.report.max_run_seconds:
            self.report.max_run_seconds, self.report.slowest = seconds, text
        allowed = self.config.seconds * (1 + self.config.time_slack) + 0.05
        if seconds > allowed and outcome != "hang":
            again = self.retime(program, grid, call)  # a shared machine can stall any run once
            if again > allowed:
                self.find("overrun", case, mode, f"ran {seconds:.2f}s, then {again:.2f}s; cap {self.config.seconds:g}s",
                          text, grid)
        if tracing:
            megabytes = (tracemalloc.get_traced_memory()[1] - baseline) / 2**20
            self.report.max_run_mb = max(self.report.max_run_mb, megabytes)
            if megabytes > self.config.memory_cap_mb:
                self.find("memory", case, mode, f"allocated {megabytes:.0f} MB, cap {self.config.memory_cap_mb:g} MB", text, grid)

    def retime(self, program, grid: np.ndarray | None, call: tuple[str, list] | None) -> float:
        """Seconds a second run of the same case takes (its outcome is already recorded)."""
        watching = signal.getsignal(signal.SIGALRM) is _raise_hang
        if watching:
            signal.setitimer(signal.ITIMER_REAL, self.config.watchdog)
        start = time.perf_counter()
        try:
            self.call_primitive(*call) if call is not None else run_trace(program, grid, self.limits)
        except (Exception, Hang):
            pass
        finally:
            if watching:
                signal.setitimer(signal.ITIMER_REAL, 0)
        return time.perf_counter() - start

    def call_primitive(self, name: str, args: list) -> None:
        """One interpreted call, as a program line makes it: a fresh budget, function arguments through `_function`."""
        budget = Budget(max_steps=self.limits.max_steps, seconds=self.limits.seconds).start()
        activate(budget)
        try:
            values = [_function(a, budget) if isinstance(a, str) else a for a in args]
            result = _call(name, values, budget)
            value_key(result)
            if not conforms(result, PRIMITIVES[name].result):
                raise TypeError(f"result is not a {PRIMITIVES[name].result}: {result!r:.80}")
        finally:
            activate(None)

    def find(self, kind: str, case: int, mode: str, detail: str, text: str, grid: np.ndarray | None = None) -> None:
        self.report.findings.append(Finding(kind, case, mode, detail, text, None if grid is None else grid.tolist()))

    def campaign(self, progress: bool = False) -> Report:
        """Run `config.cases` cases, cycling through the modes; case i is reproducible from (seed, i).

        Memory is traced and a watchdog alarm armed around each run (main thread only)."""
        start = time.monotonic()
        tracing = self.config.trace_memory and not tracemalloc.is_tracing()
        if tracing:
            tracemalloc.start()
        previous = signal.signal(signal.SIGALRM, _raise_hang)
        try:
            for case in tqdm(range(self.config.cases), desc="fuzzing", unit="case", disable=not progress):
                self.run_case(case, self.config.modes[case % len(self.config.modes)], case_random(self.config.seed, case))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            if tracing:
                tracemalloc.stop()
        self.report.seconds = time.monotonic() - start
        return self.report


def case_random(seed: int, case: int) -> random.Random:
    """The random source of case `case` of a campaign with `seed` (so any finding can be replayed alone)."""
    return random.Random(f"{seed}:{case}")


def _raise_hang(signum: int, frame: object) -> None:
    raise Hang()


def fuzz(config: FuzzConfig = FuzzConfig(), progress: bool = False) -> Report:
    """Run one fuzz campaign and return its report."""
    return Fuzzer(config).campaign(progress)


# ---------------------------------------------------------------- command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cases", type=int, default=FuzzConfig.cases, help="cases to run (default %(default)s)")
    parser.add_argument("--seed", type=int, default=FuzzConfig.seed)
    parser.add_argument("--modes", default=",".join(MODES), help=f"comma-separated, of: {', '.join(MODES)}")
    parser.add_argument("--seconds", type=float, default=FuzzConfig.seconds, help="time cap of each program run")
    parser.add_argument("--max-side", type=int, default=FuzzConfig.max_side, help="largest input grid side")
    parser.add_argument("--no-memory", action="store_true", help="do not trace memory (about twice as fast)")
    parser.add_argument("--findings", metavar="PATH", help="write the findings (with reproducers) as JSON")
    parser.add_argument("--no-progress", action="store_true")


def main(args: argparse.Namespace) -> int:
    modes = tuple(m.strip() for m in args.modes.split(",") if m.strip())
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        print(f"error: unknown modes {unknown}; known: {', '.join(MODES)}", file=sys.stderr)
        return 2
    config = FuzzConfig(cases=args.cases, seed=args.seed, modes=modes, seconds=args.seconds,
                        max_side=args.max_side, trace_memory=not args.no_memory)
    report = fuzz(config, progress=not args.no_progress)
    for finding in report.findings[:20]:
        print(f"[{finding.kind}] case {finding.case} ({finding.mode}): {finding.detail}\n  {finding.program!r}")
    if args.findings:
        Path(args.findings).write_text(json.dumps([asdict(f) for f in report.findings], indent=1))
    print(report.summary())
    return 1 if report.findings else 0
