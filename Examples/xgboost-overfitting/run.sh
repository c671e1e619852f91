#!/usr/bin/env bash
# Overfitting, two ways: deeper trees (max_depth) and smaller leaves (min_child_weight), on a
# noisy generated binary problem (2,000 training rows, 28 features, 10 of them pure noise).
# TRAIN_ROWS, VALIDATION_ROWS and ROUNDS shrink the run (the test uses a smaller one).
set -euo pipefail
source "$(dirname "$0")/../setup.sh"  # root, SAGESIM, out
python3 Benchmarks/xgboost_data.py binary "${TRAIN_ROWS:-2000}" 11 "$out/train.csv"
python3 Benchmarks/xgboost_data.py binary "${VALIDATION_ROWS:-5000}" 12 "$out/validation.csv"
run() {  # run TAG HP...: prints train and validation logloss and auc after ROUNDS (100) rounds
  local tag=$1; shift
  "$SAGESIM" train xgboost --train "$out/train.csv" --validation "$out/validation.csv" \
    --hp objective=binary:logistic --hp num_round="${ROUNDS:-100}" --hp eta=0.1 --hp eval_metric=auc,logloss "$@" \
    --model-dir "$out/model" --metrics-json "$out/$tag.json" >/dev/null
  python3 -c "import json;m=json.load(open('$out/$tag.json'));print(f\"{m['train:logloss']:<13.4f} {m['validation:logloss']:<16.4f} {m['train:auc']:<9.4f} {m['validation:auc']:.4f}\")"
}
depths=(1 2 3 4 6 8 12)
weights=(20 10 5 1 0.1 0)
echo "== max_depth (min_child_weight=1)"
echo "max_depth  train-logloss validation-logloss train-auc validation-auc"
for d in "${depths[@]}"; do printf "%-10s " "$d"; run "depth$d" --hp max_depth=$d; done
echo
echo "== min_child_weight (max_depth=8)"
echo "min_child_weight train-logloss validation-logloss train-auc validation-auc"
for w in "${weights[@]}"; do printf "%-16s " "$w"; run "weight$w" --hp max_depth=8 --hp min_child_weight=$w; done

echo
echo "== the lesson (logloss lists in the order of the tables above)"
python3 - "$out" "${depths[*]}" "${weights[*]}" <<'PY'
import json, sys
out, depths, weights = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
def column(tags, key):
    return [json.load(open(f"{out}/{t}.json"))[key] for t in tags]
for name, knob, values in (("depth", "max_depth", depths), ("weight", "min_child_weight", weights)):
    tags = [f"{name}{v}" for v in values]
    train, valid = column(tags, "train:logloss"), column(tags, "validation:logloss")
    best = min(range(len(valid)), key=valid.__getitem__)
    print(f"{knob}: train logloss {train[0]:.4f} -> {train[-1]:.4f}; "
          f"validation logloss best {valid[best]:.4f} at {knob}={values[best]}, {valid[-1]:.4f} at {knob}={values[-1]}")
    print(f"RESULT {name}_train_logloss=" + ",".join(f"{v:.6g}" for v in train))
    print(f"RESULT {name}_validation_logloss=" + ",".join(f"{v:.6g}" for v in valid))
PY
