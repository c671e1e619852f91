"""The knob lab's sweep against scikit-learn doing the same experiment.

The experiment: the polynomial-overfitting lesson, degree 1…15 × wd ∈ {0, 0.1} = 30 trainings on
Datasets/noisy_sine, each model scored on its train rows and on the 200 held-out rows.
- sagesim: `sagesim sweep linear-learner` (Adam, 300 full-batch epochs, Legendre features), both
  cores over the trials.
- reference: scikit-learn, the same Legendre columns (numpy's legvander) standardised, then
  `SGDRegressor(penalty="l2", alpha=wd, max_iter=300, tol=None)` per setting, joblib over 2 workers
  (the way GridSearchCV/validation_curve parallelise), and the exact least-squares fit
  (`numpy.linalg.lstsq`) as the quality bar.
Prints wall times, the ratio, and held-out mse at a few degrees.
"""
import csv
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import sklearn
from joblib import Parallel, delayed
from numpy.polynomial import legendre
from sklearn.linear_model import SGDRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
train = np.loadtxt(os.path.join(root, "Datasets/noisy_sine/train.csv"), delimiter=",")
held = np.loadtxt(os.path.join(root, "Datasets/noisy_sine/validation.csv"), delimiter=",")
lo, hi = train[:, 1].min(), train[:, 1].max()


def columns(x, degree):
    return legendre.legvander(2 * (x - lo) / (hi - lo) - 1, degree)[:, 1:]


def reference(degree, wd):
    model = make_pipeline(StandardScaler(), SGDRegressor(penalty="l2", alpha=wd, max_iter=300, tol=None, random_state=0))
    model.fit(columns(train[:, 1], degree), train[:, 0])
    return float(np.mean((model.predict(columns(held[:, 1], degree)) - held[:, 0]) ** 2))


def least_squares(degree):
    a = legendre.legvander(2 * (train[:, 1] - lo) / (hi - lo) - 1, degree)
    c, *_ = np.linalg.lstsq(a, train[:, 0], rcond=None)
    b = legendre.legvander(2 * (held[:, 1] - lo) / (hi - lo) - 1, degree)
    return float(np.mean((b @ c - held[:, 0]) ** 2))


def main():
    sagesim = sys.argv[1]
    out = tempfile.mkdtemp()
    started = time.perf_counter()
    subprocess.run([sagesim, "sweep", "linear-learner", "--vary", "polynomial_degree=1:15:15", "--vary", "wd=0,0.1",
                    "--preprocess", "polynomial_basis=legendre", "--train", os.path.join(root, "Datasets/noisy_sine/train.csv"),
                    "--holdout", os.path.join(root, "Datasets/noisy_sine/validation.csv"), "--hp", "predictor_type=regressor",
                    "--hp", "num_models=1", "--hp", "epochs=300", "--hp", "mini_batch_size=20", "--hp", "use_lr_scheduler=false",
                    "--no-chart", "--plots", out, "--results", os.path.join(out, "r.csv")], check=True, stdout=subprocess.DEVNULL)
    ours = time.perf_counter() - started
    rows = {(int(r["polynomial_degree"]), r["wd"]): float(r["holdout:mse"]) for r in csv.DictReader(open(os.path.join(out, "r.csv")))}
    settings = [(d, wd) for d in range(1, 16) for wd in (0.0, 0.1)]
    started = time.perf_counter()
    theirs = Parallel(n_jobs=2)(delayed(reference)(d, wd) for d, wd in settings)
    ref = time.perf_counter() - started
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}")
    print("| run | 30 trainings (s) | ratio sagesim/reference |")
    print("|---|---|---|")
    print(f"| sagesim sweep (Adam, 300 epochs, 2 cores) | {ours:.2f} | {ours / ref:.2f} |")
    print(f"| sklearn SGDRegressor, joblib n_jobs=2 | {ref:.2f} | 1 |")
    print()
    print("| degree | held-out mse sagesim wd=0 | least squares | sklearn SGD alpha=0 |")
    print("|---|---|---|---|")
    for d in (1, 3, 5, 9, 12, 15):
        print(f"| {d} | {rows[(d, '0')]:.4f} | {least_squares(d):.4f} | {theirs[settings.index((d, 0.0))]:.4f} |")


if __name__ == "__main__":
    main()
