#!/usr/bin/env python3
"""Times reading an image folder with Pillow and NumPy, the reference for nb's image_folder.

    /work/venv-torch/bin/python Benchmarks/image_folder_speed.py [FOLDER] [--jpeg]

Writes FOLDER (default /tmp/nb-image-folder) first if it does not exist: 10,000 random 32×32
colour PNGs in 10 classes, written by Pillow (JPEGs of quality 90 with --jpeg). Then prints, as nb-bench --image-folder FOLDER
does for nb: the check (the listing, as torchvision's ImageFolder makes it, and the first
image's header) in ms, median of 21, and the full read, `np.stack([np.asarray(Image.open(p))
...])`, in s and MB of decoded pixels per s, median of 5.
"""
import os
import sys
import time

import numpy as np
from PIL import Image

arguments = [a for a in sys.argv[1:] if a != "--jpeg"]
folder = arguments[0] if arguments else "/tmp/nb-image-folder"
extension, options = (".jpg", {"quality": 90}) if "--jpeg" in sys.argv else (".png", {})
if not os.path.isdir(folder):
    rng = np.random.RandomState(0)
    for i in range(10_000):
        path = os.path.join(folder, f"class{i % 10}", f"{i:05d}{extension}")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        Image.fromarray(rng.randint(0, 256, (32, 32, 3), dtype=np.uint8)).save(path, **options)


def listing():
    classes = sorted(e.name for e in os.scandir(folder) if e.is_dir())
    return [
        os.path.join(root, name)
        for c in classes
        for root, _, names in sorted(os.walk(os.path.join(folder, c)))
        for name in sorted(names)
        if name.lower().endswith((".png", ".jpg", ".jpeg"))
    ]


def check():
    paths = listing()
    with Image.open(paths[0]) as image:
        return len(paths), image.size, image.mode


def read():
    return np.stack([np.asarray(Image.open(p)) for p in listing()])


def median(f, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = f()
        times.append(time.perf_counter() - start)
    return sorted(times)[repeats // 2], result


check_s, (count, size, mode) = median(check, 21)
read_s, array = median(read, 5)
print(
    f"Pillow {Image.__version__}: {count} images of {mode} {size[1]}×{size[0]}; check (listing and one header) "
    f"{check_s * 1000:.2f} ms median of 21; full read {read_s:.3f} s median of 5, "
    f"{array.nbytes / read_s / 1e6:.1f} MB of decoded pixels/s"
)
