"""XGBoost benchmark: sagesim against xgboost (tree_method=hist, nthread=2) and scikit-learn's
HistGradientBoosting* on the same generated data and the same two cores, in one run.

Data: sagesim's SyntheticData (Sources/SageSim/Algorithms/XGBoost/SyntheticData.swift), written by
`sagesim-bench xgboost-data`: a HIGGS-like binary problem, 1,000,000 × 28 (validation 100,000),
and a Friedman-like regression, 100,000 × 28 (validation 20,000). Settings (the performance
anchors'): max_depth=6, eta=0.3, 100 rounds, 256 bins, lambda=1, base_score=0.5; every round
evaluates train and validation (as SageMaker's XGBoost does). Each run is its own process, so
'peak MB' is that process's maximum resident memory (data included).

Columns: total = the whole training call (binning included); loop = the boosting rounds alone
(xgboost: train() on a prebuilt QuantileDMatrix; sagesim: its 'Trained N rounds' figure; sklearn:
fit minus its own binning); ms/round = loop/rounds.
usage: python xgboost_bench.py SAGESIM_BENCH [--rows N]   (or: --worker KIND ...)
"""
import json, os, resource, subprocess, sys, time
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")
ROUNDS, DEPTH, ETA, BINS = 100, 6, 0.3, 256


def load(path):
    with open(path, "rb") as f:
        rows, cols = np.fromfile(f, dtype=np.int64, count=2)
        a = np.fromfile(f, dtype=np.float64).reshape(rows, cols)
    return a[:, 1:], a[:, 0]


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_xgboost(kind, train, valid):
    import xgboost as xgb
    X, y = load(train)
    Xv, yv = load(valid)
    metric = "auc" if kind == "binary" else "rmse"
    objective = "binary:logistic" if kind == "binary" else "reg:squarederror"
    t0 = time.perf_counter()
    dtrain = xgb.QuantileDMatrix(X, label=y, max_bin=BINS, nthread=2)
    dvalid = xgb.QuantileDMatrix(Xv, label=yv, ref=dtrain, nthread=2)
    t1 = time.perf_counter()
    result = {}
    xgb.train({"objective": objective, "tree_method": "hist", "max_depth": DEPTH, "eta": ETA, "max_bin": BINS,
               "nthread": 2, "base_score": 0.5, "eval_metric": metric, "seed": 0},
              dtrain, ROUNDS, evals=[(dtrain, "train"), (dvalid, "validation")], evals_result=result,
              verbose_eval=False)
    t2 = time.perf_counter()
    return {"seconds": t2 - t0, "loop_seconds": t2 - t1, "metric": result["validation"][metric][-1],
            "peak_mb": peak_mb(), "version": xgb.__version__}


def worker_sklearn(kind, train, valid):
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
    from sklearn.ensemble._hist_gradient_boosting.binning import _BinMapper
    from sklearn.metrics import roc_auc_score
    import sklearn
    X, y = load(train)
    Xv, yv = load(valid)
    cls = HistGradientBoostingClassifier if kind == "binary" else HistGradientBoostingRegressor
    model = cls(learning_rate=ETA, max_iter=ROUNDS, max_depth=DEPTH, max_leaf_nodes=None, min_samples_leaf=1,
                l2_regularization=1.0, max_bins=255, early_stopping=False, random_state=0)
    tb = time.perf_counter()
    _BinMapper(n_bins=256, random_state=0).fit_transform(X)
    binning = time.perf_counter() - tb
    t0 = time.perf_counter()
    model.fit(X, y)
    seconds = time.perf_counter() - t0
    if kind == "binary":
        metric = roc_auc_score(yv, model.predict_proba(Xv)[:, 1])
    else:
        metric = float(np.sqrt(np.mean((model.predict(Xv) - yv) ** 2)))
    return {"seconds": seconds, "loop_seconds": seconds - binning, "metric": metric, "peak_mb": peak_mb(),
            "version": sklearn.__version__}


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    if sys.argv[1] == "--worker":
        kind, lib, train, valid = sys.argv[2:6]
        fn = worker_xgboost if lib == "xgboost" else worker_sklearn
        print(json.dumps(fn(kind, train, valid)))
        return
    bench = sys.argv[1]
    os.makedirs(OUT, exist_ok=True)
    problems = [("binary", 1_000_000, 100_000), ("regression", 100_000, 20_000)]
    if "--small" in sys.argv:
        problems = [("binary", 100_000, 20_000), ("regression", 100_000, 20_000)]
    rows = []
    for kind, n, nv in problems:
        train = os.path.join(OUT, f"xgb_{kind}_{n}.f64")
        valid = os.path.join(OUT, f"xgb_{kind}_{nv}_valid.f64")
        if not os.path.exists(train):
            subprocess.run([bench, "xgboost-data", kind, str(n), "1", train], check=True)
            subprocess.run([bench, "xgboost-data", kind, str(nv), "2", valid], check=True)
        metric = "auc" if kind == "binary" else "rmse"
        objective = "binary:logistic" if kind == "binary" else "reg:squarederror"
        ours = run([bench, "xgboost", train, valid, f"objective={objective}", f"num_round={ROUNDS}",
                    f"max_depth={DEPTH}", f"eta={ETA}", f"max_bin={BINS}", "base_score=0.5", f"eval_metric={metric}"])
        ours_metric = ours["metrics"][f"validation:{metric}"]
        ref = run([sys.executable, __file__, "--worker", kind, "xgboost", train, valid])
        skl = run([sys.executable, __file__, "--worker", kind, "sklearn", train, valid])
        label = f"{kind} {n:,}×28"
        rows.append((label, "sagesim", ours["seconds"], ours["loop_seconds"], ours_metric, ours["peak_mb"]))
        rows.append((label, f"xgboost {ref['version']} hist", ref["seconds"], ref["loop_seconds"], ref["metric"], ref["peak_mb"]))
        rows.append((label, f"sklearn {skl['version']} HistGB", skl["seconds"], skl["loop_seconds"], skl["metric"], skl["peak_mb"]))
        rows.append((label, "ratio sagesim/xgboost", ours["seconds"] / ref["seconds"], ours["loop_seconds"] / ref["loop_seconds"],
                     ours_metric - ref["metric"], ours["peak_mb"] / ref["peak_mb"]))
    print(f"| data | implementation | total s | loop s | ms/round | validation metric | peak MB |")
    print("|---|---|---|---|---|---|---|")
    for label, impl, total, loop, metric, mb in rows:
        if impl.startswith("ratio"):
            print(f"| {label} | {impl} | {total:.2f}× | {loop:.2f}× | | Δ {metric:+.5f} | {mb:.2f}× |")
        else:
            print(f"| {label} | {impl} | {total:.2f} | {loop:.2f} | {1000 * loop / ROUNDS:.1f} | {metric:.5f} | {mb:.0f} |")


if __name__ == "__main__":
    main()
