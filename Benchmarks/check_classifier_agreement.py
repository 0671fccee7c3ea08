#!/usr/bin/env python3
"""Checks the classifiers of Notebooks/classifier_compare.md against PyTorch's (issue 28, item 4).

    swift run nb Notebooks/classifier_compare.md
    /work/venv-torch/bin/python Benchmarks/check_classifier_agreement.py

It reads nb's run record (Output/classifier_compare.json) and the PyTorch reference's runs
(Tests/Fixtures/pytorch_classifiers.json, made by `pytorch_reference.py classify`: 3 seeds of each
model on each data set), and checks, for each of the four fits (mnist_mlp, mnist_cnn, fashion_mlp,
fashion_cnn, the names of the notebook's `classifier(...)` statements):

1. Agreement. nb's test accuracy lies inside PyTorch's [lowest, highest] over the seeds, widened
   by 0.3 points on each side, and nb's test loss (mean cross-entropy) is within 5% of PyTorch's
   mean over the seeds.
2. The checkpoint. The file nb's `save(fit, path: ...)` wrote loads into the PyTorch module
   (`self.net = nn.Sequential(...)`, pytorch_reference.py's) with `load_state_dict(strict=True)`,
   and that module, in eval mode, scores nb's own test accuracy on the whole test set to 0.05 points.

nb's numbers come from the statements' `display` values in the record: the rows of the
`metrics(...)` tables (columns "model", "test accuracy", "test loss"), which keep every digit, or
else the prose's `accuracy(fit, on: ...)` and `test_loss(fit, on: ...)`; numbers scored on a data
set of split "test" are taken first, and they must be of all 10,000 test images (the count in that
data set's caption), as PyTorch's are. The checkpoints' paths
come from the `save(...)` statements, or default to Output/classifier_compare/<model>.safetensors.
It prints both checks as Markdown tables and exits with status 1 if any check fails or any fit
is missing.
"""
import argparse
import json
import os
import re
import sys

import torch

from check_composed_checkpoint import read_safetensors
from pytorch_reference import CLASSIFIERS, DATASETS, evaluate_classifier, load_mnist

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS = {"mnist_mlp": ("mnist", "mlp"), "mnist_cnn": ("mnist", "cnn"),
          "fashion_mlp": ("fashion", "mlp"), "fashion_cnn": ("fashion", "cnn")}
ACCURACY_MARGIN = 0.003  # 0.3 points each side of PyTorch's range over the seeds
LOSS_TOLERANCE = 0.05  # relative to PyTorch's mean test loss
CHECKPOINT_TOLERANCE = 0.0005  # 0.05 points between nb's accuracy and its checkpoint's in PyTorch
TEST_IMAGES = 10000
CALL = re.compile(r"^\s*(?:(\w+)\s*=\s*)?(\w+)\((.*)\)\s*$", re.S)


def displays(value):
    """The display value and, for a list, every value in it, depth first."""
    if not value:
        return
    yield value
    for item in value.get("items", []):
        yield from displays(item)


def call_of(statement):
    """(binding, operation, arguments) of a statement `x = op(...)` or `op(...)`, else None."""
    match = CALL.match(statement["source"])
    if not match:
        return None
    return statement.get("binding") or match.group(1), match.group(2), match.group(3)


def number(text):
    """A displayed scalar as a float: `0.9812`, `98.12%`, `0.98 (…)`."""
    match = re.search(r"-?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?", text)
    if not match:
        raise ValueError(f"no number in {text!r}")
    value = float(match.group(0).replace(",", ""))
    return value / 100 if text[match.end():].lstrip().startswith("%") else value


def data_sets(statements):
    """Each data set binding's split and image count, from its statement and its displayed caption
    (`MNIST test: 10,000 images of 28×28 pixels`)."""
    sets = {}
    for statement in statements:
        call = call_of(statement)
        if not call or not call[0] or call[1] not in ("mnist", "fashion_mnist"):
            continue
        split = re.search(r'split:\s*"(\w+)"', call[2])
        texts = [value.get("text", "") for value in displays(statement.get("display"))]
        count = next((re.search(r"([\d,]+) images", text) for text in texts if re.search(r"[\d,]+ images", text)),
                     None)
        sets[call[0]] = {"split": split.group(1) if split else None,
                         "images": int(count.group(1).replace(",", "")) if count else None}
    return sets


def on_argument(arguments):
    """The binding an `on:` argument names."""
    match = re.search(r"\bon:\s*(\w+)", arguments)
    return match.group(1) if match else None


