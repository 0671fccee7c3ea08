#!/usr/bin/env python3
"""Writes the small NumPy files the Datasets tests read, with NumPy itself as the writer.

Run from the project root: /work/venv-torch/bin/python Benchmarks/make_data_fixtures.py
The files go to Tests/Fixtures/data/ and are committed; the values are fixed so tests can
assert them exactly.
"""
import os

import numpy as np

out = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "data")
os.makedirs(out, exist_ok=True)

images = np.array([[[0, 51], [102, 255]], [[1, 2], [3, 4]], [[255, 0], [128, 64]]], dtype=np.uint8)
labels = np.array([7, 0, 9], dtype=np.int64)

np.save(os.path.join(out, "u1.npy"), images)
np.save(os.path.join(out, "f4.npy"), np.array([[0.5, -1.25, 3.0], [1e-3, 2.5, -0.0]], dtype="<f4"))
np.save(os.path.join(out, "f8.npy"), np.array([0.1, -2.5, 1e10, 0.25], dtype="<f8"))
np.save(os.path.join(out, "i8.npy"), labels)
np.save(os.path.join(out, "scalar.npy"), np.array(3.5, dtype="<f4"))
with open(os.path.join(out, "v2.npy"), "wb") as f:
    np.lib.format.write_array(f, np.arange(6, dtype="<f4").reshape(2, 3), version=(2, 0))
with open(os.path.join(out, "v3.npy"), "wb") as f:
    np.lib.format.write_array(f, np.arange(4, dtype="|u1"), version=(3, 0))
# Hostile but written by NumPy: a big-endian dtype, an unsupported one, Fortran order.
np.save(os.path.join(out, "big_endian.npy"), np.array([1, 2], dtype=">f4"))
np.save(os.path.join(out, "i4.npy"), np.array([1, 2], dtype="<i4"))
np.save(os.path.join(out, "fortran.npy"), np.asfortranarray(np.arange(6, dtype="<f4").reshape(2, 3)))

np.savez(os.path.join(out, "stored.npz"), x_train=images, y_train=labels)
np.savez_compressed(os.path.join(out, "deflated.npz"), x_train=images, y_train=labels)

# Keras' layout: colour images channels-last (N, H, W, C) and labels (N, 1), pixel (i, y, x, c)
# = 100·i + 10·(2y + x) + c so a test can tell where each value went.
colour = np.array(
    [[[[100 * i + 10 * (2 * y + x) + c for c in range(3)] for x in range(2)] for y in range(2)] for i in range(2)],
    dtype=np.uint8,
)
np.savez(os.path.join(out, "colour_nhwc.npz"), x_train=colour, y_train=np.array([[1], [2]], dtype=np.int64))
# A table: 4 rows of 3 float64 features, and labels that are not one per row.
np.save(os.path.join(out, "table.npy"), np.arange(12, dtype="<f8").reshape(4, 3) / 4)
np.save(os.path.join(out, "labels_2d.npy"), np.zeros((4, 2), dtype=np.int64))
