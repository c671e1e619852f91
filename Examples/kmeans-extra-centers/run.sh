#!/usr/bin/env bash
# What extra_center_factor and local_lloyd_num_trials change on unbalanced clusters: one big cluster
# (93 % of the rows) and six small ones around it, k = 7, eight seeds per setting.
set -euo pipefail
source "$(dirname "$0")/../setup.sh"  # root, SAGESIM, out
here="$root/Examples/kmeans-extra-centers"
python3 "$here/make_data.py" "$out"

# SEEDS (8), INITS, FACTORS and TRIALS shrink the grid (the test runs a small corner of it).
seeds=($(seq 1 "${SEEDS:-8}"))
inits=(${INITS:-kmeans++ random})
factors=(${FACTORS:-1 2 5 10 20})
trialss=(${TRIALS:-1 10})
for init in "${inits[@]}"; do
  for factor in "${factors[@]}"; do
    for trials in "${trialss[@]}"; do
      for seed in "${seeds[@]}"; do
        run="$out/$init-f$factor-t$trials-s$seed"
        "$SAGESIM" train kmeans --train "$out/train.csv" --test "$out/test.csv" --content-type 'text/csv;label_size=0' \
          --hp feature_dim=2 --hp k=7 --hp extra_center_factor="$factor" --hp local_lloyd_num_trials="$trials" \
          --hp local_lloyd_init_method="$init" --seed "$seed" --model-dir "$run" --metrics-json "$run.json" >/dev/null
      done
    done
  done
done

python3 - "$out" "${#seeds[@]}" "${inits[*]}" "${factors[*]}" "${trialss[*]}" <<'PY'
import json, math, sys
out, runs = sys.argv[1], int(sys.argv[2])
inits, factors, trialss = sys.argv[3].split(), [int(f) for f in sys.argv[4].split()], [int(t) for t in sys.argv[5].split()]
truth = [tuple(map(float, line.split(","))) for line in open(f"{out}/centers.csv")]
small = truth[1:]
def found(model):
    centers = json.load(open(model))["model"]["centers"]
    return sum(1 for c in small if min(math.dist(c, f) for f in centers) < 1.5)
print("test msd over", runs, "seeds (the true clusters give about 7.6) and small clusters found (of 6)")
results = []
for init in inits:
    print(f"\n== local_lloyd_init_method={init}")
    print("extra_center_factor  K    trials  mean msd  worst msd  small clusters found (mean)")
    for factor in factors:
        for trials in trialss:
            base = [f"{out}/{init}-f{factor}-t{trials}-s{s}" for s in range(1, runs + 1)]
            msd = [json.load(open(b + ".json"))["test:msd"] for b in base]
            hits = [found(b + "/model.json") for b in base]
            print(f"{factor:<19}  {7 * factor:<3}  {trials:<6}  {sum(msd) / runs:8.2f}  {max(msd):9.2f}  {sum(hits) / runs:.1f}")
            results.append((init, factor, trials, sum(msd) / runs, sum(hits) / runs))
print("\n== the lesson: mean test msd and small clusters found, by extra_center_factor " + ",".join(map(str, factors)))
for init in inits:
    for trials in trialss:
        rows = [r for r in results if r[0] == init and r[2] == trials]
        print(f"RESULT {init}_trials{trials}_msd=" + ",".join(f"{r[3]:.6g}" for r in rows))
        print(f"RESULT {init}_trials{trials}_found=" + ",".join(f"{r[4]:.6g}" for r in rows))
PY
