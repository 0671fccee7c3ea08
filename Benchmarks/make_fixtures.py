#!/usr/bin/env python3
"""Writes Tests/Fixtures/pytorch_vae_steps.json: PyTorch's numbers for one VAE training step.

    python3 Benchmarks/make_fixtures.py

For small models of each family (and BatchNorm with GELU), it records the initial state_dict,
a batch of images, the reparameterisation noise, the loss parts, every parameter gradient of
(BCE + beta·KL) / N, the parameters after one Adam step, and the BatchNorm buffers after the
step. EngineTests/PyTorchAgreementTests.swift loads the same weights and noise into nb's models
and expects the same numbers.
"""
import json
import os

import torch

from pytorch_reference import cnn_vae, loss_parts, mlp_vae

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CASES = [
    dict(name="mlp-relu", family="mlp", widths=[6, 5], latent=3, activation="relu", batchnorm=False,
         image_shape=[1, 4, 4], beta=1.0),
    dict(name="cnn-relu", family="cnn", widths=[2, 3, 3], latent=2, activation="relu", batchnorm=False,
         image_shape=[1, 8, 8], beta=1.0),
    dict(name="mlp-batchnorm-gelu", family="mlp", widths=[6], latent=2, activation="gelu", batchnorm=True,
         image_shape=[1, 4, 4], beta=0.5),
    dict(name="cnn-batchnorm-elu", family="cnn", widths=[2, 3], latent=2, activation="elu", batchnorm=True,
         image_shape=[1, 8, 8], beta=2.0),
]


def flat(tensor):
    return [float(v) for v in tensor.detach().reshape(-1).tolist()]


def make(case, batch=3, seed=0):
    torch.manual_seed(seed)
    builder = mlp_vae if case["family"] == "mlp" else cnn_vae
    kwargs = dict(image_shape=tuple(case["image_shape"]), latent=case["latent"], activation=case["activation"],
                  batchnorm=case["batchnorm"])
    kwargs["hidden" if case["family"] == "mlp" else "channels"] = tuple(case["widths"])
    model = builder(**kwargs)
    model.train()
    images = torch.rand(batch, *case["image_shape"])
    noise = torch.randn(batch, case["latent"])
    initial = {k: {"shape": list(v.shape), "values": flat(v)} for k, v in model.state_dict().items()
               if v.dtype == torch.float32}
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    recon, mu, logvar = model(images, noise=noise)
    bce, kl = loss_parts(recon, images, mu, logvar)
    optimizer.zero_grad()
    ((bce + case["beta"] * kl) / batch).backward()
    gradients = {name: flat(p.grad) for name, p in model.named_parameters()}
    optimizer.step()
    after = {k: flat(v) for k, v in model.state_dict().items() if v.dtype == torch.float32}
    return dict(case, images=flat(images), noise=flat(noise), initial=initial, bce=bce.item(), kl=kl.item(),
                gradients=gradients, after_step=after, learning_rate=1e-2)


def write_fixture(name, fixture):
    """Writes `fixture` as Tests/Fixtures/<name>, indented JSON ending in a newline."""
    path = os.path.join(ROOT, "Tests", "Fixtures", name)
    with open(path, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


def main():
    write_fixture("pytorch_vae_steps.json", {"torch": torch.__version__, "cases": [make(case) for case in CASES]})


if __name__ == "__main__":
    main()
