#!/usr/bin/env python3
"""The reference: the two VAEs of Notebooks/vae_compare.md and the two classifiers of
Notebooks/classifier_compare.md in plain PyTorch, on the CPU.

Same architectures, data, hyper-parameters and loss as nb, so the numbers can be compared:

    python3 Benchmarks/pytorch_reference.py train --epochs 10           # full training, test metrics
    python3 Benchmarks/pytorch_reference.py benchmark --threads 2       # training images/s per model (median step,
                                                                        # shuffled batches, gather included)
    python3 Benchmarks/pytorch_reference.py evaluate Output/vae_compare/mlp.safetensors --model mlp
    python3 Benchmarks/pytorch_reference.py classify --dataset fashion --model cnn --seeds 0 1 2

`classify` trains the classifiers (`--model mlp` or `cnn`, default both) with PyTorch's default
initialisation, Adam, the mean nn.CrossEntropyLoss of each batch, shuffled each epoch
(drop_last=False), 5 epochs of batch 128 at lr 1e-3 by default, once per seed, and prints the
test accuracy and loss of each run with its per-epoch history; `--fixture FILE` adds the runs to
that JSON file, replacing those of the same (dataset, model, seed). The committed fixture
Tests/Fixtures/pytorch_classifiers.json was made on the 2-core VM by this command, one
(dataset, model) group per invocation so the build lock is released between them:

    for dataset in mnist fashion; do for model in mlp cnn; do
      flock /tmp/nb-build.lock /work/venv-torch/bin/python Benchmarks/pytorch_reference.py classify \
        --dataset $dataset --model $model --seeds 0 1 2 --threads 2 \
        --fixture Tests/Fixtures/pytorch_classifiers.json
    done; done

A run is reproducible on the same machine and thread count: MNIST's CNN with seed 0, run again,
gave the same losses and accuracies to every digit. The seconds are wall time on a shared VM and
vary by far more than the numbers do.

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


def shuffled_batches(count, batch, seed):
    """The index tensors of shuffled full batches of `count` items, a new order at each pass, without
    end: what nb-bench's FullBatches draws."""
    generator = torch.Generator().manual_seed(seed)
    full_batches = count // batch
    while True:
        order = torch.randperm(count, generator=generator)
        for first in range(0, full_batches * batch, batch):
            yield order[first:first + batch]


def timed_steps(step, steps, warmup=5):
    """The seconds of each of `steps` calls of `step`, after `warmup` untimed ones."""
    for _ in range(warmup):
        step()
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return times


def benchmark(model, x, batch, steps, warmup=5, seed=0):
    """Trains as `train` does, on shuffled full batches drawn afresh each step, and times every step
    including the batch's gather (x[order[…]]), the data pipeline cost nb-bench counts too."""
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    batches = shuffled_batches(len(x), batch, seed)

    def step():
        xb = x[next(batches)]
        recon, mu, logvar = model(xb)
        bce, kl = loss_parts(recon, xb, mu, logvar)
        optimizer.zero_grad()
        ((bce + kl) / batch).backward()
        optimizer.step()
        return bce.item() + kl.item()

    times = timed_steps(step, steps, warmup)
    median = sorted(times)[len(times) // 2]
    return {"images_per_second": batch / median, "mean_images_per_second": steps * batch / sum(times),
            "ms_per_step": 1000 * median, "step_seconds": times}


class Classifier(nn.Module):
    """A stack of layers scored by cross-entropy on its logits; `net` is the name nb's checkpoints use
    (`net.0.weight`, …), the layers' indices being their places in the notebook's `seq([...])`."""

    def __init__(self, *layers):
        super().__init__()
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


def mlp_classifier():
    """Flatten → Linear(784, 400) → ReLU → Linear(400, 400) → ReLU → Linear(400, 10)."""
    return Classifier(nn.Flatten(), nn.Linear(784, 400), nn.ReLU(), nn.Linear(400, 400), nn.ReLU(),
                      nn.Linear(400, 10))


def cnn_classifier():
    """The classic Keras MNIST convnet, 34,826 parameters."""
    return Classifier(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(),
                      nn.MaxPool2d(2), nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10))


