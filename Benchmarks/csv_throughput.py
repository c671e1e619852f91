"""CSV read throughput: sagesim's reader on a generated 100,000 × 100 numeric CSV (label first),
against numpy.loadtxt and pandas.read_csv when installed, on the same file in one run."""
import json, os, subprocess, sys, time
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")
BENCH = sys.argv[1]


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(7)
    rows = []
    for name, x in [("random %.6g doubles", rng.standard_normal((100_000, 101))),
                    ("digits-like integers 0-16", rng.integers(0, 17, (200_000, 65)).astype(float))]:
        path = os.path.join(OUT, "throughput.csv")
        np.savetxt(path, x, delimiter=",", fmt="%.6g")
        size = os.path.getsize(path)
        s = json.loads(subprocess.check_output([BENCH, "csv", path]))
        line = [name, f"{size / 1e6:.1f}", f"{s['mb_per_s']:.0f}", f"{s['rows_per_s']:.0f}"]
        try:
            import pandas as pd
            t = time.perf_counter(); pd.read_csv(path, header=None); t = time.perf_counter() - t
            line += [f"{size / t / 1e6:.0f}", f"{s['mb_per_s'] * t * 1e6 / size:.2f}x"]
        except ImportError:
            line += ["-", "-"]
        rows.append(line)
    print("| data | MB | sagesim MB/s (1 core) | sagesim rows/s | pandas.read_csv MB/s | sagesim/pandas |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
