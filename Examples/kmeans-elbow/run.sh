#!/usr/bin/env bash
# k-means on the digits for k = 2 … 20: test msd against k, and where the curve bends (the elbow).
set -euo pipefail
source "$(dirname "$0")/../setup.sh"  # root, SAGESIM, out

for k in $(seq 2 20); do
  "$SAGESIM" train kmeans --train Datasets/digits/train.csv --test Datasets/digits/validation.csv \
    --hp feature_dim=64 --hp k="$k" --hp epochs=3 --hp init_method=kmeans++ --seed 1 \
    --model-dir "$out/k$k" --metrics-json "$out/k$k.json" >/dev/null
done

python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
ks = list(range(2, 21))
msd = [json.load(open(f"{out}/k{k}.json"))["test:msd"] for k in ks]
print("== test msd of the 359 validation digits against k (squared pixel-count distance)")
print(" k   test msd   drop from k-1   bar")
top = msd[0]
for i, k in enumerate(ks):
    drop = "" if i == 0 else f"{msd[i-1] - msd[i]:8.1f}"
    print(f"{k:2d}  {msd[i]:9.1f}   {drop:>13}   " + "#" * round(50 * msd[i] / top))
# The elbow: the k farthest below the straight line from (2, msd(2)) to (20, msd(20)),
# both axes scaled to [0, 1] (the "kneedle" rule).
x0, x1, y0, y1 = ks[0], ks[-1], msd[0], msd[-1]
gap = [((x - x0) / (x1 - x0)) - ((y0 - y) / (y0 - y1)) for x, y in zip(ks, msd)]
elbow = ks[min(range(len(ks)), key=lambda i: gap[i])]
print(f"\nelbow (farthest below the chord from k=2 to k=20): k = {elbow}")
print(f"test msd falls {100 * (1 - msd[ks.index(elbow)] / msd[0]):.0f} % from k=2 to k={elbow}, "
      f"and only {100 * (1 - msd[-1] / msd[ks.index(elbow)]):.0f} % more from k={elbow} to k=20")
print("RESULT k=" + ",".join(map(str, ks)))
print("RESULT msd=" + ",".join(f"{v:.6g}" for v in msd))
print(f"RESULT elbow={elbow}")
PY
