"""The held-out synthetic evaluation set: random programs of depth 1..6, 100 tasks per depth.

Rebuilt by one command, `python -m arc_kernel generate --heldout --out data/heldout`, or by
`load_heldout()`, which builds it into a cache folder when absent. It has its own seeds and a uniform
prior over primitives (so it does not move when the solver library grows); it changes when the DSL's
primitives change, which is why the cache folder is named after a fingerprint of the registry.
Training generation drops every task whose semantic signature is in the held-out set.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import Counter
from pathlib import Path

from arc_kernel.synthesis.dedupe import Deduper
from arc_kernel.synthesis.generate import GenerateConfig, Summary, produce

HELDOUT_VERSION = 2
HELDOUT_DEPTHS = (1, 2, 3, 4, 5, 6)
HELDOUT_PER_DEPTH = 100
HELDOUT_SEED = 1_000_000_007
RECORDS_FILE = "heldout.jsonl"
SIGNATURES_FILE = "signatures.txt"


def registry_fingerprint() -> str:
    """A short hash of every primitive's name and type (the held-out set depends on them)."""
    from arc_kernel.dsl import PRIMITIVES

    text = "\n".join(f"{p.name}:{p.type}" for p in sorted(PRIMITIVES.values(), key=lambda p: p.name))
    return hashlib.sha1(text.encode()).hexdigest()[:10]


def cache_dir() -> Path:
    """Where `load_heldout()` keeps the set: $ARC_KERNEL_CACHE (default ~/.cache/arc_kernel)/heldout-v<N>-<registry>."""
    root = Path(os.environ.get("ARC_KERNEL_CACHE", Path.home() / ".cache" / "arc_kernel")).expanduser()
    return root / f"heldout-v{HELDOUT_VERSION}-{registry_fingerprint()}"


def build_heldout(
    out: Path, per_depth: int = HELDOUT_PER_DEPTH, depths: tuple[int, ...] = HELDOUT_DEPTHS, workers: int = 1, progress: bool = True,
) -> Summary:
    """Generate the held-out set into `out` (records, their signatures, a summary); deterministic."""
    from arc_kernel.dsl import PRIMITIVES

    out.mkdir(parents=True, exist_ok=True)
    deduper, stats, seen = Deduper(), Counter(), set()
    summary = Summary(primitives_total=len(PRIMITIVES))
    start = time.perf_counter()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=per_depth * len(depths), unit="task", desc="held-out set")
    lines, keys = [], []
    try:
        for depth in depths:
            config = GenerateConfig(
                n=per_depth, depths=(depth,), seed=HELDOUT_SEED + depth, source="random", prior="uniform",
                chunk_size=min(per_depth, 100), workers=workers,
            )
            for item in produce(config, deduper, stats, bar):
                lines.append(item.line)
                keys.append(item.key)
                summary.add(item, seen)
    finally:
        if bar is not None:
            bar.close()
    summary.seconds = time.perf_counter() - start
    summary.per_depth = dict(sorted(summary.per_depth.items()))
    summary.primitives_used, summary.attempts = len(seen), stats["attempts"]
    summary.rejected = {k.removeprefix("reject:"): v for k, v in stats.items() if k not in ("attempts", "accepted")}
    (out / RECORDS_FILE).write_text("".join(line + "\n" for line in lines))
    (out / SIGNATURES_FILE).write_text("".join(key + "\n" for key in keys))
    stamp = {"version": HELDOUT_VERSION, "registry": registry_fingerprint(), "per_depth": per_depth, "depths": list(depths)}
    (out / "summary.json").write_text(json.dumps({**stamp, **summary.__dict__}, indent=1, default=str))
    return summary


def _usable(path: Path) -> bool:
    return (path / RECORDS_FILE).exists() and (path / SIGNATURES_FILE).exists()


def load_heldout(path: str | Path | None = None) -> list[dict]:
    """The held-out records (dicts in the shard record format), building them first when absent."""
    folder = Path(path) if path is not None else cache_dir()
    if not _usable(folder):
        build_heldout(folder, progress=False)
    with open(folder / RECORDS_FILE) as handle:
        return [json.loads(line) for line in handle if line.strip()]


def heldout_signatures(path: str | Path | None = None) -> frozenset[str]:
    """Semantic signatures of the held-out tasks (building the set first when absent)."""
    folder = Path(path) if path is not None else cache_dir()
    if not _usable(folder):
        build_heldout(folder, progress=False)
    return frozenset((folder / SIGNATURES_FILE).read_text().split())
