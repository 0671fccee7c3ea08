#!/usr/bin/env python3
"""Writes Tests/Fixtures/pytorch_layers.json: PyTorch's forward and gradients for nb's pooling
layers, Linear without bias, cross-entropy, dropout, Conv2d and ConvTranspose2d.

    /work/venv-torch/bin/python Benchmarks/make_layer_fixtures.py   (any Python with torch)

Each pooling and linear case records a fixed input, a fixed output gradient dy, the output y,
and the gradients of sum(y * dy) with respect to the input (and the weight). One max-pooling case
has tied values, to check that the first maximum of a window (row-major) gets the gradient.
Cross-entropy cases record logits, labels, the mean loss, its gradient and the argmax accuracy.
Dropout's mask comes from PyTorch's generator, which nb does not share, so its cases record only
what any correct dropout gives: the identity in evaluation, and in training the values an
element can take and the fraction kept. Each Conv2d and ConvTranspose2d case records PyTorch's
default-initialised weight and bias, a fixed input and dy, the output, and the gradients of
sum(y * dy) with respect to the input, the weight and the bias, on small odd-sized images (9×11,
7×5, …) where some windows leave the last rows and columns unread. The sections are drawn in
order from one seed, so a section added at the end leaves the numbers of those before it as they
were. EngineTests/PyTorchLayerAgreementTests.swift compares.
"""
import struct

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

# Small odd-sized images, 9×11 where the windows leave rows and columns over. k3 s1 p1 is nb's
# Winograd path, and k5 s1 p2 its one-copy im2col of shifted planes; the rest go through plain im2col.
CONV2D = [
    dict(name="k5 s1 p0 LeNet first layer", in_channels=1, out_channels=3, kernel=5, stride=1, padding=0,
         input_shape=[2, 1, 9, 11]),
    dict(name="k3 s2 p1", in_channels=2, out_channels=3, kernel=3, stride=2, padding=1, input_shape=[2, 2, 7, 5]),
    dict(name="k2 s2 p0 leaves a row and a column", in_channels=1, out_channels=2, kernel=2, stride=2, padding=0,
         input_shape=[2, 1, 9, 11]),
    dict(name="k4 s3 p2", in_channels=2, out_channels=2, kernel=4, stride=3, padding=2, input_shape=[2, 2, 7, 9]),
    dict(name="k1 s1 p0", in_channels=3, out_channels=2, kernel=1, stride=1, padding=0, input_shape=[2, 3, 3, 5]),
    dict(name="k3 s1 p0 Cin≠Cout", in_channels=2, out_channels=4, kernel=3, stride=1, padding=0,
         input_shape=[2, 2, 7, 5]),
    dict(name="k3 s1 p1 Winograd", in_channels=2, out_channels=3, kernel=3, stride=1, padding=1,
         input_shape=[2, 2, 7, 5]),
    dict(name="k5 s1 p2 shifted planes", in_channels=1, out_channels=2, kernel=5, stride=1, padding=2,
         input_shape=[2, 1, 5, 7]),
]

CONV_TRANSPOSE2D = [
    dict(name="k3 s2 p1 op1", in_channels=2, out_channels=2, kernel=3, stride=2, padding=1, output_padding=1,
         input_shape=[2, 2, 3, 4]),
    dict(name="k4 s2 p1 op0", in_channels=2, out_channels=2, kernel=4, stride=2, padding=1, output_padding=0,
         input_shape=[2, 2, 3, 4]),
    dict(name="k5 s1 p2", in_channels=2, out_channels=2, kernel=5, stride=1, padding=2, output_padding=0,
         input_shape=[2, 2, 5, 3]),
]


def flat(tensor):
    return [float(v) for v in tensor.detach().reshape(-1).tolist()]


def flat32(tensor):
    """`flat`, each value written with the fewest digits that read back as the same float32 (half
    the bytes of a double's 17 digits). The older sections keep `flat`, so they stay as written."""
    values = []
    for v in flat(tensor):
        text = next(t for t in (f"{v:.{p}g}" for p in range(1, 10))
                    if struct.unpack("f", struct.pack("f", float(t)))[0] == v)
        values.append(float(text))
    return values


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


def convolution_case(case):
    args = dict(kernel_size=case["kernel"], stride=case["stride"], padding=case["padding"])
    if "output_padding" in case:
        layer = torch.nn.ConvTranspose2d(case["in_channels"], case["out_channels"],
                                         output_padding=case["output_padding"], **args)
    else:
        layer = torch.nn.Conv2d(case["in_channels"], case["out_channels"], **args)
    x = torch.randn(case["input_shape"], requires_grad=True)
    y = layer(x)
    dy = torch.randn(y.shape)
    (y * dy).sum().backward()
    return dict(case, description=repr(layer), weight=flat32(layer.weight), bias=flat32(layer.bias),
                input=flat32(x), grad_output=flat32(dy), output_shape=list(y.shape), output=flat32(y),
                grad_input=flat32(x.grad), grad_weight=flat32(layer.weight.grad), grad_bias=flat32(layer.bias.grad))


def main():
    torch.manual_seed(0)
    fixture = dict(pooling=[pooling_case(c) for c in POOLING], linear=[linear_case(c) for c in LINEAR],
                   cross_entropy=[cross_entropy_case(c) for c in CROSS_ENTROPY],
                   dropout=[dropout_case(c) for c in DROPOUT],
                   conv2d=[convolution_case(c) for c in CONV2D],
                   conv_transpose2d=[convolution_case(c) for c in CONV_TRANSPOSE2D], torch_version=torch.__version__)
    write_fixture("pytorch_layers.json", fixture)


if __name__ == "__main__":
    main()
