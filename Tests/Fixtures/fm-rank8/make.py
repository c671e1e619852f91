"""Generates the rank-8 ratings fixture of the factorization-machines tests (issue #6, item 5).

600 users x 400 items, 30,000 distinct (user, item) pairs drawn without replacement,
rating = 3.5 + b_u + b_i + <U_u, V_i> + N(0, 0.5^2), with b ~ N(0, 0.3^2) and U, V ~ N(0, 0.5^2)
of rank 8. Features: one-hot user (0-599) || one-hot item (600-999), feature_dim = 1000,
0-based libsvm. The first 24,000 pairs are train.libsvm, the last 6,000 test.libsvm.
The binary version (train-binary.libsvm, test-binary.libsvm) labels rating >= 3.5 as 1.

    python3 make.py        # numpy only; writes byte-identical files
"""
import numpy as np

USERS, ITEMS, RANK, N, N_TRAIN = 600, 400, 8, 30_000, 24_000
rng = np.random.default_rng(20261207)
pairs = rng.choice(USERS * ITEMS, size=N, replace=False)
users, items = pairs // ITEMS, pairs % ITEMS
bu, bi = rng.normal(0, 0.3, USERS), rng.normal(0, 0.3, ITEMS)
U, V = rng.normal(0, 0.5, (USERS, RANK)), rng.normal(0, 0.5, (ITEMS, RANK))
clean = 3.5 + bu[users] + bi[items] + np.einsum("nk,nk->n", U[users], V[items])
rating = clean + rng.normal(0, 0.5, N)


def write(path, labels, rows):
    with open(path, "w") as f:
        for y, r in zip(labels, rows):
            f.write(f"{y} {users[r]}:1 {USERS + items[r]}:1\n")


train, test = np.arange(N_TRAIN), np.arange(N_TRAIN, N)
write("train.libsvm", [f"{y:.4f}" for y in rating[train]], train)
write("test.libsvm", [f"{y:.4f}" for y in rating[test]], test)
binary = (rating >= 3.5).astype(int)
write("train-binary.libsvm", binary[train], train)
write("test-binary.libsvm", binary[test], test)
print(f"oracle test rmse {np.sqrt(np.mean((clean[test] - rating[test]) ** 2)):.4f}, "
      f"positives {binary.mean():.3f}")
