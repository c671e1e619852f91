#!/usr/bin/env bash
# positive_example_weight_mult: weighting the positive class trades precision for recall.
set -euo pipefail
source "$(dirname "$0")/../setup.sh"  # root, SAGESIM, out
"$SAGESIM" sweep linear-learner --vary positive_example_weight_mult=0.1,0.3,1,3,10 \
  --train Datasets/breast_cancer/train.csv --holdout Datasets/breast_cancer/validation.csv \
  --hp predictor_type=binary_classifier --hp num_models=1 --hp epochs=20 \
  --hp binary_classifier_model_selection_criteria=loss_function --metric holdout:f1 \
  --plots "$out" --results "$out/results.csv"

echo
echo "== the lesson"
python3 - "$out/results.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
for r in rows:
    print(f"weight {r['positive_example_weight_mult']:>4}: train recall {float(r['train:recall']):.3f}, precision {float(r['train:precision']):.3f}")
print("RESULT recall=" + ",".join(r["train:recall"] for r in rows))
print("RESULT precision=" + ",".join(r["train:precision"] for r in rows))
PY
