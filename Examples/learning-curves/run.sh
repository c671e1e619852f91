#!/usr/bin/env bash
# Learning curves and early stopping: linear-learner's train and validation loss per epoch, and
# the epoch whose model is kept (marked in the chart).
set -euo pipefail
source "$(dirname "$0")/../setup.sh"  # root, SAGESIM, out
echo "== one training, its learning curve"
"$SAGESIM" train linear-learner --train Datasets/breast_cancer/train.csv --validation Datasets/breast_cancer/validation.csv \
  --hp predictor_type=binary_classifier --hp num_models=1 --hp epochs=40 --hp learning_rate=0.5 \
  --hp early_stopping_patience=40 --model-dir "$out/model" --plots "$out" --report "$out/report" | grep -v INFO

echo
echo "== early_stopping_patience 1, 3, 10, 40"
"$SAGESIM" sweep linear-learner --vary early_stopping_patience=1,3,10,40 \
  --train Datasets/breast_cancer/train.csv --validation Datasets/breast_cancer/validation.csv \
  --hp predictor_type=binary_classifier --hp num_models=1 --hp epochs=40 --hp learning_rate=0.5 \
  --metric validation:objective_loss --no-chart --plots "$out/sweep" --results "$out/sweep.csv"

echo
echo "== the lesson"
python3 - "$out/sweep.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
for r in rows:
    print(f"patience {r['early_stopping_patience']:>2}: ran {r['steps_run']:>2} epochs, kept epoch {r['kept_step']}, validation loss {float(r['validation:objective_loss']):.4f}")
print("RESULT steps_run=" + ",".join(r["steps_run"] for r in rows))
print("RESULT kept=" + ",".join(r["kept_step"] for r in rows))
PY
