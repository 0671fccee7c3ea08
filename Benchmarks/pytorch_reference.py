#!/usr/bin/env python3
"""The reference: the two VAEs of Notebooks/vae_compare.md in plain PyTorch, on the CPU.

Same architectures, data, hyper-parameters and loss as nb, so the numbers can be compared:

    python3 Benchmarks/pytorch_reference.py train --epochs 10           # full training, test metrics
    python3 Benchmarks/pytorch_reference.py benchmark --threads 2       # training images/s per model (median step,
                                                                        # shuffled batches, gather included)
    python3 Benchmarks/pytorch_reference.py evaluate Output/vae_compare/mlp.safetensors --model mlp

`evaluate` loads a checkpoint written by nb's `save(fit, path:)` with safetensors.torch.load_file
into the module below (state_dict names match by construction) and prints the test metrics.

Loss, as in nb: binary cross-entropy summed over pixels plus beta times the KL divergence to
N(0, I), averaged over the images of a batch for the gradient, reported per image. Test metrics
decode the posterior mean (z = mu), so they are deterministic and comparable across engines.
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_idx(path):
    """Reads a gzip-compressed IDX file into a uint8 array, checking its header."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    if magic >> 8 != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file (magic {magic:#010x})")
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    payload = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims)
    if payload.size != int(np.prod(shape)):
        raise ValueError(f"{path}: {payload.size} bytes of data, header says {int(np.prod(shape))}")
    return payload.reshape(shape)


