#!/usr/bin/python3
"""The reading speed of NumPy and pandas on a generated ~20 MB CSV table, to set beside nb's.

    /usr/bin/python3 Benchmarks/csv_speed.py /tmp/table.csv        # writes the table if missing, times it
    .build/debug/nb-bench --csv /tmp/table.csv                      # nb's check time and read speed

The table: a header, then 100,000 rows of 20 features ('%.6f' of a standard normal, seed 0) and a
label 0-9. NumPy: np.loadtxt (float32, skiprows=1). pandas (python3-pandas, if installed):
read_csv whole, and the check-time equivalent, the header and the label column's distinct values
(read_csv(usecols=['label'])). Each the median of 5 rounds. Run under the build lock.
"""
import os
import statistics
import sys
import time

import numpy as np

ROWS, FEATURES = 100_000, 20


def write(path):
    generator = np.random.default_rng(0)
    features = generator.standard_normal((ROWS, FEATURES))
    labels = generator.integers(0, 10, ROWS)
    with open(path, "w") as f:
        f.write(",".join([f"f{i}" for i in range(FEATURES)] + ["label"]) + "\n")
        for row, label in zip(features, labels):
            f.write(",".join(f"{v:.6f}" for v in row) + f",{label}\n")


def median_seconds(body, rounds=5):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/nb-csv-bench.csv"
    if not os.path.exists(path):
        write(path)
    megabytes = os.path.getsize(path) / 1e6
    print(f"{path}: {megabytes:.1f} MB, {ROWS} rows × {FEATURES} features")
    seconds = median_seconds(lambda: np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float32))
    print(f"numpy {np.__version__} loadtxt: {seconds * 1000:.0f} ms = {megabytes / seconds:.1f} MB/s")
    try:
        import pandas as pd
    except ImportError:
        print("pandas: not installed (apt-get install python3-pandas)")
        return
    seconds = median_seconds(lambda: pd.read_csv(path, dtype=np.float32))
    print(f"pandas {pd.__version__} read_csv: {seconds * 1000:.0f} ms = {megabytes / seconds:.1f} MB/s")
    seconds = median_seconds(lambda: pd.read_csv(path, usecols=["label"])["label"].unique())
    print(f"pandas header and label column's classes: {seconds * 1000:.1f} ms")


if __name__ == "__main__":
    main()
