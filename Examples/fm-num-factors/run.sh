#!/usr/bin/env bash
# Factorization machines on real ratings (InstEval: students rate lecturers): what num_factors and
# factors_wd do to the training and test RMSE.
# FACTORS and WDS choose the rows of the two tables (the test runs a few of them).
set -euo pipefail
source "$(dirname "$0")/../setup.sh"  # root, SAGESIM, out
data=Datasets/insteval
common=(--train $data/train.libsvm --test $data/validation.libsvm --content-type text/libsvm
        --hp feature_dim=4125 --hp predictor_type=regressor --hp epochs=10 --hp mini_batch_size=1000
        --hp linear_wd=0.001 --hp factors_init_sigma=0.1)
factors=(${FACTORS:-2 4 8 16 64})
wds=(${WDS:-0 0.0001 0.001 0.01 0.1})

# RMSE of a trained model's predictions on a libsvm file (its first column is the rating).
rmse() {
  "$SAGESIM" predict --model-dir "$1" --input "$2" --content-type text/libsvm --accept text/csv \
    | python3 -c '
import sys
labels = [float(line.split()[0]) for line in open(sys.argv[1])]
scores = [float(line) for line in sys.stdin]
print(f"{(sum((s - y) ** 2 for s, y in zip(scores, labels)) / len(labels)) ** 0.5:.4f}")' "$2"
}

# train NAME HP... : trains, then prints NAME, train RMSE and test RMSE of the final model (and
# notes them in $out/$table.rmse for the lesson).
train() {
  local name=$1; shift
  "$SAGESIM" train factorization-machines "${common[@]}" "$@" --model-dir "$out/$name" >/dev/null
  local train_rmse test_rmse
  train_rmse=$(rmse "$out/$name" $data/train.libsvm)
  test_rmse=$(rmse "$out/$name" $data/validation.libsvm)
  printf '%-34s %-10s %-10s\n' "$name" "$train_rmse" "$test_rmse"
  echo "$train_rmse $test_rmse" >> "$out/$table.rmse"
}
rm -f "$out/factors.rmse" "$out/wd.rmse"

echo "== num_factors (factors_wd = 0.001; SageMaker needs num_factors ≥ 1, so the first two rows"
echo "   freeze the factors at 0 instead: factors_lr=0, factors_init constant 0)"
printf '%-34s %-10s %-10s\n' "model" "train" "test"
table=factors
frozen=(--hp num_factors=1 --hp factors_lr=0 --hp factors_init_method=constant --hp factors_init_value=0)
train "bias only (the mean)" "${frozen[@]}" --hp linear_lr=0 --hp linear_init_method=constant --hp linear_init_value=0 --hp factors_wd=0.001
train "linear only (num_factors 0)" "${frozen[@]}" --hp linear_lr=0.01 --hp factors_wd=0.001
for k in "${factors[@]}"; do train "num_factors=$k" --hp num_factors=$k --hp linear_lr=0.01 --hp factors_lr=0.01 --hp factors_wd=0.001; done

echo
echo "== factors_wd at num_factors=64"
printf '%-34s %-10s %-10s\n' "model" "train" "test"
table=wd
for wd in "${wds[@]}"; do
  train "factors_wd=$wd" --hp num_factors=64 --hp linear_lr=0.01 --hp factors_lr=0.01 --hp factors_wd=$wd
done

echo
echo "== the lesson (RMSE lists in the order of the tables)"
python3 - "$out" "bias,linear,${factors[*]}" "${wds[*]}" <<'PY'
import sys
out, factors, wds = sys.argv[1], sys.argv[2].replace(" ", ","), sys.argv[3].replace(" ", ",")
for table, rows in (("factors", factors), ("wd", wds)):
    pairs = [line.split() for line in open(f"{out}/{table}.rmse")]
    print(f"RESULT {table}_rows={rows}")
    print(f"RESULT {table}_train=" + ",".join(p[0] for p in pairs))
    print(f"RESULT {table}_test=" + ",".join(p[1] for p in pairs))
PY
