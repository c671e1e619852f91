"""Factorization machines benchmark: sagesim against myfm on the same ratings, in one run.

Data (seeded; the performance anchors' recipe at the issue's size): 10,000 users x 5,000 items,
1,000,000 distinct (user, item) training pairs plus 100,000 test pairs, rating = 3.5 + b_u + b_i
+ <U_u, V_i> (rank 8) + N(0, 0.5^2), b ~ N(0, 0.3^2), U, V ~ N(0, 0.5^2); features one-hot user ||
one-hot item (2 non-zeros per row, feature_dim 15,000), libsvm.

sagesim: `sagesim-bench fm` (library call on rows in memory), seconds per epoch = the training
call / epochs. myfm 0.4 (Bayesian FM, Gibbs sampling, single-threaded): seconds per iteration =
fit(n_iter) / n_iter. Each side runs in its own process, so peak RSS (data included) is its own.
The issue's target: one sagesim epoch no slower than one myfm iteration.
"""
import json
import os
import resource
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")
BENCH = sys.argv[1]
USERS, ITEMS, RANK, N, TEST = 10_000, 5_000, 8, 1_000_000, 100_000
EPOCHS, MYFM_ITER = 10, 20
HP = dict(epochs=EPOCHS, mini_batch_size=1000, linear_lr=0.01, factors_lr=0.01, factors_init_sigma=0.1,
          linear_wd=0.0001, factors_wd=0.0001, bias_lr=0.1)

MYFM = """
import json, resource, sys, time
import numpy as np, myfm
from sklearn.datasets import load_svmlight_file
X, y = load_svmlight_file(sys.argv[1], n_features=int(sys.argv[3]), zero_based=True)
Xt, yt = load_svmlight_file(sys.argv[2], n_features=int(sys.argv[3]), zero_based=True)
k, n = int(sys.argv[4]), int(sys.argv[5])
start = time.perf_counter()
fm = myfm.MyFMRegressor(rank=k, random_seed=0).fit(X, y, n_iter=n, n_kept_samples=n // 2)
seconds = time.perf_counter() - start
rmse = float(np.sqrt(np.mean((fm.predict(Xt) - yt) ** 2)))
print(json.dumps({"seconds_per_iteration": seconds / n, "rmse": rmse,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def make():
    rng = np.random.default_rng(20261207)
    pairs = rng.choice(USERS * ITEMS, size=N + TEST, replace=False)
    users, items = pairs // ITEMS, pairs % ITEMS
    bu, bi = rng.normal(0, 0.3, USERS), rng.normal(0, 0.3, ITEMS)
    U, V = rng.normal(0, 0.5, (USERS, RANK)), rng.normal(0, 0.5, (ITEMS, RANK))
    clean = 3.5 + bu[users] + bi[items] + np.einsum("nk,nk->n", U[users], V[items])
    rating = clean + rng.normal(0, 0.5, N + TEST)
    os.makedirs(OUT, exist_ok=True)
    paths = os.path.join(OUT, "fm_train.libsvm"), os.path.join(OUT, "fm_test.libsvm")
    for path, rows in zip(paths, (slice(0, N), slice(N, N + TEST))):
        with open(path, "w") as f:
            f.writelines(f"{y:.4f} {u}:1 {USERS + i}:1\n" for y, u, i in zip(rating[rows], users[rows], items[rows]))
    oracle = float(np.sqrt(np.mean((clean[N:] - rating[N:]) ** 2)))
    return paths, oracle


def run(cmd):
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])


def main():
    # The data is made in a child process: a child's peak RSS starts from its parent's at fork, so
    # this process stays small and each side's figure is its own.
    info = run([sys.executable, os.path.abspath(__file__), "--make"])
    train, test, oracle = info["train"], info["test"], info["oracle"]
    d = str(USERS + ITEMS)
    print(f"1,000,000 ratings (10,000 users x 5,000 items, rank 8), test 100,000; oracle test RMSE {oracle:.4f}")
    print(f"sagesim: {EPOCHS} epochs, " + ", ".join(f"{k}={v}" for k, v in HP.items() if k != "epochs")
          + f"; myfm: MyFMRegressor, {MYFM_ITER} Gibbs iterations, n_kept_samples {MYFM_ITER // 2}")
    print("| num_factors | sagesim s/epoch | myfm s/iteration | ratio (myfm/sagesim) | sagesim test RMSE | myfm test RMSE | sagesim peak RSS MB | myfm peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for k in (8, 64):
        ours = run([BENCH, "fm", train, test, d, f"num_factors={k}"] + [f"{a}={b}" for a, b in HP.items()])
        ref = run([sys.executable, "-c", MYFM, train, test, d, str(k), str(MYFM_ITER)])
        ratio = ref["seconds_per_iteration"] / ours["seconds_per_epoch"]
        print(f"| {k} | {ours['seconds_per_epoch']:.3f} | {ref['seconds_per_iteration']:.3f} | {ratio:.1f}x "
              f"| {ours['rmse']:.4f} | {ref['rmse']:.4f} | {ours['peak_rss_mb']:.0f} | {ref['peak_rss_mb']:.0f} |",
              flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "--make":
        (train, test), oracle = make()
        print(json.dumps({"train": train, "test": test, "oracle": oracle}))
    else:
        main()
