#!/usr/bin/env bash
# L1 against L2 on the diabetes regression: L1 (soft thresholding) sets weights exactly to zero,
# one after another as the penalty grows; L2 only shrinks them.
set -euo pipefail
source "$(dirname "$0")/../setup.sh"  # root, SAGESIM, out
"$SAGESIM" compare-regularization --train Datasets/diabetes/train.csv --validation Datasets/diabetes/validation.csv \
  --hp predictor_type=regressor --hp epochs=30 --penalty 1e-3:10:9:log --metric validation:mse \
  --plots "$out" --results "$out/results.csv" --report "$out/report"

echo
echo "== the lesson"
python3 - "$out/results.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
for kind in ("L1", "L2", "elastic"):
    mine = [r for r in rows if r["kind"] == kind]
    zeros = [int(r["zeros"]) for r in mine]
    print(f"{kind}: exact zeros per penalty {zeros}; L2 norm {float(mine[0]['l2_norm']):.1f} -> {float(mine[-1]['l2_norm']):.1f}")
    print(f"RESULT {kind}_zeros={','.join(map(str, zeros))}")
    print(f"RESULT {kind}_l1norm={','.join(r['l1_norm'] for r in mine)}")
PY
echo "pictures: $out/regularization-path.svg, $out/regularization-zeros.svg"
