#!/usr/bin/env bash
# What extra_center_factor and local_lloyd_num_trials change on unbalanced clusters: one big cluster
# (93 % of the rows) and six small ones around it, k = 7, eight seeds per setting.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/Examples/kmeans-extra-centers"
cd "$root"
swift build -c release --product sagesim >/dev/null
sagesim="$(swift build -c release --show-bin-path)/sagesim"
out="$(mktemp -d)"
python3 "$here/make_data.py" "$out"

seeds=(1 2 3 4 5 6 7 8)
for init in kmeans++ random; do
  for factor in 1 2 5 10 20; do
    for trials in 1 10; do
      for seed in "${seeds[@]}"; do
        run="$out/$init-f$factor-t$trials-s$seed"
        "$sagesim" train kmeans --train "$out/train.csv" --test "$out/test.csv" --content-type 'text/csv;label_size=0' \
          --hp feature_dim=2 --hp k=7 --hp extra_center_factor="$factor" --hp local_lloyd_num_trials="$trials" \
          --hp local_lloyd_init_method="$init" --seed "$seed" --model-dir "$run" --metrics-json "$run.json" >/dev/null
      done
    done
  done
done

python3 - "$out" "${#seeds[@]}" <<'PY'
import json, math, sys
out, runs = sys.argv[1], int(sys.argv[2])
truth = [tuple(map(float, line.split(","))) for line in open(f"{out}/centers.csv")]
small = truth[1:]
def found(model):
    centers = json.load(open(model))["model"]["centers"]
    return sum(1 for c in small if min(math.dist(c, f) for f in centers) < 1.5)
print("test msd over", runs, "seeds (the true clusters give about 7.6) and small clusters found (of 6)")
for init in ("kmeans++", "random"):
    print(f"\n== local_lloyd_init_method={init}")
    print("extra_center_factor  K    trials  mean msd  worst msd  small clusters found (mean)")
    for factor in (1, 2, 5, 10, 20):
        for trials in (1, 10):
            base = [f"{out}/{init}-f{factor}-t{trials}-s{s}" for s in range(1, runs + 1)]
            msd = [json.load(open(b + ".json"))["test:msd"] for b in base]
            hits = [found(b + "/model.json") for b in base]
            print(f"{factor:<19}  {7 * factor:<3}  {trials:<6}  {sum(msd) / runs:8.2f}  {max(msd):9.2f}  {sum(hits) / runs:.1f}")
PY
