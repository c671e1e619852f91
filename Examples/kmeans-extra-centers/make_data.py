"""Unbalanced clusters for the extra-centers walkthrough (standard library only, fixed seed).

One big, wide cluster (4000 training rows, sd 2, at the origin) and six small, tight ones (50 rows
each, sd 0.5) on a circle of radius 30 around it: 7 true clusters, one of them holding 93 % of the
rows. Writes train.csv (4300 rows), test.csv (1075 rows, the same mixture) and centers.csv (the 7
true centers), all without a label column (text/csv;label_size=0). Rows are shuffled.
"""
import math, random, sys

out = sys.argv[1] if len(sys.argv) > 1 else "."
rng = random.Random(3)
small = [(30 * math.cos(a * math.pi / 3), 30 * math.sin(a * math.pi / 3)) for a in range(6)]
clusters = [((0.0, 0.0), 2.0, 4000)] + [(c, 0.5, 50) for c in small]

def rows(scale):
    r = [[round(rng.gauss(c[0], sd), 4), round(rng.gauss(c[1], sd), 4)] for c, sd, n in clusters for _ in range(n // scale)]
    rng.shuffle(r)
    return r

for name, scale in (("train.csv", 1), ("test.csv", 4)):
    with open(f"{out}/{name}", "w") as f:
        f.writelines(f"{x!r},{y!r}\n" for x, y in rows(scale))
with open(f"{out}/centers.csv", "w") as f:
    f.writelines(f"{c[0]!r},{c[1]!r}\n" for c, _, _ in clusters)
