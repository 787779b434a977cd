#!/usr/bin/env python3
"""Reference trajectories for the layers beyond the plain MLP (PRODUCT.md section 2b).

For each case: a .nn spec, fixed float64 data and initial parameters in deltagen's flat layout,
and 20 full-batch optimizer steps computed by PyTorch (torch.nn.functional and torch.optim, no
hand-written gradient). The JSON it writes is read by the codegen tests, which train the
generated trainer from the same start and compare; CI never needs torch.

    python3 codegen/src/test/torch/beyond_mlp.py \
        > codegen/src/test/resources/org/deltagen/codegen/reference/beyond-mlp.json

Layout per layer l (PRODUCT.md section 2b): the weight block, (n_{l-1} + 1) x n_l row-major with
row 0 the bias (n_{l-1} rows with bias=false); with a norm, 2 x n_l (row 0 beta, row 1 gamma);
then the activation's learnable parameters in declaration order.

Groups have at least 3 units: with 2, x-hat is +-1 whatever u is, the gradient through the norm
is a difference of nearly equal terms, and no two summation orders agree on its digits.
"""
import json
import sys
from dataclasses import dataclass

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
STEPS = 20
SAMPLES = 8


def prelu(u, a):
    return F.prelu(u, a.reshape(1))


def scaled_tanh(u, a, b):
    return a * torch.tanh(b * u)


ACTIVATIONS = {
    "identity": lambda u: u,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "softmax": lambda u: torch.softmax(u, dim=1),
}


@dataclass
class Layer:
    """One `layer` line: units, activation, and the options of section 2b."""
    units: int
    activation: str
    bias: bool = True
    norm: str = None
    groups: int = 1
    eps: float = 1e-5
    skip: int = None
    learnable: tuple = ()  # (name, initial value) pairs, in declaration order
    function: object = None  # f(u, *learnable) for a learnable activation


@dataclass
class Case:
    """A spec and the same network in torch."""
    name: str
    spec: str
    inputs: int
    layers: list
    loss: str
    batch: str
    optimizer: object
    seed: int
    l1: float = 0.0
    classes: bool = False

    def parameters(self):
        """Leaf tensors in deltagen's flat order, each tagged with its role."""
        generator = torch.Generator().manual_seed(self.seed)
        blocks = []
        previous = self.inputs
        for layer in self.layers:
            rows = previous + (1 if layer.bias else 0)
            weights = torch.randn(rows, layer.units, generator=generator) / previous ** 0.5
            blocks.append(("weights", layer, weights.requires_grad_()))
            if layer.norm:
                # Row 0 beta, row 1 gamma; start away from 0 and 1 so that their gradients are tested
                # at a general point (the trainer's own init, 0 and 1, is tested elsewhere).
                beta = 0.1 * torch.randn(layer.units, generator=generator)
                gamma = 1 + 0.1 * torch.randn(layer.units, generator=generator)
                blocks.append(("norm", layer, torch.stack([beta, gamma]).requires_grad_()))
            for _, value in layer.learnable:
                blocks.append(("activation", layer, torch.tensor(value).requires_grad_()))
            previous = layer.units
        return blocks

    def data(self):
        generator = torch.Generator().manual_seed(self.seed + 1)
        x = torch.randn(SAMPLES, self.inputs, generator=generator)
        outputs = self.layers[-1].units
        if self.classes:
            labels = torch.randint(outputs, (SAMPLES,), generator=generator)
            d = F.one_hot(labels, outputs).to(torch.float64)
        elif self.loss == "binary-cross-entropy":
            d = torch.randint(2, (SAMPLES, outputs), generator=generator).to(torch.float64)
        else:
            d = torch.randn(SAMPLES, outputs, generator=generator)
        return x, d

    def forward(self, blocks, x):
        zs = [x]
        index = 0
        z = x
        for layer in self.layers:
            weights = blocks[index][2]
            index += 1
            u = z @ weights[1:] + weights[0] if layer.bias else z @ weights
            if layer.norm:
                affine = blocks[index][2]
                index += 1
                beta, gamma = affine[0], affine[1]
                if layer.norm == "layer":
                    u = F.layer_norm(u, (layer.units,), gamma, beta, layer.eps)
                else:
                    u = F.group_norm(u, layer.groups, gamma, beta, layer.eps)
            learned = [blocks[index + k][2] for k in range(len(layer.learnable))]
            index += len(layer.learnable)
            z = layer.function(u, *learned) if layer.function else ACTIVATIONS[layer.activation](u)
            if layer.skip is not None:
                z = z + zs[layer.skip]
            zs.append(z)
        return z

    def batch_error(self, blocks, x, d):
        y = self.forward(blocks, x)
        if self.loss == "half-sse":
            per_sample = 0.5 * ((y - d) ** 2).sum(dim=1)
        elif self.loss == "mse":
            per_sample = ((y - d) ** 2).mean(dim=1)
        elif self.loss == "cross-entropy":
            per_sample = -(d * torch.log(y)).sum(dim=1)
        elif self.loss == "binary-cross-entropy":
            per_sample = -(d * torch.log(y) + (1 - d) * torch.log(1 - y)).sum(dim=1)
        else:
            raise ValueError(self.loss)
        error = per_sample.sum() if self.batch == "sum" else per_sample.mean()
        if self.l1:
            # Weight rows only: not the bias row, beta, gamma or activation parameters.
            for role, layer, tensor in blocks:
                if role == "weights":
                    error = error + self.l1 * (tensor[1:] if layer.bias else tensor).abs().sum()
        return error


