"""Gaussian blobs for the k-means quality test: 25 clusters in 8 dimensions, standard library only.

python3 make_blobs.py  ->  blobs_train.csv (2500 rows), blobs_test.csv (500 rows); no label column
(text/csv;label_size=0). Centers uniform in [-10, 10]^8, every cluster spherical with sd 1.5,
100 training and 20 test rows each, rows shuffled. Values rounded to 4 decimals.
"""
import random

rng = random.Random(20261207)
K, D, SD = 25, 8, 1.5
centers = [[rng.uniform(-10, 10) for _ in range(D)] for _ in range(K)]

def rows(per_cluster):
    out = [[round(rng.gauss(c[j], SD), 4) for j in range(D)] for c in centers for _ in range(per_cluster)]
    rng.shuffle(out)
    return out

for name, per in (("blobs_train.csv", 100), ("blobs_test.csv", 20)):
    with open(name, "w") as f:
        for r in rows(per):
            f.write(",".join(repr(v) for v in r) + "\n")
