#!/usr/bin/env bash
# Automatic model tuning: Random, Bayesian and Hyperband search over five xgboost knobs on the
# bundled autompg regression data, five seeds each, and the comparison table.
# DATA=diabetes runs the same on the diabetes data; SEEDS=1,2 runs fewer seeds.
set -euo pipefail
source "$(dirname "$0")/../setup.sh"  # root, SAGESIM, out
data="${DATA:-autompg}"
seeds="${SEEDS:-1,2,3,4,5}"
common=(--train "Datasets/$data/train.csv" --validation "Datasets/$data/validation.csv"
        --objective validation:rmse --max-parallel-jobs 2
        --range eta=continuous:0.01:0.5 --range max_depth=integer:1:10
        --range min_child_weight=continuous:0.5:20 --range subsample=continuous:0.5:1
        --range lambda=continuous:0.01:10)

for seed in ${seeds//,/ }; do
  echo "== seed $seed: Random (200 trials), Bayesian (40), Hyperband (200 configurations, 1 to 27 rounds)"
  "$SAGESIM" tune xgboost "${common[@]}" --hp num_round=27 --strategy Random --max-jobs 200 \
    --seed "$seed" --output "$out/random-$seed" | tail -n 6 | grep '^best trial'
  "$SAGESIM" tune xgboost "${common[@]}" --hp num_round=27 --strategy Bayesian --max-jobs 40 \
    --seed "$seed" --output "$out/bayesian-$seed" | tail -n 6 | grep '^best trial'
  "$SAGESIM" tune xgboost "${common[@]}" --max-resource 27 --strategy Hyperband --max-jobs 200 \
    --seed "$seed" --output "$out/hyperband-$seed" | tail -n 6 | grep '^best trial'
done

echo
echo "== the comparison (best validation:rmse per job, averaged over seeds; the gap is to the same seed's Random-200 best)"
python3 "$(dirname "$0")/compare.py" "$out" "$seeds"
echo
echo "Each job's pictures and report: $out/<strategy>-<seed>/plots/*.svg and report.html"
