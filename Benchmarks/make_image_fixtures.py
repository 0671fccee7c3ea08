#!/usr/bin/env python3
"""Writes the small image folders the Datasets tests read, with Pillow (and its libpng and
libjpeg) as the writer, and the pixels Pillow decodes from them as .npy files.

Run from the project root: /work/venv-torch/bin/python Benchmarks/make_image_fixtures.py
Everything goes to Tests/Fixtures/data/images/ and is committed; the pixels are fixed (a seeded
generator), so the files and the tests' expectations do not change between runs.

Each expected array is what Pillow decodes, as torchvision's loader would read it:
`Image.open(p).convert(mode)` with the mode of the folder's first image ("L" or "RGB"), then
`.resize((W, H), Image.BILINEAR)` where a size is given, stacked and laid out channels first
(N × C × H × W) as `ToTensor` does. One exception, 16-bit grey: Pillow's `convert("L")` clips
its I;16 values at 255, so its expectation is the high byte (what Pillow keeps of 16-bit RGB).
"""
import os
import shutil
import struct
import zlib

import numpy as np
from PIL import Image

root = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "data", "images")
shutil.rmtree(root, ignore_errors=True)
expected_dir = os.path.join(root, "expected")
os.makedirs(expected_dir)
rng = np.random.RandomState(29)


