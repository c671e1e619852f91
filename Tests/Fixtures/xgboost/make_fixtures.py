"""Fixtures for sagesim's XGBoost tests, made with real xgboost.

Run from the repository root:  /tmp/refvenv/bin/python Tests/Fixtures/xgboost/make_fixtures.py
It writes, beside itself:
  models/<name>.json   models saved by xgboost.Booster.save_model (XGBoost JSON)
  missing.csv          breast-cancer validation features (no label) with every 7th cell empty
  expected.json        xgboost's predictions of each model on its input, the library versions,
                       and the validation metrics of reference runs (the 'quality' section),
                       which XGBoostQualityTests compares sagesim's with.
"""
import json, os, sys, platform
import numpy as np
import xgboost as xgb
import sklearn

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))
import xgboost_data  # noqa: E402


def load(name, part):
    a = np.loadtxt(os.path.join(ROOT, "Datasets", name, part + ".csv"), delimiter=",", ndmin=2)
    return a[:, 1:], a[:, 0]


def with_missing(X):
    X = X.copy()
    flat = X.reshape(-1)
    flat[::7] = np.nan
    return X


def train(params, X, y, rounds, Xv=None, yv=None):
    base = {"tree_method": "hist", "max_bin": 256, "base_score": 0.5, "nthread": 2, "seed": 0}
    base.update(params)
    dt = xgb.DMatrix(X, label=y)
    evals = [(dt, "train")]
    if Xv is not None:
        evals.append((xgb.DMatrix(Xv, label=yv), "validation"))
    result = {}
    booster = xgb.train(base, dt, rounds, evals=evals, evals_result=result, verbose_eval=False)
    return booster, result


def main():
    os.makedirs(os.path.join(HERE, "models"), exist_ok=True)
    Xb, yb = load("breast_cancer", "train")
    Xbv, ybv = load("breast_cancer", "validation")
    Xa, ya = load("autompg", "train")
    Xav, yav = load("autompg", "validation")
    Xi, yi = load("iris", "train")
    Xiv, yiv = load("iris", "validation")
    Xw, yw = load("wine", "train")
    Xwv, ywv = load("wine", "validation")
    missing = with_missing(Xbv)
    with open(os.path.join(HERE, "missing.csv"), "w") as f:
        for row in missing:
            f.write(",".join("" if np.isnan(v) else repr(float(v)) for v in row) + "\n")

    # (name, params, X, y, rounds, input file, input matrix)
    cases = [
        ("binary_logistic", {"objective": "binary:logistic", "max_depth": 3}, with_missing(Xb), yb, 8, "missing.csv", missing),
        ("binary_logitraw", {"objective": "binary:logitraw", "max_depth": 3}, Xb, yb, 5, "missing.csv", missing),
        ("binary_hinge", {"objective": "binary:hinge", "max_depth": 2}, Xb, yb, 5, "missing.csv", missing),
        ("reg_logistic", {"objective": "reg:logistic", "max_depth": 2}, Xb, yb, 5, "missing.csv", missing),
        ("squarederror", {"objective": "reg:squarederror", "max_depth": 4, "grow_policy": "lossguide", "max_leaves": 6}, Xa, ya, 10, "../../../Datasets/autompg/validation.csv", Xav),
        ("absoluteerror", {"objective": "reg:absoluteerror", "max_depth": 3}, Xa, ya, 5, "../../../Datasets/autompg/validation.csv", Xav),
        ("pseudohuber", {"objective": "reg:pseudohubererror", "max_depth": 3}, Xa, ya / 10, 5, "../../../Datasets/autompg/validation.csv", Xav),
        ("poisson", {"objective": "count:poisson", "max_depth": 3}, Xa, np.round(ya), 6, "../../../Datasets/autompg/validation.csv", Xav),
        ("gamma", {"objective": "reg:gamma", "max_depth": 3}, Xa, ya, 6, "../../../Datasets/autompg/validation.csv", Xav),
        ("tweedie", {"objective": "reg:tweedie", "tweedie_variance_power": 1.3, "max_depth": 3}, Xa, ya, 6, "../../../Datasets/autompg/validation.csv", Xav),
        ("softprob", {"objective": "multi:softprob", "num_class": 3, "max_depth": 2}, Xi, yi, 4, "../../../Datasets/iris/validation.csv", Xiv),
        ("softmax", {"objective": "multi:softmax", "num_class": 3, "max_depth": 2}, Xw, yw, 4, "../../../Datasets/wine/validation.csv", Xwv),
    ]
    models = []
    for name, params, X, y, rounds, input_file, Xin in cases:
        booster, _ = train(params, X, y, rounds)
        path = os.path.join(HERE, "models", name + ".json")
        booster.save_model(path)
        pred = booster.predict(xgb.DMatrix(Xin))
        models.append({"name": name, "input": input_file, "predictions": pred.reshape(-1).astype(float).tolist(),
                       "width": int(pred.shape[1]) if pred.ndim == 2 else 1})

    Xs, ys = xgboost_data.binary(20000, 1)
    Xsv, ysv = xgboost_data.binary(5000, 2)
    quality_cases = [
        ("autompg", {"objective": "reg:squarederror", "eta": 0.1, "max_depth": 4, "eval_metric": ["rmse", "mae"]}, 60, Xa, ya, Xav, yav),
        ("breast_cancer", {"objective": "binary:logistic", "eta": 0.1, "max_depth": 4, "eval_metric": ["logloss", "auc"]}, 60, Xb, yb, Xbv, ybv),
        ("iris", {"objective": "multi:softprob", "num_class": 3, "eta": 0.1, "max_depth": 3, "eval_metric": ["merror", "mlogloss"]}, 30, Xi, yi, Xiv, yiv),
        ("wine", {"objective": "multi:softmax", "num_class": 3, "eta": 0.1, "max_depth": 3, "eval_metric": ["merror", "mlogloss"]}, 30, Xw, yw, Xwv, ywv),
        # eta 0.1, depth 4: with eta 0.3, depth 6, 50 rounds the 20,000 rows are overfitted so far that
        # xgboost itself moves 0.8 % in logloss between max_bin 256 and 255.
        ("synthetic_binary", {"objective": "binary:logistic", "eta": 0.1, "max_depth": 4, "eval_metric": ["logloss", "auc"]}, 100,
         np.array(Xs), np.array(ys), np.array(Xsv), np.array(ysv)),
        ("breast_cancer_lossguide", {"objective": "binary:logistic", "eta": 0.1, "max_depth": 0, "grow_policy": "lossguide", "max_leaves": 8, "eval_metric": ["logloss", "auc"]}, 60, Xb, yb, Xbv, ybv),
    ]
    quality = {}
    for name, params, rounds, X, y, Xv, yv in quality_cases:
        _, result = train(params, X, y, rounds, Xv, yv)
        quality[name] = {m: v[-1] for m, v in result["validation"].items()}
        print(name, quality[name])
    expected = {
        "versions": {"xgboost": xgb.__version__, "numpy": np.__version__, "scikit-learn": sklearn.__version__,
                     "python": platform.python_version()},
        "models": models,
        "quality": quality,
    }
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)


if __name__ == "__main__":
    main()
