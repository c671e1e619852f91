"""Python port of sagesim's SyntheticData (Sources/SageSim/Algorithms/XGBoost/SyntheticData.swift):
xoshiro256** seeded through SplitMix64, uniform = top 53 bits / 2^53, and the same formulas, so the
rows are bit-identical to the ones sagesim generates. Pure Python: use it for small sets (tests);
the benchmark reads the rows sagesim-bench writes instead."""
import math

M = (1 << 64) - 1


class SeededRandom:
    def __init__(self, seed):
        sm = seed & M
        s = []
        for _ in range(4):
            sm = (sm + 0x9E3779B97F4A7C15) & M
            z = sm
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
            s.append(z ^ (z >> 31))
        self.s = s

    def next(self):
        s0, s1, s2, s3 = self.s
        rot = lambda x, k: ((x << k) | (x >> (64 - k))) & M
        result = (rot((s1 * 5) & M, 7) * 9) & M
        t = (s1 << 17) & M
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rot(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def uniform(self):
        return (self.next() >> 11) * 2.0 ** -53


FEATURES = 28


def logit(x):
    f = 1.5 * x[0] - 1.0 * x[1] + 0.8 * x[2] * x[3] + 1.2 * x[4] * x[4] - 0.6
    for j in range(5, 14):
        f += (0.3 if j % 2 == 1 else -0.3) * x[j]
    f += 0.7 if x[14] > 0.2 else -0.3
    f += 2 * x[15] * x[16] * x[17]
    return f


def binary(rows, seed, positive_shift=0.0):
    r = SeededRandom(seed)
    X, y = [], []
    for _ in range(rows):
        x = [2 * r.uniform() - 1 for _ in range(FEATURES)]
        f = logit(x) + positive_shift
        y.append(1.0 if r.uniform() < 1 / (1 + math.exp(-f)) else 0.0)
        X.append(x)
    return X, y


def regression(rows, seed):
    r = SeededRandom(seed)
    X, y = [], []
    for _ in range(rows):
        x = [r.uniform() for _ in range(FEATURES)]
        noise = -2.0
        for _ in range(4):
            noise += r.uniform()
        y.append(10 * math.sin(math.pi * x[0] * x[1]) + 20 * (x[2] - 0.5) * (x[2] - 0.5)
                 + 10 * x[3] + 5 * x[4] + 3 * x[5] * x[6] + noise)
        X.append(x)
    return X, y


if __name__ == "__main__":
    # python3 Benchmarks/xgboost_data.py binary|regression ROWS SEED OUT.csv [POSITIVE_SHIFT]
    import sys
    kind, rows, seed, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    if kind == "binary":
        X, y = binary(rows, seed, float(sys.argv[5]) if len(sys.argv) > 5 else 0.0)
    else:
        X, y = regression(rows, seed)
    with open(out, "w") as f:
        for label, row in zip(y, X):
            f.write(repr(label) + "," + ",".join(repr(v) for v in row) + "\n")