def pixels(height, width, channels):
    """A smooth gradient plus noise, so JPEG has edges and flat areas both."""
    y, x = np.mgrid[0:height, 0:width]
    base = (x * 255 // max(width - 1, 1) + y * 64 // max(height - 1, 1)) % 256
    planes = [(base + rng.randint(0, 48, size=base.shape) + 80 * c) % 256 for c in range(channels)]
    array = np.stack(planes, axis=-1).astype(np.uint8)
    return array[:, :, 0] if channels == 1 else array


def save(image, path, **options):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    image.save(path, **options)


def expect(name, paths, mode, size=None):
    """Pillow's decoding of `paths` as `mode`, resized to `size` (H, W), as N × C × H × W bytes."""
    arrays = []
    for path in paths:
        image = Image.open(path)
        if image.mode == "I;16":
            array = (np.asarray(image).astype(np.uint16) >> 8).astype(np.uint8)
            image = Image.fromarray(array)
        image = image.convert(mode)
        if size is not None:
            image = image.resize((size[1], size[0]), Image.BILINEAR)
        array = np.asarray(image)
        arrays.append(array[None] if array.ndim == 2 else array.transpose(2, 0, 1))
    np.save(os.path.join(expected_dir, name + ".npy"), np.stack(arrays))


def listing(folder):
    """The folder's images in torchvision's order (classes sorted, then files)."""
    return [
        os.path.join(folder, c, f)
        for c in sorted(os.listdir(folder))
        for f in sorted(os.listdir(os.path.join(folder, c)))
    ]


# 3 classes × 2 grey 8×8 PNGs.
grey = os.path.join(root, "grey")
for c in ["circle", "square", "triangle"]:
    for i in range(2):
        save(Image.fromarray(pixels(8, 8, 1)), os.path.join(grey, c, f"{i}.png"))
expect("grey", listing(grey), "L")
# Skipped by the listing: hidden files and folders, and files of other extensions.
for junk in ["circle/.hidden.png", "circle/notes.txt", ".cache/x.png"]:
    os.makedirs(os.path.dirname(os.path.join(grey, junk)), exist_ok=True)
    with open(os.path.join(grey, junk), "w") as f:
        f.write("not an image\n")

# 3 classes × (a colour PNG and a colour JPEG), 8×8; upper-case extension on one.
colour = os.path.join(root, "colour")
for c in ["bird", "cat", "dog"]:
    save(Image.fromarray(pixels(8, 8, 3)), os.path.join(colour, c, "a.png"))
    save(Image.fromarray(pixels(8, 8, 3)), os.path.join(colour, c, "b.JPG"), quality=90)
expect("colour", listing(colour), "RGB")

# Every PNG colour type and JPEG kind, 6×5, in one class: the first file decides the channels,
# colour in modes_rgb and grey in modes_grey, and the rest are converted to it.
kinds = {
    "1_palette.png": Image.fromarray(pixels(6, 5, 3)).convert("P", palette=Image.ADAPTIVE, colors=16),
    "2_rgba.png": Image.fromarray(np.dstack([pixels(6, 5, 3), pixels(6, 5, 1)]), "RGBA"),
    "3_grey_alpha.png": Image.fromarray(np.dstack([pixels(6, 5, 1), pixels(6, 5, 1)]), "LA"),
    "4_grey16.png": Image.fromarray(pixels(6, 5, 1).astype(np.uint16) * 257 + 3),
    "5_bilevel.png": Image.fromarray(pixels(6, 5, 1) > 128),
    "6_grey.jpg": Image.fromarray(pixels(6, 5, 1)),
    "7_progressive.jpg": Image.fromarray(pixels(6, 5, 3)),
}
transparent = Image.fromarray(pixels(6, 5, 3)).convert("P", palette=Image.ADAPTIVE, colors=8)
for first, mode in [(Image.fromarray(pixels(6, 5, 3)), "RGB"), (Image.fromarray(pixels(6, 5, 1)), "L")]:
    folder = os.path.join(root, "modes_rgb" if mode == "RGB" else "modes_grey", "all")
    save(first, os.path.join(folder, "0_first.png"))
    for name, image in kinds.items():
        options = {"progressive": True, "quality": 85} if "progressive" in name else {}
        save(image, os.path.join(folder, name), **options)
    save(transparent, os.path.join(folder, "8_palette_trns.png"), transparency=0)
    expect("modes_" + ("rgb" if mode == "RGB" else "grey"), listing(os.path.dirname(folder)), mode)

# Mixed sizes for resizing, shrinking and enlarging, colour PNG then grey JPEG.
sizes = os.path.join(root, "sizes")
for c, shapes in [("a", [(8, 8), (12, 10)]), ("b", [(5, 7), (16, 16)])]:
    for i, (h, w) in enumerate(shapes):
        save(Image.fromarray(pixels(h, w, 3)), os.path.join(sizes, c, f"{i}.png"))
    save(Image.fromarray(pixels(9, 11, 1)), os.path.join(sizes, c, "2.jpg"), quality=95)
expect("sizes_6x9", listing(sizes), "RGB", size=(6, 9))
expect("sizes_20x3", listing(sizes), "RGB", size=(20, 3))

# Hostile files, each read alone by the tests.
hostile = os.path.join(root, "hostile")
os.makedirs(hostile)
buffer = os.path.join(hostile, "whole.png")
save(Image.fromarray(pixels(8, 8, 3)), buffer)
with open(buffer, "rb") as f:
    png = f.read()
os.remove(buffer)
with open(os.path.join(hostile, "truncated.png"), "wb") as f:
    f.write(png[: len(png) - 30])
save(Image.fromarray(pixels(8, 8, 3)), buffer.replace(".png", ".jpg"), quality=90)
with open(buffer.replace(".png", ".jpg"), "rb") as f:
    jpeg = f.read()
os.remove(buffer.replace(".png", ".jpg"))
with open(os.path.join(hostile, "truncated.jpg"), "wb") as f:
    f.write(jpeg[: len(jpeg) * 2 // 3])
open(os.path.join(hostile, "empty.png"), "wb").close()
with open(os.path.join(hostile, "text.png"), "w") as f:
    f.write("this is not a picture\n")
# The real PNG with its IHDR claiming 100000 × 100000 (and its CRC fixed, so only the size is wrong).
ihdr = b"IHDR" + struct.pack(">II", 100000, 100000) + png[24:29]
huge = png[:8] + struct.pack(">I", 13) + ihdr + struct.pack(">I", zlib.crc32(ihdr)) + png[33:]
with open(os.path.join(hostile, "huge.png"), "wb") as f:
    f.write(huge)
save(Image.fromarray(pixels(8, 8, 3)).convert("CMYK"), os.path.join(hostile, "cmyk.jpg"))

# Folders that are not image folders: a class with no images, and no class at all.
empty_class = os.path.join(root, "empty_class")
save(Image.fromarray(pixels(4, 4, 1)), os.path.join(empty_class, "a", "0.png"))
os.makedirs(os.path.join(empty_class, "b"))
with open(os.path.join(empty_class, "b", "notes.txt"), "w") as f:
    f.write("no images here\n")
os.makedirs(os.path.join(root, "no_classes"))
with open(os.path.join(root, "no_classes", "readme.txt"), "w") as f:
    f.write("no class folders here\n")
