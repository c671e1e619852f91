#!/usr/bin/env bash
# tree_method hist (binned, at several max_bin) against exact (every threshold).
set -euo pipefail
source "$(dirname "$0")/../setup.sh"  # root, SAGESIM, out
# TRAIN_ROWS (20000) and VALIDATION_ROWS (5000) shrink the run (the test uses a smaller one).
python3 Benchmarks/xgboost_data.py regression "${TRAIN_ROWS:-20000}" 41 "$out/train.csv"
python3 Benchmarks/xgboost_data.py regression "${VALIDATION_ROWS:-5000}" 42 "$out/validation.csv"
echo "tree_method  max_bin  validation-rmse  train-rmse  seconds"
for cfg in "exact 256" "hist 256" "hist 64" "hist 16" "hist 4"; do
  set -- $cfg
  start=$(date +%s.%N)
  "$SAGESIM" train xgboost --train "$out/train.csv" --validation "$out/validation.csv" \
    --hp num_round=100 --hp max_depth=6 --hp eta=0.1 --hp tree_method=$1 --hp max_bin=$2 \
    --model-dir "$out/m" --metrics-json "$out/$1-$2.json" >/dev/null
  end=$(date +%s.%N)
  python3 -c "import json;m=json.load(open('$out/$1-$2.json'));print(f\"{'$1':<12} {'$2':<8} {m['validation:rmse']:<16.4f} {m['train:rmse']:<11.4f} {$end-$start:.2f}\")"
done
echo "(noise σ ≈ 0.58: no model can get validation RMSE below it)"

echo
echo "== the lesson (validation RMSE, in the order of the table)"
python3 - "$out" <<'PY'
import json, sys
configs = ["exact-256", "hist-256", "hist-64", "hist-16", "hist-4"]
rmse = [json.load(open(f"{sys.argv[1]}/{c}.json"))["validation:rmse"] for c in configs]
print(f"hist at 256 bins is {100 * abs(rmse[1] - rmse[0]) / rmse[0]:.1f} % from exact; at 4 bins {100 * (rmse[4] / rmse[0] - 1):.0f} % worse")
print("RESULT configs=" + ",".join(configs))
print("RESULT validation_rmse=" + ",".join(f"{v:.6g}" for v in rmse))
PY
