#!/usr/bin/env bash
# The decoder on one GPU (BENCHMARKS.md, Model): a profile of a few tasks, then the frozen held-out set evaluated by
# processes that share the GPU, each on CHUNK tasks of one depth, both modes, until DEADLINE seconds after the start.
# Each process writes a report and a .tasks.jsonl line per decoded task (its seconds and programs), so a process
# stopped at the deadline still gives its decode throughput. Merge the reports with
# `python -m benchmarks.merge_eval_reports`.
# Usage: bash benchmarks/gpu_decode.sh OUT [model evaluate flags, e.g. --whole-beams 2048]
#   env: WEIGHTS (default: the shipped weights), PER_DEPTH (default 30), CHUNK (default 15), PROCESSES (default 12),
#        DEADLINE (default 480), PROFILE_TASKS (default 2; 0: no profile), FILES (default 'heldout-*.jsonl'; e.g.
#        'heldout-d[24]-*.jsonl'). Everything written is also packed into OUT.tgz (the device tool returns few files).
set -u
OUT=${1:?usage: gpu_decode.sh OUT [evaluate flags]}; shift
mkdir -p "$OUT/reports" /tmp/gpu_decode
export PYTHONUNBUFFERED=1 OMP_WAIT_POLICY=PASSIVE TOKENIZERS_PARALLELISM=false PYTHONPATH=$PWD:${PYTHONPATH:-}
PYTHON=${PYTHON:-python3}
WEIGHTS=${WEIGHTS:-weights}
log() { echo "[$(date +%T)] $*" | tee -a "$OUT/run.log"; }
{ nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader; nproc
  $PYTHON -c "import torch, transformers; print('torch', torch.__version__, 'transformers', transformers.__version__)"
} >> "$OUT/run.log" 2>&1
if [ "${PROFILE_TASKS:-2}" -gt 0 ]; then
  log "profile"
  timeout 120 $PYTHON -m benchmarks.profile_decode --weights "$WEIGHTS" --tasks "${PROFILE_TASKS:-2}" > "$OUT/profile.txt" 2>&1
  log "profile exit $?"
fi
$PYTHON -m benchmarks.split_eval_sets /tmp/gpu_decode/eval --heldout-per-depth "${PER_DEPTH:-30}" --chunk "${CHUNK:-15}" \
  >> "$OUT/run.log" 2>&1
left=$(( ${DEADLINE:-480} - SECONDS ))
log "evaluate for ${left}s: $*"
evaluate_one() {  # FILE [flags]
  local name; name=$(basename "$1" .jsonl); local file=$1; shift
  $PYTHON -m arc_kernel model evaluate --weights "$WEIGHTS" --data "$file" --per-depth 100 --k 32 --threads 1 \
    --report "$OUT/reports/$name.json" --task-log "$OUT/reports/$name.tasks.jsonl" --no-progress "$@" \
    > "$OUT/reports/$name.log" 2>&1
}
export -f evaluate_one; export PYTHON WEIGHTS OUT
ls /tmp/gpu_decode/eval/${FILES:-heldout-*.jsonl} | timeout "$left" xargs -r -P "${PROCESSES:-12}" -I{} \
  bash -c 'evaluate_one "$@"' _ {} "$@"
log "evaluate exit $?: $(ls "$OUT"/reports/*.json 2>/dev/null | wc -l) reports"
tar czf "$OUT.tgz" -C "$(dirname "$OUT")" "$(basename "$OUT")"