def nb_results(record_path):
    """nb's test accuracy and loss per model name, each with the data set they were scored on, and
    each model's checkpoint path, from the record. Numbers scored on a test split are preferred."""
    with open(record_path) as f:
        statements = json.load(f)["statements"]
    sets = data_sets(statements)
    model_of_fit, candidates, paths, binding_of_name = {}, [], {}, {}
    for statement in statements:
        call = call_of(statement)
        if call and call[1] == "train" and call[0]:
            model_of_fit[call[0]] = call[2].split(",")[0].strip()
        # A model given a `name:` shows it in the metrics table; its binding is how this script knows it.
        named = re.search(r'name:\s*"([^"]*)"', statement.get("source", ""))
        if call and call[1] == "classifier" and call[0] and named:
            binding_of_name[named.group(1)] = call[0]
    for statement in statements:
        call = call_of(statement)
        if not call:
            continue
        _, operation, arguments = call
        scored_on = sets.get(on_argument(arguments), {})
        # The metrics tables keep every digit; the prose's values come after them.
        for value in displays(statement.get("display")):
            table = value.get("table")
            if value.get("kind") != "table" or not {"model", "test accuracy", "test loss"} <= set(table["columns"]):
                continue
            for row in table["rows"]:
                cells = dict(zip(table["columns"], row))
                model = binding_of_name.get(cells["model"], cells["model"])
                candidates.append((0, model, "accuracy", cells["test accuracy"], scored_on))
                candidates.append((0, model, "loss", cells["test loss"], scored_on))
        fit = arguments.split(",")[0].strip()
        model = model_of_fit.get(fit, fit.removesuffix("_fit"))
        path = re.search(r'path:\s*"([^"]*)"', arguments)
        if operation == "save" and path:
            paths[model] = path.group(1)
        key = {"accuracy": "accuracy", "test_loss": "loss"}.get(operation)
        display = statement.get("display") or {}
        if key and display.get("kind") == "text":
            candidates.append((1, model, key, number(display["text"]), scored_on))
    results = {}
    for _, model, key, value, scored_on in sorted(candidates, key=lambda c: (c[4].get("split") != "test", c[0])):
        entry = results.setdefault(model, {})
        if key not in entry:
            entry[key] = value
            entry.setdefault("images", scored_on.get("images"))
            entry.setdefault("split", scored_on.get("split"))
    return results, paths


def reference_runs(fixture_path):
    """PyTorch's test accuracies and losses per (data set, model), over the fixture's seeds."""
    with open(fixture_path) as f:
        fixture = json.load(f)
    runs = {}
    for run in fixture["runs"]:
        entry = runs.setdefault((run["dataset"], run["model"]), {"accuracy": [], "loss": [], "seeds": []})
        entry["accuracy"].append(run["test_accuracy"])
        entry["loss"].append(run["test_loss"])
        entry["seeds"].append(run["seed"])
    return fixture, runs


def agreement(nb, runs):
    """The first check, as table rows, and the number of failures."""
    rows, failures = [], 0
    for name, (dataset, kind) in MODELS.items():
        ours, theirs = nb.get(name, {}), runs.get((dataset, kind))
        if theirs is None or "accuracy" not in ours or "loss" not in ours:
            missing = "not in the fixture" if theirs is None else "not in nb's record"
            rows.append([dataset, name, "", "", "", "", f"FAIL: {missing}"])
            failures += 1
            continue
        low, high = min(theirs["accuracy"]), max(theirs["accuracy"])
        whole = ours.get("split") == "test" and ours.get("images") == TEST_IMAGES
        mean_loss = sum(theirs["loss"]) / len(theirs["loss"])
        accuracy_ok = low - ACCURACY_MARGIN <= ours["accuracy"] <= high + ACCURACY_MARGIN
        relative = (ours["loss"] - mean_loss) / mean_loss
        loss_ok = abs(relative) <= LOSS_TOLERANCE
        problems = ([] if accuracy_ok else ["accuracy outside the widened range"]) + (
            [] if loss_ok else [f"loss {relative:+.1%} from the mean"]) + (
            [] if whole else [f"scored on {ours.get('images')} images of split {ours.get('split')}, "
                              f"not the {TEST_IMAGES:,} test images" if ours.get("split") else
                              "scored on a data set not bound in the notebook, not known to be the test images"])
        failures += bool(problems)
        rows.append([dataset, name, f"{100 * ours['accuracy']:.2f}%",
                     f"{100 * low:.2f}–{100 * high:.2f}% ({len(theirs['seeds'])} seeds)",
                     f"{ours['loss']:.4f}",
                     f"{mean_loss:.4f} (seeds {min(theirs['loss']):.4f}–{max(theirs['loss']):.4f}; nb {relative:+.1%})",
                     "ok" if not problems else "FAIL: " + "; ".join(problems)])
    return rows, failures


