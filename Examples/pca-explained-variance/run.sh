#!/usr/bin/env bash
# PCA on the digits: how much variance each component explains, how many components keep 90 %,
# and how close randomized mode comes to regular mode.
set -euo pipefail
source "$(dirname "$0")/../setup.sh"  # root, SAGESIM, out
common=(--train Datasets/digits/train.csv --test Datasets/digits/validation.csv
        --hp feature_dim=64 --hp mini_batch_size=500)

echo "== regular mode, 30 components: the explained-variance table (largest first)"
"$SAGESIM" train pca "${common[@]}" --hp num_components=30 --model-dir "$out/regular" \
  | sed -E 's/^\[[^]]*\] //' | grep -E '^(component|[0-9]+ |Test:)'

echo
echo "== how many components keep 90 % of the variance?"
python3 - "$out/regular/model.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["model"]
ratios = list(reversed(m["explained_variance_ratio"]))  # model order is ascending: largest last
total = 0.0
for i, r in enumerate(ratios, 1):
    total += r
    if total >= 0.9:
        print(f"{i} components keep {100 * total:.1f} % of the variance (of 64 dimensions)")
        break
cumulative = [sum(ratios[:i]) for i in range(1, len(ratios) + 1)]
print("RESULT ratio=" + ",".join(f"{r:.6g}" for r in ratios))
print("RESULT cumulative=" + ",".join(f"{c:.6g}" for c in cumulative))
print(f"RESULT share10={cumulative[9]:.6g}")
print(f"RESULT components_for_90={next(i for i, c in enumerate(cumulative, 1) if c >= 0.9)}")
PY

echo
echo "== randomized mode against regular, 10 components (explained variance, largest first)"
"$SAGESIM" train pca "${common[@]}" --hp num_components=10 --model-dir "$out/reg10" >/dev/null
"$SAGESIM" train pca "${common[@]}" --hp num_components=10 --hp algorithm_mode=randomized \
  --hp extra_components=2 --model-dir "$out/rnd10" >/dev/null
python3 - "$out/reg10/model.json" "$out/rnd10/model.json" <<'PY'
import json, sys
a = list(reversed(json.load(open(sys.argv[1]))["model"]["explained_variance"]))
b = list(reversed(json.load(open(sys.argv[2]))["model"]["explained_variance"]))
print("component  regular      randomized   relative difference")
for i, (x, y) in enumerate(zip(a, b), 1):
    print(f"{i:<9}  {x:<11.4f}  {y:<11.4f}  {abs(x - y) / x:.2e}")
print("RESULT randomized_relative_difference=" + ",".join(f"{abs(x - y) / x:.3g}" for x, y in zip(a, b)))
PY
