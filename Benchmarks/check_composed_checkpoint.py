#!/usr/bin/env python3
"""Checks that a VAE composed in a notebook loads into the PyTorch module a user writes from its summary.

    swift run nb Benchmarks/composed_checkpoint.md
    python3 Benchmarks/check_composed_checkpoint.py

The notebook composes a VAE from layers (5×5 convolution, max-pool, batch norm, dropout), trains it
for three epochs, saves it as safetensors and prints its test loss, BCE and KL on the first 16 MNIST
test images. This script reads the checkpoint and the run record (Output/composed_checkpoint.json)
and checks, printing every difference and exiting with status 1 if there is one:

1. `load_state_dict(..., strict=True)` of the module below takes the checkpoint: the same names,
   none missing or unexpected, the same shapes.
2. Each row of nb's summary (name, layer as PyTorch prints it, output shape, parameters) is what
   the PyTorch module has and gives, and the total parameter count agrees.
3. In eval mode, decoding z = μ, the BCE (summed over pixels) and KL per image on the same 16 test
   images agree with nb's test_bce and test_kl, and their sum with test_loss, to 1e-5 relative.

It needs only torch and numpy: the checkpoint is read with safetensors.torch.load_file when that
package is installed, and otherwise parsed by hand (an 8-byte little-endian header length, a JSON
header, then the raw little-endian tensors).
"""
import argparse
import json
import os
import struct
import sys

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from pytorch_reference import load_mnist

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOLERANCE = 1e-5


class ComposedVAE(nn.Module):
    """The notebook's model, written from nb's summary: the names and layers of its first two columns."""

    def __init__(self, latent=16):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 16, kernel_size=5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, kernel_size=3, stride=2, padding=1), nn.BatchNorm2d(32), nn.ReLU(),
            nn.Flatten(), nn.Dropout(0.2))
        self.fc_mu = nn.Linear(1568, latent)
        self.fc_logvar = nn.Linear(1568, latent)
        self.decoder = nn.Sequential(
            nn.Linear(latent, 1568), nn.ReLU(), nn.Unflatten(1, (32, 7, 7)),
            nn.ConvTranspose2d(32, 16, kernel_size=3, stride=2, padding=1, output_padding=1), nn.ReLU(),
            nn.ConvTranspose2d(16, 1, kernel_size=3, stride=2, padding=1, output_padding=1), nn.Sigmoid())

    def forward(self, x):
        h = self.encoder(x)
        mu, logvar = self.fc_mu(h), self.fc_logvar(h)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar) if self.training else mu
        return self.decoder(z), mu, logvar


DTYPES = {"F32": torch.float32, "F64": torch.float64, "I64": torch.int64, "I32": torch.int32}


def read_safetensors(path):
    """The checkpoint's tensors by name: safetensors' own reader if installed, else the format by hand."""
    try:
        from safetensors.torch import load_file
        return load_file(path)
    except ImportError:
        pass
    with open(path, "rb") as f:
        data = f.read()
    length, = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    body = data[8 + length:]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        start, end = entry["data_offsets"]
        flat = torch.frombuffer(bytearray(body[start:end]), dtype=DTYPES[entry["dtype"]])
        tensors[name] = flat.reshape(entry["shape"])
    return tensors


def record_values(record_path):
    """nb's summary rows and its inline test numbers, from the run record's displayed values."""
    with open(record_path) as f:
        statements = json.load(f)["statements"]
    by_source = {s["source"]: s for s in statements}
    summary = next(s for s in statements if s["source"].startswith("summary("))
    numbers = {name: float(by_source[f"{name}(f, on: test)"]["display"]["text"])
               for name in ("test_loss", "test_bce", "test_kl")}
    return summary["display"]["table"], numbers


def check_summary(model, table, images):
    """Every summary row against the module: its repr, output shape on `images` and parameter count.
    Gives the differences, one line each, and the numbers of layers and parameters compared."""
    modules = dict(model.named_modules())
    rows = [dict(zip(table["columns"], row)) for row in table["rows"]]
    layers = [row for row in rows if row["name"] not in ("input", "total")]
    problems = [f"{row['name']}: in nb's summary, not in the PyTorch module" for row in layers
                if row["name"] not in modules]
    if problems:
        return problems, len(layers), None
    shapes = {}

    def recorder(name):
        def record(_module, _inputs, output):
            shapes[name] = "×".join(map(str, output.shape[1:]))
        return record

    hooks = [modules[row["name"]].register_forward_hook(recorder(row["name"])) for row in layers]
    with torch.no_grad():
        model(images)
    for hook in hooks:
        hook.remove()
    for row in layers:
        name = row["name"]
        module = modules[name]
        parameters = sum(p.numel() for p in module.parameters())
        for column, got in (("layer", repr(module)), ("output shape", shapes[name]), ("parameters", parameters)):
            if row[column] != got:
                problems.append(f"{name}: {column} is {row[column]!r} in nb's summary, {got!r} in PyTorch")
    total = sum(p.numel() for p in model.parameters())
    if rows[-1]["parameters"] != total:
        problems.append(f"total: {rows[-1]['parameters']} parameters in nb's summary, {total} in PyTorch")
    return problems, len(layers), total


@torch.no_grad()
def test_numbers(model, images):
    """BCE summed over pixels and KL to N(0, I), per image, decoding z = μ (the module in eval mode)."""
    recon, mu, logvar = model(images)
    n = len(images)
    logits = model.decoder[:-1](mu)
    return {"test_bce": F.binary_cross_entropy(recon, images, reduction="sum").item() / n,
            "test_bce_from_logits": F.binary_cross_entropy_with_logits(logits, images, reduction="sum").item() / n,
            "test_kl": -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp()).item() / n}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkpoint", default=os.path.join(ROOT, "Output", "composed_checkpoint", "m.safetensors"))
    parser.add_argument("--record", default=os.path.join(ROOT, "Output", "composed_checkpoint.json"))
    parser.add_argument("--data", default=os.path.join(ROOT, "Data", "mnist"))
    parser.add_argument("--images", type=int, default=16, help="the notebook's test limit")
    args = parser.parse_args()

    model = ComposedVAE()
    state = read_safetensors(args.checkpoint)
    model.load_state_dict(state, strict=True)
    model.eval()
    print(f"strict=True: all {len(state)} tensors of {args.checkpoint} loaded")

    table, nb = record_values(args.record)
    x_test, _ = load_mnist("test", args.data)
    images = x_test[:args.images]
    problems, rows, total = check_summary(model, table, images)
    for problem in problems:
        print(f"DIFFERENT {problem}")
    print(f"summary: {rows} rows compared (layer, output shape, parameters); differences: {len(problems)}; "
          f"parameters in PyTorch: {total}")

    torch_numbers = test_numbers(model, images)
    torch_numbers["test_loss"] = torch_numbers["test_bce"] + torch_numbers["test_kl"]
    for name in ("test_loss", "test_bce", "test_kl"):
        relative = abs(torch_numbers[name] - nb[name]) / abs(nb[name])
        print(f"{name:>10}: nb {nb[name]:.6f}  PyTorch {torch_numbers[name]:.6f}  relative {relative:.1e}")
        if not np.isfinite(torch_numbers[name]) or relative > TOLERANCE:
            problems.append(f"{name} differs by {relative:.1e} relative, more than {TOLERANCE:.0e}")
    print(f"  (PyTorch's BCE from the logits, as nb fuses the sigmoid: {torch_numbers['test_bce_from_logits']:.6f})")
    print("FAIL" if problems else "OK")
    sys.exit(1 if problems else 0)

if __name__ == "__main__":
    main()
