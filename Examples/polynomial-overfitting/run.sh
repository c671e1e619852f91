#!/usr/bin/env bash
# Overfitting with polynomial degree: linear-learner on 20 noisy points of sin(πx), the feature
# expanded to degree 1…15 (sagesim's polynomial_degree preprocessing, not a SageMaker knob).
# Train error falls with every degree; error on 200 held-out points falls, then climbs: a U.
set -euo pipefail
source "$(dirname "$0")/../setup.sh"  # root, SAGESIM, out
common=(--train Datasets/noisy_sine/train.csv --holdout Datasets/noisy_sine/validation.csv
        --hp predictor_type=regressor --hp num_models=1 --hp mini_batch_size=20 --hp epochs=300
        --hp learning_rate=0.1 --hp use_lr_scheduler=false --preprocess polynomial_basis=legendre
        --metric holdout:mse)

echo "== degree 1…15, no weight decay (wd=0)"
"$SAGESIM" sweep linear-learner --vary polynomial_degree=1:15:15 --hp wd=0 "${common[@]}" \
  --plots "$out" --results "$out/no-wd.csv" --report "$out/report"

echo
echo "== the same with wd=0.1"
"$SAGESIM" sweep linear-learner --vary polynomial_degree=1:15:15 --hp wd=0.1 "${common[@]}" \
  --no-chart --plots "$out/wd" --results "$out/wd.csv"

echo
echo "== the lesson"
python3 - "$out/no-wd.csv" "$out/wd.csv" <<'PY'
import csv, sys
def load(path):
    rows = list(csv.DictReader(open(path)))
    return [int(r["polynomial_degree"]) for r in rows], [float(r["train:mse"]) for r in rows], [float(r["holdout:mse"]) for r in rows]
for label, path in (("wd=0", sys.argv[1]), ("wd=0.1", sys.argv[2])):
    degree, train, held = load(path)
    best = min(range(len(held)), key=held.__getitem__)
    rises = sum(1 for a, b in zip(train, train[1:]) if b > a * (1 + 1e-6))
    print(f"{label}: train mse {train[0]:.4f} (degree 1) -> {train[-1]:.4f} (degree 15), rising {rises} times")
    print(f"{label}: held-out mse {held[0]:.4f} (degree 1), lowest {held[best]:.4f} at degree {degree[best]}, {held[-1]:.4f} at degree 15")
    key = label.replace("=", "").replace(".", "")
    print(f"RESULT {key}_train_rises={rises}")
    print(f"RESULT {key}_best_degree={degree[best]}")
    print(f"RESULT {key}_holdout_degree1={held[0]}")
    print(f"RESULT {key}_holdout_best={held[best]}")
    print(f"RESULT {key}_holdout_degree15={held[-1]}")
PY
echo "pictures: $out/sweep-linear-learner-polynomial_degree.svg, $out/fits-linear-learner-polynomial_degree.svg, $out/report/report.html"
