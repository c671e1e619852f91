#!/usr/bin/env bash
# Runs sagesim's benchmarks side by side with the reference implementations, on this machine,
# in one run. Not part of CI (it takes minutes and measures speed, which tests never do).
#   bash Benchmarks/run.sh            # everything
#   bash Benchmarks/run.sh pca csv    # chosen parts (csv, pca, linear, kmeans, fm, xgboost, lab, serve)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
parts=("$@"); [ ${#parts[@]} -eq 0 ] && parts=(csv pca linear kmeans fm xgboost lab serve)

if ! pkg-config --exists openblas 2>/dev/null; then
  apt-get update -qq && apt-get install -y -qq libopenblas-dev liblapacke-dev pkg-config
fi
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
  .venv/bin/pip install -q numpy scipy scikit-learn threadpoolctl pandas xgboost
fi
swift build -c release --product sagesim-bench >/dev/null
bench="$(swift build -c release --show-bin-path)/sagesim-bench"
# SAGESIM may name a release sagesim already built from the same sources (saves a rebuild).
if [ -z "${SAGESIM:-}" ]; then
  (cd .. && swift build -c release --product sagesim >/dev/null)
  SAGESIM="$(cd .. && swift build -c release --show-bin-path)/sagesim"
fi
sagesim="$SAGESIM"

# The reference runs with the environment as it is; OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE, if set
# on this machine, are left alone (see the performance anchors).
for part in "${parts[@]}"; do
  echo "== $part"
  case "$part" in
    pca) .venv/bin/python pca.py "$bench" ;;
    csv) OPENBLAS_NUM_THREADS=1 .venv/bin/python csv_throughput.py "$bench" "$sagesim" ;;  # one core, and no idle OpenBLAS threads spinning on the other
    linear) .venv/bin/python linear.py "$bench" ;;
    kmeans) .venv/bin/python kmeans.py "$bench" ;;
    fm) .venv/bin/pip install -q myfm && .venv/bin/python fm.py "$bench" ;;
    xgboost) .venv/bin/python xgboost_bench.py "$bench" ;;
    lab) .venv/bin/python lab_sweep.py "$sagesim" ;;
    serve) bash serve_load.sh "$sagesim" .venv/bin/python ;;  # wrk on loopback; one reference server after
    *) echo "unknown part '$part' (pca, csv, linear, kmeans, fm, xgboost, lab, serve)"; exit 2 ;;
  esac
done
