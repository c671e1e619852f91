#!/usr/bin/env bash
# Pipe mode in bounded memory: trains on a generated RecordIO-protobuf file of about 5 GB streamed
# through SageMaker-style FIFOs (train_0, train_1, …, one per pass), and reports each run's peak
# resident memory (GNU time's "Maximum resident set size").
#   bash Benchmarks/pipe_memory.sh [GB]      (default 5)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
gb="${1:-5}"
cd "$here"
# SAGESIM and BENCH may name binaries already built (a release build of the same sources).
if [ -z "${BENCH:-}" ]; then
  swift build -c release --product sagesim-bench >/dev/null
  BENCH="$(swift build -c release --show-bin-path)/sagesim-bench"
fi
if [ -z "${SAGESIM:-}" ]; then
  (cd .. && swift build -c release --product sagesim >/dev/null)
  SAGESIM="$(cd .. && swift build -c release --show-bin-path)/sagesim"
fi
bench="$BENCH" sagesim="$SAGESIM"
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
mkdir -p out
cols=100
rows=$(( gb * 1000 * 1000 * 1000 / 448 ))   # a dense 100-feature Float32 record is 448 bytes
data="out/pipe_${gb}gb.pbr"
if [ ! -f "$data" ]; then
  echo "writing $rows records to $data"
  "$bench" make-recordio "$data" "$rows" "$cols"
fi
ls -l "$data"

# run NAME PASSES ARGS...: feeds PASSES FIFOs from the file and trains in Pipe mode.
run() {
  local name="$1" passes="$2"; shift 2
  local fifo; fifo="$(mktemp -d)"
  for ((p = 0; p < passes; p++)); do mkfifo "$fifo/train_$p"; done
  # A reader may stop early (linear learner's scaler reads only num_point_for_scaler rows of its
  # first pass), which ends cat with SIGPIPE: go on to the next FIFO regardless.
  ( for ((p = 0; p < passes; p++)); do cat "$data" > "$fifo/train_$p" || true; done ) &
  local start=$SECONDS
  /usr/bin/time -v "$sagesim" train "$@" --train "$fifo/train_0" --input-mode Pipe \
    --content-type application/x-recordio-protobuf --model-dir "$fifo/model" > "$fifo/log" 2> "$fifo/time"
  wait
  local rss; rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$fifo/time")
  printf '| %s | %d | %d s | %.0f MB |\n' "$name" "$passes" $((SECONDS - start)) "$(echo "$rss / 1024" | bc -l)"
  rm -rf "$fifo"
}

echo "| training (Pipe mode, ${gb} GB RecordIO) | passes | time | peak RSS |"
echo "|---|---|---|---|"
run "pca regular" 1 pca --hp feature_dim=$cols --hp mini_batch_size=5000 --hp num_components=10

if "$sagesim" algorithms | grep -q '^kmeans .*available'; then
  run "kmeans k=10, 1 epoch" 1 kmeans --hp feature_dim=$cols --hp k=10 --hp mini_batch_size=5000
fi
if "$sagesim" algorithms | grep -q '^linear-learner .*available'; then
  # Three passes: the scaler's sample, the epoch, and the threshold calibration on the train channel.
  run "linear-learner binary, 1 epoch" 3 linear-learner --hp predictor_type=binary_classifier --hp epochs=1 \
    --hp mini_batch_size=1000 --hp num_models=1
  # The calibration keeps a (score, label) per row for its first num_calibration_samples rows
  # (SageMaker's default: 10,000,000), which dominates the run above; a smaller sample bounds it lower.
  run "linear-learner binary, 1 epoch, num_calibration_samples=1000000" 3 linear-learner \
    --hp predictor_type=binary_classifier --hp epochs=1 --hp mini_batch_size=1000 --hp num_models=1 \
    --hp num_calibration_samples=1000000
fi