def load_mnist(split, directory):
    prefix = "train" if split == "train" else "t10k"
    images = read_idx(os.path.join(directory, f"{prefix}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(directory, f"{prefix}-labels-idx1-ubyte.gz"))
    x = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1)
    return x, torch.from_numpy(labels.astype(np.int64))


class VAE(nn.Module):
    """encoder → (fc_mu, fc_logvar) → reparameterise → decoder, named as nb names its checkpoints."""

    def __init__(self, encoder, features, latent, decoder):
        super().__init__()
        self.encoder = encoder
        self.fc_mu = nn.Linear(features, latent)
        self.fc_logvar = nn.Linear(features, latent)
        self.decoder = decoder

    def forward(self, x, sample=True, noise=None):
        h = self.encoder(x)
        mu, logvar = self.fc_mu(h), self.fc_logvar(h)
        if sample:
            eps = torch.randn_like(mu) if noise is None else noise
            z = mu + eps * torch.exp(0.5 * logvar)
        else:
            z = mu
        return self.decoder(z).view_as(x), mu, logvar


ACTIVATIONS = {"relu": nn.ReLU, "leaky_relu": nn.LeakyReLU, "elu": nn.ELU, "tanh": nn.Tanh, "gelu": nn.GELU,
               "sigmoid": nn.Sigmoid}


def mlp_vae(image_shape=(1, 28, 28), hidden=(400, 400), latent=20, activation="relu", batchnorm=False):
    """The MLP VAE exactly as nb builds it (Sources/Engine/Models/Architectures.swift)."""
    pixels = int(np.prod(image_shape))
    act = ACTIVATIONS[activation]
    layers, width = [nn.Flatten()], pixels
    for h in hidden:
        layers += [nn.Linear(width, h)] + ([nn.BatchNorm1d(h)] if batchnorm else []) + [act()]
        width = h
    decoder, d = [], latent
    for h in reversed(hidden):
        decoder += [nn.Linear(d, h)] + ([nn.BatchNorm1d(h)] if batchnorm else []) + [act()]
        d = h
    decoder += [nn.Linear(d, pixels), nn.Sigmoid()]
    return VAE(nn.Sequential(*layers), width, latent, nn.Sequential(*decoder))


def cnn_vae(image_shape=(1, 28, 28), channels=(32, 64, 64), latent=20, activation="relu", batchnorm=False):
    """The CNN VAE exactly as nb builds it: stride-2 for the first two convolutions, then stride 1."""
    act = ACTIVATIONS[activation]
    layers, previous = [], image_shape[0]
    for index, c in enumerate(channels):
        layers += [nn.Conv2d(previous, c, 3, stride=2 if index < 2 else 1, padding=1)]
        layers += ([nn.BatchNorm2d(c)] if batchnorm else []) + [act()]
        previous = c
    code = (channels[-1], image_shape[1] // 4, image_shape[2] // 4)
    features = int(np.prod(code))
    layers += [nn.Flatten()]
    decoder = [nn.Linear(latent, features)] + ([nn.BatchNorm1d(features)] if batchnorm else []) + [act()]
    decoder += [nn.Unflatten(1, code), nn.ConvTranspose2d(channels[-1], channels[0], 3, stride=2, padding=1,
                                                          output_padding=1)]
    decoder += ([nn.BatchNorm2d(channels[0])] if batchnorm else []) + [act()]
    decoder += [nn.ConvTranspose2d(channels[0], image_shape[0], 3, stride=2, padding=1, output_padding=1),
                nn.Sigmoid()]
    return VAE(nn.Sequential(*layers), features, latent, nn.Sequential(*decoder))


MODELS = {"mlp": mlp_vae, "cnn": cnn_vae}


def loss_parts(recon, x, mu, logvar):
    bce = F.binary_cross_entropy(recon, x, reduction="sum")
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return bce, kl


@torch.no_grad()
def evaluate(model, x, batch=1000, beta=1.0):
    """Test loss (BCE + beta·KL per image) and reconstruction MSE per pixel, decoding z = mu."""
    model.eval()
    bce_total = kl_total = mse_total = 0.0
    for start in range(0, len(x), batch):
        xb = x[start:start + batch]
        recon, mu, logvar = model(xb, sample=False)
        bce, kl = loss_parts(recon, xb, mu, logvar)
        bce_total += bce.item()
        kl_total += kl.item()
        mse_total += F.mse_loss(recon, xb, reduction="sum").item()
    n = len(x)
    return {"test_loss": (bce_total + beta * kl_total) / n, "test_bce": bce_total / n,
            "test_kl": kl_total / n, "test_mse_per_pixel": mse_total / (n * 784)}


def train(model, x, epochs, batch, lr, beta, seed, log=print):
    generator = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(x), generator=generator)
        totals = [0.0, 0.0]
        start = time.perf_counter()
        for first in range(0, len(x), batch):
            xb = x[order[first:first + batch]]
            recon, mu, logvar = model(xb)
            bce, kl = loss_parts(recon, xb, mu, logvar)
            optimizer.zero_grad()
            ((bce + beta * kl) / len(xb)).backward()
            optimizer.step()
            totals[0] += bce.item()
            totals[1] += kl.item()
        seconds = time.perf_counter() - start
        entry = {"epoch": epoch + 1, "train_loss": (totals[0] + beta * totals[1]) / len(x),
                 "train_bce": totals[0] / len(x), "train_kl": totals[1] / len(x), "seconds": seconds}
        history.append(entry)
        log(json.dumps(entry))
    return history


def benchmark(model, x, batch, steps, warmup=5, seed=0):
    """Trains as `train` does, on shuffled full batches drawn afresh each step, and times every step
    including the batch's gather (x[order[…]]), the data pipeline cost nb-bench counts too."""
    generator = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    full_batches = len(x) // batch
    state = {"order": None, "position": 0}

    def step():
        if state["position"] % full_batches == 0:
            state["order"] = torch.randperm(len(x), generator=generator)
        first = (state["position"] % full_batches) * batch
        state["position"] += 1
        xb = x[state["order"][first:first + batch]]
        recon, mu, logvar = model(xb)
        bce, kl = loss_parts(recon, xb, mu, logvar)
        optimizer.zero_grad()
        ((bce + kl) / batch).backward()
        optimizer.step()
        return bce.item() + kl.item()

    for _ in range(warmup):
        step()
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    median = sorted(times)[len(times) // 2]
    return {"images_per_second": batch / median, "mean_images_per_second": steps * batch / sum(times),
            "ms_per_step": 1000 * median, "step_seconds": times}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["train", "benchmark", "evaluate"])
    parser.add_argument("checkpoint", nargs="?", help="safetensors file written by nb (evaluate)")
    parser.add_argument("--model", choices=sorted(MODELS), action="append",
                        help="which model (repeatable; default both)")
    parser.add_argument("--data", default=os.path.join(ROOT, "Data", "mnist"))
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--beta", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N training images")
    parser.add_argument("--steps", type=int, default=50, help="timed steps (benchmark)")
    parser.add_argument("--threads", type=int, default=0, help="torch.set_num_threads (0: PyTorch's default)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    names = args.model or ["mlp", "cnn"]
    results = {"torch": torch.__version__, "threads": torch.get_num_threads(), "models": {}}

    if args.command == "evaluate":
        from safetensors.torch import load_file
        if not args.checkpoint or len(names) != 1:
            parser.error("evaluate takes a checkpoint and exactly one --model")
        model = MODELS[names[0]]()
        model.load_state_dict(load_file(args.checkpoint))
        x_test, _ = load_mnist("test", args.data)
        results["models"][names[0]] = evaluate(model, x_test, beta=args.beta)
    else:
        x_train, _ = load_mnist("train", args.data)
        if args.limit:
            x_train = x_train[:args.limit]
        for name in names:
            torch.manual_seed(args.seed)
            model = MODELS[name]()
            entry = {"parameters": sum(p.numel() for p in model.parameters())}
            if args.command == "benchmark":
                entry.update(benchmark(model, x_train, args.batch, args.steps))
            else:
                x_test, _ = load_mnist("test", args.data)
                start = time.perf_counter()
                entry["history"] = train(model, x_train, args.epochs, args.batch, args.lr, args.beta, args.seed,
                                         log=lambda line: print(f"{name}: {line}", file=sys.stderr))
                entry["train_seconds"] = time.perf_counter() - start
                entry.update(evaluate(model, x_test, beta=args.beta))
            results["models"][name] = entry
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
