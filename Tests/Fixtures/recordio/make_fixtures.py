"""Makes the RecordIO-protobuf test fixtures with the SageMaker Python SDK itself.

    python3 -m venv /tmp/venv-sdk && /tmp/venv-sdk/bin/pip install "sagemaker>=2.200,<3" scipy
    /tmp/venv-sdk/bin/python Tests/Fixtures/recordio/make_fixtures.py

Writes *.pbr with the SDK's write_numpy_to_dense_tensor / write_spmatrix_to_sparse_tensor and
expected.json with the values the SDK's own read_records decodes from each file, so the Swift tests
check sagesim's reader against the SDK without needing Python.

    /tmp/venv-sdk/bin/python Tests/Fixtures/recordio/make_fixtures.py verify FILE.pbr EXPECTED.csv

reads a file sagesim wrote with the SDK's read_records and compares it with a CSV of the same rows
(label first), printing the largest difference.
"""
import io, json, os, sys
import numpy as np
import scipy.sparse as sp
import sagemaker
from sagemaker.amazon.common import read_records, write_numpy_to_dense_tensor, write_spmatrix_to_sparse_tensor

HERE = os.path.dirname(os.path.abspath(__file__))


def decode(path):
    """The SDK's reading of a file: per record, its features and label as plain lists."""
    rows = []
    with open(path, "rb") as f:
        for record in read_records(f):
            feature = record.features["values"]
            kind = feature.WhichOneof("value")
            tensor = getattr(feature, kind)
            # Values as exact hexadecimal floats ("0x1.a4p+0"): a decimal round trip through some
            # JSON parsers is not exact, and the test compares bit for bit.
            row = {"type": kind, "values": [float(v).hex() for v in tensor.values], "keys": list(tensor.keys),
                   "shape": list(tensor.shape)}
            if "values" in record.label:
                label = record.label["values"]
                row["label"] = [float(v).hex() for v in getattr(label, label.WhichOneof("value")).values]
            rows.append(row)
    return rows


def make():
    rng = np.random.default_rng(2024)
    dense32 = rng.standard_normal((5, 3)).astype(np.float32)
    labels32 = np.array([0, 1, 1, 0, 1], dtype=np.float32)
    dense64 = rng.standard_normal((4, 6))
    labels64 = rng.standard_normal(4)
    ints = rng.integers(-5, 100, (3, 4)).astype(int)  # "platform int": the SDK writes Int32Tensor
    csr = sp.random(6, 10, density=0.3, random_state=7, format="csr", dtype=np.float32)
    csr[2, :] = 0  # an all-zero row: a record with no keys
    csr.eliminate_zeros()
    sparse_labels = np.arange(6, dtype=np.float32)
    fixtures = {
        "dense_float32.pbr": lambda f: write_numpy_to_dense_tensor(f, dense32, labels32),
        "dense_float64.pbr": lambda f: write_numpy_to_dense_tensor(f, dense64, labels64),
        "dense_int32_nolabel.pbr": lambda f: write_numpy_to_dense_tensor(f, ints),
        "sparse_float32.pbr": lambda f: write_spmatrix_to_sparse_tensor(f, csr, sparse_labels),
        "worked_example.pbr": lambda f: write_numpy_to_dense_tensor(
            f, np.array([[1.5, 2.0, 0.0]], dtype=np.float32), np.array([1.0], dtype=np.float32)),
    }
    expected = {"sdk_version": sagemaker.__version__, "numpy_version": np.__version__, "files": {}}
    for name, write in fixtures.items():
        path = os.path.join(HERE, name)
        with open(path, "wb") as f:
            write(f)
        expected["files"][name] = decode(path)
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    print("wrote", ", ".join(fixtures), "with SDK", sagemaker.__version__)


def verify(pbr, csv):
    rows = decode(pbr)
    table = np.loadtxt(csv, delimiter=",", ndmin=2)
    worst = 0.0
    for row, expected in zip(rows, table):
        dense = np.zeros(len(expected) - 1)
        values = [float.fromhex(v) for v in row["values"]]
        if row["keys"]:
            dense[row["keys"]] = values
        else:
            dense[:] = values
        label = float.fromhex(row["label"][0])
        worst = max(worst, abs(label - expected[0]), float(np.max(np.abs(dense - expected[1:]))))
    print(f"{len(rows)} records read by the SDK's read_records ({len(table)} CSV rows); largest difference {worst:.3g}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "verify":
        verify(sys.argv[2], sys.argv[3])
    else:
        make()
