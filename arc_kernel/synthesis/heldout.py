"""The held-out synthetic evaluation set: random programs of depth 1..6, 100 tasks per depth, frozen in the repo.

The set lives in `arc_kernel/synthesis/heldout.jsonl.gz` (one shard record per line plus its semantic
`signature`), so model numbers stay comparable while the DSL grows. One command rebuilds it from the
current registry — which changes the benchmark, so do it on purpose and say so beside new numbers:

    python -m arc_kernel generate --heldout --out arc_kernel/synthesis/heldout.jsonl.gz

`--out DIR` (a folder) writes `heldout.jsonl`, `signatures.txt` and `summary.json` there instead. The set
has its own seeds and a uniform prior over primitives. Training generation drops every task whose
signature is in the frozen set (`heldout_signatures()`), and model training drops its program texts too.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import time
from collections import Counter
from pathlib import Path

from arc_kernel.synthesis.dedupe import Deduper
from arc_kernel.synthesis.generate import GenerateConfig, Summary, produce

HELDOUT_VERSION = 3
HELDOUT_DEPTHS = (1, 2, 3, 4, 5, 6)
HELDOUT_PER_DEPTH = 100
HELDOUT_SEED = 1_000_000_007
FROZEN = Path(__file__).with_name("heldout.jsonl.gz")  # the checked-in set that load_heldout() reads
RECORDS_FILE = "heldout.jsonl"
SIGNATURES_FILE = "signatures.txt"


def registry_fingerprint() -> str:
    """A short hash of every primitive's name and type (a rebuilt held-out set depends on them)."""
    from arc_kernel.dsl import PRIMITIVES

    text = "\n".join(f"{p.name}:{p.type}" for p in sorted(PRIMITIVES.values(), key=lambda p: p.name))
    return hashlib.sha1(text.encode()).hexdigest()[:10]


def generate_heldout(
    per_depth: int = HELDOUT_PER_DEPTH, depths: tuple[int, ...] = HELDOUT_DEPTHS, workers: int = 1, progress: bool = True,
) -> tuple[list[dict], Summary]:
    """A fresh held-out set from the current registry: (records, each with its `signature`; summary). Deterministic."""
    from arc_kernel.dsl import PRIMITIVES

    deduper, stats, seen = Deduper(), Counter(), set()
    summary = Summary(primitives_total=len(PRIMITIVES))
    start = time.perf_counter()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=per_depth * len(depths), unit="task", desc="held-out set")
    records = []
    try:
        for depth in depths:
            config = GenerateConfig(
                n=per_depth, depths=(depth,), seed=HELDOUT_SEED + depth, source="random", prior="uniform",
                chunk_size=min(per_depth, 100), workers=workers,
            )
            for item in produce(config, deduper, stats, bar):
                records.append({**json.loads(item.line), "signature": item.key})
                summary.add(item, seen)
    finally:
        if bar is not None:
            bar.close()
    summary.seconds = time.perf_counter() - start
    summary.per_depth = dict(sorted(summary.per_depth.items()))
    summary.primitives_used, summary.attempts = len(seen), stats["attempts"]
    summary.rejected = {k.removeprefix("reject:"): v for k, v in stats.items() if k not in ("attempts", "accepted")}
    return records, summary


def build_heldout(
    out: Path, per_depth: int = HELDOUT_PER_DEPTH, depths: tuple[int, ...] = HELDOUT_DEPTHS, workers: int = 1, progress: bool = True,
) -> Summary:
    """Generate the held-out set into `out`: a `.jsonl.gz` file (the frozen format), or a folder of records,
    signatures and summary."""
    records, summary = generate_heldout(per_depth, depths, workers, progress)
    out = Path(out)
    if out.name.endswith(".gz"):
        out.parent.mkdir(parents=True, exist_ok=True)
        text = "".join(json.dumps(r, separators=(",", ":")) + "\n" for r in records)
        with gzip.GzipFile(out, "wb", compresslevel=9, mtime=0) as handle:  # mtime 0: same set, same bytes
            handle.write(text.encode())
        return summary
    out.mkdir(parents=True, exist_ok=True)
    plain = [{k: v for k, v in r.items() if k != "signature"} for r in records]
    (out / RECORDS_FILE).write_text("".join(json.dumps(r, separators=(",", ":")) + "\n" for r in plain))
    (out / SIGNATURES_FILE).write_text("".join(r["signature"] + "\n" for r in records))
    stamp = {"version": HELDOUT_VERSION, "registry": registry_fingerprint(), "per_depth": per_depth, "depths": list(depths)}
    (out / "summary.json").write_text(json.dumps({**stamp, **summary.__dict__}, indent=1, default=str))
    return summary


def _read_records(path: Path) -> list[dict]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_heldout(path: str | Path | None = None) -> list[dict]:
    """The held-out records (shard record format, plus `signature` when known): the frozen set by default,
    else a `.jsonl`/`.jsonl.gz` file, else a folder (built there first when absent)."""
    folder = Path(path) if path is not None else FROZEN
    if folder.is_file():
        return _read_records(folder)
    if path is None:
        raise FileNotFoundError(f"the frozen held-out set {FROZEN} is missing; rebuild it with "
                                f"`python -m arc_kernel generate --heldout --out {FROZEN}`")
    if not (folder / RECORDS_FILE).exists() or not (folder / SIGNATURES_FILE).exists():
        build_heldout(folder, progress=False)
    records = _read_records(folder / RECORDS_FILE)
    signatures = (folder / SIGNATURES_FILE).read_text().split()
    return [{**r, "signature": s} for r, s in zip(records, signatures)]


def heldout_signatures(path: str | Path | None = None) -> frozenset[str]:
    """Semantic signatures of the held-out tasks (the frozen set by default; see `load_heldout`)."""
    return frozenset(r["signature"] for r in load_heldout(path) if r.get("signature"))


def heldout_programs(path: str | Path | None = None) -> frozenset[str]:
    """Program texts of the held-out tasks (model training drops records with these programs)."""
    return frozenset(r["program"] for r in load_heldout(path))
