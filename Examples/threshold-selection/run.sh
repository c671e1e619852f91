#!/usr/bin/env bash
# Threshold selection: the same model, three thresholds — best accuracy, at least 98 % recall,
# at least 98 % precision — chosen on the validation rows.
set -euo pipefail
source "$(dirname "$0")/../setup.sh"  # root, SAGESIM, out
"$SAGESIM" sweep linear-learner \
  --vary binary_classifier_model_selection_criteria=accuracy,precision_at_target_recall,recall_at_target_precision \
  --train Datasets/breast_cancer/train.csv --validation Datasets/breast_cancer/validation.csv \
  --hp predictor_type=binary_classifier --hp num_models=1 --hp epochs=20 \
  --hp target_recall=0.98 --hp target_precision=0.98 --metric validation:recall \
  --plots "$out" --results "$out/results.csv"
for c in accuracy precision_at_target_recall; do
  "$SAGESIM" train linear-learner --train Datasets/breast_cancer/train.csv --validation Datasets/breast_cancer/validation.csv \
    --hp predictor_type=binary_classifier --hp num_models=1 --hp epochs=20 --hp target_recall=0.98 \
    --hp binary_classifier_model_selection_criteria=$c --model-dir "$out/$c" --plots "$out/$c" --no-chart | grep -E "Threshold|wrote" || true
done

echo
echo "== the lesson"
python3 - "$out/results.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
for r in rows:
    print(f"{r['binary_classifier_model_selection_criteria']:<28} validation recall {float(r['validation:recall']):.3f}, precision {float(r['validation:precision']):.3f}")
print("RESULT criteria=" + ",".join(r["binary_classifier_model_selection_criteria"] for r in rows))
print("RESULT recall=" + ",".join(r["validation:recall"] for r in rows))
print("RESULT precision=" + ",".join(r["validation:precision"] for r in rows))
PY
