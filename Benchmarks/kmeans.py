"""k-means benchmark: sagesim against scikit-learn's KMeans (lloyd) and MiniBatchKMeans on the same
generated data, in one run.

Data (seeded): Gaussian blobs, 1,000,000 × 20 around 100 centers and 100,000 × 50 around 10 centers
(centers uniform in [-10, 10]^d, unit-variance clusters, unequal sizes). sagesim's time is its
library call on data already in memory (KMeans.train over an in-memory channel), as fit() gets it,
with SageMaker's defaults (mini_batch_size 5000, epochs 1, extra_center_factor auto = 10) and the
exact train msd pass included. "per pass" is sagesim's time per streaming pass over the data and
scikit-learn's time per Lloyd iteration ((fit − k-means++ seeding) / n_iter_); msd is the final
mean squared distance of the training rows to their closest center (inertia_ / n). With the default
K = 10k centers a streaming pass does ten times the distance work of a Lloyd iteration over k centers;
the extra_center_factor=1 row compares equal work.
"""
import json, os, subprocess, sys, time
import numpy as np
from sklearn.cluster import KMeans, MiniBatchKMeans, kmeans_plusplus
from threadpoolctl import threadpool_info

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")
BENCH = sys.argv[1]


def make(n, d, k, seed):
    rng = np.random.default_rng(seed)
    centers = rng.uniform(-10, 10, size=(k, d))
    sizes = rng.dirichlet(np.full(k, 2.0))
    labels = rng.choice(k, size=n, p=sizes)
    return centers[labels] + rng.standard_normal((n, d))


def write_raw(x, path):
    with open(path, "wb") as f:
        np.array(x.shape, dtype=np.int64).tofile(f)
        np.ascontiguousarray(x, dtype=np.float64).tofile(f)


def sagesim(path, k, *extra):
    return json.loads(subprocess.check_output([BENCH, "kmeans", path, f"k={k}", *extra]))


def main():
    os.makedirs(OUT, exist_ok=True)
    pools = [(i["internal_api"], i.get("version"), i["num_threads"]) for i in threadpool_info()]
    print("reference thread pools:", pools)
    rows = []
    for n, d, k in [(1_000_000, 20, 100), (100_000, 50, 10)]:
        x = make(n, d, k, seed=n + d)
        path = os.path.join(OUT, f"kmeans_{n}x{d}.f64")
        write_raw(x, path)
        data = f"{n}x{d}, k={k}"
        for label, extra in [("sagesim (defaults: epochs=1, K=10k)", []),
                             ("sagesim epochs=3", ["epochs=3"]),
                             ("sagesim extra_center_factor=2", ["extra_center_factor=2"]),
                             ("sagesim extra_center_factor=1 (K=k, as much work per pass as a Lloyd iteration)",
                              ["extra_center_factor=1"])]:
            s = sagesim(path, k, *extra)
            rows.append((data, label, s["seconds"], s["seconds_per_pass"], s["msd"]))
        t = time.perf_counter()
        kmeans_plusplus(x, k, random_state=0)
        seeding = time.perf_counter() - t
        t = time.perf_counter()
        km = KMeans(n_clusters=k, algorithm="lloyd", n_init=1, random_state=0).fit(x)
        total = time.perf_counter() - t
        rows.append((data, f"sklearn KMeans lloyd ({km.n_iter_} iterations)", total,
                     (total - seeding) / km.n_iter_, km.inertia_ / n))
        t = time.perf_counter()
        mb = MiniBatchKMeans(n_clusters=k, n_init=1, random_state=0).fit(x)
        total = time.perf_counter() - t
        rows.append((data, f"sklearn MiniBatchKMeans ({mb.n_steps_} steps of 1024)", total, float("nan"), mb.inertia_ / n))
    header = ("data", "implementation", "total s", "s per pass / Lloyd iteration", "final msd")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for r in rows:
        per = "" if r[3] != r[3] else f"{r[3]:.3f}"
        print(f"| {r[0]} | {r[1]} | {r[2]:.2f} | {per} | {r[4]:.4f} |")
    print()
    print("| data | sagesim per pass / sklearn per Lloyd iteration (defaults; K=k) | sagesim total / sklearn lloyd total | sagesim msd / sklearn lloyd msd |")
    print("|---|---|---|---|")
    for data in dict.fromkeys(r[0] for r in rows):
        ours = next(r for r in rows if r[0] == data and r[1].startswith("sagesim (defaults"))
        equal = next(r for r in rows if r[0] == data and "factor=1" in r[1])
        ref = next(r for r in rows if r[0] == data and "lloyd" in r[1])
        print(f"| {data} | {ours[3] / ref[3]:.2f}; {equal[3] / ref[3]:.2f} | {ours[2] / ref[2]:.2f} | {ours[4] / ref[4]:.4f} |")


if __name__ == "__main__":
    main()
