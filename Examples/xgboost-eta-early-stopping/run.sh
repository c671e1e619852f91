#!/usr/bin/env bash
# eta against num_round, with early stopping choosing the number of rounds.
set -euo pipefail
source "$(dirname "$0")/../setup.sh"  # root, SAGESIM, out
# ROWS (5000) sets the size of both files; the test uses a smaller run.
python3 Benchmarks/xgboost_data.py binary "${ROWS:-5000}" 21 "$out/train.csv"
python3 Benchmarks/xgboost_data.py binary "${ROWS:-5000}" 22 "$out/validation.csv"
rm -f "$out/rounds.txt"
echo "eta    best round  rounds run  validation-logloss  validation-auc"
for eta in 1.0 0.5 0.3 0.1 0.03; do
  "$SAGESIM" train xgboost --train "$out/train.csv" --validation "$out/validation.csv" \
    --hp objective=binary:logistic --hp num_round=2000 --hp max_depth=4 --hp eta=$eta \
    --hp eval_metric=auc,logloss --hp early_stopping_rounds=20 \
    --model-dir "$out/m$eta" --metrics-json "$out/m$eta.json" > "$out/log$eta.txt"
  best=$(grep -o 'kept rounds 0 … [0-9]*' "$out/log$eta.txt" | grep -o '[0-9]*$')
  ran=$(grep -c '#011train-' "$out/log$eta.txt")
  python3 -c "import json;m=json.load(open('$out/m$eta.json'));print(f\"{'$eta':<6} {'$best':<11} {'$ran':<11} {m['validation:logloss']:<19.4f} {m['validation:auc']:.4f}\")"
  echo "$eta $best $ran" >> "$out/rounds.txt"
done
echo
echo "The log of eta=0.1, its last rounds (early stopping watches the LAST metric, validation-logloss):"
grep '#011' "$out/log0.1.txt" | tail -3 | sed -E 's/^\[[^]]*\] //'
grep -E 'Stopping|kept rounds' "$out/log0.1.txt" | sed -E 's/^\[[^]]*\] //'

echo
echo "== the lesson (lists in the order of the table: eta 1.0 … 0.03; num_round was 2000)"
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
rows = [line.split() for line in open(f"{out}/rounds.txt")]
print("RESULT eta=" + ",".join(r[0] for r in rows))
print("RESULT best_round=" + ",".join(r[1] for r in rows))
print("RESULT rounds_run=" + ",".join(r[2] for r in rows))
print("RESULT validation_logloss=" + ",".join(f"{json.load(open(f'{out}/m{r[0]}.json'))['validation:logloss']:.6g}" for r in rows))
PY