CLASSIFIERS = {"mlp": mlp_classifier, "cnn": cnn_classifier}
DATASETS = {"mnist": os.path.join(ROOT, "Data", "mnist"), "fashion": "/usr/share/datasets/fashion-mnist"}
CLASSIFY_COMMAND = """for dataset in mnist fashion; do for model in mlp cnn; do \
flock /tmp/nb-build.lock /work/venv-torch/bin/python Benchmarks/pytorch_reference.py classify \
--dataset $dataset --model $model --seeds 0 1 2 --threads 2 --fixture Tests/Fixtures/pytorch_classifiers.json; \
done; done"""


@torch.no_grad()
def evaluate_classifier(model, x, labels, batch=1000):
    """Accuracy and mean cross-entropy over all of `x`, in eval mode (dropout off)."""
    model.eval()
    loss_total, correct = 0.0, 0
    for start in range(0, len(x), batch):
        logits = model(x[start:start + batch])
        yb = labels[start:start + batch]
        loss_total += F.cross_entropy(logits, yb, reduction="sum").item()
        correct += (logits.argmax(1) == yb).sum().item()
    return {"test_accuracy": correct / len(x), "test_loss": loss_total / len(x)}


def train_classifier(model, x, labels, epochs, batch, lr, seed, log=print):
    """Adam on the mean cross-entropy of each batch, shuffled each epoch, the last batch partial.
    The epoch's loss and accuracy are over its batches as trained (dropout on), per image."""
    generator = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()
    history = []
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(x), generator=generator)
        loss_total, correct = 0.0, 0
        start = time.perf_counter()
        for first in range(0, len(x), batch):
            index = order[first:first + batch]
            xb, yb = x[index], labels[index]
            logits = model(xb)
            loss = criterion(logits, yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            loss_total += loss.item() * len(xb)
            correct += (logits.argmax(1) == yb).sum().item()
        seconds = time.perf_counter() - start
        entry = {"epoch": epoch + 1, "train_loss": loss_total / len(x), "train_accuracy": correct / len(x),
                 "seconds": seconds}
        history.append(entry)
        log(json.dumps(entry))
    return history


def classify(args, names):
    """Trains each named classifier once per seed on the data set and gives the runs."""
    directory = args.data or DATASETS[args.dataset]
    x_train, y_train = load_mnist("train", directory)
    if args.limit:
        x_train, y_train = x_train[:args.limit], y_train[:args.limit]
    x_test, y_test = load_mnist("test", directory)
    runs = []
    for name in names:
        for seed in args.seeds:
            torch.manual_seed(seed)
            model = CLASSIFIERS[name]()
            start = time.perf_counter()
            history = train_classifier(model, x_train, y_train, args.epochs, args.batch, args.lr, seed,
                                       log=lambda line: print(f"{args.dataset} {name} seed {seed}: {line}",
                                                              file=sys.stderr))
            train_seconds = time.perf_counter() - start
            run = {"dataset": args.dataset, "model": name, "seed": seed,
                   "parameters": sum(p.numel() for p in model.parameters()), "train_images": len(x_train),
                   "test_images": len(x_test)}
            run.update(evaluate_classifier(model, x_test, y_test))
            run.update({"train_seconds": train_seconds, "wall_seconds": time.perf_counter() - start,
                        "history": history})
            print(f"{args.dataset} {name} seed {seed}: test accuracy {run['test_accuracy']:.4f}, "
                  f"test loss {run['test_loss']:.4f}, {train_seconds:.1f} s", file=sys.stderr)
            runs.append(run)
    return runs


def rounded(run):
    """A run with its floats cut to what the fixture needs: losses and training accuracies to 6
    significant digits, seconds to 0.01 (test accuracies are counts over 10,000, exact as they are)."""
    def cut(key, value):
        if key.endswith("seconds"):
            return round(value, 2)
        if key.endswith("loss") or key == "train_accuracy":
            return float(f"{value:.6g}")
        return value
    out = {key: cut(key, value) for key, value in run.items() if key != "history"}
    out["history"] = [{key: cut(key, value) for key, value in entry.items()} for entry in run["history"]]
    return out


def write_fixture(path, args, runs):
    """Adds `runs` to the fixture at `path`, replacing any of the same (dataset, model, seed), and
    writes it with one line per epoch so it reads and diffs well."""
    fixture = {"runs": []}
    if os.path.exists(path):
        with open(path) as f:
            fixture = json.load(f)
    new = {(run["dataset"], run["model"], run["seed"]) for run in runs}
    kept = [run for run in fixture["runs"] if (run["dataset"], run["model"], run["seed"]) not in new]
    invocation = "python " + " ".join(sys.argv)
    all_runs = kept + [dict(rounded(run), invocation=invocation) for run in runs]
    order = {name: index for index, name in enumerate(DATASETS)} | {name: index for index, name in
                                                                  enumerate(CLASSIFIERS)}
    all_runs.sort(key=lambda run: (order[run["dataset"]], order[run["model"]], run["seed"]))
    header = {"command": CLASSIFY_COMMAND, "torch": torch.__version__, "threads": torch.get_num_threads(),
              "cpu": cpu_name(), "epochs": args.epochs, "batch": args.batch, "lr": args.lr,
              "optimizer": "Adam (PyTorch's defaults but lr)", "loss": "nn.CrossEntropyLoss() (mean per batch)"}
    lines = ["{"] + [f"  {json.dumps(key)}: {json.dumps(value)}," for key, value in header.items()]
    lines.append('  "runs": [')
    for index, run in enumerate(all_runs):
        fields = [f"    {json.dumps(key)}: {json.dumps(value)}" for key, value in run.items() if key != "history"]
        epochs = ",\n".join(f"      {json.dumps(entry)}" for entry in run["history"])
        fields.append(f'    "history": [\n{epochs}\n    ]')
        lines.append("  {\n" + ",\n".join(fields) + "\n  }" + ("," if index < len(all_runs) - 1 else ""))
    lines += ["  ]", "}"]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def cpu_name():
    """The CPU's model name as /proc/cpuinfo gives it, for the record."""
    try:
        with open("/proc/cpuinfo") as f:
            return next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        return "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["train", "benchmark", "evaluate", "classify"])
    parser.add_argument("checkpoint", nargs="?", help="safetensors file written by nb (evaluate)")
    parser.add_argument("--model", choices=sorted(MODELS), action="append",
                        help="which model (repeatable; default both)")
    parser.add_argument("--dataset", choices=sorted(DATASETS), default="mnist", help="classify: the data set")
    parser.add_argument("--data", help="the data set's directory (default: Data/mnist, or Fashion-MNIST's "
                                       "Debian directory for --dataset fashion)")
    parser.add_argument("--epochs", type=int, help="default 10 (train), 5 (classify)")
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--beta", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2], help="classify: one run per seed")
    parser.add_argument("--fixture", help="classify: add the runs to this JSON file")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N training images")
    parser.add_argument("--steps", type=int, default=50, help="timed steps (benchmark)")
    parser.add_argument("--threads", type=int, default=0, help="torch.set_num_threads (0: PyTorch's default)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    names = args.model or ["mlp", "cnn"]
    results = {"torch": torch.__version__, "threads": torch.get_num_threads(), "models": {}}
    if args.command == "classify":
        args.epochs = args.epochs or 5
        runs = classify(args, names)
        if args.fixture:
            write_fixture(args.fixture, args, runs)
        print(json.dumps([rounded(run) for run in runs], indent=2))
        return
    args.epochs = args.epochs or 10
    args.data = args.data or DATASETS["mnist"]

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
