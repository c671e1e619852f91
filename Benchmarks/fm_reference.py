"""Reference figures for sagesim's factorization machines (issue #6).

- `numpy_fm`: a small numpy FM trained with the same mini-batch Adam as sagesim (MXNet's formulas,
  lazy on sparse rows, rescale_grad = 1/rows, wd added before clipping): an independent
  re-implementation of the same algorithm, vectorised per mini-batch with scipy.sparse.
- myfm (Bayesian FM, Gibbs sampling), when installed; scikit-learn Ridge on the one-hot features;
  the mean predictor.

    python fm_reference.py TRAIN.libsvm TEST.libsvm FEATURE_DIM [regressor|binary_classifier] [name=value ...]

prints one JSON object of test figures. Hyperparameters use sagesim's names (num_factors, epochs,
mini_batch_size, *_lr, *_wd, factors_init_sigma, ...).
"""
import json
import sys
import time

import numpy as np
import scipy.sparse as sp
from sklearn.datasets import load_svmlight_file
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import roc_auc_score

B1, B2 = 0.9, 0.999


class Adam:
    """MXNet's Adam on rows of one parameter block, lazily (only the given rows)."""

    def __init__(self, shape, lr, wd, eps):
        self.m, self.v = np.zeros(shape), np.zeros(shape)
        self.lr, self.wd, self.eps = lr, wd, eps

    def step(self, theta, grad, rows, t):
        g = grad + self.wd * theta[rows]
        self.m[rows] = B1 * self.m[rows] + (1 - B1) * g
        self.v[rows] = B2 * self.v[rows] + (1 - B2) * g * g
        rate = self.lr * np.sqrt(1 - B2 ** t) / (1 - B1 ** t)
        theta[rows] -= rate * self.m[rows] / (np.sqrt(self.v[rows]) + self.eps)


def numpy_fm(X, y, Xt, task, hp, seed=0):
    d = X.shape[1]
    k = int(hp.get("num_factors", 8))
    rng = np.random.default_rng(seed)
    w0 = np.array([rng.normal(0, float(hp.get("bias_init_sigma", 0.01)))])
    w = rng.normal(0, float(hp.get("linear_init_sigma", 0.01)), d)
    V = rng.normal(0, float(hp.get("factors_init_sigma", 0.001)), (d, k))
    eps = float(hp.get("eps", 1e-8))
    opt = [Adam(1, float(hp.get("bias_lr", 0.1)), float(hp.get("bias_wd", 0.01)), eps),
           Adam(d, float(hp.get("linear_lr", 0.001)), float(hp.get("linear_wd", 0.001)), eps),
           Adam((d, k), float(hp.get("factors_lr", 0.0001)), float(hp.get("factors_wd", 0.00001)), eps)]
    batch, t = int(hp.get("mini_batch_size", 1000)), 0
    for _ in range(int(hp.get("epochs", 1))):
        for start in range(0, X.shape[0], batch):
            xb, yb = X[start:start + batch], y[start:start + batch]
            xv, x2 = xb @ V, xb.multiply(xb)
            z = w0[0] + xb @ w + 0.5 * (np.sum(xv ** 2, 1) - np.asarray(x2 @ (V ** 2)).sum(1))
            r = z - yb if task == "regressor" else 1 / (1 + np.exp(-z)) - yb
            scale = 1.0 / xb.shape[0]
            rows = np.unique(xb.indices)
            gw = np.asarray(xb.T @ r).ravel()[rows] * scale
            gv = (np.asarray(xb.T @ (r[:, None] * xv)) - np.asarray(x2.T @ r).ravel()[:, None] * V)[rows] * scale
            t += 1
            opt[0].step(w0, np.array([r.sum() * scale]), np.array([0]), t)
            opt[1].step(w, gw, rows, t)
            opt[2].step(V, gv, rows, t)
    xv, x2 = Xt @ V, Xt.multiply(Xt)
    return w0[0] + Xt @ w + 0.5 * (np.sum(xv ** 2, 1) - np.asarray(x2 @ (V ** 2)).sum(1))


def figures(z, yt, task):
    if task == "regressor":
        return {"rmse": float(np.sqrt(np.mean((z - yt) ** 2)))}
    p = 1 / (1 + np.exp(-z))
    return {"accuracy": float(np.mean((p >= 0.5) == yt)), "auc": float(roc_auc_score(yt, p)),
            "cross_entropy": float(-np.mean(yt * np.log(np.clip(p, 1e-15, 1)) + (1 - yt) * np.log(np.clip(1 - p, 1e-15, 1))))}


def main():
    train, test, d = sys.argv[1], sys.argv[2], int(sys.argv[3])
    task = sys.argv[4] if len(sys.argv) > 4 else "regressor"
    hp = dict(a.split("=", 1) for a in sys.argv[5:])
    X, y = load_svmlight_file(train, n_features=d, zero_based=True)
    Xt, yt = load_svmlight_file(test, n_features=d, zero_based=True)
    X, Xt = sp.csr_matrix(X), sp.csr_matrix(Xt)
    out = {}
    start = time.perf_counter()
    out["numpy_fm"] = figures(numpy_fm(X, y, Xt, task, hp), yt, task)
    out["numpy_fm"]["seconds"] = time.perf_counter() - start
    if task == "regressor":
        out["ridge"] = figures(Ridge(alpha=10).fit(X, y).predict(Xt), yt, task)
        out["mean"] = figures(np.full(len(yt), y.mean()), yt, task)
    else:
        out["logistic"] = figures(LogisticRegression(C=1.0, max_iter=2000).fit(X, y).decision_function(Xt), yt, task)
    try:
        import myfm
        start = time.perf_counter()
        rank = int(hp.get("num_factors", 8))
        if task == "regressor":
            fm = myfm.MyFMRegressor(rank=rank, random_seed=0).fit(X, y, n_iter=200, n_kept_samples=150)
            out["myfm"] = figures(fm.predict(Xt), yt, task)
        else:
            fm = myfm.MyFMClassifier(rank=rank, random_seed=0).fit(X, y, n_iter=200, n_kept_samples=150)
            p = np.clip(fm.predict_proba(Xt), 1e-12, 1 - 1e-12)
            out["myfm"] = figures(np.log(p / (1 - p)), yt, task)
        out["myfm"]["seconds"] = time.perf_counter() - start
        out["myfm"]["version"] = myfm.__version__
    except ImportError:
        pass
    print(json.dumps(out))


if __name__ == "__main__":
    main()