def checkpoints(nb, paths, directory, data_directories):
    """The second check, as table rows, and the number of failures."""
    rows, failures, test_sets = [], 0, {}
    for name, (dataset, kind) in MODELS.items():
        path = paths.get(name) or os.path.join(directory, f"{name}.safetensors")
        path = path if os.path.isabs(path) else os.path.join(ROOT, path)
        ours = nb.get(name, {}).get("accuracy")
        if not os.path.exists(path) or ours is None:
            rows.append([dataset, name, os.path.relpath(path, ROOT), "", "", "", "",
                         "FAIL: " + ("no checkpoint" if not os.path.exists(path) else "no accuracy in nb's record")])
            failures += 1
            continue
        model = CLASSIFIERS[kind]()
        state = read_safetensors(path)
        try:
            model.load_state_dict(state, strict=True)
        except RuntimeError as error:
            rows.append([dataset, name, os.path.relpath(path, ROOT), "", "", "", "",
                         "FAIL: strict load: " + " ".join(str(error).split())])
            failures += 1
            continue
        if dataset not in test_sets:
            test_sets[dataset] = load_mnist("test", data_directories[dataset])
        scored = evaluate_classifier(model, *test_sets[dataset])
        difference = scored["test_accuracy"] - ours
        ok = abs(difference) <= CHECKPOINT_TOLERANCE
        failures += not ok
        rows.append([dataset, name, os.path.relpath(path, ROOT), f"all {len(state)}",
                     f"{100 * ours:.2f}%", f"{100 * scored['test_accuracy']:.2f}% ({100 * difference:+.2f} points)",
                     f"{scored['test_loss']:.4f} (nb {nb[name]['loss']:.4f})" if "loss" in nb[name] else
                     f"{scored['test_loss']:.4f}",
                     "ok" if ok else "FAIL: accuracies differ by more than 0.05 points"])
    return rows, failures


def markdown(columns, rows):
    """A Markdown table."""
    lines = ["| " + " | ".join(columns) + " |", "| " + " | ".join("---" for _ in columns) + " |"]
    return "\n".join(lines + ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--record", default=os.path.join(ROOT, "Output", "classifier_compare.json"))
    parser.add_argument("--fixture", default=os.path.join(ROOT, "Tests", "Fixtures", "pytorch_classifiers.json"))
    parser.add_argument("--checkpoints", default=os.path.join(ROOT, "Output", "classifier_compare"),
                        help="where the checkpoints are when the record has no save(...) for a fit")
    parser.add_argument("--mnist", default=DATASETS["mnist"], help="MNIST's directory")
    parser.add_argument("--fashion", default=DATASETS["fashion"], help="Fashion-MNIST's directory")
    parser.add_argument("--threads", type=int, default=2, help="torch.set_num_threads")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    nb, paths = nb_results(args.record)
    fixture, runs = reference_runs(args.fixture)
    print(f"nb: {os.path.relpath(args.record, ROOT)}; PyTorch {fixture['torch']}: "
          f"{os.path.relpath(args.fixture, ROOT)}\n")
    print("Agreement: nb's test accuracy inside PyTorch's range over the seeds widened by 0.3 points, "
          "its test loss within 5% of PyTorch's mean\n")
    rows, agreement_failures = agreement(nb, runs)
    print(markdown(["dataset", "model", "nb accuracy", "PyTorch range", "nb loss", "PyTorch mean loss (range)", "verdict"],
                   rows))
    print("\nCheckpoints: loaded into the PyTorch module with strict=True, scored in eval mode on the test set\n")
    rows, checkpoint_failures = checkpoints(nb, paths, args.checkpoints,
                                            {"mnist": args.mnist, "fashion": args.fashion})
    print(markdown(["dataset", "model", "checkpoint", "tensors loaded", "nb accuracy", "PyTorch accuracy",
                    "PyTorch loss", "verdict"], rows))
    failures = agreement_failures + checkpoint_failures
    print(f"\n{'FAIL' if failures else 'OK'}: {agreement_failures} of {len(MODELS)} fits disagree, "
          f"{checkpoint_failures} of {len(MODELS)} checkpoints fail")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
