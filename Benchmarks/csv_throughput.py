"""Read throughput: sagesim's CSV reader on generated numeric CSV (label first), against
pandas.read_csv on the same file in one run; and the same rows as RecordIO-protobuf (dense Float32
records, converted by `sagesim convert`), read by sagesim, against the CSV read."""
import json, os, subprocess, sys, time
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")
BENCH = sys.argv[1]
SAGESIM = sys.argv[2]


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
        pbr = os.path.join(OUT, "throughput.pbr")
        subprocess.check_output([SAGESIM, "convert", "--input", path, "--content-type", "text/csv", "--output", pbr,
                                 "--accept", "application/x-recordio-protobuf"])
        r = json.loads(subprocess.check_output([BENCH, "csv", pbr, "application/x-recordio-protobuf"]))
        line += [f"{r['mb_per_s']:.0f}", f"{r['rows_per_s']:.0f}", f"{r['rows_per_s'] / s['rows_per_s']:.2f}x"]
        rows.append(line)
    print("| data | CSV MB | sagesim CSV MB/s (1 core) | sagesim CSV rows/s | pandas.read_csv MB/s | sagesim/pandas "
          "| RecordIO MB/s | RecordIO rows/s | RecordIO/CSV rows/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
