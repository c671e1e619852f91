#!/usr/bin/env bash
# scale_pos_weight on an imbalanced binary problem (about 6 % positives).
set -euo pipefail
source "$(dirname "$0")/../setup.sh"  # root, SAGESIM, out
# ROWS (10000) sets the size of both files; the test uses a smaller run.
python3 Benchmarks/xgboost_data.py binary "${ROWS:-10000}" 31 "$out/train.csv" -3.5
python3 Benchmarks/xgboost_data.py binary "${ROWS:-10000}" 32 "$out/validation.csv" -3.5
ratio=$(python3 -c "
ys=[float(l.split(',',1)[0]) for l in open('$out/train.csv')]; p=sum(ys); print(f'{(len(ys)-p)/p:.1f}')")
python3 -c "ys=[float(l.split(',',1)[0]) for l in open('$out/train.csv')]; print(f'positives: {sum(ys):.0f} of {len(ys)} training rows; Σneg/Σpos = $ratio')"
echo
echo "scale_pos_weight  validation-auc  logloss  mean predicted p  recall@0.5  precision@0.5"
for w in 1 3 $ratio; do
  "$SAGESIM" train xgboost --train "$out/train.csv" --validation "$out/validation.csv" \
    --hp objective=binary:logistic --hp num_round=100 --hp max_depth=4 --hp eta=0.1 \
    --hp scale_pos_weight=$w --hp eval_metric=logloss,auc \
    --model-dir "$out/m$w" --metrics-json "$out/m$w.json" >/dev/null
  "$SAGESIM" predict --model-dir "$out/m$w" --input "$out/validation.csv" --content-type 'text/csv;label_size=1' \
    --accept text/csv --output "$out/p$w.csv"
  python3 - "$out/validation.csv" "$out/p$w.csv" "$out/m$w.json" "$w" <<'PY'
import json, sys
y = [float(l.split(",", 1)[0]) for l in open(sys.argv[1])]
p = [float(l) for l in open(sys.argv[2])]
m = json.load(open(sys.argv[3]))
tp = sum(1 for a, b in zip(y, p) if a == 1 and b > 0.5)
fp = sum(1 for a, b in zip(y, p) if a == 0 and b > 0.5)
print(f"{sys.argv[4]:<17} {m['validation:auc']:<15.4f} {m['validation:logloss']:<8.4f} {sum(p)/len(p):<17.4f} "
      f"{tp / sum(y):<11.3f} {tp / max(tp + fp, 1):.3f}")
with open(sys.argv[2] + ".lesson", "w") as f:
    f.write(f"{sys.argv[4]} {tp / sum(y)} {tp / max(tp + fp, 1)} {sum(p) / len(p)} {m['validation:auc']}\n")
PY
done

echo
echo "== the lesson (lists in the order of the table)"
python3 - "$out" 1 3 "$ratio" <<'PY'
import sys
out, weights = sys.argv[1], sys.argv[2:]
rows = [open(f"{out}/p{w}.csv.lesson").read().split() for w in weights]
for i, key in enumerate(("scale_pos_weight", "recall", "precision", "mean_p", "auc")):
    print(f"RESULT {key}=" + ",".join(r[i] for r in rows))
PY