def flat(blocks):
    return torch.cat([tensor.detach().reshape(-1) for _, _, tensor in blocks]).tolist()


def run(case):
    blocks = case.parameters()
    x, d = case.data()
    initial = flat(blocks)
    optimizer = case.optimizer([tensor for _, _, tensor in blocks])
    errors = []
    first_gradient = None
    for _ in range(STEPS):
        optimizer.zero_grad()
        error = case.batch_error(blocks, x, d)
        error.backward()
        if first_gradient is None:
            first_gradient = torch.cat([t.grad.reshape(-1) for _, _, t in blocks]).tolist()
        errors.append(error.item())
        optimizer.step()
    return {
        "name": case.name,
        "spec": case.spec,
        "inputs": x.tolist(),
        "targets": d.tolist(),
        "initial": initial,
        "gradient": first_gradient,
        "errors": errors,
        "final": flat(blocks),
    }


def spec(*lines):
    return "\n".join(lines) + "\n"


CASES = [
    Case("Residual", spec(
        "network Residual", "input 3",
        "layer 4 tanh",
        "layer 4 tanh skip=1",
        "layer 4 relu skip=2",
        "layer 2 identity",
        "loss half-sse", "batch sum", "optimizer sgd lr=0.01 momentum=0.5"),
        3, [Layer(4, "tanh"), Layer(4, "tanh", skip=1), Layer(4, "relu", skip=2),
            Layer(2, "identity")],
        "half-sse", "sum", lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.5), seed=11),
    Case("InputSkip", spec(
        "network InputSkip", "input 4",
        "layer 4 tanh skip=0",
        "layer 4 sigmoid skip=0",
        "layer 1 sigmoid",
        "loss binary-cross-entropy", "batch mean", "optimizer adam lr=0.01"),
        4, [Layer(4, "tanh", skip=0), Layer(4, "sigmoid", skip=0), Layer(1, "sigmoid")],
        "binary-cross-entropy", "mean", lambda p: torch.optim.Adam(p, lr=0.01), seed=12),
    Case("LayerNorm", spec(
        "network LayerNorm", "input 5",
        "layer 6 relu norm=layer",
        "layer 6 tanh norm=layer",
        "layer 3 softmax",
        "loss cross-entropy", "batch mean", "optimizer adam lr=0.01"),
        5, [Layer(6, "relu", norm="layer"), Layer(6, "tanh", norm="layer"), Layer(3, "softmax")],
        "cross-entropy", "mean", lambda p: torch.optim.Adam(p, lr=0.01), seed=13, classes=True),
    Case("GroupNorm", spec(
        "network GroupNorm", "input 4",
        "layer 6 tanh norm=group(g=2) bias=false",
        "layer 2 identity",
        "loss mse", "batch sum", "optimizer rmsprop lr=0.01"),
        4, [Layer(6, "tanh", bias=False, norm="group", groups=2), Layer(2, "identity")],
        "mse", "sum", lambda p: torch.optim.RMSprop(p, lr=0.01), seed=14),
    Case("Prelu", spec(
        "network Prelu", "input 3",
        "layer 5 prelu(a=0.25)",
        "layer 5 prelu(a=0.1)",
        "layer 2 identity",
        "loss half-sse", "batch mean", "optimizer sgd lr=0.1"),
        3, [Layer(5, "prelu", learnable=[("a", 0.25)], function=prelu),
            Layer(5, "prelu", learnable=[("a", 0.1)], function=prelu), Layer(2, "identity")],
        "half-sse", "mean", lambda p: torch.optim.SGD(p, lr=0.1), seed=15),
    Case("Learnable", spec(
        "network Learnable", "input 3",
        "layer 4 f(u; a=1, b=0.5) = a*Tanh(b*u)",
        "layer 2 identity",
        "loss half-sse", "batch sum", "optimizer sgd lr=0.05"),
        3, [Layer(4, "f", learnable=[("a", 1.0), ("b", 0.5)], function=scaled_tanh),
            Layer(2, "identity")],
        "half-sse", "sum", lambda p: torch.optim.SGD(p, lr=0.05), seed=16),
    Case("Lasso", spec(
        "network Lasso", "input 4",
        "layer 5 tanh",
        "layer 2 identity",
        "loss mse", "batch mean", "optimizer sgd lr=0.05",
        "regularize l1=0.01"),
        4, [Layer(5, "tanh"), Layer(2, "identity")],
        "mse", "mean", lambda p: torch.optim.SGD(p, lr=0.05), seed=17, l1=0.01),
    Case("Combined", spec(
        "network Combined", "input 6",
        "layer 6 tanh",
        "layer 6 f(u; a=1, b=0.5) = a*Tanh(b*u) norm=layer skip=1",
        "layer 6 prelu(a=0.25) norm=group(g=2) skip=0",
        "layer 3 softmax",
        "loss cross-entropy", "batch mean",
        "optimizer adamw lr=0.01 weight-decay=0.01",
        "regularize l1=0.001"),
        6, [Layer(6, "tanh"),
            Layer(6, "f", norm="layer", skip=1, learnable=[("a", 1.0), ("b", 0.5)],
                  function=scaled_tanh),
            Layer(6, "prelu", norm="group", groups=2, skip=0, learnable=[("a", 0.25)],
                  function=prelu),
            Layer(3, "softmax")],
        "cross-entropy", "mean",
        lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.01), seed=18, l1=0.001,
        classes=True),
]


def main():
    document = {
        "made by": "codegen/src/test/torch/beyond_mlp.py",
        "torch": torch.__version__,
        "steps": STEPS,
        "cases": [run(case) for case in CASES],
    }
    json.dump(document, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
