#!/usr/bin/env python3
"""Writes Tests/Fixtures/pytorch_layers.json: PyTorch's forward and gradients for nb's pooling
layers, Linear without bias, cross-entropy and dropout.

    python3 Benchmarks/make_layer_fixtures.py

Each pooling and linear case records a fixed input, a fixed output gradient dy, the output y,
and the gradients of sum(y * dy) with respect to the input (and the weight). One max-pooling case
has tied values, to check that the first maximum of a window (row-major) gets the gradient.
Cross-entropy cases record logits, labels, the mean loss, its gradient and the argmax accuracy.
Dropout's mask comes from PyTorch's generator, which nb does not share, so its cases record only
what any correct dropout gives: the identity in evaluation, and in training the values an
element can take and the fraction kept. EngineTests/PyTorchLayerAgreementTests.swift compares.
"""
import torch

from make_fixtures import write_fixture

POOLING = [
    dict(name="max k2 s2 p0 odd", kind="max", kernel=2, stride=2, padding=0, input_shape=[2, 3, 5, 5]),
    dict(name="max k3 s2 p1 overlapping", kind="max", kernel=3, stride=2, padding=1, input_shape=[2, 2, 7, 6]),
    dict(name="max k3 s1 p0 overlapping", kind="max", kernel=3, stride=1, padding=0, input_shape=[1, 2, 5, 4]),
    dict(name="max k2 s1 p1 ties", kind="max", kernel=2, stride=1, padding=1, input_shape=[1, 2, 5, 5], ties=True),
    dict(name="avg k2 s2 p0 odd", kind="avg", kernel=2, stride=2, padding=0, input_shape=[2, 3, 5, 5]),
    dict(name="avg k3 s2 p1", kind="avg", kernel=3, stride=2, padding=1, input_shape=[2, 2, 7, 6]),
    dict(name="avg k3 s1 p1", kind="avg", kernel=3, stride=1, padding=1, input_shape=[1, 2, 4, 5]),
    dict(name="avg k2 s3 p0 gaps", kind="avg", kernel=2, stride=3, padding=0, input_shape=[1, 1, 7, 7]),
]

LINEAR = [
    dict(name="5→3", in_features=5, out_features=3, batch=4),
    dict(name="7→1", in_features=7, out_features=1, batch=3),
]

CROSS_ENTROPY = [
    dict(name="4×5", rows=4, classes=5, magnitude=2.0),
    dict(name="3×10 huge logits", rows=3, classes=10, magnitude=1000.0),
    dict(name="1×2", rows=1, classes=2, magnitude=1.0),
]

DROPOUT = [dict(probability=0.5), dict(probability=0.2)]


def flat(tensor):
    return [float(v) for v in tensor.detach().reshape(-1).tolist()]


def pooling_case(case):
    shape = case["input_shape"]
    if case.get("ties"):
        x = torch.randint(0, 3, shape).float()
    else:
        x = torch.randn(shape)
    x.requires_grad_(True)
    args = dict(kernel_size=case["kernel"], stride=case["stride"], padding=case["padding"])
    layer = torch.nn.MaxPool2d(**args) if case["kind"] == "max" else torch.nn.AvgPool2d(**args)
    y = layer(x)
    dy = torch.randn(y.shape)
    (y * dy).sum().backward()
    return dict(case, description=repr(layer), input=flat(x), grad_output=flat(dy), output_shape=list(y.shape),
                output=flat(y), grad_input=flat(x.grad))


def linear_case(case):
    layer = torch.nn.Linear(case["in_features"], case["out_features"], bias=False)
    x = torch.randn(case["batch"], case["in_features"], requires_grad=True)
    y = layer(x)
    dy = torch.randn(y.shape)
    (y * dy).sum().backward()
    return dict(case, description=repr(layer), state_dict=sorted(layer.state_dict().keys()),
                weight=flat(layer.weight), input=flat(x), grad_output=flat(dy), output=flat(y),
                grad_input=flat(x.grad), grad_weight=flat(layer.weight.grad))


def cross_entropy_case(case):
    logits = (torch.randn(case["rows"], case["classes"]) * case["magnitude"]).requires_grad_(True)
    labels = torch.randint(0, case["classes"], (case["rows"],))
    loss = torch.nn.CrossEntropyLoss()(logits, labels)
    loss.backward()
    correct = int((logits.argmax(dim=1) == labels).sum())
    return dict(case, logits=flat(logits), labels=[int(v) for v in labels], loss=loss.item(),
                grad_logits=flat(logits.grad), correct=correct)


def dropout_case(case):
    layer = torch.nn.Dropout(case["probability"])
    x = torch.randn(64)
    layer.eval()
    evaluation_is_identity = bool(torch.equal(layer(x), x))
    layer.train()
    y = layer(torch.ones(100_000))
    return dict(case, description=repr(layer), evaluation_is_identity=evaluation_is_identity,
                training_values=sorted(set(flat(y))), kept_fraction=float((y != 0).float().mean()))


def main():
    torch.manual_seed(0)
    fixture = dict(pooling=[pooling_case(c) for c in POOLING], linear=[linear_case(c) for c in LINEAR],
                   cross_entropy=[cross_entropy_case(c) for c in CROSS_ENTROPY],
                   dropout=[dropout_case(c) for c in DROPOUT], torch_version=torch.__version__)
    write_fixture("pytorch_layers.json", fixture)


if __name__ == "__main__":
    main()
