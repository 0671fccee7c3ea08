#!/usr/bin/python3
"""scikit-learn's LogisticRegression on the same train/test split and standardization as nb's csv(...).

Run with Debian's python3 (python3-sklearn, installed by Scripts/setup):
    /usr/bin/python3 Benchmarks/tabular_reference.py [--seed 0] [--test-fraction 0.25]
    /usr/bin/python3 Benchmarks/tabular_reference.py --write-split-fixture

It re-implements nb's split exactly (Sources/Datasets/TableSplit.swift): one xoshiro256** generator
seeded through SplitMix64 (Sources/Engine/Random/SeededGenerator.swift) serves every class in
class-index order; each class's rows, in file order, are shuffled by Fisher-Yates (i from n-1 down
to 1, swap with an index drawn below i+1 by Lemire's unbiased method), and the first
ceil(n * fraction) go to the test set. Features are float32 as nb reads them, standardized with the
training rows' mean and population standard deviation (a constant column divided by 1), which the
script checks against StandardScaler. --write-split-fixture writes the test rows of wine for seed 0,
which DatasetsTests compares with nb's split.
"""
import argparse
import math
import os
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

DATA = "/usr/lib/python3/dist-packages/sklearn/datasets/data"
TABLES = {"wine": "wine_data.csv", "breast_cancer": "breast_cancer.csv", "iris": "iris.csv"}
FIXTURE = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "data", "csv", "wine_split_seed0.txt")
MASK = (1 << 64) - 1


def rotate_left(value, amount):
    return ((value << amount) | (value >> (64 - amount))) & MASK


class SeededGenerator:
    """nb's SeededGenerator: xoshiro256**, its four words from SplitMix64."""

    def __init__(self, seed):
        mixer = seed & MASK
        self.words = []
        for _ in range(4):
            mixer = (mixer + 0x9E3779B97F4A7C15) & MASK
            z = mixer
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            self.words.append(z ^ (z >> 31))

    def next(self):
        s0, s1, s2, s3 = self.words
        result = (rotate_left((s1 * 5) & MASK, 7) * 9) & MASK
        shifted = (s1 << 17) & MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= shifted
        s3 = rotate_left(s3, 45)
        self.words = [s0, s1, s2, s3]
        return result

    def next_int_below(self, bound):
        """Lemire's method, as nextInt(below:): the high word of a 128-bit product."""
        product = self.next() * bound
        if product & MASK < bound:
            threshold = ((1 << 64) - bound) % bound
            while product & MASK < threshold:
                product = self.next() * bound
        return product >> 64

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.next_int_below(i + 1)
            items[i], items[j] = items[j], items[i]


def split(labels, class_count, test_fraction, seed):
    """nb's TableSplit: the training and the test rows' indices, each ascending."""
    generator = SeededGenerator(seed)
    train, test = [], []
    for label in range(class_count):
        rows = [i for i, y in enumerate(labels) if y == label]
        generator.shuffle(rows)
        count = math.ceil(len(rows) * test_fraction)
        test += rows[:count]
        train += rows[count:]
    return sorted(train), sorted(test)


def load(name):
    """A scikit-learn table as nb reads it (skip 1, no header, label last): float32 features, labels."""
    data = np.loadtxt(os.path.join(DATA, TABLES[name]), delimiter=",", skiprows=1, dtype=np.float64)
    features = data[:, :-1].astype(np.float32)
    # The labels are 0, 1, …: their numeric order is the class index nb gives them.
    values = sorted(set(data[:, -1].tolist()))
    labels = np.array([values.index(v) for v in data[:, -1]], dtype=np.int64)
    return features, labels, len(values)


def standardize(train, test):
    """(x - mean) / std over the training rows, in float64, back to float32 as nb stores it."""
    mean = train.astype(np.float64).mean(axis=0)
    std = train.astype(np.float64).std(axis=0)
    scale = np.where(std == 0, 1.0, std)
    scaled = [((x.astype(np.float64) - mean) / scale).astype(np.float32) for x in (train, test)]
    reference = StandardScaler().fit(train.astype(np.float64))
    for mine, x in zip(scaled, (train, test)):
        assert np.allclose(mine, reference.transform(x.astype(np.float64)), atol=1e-5), "differs from StandardScaler"
    return scaled


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--test-fraction", type=float, default=0.25)
    parser.add_argument("--write-split-fixture", action="store_true")
    args = parser.parse_args()

    if args.write_split_fixture:
        _, labels, classes = load("wine")
        _, test = split(labels.tolist(), classes, 0.25, 0)
        with open(FIXTURE, "w") as f:
            f.write("# wine_data.csv's test rows (0-based, ascending), split with test fraction 0.25 and seed 0\n")
            f.write("# by Benchmarks/tabular_reference.py --write-split-fixture\n")
            f.write("\n".join(map(str, test)) + "\n")
        return

    for name in ("wine", "breast_cancer"):
        features, labels, classes = load(name)
        train, test = split(labels.tolist(), classes, args.test_fraction, args.seed)
        x_train, x_test = standardize(features[train], features[test])
        model = LogisticRegression(max_iter=1000).fit(x_train, labels[train])
        accuracy = model.score(x_test, labels[test])
        print(
            f"{name}: {len(labels)} rows, {features.shape[1]} features, {classes} classes; "
            f"train {len(train)}, test {len(test)} (seed {args.seed}, test fraction {args.test_fraction}); "
            f"LogisticRegression(max_iter=1000) test accuracy {accuracy:.4f} ({round(accuracy * len(test))}/{len(test)})"
        )


if __name__ == "__main__":
    sys.exit(main())
