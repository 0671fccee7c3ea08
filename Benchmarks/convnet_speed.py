#!/usr/bin/env python3
"""The classifier convnet's training step, nb against PyTorch, interleaved (issue 28 item 5).

The classic Keras MNIST convnet of Notebooks/classifier_compare.md, Conv2d(1, 32, 3) → ReLU →
MaxPool2d(2) → Conv2d(32, 64, 3) → ReLU → MaxPool2d(2) → Flatten → Dropout(0.5) →
Linear(1600, 10), trained with Adam (lr 1e-3) on softmax cross-entropy, batch 128. Each round
runs `nb-bench --models classifier` (release build) and the same step in PyTorch, one after the
other, alternating which goes first, with the same thread count. Both sides draw a fresh shuffled
batch of MNIST images and labels every step and time its gather with the step; each round's rate
comes from its median step. Prints medians and ranges over the rounds.

    /work/venv-torch/bin/python Benchmarks/convnet_speed.py [--rounds 5] [--steps 60] [--threads 2]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def torch_rate(steps, threads, batch=128, warmup=5, seed=0):
    """images/s at PyTorch's median step, gather included, as pytorch_reference.py's benchmark."""
    import torch
    from torch import nn
    sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))
    from pytorch_reference import load_mnist, shuffled_batches, timed_steps
    torch.set_num_threads(threads)
    x, y = load_mnist("train", os.path.join(ROOT, "Data", "mnist"))
    torch.manual_seed(seed)
    model = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    batches = shuffled_batches(len(x), batch, seed)

    def step():
        index = next(batches)
        xb, yb = x[index], y[index]
        loss = nn.functional.cross_entropy(model(xb), yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss.item()

    times = timed_steps(step, steps, warmup)
    return {"images_per_second": batch / sorted(times)[steps // 2], "torch": torch.__version__}


def nb_rate(steps, threads):
    environment = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads))
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run([os.path.join(ROOT, ".build", "release", "nb-bench"), "--models", "classifier", "--steps",
                        str(steps), "--json", out.name], check=True, env=environment, stdout=subprocess.DEVNULL)
        report = json.load(open(out.name))
    return report["models"][0]["imagesPerSecond"], report


def spread(values, form, unit=""):
    """`median (lowest–highest)`."""
    return (f"{format(statistics.median(values), form)}{unit} "
            f"({format(min(values), form)}–{format(max(values), form)}{unit})")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--torch-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.torch_only:
        print(json.dumps(torch_rate(args.steps, args.threads)))
        return

    def run_torch():
        output = subprocess.run([sys.executable, __file__, "--torch-only", "--steps", str(args.steps), "--threads",
                                 str(args.threads)], check=True, capture_output=True, text=True).stdout
        return json.loads(output)

    nb_rates, torch_rates, version, report = [], [], "", None
    for index in range(args.rounds):
        # Alternate which engine goes first, so neither always gets the quieter half of a round.
        if index % 2 == 0:
            nb, report = nb_rate(args.steps, args.threads)
            torch = run_torch()
        else:
            torch = run_torch()
            nb, report = nb_rate(args.steps, args.threads)
        nb_rates.append(nb)
        torch_rates.append(torch["images_per_second"])
        version = torch["torch"]
        print(f"round {index + 1}/{args.rounds}: nb {nb:,.0f}, PyTorch {torch_rates[-1]:,.0f} images/s "
              f"(1-minute load average {os.getloadavg()[0]:.1f})", file=sys.stderr)
    ratios = [a / b for a, b in zip(nb_rates, torch_rates)]
    print(f"{report['date'][:10]} · {report['cpu']} · {args.threads} threads on both sides · OpenBLAS "
          f"{report['openblasCore']} (OPENBLAS_CORETYPE {report['coretype']}) · PyTorch {version} · batch 128, "
          f"shuffled batches with their gather, {args.steps} timed steps per round, {args.rounds} interleaved rounds · "
          "median (range over rounds)\n")
    print("| | nb images/s | PyTorch images/s | nb ÷ PyTorch |")
    print("| --- | ---: | ---: | --- |")
    print(f"| classifier convnet | {spread(nb_rates, ',.0f')} | {spread(torch_rates, ',.0f')} | "
          f"{spread(ratios, '.2f', '×')} |")


if __name__ == "__main__":
    main()
