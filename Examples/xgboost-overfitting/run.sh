#!/usr/bin/env bash
# Overfitting, two ways: deeper trees (max_depth) and smaller leaves (min_child_weight), on a
# noisy generated binary problem (2,000 training rows, 28 features, 10 of them pure noise).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
swift build -c release --product sagesim >/dev/null
sagesim="$(swift build -c release --show-bin-path)/sagesim"
out="$(mktemp -d)"
python3 Benchmarks/xgboost_data.py binary 2000 11 "$out/train.csv"
python3 Benchmarks/xgboost_data.py binary 5000 12 "$out/validation.csv"
run() {  # prints train and validation logloss and auc after 100 rounds
  "$sagesim" train xgboost --train "$out/train.csv" --validation "$out/validation.csv" \
    --hp objective=binary:logistic --hp num_round=100 --hp eta=0.1 --hp eval_metric=auc,logloss "$@" \
    --model-dir "$out/model" --metrics-json "$out/m.json" >/dev/null
  python3 -c "import json;m=json.load(open('$out/m.json'));print(f\"{m['train:logloss']:<13.4f} {m['validation:logloss']:<16.4f} {m['train:auc']:<9.4f} {m['validation:auc']:.4f}\")"
}
echo "== max_depth (min_child_weight=1)"
echo "max_depth  train-logloss validation-logloss train-auc validation-auc"
for d in 1 2 3 4 6 8 12; do printf "%-10s " "$d"; run --hp max_depth=$d; done
echo
echo "== min_child_weight (max_depth=8)"
echo "min_child_weight train-logloss validation-logloss train-auc validation-auc"
for w in 20 10 5 1 0.1 0; do printf "%-16s " "$w"; run --hp max_depth=8 --hp min_child_weight=$w; done
