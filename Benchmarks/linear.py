"""Linear learner benchmark: sagesim against scikit-learn's SGDRegressor, SGDClassifier and
LogisticRegression on the same generated data, in one run; then num_models=32 in one pass against
32 separate single-model runs.

Data (seeded, as in the performance anchors): X ~ N(0, 1), 1,000,000 × 50 float64, half of the true
weights zero; regression y = Xw + N(0, 0.5²); classification y ~ Bernoulli(σ(0.5·Xw)). A separate
200,000-row hold-out set scores every model. sagesim's time is its library call
(LinearLearner.train on an in-memory channel, including the scaler pass and the calibration pass),
divided by the epochs for the per-epoch figure; scikit-learn's SGD runs exactly 5 epochs (tol=None).
Penalties match: sklearn's alpha·½‖w‖² (l2) or alpha·‖w‖₁ (l1) ↔ sagesim's wd or l1 = alpha on
standardised features. Every figure is one run on this (shared, 2-core) machine.
"""
import json, os, subprocess, sys, time
import numpy as np
from sklearn.linear_model import SGDClassifier, SGDRegressor, LogisticRegression
from threadpoolctl import threadpool_info

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")
BENCH = sys.argv[1]
N, D, HOLD, EPOCHS, ALPHA = 1_000_000, 50, 200_000, 5, 1e-4


def make(seed):
    rng = np.random.default_rng(seed)
    w = rng.standard_normal(D) * (np.arange(D) % 2 == 0)
    x = rng.standard_normal((N + HOLD, D))
    margin = x @ w
    reg = margin + 0.5 * rng.standard_normal(N + HOLD)
    cls = (rng.random(N + HOLD) < 1 / (1 + np.exp(-0.5 * margin))).astype(np.float64)
    return x, reg, cls


def write_raw(x, y, path):
    with open(path, "wb") as f:
        np.array([x.shape[0], x.shape[1] + 1], dtype=np.int64).tofile(f)
        np.ascontiguousarray(np.column_stack([y, x]), dtype=np.float64).tofile(f)


def sagesim(path, kind, **hp):
    args = [BENCH, "linear", path, kind] + [f"{k}={v}" for k, v in hp.items()]
    return json.loads(subprocess.check_output(args))


def rmse(w, b, x, y):
    return float(np.sqrt(np.mean((x @ w + b - y) ** 2)))


def logloss_acc(w, b, x, y, threshold=0.5):
    p = np.clip(1 / (1 + np.exp(-(x @ w + b))), 1e-15, 1 - 1e-15)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))), float(np.mean((p >= threshold) == (y == 1)))


def timed(fn):
    t = time.perf_counter()
    r = fn()
    return time.perf_counter() - t, r


def main():
    os.makedirs(OUT, exist_ok=True)
    print("reference thread pools:", [(i["internal_api"], i.get("version"), i["num_threads"]) for i in threadpool_info()])
    x, reg, cls = make(20240229)
    xt, xh = x[:N], x[N:]
    reg_path, cls_path = os.path.join(OUT, "linear_reg.f64"), os.path.join(OUT, "linear_cls.f64")
    write_raw(xt, reg[:N], reg_path)
    write_raw(xt, cls[:N], cls_path)
    common = dict(epochs=EPOCHS, mini_batch_size=1000, num_models=1, early_stopping_patience=100, learning_rate=0.01,
                  num_calibration_samples=100000)
    rows = []
    for pen in ["l2", "l1"]:
        hp = dict(common, wd=ALPHA if pen == "l2" else 0, l1=ALPHA if pen == "l1" else 0)
        s = sagesim(reg_path, "regressor", **hp)
        t, m = timed(lambda: SGDRegressor(penalty=pen, alpha=ALPHA, max_iter=EPOCHS, tol=None, random_state=0).fit(xt, reg[:N]))
        rows.append((f"regression, {pen}", "SGDRegressor", s["seconds"] / EPOCHS, t / EPOCHS,
                     f"RMSE {rmse(np.array(s['weights']), s['bias'], xh, reg[N:]):.4f}",
                     f"RMSE {rmse(m.coef_, m.intercept_[0], xh, reg[N:]):.4f}"))
    for pen in ["l2", "l1"]:
        hp = dict(common, wd=ALPHA if pen == "l2" else 0, l1=ALPHA if pen == "l1" else 0)
        s = sagesim(cls_path, "binary_classifier", **hp)
        t, m = timed(lambda: SGDClassifier(loss="log_loss", penalty=pen, alpha=ALPHA, max_iter=EPOCHS, tol=None, random_state=0).fit(xt, cls[:N]))
        sl, sa = logloss_acc(np.array(s["weights"]), s["bias"], xh, cls[N:], s["threshold"])
        rl, ra = logloss_acc(m.coef_[0], m.intercept_[0], xh, cls[N:])
        rows.append((f"binary, {pen}", "SGDClassifier log_loss", s["seconds"] / EPOCHS, t / EPOCHS,
                     f"logloss {sl:.4f}, acc {sa:.4f}", f"logloss {rl:.4f}, acc {ra:.4f}"))
        if pen == "l2":
            t, m = timed(lambda: LogisticRegression(C=1 / (ALPHA * N)).fit(xt, cls[:N]))
            rl, ra = logloss_acc(m.coef_[0], m.intercept_[0], xh, cls[N:])
            rows.append(("binary, l2 (whole fit)", f"LogisticRegression lbfgs ({m.n_iter_[0]} iterations)", s["seconds"], t,
                         f"logloss {sl:.4f}, acc {sa:.4f}", f"logloss {rl:.4f}, acc {ra:.4f}"))
    print(f"load average: {os.getloadavg()}")
    print("| task | reference | sagesim s/epoch | reference s/epoch | ratio (ref/sagesim) | sagesim quality (hold-out) | reference quality |")
    print("|---|---|---|---|---|---|---|")
    for task, ref, st, rt, sq, rq in rows:
        print(f"| {task} | {ref} | {st:.4f} | {rt:.4f} | {rt / st:.1f}× | {sq} | {rq} |")
    # Parallel models: 32 in one pass against 32 single-model runs (binary, l2 auto-sampled).
    par = dict(epochs=EPOCHS, mini_batch_size=1000, early_stopping_patience=100, num_calibration_samples=100000)
    one = sagesim(cls_path, "binary_classifier", num_models=32, **par)
    singles = [sagesim(cls_path, "binary_classifier", num_models=1, learning_rate=0.1 * 0.7 ** i, **par) for i in range(32)]
    wall, cpu = sum(r["seconds"] for r in singles), sum(r["cpu_seconds"] for r in singles)
    sl, sa = logloss_acc(np.array(one["weights"]), one["bias"], xh, cls[N:], one["threshold"])
    print()
    print(f"load average during the run: {os.getloadavg()}")
    print("| parallel models (binary, 1M × 50, 5 epochs) | wall s | wall per epoch | CPU s (all threads) | speed-up, wall | speed-up, CPU |")
    print("|---|---|---|---|---|---|")
    print(f"| num_models=32, one pass (chosen model {one['chosen_model']}: logloss {sl:.4f}, acc {sa:.4f}) | {one['seconds']:.2f} | {one['seconds'] / EPOCHS:.3f} | {one['cpu_seconds']:.2f} | {wall / one['seconds']:.1f}× | {cpu / one['cpu_seconds']:.1f}× |")
    print(f"| 32 runs of num_models=1 | {wall:.2f} | {wall / EPOCHS:.3f} | {cpu:.2f} | 1× | 1× |")

if __name__ == "__main__":
    main()
