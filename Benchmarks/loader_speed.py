#!/usr/bin/env python3
"""nb's NumPy and CIFAR-10 loaders against NumPy reading the same files, interleaved.

    /work/venv-torch/bin/python Benchmarks/loader_speed.py [--rounds 3] [--nb-bench PATH]

Writes, under /tmp/nb-loaders (not committed): MNIST-sized uint8 images as x.npy (60,000 × 28 × 28,
47 MB), the same with int64 labels as np.savez (stored) and np.savez_compressed (deflated)
archives, and a CIFAR-10 folder of five random training batches in the binary layout (153.6 MB
of pixels). Each round runs `nb-bench --arrays FILE` (nb's check, then the whole read into a data
set, medians of 7) and NumPy's own reading (np.load, np.fromfile for CIFAR's records, medians of
7), one after the other, and prints both.
"""
import argparse
import os
import subprocess
import time

import numpy as np

ROOT = "/tmp/nb-loaders"


def write_files():
    os.makedirs(ROOT + "/cifar", exist_ok=True)
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, (60000, 28, 28), dtype=np.uint8)
    y = rng.integers(0, 10, 60000).astype(np.int64)
    if not os.path.exists(ROOT + "/x.npy"):
        np.save(ROOT + "/x.npy", x)
        np.savez(ROOT + "/stored.npz", x_train=x, y_train=y)
        np.savez_compressed(ROOT + "/deflated.npz", x_train=x, y_train=y)
    for i in range(1, 6):
        path = f"{ROOT}/cifar/data_batch_{i}.bin"
        if not os.path.exists(path):
            records = rng.integers(0, 256, (10000, 3073), dtype=np.uint8)
            records[:, 0] %= 10
            records.tofile(path)
    with open(ROOT + "/cifar/batches.meta.txt", "w") as f:
        f.write("\n".join(["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]))


def median(body, rounds=7):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return sorted(times)[rounds // 2]


def numpy_read(path):
    if path.endswith(".npy"):
        return lambda: np.load(path)
    if path.endswith(".npz"):
        def read():
            with np.load(path) as archive:
                return archive["x_train"], archive["y_train"]
        return read

    def cifar():
        records = [np.fromfile(f"{path}/data_batch_{i}.bin", dtype=np.uint8).reshape(-1, 3073) for i in range(1, 6)]
        return [(r[:, 0].copy(), r[:, 1:].reshape(-1, 3, 32, 32).copy()) for r in records]
    return cifar


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--nb-bench", default=".build/debug/nb-bench")
    args = parser.parse_args()
    write_files()
    paths = [ROOT + "/x.npy", ROOT + "/stored.npz", ROOT + "/deflated.npz", ROOT + "/cifar"]
    for round_ in range(args.rounds):
        for path in paths:
            nb = subprocess.run([args.nb_bench, "--arrays", path], capture_output=True, text=True, check=True)
            print(f"round {round_ + 1} nb    {nb.stdout.strip()}")
            seconds = median(numpy_read(path))
            size = 47.04 if not path.endswith("cifar") else 153.6
            print(f"round {round_ + 1} numpy {path}: read {seconds * 1000:.1f} ms = {size / seconds:.1f} MB/s of values")


if __name__ == "__main__":
    main()
