"""PCA benchmark: sagesim against scikit-learn's PCA on the same generated data, in one run.

Data (seeded): low-rank signal plus noise, X = Z·diag(σ)·Wᵀ + ε with decaying σ, at 100,000 × 100
and 20,000 × 784; 10 components. sagesim's time is its library call on data already in memory
(PCA.train over an in-memory channel), as scikit-learn's fit() gets the data; reading CSV is
measured separately (csv throughput). Quality: each method's explained variance against the exact
solution (scikit-learn 'full'), and |cos| between its components and the exact ones.
"""
import json, os, subprocess, sys, time
import numpy as np
from sklearn.decomposition import PCA
from threadpoolctl import threadpool_info

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")
BENCH = sys.argv[1]
K = 10


def make(n, d, seed):
    rng = np.random.default_rng(seed)
    rank = 20
    sigma = 10.0 * 0.8 ** np.arange(rank)
    w, _ = np.linalg.qr(rng.standard_normal((d, rank)))
    x = (rng.standard_normal((n, rank)) * sigma) @ w.T + 0.5 * rng.standard_normal((n, d)) + 3.0
    return x


def write_raw(x, path):
    with open(path, "wb") as f:
        np.array(x.shape, dtype=np.int64).tofile(f)
        np.ascontiguousarray(x, dtype=np.float64).tofile(f)


def quality(ev, comps, exact):
    rel = np.max(np.abs(np.asarray(ev) - exact.explained_variance_) / exact.explained_variance_)
    cos = np.min(np.abs(np.sum(np.asarray(comps) * exact.components_, axis=1)))
    return rel, cos


def median_time(fn, repeats=3):
    times, result = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return sorted(times)[len(times) // 2], result


def run_sagesim(path, mode, batch):
    return json.loads(subprocess.check_output([BENCH, "pca", path, mode, str(K), str(batch)]))


def main():
    os.makedirs(OUT, exist_ok=True)
    blas = [(i["internal_api"], i.get("version"), i.get("architecture"), i["num_threads"]) for i in threadpool_info()]
    print("reference thread pools:", blas)
    rows = []
    for n, d in [(100_000, 100), (20_000, 784)]:
        x = make(n, d, seed=n + d)
        path = os.path.join(OUT, f"pca_{n}x{d}.f64")
        write_raw(x, path)
        exact = PCA(n_components=K, svd_solver="full").fit(x)
        for mode, solvers in [("regular", ["covariance_eigh", "full"]), ("randomized", ["randomized"])]:
            s = run_sagesim(path, mode, 10_000)
            s_rel, s_cos = quality(s["explained_variance"], s["components"], exact)
            for solver in solvers:
                t, ref = median_time(lambda: PCA(n_components=K, svd_solver=solver, random_state=0).fit(x))
                r_rel, r_cos = quality(ref.explained_variance_, ref.components_, exact)
                rows.append((f"{n}x{d}", mode, s["seconds"], s_rel, s_cos, solver, t, r_rel, r_cos))
    header = ("data", "sagesim mode", "sagesim s", "max rel EV err", "min |cos|", "sklearn solver", "sklearn s",
              "max rel EV err", "min |cos|", "sklearn/sagesim")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]:.4f} | {r[3]:.1e} | {r[4]:.6f} | {r[5]} | {r[6]:.4f} | {r[7]:.1e} | {r[8]:.6f} | {r[6] / r[2]:.2f}x |")


if __name__ == "__main__":
    main()
