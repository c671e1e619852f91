#!/usr/bin/env bash
# wd (L2 weight decay) rescues a degree-15 polynomial fit: held-out error against wd makes its own
# U — too little and the fit chases noise, too much and it flattens into underfitting.
set -euo pipefail
source "$(dirname "$0")/../setup.sh"  # root, SAGESIM, out
common=(--train Datasets/noisy_sine/train.csv --holdout Datasets/noisy_sine/validation.csv
        --hp predictor_type=regressor --hp num_models=1 --hp mini_batch_size=20 --hp epochs=300
        --hp learning_rate=0.1 --hp use_lr_scheduler=false --preprocess polynomial_basis=legendre
        --metric holdout:mse)

echo "== degree 15, wd from 0 to 1"
"$SAGESIM" sweep linear-learner --preprocess polynomial_degree=15 --vary wd=0,0.001,0.01,0.03,0.1,0.3,1 \
  "${common[@]}" --plots "$out" --results "$out/wd.csv"

echo
echo "== degree × wd as a grid (heat map)"
"$SAGESIM" sweep linear-learner --vary polynomial_degree=1,3,5,9,12,15 --vary wd=0,0.01,0.1,1 \
  "${common[@]}" --no-chart --plots "$out/grid"

echo
echo "== the lesson"
python3 - "$out/wd.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
wd = [r["wd"] for r in rows]
held = [float(r["holdout:mse"]) for r in rows]
train = [float(r["train:mse"]) for r in rows]
best = min(range(len(held)), key=held.__getitem__)
print(f"degree 15: held-out mse {held[0]:.4f} with wd=0, {held[best]:.4f} with wd={wd[best]}, {held[-1]:.4f} with wd={wd[-1]}")
print(f"train mse rises with wd: {train[0]:.4f} -> {train[-1]:.4f}")
print(f"RESULT holdout_wd0={held[0]}")
print(f"RESULT holdout_best={held[best]}")
print(f"RESULT best_wd={wd[best]}")
print(f"RESULT holdout_largest_wd={held[-1]}")
print(f"RESULT train_wd0={train[0]}")
print(f"RESULT train_largest_wd={train[-1]}")
PY
